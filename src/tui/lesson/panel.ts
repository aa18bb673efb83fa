/**
The lesson panel as lines: the step's text wrapped in full (never cut: the
panel scrolls), the key figure in big digits, the question with its choices
and, once answered, what the model says, and the challenge's target and how
far the run on screen is from it. Every line fits `width` cells in either
language (wrap and width from src/tui/text.ts).
*/
import { figureText, fillText, leverNamesWithRoles, listText, probabilityText, targetText, basisText, type Figures } from '../../report/lesson.js';
import { t } from '../../report/i18n/catalogue.js';
import type { Lang } from '../../report/i18n/lang.js';
import { labelOf } from '../../report/display.js';
import type { Lesson, LessonStep } from '../../scenario/lesson.js';
import { seg, type Line } from '../components/lines.js';
import { G, isAscii } from '../glyphs.js';
import { width as textWidth, wrap } from '../text.js';

// ---------------------------------------------------------------- big digits

/** Three rows per character: digits drawn with half and full blocks. */
const FONT: Record<string, [string, string, string]> = {
  '0': ['█▀█', '█ █', '▀▀▀'],
  '1': ['▀█ ', ' █ ', '▀▀▀'],
  '2': ['▀▀█', '█▀▀', '▀▀▀'],
  '3': ['▀▀█', ' ▀█', '▀▀▀'],
  '4': ['█ █', '▀▀█', '  ▀'],
  '5': ['█▀▀', '▀▀█', '▀▀▀'],
  '6': ['█▀▀', '█▀█', '▀▀▀'],
  '7': ['▀▀█', '  █', '  ▀'],
  '8': ['█▀█', '█▀█', '▀▀▀'],
  '9': ['█▀█', '▀▀█', '▀▀▀'],
  '.': [' ', ' ', '▀'],
  ',': [' ', ' ', '▄'],
  '−': ['   ', '▀▀▀', '   '],
  '-': ['   ', '▀▀▀', '   '],
  '+': ['▄█▄', ' ▀ ', '   '],
};

/** The leading number of a figure ("3.52" of "3.52 M servers", "352" of "352万 台") and the rest. */
export function splitNumber(text: string): { number: string; rest: string } {
  const m = /^([−\-+]?[\d.,]*\d)(.*)$/u.exec(text);
  return m ? { number: m[1]!, rest: m[2]! } : { number: '', rest: text };
}

/** A number in big digits: three rows of equal width (ASCII: '#'). */
export function bigDigits(number: string): [string, string, string] {
  const rows: [string, string, string] = ['', '', ''];
  const ascii = isAscii();
  [...number].forEach((ch, i) => {
    const g = FONT[ch];
    if (!g) return;
    for (let r = 0; r < 3; r++) rows[r] += (i > 0 ? ' ' : '') + (ascii ? g[r]!.replace(/[█▀▄]/g, G.full) : g[r]);
  });
  return rows;
}

/** The key figure: its number in big digits with the unit after it, the label, the year and what the number is beside. */
export function figureLines(step: LessonStep, f: Figures, lang: Lang, width: number, revealed: boolean): Line[] {
  const { metric, year } = step.figure!;
  const label = t('lesson.figure.label', { label: labelOf(metric, undefined, lang), year }, lang);
  if (!revealed) return [[seg(' '), seg(label, { bold: true }), seg(`  ${t('lesson.player.hidden', {}, lang)}`, { dim: true })]];
  const v = f.value(metric, year);
  const pending = !Number.isFinite(v) && f.pending;
  const text = pending ? t('lesson.computing', {}, lang) : figureText(v, metric, lang);
  const { number, rest } = splitNumber(text);
  const lo = f.value(metric, year, 'p5');
  const hi = f.value(metric, year, 'p95');
  const band = Number.isFinite(lo) && Number.isFinite(hi) && figureText(lo, metric, lang) !== figureText(hi, metric, lang)
    ? t('lesson.text.band', { range: `${figureText(lo, metric, lang)} – ${figureText(hi, metric, lang)}` }, lang)
    : '';
  const side = [label, f.pending ? `${basisText(f, lang)} · ${t('lesson.computing', {}, lang)}` : basisText(f, lang), band].filter(Boolean);
  if (!number) return [[seg(' '), seg(label, { bold: true }), seg(`  ${text}`, { bold: true, color: 'yellow' })]];
  const big = bigDigits(number);
  const bigW = textWidth(big[0]);
  const restW = textWidth(rest);
  // the words beside the digits when they fit, else under them
  const besideW = width - 1 - bigW - restW - 3;
  const beside = side.every((x) => textWidth(x) <= besideW);
  const out: Line[] = big.map((row, r): Line => {
    const line: Line = [seg(' '), seg(row, { bold: true, color: 'yellow' })];
    if (r === 2) line.push(seg(rest, { bold: true }));
    else line.push(seg(' '.repeat(restW)));
    if (beside && side[r]) line.push(seg('   '), seg(side[r], r === 0 ? { bold: true } : { dim: true }));
    return line;
  });
  if (!beside) for (const [i, x] of side.entries()) for (const l of wrap(x, width - 2)) out.push([seg(' '), seg(l, i === 0 ? { bold: true } : { dim: true })]);
  return out;
}

