/**
One story on every screen: the table, JSON and CSV of the same result show the
same numbers — the median under Monte Carlo, the run itself for a central case —
and the same target verdicts. (The TUI and its export are held to it in
test/tui.)
*/
import { describe, expect, it } from 'vitest';
import { monteCarlo, type MonteCarloResult } from '../../src/engine/montecarlo.js';
import { yearlyCsv } from '../../src/report/csv.js';
import { resultObject } from '../../src/report/json.js';
import { COLUMNS, resultTable } from '../../src/report/table.js';
import type { Scenario } from '../../src/scenario/types.js';
import { baseScenario } from '../engine/builder.js';

interface Doc {
  runs: number;
  statistic: string;
  years: Record<string, number>[];
  targets: { id: string; value: number; met: boolean; probability?: number }[];
}

function uncertain(): Scenario {
  const sc = baseScenario();
  sc.uncertainty = [
    { path: 'construction.delayFactor', mode: 'set', dist: { type: 'uniform', min: 0.9, max: 1.8 } },
    { path: 'investment.total', mode: 'scale', dist: { type: 'uniform', min: 0.3, max: 0.9 } },
  ];
  return sc;
}

/** The table's year rows, cell by cell. */
function tableRows(text: string, years: number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const line of text.split('\n')) {
    const cells = line.trim().split(/\s+/);
    const y = Number(cells[0]);
    if (years.includes(y) && cells.length === COLUMNS.length + 1) out.set(y, cells.slice(1));
  }
  return out;
}

/** CSV rows by year: metric → number, or null for an empty cell (a metric not modelled); the comment line skipped. */
function csvRows(text: string): Map<number, Record<string, number | null>> {
  const lines = text.trim().split('\n').filter((l) => !l.startsWith('#'));
  const head = lines[0]!.split(',');
  const out = new Map<number, Record<string, number | null>>();
  for (const l of lines.slice(1)) {
    const cells = l.split(',');
    out.set(Number(cells[0]), Object.fromEntries(head.map((h, i) => [h, cells[i] === '' ? null : Number(cells[i])])));
  }
  return out;
}

function agree(mc: MonteCarloResult): void {
  const doc = resultObject(mc) as unknown as Doc;
  const table = resultTable(mc);
  const years = doc.years.map((y) => y.year!);
  const rows = tableRows(table, years);
  const csv = csvRows(yearlyCsv(mc));
  expect(rows.size).toBe(years.length);
  for (const y of doc.years) {
    // table cells are the JSON values, formatted
    expect(rows.get(y.year!)).toEqual(COLUMNS.map((c) => c.fmt(y[c.metric]!)));
    // CSV cells are the JSON values, exactly
    for (const m of mc.central.metrics) expect(csv.get(y.year!)![m], `${m} ${y.year}`).toBe(y[m]);
  }
  // targets: the same verdict on both faces
  for (const t of doc.targets) {
    const line = table.split('\n').find((l) => l.includes(mc.targets.find((x) => x.id === t.id)!.label))!;
    expect(line.trim().startsWith(t.met ? 'met' : 'missed'), line).toBe(true);
    if (t.probability !== undefined) expect(line).toContain(`P ${String(Math.round(t.probability * 100)).padStart(3)} %`);
  }
}

describe('table, JSON and CSV agree', () => {
  it('on a Monte Carlo result: medians everywhere, and "met" only when the median meets it', () => {
    const mc = monteCarlo(uncertain(), { runs: 60, seed: 3 });
    expect(mc.bands).toBeDefined();
    agree(mc);
    const doc = resultObject(mc) as unknown as Doc;
    expect(doc.statistic).toBe('median');
    for (const t of mc.targets) expect(t.met).toBe(t.value >= (t.atLeast ?? -Infinity) && t.value <= (t.atMost ?? Infinity));
    expect(resultTable(mc)).toContain('median of 60 Monte Carlo runs, seed 3');
  });

  it('on a central run, labelled "central case" on every face', () => {
    const mc = monteCarlo(uncertain(), { runs: 1 });
    agree(mc);
    expect(resultTable(mc)).toContain('central case');
    expect(yearlyCsv(mc).split('\n')[0]).toContain('central case');
    expect((resultObject(mc) as unknown as Doc).statistic).toBe('central case');
  });

  it('says in one line when the central case and the median disagree on a target', () => {
    // a goal the central run just meets; most runs, with the budget cut to 30–90 %, do not
    const sc = uncertain();
    const central = monteCarlo(sc, { runs: 1 }).targets[0]!.value;
    sc.targets = [{ ...sc.targets[0]!, atLeast: central }];
    const mc = monteCarlo(sc, { runs: 60, seed: 3 });
    const c = mc.centralTargets[0]!;
    const m = mc.targets[0]!;
    expect(c.met).toBe(true);
    expect(m.met).toBe(false);
    expect(resultTable(mc).replace(/\s+/g, ' ')).toMatch(/the central case meets it \(.*\); the median of 60 runs does not \(P\s+\d+\s%\)/);
  });

  it('every header names the overrides', () => {
    const sc = uncertain();
    sc.overrides = ['investment=60'];
    const mc = monteCarlo(sc, { runs: 10, seed: 1 });
    expect(resultTable(mc)).toContain('--set investment=60');
    expect(yearlyCsv(mc).split('\n')[0]).toContain('--set investment=60');
    expect(resultObject(mc).overrides).toEqual(['investment=60']);
  });
});
