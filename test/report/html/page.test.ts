/**
The HTML report page (src/report/html/page.ts) and its data model (data.ts),
in Node: every chart is an inline <svg> with data marks; no scripts and
nothing fetched from the network; every number of the KPI table is the JSON
result's, formatted by the same formatter; Chinese headings with --lang zh;
the same model gives the same bytes; the assumptions carry the comments of
their lines.
*/
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { monteCarlo } from '../../../src/engine/montecarlo.js';
import { fmt, fmtRange, goalText, unitOf } from '../../../src/report/display.js';
import { resultObject } from '../../../src/report/json.js';
import {
  assumptionsOf, buildModel, comparisonFromRuns, KPI_METRICS, lineComment, observationAt, scenarioFromRun, type LineReader, type ReportModel, type ResultDoc,
} from '../../../src/report/html/data.js';
import { esc, renderReport } from '../../../src/report/html/page.js';
import { EN, ZH } from '../../../src/report/html/i18n.js';
import { loadObservations, readScenarioSource, resolveScenario } from '../../../src/scenario/index.js';

const PLAN = 'scenarios/guian-plan.yaml';
const COST = 'scenarios/guian-realistic-cost.yaml';
const ACTUAL = 'scenarios/guian-actual.yaml';
const RUNS = 40;

const lines: LineReader = (() => {
  const cache = new Map<string, string[]>();
  return (file, line) => {
    if (!cache.has(file)) cache.set(file, readFileSync(file, 'utf8').split(/\r?\n/));
    return cache.get(file)![line - 1];
  };
})();

function load(file: string): { source: ReturnType<typeof readScenarioSource>; scenario: ReturnType<typeof resolveScenario> } {
  const source = readScenarioSource(file);
  return { source, scenario: resolveScenario(source) };
}

/** The model `dcplan report FILES --runs RUNS` builds, in this thread. */
function modelOf(files: string[], runs = RUNS): { model: ReportModel; docs: ResultDoc[] } {
  const loaded = files.map(load);
  const seed = loaded[0]!.scenario.seed;
  const mcs = loaded.map(({ scenario }) => monteCarlo(scenario, { runs, seed }));
  const scenarios = mcs.map((mc, i) => scenarioFromRun(i, { mc, source: loaded[i]!.source }, lines));
  const kpiYear = 2025;
  const comparison = mcs.length > 1 ? comparisonFromRuns(mcs, KPI_METRICS, [kpiYear, 2030]) : undefined;
  const model = buildModel(scenarios, comparison, { origin: 'scenarios', version: '0.0.0-test', command: `dcplan report ${files.join(' ')}` });
  return { model, docs: mcs.map((mc) => resultObject(mc) as unknown as ResultDoc) };
}

const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The <svg>…</svg> of every chart figure. */
function chartSvgs(html: string): string[] {
  return [...html.matchAll(/<figure class="chart">([\s\S]*?)<\/figure>/g)].map((m) => m[1]!);
}

/** KPI rows by table (one table per scenario): kind, metric, year and the cells by class. */
function kpiRows(html: string): { kind: string; metric: string; year: number; cells: Record<string, string> }[][] {
  return [...html.matchAll(/<table class="kpi">([\s\S]*?)<\/table>/g)].map((t) =>
    [...t[1]!.matchAll(/<tr data-kind="(\w+)" data-metric="(\w+)" data-year="(\d+)">([\s\S]*?)<\/tr>/g)].map((r) => {
      const cells: Record<string, string> = {};
      for (const c of r[4]!.matchAll(/<td class="([^"]*)">([\s\S]*?)<\/td>/g)) for (const cls of c[1]!.split(' ')) cells[cls] = unescape(c[2]!);
      return { kind: r[1]!, metric: r[2]!, year: Number(r[3]), cells };
    }),
  );
}

const single = modelOf([PLAN]);
const pair = modelOf([PLAN, COST]);

/** The page of the pair's model in each language: most tests read it (none changes it), rendered once each. */
const pairPages = new Map<'en' | 'zh', Promise<string>>();
const pairPage = (lang: 'en' | 'zh'): Promise<string> => {
  if (!pairPages.has(lang)) pairPages.set(lang, renderReport(pair.model, lang));
  return pairPages.get(lang)!;
};

