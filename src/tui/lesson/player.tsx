/**
The lesson player, Stella-style: the TUI's view on top (the same view
components as `dcplan tui`) and the lesson panel under it, with the step's
text in full, its key figure in big digits, its question or challenge.

  → space Enter  next step          ← Backspace  previous step
  ↑ ↓ PgUp PgDn  scroll the text    1–4          answer the question
  l              levers (only unlocked ones turn; ↑ ↓ choose, ← → turn, Esc closes;
                 while they are open — a challenge opens them — space and Enter
                 still go to the next step, PgUp PgDn scroll)
  Tab ⇧Tab       another view       , .          year         [ ]  run
  ?              help               q Ctrl-C     quit

Rows at 80×24: header, timeline, the view, a rule with the step's number and
title, the panel, the footer; the last terminal row stays free so Ink redraws
in place. The panel takes what its lines need, up to all but a few rows of the
view; what does not fit scrolls (the rule says "↓ more"), nothing is cut.
*/
import { Box, useApp, useInput, useStdin, type Key } from 'ink';
import { useEffect, useSyncExternalStore, type ReactElement } from 'react';
import { t } from '../../report/i18n/catalogue.js';
import { getLang, type Lang } from '../../report/i18n/lang.js';
import { View } from '../components/app.js';
import type { ViewProps } from '../views/common.js';
import { timelineLine } from '../components/chrome.js';
import { leverLines } from '../components/levers.js';
import { fit, LineView, Lines, seg, useTheme, type Line, type Seg } from '../components/lines.js';
import { G } from '../glyphs.js';
import { splitKeys } from '../hooks/use-keys.js';
import { useTuiState } from '../hooks/use-store.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { basisLabel, viewBasis, viewRuns, type TuiState } from '../model.js';
import { center, padEnd, truncate, width as textWidth, wrap } from '../text.js';
import { screenFigures, type LessonController, type LessonUi } from './controller.js';
import { panelLines } from './panel.js';

export const LESSON_MIN_COLUMNS = 60;
export const LESSON_MIN_ROWS = 16;

/** Fewest rows the view keeps under the panel (the panel scrolls beyond that). */
const MIN_VIEW = 5;

export interface LessonLayout {
  width: number;
  height: number;
  view: number;
  levers: number;
  panel: number;
  /** The panel's lines, all of them (the player shows `panel` from `ui.scroll`). */
  lines: Line[];
  revealAt?: number;
}

/** How the rows are shared out, and the panel's lines. */
export function lessonLayout(c: LessonController, s: TuiState, ui: LessonUi, columns: number, rows: number, lang: Lang = getLang()): LessonLayout {
  const width = Math.max(20, columns);
  const height = Math.max(8, rows - 1);
  const step = c.lesson.steps[ui.step]!;
  const f = screenFigures(s);
  const { lines, revealAt } = f ? panelLines(c.lesson, step, ui.answers[ui.step], f, lang, width) : { lines: [] as Line[], revealAt: undefined };
  // header, timeline, rule, footer
  const room = height - 4;
  const run = s.runs[s.focus];
  const leverCount = run ? (s.sources[run.source]?.levers.length ?? 0) : 0;
  const leverRows = s.levers.open ? Math.max(1, leverCount) + 1 : 0;
  // the levers panel whole when open (the view gives way), else a few rows of the view
  const panel = Math.max(3, Math.min(lines.length, room - Math.max(MIN_VIEW, leverRows)));
  const rest = Math.max(0, room - panel);
  const levers = Math.min(rest, leverRows);
  const out: LessonLayout = { width, height, view: rest - levers, levers, panel, lines };
  if (revealAt !== undefined) out.revealAt = revealAt;
  return out;
}

/** The largest scroll of the panel. */
export function maxScroll(L: LessonLayout): number {
  return Math.max(0, L.lines.length - L.panel);
}

