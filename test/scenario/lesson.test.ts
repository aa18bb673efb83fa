/**
The lesson loader: a valid lesson and what its steps show (the fold), every
kind of mistake a teacher makes as one located problem with a "did you mean",
and the shipped lessons and the documented example valid against their
scenarios.
*/
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, ScenarioError } from '../../src/scenario/errors.js';
import { LESSON_VIEWS, readLesson, readLessonText, withLessonTargets, type Lesson } from '../../src/scenario/lesson.js';
import { resolveScenario } from '../../src/scenario/index.js';
import { VIEWS } from '../../src/tui/model.js';

/** A lesson's text with its scenario reached from lessons/ (as a shipped lesson reaches it). */
const HEAD = `title: { en: T, zh: 标题 }\nscenario: ../scenarios/guian-plan.yaml\n`;

function load(body: string, head = HEAD): Lesson {
  return readLessonText(head + body, 'lesson.yaml', 'lessons');
}

/** The problems of a lesson text, formatted as the CLI prints them. */
function problems(body: string, head = HEAD): string[] {
  try {
    load(body, head);
  } catch (err) {
    if (err instanceof ScenarioError) return err.problems.map(formatProblem);
    throw err;
  }
  return [];
}

describe('a valid lesson', () => {
  const lesson = readLesson('test/fixtures/lessons/small.yaml');

  it('loads with its scenario, roles, steps and texts in both languages', () => {
    expect(lesson.id).toBe('small');
    expect(lesson.title).toEqual({ en: 'A small lesson', zh: '一节小课' });
    expect(lesson.scenarios.map((s) => s.file)).toEqual(['scenarios/guian-plan.yaml']);
    expect(lesson.roles).toEqual([{ id: 'government', name: { en: 'Guizhou government', zh: '贵州省政府' }, levers: ['investment'] }]);
    expect(lesson.steps).toHaveLength(2);
    const [a, b] = lesson.steps as [Lesson['steps'][0], Lesson['steps'][0]];
    expect(a.figure).toEqual({ metric: 'serverCapacity', year: 2025 });
    expect(a.question?.answer).toBe(1); // written 2 (1 is the first choice), kept 0-based
    expect(b.challenge?.target).toMatchObject({ metric: 'serverCapacity', year: 2025, op: '>=', value: 3.9e6 });
    expect(b.challenge?.probability).toBe(0.5);
  });

  it('folds the steps: what a step does not set it keeps, a challenge locks all but its levers', () => {
    const [a, b] = lesson.steps;
    expect(a!.state).toMatchObject({ scenario: 0, year: 2025, view: 'overview', levers: {} });
    expect(a!.state.locked).toEqual(['investment', 'transferIncentive', 'electricityPrice', 'demandGrowth', 'aiShare']);
    expect(b!.state).toMatchObject({ scenario: 0, year: 2025, view: 'overview', levers: { investment: 60 } });
    expect(b!.state.locked).toEqual(['transferIncentive', 'electricityPrice', 'demandGrowth', 'aiShare']);
  });

  it("adds a challenge as a target of the scenario, unless the scenario's own target says the same", () => {
    const src = withLessonTargets(lesson, 0, () => ({ en: 'Step 2', zh: '第2步' }));
    const sc = resolveScenario(src);
    const added = sc.targets.find((t) => t.id === 'lesson-step-2');
    expect(added).toMatchObject({ metric: 'serverCapacity', year: 2025, atLeast: 3.9e6, label: 'Step 2', labelZh: '第2步' });
    const same = load(`steps:\n  - text: { en: a, zh: 甲 }\n    challenge: { text: { en: c, zh: 丙 }, target: "serverCapacity@2025 >= 4000000", levers: [investment] }\n`);
    expect(same.steps[0]!.challenge).toMatchObject({ targetId: 'servers', added: false });
    expect(withLessonTargets(same, 0, () => ({ en: '', zh: '' }))).toBe(same.scenarios[0]!.source);
  });

  it('a switch of scenario starts from its file: levers and locks reset', () => {
    const l = load(`steps:
  - text: { en: a, zh: 甲 }
    levers: { investment: 80 }
    lock: [aiShare]
  - text: { en: b, zh: 乙 }
    scenario: ../scenarios/guian-delayed.yaml
  - text: { en: c, zh: 丙 }
    scenario: ../scenarios/guian-plan.yaml
`);
    expect(l.scenarios.map((s) => s.file)).toEqual(['scenarios/guian-plan.yaml', 'scenarios/guian-delayed.yaml']);
    expect(l.steps.map((s) => [s.state.scenario, s.state.levers, s.state.locked])).toEqual([
      [0, { investment: 80 }, ['aiShare']],
      [1, {}, []],
      [0, {}, []],
    ]);
  });

  it("a lever set to the file's own value is no change", () => {
    const l = load(`steps:\n  - text: { en: a, zh: 甲 }\n    levers: { investment: 80 }\n  - text: { en: b, zh: 乙 }\n    levers: { investment: 42 }\n`);
    expect(l.steps[1]!.state.levers).toEqual({});
  });

  it('joins the lines of a folded Chinese block without spaces, and keeps English spaces', () => {
    const l = load(`steps:\n  - text:\n      en: >-\n        one line\n        and the next.\n      zh: >-\n        第一行。\n        第二行，\n        2025年。\n`);
    expect(l.steps[0]!.text).toEqual({ en: 'one line and the next.', zh: '第一行。第二行，2025年。' });
  });
});