describe('report page', () => {
  it('is one HTML document: every chart an inline <svg> with data marks', async () => {
    const html = await pairPage('en');
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    const svgs = chartSvgs(html);
    // a chart per key metric, a timeline, data centers and flows per scenario
    expect(svgs.length).toBeGreaterThanOrEqual(pair.model.chartMetrics.length + 3 * 2);
    for (const svg of svgs) {
      expect(svg).toMatch(/<svg[^>]*viewBox="0 0 \d+ \d+"/);
      expect(svg, svg.slice(0, 300)).toMatch(/<g\b[^>]*\baria-label="(line|area|bar|dot)"[^>]*>\s*<(path|rect|circle|line)\b/);
    }
    // the metric charts have a line per scenario and, under Monte Carlo, a band
    const servers = svgs.find((s) => s.includes('Server capacity'))!;
    expect(servers.match(/aria-label="line"/g)!.length).toBeGreaterThanOrEqual(1);
    expect(servers).toContain('aria-label="area"');
  });

  it('runs no scripts and fetches nothing: no <script>, no http(s) in src, href or CSS', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const html = await pairPage(lang);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<link\b/i);
      expect(html).not.toMatch(/<iframe|<img|<object|<embed/i);
      for (const m of html.matchAll(/\s(?:src|href|xlink:href|srcset|action|poster)\s*=\s*"([^"]*)"/gi)) {
        expect(m[1], m[0]).not.toMatch(/^\s*(https?:)?\/\//i);
        expect(m[1], m[0]).toMatch(/^#/); // in-page links only
      }
      for (const style of html.matchAll(/<style>([\s\S]*?)<\/style>/g)) {
        expect(style[1]).not.toMatch(/@import|url\(|@font-face/i);
      }
      expect(html).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
    }
  });

  it('every number of the KPI table is the JSON result formatted by the same formatter', async () => {
    for (const { model, docs } of [single, pair]) {
      const html = model === pair.model ? await pairPage('en') : await renderReport(model, 'en');
      const tables = kpiRows(html);
      expect(tables).toHaveLength(docs.length);
      tables.forEach((rows, i) => {
        const doc = docs[i]!;
        expect(rows.filter((r) => r.kind === 'target')).toHaveLength(doc.targets.length);
        expect(rows.length).toBeGreaterThan(doc.targets.length + 5);
        for (const r of rows) {
          const unit = unitOf(r.metric);
          const year = doc.years.find((y) => y.year === r.year)!;
          const band = year.bands![r.metric]!;
          expect(r.cells.band, `${r.metric} band`).toBe(fmtRange(band.p5!, band.p95!, unit));
          if (r.kind === 'target') {
            const target = doc.targets.find((x) => x.metric === r.metric && x.year === r.year)!;
            expect(r.cells.median, r.metric).toBe(fmt(target.value!, unit));
            expect(r.cells.goal).toBe(goalText(target));
            expect(r.cells.pmet).toBe(`${(target.probability! * 100).toFixed(0)} %`);
            // the median is the year's value: one number per screen
            expect(fmt(year[r.metric] as number, unit)).toBe(r.cells.median);
          } else {
            expect(r.cells.median, r.metric).toBe(fmt(year[r.metric] as number, unit));
            expect(r.cells.pmet).toBe('–');
          }
        }
      });
    }
  });

  it('with several scenarios: overlaid charts, the inputs that differ, deltas and P(B better than A)', async () => {
    const html = (await pairPage('en')).replace(/<wbr>/g, '');
    expect(html).toContain('<h2>Comparison</h2>');
    expect(html).toContain('construction.costPerRack');
    expect(html).toContain('P(B better)');
    expect(html).toMatch(/<tr data-metric="serverCapacity" data-year="2025">/);
    const servers = chartSvgs(html).find((s) => s.includes('Server capacity'))!;
    expect(servers.match(/aria-label="line"/g)!.length).toBeGreaterThanOrEqual(1);
    expect(servers).toContain("A: Gui'an plan as announced (2020)");
    expect(servers).toContain("B: Gui'an plan at national-average construction cost");
  });

  it('in Chinese: the headings, table headers and fixed sentences are Chinese, with a CJK font stack', async () => {
    const html = await pairPage('zh');
    expect(html).toContain('<html lang="zh-Hans">');
    for (const k of ['question', 'assumptions', 'kpis', 'charts', 'events', 'datacenters', 'flows', 'comparison'] as const) {
      expect(html, k).toContain(`<h2>${esc(ZH[k])}</h2>`);
      expect(html, k).not.toContain(`<h2>${esc(EN[k])}</h2>`);
    }
    for (const k of ['thMetric', 'thMedian', 'thPMet', 'thTarget', 'thSource'] as const) expect(html, k).toContain(`>${esc(ZH[k])}</th>`);
    expect(html).toContain(esc(ZH.numbersRule));
    expect(html).toContain('服务器容量');
    expect(html).toMatch(/font-family: "PingFang SC", [^;]*"Noto Sans CJK SC"[^;]*sans-serif;/);
  });

  it('is deterministic: the same model gives the same bytes, and carries no date', async () => {
    const a = await pairPage('en');
    // a model built afresh, rendered afresh
    const b = await renderReport(modelOf([PLAN, COST]).model, 'en');
    expect(b).toBe(a);
    expect(a).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
  });

  it('marks reported figures on the charts with --observed, and shows the fit of a calibrated scenario', async () => {
    const { source, scenario } = load(ACTUAL);
    const observed = loadObservations('data/observed/guizhou.yaml', { horizon: scenario.horizon });
    const mc = monteCarlo(scenario, { runs: 1 });
    const data = scenarioFromRun(0, { mc, source, observed }, lines);
    const model = buildModel([data], undefined, { origin: 'scenarios', observedFile: 'data/observed/guizhou.yaml', version: '0.0.0-test', command: 'dcplan report' });
    const html = await renderReport(model, 'en');
    expect(html).toContain('<h2>Against what was reported</h2>');
    expect(html).toContain('<h2>How the scenario was fitted</h2>');
    expect(data.calibration!.fitted.length).toBeGreaterThan(3);
    expect(data.calibration!.observedFile).toBe('data/observed/guizhou.yaml');
    expect(html).toContain('best fit');
    // a reported figure on a chart: its metric is charted, and the chart has the reported mark
    const metric = data.observations!.checks[0]!.metric;
    expect(model.chartMetrics).toContain(metric);
    expect(chartSvgs(html).some((s) => /reported/i.test(s))).toBe(true);
    // central case: no band column, no P(met)
    expect(html).not.toContain('>P(met)</th>');
  });
});