function headerLine(c: LessonController, s: TuiState, ui: LessonUi, width: number, lang: Lang): Line {
  const step = t('lesson.player.step', { n: ui.step + 1, total: c.lesson.steps.length }, lang);
  const basis = basisLabel(viewRuns(s), viewBasis(s));
  const right: Seg[] = [seg(step, { bold: true, color: 'yellow' }), seg(`  ${basis} `, { dim: true })];
  const rightW = right.reduce((a, x) => a + textWidth(x.text), 0);
  const badge = seg(' dcplan ', { bold: true, color: 'cyan', inverse: true });
  const titleW = Math.max(6, width - 9 - 1 - rightW - 1);
  const title = seg(` ${truncate(c.lesson.title[lang], titleW)}`, { bold: true });
  const leftW = textWidth(badge.text) + textWidth(title.text);
  if (leftW + rightW + 1 > width) return fit([badge, title, seg(' '), seg(step, { bold: true, color: 'yellow' })], width, null);
  return [badge, title, seg(' '.repeat(width - leftW - rightW)), ...right];
}

function ruleLine(c: LessonController, ui: LessonUi, L: LessonLayout, width: number, lang: Lang): Line {
  const step = c.lesson.steps[ui.step]!;
  const n = `${ui.step + 1}/${c.lesson.steps.length}`;
  const title = step.title ? step.title[lang] : '';
  const more = [ui.scroll > 0 ? t('lesson.player.above', {}, lang) : '', ui.scroll < maxScroll(L) ? t('lesson.player.more', {}, lang) : ''].filter(Boolean).join(' ');
  const moreSeg = more ? [seg(` ${more} `, { bold: true, color: 'yellow' }), seg(G.h.repeat(2), { dim: true })] : [];
  const moreW = more ? textWidth(more) + 4 : 0;
  const head: Seg[] = [seg(G.h.repeat(2), { dim: true }), seg(` ${n} `, { bold: true, color: 'yellow' })];
  const titleW = Math.max(0, width - 2 - textWidth(n) - 2 - moreW - 2);
  if (title && titleW > 4) head.push(seg(`${truncate(title, titleW)} `, { bold: true }));
  const used = head.reduce((a, x) => a + textWidth(x.text), 0);
  return [...head, seg(G.h.repeat(Math.max(0, width - used - moreW)), { dim: true }), ...moreSeg];
}

function keys(pairs: [string, string][]): Seg[] {
  const out: Seg[] = [seg(' ')];
  for (const [k, what] of pairs) out.push(seg(k, { bold: true, color: 'cyan' }), seg(` ${what}  `, { dim: true }));
  return out;
}

function footerLine(c: LessonController, s: TuiState, ui: LessonUi, width: number, lang: Lang): Line {
  if (s.message) return fit([seg(' '), seg(s.message.text, { color: s.message.kind === 'error' ? 'red' : 'green', bold: s.message.kind === 'error' })], width, null);
  if (ui.notice) {
    const text = ui.notice === 'end' ? t('lesson.player.end', {}, lang) : t('lesson.player.first', {}, lang);
    return fit([seg(' '), seg(text, { bold: true, color: 'yellow' })], width, null);
  }
  const k = (key: Parameters<typeof t>[0]): string => t(key, {}, lang);
  if (ui.help) return keys([['Esc', k('lesson.key.close')], ['q', k('lesson.key.quit')]]);
  if (s.levers.open) {
    let pairs: [string, string][] = [[`${G.arrowUp}${G.arrowDown}`, k('lesson.key.lever')], [`${G.arrowLeft}${G.arrowRight}`, k('lesson.key.turn')], ['space', k('lesson.key.next')], ['l Esc', k('lesson.key.close')], ['?', k('lesson.key.help')], ['q', k('lesson.key.quit')]];
    const w = (p: [string, string][]): number => p.reduce((a, [key, what]) => a + textWidth(key) + textWidth(what) + 3, 1);
    for (const drop of ['?', 'l Esc']) if (w(pairs) > width) pairs = pairs.filter(([key]) => key !== drop);
    return fit(keys(pairs), width, null);
  }
  const step = c.lesson.steps[ui.step]!;
  const all: [string, string][] = [
    [G.arrowRight, k('lesson.key.next')], [G.arrowLeft, k('lesson.key.back')], [`${G.arrowUp}${G.arrowDown}`, k('lesson.key.scroll')],
    ...(step.question ? [[`1-${step.question.choices.length}`, k('lesson.key.answer')] as [string, string]] : []),
    ['l', k('lesson.key.levers')], ['Tab', k('lesson.key.view')], ['?', k('lesson.key.help')], ['q', k('lesson.key.quit')],
  ];
  let pairs = all;
  const w = (p: [string, string][]): number => p.reduce((a, [key, what]) => a + textWidth(key) + textWidth(what) + 3, 1);
  for (const drop of ['Tab', `${G.arrowUp}${G.arrowDown}`, 'l']) if (w(pairs) > width) pairs = pairs.filter(([key]) => key !== drop);
  return fit(keys(pairs), width, null);
}

