/**
The text reports in Chinese: the yearly table, compare, sweep, sensitivity and
goal tables speak Chinese, count in 万 and 亿, line up by terminal width (a
Chinese character takes two columns), and keep their numbers the ones the
English table and the JSON give. Machine outputs do not change with the
language.
*/
import { describe, expect, it } from 'vitest';
import { monteCarlo, type MonteCarloResult } from '../../src/engine/montecarlo.js';
import { compareCsv, compareJson, compareResults, compareTable, DEFAULT_COMPARE_METRICS } from '../../src/report/compare.js';
import { perRunCsv, yearlyCsv } from '../../src/report/csv.js';
import { grouped } from '../../src/report/format.js';
import { withLang } from '../../src/report/i18n/lang.js';
import { toJson } from '../../src/report/json.js';
import { columnsFor, COLUMNS, COLUMNS_ZH, resultTable } from '../../src/report/table.js';
import { displayWidth } from '../../src/report/width.js';
import { loadScenario } from '../../src/scenario/index.js';
import { METRICS } from '../../src/scenario/metric-names.js';
import { labelOf, shortLabelOf, unitSuffix } from '../../src/report/display.js';
import { sweepTable, type SweepResult } from '../../src/report/sweep.js';

const HAN = /\p{Script=Han}/u;
const plan = loadScenario('scenarios/guian-plan.yaml');
const mc: MonteCarloResult = monteCarlo(plan, { runs: 40, seed: 5 });
const central: MonteCarloResult = monteCarlo(plan, { runs: 1 });

/** Display columns at which each non-space run of a line ends. */
function ends(line: string): number[] {
  const out: number[] = [];
  let col = 0;
  let inWord = false;
  for (const ch of line) {
    const w = displayWidth(ch);
    if (ch === ' ') {
      if (inWord) out.push(col);
      inWord = false;
    } else inWord = true;
    col += w;
  }
  if (inWord) out.push(col);
  return out;
}

describe('the yearly table in Chinese', () => {
  const zh = withLang('zh', () => resultTable(mc));
  const lines = zh.split('\n');
  const head = lines.findIndex((l) => l.startsWith('年份'));
  const rows = lines.slice(head + 2, head + 2 + mc.central.years.length);

  it('has Chinese headers with 万 and 亿 units, and Chinese headings', () => {
    expect(head).toBeGreaterThan(0);
    expect(lines[head]).toContain('服务器');
    expect(lines[head + 1]).toMatch(/万台.*亿元/);
    expect(zh).toContain('目标（达成 = 中位数达到目标');
    expect(zh).toContain('建设：规划中的');
    expect(zh).toMatch(/\d+(\.\d+)?亿 元/); // money in 亿 in the sentences
    expect(zh).toMatch(/\d+(\.\d+)?万 台/); // servers in 万 in the targets
    expect(zh).not.toMatch(/\bbn CNY\b|\bmet\b|\bmissed\b|Targets|Construction/);
  });

  it('lines up every year row under its header by display width, within 80 columns', () => {
    const want = ends(lines[head]!);
    expect(want).toHaveLength(COLUMNS_ZH.length + 1);
    for (const r of rows) expect(ends(r), r).toEqual(want);
    for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(80);
  });

  it('shows the numbers the English table and the JSON show, in 万 and 亿', () => {
    const doc = JSON.parse(toJson(mc)) as { years: Record<string, number>[] };
    rows.forEach((r, y) => {
      const cells = r.trim().split(/\s+/);
      expect(Number(cells[0])).toBe(doc.years[y]!.year);
      COLUMNS_ZH.forEach((c, i) => expect(cells[i + 1], `${c.metric} ${cells[0]}`).toBe(c.fmt(doc.years[y]![c.metric]!)));
    });
    const servers = COLUMNS_ZH.find((c) => c.metric === 'serverCapacity')!;
    expect(servers.fmt(4_040_000)).toBe('404');
    expect(COLUMNS_ZH.find((c) => c.metric === 'capexCumCNY')!.fmt(42.0e9)).toBe('420');
    // the same metrics as the English columns, in the same order
    expect(COLUMNS_ZH.map((c) => c.metric)).toEqual(COLUMNS.map((c) => c.metric));
    expect(columnsFor('en')).toBe(COLUMNS);
  });

  it('leaves the English table as it was, and English the default', () => {
    const en = resultTable(mc);
    expect(en).toContain('Targets (met = the median meets it');
    expect(en).not.toMatch(HAN);
    expect(withLang('en', () => resultTable(mc))).toBe(en);
    expect(resultTable(central)).toContain('Targets (central case)');
  });
});

