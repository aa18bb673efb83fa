/**
The command line in Chinese and English, end to end through the command line (in-process, test/helpers/cli.ts):
`--lang zh|en` anywhere on the line, else LC_ALL / LC_MESSAGES / LANG; help,
tables and errors in Chinese (commander's own words too), laid out by terminal
width; exit codes the same in both languages; machine outputs (CSV, JSON) the
same bytes in both.
*/
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/report/width.js';
import { dcplanWith, expectSameBytes } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const PLAN = 'scenarios/guian-plan.yaml';
const COST = 'scenarios/guian-realistic-cost.yaml';
const PLAN_A = 'test/fixtures/batch/good/plan-a.yaml';
const HAN = /\p{Script=Han}/u;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment with the locale variables set as given (and no others). */
function locale(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG']) delete base[k];
  return { ...base, ...env };
}
/** `dcplan ...args` (in-process) with the locale variables set as given (and no others). */
const run = (env: Record<string, string>, ...args: string[]): Promise<Result> => dcplanWith({ env: locale(env) }, ...args);
const en = (...args: string[]): Promise<Result> => run({ LANG: 'en_US.UTF-8' }, ...args);
const zh = (...args: string[]): Promise<Result> => run({ LANG: 'en_US.UTF-8' }, ...args, '--lang', 'zh');

/** Display columns at which each non-space run of a line ends. */
function ends(line: string): number[] {
  const out: number[] = [];
  let col = 0;
  let inWord = false;
  for (const ch of line) {
    if (ch === ' ') {
      if (inWord) out.push(col);
      inWord = false;
    } else inWord = true;
    col += displayWidth(ch);
  }
  if (inWord) out.push(col);
  return out;
}

describe('help', () => {
  it('--lang zh --help: Chinese, commander\'s words too, --lang documented, within 80 columns', async () => {
    const r = await zh('--help');
    expect(r.code, r.stderr).toBe(0);
    for (const w of ['用法： dcplan [选项] [命令]', '选项：', '命令：', '显示版本号', '显示命令的帮助', '--lang <en|zh>', '模拟一个情景并输出逐年结果']) expect(r.stdout).toContain(w);
    expect(r.stdout).not.toMatch(/Usage:|Options:|Commands:|display help for command|output the version number/);
    for (const l of r.stdout.split('\n')) expect(displayWidth(l), l).toBeLessThanOrEqual(80);
    // the same help whether --lang comes first or last
    expect((await run({}, '--lang=zh', '--help')).stdout).toBe(r.stdout);
  });

  it('run --help in Chinese from LANG=zh_CN.UTF-8; LC_ALL=en wins over it; --lang wins over both', async () => {
    const r = await run({ LANG: 'zh_CN.UTF-8' }, 'run', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('用法： dcplan run [选项] <scenario>');
    expect(r.stdout).toContain('参数：');
    expect(r.stdout).toContain('--format <f>        输出格式（可选："table"、"json"、"csv"，默认："table"）');
    expect(r.stdout).toContain('示例：\n  dcplan run scenarios/guian-plan.yaml');
    const lines = r.stdout.split('\n');
    // every option's description starts in one column
    const starts = lines.filter((l) => /^ {2}-/.test(l)).map((l) => /^ {2}\S+(?: \S+)? +/.exec(l)![0].length);
    expect(starts.length).toBeGreaterThan(10);
    expect(new Set(starts).size).toBe(1);
    // within 80 columns, the example commands aside (copied as they are)
    for (const l of lines.filter((x) => !x.startsWith('  dcplan '))) expect(displayWidth(l), l).toBeLessThanOrEqual(80);
    expect((await run({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }, 'run', '--help')).stdout).toContain('Usage: dcplan run [options] <scenario>');
    expect((await run({ LANG: 'zh_CN.UTF-8' }, 'run', '--help', '--lang', 'en')).stdout).toContain('Usage: dcplan run [options] <scenario>');
  });

  it('English help keeps its words (and drops the "(default: [])" of repeatable options)', async () => {
    const r = await en('run', '--help');
    expect(r.stdout).toContain('Usage: dcplan run [options] <scenario>');
    expect(r.stdout).toContain('--format <f>        output format (choices: "table", "json", "csv", default:');
    expect(r.stdout).toContain('Examples:\n  dcplan run');
    expect(r.stdout).not.toContain('(default: [])');
    expect((await en('--help')).stdout).toContain('--lang <en|zh>');
  });
});

describe('tables', () => {
  it('run: Chinese headers, 万 / 亿, rows aligned under the header by display width', async () => {
    const r = await zh('run', PLAN, '--central');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const head = lines.findIndex((l) => l.startsWith('年份'));
    expect(head).toBeGreaterThan(0);
    expect(lines[head + 1]).toMatch(/万台.*亿元/);
    const want = ends(lines[head]!);
    for (const row of lines.slice(head + 2, head + 13)) {
      expect(row).toMatch(/^20\d\d /);
      expect(ends(row), row).toEqual(want);
    }
    expect(r.stdout).toContain('目标（基准情形）');
    expect(r.stdout).toMatch(/\d万 台/);
    expect(r.stdout).toMatch(/\d亿 元/);
    expect(r.stdout).not.toMatch(/Targets|Construction|bn CNY/);
    for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(80);
  });

  it('run --events and --narrate: Chinese section headings', async () => {
    const r = await zh('run', PLAN, '--central', '--events', '--narrate');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('\n事件（基准情形）\n');
    expect(r.stdout).toContain('\n逐年发生了什么（基准情形）\n');
  });

  it('compare: Chinese headings and P(B 更好), columns aligned by display width', async () => {
    const r = await zh('compare', PLAN, COST, '--runs', '40', '--year', '2025');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const head = lines.findIndex((l) => l.startsWith('指标'));
    expect(lines[head]).toContain('P(B 更好)');
    const table = lines.slice(head, lines.indexOf('', head));
    expect(table.length).toBeGreaterThan(5);
    for (const l of table) expect(ends(l).at(-1), l).toBe(displayWidth(table[0]!));
    expect(r.stdout).toContain('不同的输入（解析后，以基本单位表示）');
  });

  it('validate and explain speak Chinese', async () => {
    const v = await zh('validate', PLAN);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^通过 {2}scenarios\/guian-plan\.yaml {2}2020–2030，12 个数据中心，.*万 个标准机架，资本支出 \d+亿 元\n$/);
    const x = await zh('explain', 'scenarios/guian-delayed.yaml', 'construction.delayFactor');
    expect(x.stdout).toContain('继承链：');
  });
});

