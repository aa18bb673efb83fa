/**
Observations as data (src/scenario/observed.ts, docs/observations.md): the shipped
file loads; values with units land in each metric's reporting unit (METRICS), not
the scenario's base unit; intervals for Gui'an follow the documented formulas;
every problem is located at file:line:col with its path.
*/
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadObservations, readObservationsText, ScenarioError } from '../../src/scenario/index.js';
import { METRIC_NAMES } from '../../src/scenario/metric-names.js';
import type { Observation, ObservationSet } from '../../src/scenario/types.js';

const FIX = 'test/fixtures/observed';
const SHIPPED = 'data/observed/guizhou.yaml';
const HORIZON = { start: 2020, end: 2030 };

/** The formatted problems a load throws (fails the test if it does not throw a ScenarioError). */
function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as ScenarioError).problems.map(formatProblem);
  }
  throw new Error('expected a ScenarioError');
}

const byId = (set: ObservationSet, id: string): Observation => {
  const o = set.observations.find((x) => x.id === id);
  if (!o) throw new Error(`no observation ${id}`);
  return o;
};

/** A one-item file: the given lines after a valid id/date/scope/definition/source/quality. */
const one = (lines: string): string =>
  `observations:\n  - id: x\n    date: 2024\n    scope: guian\n    definition: d\n    source: https://example.org/x\n    quality: sourced\n${lines}`;