describe('report data', () => {
  it('reads the comment written on a line of YAML, not a # inside quotes', () => {
    expect(lineComment('  total: 42 billion CNY     # source: "over 40 bn yuan" (sources §4.1)')).toBe('source: "over 40 bn yuan" (sources §4.1)');
    expect(lineComment('  a: "min(1, 2) # not a comment"   # assumption')).toBe('assumption');
    expect(lineComment("  a: 'it''s # here'")).toBeUndefined();
    expect(lineComment('  a: 5#not')).toBeUndefined();
    expect(lineComment('# whole line')).toBe('whole line');
    expect(lineComment('  a: 1   #')).toBeUndefined();
  });

  it('the assumptions: levers and uncertainty entries with value, unit, source comment and file:line', () => {
    const { source, scenario } = load(COST);
    const as = assumptionsOf(source, scenario, lines);
    const investment = as.find((a) => a.kind === 'lever' && a.id === 'investment')!;
    expect(investment.value).toBe('42 billion CNY');
    expect(investment.where).toBe('scenarios/guian-plan.yaml:38');
    expect(investment.note).toContain('sources §4.1');
    expect(investment.range).toEqual({ min: 10, max: 150, step: 5, unit: 'billion CNY' });
    const price = as.find((a) => a.kind === 'uncertainty' && a.path === 'energy.electricityPrice')!;
    expect(price.distribution).toBe('× uniform(0.86, 1.28)');
    expect(price.value).toBe('0.35 CNY/kWh');
    expect(price.note).toContain('sources §5.1');
    // an entry without a comment of its own takes the one on the value's line
    const overrun = as.find((a) => a.path === 'construction.overrunFactor')!;
    expect(overrun.note).toBeDefined();
    expect(overrun.where).toMatch(/^scenarios\/guian-plan\.yaml:\d+$/);
    expect(as.filter((a) => a.kind === 'uncertainty')).toHaveLength(scenario.uncertainty.length);
    // --set shows the value set on the command line
    const set = resolveScenario(source, [{ path: 'investment', value: '60' }]);
    expect(assumptionsOf(source, set, lines).find((a) => a.id === 'investment')).toMatchObject({ value: '60', where: '--set' });
  });

  it('an observation dated to the month sits between two year ends', () => {
    expect(observationAt('2024')).toBe(2024);
    expect(observationAt('2024-06')).toBe(2023.5);
    expect(observationAt('2024-12')).toBe(2024);
    expect(observationAt('x')).toBeNaN();
  });
});