describe('machine outputs do not change with the language', () => {
  it('CSV and JSON are the same bytes in Chinese and English', () => {
    for (const [name, f] of [
      ['json', () => toJson(mc, { events: true })],
      ['csv', () => yearlyCsv(mc)],
      ['per-run csv', () => perRunCsv(mc)],
      ['central json', () => toJson(central, { events: true })],
    ] as [string, () => string][]) {
      expect(withLang('zh', f), name).toBe(withLang('en', f));
    }
  });
});

describe('compare in Chinese', () => {
  const realistic = loadScenario('scenarios/guian-realistic-cost.yaml');
  const mcs = [monteCarlo(plan, { runs: 30, seed: 2 }), monteCarlo(realistic, { runs: 30, seed: 2 })];
  const c = compareResults(mcs, DEFAULT_COMPARE_METRICS, [2025]);

  it('has Chinese headings, P(B 更好), 万 / 亿 cells, columns aligned by width', () => {
    const text = withLang('zh', () => compareTable(c, ['贵安规划', '按全国平均建设成本']));
    const lines = text.split('\n');
    expect(lines[0]).toBe(`A = 贵安规划  (${plan.file})`);
    const head = lines.findIndex((l) => l.startsWith('指标'));
    expect(lines[head]).toContain('P(B 更好)');
    const table = lines.slice(head, head + 1 + c.rows.length);
    const width = displayWidth(table[0]!);
    for (const l of table) {
      expect(displayWidth(l), l).toBe(width);
      expect(ends(l).at(-1)).toBe(width); // the last column right-aligned
    }
    expect(text).toContain(`${labelOf('serverCapacity', undefined, 'zh')}（台）`);
    expect(text).toMatch(/\d万 /);
    expect(text).toMatch(/\d亿 /);
    expect(text).toContain('P(X 更好) = 在该指标上 X 优于 A 的配对模拟所占比例');
  });

  it('keeps compare CSV and JSON the same bytes in both languages', () => {
    expect(withLang('zh', () => compareCsv(c))).toBe(withLang('en', () => compareCsv(c)));
    expect(withLang('zh', () => compareJson(c))).toBe(withLang('en', () => compareJson(c)));
  });
});

describe('metric words', () => {
  it('gives every metric a Chinese label and short label, and unit words, and English as it was', () => {
    for (const m of Object.keys(METRICS)) {
      expect(labelOf(m, undefined, 'zh'), m).toMatch(HAN.test(labelOf(m, undefined, 'zh')) ? HAN : /PUE/);
      expect(shortLabelOf(m, 'zh').length, m).toBeLessThanOrEqual(labelOf(m, undefined, 'zh').length);
      expect(labelOf(m, undefined, 'en')).toBe(METRICS[m as keyof typeof METRICS].label);
    }
    expect(unitSuffix('servers', 'zh')).toBe('台');
    expect(unitSuffix('CNY', 'zh')).toBe('元');
    expect(unitSuffix('GWh', 'zh')).toBe('GWh');
    expect(unitSuffix('servers', 'en')).toBe('servers');
    expect(labelOf('myDerived', 'My derived', 'zh')).toBe('My derived');
  });

  it('sweep: Chinese words, 万 / 亿 cells, aligned by width', () => {
    const s: SweepResult = {
      scenario: { name: plan.name, file: plan.file, hash: plan.hash }, overrides: [], seed: 1, runs: 1, year: 2025,
      axes: [{ path: 'investment', values: [20, 60] }], metrics: ['serverCapacity', 'capexCumCNY'],
      targets: [{ id: 'dcs', label: '12 mega DCs operating by 2025' }],
      rows: [
        { point: [20], metrics: [{ value: 2.21e6, p5: null, p95: null }, { value: 19.6e9, p5: null, p95: null }], targets: [0] },
        { point: [60], metrics: [{ value: 4.05e6, p5: null, p95: null }, { value: 42e9, p5: null, p95: null }], targets: [1] },
      ],
    };
    const text = withLang('zh', () => sweepTable(s, { name: '贵安规划', targetLabels: ['2025 年前 12 个超大型数据中心投入运营'] }));
    const lines = text.split('\n');
    expect(lines[1]).toBe('扫描 investment (2) = 2 个点；每个点取基准情形');
    expect(lines[4]).toMatch(/服务器容量.*累计资本支出/);
    expect(lines[5]).toMatch(/221万 +196亿 +未达成$/);
    expect(lines[6]).toMatch(/405万 +420亿 +达成$/);
    expect(new Set(lines.slice(4, 7).map(displayWidth)).size).toBe(1);
    expect(text).toContain('dcs：2025 年前 12 个超大型数据中心投入运营');
    const en = withLang('en', () => sweepTable(s)).split('\n');
    expect(en[1]).toBe('sweep of investment (2) = 2 points; central case of each point');
    expect(en[5]).toMatch(/^ +20 +2\.21 M +19\.6 bn +missed$/);
    expect(grouped(1234567)).toBe('1,234,567');
  });
});
