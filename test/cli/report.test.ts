/**
`dcplan report` end to end through the command line (in-process, test/helpers/cli.ts): one self-contained HTML
file from scenario files or from a finished batch directory (the same KPI
numbers either way), the same bytes for the same inputs, Chinese with
--lang zh, and every bad input as one line with exit 1 or 2 and no file left.
*/
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EN, ZH } from '../../src/report/html/i18n.js';
import { dcplan } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const PLAN = 'scenarios/guian-plan.yaml';
const COST = 'scenarios/guian-realistic-cost.yaml';
const RUNS = '60';
const dir = tempDir('report');
const batchDir = join(dir, 'results');

const read = (f: string): string => readFileSync(f, 'utf8');

/** The KPI tables of a page, as HTML. */
const kpiTables = (html: string): string[] => [...html.matchAll(/<table class="kpi">[\s\S]*?<\/table>/g)].map((m) => m[0]);

/** Run a report that must fail: one line on stderr, the exit code, and no file (nor temporary file) left. */
async function expectRefused(code: number, out: string, ...args: string[]): Promise<string> {
  const r = await dcplan('report', ...args, '--out', out);
  expect(r.code, r.stderr).toBe(code);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).not.toMatch(/internal error|at .*\.js:\d+/);
  expect(existsSync(out)).toBe(false);
  return lines[0]!;
}

const noTemp = (d: string): void => expect(readdirSync(d).filter((n) => n.endsWith('.tmp'))).toEqual([]);

/** `dcplan report PLAN COST --runs RUNS --out pair.html`: two tests read it, written once. */
let pair: ReturnType<typeof dcplan> | undefined;
const pairReport = (): ReturnType<typeof dcplan> => (pair ??= dcplan('report', PLAN, COST, '--runs', RUNS, '--out', join(dir, 'pair.html')));

