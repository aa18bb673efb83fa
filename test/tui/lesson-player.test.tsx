/**
The lesson player driven with keys in an off-screen 80×24 terminal: steps
forward and back put the screen where each step says, a question reveals what
the model says once answered, locked levers do not turn and the levers in play
do, and every step's text is there in full (scrolling, never cut) in both
languages, no line wider than the terminal.
*/
import { afterEach, describe, expect, it } from 'vitest';
import { fillText } from '../../src/report/lesson.js';
import { setLang } from '../../src/report/i18n/lang.js';
import { readLesson, type Lesson } from '../../src/scenario/lesson.js';
import { LessonController, screenFigures } from '../../src/tui/lesson/controller.js';
import { LessonPlayer } from '../../src/tui/lesson/player.js';
import { currentYear } from '../../src/tui/model.js';
import { width } from '../../src/tui/text.js';
import { KEY, flush, offscreen, type Offscreen } from './helpers.js';

const PGDN = '\u001b[6~';
const PGUP = '\u001b[5~';

interface Player extends Offscreen {
  c: LessonController;
}

let open: Player | undefined;
afterEach(() => {
  open?.close();
  open = undefined;
  setLang('en');
});

const cache = new Map<string, Lesson>();
const lessonOf = (file: string): Lesson => {
  if (!cache.has(file)) cache.set(file, readLesson(file));
  return cache.get(file)!;
};

function play(file: string, columns = 80, rows = 24): Player {
  const c = LessonController.create(lessonOf(file), { mcRuns: 0 });
  open = { c, ...offscreen(<LessonPlayer controller={c} />, () => c.close(), columns, rows) };
  return open;
}

/** The lesson panel's lines: between the rule with the step number and the footer. */
function panel(lines: string[]): string[] {
  const rule = lines.findIndex((l) => /^── \d+\/\d+ /.test(l));
  return lines.slice(rule + 1, lines.length - 1);
}

/** Everything the panel holds, scrolled through from the top with PgDn. */
async function wholePanel(p: Player): Promise<string> {
  await p.press(PGUP, PGUP, PGUP, PGUP);
  const seen: string[] = [...panel(p.lines())];
  const more = (): boolean => /↓ more|↓ 还有/.test(p.frame());
  for (let i = 0; i < 30 && more(); i++) {
    await p.press(PGDN);
    seen.push(...panel(p.lines()));
  }
  return seen.join('\n');
}

const squash = (s: string): string => s.replace(/\s+/g, '');

describe('the lesson player at 80×24', () => {
  it('steps forward and back, each step putting the screen where it says', async () => {
    const p = play('test/fixtures/lessons/small.yaml');
    await flush();
    const s = () => p.c.store.getState();
    expect(p.lines()[0]).toMatch(/^ dcplan {2}A small lesson .* step 1\/2 /);
    expect(p.frame()).toContain('── 1/2 Servers');
    expect(currentYear(s())).toBe(2025);
    expect(s().view).toBe('overview');
    expect(s().levers.locked).toEqual(['investment', 'transferIncentive', 'electricityPrice', 'demandGrowth', 'aiShare']);
    await p.press(KEY.right);
    expect(p.frame()).toContain('── 2/2 More money');
    expect(s().runs[s().focus]!.levers).toEqual({ investment: 60 });
    expect(s().levers.open).toBe(true); // a challenge opens the levers, on its lever
    expect(s().levers.locked).toEqual(['transferIncentive', 'electricityPrice', 'demandGrowth', 'aiShare']);
    await p.press('l', KEY.right); // the end: it says so
    expect(p.lines().at(-1)).toContain('End of the lesson');
    await p.press(KEY.left);
    expect(p.frame()).toContain('── 1/2 Servers');
    expect(s().runs[s().focus]!.levers).toEqual({});
    await p.press(KEY.left);
    expect(p.lines().at(-1)).toContain('This is the first step');
  });

  it('hides the key figure until the question is answered, then reveals what the model says', async () => {
    const p = play('test/fixtures/lessons/small.yaml');
    await flush();
    expect(p.frame()).toContain('answer the question to see it');
    expect(p.frame()).toContain('Press 1 2 to answer');
    expect(p.frame()).not.toContain('What the model says');
    await p.press('1');
    const f = p.frame();
    expect(f).toContain('Your answer: 1 · the right answer is 2');
    expect(f).toContain('What the model says');
    expect(f).toMatch(/P\(4 M by 2025\) = (met|not yet|\d+ %)\./);
    expect(p.c.getUi().answers[0]).toBe(0);
    await p.press('3'); // not a choice: nothing changes
    expect(p.c.getUi().answers[0]).toBe(0);
  });

  it('locked levers do not turn; the levers in play do, and the challenge follows', async () => {
    const p = play('test/fixtures/lessons/small.yaml');
    await flush();
    await p.press('l', KEY.right);
    expect(p.lines().at(-1)).toMatch(/locked in this lesson step/);
    expect(p.c.store.getState().runs).toHaveLength(1);
    await p.press('l', KEY.right); // close the levers, next step: the challenge, investment in play
    const before = p.c.store.getState().runs[p.c.store.getState().focus]!.levers.investment;
    expect(before).toBe(60);
    await p.press(KEY.right); // the levers panel is open on investment: → turns it
    const s = p.c.store.getState();
    expect(s.runs[s.focus]!.levers.investment).toBe(65);
    expect(p.frame()).toMatch(/Now \(central case\): (met|not yet)/); // no Monte Carlo in this test: the central case says so
    await p.press(KEY.down, KEY.right); // the next lever is locked
    expect(p.lines().at(-1)).toMatch(/locked in this lesson step/);
  });

  it.each(['why-west', 'add-up', 'what-happened'])('%s: every step\'s text in full, in both languages, no line wider than 80', async (id) => {
    for (const lang of ['en', 'zh'] as const) {
      setLang(lang);
      const p = play(`lessons/${id}.yaml`);
      await flush();
      const lesson = p.c.lesson;
      for (const step of lesson.steps) {
        const text = await wholePanel(p);
        for (const line of p.lines()) expect(width(line), line).toBeLessThanOrEqual(80);
        const f = screenFigures(p.c.store.getState())!;
        expect(squash(text)).toContain(squash(fillText(step.text[lang], f, lang, step)));
        expect(text.replace(/computing…|计算中…/g, '')).not.toMatch(/\S…$/m); // nothing cut with an ellipsis
        // space: the next step even where a challenge has opened the levers (→ turns a lever there)
        if (step.number < lesson.steps.length) await p.press(' ');
      }
      p.close();
      open = undefined;
    }
  });

  it('a terminal too small says so', async () => {
    const p = play('test/fixtures/lessons/small.yaml', 50, 12);
    await flush();
    expect(p.frame()).toContain('the lesson needs at least 60×16');
  });
});
