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
import { t } from '../../report/i18n/catalogue.js';
import { glossaryMaxTop } from '../components/glossary.js';
import { G } from '../glyphs.js';
import { VIEWS } from '../model.js';
import type { TuiStore } from '../store.js';

export interface KeyHelp {
  keys: string;
  what: string;
}

/** Every key, grouped, in the session's language and glyphs (the help overlay). */
export function keyHelp(): { title: string; keys: KeyHelp[] }[] {
  const lr = `${G.arrowLeft} ${G.arrowRight}`;
  const ud = `${G.arrowUp} ${G.arrowDown}`;
  return [
    {
      title: t('tui.help.years'),
      keys: [
        { keys: `${lr}  , .`, what: t('tui.help.yearStep') },
        { keys: 'Home End', what: t('tui.help.yearEnds') },
        { keys: 'space', what: t('tui.help.play') },
        { keys: '+ -', what: t('tui.help.speed') },
        { keys: 'p', what: t('tui.help.pauseEachYear') },
      ],
    },
    {
      title: t('tui.help.views'),
      keys: [
        { keys: `Tab ${G.shift}Tab`, what: t('tui.help.viewStep') },
        { keys: `1 … ${VIEWS.length}`, what: t('tui.help.viewTo') },
        { keys: ud, what: t('tui.help.row') },
        { keys: '[ ]', what: t('tui.help.runStep') },
      ],
    },
    {
      title: t('tui.help.levers'),
      keys: [
        { keys: 'l', what: t('tui.help.leversOpen') },
        { keys: ud, what: t('tui.help.leverChoose') },
        { keys: lr, what: t('tui.help.leverTurn') },
        { keys: 'Enter', what: t('tui.help.keep') },
        { keys: 'r', what: t('tui.help.reset') },
        { keys: 'f F', what: t('tui.help.fork') },
        { keys: 'x', what: t('tui.help.drop') },
      ],
    },
    {
      title: t('tui.help.other'),
      keys: [
        { keys: 'w', what: t('tui.help.goal') },
        { keys: 'g', what: t('tui.help.glossary') },
        { keys: 'e', what: t('tui.help.export') },
        { keys: '?  Esc', what: t('tui.help.help') },
        { keys: 'q  Ctrl-C', what: t('tui.help.quit') },
      ],
    },
  ];
}

/** How to read the screen, under the keys when there is room. */
export function readingHelp(): string[] {
  return [
    t('tui.help.reading1', { band: G.band, ok: G.ok, no: G.no }),
    t('tui.help.reading2'),
    t('tui.help.reading3', { pointer: G.pointer }),
  ];
}

/** How to read the reported figures (`--observed`), shown in the help only when they are loaded. */
export function reportedHelp(): string {
  return t('tui.help.reported', { diamond: G.diamond, span: G.span, up: G.up, down: G.down });
}

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

/** The terminal's size, for keys whose reach depends on what is drawn (scrolling the glossary). */
export interface KeySize {
  columns: number;
  rows: number;
}

/** Do what one key asks; false when it quits (the keys after it are not for this app any more). */
export function handleKey(store: TuiStore, exit: () => void, input: string, key: Key, size: KeySize = { columns: 80, rows: 24 }): boolean {
  const s = store.getState();
  if ((key.ctrl && input === 'c') || input === 'q') {
    store.close();
    exit();
    return false;
  }
  if (s.message) store.dispatch({ type: 'message' });
  if (s.help) {
    if (key.escape || input === '?' || key.return) store.dispatch({ type: 'help', open: false });
    else if (input === 'g') store.dispatch({ type: 'glossary', open: true });
    return true;
  }
  if (s.glossary) {
    const max = glossaryMaxTop(s, size.columns, size.rows);
    const page = Math.max(1, size.rows - 10);
    if (key.escape || input === 'g' || key.return) store.dispatch({ type: 'glossary', open: false });
    else if (input === '?') store.dispatch({ type: 'help', open: true });
    else if (key.upArrow) store.dispatch({ type: 'glossaryScroll', delta: -1, max });
    else if (key.downArrow) store.dispatch({ type: 'glossaryScroll', delta: 1, max });
    else if (key.pageUp) store.dispatch({ type: 'glossaryScroll', delta: -page, max });
    else if (key.pageDown || input === ' ') store.dispatch({ type: 'glossaryScroll', delta: page, max });
    else if (key.home) store.dispatch({ type: 'glossaryScroll', delta: -Infinity, max });
    else if (key.end) store.dispatch({ type: 'glossaryScroll', delta: Infinity, max });
    return true;
  }
  if (input === '?') store.dispatch({ type: 'help', open: true });
  else if (input === 'g') store.dispatch({ type: 'glossary', open: true });
  else if (key.tab) store.dispatch({ type: 'viewStep', delta: key.shift ? -1 : 1 });
  else if (/^[1-9]$/.test(input) && Number(input) <= VIEWS.length) store.dispatch({ type: 'view', view: VIEWS[Number(input) - 1]! });
  else if (input === ' ') store.dispatch({ type: 'play' });
  else if (input === '+' || input === '=') store.dispatch({ type: 'speed', delta: 1 });
  else if (input === '-' || input === '_') store.dispatch({ type: 'speed', delta: -1 });
  else if (input === 'p') store.dispatch({ type: 'pauseEachYear' });
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
  else if (input === 'w') store.whatWouldItTake();
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

export function useKeys(store: TuiStore, size: KeySize): void {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key) => {
      for (const [i, k] of splitKeys(input, key)) if (!handleKey(store, exit, i, k, size)) return;
    },
    { isActive: Boolean(isRawModeSupported) },
  );
}
