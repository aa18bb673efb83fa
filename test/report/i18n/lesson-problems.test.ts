/**
Lesson-file problems in Chinese (src/report/i18n/problems.ts): each English
template of the lesson loader (lesson.ts, lesson-schema.ts, lesson-target.ts),
filled in, is said in Chinese with every name and value it carries, no English
prose left beyond ids, values and syntax (METRIC@YEAR, {en: …, zh: …}); the
English stays byte for byte as the loader wrote it. Then a broken lesson
through the real loader, line by line.
*/
import { describe, expect, it } from 'vitest';
import { formatProblem, loadScenario } from '../../../src/scenario/index.js';
import { readLessonText } from '../../../src/scenario/lesson.js';
import { LESSON_VIEWS } from '../../../src/scenario/lesson-schema.js';
import { problemLines, problemMessage } from '../../../src/report/i18n/problems.js';
import { problemsFrom } from '../../helpers/scenario.js';

const HAN = /\p{Script=Han}/u;

/** Words a Chinese message may keep in Latin letters: syntax, keys and values a user types. */
const KEEP = new Set(['METRIC', 'YEAR', 'VALUE', 'TARGET', 'ID', 'all', 'atLeast', 'atMost', 'true', 'null', 'p5', 'p95', 'central', 'median', 'base']);

/**
The English prose words left in `zh`: after the names the message carries
(`names`), quoted text, code, {…} syntax, paths and METRIC@YEAR are taken out,
any other word of three or more Latin letters. An identifier in camelCase
(a metric, a lever) is a name too.
*/
function proseWords(zh: string, names: readonly string[] = []): string[] {
  let s = zh;
  for (const n of names) s = s.split(n).join(' ');
  s = s.replace(/"[^"]*"|'[^']*'|`[^`]*`|\{[^{}]*\}|[\w.-]*[/@][\w.@/-]*|[\w-]+\.(?:yaml|json|md)\b|\b[a-z]+[A-Z]\w*/g, ' ');
  return (s.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !KEEP.has(w));
}

