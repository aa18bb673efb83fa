/**
Sweep results (`dcplan sweep`): one row per grid point with the swept values,
the chosen metrics in one year (median and p5/p95 under Monte Carlo) and each
target's probability (or met / missed for the central case).
*/
import type { MonteCarloResult } from '../engine/montecarlo.js';
import { grouped, roundForOutput } from './format.js';
import { cellValue, unitOf } from './compare.js';
import { overridesText } from './caption.js';
import { shortLabelOf } from './display.js';
import { t } from './i18n/catalogue.js';
import { countOf } from './i18n/count.js';
import { getLang } from './i18n/lang.js';
import { displayWidth, padStartW } from './width.js';

export interface SweepCell {
  value: number;
  p5: number | null;
  p95: number | null;
}

export interface SweepRow {
  /** One value per axis. */
  point: number[];
  metrics: SweepCell[];
  /** Per target: probability of meeting it (Monte Carlo), or 1 / 0 met / missed (central case). */
  targets: number[];
}

export interface SweepResult {
  scenario: { name: string; file: string; hash: string };
  /** `--set` overrides applied to every point, as "path=value". */
  overrides: string[];
  seed: number;
  runs: number;
  year: number;
  axes: { path: string; values: number[] }[];
  metrics: string[];
  targets: { id: string; label: string }[];
  rows: SweepRow[];
}

/** The row of one grid point. */
export function sweepRow(mc: MonteCarloResult, point: number[], metrics: readonly string[], year: number): SweepRow {
  const { central } = mc;
  const Y = central.years.length;
  const y = year - central.years[0]!;
  const cells = metrics.map((m): SweepCell => {
    const k = central.metrics.indexOf(m);
    if (k < 0 || y < 0 || y >= Y) return { value: NaN, p5: null, p95: null };
    const b = mc.bands?.[k * Y + y];
    return b ? { value: b.p50, p5: b.p5, p95: b.p95 } : { value: central.values[k * Y + y]!, p5: null, p95: null };
  });
  const targets = mc.targets.map((t) => (t.probability !== undefined ? t.probability : t.met ? 1 : 0));
  return { point: [...point], metrics: cells, targets };
}

const padL = padStartW;

/** What the table names in the reader's language: the scenario's name, its targets' labels (default: `s`'s, English). */
export interface SweepWords {
  name?: string;
  targetLabels?: readonly string[];
}

export function sweepTable(s: SweepResult, words: SweepWords = {}): string {
  const lang = getLang();
  const mc = s.runs > 1;
  const axes = s.axes.map((a) => `${a.path} (${a.values.length})`).join(' × ');
  const lines = [
    `${words.name ?? s.scenario.name}  (${s.scenario.file})`,
    t(mc ? 'table.sweep.mc' : 'table.sweep.central', { axes, points: countOf(s.rows.length, 'point'), runs: grouped(s.runs), seed: s.seed }),
    `${t('table.sweep.year', { year: s.year })}${s.overrides.length > 0 ? ` · ${overridesText(s.overrides, lang)}` : ''}`,
    '',
  ];
  const pOf = (id: string): string => (mc ? `P(${id})` : id);
  const head = [...s.axes.map((a) => a.path), ...s.metrics.map((m) => shortLabelOf(m)), ...s.targets.map((x) => pOf(x.id))];
  const rows = s.rows.map((r) => [
    ...r.point.map((v) => String(v)),
    ...r.metrics.map((c, i) => cellValue(c.value, unitOf(s.metrics[i]!))),
    ...r.targets.map((p) => (mc ? `${Math.round(p * 100)} %` : t(p === 1 ? 'common.met' : 'common.missed'))),
  ]);
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  lines.push(head.map((h, i) => padL(h, widths[i]!)).join('  '));
  for (const r of rows) lines.push(r.map((c, i) => padL(c, widths[i]!)).join('  '));
  if (s.targets.length > 0) {
    lines.push('');
    s.targets.forEach((x, i) => {
      const label = words.targetLabels?.[i] ?? x.label;
      lines.push(mc ? t('table.sweep.targetP', { p: pOf(x.id), label }) : t('table.sweep.target', { id: x.id, label }));
    });
  }
  return lines.join('\n') + '\n';
}

const num = (v: number | null): string => {
  if (v === null) return '';
  const x = roundForOutput(v);
  return x === null ? '' : String(x);
};

/** One row per point: axis values, the year, then each metric (with `_p5` / `_p95` under Monte Carlo), then `target_<id>`. */
export function sweepCsv(s: SweepResult): string {
  const mc = s.runs > 1;
  const head = [...s.axes.map((a) => a.path), 'year'];
  for (const m of s.metrics) head.push(m, ...(mc ? [`${m}_p5`, `${m}_p95`] : []));
  head.push(...s.targets.map((t) => `target_${t.id}`));
  const what = mc ? `median of ${grouped(s.runs)} Monte Carlo runs per point, seed ${s.seed}` : 'central case of each point';
  const caption = `# sweep of ${s.scenario.name} · ${s.scenario.file} · ${what}${s.overrides.length > 0 ? ` · ${overridesText(s.overrides)}` : ''}`;
  const lines = [caption.replace(/[\r\n]+/g, ' '), head.join(',')];
  for (const r of s.rows) {
    const row = [...r.point.map((v) => num(v)), String(s.year)];
    for (const c of r.metrics) row.push(num(c.value), ...(mc ? [num(c.p5), num(c.p95)] : []));
    row.push(...r.targets.map((p) => num(p)));
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
}

export function sweepJson(s: SweepResult): string {
  const r = (v: number | null): number | null => (v === null ? null : roundForOutput(v));
  const doc = {
    scenario: s.scenario,
    overrides: s.overrides,
    seed: s.seed,
    runs: s.runs,
    year: s.year,
    axes: s.axes,
    metrics: s.metrics,
    targets: s.targets,
    points: s.rows.map((row) => ({
      values: Object.fromEntries(s.axes.map((a, i) => [a.path, row.point[i]])),
      metrics: Object.fromEntries(
        s.metrics.map((m, i) => {
          const c = row.metrics[i]!;
          return [m, s.runs > 1 ? { value: r(c.value), p5: r(c.p5), p95: r(c.p95) } : r(c.value)];
        }),
      ),
      targets: Object.fromEntries(s.targets.map((t, i) => [t.id, row.targets[i]])),
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
