/**
Sensitivity results (`dcplan sensitivity`): the uncertain parameters ranked by
their one-at-a-time P10/P90 swing of a metric, with the Spearman rank
correlation from a Monte Carlo sample beside it, and a tornado chart for the
terminal. See src/engine/sensitivity.ts for what the two measures mean.
*/
import type { Swing } from '../engine/sensitivity.js';
import { rankBy } from '../engine/sensitivity.js';
import type { DistributionSpec } from '../scenario/types.js';
import { grouped, roundForOutput } from './format.js';
import { cellValue, compact } from './compare.js';
import { labelOf, unitSuffix } from './display.js';
import { t } from './i18n/catalogue.js';
import { clipW, displayWidth, padEndW, padStartW } from './width.js';

export interface SensitivityRow extends Swing {
  /** Rank by swing (1 = largest). */
  rank: number;
  distribution: string;
  spearman: number;
  /** Rank by |Spearman ρ| (1 = strongest); null when ρ is undefined. */
  spearmanRank: number | null;
}

export interface SensitivityResult {
  scenario: { name: string; file: string; hash: string };
  metric: string;
  unit: string;
  year: number;
  /** The metric in the central case. */
  base: number;
  pLow: number;
  pHigh: number;
  seed: number;
  /** Monte Carlo runs behind the rank correlations. */
  runs: number;
  rows: SensitivityRow[];
}

/** "pert(0.9, 1, 1.6)" */
export function describeDistribution(d: DistributionSpec): string {
  const n = (v: number): string => String(Number(v.toPrecision(6)));
  switch (d.type) {
    case 'uniform':
      return `uniform(${n(d.min)}, ${n(d.max)})`;
    case 'normal':
      return `normal(mean ${n(d.mean)}, sd ${n(d.sd)})`;
    case 'lognormal':
      return `lognormal(mu ${n(d.mu)}, sigma ${n(d.sigma)})`;
    case 'triangular':
      return `triangular(${n(d.min)}, ${n(d.mode)}, ${n(d.max)})`;
    case 'pert':
      return `pert(${n(d.min)}, ${n(d.mode)}, ${n(d.max)})`;
    case 'discrete':
      return `discrete(${d.values.map(n).join(', ')})`;
  }
}

/** Rows ranked by swing, with Spearman ρ (by entry index) and its own rank. */
export function sensitivityRows(swings: readonly Swing[], spearman: readonly number[], dists: readonly DistributionSpec[]): SensitivityRow[] {
  const byRho = rankBy(
    swings.filter((s) => Number.isFinite(spearman[s.index] ?? NaN)),
    (s) => spearman[s.index]!,
  );
  const rhoRank = new Map(byRho.map((s, i) => [s.index, i + 1]));
  return swings.map((s, i) => ({
    ...s,
    rank: i + 1,
    distribution: describeDistribution(dists[s.index]!),
    spearman: spearman[s.index] ?? NaN,
    spearmanRank: rhoRank.get(s.index) ?? null,
  }));
}

const padL = padStartW;
const padR = padEndW;
const clip = clipW;
const short = compact;
const rho = (v: number): string => (Number.isFinite(v) ? (v >= 0 ? ' ' : '') + v.toFixed(2) : '–');

export const LOW_MARK = '░';
export const HIGH_MARK = '█';

