/**
The frame around the views, as lines: the header (scenario, the run on screen
with what it changes, and what the numbers are: "median of 1,000 runs" or
"central case · Monte Carlo 300/1,000…"), the year timeline with the cursor,
the view tabs, the narration and the footer of keys or the last message.
*/
import { basisLabel, currentYear, narrationOf, runOverrides, VIEW_TITLES, VIEWS, viewBasis, viewRuns, type TuiState } from '../model.js';
import { truncate, width as textWidth, wrap } from '../text.js';
import { fit, seg, type Line, type Seg } from './lines.js';

export function headerLine(s: TuiState, width: number): Line {
  const run = s.runs[s.focus]!;
  const names = [...new Set(s.sources.map((x) => x.name))];
  const title = names.length > 1 ? `${run.scenario.name}  (${s.sources.length} scenarios)` : run.scenario.name;
  const basis = basisLabel(viewRuns(s), viewBasis(s));
  const what = runOverrides(s, run);
  const which = s.runs.length > 1 ? `run ${s.focus + 1}/${s.runs.length} ` : '';
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
  if (19 + right.reduce((a, x) => a + textWidth(x.text), 0) > width) right = rightOf(false);
  const rightW = right.reduce((a, x) => a + textWidth(x.text), 0);
  const left: Seg[] = [seg(' dcplan ', { bold: true, color: 'cyan', inverse: true }), seg(' '), seg(truncate(title, Math.max(10, width - 11 - rightW)), { bold: true })];
  const leftW = left.reduce((a, x) => a + textWidth(x.text), 0);
  if (leftW + rightW + 1 > width) return fit([...left, seg('  '), ...right], width);
  return [...left, seg(' '.repeat(width - leftW - rightW)), ...right];
}

/** Years with the cursor; a window around the cursor when they do not all fit. */
export function timelineLine(s: TuiState, width: number): Line {
  const years = s.years;
  const status: Seg = s.playing ? seg(' ▶ playing', { color: 'green', bold: true }) : seg(' ', {});
  const room = width - 2 - textWidth(status.text) - 4;
  const cellW = years.length * 6 <= room ? 6 : 5;
  const n = Math.max(1, Math.min(years.length, Math.floor(room / cellW)));
  const start = Math.max(0, Math.min(years.length - n, s.year - Math.floor(n / 2)));
  const out: Line = [seg(start > 0 ? ' ‹' : '  ', { dim: true })];
  for (let i = start; i < start + n; i++) {
    const label = String(years[i]);
    const cur = i === s.year;
    const past = i < s.year;
    const pad = cellW - label.length - 2;
    out.push(
      seg(cur ? '▕' : ' ', { color: 'yellow' }),
      seg(label, cur ? { inverse: true, bold: true, color: 'yellow' } : { dim: !past }),
      seg(cur ? '▏' : ' ', { color: 'yellow' }),
      seg(' '.repeat(Math.max(0, pad))),
    );
  }
  out.push(seg(start + n < years.length ? '› ' : '  ', { dim: true }), status);
  return out;
}

export function tabsLine(s: TuiState, width: number): Line {
  const full = VIEWS.map((v, i) => `${i + 1} ${VIEW_TITLES[v]}`);
  const short = VIEWS.map((v, i) => `${i + 1} ${v === 'datacenters' ? 'DCs' : v === 'energy' ? 'Energy' : VIEW_TITLES[v]}`);
  const total = (labels: string[]): number => labels.reduce((a, l) => a + l.length + 2, 0) + 1;
  const labels = total(full) <= width ? full : short;
  const out: Line = [seg(' ')];
  labels.forEach((l, i) => {
    const active = VIEWS[i] === s.view;
    out.push(seg(` ${l} `, active ? { inverse: true, bold: true, color: 'cyan' } : {}));
  });
  const used = out.reduce((a, x) => a + textWidth(x.text), 0);
  if (used < width) out.push(seg('─'.repeat(width - used), { dim: true }));
  return out;
}

export function narrationLines(s: TuiState, width: number, height: number): Line[] {
  const run = s.runs[s.focus]!;
  const year = currentYear(s);
  const text = narrationOf(run, year, viewBasis(s));
  const lines = wrap(text, width - 2, height);
  return lines.map((l, i) => {
    if (i === 0 && l.startsWith(`${year}:`)) return [seg(' '), seg(`${year}:`, { bold: true, color: 'yellow' }), seg(l.slice(String(year).length + 1))];
    return [seg(' '), seg(l)];
  });
}

function keys(pairs: [string, string][]): Seg[] {
  const out: Seg[] = [seg(' ')];
  for (const [k, what] of pairs) out.push(seg(k, { bold: true, color: 'cyan' }), seg(` ${what}  `, { dim: true }));
  return out;
}

export function footerLine(s: TuiState, width: number): Line {
  if (s.message) {
    return fit([seg(' '), seg(s.message.text, { color: s.message.kind === 'error' ? 'red' : 'green', bold: s.message.kind === 'error' })], width, null);
  }
  if (s.help) return keys([['Esc', 'close help'], ['q', 'quit']]);
  if (s.levers.open) {
    const wide: [string, string][] = [['↑↓', 'lever'], ['←→', 'turn'], ['Enter', 'keep run'], ['r', 'reset'], ['f', 'fork at year'], ['x', 'drop run'], [', .', 'year'], ['l', 'close'], ['?', 'help']];
    return fit(keys(width >= 90 ? wide : wide.filter(([k]) => k !== 'x' && k !== ', .' && k !== 'f')), width, null);
  }
  const goal: [string, string][] = s.view === 'overview' ? [['g', 'goal']] : [];
  const all: [string, string][] = [['←→', 'year'], ['space', 'play'], [`Tab 1-${VIEWS.length}`, 'view'], ['↑↓', 'row'], ['l', 'levers'], ['[ ]', 'run'], ...goal, ['e', 'export'], ['?', 'help'], ['q', 'quit']];
  let pairs = all;
  const w = (p: [string, string][]): number => p.reduce((a, [k, what]) => a + k.length + what.length + 3, 1);
  for (const drop of ['g', '[ ]', '↑↓', 'e']) if (w(pairs) > width) pairs = pairs.filter(([k]) => k !== drop);
  return fit(keys(pairs), width, null);
}

