/**
The frame around the views, as lines: the header (scenario, the run on screen
with what it changes, and what the numbers are: "median of 1,000 runs" or
"central case · Monte Carlo 300/1,000…"), the year timeline with the cursor and
the play status (speed, and whether play stops at each year), the view tabs,
the narration and the footer of keys or the last message. Every width is
counted in terminal cells (src/tui/text.ts), so Chinese text lines up.
*/
import { t } from '../../report/i18n/catalogue.js';
import { localName } from '../../report/names.js';
import { G } from '../glyphs.js';
import { basisLabel, currentYear, narrationOf, PLAY_SPEEDS, runOverrides, VIEWS, viewBasis, viewRuns, viewShortTitle, viewTitle, type TuiState } from '../model.js';
import { truncate, width as textWidth, wrap } from '../text.js';
import { fit, seg, type Line, type Seg } from './lines.js';

const segsWidth = (xs: readonly Seg[]): number => xs.reduce((a, x) => a + textWidth(x.text), 0);

export function headerLine(s: TuiState, width: number): Line {
  const run = s.runs[s.focus]!;
  const names = [...new Set(s.sources.map((x) => x.name))];
  const name = localName(run.scenario);
  const title = names.length > 1 ? `${name}  ${t('tui.header.scenarios', { n: s.sources.length })}` : name;
  const basis = basisLabel(viewRuns(s), viewBasis(s));
  const what = runOverrides(s, run);
  const which = s.runs.length > 1 ? `${t('tui.header.run', { i: s.focus + 1, n: s.runs.length })} ` : '';
  // the scenario keeps at least 16 cells; the run's name gets what is left after the basis
  const whatW = Math.max(12, width - 9 - 16 - textWidth(which) - 3 - textWidth(basis) - 1);
  const rightOf = (withWhat: boolean): Seg[] => {
    const out: Seg[] = [];
    if (which) out.push(seg(which, { dim: true }));
    if (what && withWhat) out.push(seg(truncate(what, whatW), { bold: true, color: 'magenta' }), seg(' · ', { dim: true }));
    out.push(seg(`${basis} `, { dim: true }));
    return out;
  };
  let right = rightOf(true);
  // a narrow terminal gives up the run's name before what the numbers are
  if (19 + segsWidth(right) > width) right = rightOf(false);
  const rightW = segsWidth(right);
  const left: Seg[] = [seg(' dcplan ', { bold: true, color: 'cyan', inverse: true }), seg(' '), seg(truncate(title, Math.max(10, width - 11 - rightW)), { bold: true })];
  const leftW = segsWidth(left);
  if (leftW + rightW + 1 > width) return fit([...left, seg('  '), ...right], width);
  return [...left, seg(' '.repeat(width - leftW - rightW)), ...right];
}

/** "2×", "0.25×": the play speed. */
export function speedText(s: TuiState): string {
  return `${PLAY_SPEEDS[s.speed] ?? 1}×`;
}

/**
The play status at the end of the timeline: "▶ playing 2×" while playing, the
speed otherwise, and "stop each year" when play stops at every year; `short`
drops the word "playing" (the ▶ says it).
*/
export function playStatus(s: TuiState, short = false): Seg[] {
  const out: Seg[] = [
    s.playing
      ? seg(` ${G.play} ${short ? '' : `${t('tui.status.playing')} `}${speedText(s)}`, { color: 'green', bold: true })
      : seg(` ${speedText(s)}`, { dim: true }),
  ];
  if (s.pauseEachYear) out.push(seg(` ${t('tui.status.eachYear')}`, { color: 'yellow' }));
  return out;
}

/** Years with the cursor and the play status; a window around the cursor when they do not all fit. */
export function timelineLine(s: TuiState, width: number): Line {
  const years = s.years;
  // the long status while every year still fits, else the short one
  const roomFor = (st: Seg[]): number => width - 2 - segsWidth(st) - 4;
  // a year takes six cells: its four digits between the cursor's brackets (or spaces)
  const cellW = 6;
  let status = playStatus(s);
  if (years.length * cellW > roomFor(status)) status = playStatus(s, true);
  const room = roomFor(status);
  const n = Math.max(1, Math.min(years.length, Math.floor(room / cellW)));
  const start = Math.max(0, Math.min(years.length - n, s.year - Math.floor(n / 2)));
  const out: Line = [seg(start > 0 ? ` ${G.moreLeft}` : '  ', { dim: true })];
  for (let i = start; i < start + n; i++) {
    const label = String(years[i]);
    const cur = i === s.year;
    const past = i < s.year;
    const pad = cellW - label.length - 2;
    out.push(
      seg(cur ? G.yearOpen : ' ', { color: 'yellow' }),
      seg(label, cur ? { inverse: true, bold: true, color: 'yellow' } : { dim: !past }),
      seg(cur ? G.yearClose : ' ', { color: 'yellow' }),
      seg(' '.repeat(Math.max(0, pad))),
    );
  }
  out.push(seg(start + n < years.length ? `${G.moreRight} ` : '  ', { dim: true }), ...status);
  return fit(out, width, null);
}