describe('errors', () => {
  it('a bad --set path: one located Chinese line, the exit code of English', async () => {
    const z = await zh('run', PLAN, '--set', 'investmen=5');
    const e = await en('run', PLAN, '--set', 'investmen=5');
    expect(e.code).toBe(1);
    expect(z.code).toBe(e.code);
    expect(z.stderr.trim().split('\n')).toEqual(['--set:1:1  investmen  未知的覆盖路径："investmen" 既不是情景键，也不是调节杠杆 id（是否要写 "investment"？）']);
    expect(e.stderr.trim()).toBe('--set:1:1  investmen  unknown override path: "investmen" is not a scenario key or lever id (did you mean "investment"?)');
  });

  it('a broken scenario file: Chinese messages in the file:line:col frame, exit 1', async () => {
    const z = await zh('validate', 'test/fixtures/scenario/many-errors.yaml');
    expect(z.code).toBe(1);
    const lines = z.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThan(4);
    for (const l of lines) expect(l).toMatch(/^test\/fixtures\/scenario\/many-errors\.yaml:\d+:\d+ {2}\S+ {2}/);
    expect(z.stderr).toContain('未知的键 "horizn"（是否要写 "horizon"？）');
    expect(z.stderr).toContain('PUE必须在 1 到 3 之间，得到的是 5');
  });

  it('usage errors and commander\'s errors in Chinese, exit 2, no stack trace', async () => {
    for (const args of [['run', PLAN, '--runs', 'x'], ['run', PLAN, '--frmat', 'csv'], ['run'], ['compare', PLAN], ['runn']]) {
      const z = await zh(...args);
      const e = await en(...args);
      expect(z.code, args.join(' ')).toBe(2);
      expect(e.code, args.join(' ')).toBe(2);
      expect(z.stderr, args.join(' ')).toMatch(HAN);
      expect(z.stderr).not.toMatch(/\bat \S+ \(|internal error/);
    }
    expect((await zh('run', PLAN, '--frmat', 'csv')).stderr).toBe('错误：未知选项 \'--frmat\'\n（是否要用 --format？）\n（用法见 --help）\n');
    expect((await en('run', PLAN, '--frmat', 'csv')).stderr).toBe('error: unknown option \'--frmat\'\n(Did you mean --format?)\n(run with --help for usage)\n');
    expect((await zh('run', PLAN, '--runs', 'x')).stderr).toBe('dcplan: --runs 必须是整数，得到的是 "x"\n');
  });

  it('--lang fr: one line, exit 2, in the language of the environment', async () => {
    const r = await run({ LANG: 'en_US.UTF-8' }, 'run', PLAN, '--lang', 'fr');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dcplan: --lang must be en or zh, got "fr"\n');
    const z = await run({ LANG: 'zh_CN.UTF-8' }, '--lang=fr', 'run', PLAN);
    expect(z.code).toBe(2);
    expect(z.stderr).toBe('dcplan: --lang 必须是 en 或 zh，得到的是 "fr"\n');
  });
});

describe('machine outputs', () => {
  const cases: string[][] = [
    ['run', PLAN, '--runs', '20', '--format', 'json', '--events'],
    ['run', PLAN, '--runs', '20', '--format', 'csv'],
    ['run', PLAN, '--central', '--format', 'csv', '--clusters'],
    ['run', PLAN, '--runs', '5', '--format', 'csv', '--per-run', '--set', 'investment=60', '--from', '2024', '--set', 'transferIncentive=500'],
    ['compare', PLAN, COST, '--runs', '20', '--format', 'csv'],
    ['compare', PLAN, COST, '--runs', '20', '--format', 'json'],
    // the plan cut to 2020–2025 (its levers and inputs, half its years) where the command simulates many runs
    ['sweep', PLAN_A, '--vary', 'investment=20:60:2', '--runs', '10', '--format', 'json'],
    ['sensitivity', PLAN_A, '--runs', '50', '--format', 'csv'],
    ['sensitivity', PLAN_A, '--screen', '--format', 'json'],
    ['goal', PLAN, '--lever', 'investment', '--target', 'serverCapacity@2025 >= 3 million servers', '--runs', '1', '--format', 'json'],
  ];
  it.each(cases.map((c) => [c.join(' '), c] as const))('%s: the same bytes under --lang zh and --lang en', async (_, args) => {
    const a = await run({ LANG: 'en_US.UTF-8' }, ...args, '--lang', 'en');
    const b = await run({ LANG: 'zh_CN.UTF-8' }, ...args, '--lang', 'zh');
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });

  const dir = tempDir('i18n-batch');
  it('batch writes the same files (manifest problems in English) in both languages; its lines follow the language', async () => {
    const a = await run({ LANG: 'en_US.UTF-8' }, 'batch', 'test/fixtures/batch', '--runs', '5', '--workers', '1', '--out', `${dir}/en`);
    const b = await run({ LANG: 'zh_CN.UTF-8' }, 'batch', 'test/fixtures/batch', '--runs', '5', '--workers', '1', '--out', `${dir}/zh`);
    expect(a.code).toBe(1); // the broken scenario
    expect(b.code).toBe(a.code);
    expectSameBytes(`${dir}/en`, `${dir}/zh`);
    expect(b.stderr).toContain('失败    test/fixtures/batch/broken.yaml\n  test/fixtures/batch/broken.yaml:6:16  construction.costPerRack  应为');
    expect(b.stderr).toContain('批量：2 个情景中 1 个完成，1 个失败');
    expect(a.stderr).toContain('failed  test/fixtures/batch/broken.yaml\n  test/fixtures/batch/broken.yaml:6:16  construction.costPerRack  expected');
  });
});

describe('the program itself', () => {
  it('takes the language from its environment (LANG) and --lang from its argv, with the same exit codes', () => {
    const spawned = (env: Record<string, string>, ...args: string[]): Result => {
      const r = spawnSync(process.execPath, ['bin/dcplan.js', ...args], { encoding: 'utf8', env: locale(env) });
      return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    };
    const help = spawned({ LANG: 'zh_CN.UTF-8' }, '--help');
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('用法： dcplan [选项] [命令]');
    const bad = spawned({ LANG: 'en_US.UTF-8' }, 'run', '--lang', 'zh');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(HAN);
  });
});