describe('problems, located', () => {
  it('an unknown step key, with a did-you-mean', () => {
    expect(problems(`steps:\n  - text: { en: a, zh: 甲 }\n    veiw: energy\n`)).toEqual(['lesson.yaml:5:5  steps.1.veiw  unknown key "veiw" (did you mean "view"?)']);
  });

  it('a comma inside a flow mapping, with a hint to quote', () => {
    const p = problems(`steps:\n  - text: { en: By 2025, as planned, zh: 甲 }\n`);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^lesson\.yaml:4:\d+ {2}steps\.1\.text\.as planned {2}unknown key "as planned" \(a comma inside \{…\} starts a new key: put the text in quotes\)$/);
  });

  it('a lever the scenario does not have, with a did-you-mean and the list', () => {
    expect(problems(`steps:\n  - text: { en: a, zh: 甲 }\n    levers: { investmnet: 60 }\n`)).toEqual([
      `lesson.yaml:5:15  steps.1.levers.investmnet  no lever "investmnet" in Gui'an plan as announced (2020) (did you mean "investment"?); its levers: investment, transferIncentive, electricityPrice, demandGrowth, aiShare`,
    ]);
  });

  it("a value outside the lever's range", () => {
    expect(problems(`steps:\n  - text: { en: a, zh: 甲 }\n    levers: { investment: 500 }\n`)).toEqual([
      'lesson.yaml:5:27  steps.1.levers.investment  500 is outside the range of lever "investment": 10…150 billion CNY',
    ]);
  });

  it('a text in one language only, or without its Chinese, is a missing translation', () => {
    expect(problems(`steps:\n  - text: Hello\n`)).toEqual([
      'lesson.yaml:4:11  steps.1.text  missing translation: the text is in one language only; give it in both, {en: "…", zh: "…"}',
    ]);
    expect(problems(`steps:\n  - text: { en: Hello }\n`)).toEqual(['lesson.yaml:4:11  steps.1.text  missing translation: no Chinese (zh) text']);
    expect(problems(`steps:\n  - text: { en: a, zh: 甲 }\n    question:\n      text: { en: q, zh: 问 }\n      choices: [{ en: x, zh: 甲 }, { en: y }]\n      reveal: { en: r, zh: 答 }\n`)).toEqual([
      'lesson.yaml:7:35  steps.1.question.choices.2  missing translation: no Chinese (zh) text',
    ]);
  });

  it('a view that does not exist, a year outside the horizon', () => {
    expect(problems(`steps:\n  - text: { en: a, zh: 甲 }\n    view: eneregy\n    year: 2035\n`)).toEqual([
      'lesson.yaml:5:11  steps.1.view  unknown view "eneregy" (did you mean "energy"?); views: overview, datacenters, flows, energy, money, compare, national',
      "lesson.yaml:6:11  steps.1.year  2035 is outside the horizon of Gui'an plan as announced (2020) (2020–2030)",
    ]);
  });

  it('bad placeholders, targets, figures, answers and probabilities', () => {
    const p = problems(`steps:
  - text: { en: "{serverCapcity@2025} {P:sever} {lever:x} {x}", zh: "{serverCapacity@2025:p50}" }
    figure: pue@1999
    question: { text: { en: q, zh: 问 }, choices: [{ en: a, zh: 甲 }, { en: b, zh: 乙 }], answer: 3, reveal: { en: r, zh: 答 } }
    challenge: { text: { en: c, zh: 丙 }, target: "pue@2025 > 1.2", probability: 1.5, levers: [investmant] }
`);
    expect(p.join('\n')).toMatchInlineSnapshot(`
      "lesson.yaml:4:17  steps.1.text.en  {serverCapcity@2025}: unknown metric "serverCapcity" (did you mean "serverCapacity"?); metrics are the column names of \`dcplan run --format csv\` (docs/results.md)
      lesson.yaml:4:17  steps.1.text.en  {P:sever}: no target "sever" in Gui'an plan as announced (2020) (did you mean "servers"?); its targets: dcs, servers, pue
      lesson.yaml:4:17  steps.1.text.en  {lever:x}: no lever "x" in Gui'an plan as announced (2020); its levers: investment, transferIncentive, electricityPrice, demandGrowth, aiShare
      lesson.yaml:4:17  steps.1.text.en  {x} is not a placeholder: write {METRIC@YEAR}, {METRIC@YEAR:p5}, {P:TARGET} or {lever:ID} (docs/lessons.md); {{ and }} write braces
      lesson.yaml:4:69  steps.1.text.zh  {serverCapacity@2025:p50}: unknown statistic "p50"; after the colon: p5, p95, central, median, base
      lesson.yaml:5:13  steps.1.figure  1999 is outside the horizon of Gui'an plan as announced (2020) (2020–2030)
      lesson.yaml:6:96  steps.1.question.answer  answer 3 is not one of the choices: 1…2 (1 is the first)
      lesson.yaml:7:50  steps.1.challenge.target  "pue@2025 > 1.2": use >= or <= (a target is met at its bound, as atLeast/atMost in scenario files)
      lesson.yaml:7:81  steps.1.challenge.probability  probability must be strictly between 0 and 1 (e.g. 0.9 or "90%"), got 1.5
      lesson.yaml:7:95  steps.1.challenge.levers.0  no lever "investmant" in Gui'an plan as announced (2020) (did you mean "investment"?); its levers: investment, transferIncentive, electricityPrice, demandGrowth, aiShare"
    `);
  });

  it('a missing scenario file, missing keys, a role holding a lever twice', () => {
    expect(problems(`steps: []\n`, `title: { en: T, zh: 标题 }\nscenario: ../scenarios/nope.yaml\n`)).toEqual([
      "lesson.yaml:2:11  scenario  scenario file not found: scenarios/nope.yaml (../scenarios/nope.yaml from the lesson file's directory)",
      'lesson.yaml:3:8  steps  a lesson has at least one step',
    ]);
    expect(problems(`roles:\n  - { id: a, name: { en: A, zh: 甲 }, levers: [investment] }\n  - { id: b, name: { en: B, zh: 乙 }, levers: [investment] }\nsteps:\n  - text: { en: a, zh: 甲 }\n`)).toEqual([
      'lesson.yaml:5:47  roles.b.levers.0  lever "investment" is already held by the role "a": a lever has one owner',
    ]);
    expect(problems(`steps:\n  - title: { en: a, zh: 甲 }\n`)).toEqual(['lesson.yaml:4:5  steps.1.text  missing required key "text"']);
  });

  it('every problem at once, in file order', () => {
    const p = problems(`steps:\n  - text: Hello\n    veiw: energy\n    levers: { investmnet: 60 }\n`);
    expect(p.map((x) => x.split('  ')[1])).toEqual(['steps.1.text', 'steps.1.veiw', 'steps.1.levers.investmnet']);
  });
});

