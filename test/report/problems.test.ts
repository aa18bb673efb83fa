/**
Scenario problems in Chinese (src/report/i18n/problems.ts): the loader's real
messages — not hand-written copies — for each common kind, said in Chinese
with every name and value they carry; English untouched; a message no pattern
knows stays English, whole.
*/
import { describe, expect, it } from 'vitest';
import { formatProblem, loadScenario, ScenarioError, type Problem } from '../../src/scenario/index.js';
import { problemLine, problemLineText, problemLines, problemMessage } from '../../src/report/i18n/problems.js';
import { MINIMAL, problemsOf } from '../helpers/scenario.js';

const HAN = /\p{Script=Han}/u;
const zh = (p: Problem): string => problemMessage(p.message, 'zh');
const one = (text: string, overrides?: { path: string; value: string }[]): Problem => {
  const p = problemsOf(text, overrides);
  expect(p.length, p.map(formatProblem).join('\n')).toBeGreaterThan(0);
  return p[0]!;
};

/** The quoted names and the numbers of an English message: a translation must carry every one. */
function facts(msg: string): string[] {
  return [...msg.matchAll(/"[^"]*"|-?\d+(?:\.\d+)?/g)].map((m) => m[0]);
}

/** One scenario problem of each common kind, from the loader itself. */
const CASES: [string, () => Problem][] = [
  ['unknown key with did-you-mean', () => one(MINIMAL + 'energy:\n  electricityPrise: 0.3\n')],
  ['unknown top-level key', () => one(MINIMAL + 'hubz: []\n')],
  ['missing required key', () => one(MINIMAL.replace(', build: 12 months', ''))],
  ['wrong type', () => one(MINIMAL + 'seed: [1, 2]\n')],
  ['wrong unit', () => one(MINIMAL.replace('1000 racks', '150 ms'))],
  ['bad quantity (price)', () => one(MINIMAL + 'energy: { electricityPrice: 0.35 CNY/MW }\n')],
  ['out of range, named', () => one(MINIMAL.replace('pue: 1.3', 'pue: 0.9'))],
  ['out of range, share', () => one(MINIMAL + 'network: { maxUtilization: 1.5 }\n')],
  ['greater than', () => one(MINIMAL.replace('1000 racks', '-5 racks'))],
  ['plain number for money', () => one(MINIMAL + 'investment: { total: 55 }\n')],
  ['unknown name in a formula', () => one(MINIMAL + 'parameters: { growth: 0.1 }\nlocalDemand: "1000 * (1 + grwth) ^ (year - 2020)"\n')],
  ['formula negative in a year', () => one(MINIMAL + 'localDemand: "1000 - 400 * (year - 2020)"\n')],
  ['duplicate id', () => one(MINIMAL + '      - { id: p1, size: 10 racks, start: 2021-01, build: 6 months }\n')],
  ['unknown metric in a target', () => one(MINIMAL + 'targets:\n  - { id: x, metric: serverCapacty, year: 2022, atLeast: 1 }\n')],
  ['--set: unknown path', () => one(MINIMAL, [{ path: 'investmnt', value: '5' }])],
  ['--set: no such item', () => one(MINIMAL, [{ path: 'datacenters.zz.pue', value: '1.2' }])],
  ['--set: wrong unit', () => one(MINIMAL, [{ path: 'energy.electricityPrice', value: '3 MW' }])],
  ['YAML syntax', () => one('name: x\nhorizon: { start: 2020, end: 2030\nseed: 1\n')],
];

describe('scenario problems in Chinese', () => {
  for (const [kind, make] of CASES) {
    it(`${kind}: Chinese, carrying every name and value of the English`, () => {
      const p = make();
      const said = zh(p);
      expect(said, p.message).toMatch(HAN);
      expect(said).not.toBe(p.message);
      for (const f of facts(p.message.replace(/ \(did you mean "(.*)"\?\)$/, ' "$1"'))) expect(said, `${p.message} → ${said}`).toContain(f);
      // English is the loader's message, untouched
      expect(problemMessage(p.message, 'en')).toBe(p.message);
    });
  }

  it('says the usual ones as a reader expects', () => {
    expect(zh(one(MINIMAL + 'energy:\n  electricityPrise: 0.3\n'))).toBe('未知的键 "electricityPrise"（是否要写 "electricityPrice"？）');
    expect(zh(one(MINIMAL.replace('1000 racks', '150 ms')))).toBe('应为标准机架数或功率（例如 "20000 racks"），得到的是 "150 ms"（时间）');
    expect(zh(one(MINIMAL.replace('pue: 1.3', 'pue: 0.9')))).toBe('PUE必须在 1 到 3 之间，得到的是 0.9');
    expect(zh(one(MINIMAL.replace(', build: 12 months', '')))).toBe('缺少必需的键 "build"');
  });

  it('keeps the frame file:line:col  path  message, and "(top)" in Chinese', () => {
    const p = one(MINIMAL.replace('pue: 1.3', 'pue: 0.9'));
    expect(problemLine(p, 'en')).toBe(formatProblem(p));
    expect(problemLine(p, 'zh')).toBe(`test.yaml:5:10  datacenters.a.pue  ${zh(p)}`);
    const top: Problem = { file: 'x.yaml', line: 1, col: 1, path: '', message: 'file not found: x.yaml' };
    expect(problemLine(top, 'zh')).toBe('x.yaml:1:1  （顶层）  找不到文件：x.yaml');
  });

  it('leaves a message no pattern knows in English, whole (never half translated)', () => {
    const odd = 'the frobnicator of 2024 overflowed at 0.2 kg/kWh';
    expect(problemMessage(odd, 'zh')).toBe(odd);
    // a subject the tables do not know: the whole range message stays English
    expect(problemMessage('a widget count must be between 1 and 2, got 3', 'zh')).toBe('a widget count must be between 1 and 2, got 3');
    // a one-word subject is a name (a parameter's), said as written
    expect(problemMessage('demandGrowth must be between 0 and 0.5, got 0.7', 'zh')).toBe('demandGrowth 必须在 0 到 0.5 之间，得到的是 0.7');
  });

  it('counts the problems left out, and re-says a manifest\'s English lines', () => {
    const p = one(MINIMAL.replace('pue: 1.3', 'pue: 0.9'));
    expect(problemLines({ problems: [p], more: 12 }, 'zh').at(-1)).toBe('……另有 12 个问题');
    expect(problemLines({ problems: [p], more: 12 }, 'en').at(-1)).toBe('… and 12 more problems');
    expect(problemLines({ problems: [p], more: 0 }, 'zh')).toHaveLength(1);
    expect(problemLineText(formatProblem(p), 'zh')).toBe(problemLine(p, 'zh'));
    expect(problemLineText(formatProblem(p), 'en')).toBe(formatProblem(p));
    expect(problemLineText('not a problem line', 'zh')).toBe('not a problem line');
  });
});

describe('lesson problems in Chinese', () => {
  it('says the lesson loader\'s messages in Chinese, keeping ids, did-you-mean and ranges', () => {
    const zh = (m: string): string => problemMessage(m, 'zh');
    expect(zh('missing translation: no Chinese (zh) text')).toBe('缺少译文：没有 zh 文本');
    expect(zh('no lever "investmnt" in Plan (did you mean "investment"?); its levers: investment, aiShare')).toBe(
      '情景“Plan”中没有杠杆 "investmnt"（是否要写 "investment"？）；它的杠杆有：investment, aiShare',
    );
    expect(zh('99999 is outside the range of lever "transferIncentive": 0…3000 CNY/rack/month')).toContain('超出杠杆 "transferIncentive" 的范围：0…3000');
    expect(zh('unknown view "overveiw" (did you mean "overview"?); views: overview, flows')).toContain('未知的视图 "overveiw"（是否要写 "overview"？）');
    expect(zh('answer 5 is not one of the choices: 1…3 (1 is the first)')).toBe('答案 5 不是选项之一：应为 1…3（1 为第一个选项）');
    // English stays as the loader wrote it
    expect(problemMessage('a lesson has at least one step', 'en')).toBe('a lesson has at least one step');
  });
});

describe('rarer scenario problems in Chinese', () => {
  /** The first problem of ai-boom with one value set wrong (as `--set` would). */
  const problemOf = (path: string, value: string): string => {
    try {
      loadScenario('scenarios/ai-boom.yaml', [{ path, value }]);
    } catch (err) {
      if (err instanceof ScenarioError) return err.problems[0]!.message;
      throw err;
    }
    throw new Error(`${path}=${value} loaded`);
  };
  const cases: [string, string][] = [
    ['ai.cards.0.origin', 'martian'],
    ['uncertainty.0.dist.type', 'weird'],
    ['uncertainty.0.dist.mode', '5'],
    ['uncertainty.4.dist.sigma', '-1'],
    ['uncertainty.10.rho', '2'],
    ['uncertainty.10.correlate', 'x'],
    ['levers.0.step', '0'],
    ['levers.0.unit', 'kW'],
    ['ai.cards.0.perServer', '0'],
    ['ai.exportControls.0.date', '[1]'],
    ['horizon.start', '1900'],
    ['parameters.demandGrowth', '[1]'],
    ['workloads.0.share', '0.9'],
    ['servers.classes.ai.power', '20 kW'],
    ['hubs.0.residualFactor', '0.01 kg/kWh'],
  ];
  for (const [path, value] of cases) {
    it(`${path}=${value}`, () => {
      const en = problemOf(path, value);
      const zh = problemMessage(en, 'zh');
      expect(zh, en).not.toBe(en);
      expect(zh, en).toMatch(/[\u4e00-\u9fff]/);
    });
  }
});
