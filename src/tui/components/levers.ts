/**
The levers panel: the focused run's scenario levers, the chosen one marked,
each with its value, a slider from min to max (● now, │ the file's value) and,
when it differs, the file's value. In a lesson (src/tui/lesson) a locked lever
is dimmed and marked "[locked]", and a lever's owner (a role) follows its label.
*/
import { t } from '../../report/i18n/catalogue.js';
import { G } from '../glyphs.js';
import { currentYear, leverLabel, type TuiState } from '../model.js';
import { formatLever, isShareLever } from '../runs.js';
import { padEnd, padStart, truncate, width as textWidth } from '../text.js';
import { cell, fit, seg, type Line } from './lines.js';

export function leverPanelHeight(s: TuiState): number {
  const run = s.runs[s.focus];
  const n = run ? (s.sources[run.source]?.levers.length ?? 0) : 0;
  return Math.max(1, n) + 1;
}

export function leverLines(s: TuiState, width: number, color: boolean): Line[] {
  const run = s.runs[s.focus]!;
  const info = s.sources[run.source]!;
  const changed = Object.keys(run.levers).length > 0;
  const tail = `  · ${t('tui.levers.rerun', { ms: run.computeMs.toFixed(0) })} · ${currentYear(s)}`;
  const head = ` ${t('tui.levers.title')} `;
  const name = changed ? `${run.label}${run.kept ? ` ${t('tui.levers.kept')}` : ''}` : t('tui.levers.turnOne', { id: info.id });
  const title: Line = fit([
    seg(head, { bold: true, inverse: true, color: 'magenta' }),
    seg(' '),
    seg(truncate(name, Math.max(8, width - textWidth(head) - 1 - textWidth(tail))), { bold: changed, color: changed ? 'magenta' : undefined, dim: !changed }),
    seg(tail, { dim: true }),
  ], width, null);
  if (info.levers.length === 0) return [title, [seg(`  ${t('tui.levers.none')}`, { dim: true })]];
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
    const track = Array.from({ length: sliderW }, () => G.h);
    track[pos(base)] = G.v;
    const at = pos(v);
    const valueText = formatLever(l, v);
    const baseText = moved ? t('tui.levers.file', { value: formatLever(l, base).replace(/ CNY.*$| %$/, isShareLever(l) ? ' %' : '') }) : '';
    const locked = s.levers.locked?.includes(l.id) ?? false;
    const owner = s.levers.owners?.[l.id];
    // a lesson step's lock and the role holding the lever, in words (no emoji: terminals draw them at odd widths)
    const tags = [locked ? `[${t('tui.levers.lockedMark')}]` : '', owner ? `(${owner})` : ''].filter(Boolean).join(' ');
    const label = leverLabel(l);
    const labelText = tags ? `${truncate(label, Math.max(4, labelW - textWidth(tags) - 1))} ${tags}` : label;
    lines.push([
      seg(sel ? `${G.pointer} ` : '  ', { color: 'cyan', bold: true }),
      cell(labelText, labelW, { bold: sel && !locked, inverse: sel && !color, dim: locked }),
      seg(sel && !locked ? `${G.pointerLeft} ` : '  ', { color: 'cyan' }),
      seg(padStart(valueText, valueW - 4), { bold: !locked, dim: locked, color: moved ? 'magenta' : undefined }),
      seg(sel && !locked ? ` ${G.pointer}` : '  ', { color: 'cyan' }),
      seg(' '),
      seg(track.slice(0, at).join(''), { dim: true }),
      seg(G.knob, { color: moved ? 'magenta' : 'cyan', bold: !locked, dim: locked }),
      seg(track.slice(at + 1).join(''), { dim: true }),
      seg(' '),
      seg(padEnd(baseText, baseW), { dim: true }),
    ]);
  });
  return lines;
}