describe('the shipped observations (data/observed/guizhou.yaml)', () => {
  const set = loadObservations(SHIPPED, { horizon: HORIZON });

  it('loads within 2020–2030, with 15–25 observations, unique ids and known metrics', () => {
    expect(set.file).toBe(SHIPPED);
    expect(set.observations.length).toBeGreaterThanOrEqual(15);
    expect(set.observations.length).toBeLessThanOrEqual(25);
    expect(new Set(set.observations.map((o) => o.id)).size).toBe(set.observations.length);
    for (const o of set.observations) {
      expect(METRIC_NAMES as readonly string[]).toContain(o.metric);
      expect(o.year).toBeGreaterThanOrEqual(2020);
      expect(o.year).toBeLessThanOrEqual(2030);
      expect(o.source).toMatch(/^https?:\/\//);
      expect(o.lo).toBeLessThanOrEqual(o.hi);
      expect(o.share[0]).toBeLessThanOrEqual(o.share[1]);
      if (o.scope === 'guian' && o.kind !== 'point') expect(o.share).toEqual([1, 1]);
      expect(o.definition.length).toBeGreaterThan(5);
    }
  });

  it('hashes the file bytes', () => {
    expect(set.hash).toBe(createHash('sha256').update(readFileSync(SHIPPED)).digest('hex'));
  });

  it('marks low-quality figures, with the wider default uncertainty', () => {
    const lq = set.observations.filter((o) => o.quality === 'low-quality').map((o) => o.id);
    expect(lq).toContain('csg-server-claim-2022');
    expect(lq).toContain('guian-cards-2024-01');
    expect(byId(set, 'guian-cards-2024-01').uncertainty).toBe(0.3);
    expect(byId(set, 'telecom-servers-2025-03').uncertainty).toBe(0.1);
  });

  it('reads the site figures as lower bounds for the cluster', () => {
    const t = byId(set, 'telecom-servers-2025-03');
    expect(t).toMatchObject({ metric: 'serversInstalled', year: 2025, month: 3, kind: 'atLeast', value: 120000, scope: 'guian', lo: 108000, hi: Infinity });
    expect(t.center).toBeUndefined();
    expect(byId(set, 'cmcc-racks-2024-07')).toMatchObject({ metric: 'rackCapacity', kind: 'atLeast', value: 30000, lo: 27000 });
    expect(byId(set, 'telecom-racks-2025-03')).toMatchObject({ metric: 'physicalRacks', kind: 'atLeast', value: 14000, lo: 12600 });
  });

  it('gives Guizhou figures a share for Gui\'an, in the metric\'s unit (EFLOPS, Tbps)', () => {
    const cards = byId(set, 'guizhou-cards-2023');
    expect(cards).toMatchObject({ metric: 'aiCards', scope: 'guizhou', share: [0.75, 1], kind: 'atLeast' });
    expect(cards.lo).toBeCloseTo(70000 * 0.9 * 0.75, 6);
    const ai = byId(set, 'guian-eflops-2025-03');
    expect(ai.value).toBe(56); // EFLOPS, not 56e6 TFLOPS
    expect(ai.lo).toBeCloseTo(56 * 0.9 * 0.95, 9);
    expect(ai.hi).toBeCloseTo(56 * 1.1 * 1, 9);
    expect(ai.center).toBeCloseTo(Math.sqrt(ai.lo * ai.hi), 6);
    const bw = byId(set, 'guizhou-bandwidth-2023');
    expect(bw.value).toBe(38); // 38000 Gbps = 38 Tbps
    expect(bw.lo).toBeCloseTo(38 * 0.7 * 0.5, 9);
    expect(bw.hi).toBeCloseTo(38 * 1.3 * 1, 9);
  });

  it('reads upper bounds from 0', () => {
    expect(byId(set, 'guian-peak-load-2024')).toMatchObject({ metric: 'itPowerMW', kind: 'atMost', value: 630, lo: 0 });
    expect(byId(set, 'guian-peak-load-2024').hi).toBeCloseTo(693, 9);
    expect(byId(set, 'csg-server-claim-2022')).toMatchObject({ metric: 'serverCapacity', kind: 'atMost', value: 3e6, lo: 0, hi: 3.9e6 });
  });
});

describe('resolved intervals, by hand', () => {
  const set = loadObservations(`${FIX}/valid.yaml`);

  it('a point with a share and an uncertainty', () => {
    const o = byId(set, 'guizhou-compute');
    expect(o).toMatchObject({ kind: 'point', value: 57, share: [0.6, 0.9], uncertainty: 0.2, year: 2024 });
    expect(o.month).toBeUndefined();
    expect(o.lo).toBeCloseTo(57 * 0.8 * 0.6, 9); // 27.36
    expect(o.hi).toBeCloseTo(57 * 1.2 * 0.9, 9); // 61.56
    expect(o.center).toBeCloseTo(Math.sqrt(27.36 * 61.56), 6); // 41.04: the geometric middle
  });

  it('a range (low-quality: ±30 % by default)', () => {
    const o = byId(set, 'bandwidth');
    expect(o).toMatchObject({ kind: 'range', min: 30, max: 40, share: [0.8, 1], uncertainty: 0.3, quality: 'low-quality' });
    expect(o.value).toBeUndefined();
    expect(o.lo).toBeCloseTo(30 * 0.7 * 0.8, 9);
    expect(o.hi).toBeCloseTo(40 * 1.3 * 1, 9);
    expect(o.center).toBeCloseTo(Math.sqrt(16.8 * 52), 6);
  });

  it('atLeast and atMost are one-sided', () => {
    expect(byId(set, 'telecom-servers')).toMatchObject({ lo: 108000, hi: Infinity, share: [1, 1] });
    expect(byId(set, 'peak-load')).toMatchObject({ lo: 0, hi: 693 });
    expect(byId(set, 'peak-load').center).toBeUndefined();
    const signed = readObservationsText(one('    metric: npvCNY\n    kind: atMost\n    value: -5 billion CNY\n')).observations[0]!;
    expect(signed.lo).toBe(-Infinity);
    expect(signed.hi).toBeCloseTo(-4.5e9, 0);
    const pue = readObservationsText(one('    metric: pue\n    kind: atMost\n    value: 1.3\n')).observations[0]!;
    expect(pue.lo).toBe(1);
  });

  it('keeps where each observation was written', () => {
    expect(byId(set, 'telecom-servers')).toMatchObject({ file: `${FIX}/valid.yaml`, line: 3, col: 5 });
    expect(byId(set, 'guizhou-compute').line).toBe(12);
  });
});

describe('values with units, in each metric\'s reporting unit', () => {
  const set = loadObservations(`${FIX}/valid.yaml`);
  const v = (id: string) => byId(set, id).value ?? byId(set, id).min;

  it.each([
    ['telecom-servers', '120 thousand servers', 120000],
    ['guizhou-compute', '57 EFLOPS → EFLOPS (aiEflops), not the base TFLOPS', 57],
    ['bandwidth', '30000 Gbps → Tbps', 30],
    ['peak-load', '630000 kW → MW', 630],
    ['energy', '1.83 TWh → GWh', 1830],
    ['cards', '76 thousand (a count)', 76000],
    ['utilisation', '62.72 % (a share)', 0.6272],
    ['racks', '30 thousand racks', 30000],
    ['capex', '100 billion CNY', 1e11],
    ['carbon', '500000 t → kt', 500],
  ])('%s: %s', (id, _what, expected) => {
    expect(v(id)).toBeCloseTo(expected, 9);
  });

  it('standard racks may be given as a power (2.5 kW each), physical racks may not', () => {
    expect(readObservationsText(one('    metric: rackCapacity\n    kind: point\n    value: 35 MW\n')).observations[0]!.value).toBe(14000);
    expect(problemsOf(() => readObservationsText(one('    metric: physicalRacks\n    kind: point\n    value: 35 MW\n'), 't.yaml'))).toEqual([
      't.yaml:10:12  observations.0.value  physicalRacks is in racks: expected racks (e.g. "14000 racks"), got "35 MW" (a power)',
    ]);
  });

  it('the range\'s max may use another unit of the same kind (40 Tbps)', () => {
    expect(byId(set, 'bandwidth').max).toBe(40);
  });

  it('defaults: share [1, 1] for Gui\'an, uncertainty 0.1 sourced and 0.3 low-quality', () => {
    expect(byId(set, 'energy')).toMatchObject({ share: [1, 1], uncertainty: 0.1 });
    expect(byId(set, 'cards')).toMatchObject({ uncertainty: 0.3 });
  });

  it('accepts shares and uncertainties as percentages, and a single share for both ends', () => {
    const o = readObservationsText(one('    metric: energyGWh\n    kind: point\n    value: 5 GWh\n    share: 80 %\n    uncertainty: "20 %"\n')).observations[0]!;
    expect(o).toMatchObject({ share: [0.8, 0.8], uncertainty: 0.2 });
    expect(o.lo).toBeCloseTo(5 * 0.8 * 0.8, 9);
  });

  it('a .json file is read as strict JSON', () => {
    const o = loadObservations(`${FIX}/valid.json`).observations[0]!;
    expect(o).toMatchObject({ id: 'cards', year: 2024, month: 1, value: 76000, share: [0.75, 1] });
    expect(o.lo).toBeCloseTo(76000 * 0.9 * 0.75, 6);
  });
});

describe('every problem located, all at once', () => {
  const lines = problemsOf(() => loadObservations(`${FIX}/errors.yaml`, { horizon: HORIZON }));
  const F = `${FIX}/errors.yaml`;

  it.each([
    ['unknown metric, with did-you-mean', `${F}:3:13  observations.0.metric  unknown metric "aiEflop" (did you mean "aiEflops"?) (docs/observations.md lists the metrics and their units)`],
    ['a date outside the horizon', `${F}:13:11  observations.1.date  2019 is outside the horizon 2020–2030`],
    ['a range with min > max', `${F}:24:10  observations.2.min  min 60 EFLOPS is greater than max 40 EFLOPS`],
    ['a missing source', `${F}:30:5  observations.3.source  missing key "source": the URL of the page the figure is on`],
    ['a missing share for a wider scope', `${F}:38:5  observations.4.share  missing key "share": a guizhou figure needs Gui'an's share of it as [low, high], e.g. share: [0.75, 1]`],
    ['a unit that does not fit the metric', `${F}:51:12  observations.5.value  itPowerMW is in MW: expected a power (e.g. "630 MW"), got "630 racks" (racks)`],
    ['a duplicate id', `${F}:56:9  observations.6.id  duplicate id "a" (first at line 2)`],
    ['a misspelt key, with did-you-mean', `${F}:69:5  observations.7.vlaue  unknown key "vlaue" (did you mean "value"?)`],
    ['the value that key should have given', `${F}:65:5  observations.7.value  missing key "value": a point observation takes a value, e.g. value: "1830 GWh"`],
    ['an unknown kind', `${F}:77:11  observations.8.kind  unknown kind "atleast" (did you mean "atLeast"?)`],
    ['a plain number where the metric has a unit', `${F}:78:12  observations.8.value  1830 is a plain number: energyGWh is in GWh, give a unit, e.g. "1830 GWh"`],
    ['an unknown scope', `${F}:79:12  observations.8.scope  unknown scope "guizhuo" (did you mean "guizhou"?)`],
    ['a source that is not a URL', `${F}:81:13  observations.8.source  expected a URL (http:// or https://) of the page the figure is on, got "example.org/i"`],
    ['an unknown quality', `${F}:82:14  observations.8.quality  unknown quality "excellent" (one of sourced, low-quality)`],
    ['a share with low > high', `${F}:83:13  observations.8.share.0  the low share 0.9 is greater than the high share 0.5`],
    ['an uncertainty out of range', `${F}:84:18  observations.8.uncertainty  a relative uncertainty must be at least 0 and less than 1, got 1.5`],
  ])('%s', (_what, line) => {
    expect(lines).toContain(line);
  });

  it('reports nothing else, in file order', () => {
    expect(lines).toHaveLength(16);
    const pos = lines.map((l) => Number(/:(\d+):/.exec(l)![1]));
    expect(pos).toEqual([...pos].sort((a, b) => a - b));
  });

  it('without a horizon, any sane year is accepted', () => {
    const again = problemsOf(() => loadObservations(`${FIX}/errors.yaml`));
    expect(again.some((l) => l.includes('horizon'))).toBe(false);
    expect(again).toHaveLength(15);
  });

  it('strict JSON for a .json file', () => {
    expect(problemsOf(() => loadObservations(`${FIX}/bad.json`))).toEqual([
      `${FIX}/bad.json:3:83  (top)  JSON syntax: trailing comma before "}" (not allowed in JSON)`,
    ]);
    // the same text as YAML is fine
    const text = readFileSync(`${FIX}/bad.json`, 'utf8');
    expect(problemsOf(() => readObservationsText(text, 'bad.yaml'))[0]).not.toMatch(/JSON syntax/);
  });

  it('a missing file', () => {
    expect(problemsOf(() => loadObservations(`${FIX}/nope.yaml`))).toEqual([`${FIX}/nope.yaml:1:1  (top)  file not found: ${FIX}/nope.yaml`]);
  });
});

describe('more problems', () => {
  const msg = (text: string) => problemsOf(() => readObservationsText(text, 't.yaml'));

  it('units: unknown ones, counts given a unit, thousands separators, USD', () => {
    expect(msg(one('    metric: aiEflops\n    kind: point\n    value: 56 EFLOP\n'))).toEqual([
      't.yaml:10:12  observations.0.value  unknown unit "EFLOP" in "56 EFLOP" (did you mean "EFLOPS"?)',
    ]);
    expect(msg(one('    metric: aiCards\n    kind: point\n    value: 76000 cards\n'))[0]).toMatch(/unknown unit "cards" in "76000 cards": aiCards is a count, write a plain number \(e.g. "76000"\)/);
    expect(msg(one('    metric: dcOperational\n    kind: point\n    value: 10 racks\n'))[0]).toMatch(/dcOperational is a count: give a plain number \(e.g. "10"\), not "10 racks" \(racks\)/);
    expect(msg(one('    metric: aiCards\n    kind: point\n    value: "76,000"\n'))[0]).toMatch(/without thousands separators, e.g. "76000"/);
    expect(msg(one('    metric: capexCNY\n    kind: point\n    value: 5 billion USD\n'))[0]).toMatch(/capexCNY is in CNY: expected money .* \(money in USD\)/);
    expect(msg(one('    metric: serversInstalled\n    kind: point\n    value: 14000 racks\n'))[0]).toMatch(/serversInstalled is a count: give a plain number/);
  });

  it('ranges of values: negative counts, shares above 1', () => {
    expect(msg(one('    metric: rackCapacity\n    kind: point\n    value: -5 racks\n'))[0]).toMatch(/observations\.0\.value {2}rackCapacity must be at least 0 \(not negative\), got -5/);
    expect(msg(one('    metric: rackUtilization\n    kind: point\n    value: 1.2\n'))[0]).toMatch(/rackUtilization is a share: it must be at most 1, got 1.2/);
    expect(msg(one('    metric: energyGWh\n    kind: point\n    value: 5 GWh\n    share: [0.5, 1.5]\n'))[0]).toMatch(/observations\.0\.share\.1 {2}a share must be between 0 and 1, got 1.5/);
    expect(msg(one('    metric: energyGWh\n    kind: point\n    value: 5 GWh\n    share: [0.5, 0.7, 1]\n'))[0]).toMatch(/expected Gui'an's share as \[low, high\]/);
  });

  it('kinds and their values', () => {
    expect(msg(one('    metric: rackCapacity\n    kind: range\n    value: 5 racks\n'))).toEqual([
      't.yaml:2:5  observations.0.min  missing key "min": a range takes min and max, e.g. min: "14000 racks"',
      't.yaml:2:5  observations.0.max  missing key "max": a range takes min and max, e.g. max: "14000 racks"',
      't.yaml:10:5  observations.0.value  a range takes min and max, not value (or use kind: point)',
    ]);
    expect(msg(one('    metric: rackCapacity\n    kind: point\n    value: 5 racks\n    min: 3 racks\n'))).toEqual([
      't.yaml:11:5  observations.0.min  min belongs to kind: range; point takes value',
    ]);
    expect(msg(one('    metric: energyGWh\n    kind: point\n    value: [1, 2]\n'))[0]).toMatch(/expected a value of energyGWh \(e.g. "1830 GWh"\), got a list/);
  });

  it('dates: a year or a year-month', () => {
    const d = (date: string) => msg(`observations:\n  - id: x\n    metric: aiCards\n    date: ${date}\n    kind: point\n    value: 5\n    scope: guian\n    definition: d\n    source: https://e.org\n    quality: sourced\n`);
    expect(d('July 2024')).toEqual(['t.yaml:4:11  observations.0.date  expected a year (2024) or a year-month (2024-07), got "July 2024"']);
    expect(d('2024-13')[0]).toMatch(/month 13 of "2024-13": a month is 1–12/);
    expect(d('2024-07-15')[0]).toMatch(/expected a year \(2024\) or a year-month/);
    expect(readObservationsText(one('    metric: aiCards\n    kind: point\n    value: 5\n').replace('date: 2024', 'date: 2024-7')).observations[0]).toMatchObject({ year: 2024, month: 7 });
  });

  it('a ratio metric takes no share; from a wider scope it needs its own uncertainty', () => {
    const nat = (extra: string) => msg(`observations:\n  - id: x\n    metric: rackUtilization\n    date: 2024\n    kind: point\n    value: 0.63\n    scope: national\n    definition: d\n    source: https://e.org\n    quality: sourced\n${extra}`);
    expect(nat('    uncertainty: 0.3\n    share: [0.5, 1]\n')).toEqual([
      "t.yaml:12:5  observations.0.share  rackUtilization is a ratio, not a sum: a share does not apply (a wider scope's ratio is a proxy for Gui'an's; widen its uncertainty instead)",
    ]);
    expect(nat('')).toEqual([
      "t.yaml:2:5  observations.0.uncertainty  missing key \"uncertainty\": a national rackUtilization stands in for Gui'an's: say how far it may be off (e.g. uncertainty: 0.3)",
    ]);
  });

  it('the file as a whole: top-level keys, the list, its items', () => {
    expect(msg('')).toEqual(['t.yaml:1:1  (top)  the file is empty: expected "observations:" and a list of reported figures']);
    expect(msg('- 1\n')).toEqual(['t.yaml:1:1  (top)  the top level must be a mapping with the key "observations", got a list']);
    expect(msg('observation: []\n')).toEqual([
      't.yaml:1:1  observation  unknown key "observation" (did you mean "observations"?): an observation file has one key, "observations"',
      't.yaml:1:1  (top)  missing key "observations": a list of reported figures',
    ]);
    expect(msg('observations: 5\n')).toEqual(['t.yaml:1:15  observations  expected a list of observations, got 5']);
    expect(msg('observations: []\n')).toEqual(['t.yaml:1:15  observations  the list is empty: give at least one reported figure']);
    const items = msg('observations:\n  - 5\n  - {}\n');
    expect(items[0]).toBe('t.yaml:2:5  observations.0  expected an observation (a mapping with id, metric, date, kind, ...), got 5');
    expect(items.slice(1).map((l) => /observations\.1\.(\w+)/.exec(l)![1])).toEqual(['id', 'metric', 'date', 'kind', 'scope', 'definition', 'source', 'quality']);
    expect(msg('observations:\n  - id: 12\n')).toContain('t.yaml:2:9  observations.0.id  an id is a name of letters, digits, "-" and "_" starting with a letter (e.g. guizhou-cards-2023), got 12');
    expect(msg('observations:\n  - id: a\n    id: b\n')[0]).toBe('t.yaml:3:5  (top)  YAML syntax: Map keys must be unique');
  });

  it('hashes the text it reads', () => {
    const text = one('    metric: aiCards\n    kind: point\n    value: 5\n');
    expect(readObservationsText(text, 'x.yaml').hash).toBe(createHash('sha256').update(text).digest('hex'));
  });
});
