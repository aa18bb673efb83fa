/**
Every key of the TUI in one place (the help overlay lists the same). Input is
read only when stdin supports raw mode; `isRawModeSupported` is undefined on a
pipe, hence the Boolean().
*/
import { useApp, useInput, useStdin } from 'ink';
import { VIEWS } from '../model.js';
import type { TuiStore } from '../store.js';

export interface KeyHelp {
  keys: string;
  what: string;
}

export const KEY_HELP: { title: string; keys: KeyHelp[] }[] = [
  {
    title: 'Years',
    keys: [
      { keys: '← →  , .', what: 'previous / next year' },
      { keys: 'Home End', what: 'first / last year' },
      { keys: 'space', what: 'play / pause the years' },
    ],
  },
  {
    title: 'Views',
    keys: [
      { keys: 'Tab ⇧Tab', what: 'next / previous view' },
      { keys: '1 … 6', what: 'go to a view' },
      { keys: '↑ ↓', what: 'choose a row (the chart)' },
      { keys: '[ ]', what: 'previous / next run' },
    ],
  },
  {
    title: 'Levers',
    keys: [
      { keys: 'l', what: 'open / close the levers' },
      { keys: '↑ ↓', what: 'choose a lever' },
      { keys: '← →', what: 'turn it (reruns at once)' },
      { keys: 'Enter', what: 'keep run, start a new one' },
      { keys: 'r', what: 'lever back to the file' },
      { keys: 'x', what: 'drop this run' },
    ],
  },
  {
    title: 'Other',
    keys: [
      { keys: 'e', what: 'export runs (CSV + JSON)' },
      { keys: '?  Esc', what: 'this help' },
      { keys: 'q  Ctrl-C', what: 'quit' },
    ],
  },
];

/** How to read the screen, under the keys when there is room. */
export const READING_HELP = [
  'Numbers are the central run (the scenario as written); ░ shades the P5–P95 band of the Monte Carlo runs.',
  'Changes are green when better and red when worse; ▸ marks the chosen row; the chart follows it.',
  'Turning a lever reruns the model at once; the changed run appears in Compare, named by what changed.',
];

export function useKeys(store: TuiStore): void {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key) => {
      const s = store.getState();
      if ((key.ctrl && input === 'c') || input === 'q') {
        store.close();
        exit();
        return;
      }
      if (s.message) store.dispatch({ type: 'message' });
      if (s.help) {
        if (key.escape || input === '?' || key.return) store.dispatch({ type: 'help', open: false });
        return;
      }
      if (input === '?') return store.dispatch({ type: 'help', open: true });
      if (key.tab) return store.dispatch({ type: 'viewStep', delta: key.shift ? -1 : 1 });
      if (/^[1-6]$/.test(input)) return store.dispatch({ type: 'view', view: VIEWS[Number(input) - 1]! });
      if (input === ' ') return store.dispatch({ type: 'play' });
      if (key.home) return store.dispatch({ type: 'yearTo', index: 0 });
      if (key.end) return store.dispatch({ type: 'yearTo', index: s.years.length - 1 });
      if (input === '[') return store.dispatch({ type: 'focus', delta: -1 });
      if (input === ']') return store.dispatch({ type: 'focus', delta: 1 });
      if (input === 'e') {
        store.exportRuns();
        return;
      }
      if (input === ',' || input === '<') return store.dispatch({ type: 'year', delta: -1 });
      if (input === '.' || input === '>') return store.dispatch({ type: 'year', delta: 1 });
      if (input === 'l') return store.dispatch({ type: 'levers' });
      if (input === 'x') return store.dropRun();
      if (s.levers.open) {
        if (key.escape) return store.dispatch({ type: 'levers', open: false });
        if (key.upArrow) return store.dispatch({ type: 'leverSelect', delta: -1 });
        if (key.downArrow) return store.dispatch({ type: 'leverSelect', delta: 1 });
        if (key.leftArrow) return store.turnLever(-1);
        if (key.rightArrow) return store.turnLever(1);
        if (key.return) return store.keepRun();
        if (input === 'r') return store.resetLever();
        return;
      }
      if (key.leftArrow) return store.dispatch({ type: 'year', delta: -1 });
      if (key.rightArrow) return store.dispatch({ type: 'year', delta: 1 });
      if (key.upArrow) return store.select(-1);
      if (key.downArrow) return store.select(1);
    },
    { isActive: Boolean(isRawModeSupported) },
  );
}