describe('the shipped lessons and the documented example', () => {
  const files = readdirSync('lessons').filter((f) => f.endsWith('.yaml')).sort();

  it('ship at least the three lessons of the issue', () => {
    expect(files).toEqual(expect.arrayContaining(['why-west.yaml', 'add-up.yaml', 'what-happened.yaml']));
  });

  it.each(files)('%s validates against its scenarios, every text in both languages', (f) => {
    const lesson = readLesson(join('lessons', f));
    expect(lesson.steps.length).toBeGreaterThanOrEqual(5);
    for (const step of lesson.steps) {
      expect(step.text.en.length).toBeGreaterThan(0);
      // Chinese prose, not a copy of the English
      expect(step.text.zh).toMatch(/\p{Script=Han}/u);
    }
  });

  it('what-happened plays the history-matched scenario against reported data', () => {
    const lesson = readLesson('lessons/what-happened.yaml');
    expect(lesson.scenarios.map((s) => s.file)).toContain('scenarios/guian-actual.yaml');
    expect(lesson.observedFile).toBe('data/observed/guizhou.yaml');
    expect(lesson.observed!.observations.length).toBeGreaterThan(5);
  });

  it('the example in docs/lessons.md is a valid lesson', () => {
    const doc = readFileSync('docs/lessons.md', 'utf8');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
    const lesson = readLessonText(yaml, 'carbon.yaml', 'lessons');
    expect(lesson.steps).toHaveLength(2);
    expect(lesson.steps[1]!.challenge?.levers).toEqual(['electricityPrice']);
  });

  it("the lesson views are the TUI's views", () => {
    expect([...LESSON_VIEWS]).toEqual([...VIEWS]);
  });
});