export function tabsLine(s: TuiState, width: number): Line {
  const full = VIEWS.map((v, i) => `${i + 1} ${viewTitle(v)}`);
  const short = VIEWS.map((v, i) => `${i + 1} ${viewShortTitle(v)}`);
  const tiny = VIEWS.map((v, i) => (v === s.view ? `${i + 1} ${viewShortTitle(v)}` : String(i + 1)));
  const total = (labels: string[]): number => labels.reduce((a, l) => a + textWidth(l) + 2, 0) + 1;
  const labels = total(full) <= width ? full : total(short) <= width ? short : tiny;
  const out: Line = [seg(' ')];
  labels.forEach((l, i) => {
    const active = VIEWS[i] === s.view;
    out.push(seg(` ${l} `, active ? { inverse: true, bold: true, color: 'cyan' } : {}));
  });
  const used = segsWidth(out);
  if (used < width) out.push(seg(G.h.repeat(width - used), { dim: true }));
  return fit(out, width, null);
}

export function narrationLines(s: TuiState, width: number, height: number): Line[] {
  const run = s.runs[s.focus]!;
  const year = currentYear(s);
  const text = narrationOf(run, year, viewBasis(s));
  const lines = wrap(text, width - 2, height);
  const lead = t('tui.narration.year', { year }).trimEnd();
  return lines.map((l, i) => {
    if (i === 0 && l.startsWith(lead)) return [seg(' '), seg(lead, { bold: true, color: 'yellow' }), seg(l.slice(lead.length))];
    return [seg(' '), seg(l)];
  });
}

function keys(pairs: [string, string][]): Seg[] {
  const out: Seg[] = [seg(' ')];
  for (const [k, what] of pairs) out.push(seg(k, { bold: true, color: 'cyan' }), seg(` ${what}  `, { dim: true }));
  return out;
}

/** Key names in hints, with this session's arrows ("←→", "<->" with --ascii). */
export const hint = {
  leftRight: (): string => `${G.arrowLeft}${G.arrowRight}`,
  upDown: (): string => `${G.arrowUp}${G.arrowDown}`,
};

export function footerLine(s: TuiState, width: number): Line {
  if (s.message) {
    return fit([seg(' '), seg(s.message.text, { color: s.message.kind === 'error' ? 'red' : 'green', bold: s.message.kind === 'error' })], width, null);
  }
  if (s.help || s.glossary) return fit(keys([['Esc', t('tui.footer.close')], ...(s.glossary ? [[hint.upDown(), t('tui.footer.scroll')] as [string, string]] : []), ['q', t('tui.footer.quit')]]), width, null);
  const w = (p: [string, string][]): number => p.reduce((a, [k, what]) => a + textWidth(k) + textWidth(what) + 3, 1);
  if (s.levers.open) {
    const all: [string, string][] = [
      [hint.upDown(), t('tui.footer.lever')], [hint.leftRight(), t('tui.footer.turn')], ['Enter', t('tui.footer.keep')], ['r', t('tui.footer.reset')],
      ['f', t('tui.footer.fork')], ['x', t('tui.footer.drop')], [', .', t('tui.footer.year')], ['l', t('tui.footer.closeLevers')], ['?', t('tui.footer.help')],
    ];
    let pairs = all;
    for (const drop of ['x', ', .', 'f', 'r']) if (w(pairs) > width) pairs = pairs.filter(([k]) => k !== drop);
    return fit(keys(pairs), width, null);
  }
  const goal: [string, string][] = s.view === 'overview' ? [['w', t('tui.footer.goal')]] : [];
  const all: [string, string][] = [
    [hint.leftRight(), t('tui.footer.year')], ['space', t('tui.footer.play')], [`Tab 1-${VIEWS.length}`, t('tui.footer.view')], [hint.upDown(), t('tui.footer.row')],
    ['l', t('tui.footer.levers')], ['[ ]', t('tui.footer.run')], ...goal, ['e', t('tui.footer.export')], ['g', t('tui.footer.glossary')], ['?', t('tui.footer.help')], ['q', t('tui.footer.quit')],
  ];
  let pairs = all;
  for (const drop of ['[ ]', hint.upDown(), 'e', 'w', 'g']) if (w(pairs) > width) pairs = pairs.filter(([k]) => k !== drop);
  return fit(keys(pairs), width, null);
}