/** The help overlay: the player's keys and how a lesson moves. */
export function lessonHelpLines(width: number, height: number, lang: Lang = getLang()): Line[] {
  const k = (key: Parameters<typeof t>[0]): string => t(key, {}, lang);
  const groups: [string, [string, string][]][] = [
    [k('lesson.help.steps'), [[`${G.arrowRight} space Enter`, k('lesson.help.next')], [`${G.arrowLeft} Backspace`, k('lesson.help.back')], [`${G.arrowUp} ${G.arrowDown} PgUp PgDn`, k('lesson.help.scroll')], ['1 2 3 4', k('lesson.help.answer')]]],
    [k('lesson.help.explore'), [['l', k('lesson.help.levers')], [`${G.arrowUp} ${G.arrowDown} ${G.arrowLeft} ${G.arrowRight}`, k('lesson.help.turn')], [`Tab ${G.shift}Tab`, k('lesson.help.views')], [', .', k('lesson.help.years')], ['[ ]', k('lesson.help.runs')], ['? Esc', k('lesson.help.close')], ['q Ctrl-C', k('lesson.help.quit')]]],
  ];
  const keyW = Math.max(...groups.flatMap(([, ks]) => ks.map(([key]) => textWidth(key)))) + 2;
  const lines: Line[] = [[seg(center(k('lesson.help.title'), width), { bold: true, inverse: true })], []];
  for (const [title, ks] of groups) {
    lines.push([seg('  '), seg(title, { bold: true, color: 'yellow' })]);
    for (const [key, what] of ks) {
      for (const [i, l] of wrap(what, Math.max(10, width - 4 - keyW)).entries()) lines.push([seg('  '), seg(padEnd(i === 0 ? key : '', keyW), { bold: true, color: 'cyan' }), seg(l)]);
    }
    lines.push([]);
  }
  for (const l of wrap(k('lesson.help.note'), width - 4)) lines.push([seg('  '), seg(l, { dim: true })]);
  return lines.slice(0, Math.max(1, height));
}

