/**
The monthly profile as CSV and JSON (`dcplan run --monthly`, docs/results.md):
one row per month, the month as `YYYY-MM` first, then MONTHLY_FIELDS.

The same conventions as the yearly outputs: the CSV's first line is a `#`
comment naming the scenario, what the numbers are (median of N runs and the
seed, or the central case) and the `--set` overrides; under Monte Carlo each
field has `<field>_p5` and `<field>_p95` columns. The JSON carries
`scenario, overrides, seed, runs, statistic`, the field names and `months`,
each month with its values and, under Monte Carlo, `bands: {<field>: {p5, p50, p95}}`.
Numbers are rounded to 12 significant digits; NaN (a field not modelled) is an
empty CSV cell and a JSON null.
*/
import type { MonthlyProfile } from '../engine/monthly.js';
import { monthLabel } from '../engine/simulate.js';
import type { Scenario } from '../scenario/types.js';
import { overridesText } from './caption.js';
import { grouped, roundForOutput as r } from './format.js';

const cell = (v: number): string => {
  const x = r(v);
  return x === null ? '' : String(x);
};

/** "median" under Monte Carlo, else "central case" (as the yearly JSON says). */
export function monthlyStatistic(p: MonthlyProfile): 'median' | 'central case' {
  return p.bands ? 'median' : 'central case';
}

/** What the numbers are, in the yearly caption's words (src/report/caption.ts), and that they are monthly. */
export function monthlyCaption(scenario: Scenario, p: MonthlyProfile): string {
  const what = p.bands
    ? `median of ${grouped(p.runs)} Monte Carlo runs, seed ${p.seed}`
    : scenario.uncertainty.length > 0 ? 'central case (inputs as written, no sampling)' : 'central case (no uncertainty in the scenario)';
  const text = `monthly profile · ${what}`;
  return scenario.overrides.length > 0 ? `${text} · ${overridesText(scenario.overrides)}` : text;
}

export function monthlyCsv(scenario: Scenario, p: MonthlyProfile): string {
  const F = p.fields.length;
  const header = ['month', ...p.fields];
  if (p.bands) for (const f of p.fields) header.push(`${f}_p5`, `${f}_p95`);
  const lines = [`# ${scenario.name} · ${scenario.file} · ${monthlyCaption(scenario, p)}`.replace(/[\r\n]+/g, ' '), header.join(',')];
  for (let i = 0; i < p.months; i++) {
    const row = [monthLabel(p.start, i)];
    for (let f = 0; f < F; f++) row.push(cell(p.value[i * F + f]!));
    if (p.bands) for (let f = 0; f < F; f++) row.push(cell(p.bands.p5[i * F + f]!), cell(p.bands.p95[i * F + f]!));
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
}

export function monthlyObject(scenario: Scenario, p: MonthlyProfile): Record<string, unknown> {
  const F = p.fields.length;
  const months: Record<string, unknown>[] = [];
  for (let i = 0; i < p.months; i++) {
    const row: Record<string, unknown> = { month: monthLabel(p.start, i) };
    for (let f = 0; f < F; f++) row[p.fields[f]!] = r(p.value[i * F + f]!);
    if (p.bands) {
      const b: Record<string, unknown> = {};
      for (let f = 0; f < F; f++) {
        const k = i * F + f;
        b[p.fields[f]!] = { p5: r(p.bands.p5[k]!), p50: r(p.bands.p50[k]!), p95: r(p.bands.p95[k]!) };
      }
      row.bands = b;
    }
    months.push(row);
  }
  return {
    scenario: { name: scenario.name, file: scenario.file, hash: scenario.hash },
    overrides: scenario.overrides,
    seed: p.seed,
    runs: p.runs,
    statistic: monthlyStatistic(p),
    fields: [...p.fields],
    months,
  };
}

export function monthlyJson(scenario: Scenario, p: MonthlyProfile): string {
  return JSON.stringify(monthlyObject(scenario, p), null, 2) + '\n';
}