describe('dcplan report', () => {
  beforeAll(async () => {
    const r = await dcplan('batch', PLAN, COST, '--runs', RUNS, '--out', batchDir, '--workers', '1');
    expect(r.code, r.stderr).toBe(0);
  });

  it('writes one self-contained HTML file for two scenarios: sections, charts, P(B better than A)', async () => {
    const out = join(dir, 'pair.html');
    const r = await pairReport();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const html = read(out);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    for (const m of html.matchAll(/\s(?:src|href)\s*=\s*"([^"]*)"/g)) expect(m[1]).not.toMatch(/^(https?:)?\/\//);
    for (const h of ['question', 'assumptions', 'kpis', 'charts', 'events', 'datacenters', 'flows', 'comparison'] as const) expect(html, h).toContain(`<h2>${EN[h].replace(/'/g, '&#39;')}</h2>`);
    expect(html).toContain('P(B better)');
    expect(html).toContain('median of 60 Monte Carlo runs, seed 20200528');
    expect(html).toContain('sources §4.1'); // the investment lever's source comment
    expect(html.match(/<figure class="chart">[\s\S]*?<svg/g)!.length).toBeGreaterThan(10);
    expect(html).toContain(`<code class="cmd">`);
    noTemp(dir);
  });

  it('same inputs ⇒ the same bytes, whatever the worker count', async () => {
    const a = join(dir, 'same-a.html');
    const b = join(dir, 'same-b.html');
    expect((await dcplan('report', PLAN, '--runs', '30', '--workers', '1', '--out', a)).code).toBe(0);
    expect((await dcplan('report', PLAN, '--runs', '30', '--workers', '2', '--out', b)).code).toBe(0);
    expect(read(b)).toBe(read(a));
  });

  it('--lang zh: Chinese headings, table headers and sentences', async () => {
    const out = join(dir, 'zh.html');
    const r = await dcplan('report', PLAN, '--runs', '30', '--lang', 'zh', '--sensitivity', 'serverCapacity@2025', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const html = read(out);
    expect(html).toContain('<html lang="zh-Hans">');
    for (const k of ['question', 'assumptions', 'kpis', 'charts', 'events', 'datacenters', 'flows'] as const) expect(html, k).toContain(`<h2>${ZH[k]}</h2>`);
    expect(html).toContain('<h2>2025 年服务器容量的驱动因素</h2>');
    expect(html).toContain(`>${ZH.thMedian}</th>`);
  });

  it('--sensitivity METRIC@YEAR adds the tornado: swings and ρ as `dcplan sensitivity` gives them', async () => {
    const out = join(dir, 'tornado.html');
    const r = await dcplan('report', PLAN, '--runs', '100', '--sensitivity', 'serverCapacity@2025', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const html = read(out);
    expect(html).toContain('<h2>What drives Server capacity in 2025</h2>');
    const table = /<table class="sensitivity">[\s\S]*?<\/table>/.exec(html)![0];
    const sens = JSON.parse((await dcplan('sensitivity', PLAN, '--metric', 'serverCapacity', '--year', '2025', '--runs', '100', '--format', 'json')).stdout) as {
      parameters: { parameter: string; spearman: number | null }[];
    };
    // the same ranking, and the same ρ to two decimals
    const rows = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]!.replace(/<wbr>/g, ''))).filter((r) => r.length > 0);
    expect(rows.map((r) => r[1]!.replace(/ ×$/, ''))).toEqual(sens.parameters.map((p) => p.parameter));
    expect(rows.map((r) => r[6]!.replace('\u2212', '-'))).toEqual(sens.parameters.map((p) => (p.spearman === null ? '–' : p.spearman.toFixed(2))));
    expect(html).toMatch(/<figure class="chart"><figcaption class="title">Server capacity in 2025[^<]*<\/figcaption><svg/);
  });

  it('from a finished batch directory: the same KPI numbers; what needs the runs is said to be absent', async () => {
    const fromBatch = join(dir, 'batch.html');
    const r = await dcplan('report', batchDir, '--sensitivity', 'serverCapacity@2025', '--out', fromBatch);
    expect(r.code, r.stderr).toBe(0);
    // the same two files' report (the first test's)
    const fromFiles = join(dir, 'pair.html');
    expect((await pairReport()).code).toBe(0);
    const a = read(fromBatch);
    const b = read(fromFiles);
    expect(kpiTables(a)).toHaveLength(2);
    expect(kpiTables(a)).toEqual(kpiTables(b));
    // the scenario files are at hand with the same hash: question, assumptions and events are there
    expect(a).toContain('sources §4.1');
    expect(a).toContain('<h2>What happens when</h2>');
    expect(a).toContain(EN.pBetterBatch.replace(/`([^`]*)`/g, '<code>$1</code>'));
    expect(a).not.toContain('P(B better)');
    expect(a).toContain('The tornado needs the runs themselves');
    expect(a).toContain(`From the batch directory <code>${batchDir}</code>`);
  });

  it('a batch directory whose scenario file is gone: the results, and a note where the file is needed', async () => {
    const moved = join(dir, 'moved');
    mkdirSync(join(moved, 'x'), { recursive: true });
    const doc = JSON.parse(read(join(batchDir, 'guian-plan', 'result.json'))) as { scenario: { file: string } };
    doc.scenario.file = 'no/such/scenario.yaml';
    const text = JSON.stringify(doc, null, 2) + '\n';
    writeFileSync(join(moved, 'x', 'result.json'), text);
    writeFileSync(join(moved, 'manifest.json'), JSON.stringify({ format: 'dcplan-batch/1', dcplan: '0.1.0', scenarios: [{ file: 'no/such/scenario.yaml', dir: 'x', status: 'ok' }] }));
    const out = join(dir, 'moved.html');
    const r = await dcplan('report', moved, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const html = read(out);
    expect(html).toContain('is not at hand');
    expect(html).toContain(EN.eventsMissing);
    expect(kpiTables(html)).toHaveLength(1);
  });

  describe('bad input: one line, exit 1 or 2, nothing written', () => {
    const out = join(dir, 'bad', 'r.html');

    it('no scenarios (2)', async () => {
      expect(await expectRefused(2, out)).toMatch(/^dcplan: report needs scenario files or a batch directory/);
      const r = await dcplan('report', PLAN);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toEqual(['dcplan: report writes one HTML file: give it with --out FILE, e.g. --out report.html']);
    });

    it('an unwritable --out (1): a path under a file, a directory', async () => {
      const file = join(dir, 'a-file');
      writeFileSync(file, 'x');
      expect(await expectRefused(1, join(file, 'r.html'), PLAN, '--runs', '5')).toBe(`${join(file, 'r.html')}: cannot write: a part of the path is not a directory`);
      const r = await dcplan('report', PLAN, '--runs', '5', '--out', dir);
      expect(r.code).toBe(1);
      expect(r.stderr.trimEnd().split('\n')).toEqual([`${dir}: cannot write: it is a directory`]);
      noTemp(dir);
    });

    it('a batch directory without results (1)', async () => {
      const failed = join(dir, 'failed');
      const broken = join(dir, 'broken.yaml');
      writeFileSync(broken, 'name: broken\nhorizon: { start: 2020, end: 2030 }\nnonsense: [\n');
      expect((await dcplan('batch', broken, '--out', failed)).code).toBe(1);
      expect(existsSync(join(failed, 'manifest.json'))).toBe(true);
      expect(await expectRefused(1, out, failed)).toBe(`${failed}: no finished results in this batch directory (manifest.json lists no scenario with status ok)`);
      // results without a manifest: a batch that has not finished
      const unfinished = join(dir, 'unfinished');
      mkdirSync(join(unfinished, 'x'), { recursive: true });
      writeFileSync(join(unfinished, 'x', 'result.json'), read(join(batchDir, 'guian-plan', 'result.json')));
      expect(await expectRefused(1, out, unfinished)).toMatch(/no manifest\.json/);
    });

    it('a bad --sensitivity spec (2)', async () => {
      expect(await expectRefused(2, out, PLAN, '--sensitivity', 'serverCapacity@')).toBe('dcplan: --sensitivity expects METRIC@YEAR (e.g. serverCapacity@2025), got "serverCapacity@"');
      expect(await expectRefused(2, out, PLAN, '--sensitivity', 'serverCapacty@2025')).toMatch(/unknown metric "serverCapacty" \(did you mean "serverCapacity"\?\)/);
      expect(await expectRefused(2, out, PLAN, '--sensitivity', 'serverCapacity@2040')).toBe('dcplan: --sensitivity: 2040 is outside the horizon 2020–2030');
      expect(await expectRefused(2, out, batchDir, '--sensitivity', 'nope@2025')).toMatch(/unknown metric "nope"/);
    });

    it('an unknown --lang (2)', async () => {
      expect(await expectRefused(2, out, PLAN, '--lang', 'fr')).toBe('dcplan: --lang must be en or zh, got "fr"');
    });

    it('flags a batch directory cannot take, and a mix of files and a batch (2)', async () => {
      expect(await expectRefused(2, out, batchDir, '--runs', '10')).toMatch(/^dcplan: --runs applies to scenario files/);
      expect(await expectRefused(2, out, batchDir, PLAN)).toBe('dcplan: report takes scenario files, or one batch directory, not both');
    });

    it('a broken scenario (1), one line per problem', async () => {
      const broken = join(dir, 'broken2.yaml');
      writeFileSync(broken, `extends: ${join(process.cwd(), PLAN)}\nconstruction: { costPerRack: lots }\n`);
      const r = await dcplan('report', broken, '--out', out);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/broken2\.yaml:2:\d+/);
      expect(existsSync(out)).toBe(false);
    });
  });
});
