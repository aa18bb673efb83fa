/**
The levers panel: the focused run's scenario levers, the chosen one marked,
each with its value, a slider from min to max (● now, │ the file's value) and,
when it differs, the file's value.
*/
import { currentYear, type TuiState } from '../model.js';
import { formatLever, isShareLever } from '../runs.js';
import { padEnd, padStart, truncate } from '../text.js';
import { cell, seg, type Line } from './lines.js';

export function leverPanelHeight(s: TuiState): number {
  const run = s.runs[s.focus];
  const n = run ? (s.sources[run.source]?.levers.length ?? 0) : 0;
  return Math.max(1, n) + 1;
}

export function leverLines(s: TuiState, width: number, color: boolean): Line[] {
  const run = s.runs[s.focus]!;
  const info = s.sources[run.source]!;
  const changed = Object.keys(run.levers).length > 0;
  const title: Line = [
    seg(' Levers ', { bold: true, inverse: true, color: 'magenta' }),
    seg(' '),
    seg(truncate(changed ? `${run.label}${run.kept ? ' (kept)' : ''}` : `${info.id}: turn one to make a new run`, width - 40), { bold: changed, color: changed ? 'magenta' : undefined, dim: !changed }),
    seg(`  · rerun in ${run.computeMs.toFixed(0)} ms · ${currentYear(s)}`, { dim: true }),
  ];
  if (info.levers.length === 0) return [title, [seg('  this scenario declares no levers', { dim: true })]];
  const labelW = Math.max(12, Math.min(32, width - 56));
  const valueW = 20;
  const baseW = width >= 100 ? 18 : 12;
  const sliderW = Math.max(6, width - 2 - labelW - valueW - baseW - 2);
  const lines: Line[] = [title];
  info.levers.forEach((l, i) => {
    const sel = i === s.levers.index;
    const base = info.leverBase[l.id]!;
    const v = run.levers[l.id] ?? base;
    const moved = run.levers[l.id] !== undefined;
    const span = l.max - l.min || 1;
    const pos = (x: number): number => Math.max(0, Math.min(sliderW - 1, Math.round(((x - l.min) / span) * (sliderW - 1))));
    const track = Array.from({ length: sliderW }, () => '─');
    track[pos(base)] = '│';
    const at = pos(v);
    const valueText = formatLever(l, v);
    const baseText = moved ? `file ${formatLever(l, base).replace(/ CNY.*$| %$/, isShareLever(l) ? ' %' : '')}` : '';
    lines.push([
      seg(sel ? '▸ ' : '  ', { color: 'cyan', bold: true }),
      cell(l.label, labelW, { bold: sel, inverse: sel && !color }),
      seg(sel ? '◂ ' : '  ', { color: 'cyan' }),
      seg(padStart(valueText, valueW - 4), { bold: true, color: moved ? 'magenta' : undefined }),
      seg(sel ? ' ▸' : '  ', { color: 'cyan' }),
      seg(' '),
      seg(track.slice(0, at).join(''), { dim: true }),
      seg('●', { color: moved ? 'magenta' : 'cyan', bold: true }),
      seg(track.slice(at + 1).join(''), { dim: true }),
      seg(' '),
      seg(padEnd(baseText, baseW), { dim: true }),
    ]);
  });
  return lines;
}