/** Do what one key asks; false when it quits. */
export function handleLessonKey(c: LessonController, L: LessonLayout, exit: () => void, input: string, key: Key): boolean {
  const store = c.store;
  const s = store.getState();
  const ui = c.getUi();
  if ((key.ctrl && input === 'c') || input === 'q') {
    c.close();
    exit();
    return false;
  }
  if (s.message) store.dispatch({ type: 'message' });
  c.clearNotice();
  if (ui.help) {
    if (key.escape || input === '?' || key.return) c.help(false);
    return true;
  }
  if (input === '?') {
    c.help(true);
    return true;
  }
  if (input === 'l') {
    store.dispatch({ type: 'levers' });
    return true;
  }
  if (s.levers.open) {
    if (key.escape) store.dispatch({ type: 'levers', open: false });
    else if (key.upArrow) store.dispatch({ type: 'leverSelect', delta: -1 });
    else if (key.downArrow) store.dispatch({ type: 'leverSelect', delta: 1 });
    else if (key.leftArrow) store.turnLever(-1);
    else if (key.rightArrow) store.turnLever(1);
    else if (input === 'r') store.resetLever();
    else if (key.pageUp) c.scroll(-Math.max(1, L.panel - 1), maxScroll(L));
    else if (key.pageDown) c.scroll(Math.max(1, L.panel - 1), maxScroll(L));
    else if (input === ' ' || key.return) c.next();
    else if (key.backspace || key.delete) c.back();
    return true;
  }
  const max = maxScroll(L);
  if (key.rightArrow || input === ' ' || key.return) c.next();
  else if (key.leftArrow || key.backspace || key.delete) c.back();
  else if (key.upArrow) c.scroll(-1, max);
  else if (key.downArrow) c.scroll(1, max);
  else if (key.pageUp) c.scroll(-Math.max(1, L.panel - 1), max);
  else if (key.pageDown) c.scroll(Math.max(1, L.panel - 1), max);
  else if (/^[1-9]$/.test(input)) {
    if (c.answer(Number(input) - 1)) {
      // the reveal: bring it into sight
      const after = lessonLayout(c, store.getState(), c.getUi(), L.width, L.height + 1);
      if (after.revealAt !== undefined) c.scrollTo(Math.min(after.revealAt, maxScroll(after)), maxScroll(after));
    }
  } else if (key.tab) store.dispatch({ type: 'viewStep', delta: key.shift ? -1 : 1 });
  else if (input === ',' || input === '<') store.dispatch({ type: 'year', delta: -1 });
  else if (input === '.' || input === '>') store.dispatch({ type: 'year', delta: 1 });
  else if (input === '[') store.dispatch({ type: 'focus', delta: -1 });
  else if (input === ']') store.dispatch({ type: 'focus', delta: 1 });
  return true;
}

export function LessonPlayer({ controller }: { controller: LessonController }): ReactElement {
  const c = controller;
  const state = useTuiState(c.store);
  const ui = useSyncExternalStore(c.subscribe, c.getUi, c.getUi);
  const { columns, rows } = useTerminalSize();
  const theme = useTheme();
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const lang = getLang();
  const L = lessonLayout(c, state, ui, columns, rows, lang);
  // the roles in the levers panel where there is room for them; the lesson panel names them always
  useEffect(() => c.showOwners(columns >= 100), [c, columns]);
  useInput(
    (input, key) => {
      const now = lessonLayout(c, c.store.getState(), c.getUi(), columns, rows, lang);
      for (const [i, k] of splitKeys(input, key)) if (!handleLessonKey(c, now, exit, i, k)) return;
    },
    { isActive: Boolean(isRawModeSupported) },
  );

  if (columns < LESSON_MIN_COLUMNS || rows < LESSON_MIN_ROWS) {
    const w = Math.max(10, columns);
    return (
      <Box flexDirection="column" width={w}>
        {wrap(t('lesson.player.tooSmall', { w: LESSON_MIN_COLUMNS, h: LESSON_MIN_ROWS, cols: columns, rows }, lang), w).map((l, i) => (
          <LineView key={i} width={w} line={[seg(l, { bold: true })]} />
        ))}
      </Box>
    );
  }
  const w = L.width;
  const scroll = Math.min(ui.scroll, maxScroll(L));
  const shown = L.lines.slice(scroll, scroll + L.panel);
  const viewProps: ViewProps = { state, width: w, height: L.view, color: theme.color };
  return (
    <Box flexDirection="column" width={w} height={L.height}>
      <LineView width={w} line={headerLine(c, state, ui, w, lang)} />
      <LineView width={w} line={timelineLine(state, w)} />
      {ui.help ? (
        <Lines lines={lessonHelpLines(w, L.view + L.levers + L.panel + 1, lang)} width={w} height={L.view + L.levers + L.panel + 1} />
      ) : (
        <>
          {L.view > 0 ? <View {...viewProps} /> : null}
          {L.levers > 0 ? <Lines lines={leverLines(state, w, theme.color)} width={w} height={L.levers} /> : null}
          <LineView width={w} line={ruleLine(c, { ...ui, scroll }, L, w, lang)} />
          <Lines lines={shown} width={w} height={L.panel} />
        </>
      )}
      <LineView width={w} line={footerLine(c, state, ui, w, lang)} />
    </Box>
  );
}
