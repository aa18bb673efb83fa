/** The TUI state, re-rendering when the store changes. */
import { useSyncExternalStore } from 'react';
import type { TuiState } from '../model.js';
import type { TuiStore } from '../store.js';

export function useTuiState(store: TuiStore): TuiState {
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}