// ---------------------------------------------------------------- the panel

/** Wrapped text, each line indented by `indent` cells (the first by `first` when given). */
function para(text: string, width: number, indent = 1, style: Parameters<typeof seg>[1] = {}, first?: string): Line[] {
  const lead = first ?? ' '.repeat(indent);
  const w = Math.max(10, width - Math.max(textWidth(lead), indent) - 1);
  return wrap(text, w).map((l, i): Line => [seg(i === 0 ? lead : ' '.repeat(Math.max(textWidth(lead), indent))), seg(l, style)]);
}

export interface PanelLines {
  lines: Line[];
  /** The first line of what the model says, once the question is answered (the player scrolls there). */
  revealAt?: number;
}

/** Every line of the lesson panel for a step, unscrolled. */
export function panelLines(lesson: Lesson, step: LessonStep, answer: number | undefined, f: Figures, lang: Lang, width: number): PanelLines {
  const out: Line[] = [];
  const fill = (s: string): string => fillText(s, f, lang, step);
  for (const p of fill(step.text[lang]).split(/\n+/)) out.push(...para(p, width));
  const q = step.question;
  const answered = answer !== undefined;
  // a challenge's target and how far the run is from it come first: they change as the levers turn
  if (step.challenge) out.push(...challengeLines(lesson, step, f, lang, width));
  if (step.figure) {
    out.push([]);
    out.push(...figureLines(step, f, lang, width, !q || answered));
  }
  let revealAt: number | undefined;
  if (q) {
    out.push([]);
    out.push(...para(fill(q.text[lang]), width, 2, { bold: true, color: 'cyan' }, '? '));
    q.choices.forEach((c, i) => {
      const chosen = answer === i;
      const right = q.answer === i && answered;
      const mark = `${chosen ? G.pointer : ' '} ${i + 1}  `;
      const color: 'green' | 'red' = q.answer === undefined || right ? 'green' : 'red';
      const style = chosen ? { bold: true, color } : right ? { bold: true, color: 'green' as const } : {};
      out.push(...para(fill(c[lang]), width, textWidth(mark) + 1, style, ` ${mark}`));
    });
    if (!answered) {
      const keys = q.choices.map((_, i) => String(i + 1)).join(' ');
      out.push([seg(' '), seg(t('lesson.player.answer', { keys }, lang), { dim: true })]);
    } else {
      const verdict = q.answer === undefined ? '' : q.answer === answer ? t('lesson.player.right', {}, lang) : t('lesson.player.wrong', { n: q.answer + 1 }, lang);
      out.push([seg(' '), seg(t('lesson.player.yourAnswer', { n: answer + 1 }, lang)), ...(verdict ? [seg(' · '), seg(verdict, { bold: true, color: q.answer === answer ? 'green' : 'red' })] : [])]);
      out.push([]);
      revealAt = out.length;
      out.push([seg(' '), seg(t('lesson.player.reveal', {}, lang), { bold: true, underline: true })]);
      for (const p of fill(q.reveal[lang]).split(/\n+/)) out.push(...para(p, width));
    }
  }
  return revealAt !== undefined ? { lines: out, revealAt } : { lines: out };
}

function challengeLines(lesson: Lesson, step: LessonStep, f: Figures, lang: Lang, width: number): Line[] {
  const out: Line[] = [];
  const fill = (s: string): string => fillText(s, f, lang, step);
  const c = step.challenge;
  if (c) {
    out.push([]);
    out.push(...para(fill(c.text[lang]), width, 2, { bold: true, color: 'cyan' }, `${G.pointer} `));
    out.push(...para(t('lesson.player.target', { target: targetText(c, lang), p: probabilityText(c.probability) }, lang), width, 2));
    const p = f.probability(c.targetId);
    if (p !== undefined) {
      const met = p >= c.probability;
      const verdict = t(met ? 'lesson.met' : 'lesson.notMet', {}, lang);
      out.push([seg('  '), seg(t('lesson.player.status', { p: probabilityText(p), verdict }, lang), { bold: true, color: met ? 'green' : 'yellow' })]);
    } else {
      // the central case alone: while the runs fill, or for a scenario without uncertainty
      const met = f.met(c.targetId) === true;
      const word = t(met ? 'lesson.met' : 'lesson.notMet', {}, lang);
      const line = f.pending
        ? t('lesson.player.statusCentral', { verdict: `${word} · P ${t('lesson.computing', {}, lang)}` }, lang)
        : t('lesson.player.statusCentralOnly', { verdict: word }, lang);
      out.push(...para(line, width, 2, { dim: true }));
    }
    out.push(...para(t('lesson.player.inPlay', { list: listText(leverNamesWithRoles(lesson, f.scenario, c.levers, lang), lang) }, lang), width, 2, { dim: true }));
  }
  return out;
}
