/**
Every key of the TUI in one place (the help overlay lists the same). Input is
read only when stdin supports raw mode; `isRawModeSupported` is undefined on a
pipe, hence the Boolean().

Ink hands `useInput` one call per chunk of plain characters it reads: "45"
typed fast, pasted, sent over SSH or by auto-repeat arrives as one `input`
string. `splitKeys` turns such a chunk back into one key per character, so
every one of them counts; escape sequences (arrows, Home, End, Shift-Tab) are
already split apart by Ink and pass through unchanged.
*/
import { useApp, useInput, useStdin, type Key } from 'ink';
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
      { keys: `1 … ${VIEWS.length}`, what: 'go to a view' },
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
      { keys: 'f', what: 'fork at the cursor year (again: off)' },
      { keys: 'F', what: 'remove the fork' },
      { keys: 'x', what: 'drop this run' },
    ],
  },
  {
    title: 'Other',
    keys: [
      { keys: 'g', what: 'what would it take? (target row, lever)' },
      { keys: 'e', what: 'export runs (CSV, JSON, HTML report)' },
      { keys: '?  Esc', what: 'this help' },
      { keys: 'q  Ctrl-C', what: 'quit' },
    ],
  },
];

/** How to read the screen, under the keys when there is room. */
export const READING_HELP = [
  'Numbers are the median of the Monte Carlo runs (the title says how many); P5–P95 and ░ show the band 90 % of runs fall in; ✓ / ✗ judge the median, P is the share of runs that met the target.',
  'Until the runs are done, or without uncertainty, numbers are the central case (every uncertain input at its mode), and say so; sites, hubs, clusters, limits and payback are always the central case.',
  'Changes are green when better, red when worse, shares in percentage points; ▸ marks the row the chart follows; a turned lever reruns the model and appears in Compare.',
];

/** How to read the reported figures (`--observed`), shown in the help only when they are loaded. */
export const REPORTED_HELP =
  "◆ is a reported figure (--observed) at its date: ┆ spans the interval it implies for Gui'an, ▲ / ▼ is a lower / upper bound, and one beyond the chart sits on its edge; ◆ after a value: reported that year.";

/** A Key with nothing pressed (what a plain character reports). */
export const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};

/** One character as Ink reports it when it arrives on its own. */
function keyOf(ch: string): [string, Key] {
  const code = ch.codePointAt(0)!;
  if (ch === '\r') return [ch, { ...NO_KEY, return: true }];
  if (ch === '\t') return [ch, { ...NO_KEY, tab: true }];
  if (ch === '\b') return ['', { ...NO_KEY, backspace: true }];
  if (ch === '\x7f') return ['', { ...NO_KEY, delete: true }];
  if (ch === '\n') return [ch, { ...NO_KEY }];
  if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), { ...NO_KEY, ctrl: true }];
  return [ch, { ...NO_KEY, shift: /^[A-Z]$/.test(ch) }];
}

/**
The keys in one `useInput` call: a chunk of several plain characters ("45", a
paste) gives one key per character, in order; a single key or an escape
sequence Ink has already parsed (an arrow: `key.rightArrow`, input '') is
returned as it came.
*/
export function splitKeys(input: string, key: Key): [string, Key][] {
  const chars = [...input];
  const special =
    key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end ||
    key.return || key.escape || key.tab || key.ctrl || key.meta || key.backspace || key.delete;
  if (chars.length <= 1 || special || input.includes('\u001b')) return [[input, key]];
  return chars.map(keyOf);
}

/** Do what one key asks; false when it quits (the keys after it are not for this app any more). */
export function handleKey(store: TuiStore, exit: () => void, input: string, key: Key): boolean {
  const s = store.getState();
  if ((key.ctrl && input === 'c') || input === 'q') {
    store.close();
    exit();
    return false;
  }
  if (s.message) store.dispatch({ type: 'message' });
  if (s.help) {
    if (key.escape || input === '?' || key.return) store.dispatch({ type: 'help', open: false });
    return true;
  }
  if (input === '?') store.dispatch({ type: 'help', open: true });
  else if (key.tab) store.dispatch({ type: 'viewStep', delta: key.shift ? -1 : 1 });
  else if (/^[1-9]$/.test(input) && Number(input) <= VIEWS.length) store.dispatch({ type: 'view', view: VIEWS[Number(input) - 1]! });
  else if (input === ' ') store.dispatch({ type: 'play' });
  else if (key.home) store.dispatch({ type: 'yearTo', index: 0 });
  else if (key.end) store.dispatch({ type: 'yearTo', index: s.years.length - 1 });
  else if (input === '[') store.dispatch({ type: 'focus', delta: -1 });
  else if (input === ']') store.dispatch({ type: 'focus', delta: 1 });
  else if (input === 'e') {
    if (store.exportRuns().length > 0) void store.exportReport();
  }
  else if (input === ',' || input === '<') store.dispatch({ type: 'year', delta: -1 });
  else if (input === '.' || input === '>') store.dispatch({ type: 'year', delta: 1 });
  else if (input === 'l') store.dispatch({ type: 'levers' });
  else if (input === 'g') store.whatWouldItTake();
  else if (input === 'x') store.dropRun();
  else if (input === 'f') store.fork();
  else if (input === 'F') store.fork(true);
  else if (s.levers.open) {
    if (key.escape) store.dispatch({ type: 'levers', open: false });
    else if (key.upArrow) store.dispatch({ type: 'leverSelect', delta: -1 });
    else if (key.downArrow) store.dispatch({ type: 'leverSelect', delta: 1 });
    else if (key.leftArrow) store.turnLever(-1);
    else if (key.rightArrow) store.turnLever(1);
    else if (key.return) store.keepRun();
    else if (input === 'r') store.resetLever();
  } else if (key.leftArrow) store.dispatch({ type: 'year', delta: -1 });
  else if (key.rightArrow) store.dispatch({ type: 'year', delta: 1 });
  else if (key.upArrow) store.select(-1);
  else if (key.downArrow) store.select(1);
  else if (key.escape) store.closeGoal();
  return true;
}

export function useKeys(store: TuiStore): void {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key) => {
      for (const [i, k] of splitKeys(input, key)) if (!handleKey(store, exit, i, k)) return;
    },
    { isActive: Boolean(isRawModeSupported) },
  );
}