/**
Tornado chart: one bar per parameter around the central value, the P10 input's
result in `░`, the P90 input's in `█`, widest swing on top. `width` is the
whole line (at least 60).
*/
export function tornado(r: SensitivityResult, width = 80): string[] {
  const labelW = Math.min(28, Math.max(12, ...r.rows.map((x) => displayWidth(x.name))));
  const half = Math.max(10, Math.floor((width - labelW - 3) / 2));
  const span = Math.max(0, ...r.rows.flatMap((x) => [Math.abs(x.low - r.base), Math.abs(x.high - r.base)]));
  const len = (d: number): number => (span === 0 ? 0 : Math.round((Math.abs(d) / span) * half));
  const lines: string[] = [];
  const lo = cellValue(r.base - span, r.unit);
  const mid = cellValue(r.base, r.unit);
  const hi = cellValue(r.base + span, r.unit);
  const scale = padR(lo, half - Math.ceil(displayWidth(mid) / 2)) + mid;
  lines.push(`${' '.repeat(labelW + 1)}${scale}${padL(hi, 2 * half + 1 - displayWidth(scale))}`);
  for (const x of r.rows) {
    const left = new Array<string>(half).fill(' ');
    const right = new Array<string>(half).fill(' ');
    const bars = [
      { d: x.low - r.base, mark: LOW_MARK },
      { d: x.high - r.base, mark: HIGH_MARK },
    ].sort((a, b) => Math.abs(b.d) - Math.abs(a.d)); // longer first, the shorter drawn over it
    for (const { d, mark } of bars) {
      const n = len(d);
      for (let j = 0; j < n; j++) {
        if (d < 0) left[half - 1 - j] = mark;
        else right[j] = mark;
      }
    }
    lines.push(`${padR(clip(x.name, labelW), labelW)} ${left.join('')}│${right.join('')}`.trimEnd());
  }
  lines.push(`${' '.repeat(labelW + 1)}${t('table.sens.legend', { low: LOW_MARK, high: HIGH_MARK, pLow: Math.round(r.pLow * 100), pHigh: Math.round(r.pHigh * 100) })}`);
  return lines;
}

/** The table (and tornado) in the session's language; `name` is the scenario's name in it (default: `r`'s). */
export function sensitivityTable(r: SensitivityResult, width = 80, name = r.scenario.name): string {
  const lo = `P${Math.round(r.pLow * 100)}`;
  const hi = `P${Math.round(r.pHigh * 100)}`;
  const lines = [
    `${name}  (${r.scenario.file})`,
    t('table.sens.title', { label: labelOf(r.metric), year: r.year, base: `${cellValue(r.base, r.unit)}${r.unit && r.unit !== 'share' ? ` ${unitSuffix(r.unit)}` : ''}` }),
    t('table.sens.swing', { lo, hi }),
    t('table.sens.rho', { runs: grouped(r.runs), seed: r.seed }),
    '',
  ];
  const head = ['#', t('table.sens.parameter'), `${lo} → ${hi}`, t('table.sens.at', { p: lo }), t('table.sens.at', { p: hi }), t('table.sens.swingCol'), 'ρ'];
  const rows = r.rows.map((x) => [
    String(x.rank),
    x.name + (x.mode === 'scale' ? ' ×' : ''),
    `${short(x.lowInput)} → ${short(x.highInput)}`,
    cellValue(x.low, r.unit),
    cellValue(x.high, r.unit),
    cellValue(x.swing, r.unit),
    rho(x.spearman),
  ]);
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((x) => displayWidth(x[i]!))));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 1 ? padR(c, widths[i]!) : padL(c, widths[i]!))).join('  ').trimEnd();
  lines.push(line(head), ...rows.map(line));
  if (r.rows.some((x) => x.mode === 'scale')) lines.push(t('table.sens.scale'));
  lines.push('', ...tornado(r, width));
  return lines.join('\n') + '\n';
}

const num = (v: number | null): string => {
  if (v === null) return '';
  const x = roundForOutput(v);
  return x === null ? '' : String(x);
};

export function sensitivityCsv(r: SensitivityResult): string {
  const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['rank,parameter,mode,distribution,lowInput,highInput,low,high,swing,spearman,spearmanRank'];
  for (const x of r.rows) {
    lines.push([x.rank, q(x.name), x.mode, q(x.distribution), num(x.lowInput), num(x.highInput), num(x.low), num(x.high), num(x.swing),
      num(Number.isFinite(x.spearman) ? x.spearman : null), x.spearmanRank ?? ''].join(','));
  }
  return lines.join('\n') + '\n';
}

export function sensitivityJson(r: SensitivityResult): string {
  const n = (v: number): number | null => roundForOutput(v);
  const doc = {
    scenario: r.scenario,
    metric: r.metric,
    unit: r.unit,
    year: r.year,
    base: n(r.base),
    pLow: r.pLow,
    pHigh: r.pHigh,
    seed: r.seed,
    runs: r.runs,
    parameters: r.rows.map((x) => ({
      rank: x.rank,
      parameter: x.name,
      index: x.index,
      mode: x.mode,
      distribution: x.distribution,
      lowInput: n(x.lowInput),
      highInput: n(x.highInput),
      low: n(x.low),
      high: n(x.high),
      swing: n(x.swing),
      spearman: Number.isFinite(x.spearman) ? n(x.spearman) : null,
      spearmanRank: x.spearmanRank,
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