/** The quoted names and the numbers of an English message: a translation must carry every one. */
function facts(msg: string): string[] {
  return [...msg.matchAll(/"[^"]*"|-?\d+(?:\.\d+)?/g)].map((m) => m[0]);
}

/** [English as the loader writes it, filled in; the Chinese expected; names that stay as they are]. */
const CASES: [string, RegExp, string[]?][] = [
  // lesson-schema.ts: a value of the wrong kind ("got X" said by valueText)
  ['expected a text in both languages, {en: ..., zh: ...}, got a list', /^应为双语文本 \{en: \.\.\., zh: \.\.\.\}，得到的是 一个列表$/],
  ['expected a list of roles, got "everyone"', /^应为角色列表，得到的是 "everyone"$/],
  ['expected a list of lever ids, got 5', /^应为杠杆 id 列表，得到的是 5$/],
  ['expected a list of steps, got a mapping', /^应为步骤列表，得到的是 一个映射$/],
  ['expected a list of choices, got true', /^应为选项列表，得到的是 true$/],
  ['expected all or a list of lever ids, got "some"', /^应为关键字 all 或杠杆 id 列表，得到的是 "some"$/],
  ['expected a mapping {leverId: value}, got a list', /^应为映射 \{leverId: 数值\}，得到的是 一个列表$/],
  ["expected a number in the lever's unit, got \"high\"", /^应为以杠杆自身单位计的数字，得到的是 "high"$/],
  ['expected a year, got "2025"', /^应为年份，得到的是 "2025"$/],
  ['expected a probability, 0.9 or "90%", got a mapping', /^应为概率，如 0\.9 或 "90%"，得到的是 一个映射$/],
  ['expected the number of the right choice (1 for the first), got "two"', /^应为正确选项的序号（1 为第一个选项），得到的是 "two"$/],
  ['expected a whole year', /^年份应为整数$/],
  ['expected a whole number', /^应为整数$/],
  ['a question offers at least 2 choices', /^一道题至少要有 2 个选项$/],
  ['a question offers at most 4 choices (keys 1–4)', /^一道题至多有 4 个选项（按键 1–4）$/],
  ['a challenge puts at least one lever in play', /^挑战至少要让一个杠杆可调$/],
  ['at most 100 lever ids', /^杠杆 id 最多 100 个$/],
  ['an id cannot be empty', /^id 不能为空$/],
  // lesson.ts
  ['missing translation: the text is in one language only; give it in both, {en: "…", zh: "…"}', /^缺少译文：文本只有一种语言；请两种语言都给出，\{en: "…", zh: "…"\}$/],
  ["scenario file not found: lessons/nope.yaml (nope.yaml from the lesson file's directory)", /^找不到情景文件：lessons\/nope\.yaml（nope\.yaml 相对于课程文件所在目录）$/],
  ['scenario file not found: /srv/plans/nope.yaml', /^找不到情景文件：\/srv\/plans\/nope\.yaml$/],
  ['observations file not found: data/observed/nope.yaml', /^找不到观测数据文件：data\/observed\/nope\.yaml$/],
  ['the scenario scenarios/broken.yaml has problems (above)', /^情景文件 scenarios\/broken\.yaml 有问题（见上文）$/],
  ['lever "investment" is already held by the role "government": a lever has one owner', /^杠杆 "investment" 已归角色 "government" 掌管：一个杠杆只能有一个掌管者$/],
  ['duplicate role id "grid" (first used at line 7)', /^重复的角色 id "grid"（第 7 行已使用）$/],
  ['missing required key "steps": a lesson has at least one step', /^缺少必需的键 "steps"：一课至少要有一步$/],
  ['a brace without its pair: write {{ or }} for a brace in the text', /^花括号不成对：文本中的花括号请写成 \{\{ 或 \}\}$/],
  ['unknown key "By 2025" (a comma inside {…} starts a new key: put the text in quotes)', /^未知的键 "By 2025"（\{…\} 中的逗号会开始一个新键：请把文本放在引号里）$/],
  ["-1 is outside the horizon of Gui'an plan (2020–2030)", /^-1 年不在情景“Gui'an plan”的时间范围内（2020–2030）$/, ["Gui'an plan"]],
  ['answer -1 is not one of the choices: 1…4 (1 is the first)', /^答案 -1 不是选项之一：应为 1…4（1 为第一个选项）$/],
  ['no lever "x" in Empty; its levers: none', /^情景“Empty”中没有杠杆 "x"；它的杠杆有：无$/, ['Empty']],
  // lesson-target.ts: key figures, targets, probabilities
  ['"x" is not METRIC@YEAR, e.g. serverCapacity@2025', /^"x" 不是 METRIC@YEAR 形式，例如 serverCapacity@2025$/],
  ["\"x\" is not METRIC@YEAR >= VALUE or METRIC@YEAR <= VALUE; e.g. 'serverCapacity@2025 >= 4 million servers'", /^"x" 不是 METRIC@YEAR >= VALUE 或 METRIC@YEAR <= VALUE 形式；例如 'serverCapacity@2025 >= 4 million servers'$/],
  ['probability must be strictly between 0 and 1 (e.g. 0.9 or "90%"), got "a}b"', /^概率必须严格介于 0 和 1 之间（例如 0\.9 或 "90%"），得到的是 "a\}b"$/],
  ['probability must be strictly between 0 and 1 (e.g. 0.9 or "90%"), got 1.5', /^概率必须严格介于 0 和 1 之间（例如 0\.9 或 "90%"），得到的是 1\.5$/],
  ["no value after the comparison; e.g. 'serverCapacity@2025 >= 4 million servers'", /^比较符号后没有数值；例如 'serverCapacity@2025 >= 4 million servers'$/],
  ['"serverCapacity@2025 > 4": use >= or <= (a target is met at its bound, as atLeast/atMost in scenario files)', /^"serverCapacity@2025 > 4"：请用 >= 或 <=（目标在边界上即算达成，与情景文件中的 atLeast\/atMost 相同）$/],
  ['"4 MW" is not a number of servers: serverCapacity is in servers', /^"4 MW" 不是服务器台数：serverCapacity 的单位是 servers$/, ['servers']],
  ['"4 MW" is not a plain number: eastDemandShare is in plain numbers', /^"4 MW" 不是纯数字：eastDemandShare 是纯数字$/, ['eastDemandShare']],
  ['"4 MW" is not a share (0.9 or 90%): renewableShare is in share', /^"4 MW" 不是比例（0\.9 或 90%）：renewableShare 的单位是 share$/, ['renewableShare', 'share']],
  ['"4 MW" is not an amount of money (e.g. "40 billion CNY"): capex is in CNY', /^"4 MW" 不是金额（例如 "40 billion CNY"）：capex 的单位是 CNY$/, ['capex', 'CNY']],
  ['"4 MW" is not a number of racks or a power (2.5 kW a rack): racksLive is in racks', /^"4 MW" 不是机架数或功率（每机架 2\.5 kW）：racksLive 的单位是 racks$/, ['racksLive', 'racks']],
  ['"4 servers" is not a number of GWh: energyUse is in GWh', /^"4 servers" 不是以 GWh 计的数值：energyUse 的单位是 GWh$/, ['energyUse', 'GWh']],
  ['unknown metric "serverCapacty" (did you mean "serverCapacity"?); metrics are the column names of `dcplan run --format csv` (docs/results.md)', /^未知指标 "serverCapacty"（是否要写 "serverCapacity"？）；指标即 `dcplan run --format csv` 输出的列名（见 docs\/results\.md）$/],
  ['unknown metric "zzz"; metrics are the column names of `dcplan run --format csv` (docs/results.md)', /^未知指标 "zzz"；指标即 `dcplan run --format csv` 输出的列名/],
  // placeholders: "{body}: <problem>", the problem said by the rules above
  ['{x@2025}: "x@2025" is not METRIC@YEAR, e.g. serverCapacity@2025', /^占位符 \{x@2025\}："x@2025" 不是 METRIC@YEAR 形式/],
  ['{serverCapacity@1999}: 1999 is outside the horizon of Plan (2020–2030)', /^占位符 \{serverCapacity@1999\}：1999 年不在情景“Plan”的时间范围内（2020–2030）$/, ['Plan']],
  ['{P:servrs}: no target "servrs" in Plan (did you mean "servers"?); its targets: servers, pue', /^占位符 \{P:servrs\}：情景“Plan”中没有目标 "servrs"（是否要写 "servers"？）；它的目标有：servers, pue$/, ['Plan', 'servers, pue']],
  ['{P:x}: no target "x" in Plan; its targets: none', /^占位符 \{P:x\}：情景“Plan”中没有目标 "x"；它的目标有：无$/, ['Plan']],
  ['{lever:x}: no lever "x" in Plan; its levers: investment, aiShare', /^占位符 \{lever:x\}：情景“Plan”中没有杠杆 "x"；它的杠杆有：investment, aiShare$/, ['Plan', 'investment, aiShare']],
  ['{serverCapacity@2025:p7}: unknown statistic "p7"; after the colon: p5, p95, central, median, base', /^占位符 \{serverCapacity@2025:p7\}：未知的统计量 "p7"；冒号后可写：p5, p95, central, median, base$/],
  ['{P:challenge} needs a challenge in the same step', /^\{P:challenge\} 要求同一步中有挑战$/],
  ['{foo} is not a placeholder: write {METRIC@YEAR}, {METRIC@YEAR:p5}, {P:TARGET} or {lever:ID} (docs/lessons.md); {{ and }} write braces', /^\{foo\} 不是占位符：请写 \{METRIC@YEAR\}、\{METRIC@YEAR:p5\}、\{P:TARGET\} 或 \{lever:ID\}（见 docs\/lessons\.md）；\{\{ 和 \}\} 表示花括号本身$/],
];

describe('lesson-file problems in Chinese, template by template', () => {
  for (const [en, want, names] of CASES) {
    it(en, () => {
      const zh = problemMessage(en, 'zh');
      expect(zh).toMatch(want);
      expect(zh).toMatch(HAN);
      expect(proseWords(zh, names), zh).toEqual([]);
      for (const f of facts(en.replace(/ \(did you mean "(.*)"\?\)/, ' "$1"'))) expect(zh, `${en} → ${zh}`).toContain(f);
      // the English is the loader's message, untouched
      expect(problemMessage(en, 'en')).toBe(en);
    });
  }

  it('leaves a placeholder problem no rule knows in English, whole', () => {
    expect(problemMessage('{x}: the frobnicator overflowed', 'zh')).toBe('{x}: the frobnicator overflowed');
  });
});

/** A lesson with one problem of most kinds, each where the loader still reaches it (a step that fails its schema is not checked further). */
const BROKEN = `title: Why
summary: { en: Short, zh: 短 }
scenario: ../scenarios/guian-plan.yaml
observed: ../data/observed/nope.yaml
roles:
  - id: a
    name: { en: A, zh: 甲 }
    levers: [investment]
  - id: b
    name: { en: B, zh: 乙 }
    levers: [investment]
  - id: a
    name: Only English
steps:
  - text: { en: "a { b {serverCapacty@2025} {P:foo} {lever:x} {serverCapacity@2025:p7} {foo} {P:challenge} {x@y}", zh: 甲 }
    year: -1
    view: overveiw
    levers: { electricityPrice: 5, investmnt: 1 }
    lock: [nope]
    figure: x
  - text: { en: T, zh: 文 }
    question:
      text: { en: Q, zh: 问 }
      choices: [{ en: a, zh: 甲 }]
      reveal: { en: R, zh: 答 }
  - text: { en: T, zh: 文 }
    question:
      text: { en: Q, zh: 问 }
      choices: [{ en: a, zh: 甲 }, { en: b, zh: 乙 }]
      answer: -1
      reveal: { en: R, zh: 答 }
  - text: { en: T, zh: 文 }
    year: 2020.5
    lock: some
  - text: { en: T, zh: 文 }
    challenge:
      text: { en: C, zh: 挑战 }
      target: serverCapacity@2025 > 4
      probability: 2
      levers: [investment]
  - text: { en: T, zh: 文 }
    challenge:
      text: { en: C, zh: 挑战 }
      target: 'serverCapacity@2025 >= 4 MW'
      levers: [investment]
  - text: { en: T, zh: 文 }
    challenge:
      text: { en: C, zh: 挑战 }
      target: 'serverCapacity@2025 >= '
      levers: []
  - text: Just English
    scenario: nope.yaml
`;

describe('a broken lesson through the loader, in Chinese', () => {
  it('says every problem line in Chinese, in the frame file:line:col  path  message', () => {
    const err = { problems: problemsFrom(() => readLessonText(BROKEN, 'lessons/broken.yaml', 'lessons')) };
    const plan = loadScenario('scenarios/guian-plan.yaml');
    const names = [plan.name, plan.levers.map((l) => l.id).join(', '), plan.targets.map((t) => t.id).join(', '), LESSON_VIEWS.join(', '), 'servers'];
    const english = err.problems.map(formatProblem);
    const zh = problemLines(err, 'zh');
    expect(zh).toHaveLength(english.length);
    expect(english.length).toBeGreaterThanOrEqual(25);
    zh.forEach((line, i) => {
      const p = err.problems[i]!;
      expect(line.startsWith(`${p.file}:${p.line}:${p.col}  ${p.path}  `), line).toBe(true);
      const said = line.slice(`${p.file}:${p.line}:${p.col}  ${p.path}  `.length);
      expect(said, english[i]).not.toBe(p.message);
      expect(said, english[i]).toMatch(HAN);
      expect(proseWords(said, names), `${english[i]} → ${said}`).toEqual([]);
      for (const f of facts(p.message.replace(/ \(did you mean "(.*)"\?\)/, ' "$1"'))) expect(said, `${english[i]} → ${said}`).toContain(f);
    });
    // the kinds the loader reached, so that a change to the lesson above cannot quietly test less
    const all = zh.join('\n');
    for (const bit of ['缺少译文', '找不到观测数据文件', '已归角色', '重复的角色 id', '占位符 {P:foo}', '花括号不成对', '-1 年不在情景', '未知的视图', '超出杠杆', '不是 METRIC@YEAR 形式', '至少要有 2 个选项', '答案 -1', '年份应为整数', '应为关键字 all', '请用 >= 或 <=', '不是服务器台数', '概率必须严格介于', '挑战至少要让一个杠杆可调', '找不到情景文件']) {
      expect(all).toContain(bit);
    }
    // English stays as the loader wrote it
    expect(problemLines(err, 'en')).toEqual(english);
  });

  it('an empty role id is one problem, and a list of over 100 levers says so (not "got a list")', () => {
    const many = Array.from({ length: 101 }, (_, i) => `l${i}`).join(', ');
    const text = `title: {en: T, zh: 题}\nsummary: {en: S, zh: 摘}\nscenario: ../scenarios/guian-plan.yaml\nroles:\n  - id: ""\n    name: {en: A, zh: 甲}\n    levers: [${many}]\nsteps:\n  - title: {en: a, zh: 甲}\n    text: {en: b, zh: 乙}\n`;
    const err = { problems: problemsFrom(() => readLessonText(text, 'lessons/roles.yaml', 'lessons')) };
    expect(err.problems.map((p) => `${p.path}  ${p.message}`)).toEqual(['roles.0.id  an id cannot be empty', 'roles.0.levers  at most 100 lever ids']);
    expect(problemLines(err, 'zh').map((l) => l.split('  ').at(-1))).toEqual(['id 不能为空', '杠杆 id 最多 100 个']);
  });
});
