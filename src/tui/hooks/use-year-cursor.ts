/**
The year cursor's animation: while playing, advance one year every `stepMs`
and stop at the last year (the reducer handles ←/→, Home/End and space).
*/
import { useEffect } from 'react';
import type { TuiStore } from '../store.js';

export function useYearPlayback(store: TuiStore, playing: boolean, stepMs: number): void {
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => store.dispatch({ type: 'tick' }), stepMs);
    return () => clearInterval(timer);
  }, [store, playing, stepMs]);
}
