/**
A lesson's words and figures, for every face that shows one: the TUI player
(src/tui/lesson), the printed lesson (`dcplan lesson NAME` into a file or a
pipe) and the handout (html/handout.ts).

A lesson never writes a model result into its text: it writes placeholders
(`{serverCapacity@2025}`, `{P:servers}`, `{lever:investment}`,
src/scenario/lesson-target.ts) and `fillText` puts in the figure the model
computes, formatted as every other face formats it (display.ts: "3.52 M
servers", in Chinese "352万 台"). Where the figures come from is a `Figures`:
here `LessonComputer` runs each step's scenario with the step's lever values
(the Monte Carlo runs the TUI would run: the scenario's `runs:` up to 1,000, the
same seed), and the player reads the run on screen instead.
*/
import { monteCarlo, type MonteCarloResult } from '../engine/montecarlo.js';
import { leverValueOverride, resolveScenario } from '../scenario/index.js';
import {
  leverValueAsWritten, parsePlaceholder, placeholdersOf, withLessonTargets,
  type BiText, type Lesson, type LessonChallenge, type LessonStep,
} from '../scenario/lesson.js';
import type { Lever, Scenario } from '../scenario/types.js';
import { fmt, goalText, labelOf, unitOf } from './display.js';
import { grouped } from './format.js';
import { t } from './i18n/catalogue.js';
import { withLang, type Lang } from './i18n/lang.js';
import { localName } from './names.js';

export type Stat = 'value' | 'p5' | 'p95' | 'central' | 'base';

/** Where a step's figures come from. */
export interface Figures {
  /** The scenario of the step, with its lever values (and the lesson's challenge targets). */
  scenario: Scenario;
  /** 'median': values are medians of `runs` Monte Carlo runs; 'central': the central case. */
  basis: 'median' | 'central';
  runs: number;
  /** Monte Carlo still running (the player): a missing figure is "computing", not "–". */
  pending?: boolean;
  /** A metric's figure in a year (NaN when there is none). */
  value(metric: string, year: number, stat?: Stat): number;
  /** Share of the runs meeting a target of the scenario (undefined: the central case only, or not known yet). */
  probability(targetId: string): number | undefined;
  /** Whether the figure the screen shows meets a target. */
  met(targetId: string): boolean | undefined;
  /** A lever's value at this step, in its unit. */
  lever(id: string): number | undefined;
}

// ---------------------------------------------------------------- words

/** The text in a language. */
export const pick = (text: BiText, lang: Lang): string => text[lang];

/** A metric's figure as every face writes it ("3.52 M servers", "352万 台"). */
export function figureText(v: number, metric: string, lang: Lang): string {
  return withLang(lang, () => fmt(v, unitOf(metric)));
}

/** A probability for people: "4 %", "< 1 %", "> 99 %". */
export function probabilityText(p: number): string {
  if (p > 0 && p < 0.005) return '< 1 %';
  if (p < 1 && p > 0.995) return '> 99 %';
  return `${Math.round(p * 100)} %`;
}

/** "a, b and c" ("a、b和c"). */
export function listText(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return t('lesson.list.and', { items: items.slice(0, -1).join(t('lesson.list.sep', {}, lang)), last: items[items.length - 1]! }, lang);
}

/** A lever's name in a language (the scenario's label; its Chinese one where the file gives it). */
export function leverName(lever: Lever, lang: Lang): string {
  return lang === 'zh' && lever.labelZh ? lever.labelZh : lever.label;
}

const MAGNITUDE: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };

function decimalsOf(step: number): number {
  const s = String(step);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** A lever value with its unit: "42.0 bn CNY" (420亿 元), "250 CNY/rack/month", "0.35 CNY/kWh", "20 %". */
export function leverText(lever: Lever, v: number, lang: Lang): string {
  const unit = lever.unit.trim();
  if (unit === '' && lever.min >= 0 && lever.max <= 1) return `${(v * 100).toFixed(Math.max(0, decimalsOf(lever.step) - 2))} %`;
  const money = /^(thousand|million|billion|trillion) CNY$/i.exec(unit);
  if (money) return withLang(lang, () => fmt(v * MAGNITUDE[money[1]!.toLowerCase()]!, 'CNY'));
  const body = v.toFixed(decimalsOf(lever.step));
  if (!unit) return body;
  const shown = lang === 'zh' ? unit.replace(/CNY/g, '元').replace(/\/kWh/g, '/千瓦时').replace(/\/rack\/month/g, '/机架/月') : unit;
  return `${body} ${shown}`;
}

/** A scenario's name in a language. */
export function scenarioName(sc: Scenario, lang: Lang): string {
  return localName(sc, lang);
}

/** A view's name in a language. */
export function viewName(view: LessonStep['state']['view'], lang: Lang): string {
  return t(`tui.view.${view}`, {}, lang);
}

/** The label of a target the lesson adds for a challenge, in both languages. */
export function challengeLabel(lesson: Lesson, c: LessonChallenge): BiText {
  const step = lesson.steps.find((s) => s.challenge === c);
  const target = { metric: c.target.metric, ...(c.target.op === '>=' ? { atLeast: c.target.value } : { atMost: c.target.value }) };
  const one = (lang: Lang): string =>
    withLang(lang, () => t('lesson.challenge.label', { n: step?.number ?? 0, metric: labelOf(c.target.metric, undefined, lang), goal: goalText(target), year: c.target.year }, lang));
  return { en: one('en'), zh: one('zh') };
}

/** The challenge's target in words: "Server capacity ≥ 4.0 M servers in 2025". */
export function targetText(c: LessonChallenge, lang: Lang): string {
  const target = { metric: c.target.metric, ...(c.target.op === '>=' ? { atLeast: c.target.value } : { atMost: c.target.value }) };
  return withLang(lang, () => `${labelOf(c.target.metric, undefined, lang)} ${goalText(target)}${lang === 'zh' ? `（${c.target.year}年）` : ` (${c.target.year})`}`);
}

/** What the numbers are: "median of 1,000 Monte Carlo runs" or "central case". */
export function basisText(f: Pick<Figures, 'basis' | 'runs'>, lang: Lang): string {
  return f.basis === 'median' ? t('lesson.basis.median', { runs: grouped(f.runs) }, lang) : t('lesson.basis.central', {}, lang);
}

// ---------------------------------------------------------------- placeholders

/**
The text with its placeholders filled from `figures`: `{METRIC@YEAR}` (and
`:p5`, `:p95`, `:central`, `:base`, the scenario file's own values), `{P:ID}`,
`{lever:ID}`; `{{` and `}}` give braces. A figure not known yet reads
"computing…".
*/
export function fillText(text: string, figures: Figures, lang: Lang, step?: Pick<LessonStep, 'challenge'>): string {
  const scope = { scenario: figures.scenario, challenge: step?.challenge !== undefined };
  let out = '';
  let at = 0;
  for (const p of placeholdersOf(text)) {
    out += text.slice(at, p.index);
    at = p.index + p.raw.length;
    const ph = parsePlaceholder(p.body, scope);
    if ('error' in ph) {
      out += p.raw;
      continue;
    }
    if (ph.kind === 'value') {
      const v = figures.value(ph.metric, ph.year, ph.stat);
      out += !Number.isFinite(v) && figures.pending ? t('lesson.computing', {}, lang) : figureText(v, ph.metric, lang);
    } else if (ph.kind === 'probability') {
      const id = ph.target === 'challenge' ? step!.challenge!.targetId : ph.target;
      const pr = figures.probability(id);
      if (pr !== undefined) out += probabilityText(pr);
      else if (figures.pending) out += t('lesson.computing', {}, lang);
      else out += t(figures.met(id) ? 'lesson.met' : 'lesson.notMet', {}, lang);
    } else {
      const lever = figures.scenario.levers.find((l) => l.id === ph.lever);
      const v = figures.lever(ph.lever);
      out += lever && v !== undefined ? leverText(lever, v, lang) : '–';
    }
  }
  out += text.slice(at);
  return out.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
}

// ---------------------------------------------------------------- computing the figures

/** Monte Carlo runs the TUI runs for a scenario's bands: its `runs:` up to 1,000; 200 when it says 1; none without uncertainty. */
export function defaultRuns(sc: Scenario): number {
  if (sc.uncertainty.length === 0) return 1;
  return sc.runs > 1 ? Math.min(sc.runs, 1000) : 200;
}

export interface ComputerOptions {
  /** Monte Carlo runs per step state (default `defaultRuns` of its scenario). */
  runs?: number;
}

interface Computed {
  scenario: Scenario;
  mc: MonteCarloResult;
  levers: Record<string, number>;
}

/** Figures of a Monte Carlo result. */
function figuresOf(c: Computed, base: Computed | undefined): Figures {
  const { mc } = c;
  const r = mc.central;
  const col = (metric: string, year: number): number => {
    const k = r.metrics.indexOf(metric);
    const y = year - (r.years[0] ?? 0);
    return k < 0 || y < 0 || y >= r.years.length ? -1 : k * r.years.length + y;
  };
  const valueOf = (m: MonteCarloResult, metric: string, year: number, stat: Stat): number => {
    const i = col(metric, year);
    if (i < 0) return NaN;
    if (stat === 'central' || !m.bands) return stat === 'p5' || stat === 'p95' ? (m.bands ? NaN : m.central.values[i]!) : m.central.values[i]!;
    const b = m.bands[i]!;
    return stat === 'p5' ? b.p5 : stat === 'p95' ? b.p95 : b.p50;
  };
  return {
    scenario: c.scenario,
    basis: mc.runs > 1 ? 'median' : 'central',
    runs: mc.runs,
    value: (metric, year, stat = 'value') => (stat === 'base' ? (base ? valueOf(base.mc, metric, year, 'value') : NaN) : valueOf(mc, metric, year, stat)),
    probability: (id) => mc.targets.find((x) => x.id === id)?.probability,
    met: (id) => mc.targets.find((x) => x.id === id)?.met,
    lever: (id) => c.levers[id],
  };
}

/**
The figures of each step of a lesson, computed on demand and shared between
steps that show the same scenario with the same lever values.
*/
export class LessonComputer {
  private readonly sources = new Map<number, ReturnType<typeof withLessonTargets>>();
  private readonly cache = new Map<string, Computed>();

  constructor(
    readonly lesson: Lesson,
    private readonly opts: ComputerOptions = {},
  ) {}

  private source(index: number): ReturnType<typeof withLessonTargets> {
    let s = this.sources.get(index);
    if (!s) {
      s = withLessonTargets(this.lesson, index, (c) => challengeLabel(this.lesson, c));
      this.sources.set(index, s);
    }
    return s;
  }

  /** Lever values of a scenario with the lesson's changes: every lever, in its unit. */
  leverValues(index: number, changes: Record<string, number>): Record<string, number> {
    const src = this.lesson.scenarios[index]!;
    const out: Record<string, number> = {};
    for (const l of src.scenario.levers) out[l.id] = changes[l.id] ?? leverValueAsWritten(src.source, l);
    return out;
  }

  private compute(index: number, changes: Record<string, number>): Computed {
    const ids = Object.keys(changes).sort();
    const key = `${index}|${ids.map((id) => `${id}=${changes[id]}`).join(',')}`;
    let c = this.cache.get(key);
    if (!c) {
      const source = this.source(index);
      const scenario = resolveScenario(source, ids.map((id) => leverValueOverride(source, id, changes[id]!)));
      const runs = Math.max(1, Math.floor(this.opts.runs ?? defaultRuns(scenario)));
      c = { scenario, mc: monteCarlo(scenario, { runs: scenario.uncertainty.length > 0 ? runs : 1 }), levers: this.leverValues(index, changes) };
      this.cache.set(key, c);
    }
    return c;
  }

  /** The figures a step shows. */
  figures(step: LessonStep): Figures {
    const { scenario, levers } = step.state;
    const here = this.compute(scenario, levers);
    const base = Object.keys(levers).length > 0 ? this.compute(scenario, {}) : here;
    return figuresOf(here, base);
  }

  /** The Monte Carlo result behind a step's figures (charts). */
  result(step: LessonStep): MonteCarloResult {
    return this.compute(step.state.scenario, step.state.levers).mc;
  }
}

// ---------------------------------------------------------------- the printed lesson

/** Lever values a step sets, in words: "Investment through 2025 60.0 bn CNY". */
export function leversText(lesson: Lesson, step: LessonStep, lang: Lang): string {
  const sc = lesson.scenarios[step.state.scenario]!.scenario;
  return sc.levers
    .filter((l) => step.state.levers[l.id] !== undefined)
    .map((l) => `${leverName(l, lang)} ${leverText(l, step.state.levers[l.id]!, lang)}`)
    .join(t('lesson.list.sep', {}, lang));
}

/** Lever names with the role that holds each: "Investment through 2025 (Guizhou government)". */
export function leverNamesWithRoles(lesson: Lesson, sc: Scenario, ids: readonly string[], lang: Lang): string[] {
  return ids.map((id) => {
    const lever = sc.levers.find((l) => l.id === id);
    const name = lever ? leverName(lever, lang) : id;
    const role = lesson.roles.find((r) => r.levers.includes(id));
    return role ? t('lesson.heldBy', { lever: name, role: role.name[lang] }, lang) : name;
  });
}

/**
The lesson as plain text in a language: each step's text with its figures,
its question with the choices, the right answer and what the model says, its
challenge with the probability at the lesson's lever values. For a teacher
preparing a class (`dcplan lesson NAME > lesson.txt`).
*/
export function lessonText(lesson: Lesson, computer: LessonComputer, lang: Lang): string {
  const out: string[] = [];
  const title = pick(lesson.title, lang);
  out.push(title, '='.repeat(Math.min(78, Math.max(4, [...title].length * (lang === 'zh' ? 2 : 1)))));
  out.push(t('lesson.text.meta', { id: lesson.id, steps: lesson.steps.length, file: lesson.file }, lang));
  if (lesson.summary) out.push(pick(lesson.summary, lang));
  const first = lesson.steps[0];
  if (first) {
    const f = computer.figures(first);
    out.push(t('lesson.text.basis', { basis: basisText(f, lang), seed: f.scenario.seed }, lang));
  }
  if (lesson.roles.length > 0) {
    const sc = lesson.scenarios[0]!.scenario;
    const roles = lesson.roles.map((r) => `${r.name[lang]}${lang === 'zh' ? '：' : ': '}${listText(leverNamesWithRoles({ ...lesson, roles: [] }, sc, r.levers, lang), lang) || '–'}`);
    out.push(t('lesson.text.roles', { list: roles.join(lang === 'zh' ? '；' : '; ') }, lang));
  }
  for (const step of lesson.steps) {
    const f = computer.figures(step);
    const sc = f.scenario;
    out.push('');
    const head = t('lesson.text.step', { n: step.number, total: lesson.steps.length }, lang);
    out.push(step.title ? `${head} · ${fillText(pick(step.title, lang), f, lang, step)}` : head);
    out.push(fillText(pick(step.text, lang), f, lang, step));
    out.push(`  ${t('lesson.text.screen', { scenario: scenarioName(lesson.scenarios[step.state.scenario]!.scenario, lang), year: step.state.year, view: viewName(step.state.view, lang) }, lang)}`);
    const levers = leversText(lesson, step, lang);
    if (levers) out.push(`  ${t('lesson.text.levers', { list: levers }, lang)}`);
    if (step.figure) {
      const { metric, year } = step.figure;
      const v = f.value(metric, year);
      out.push(`  ${t('lesson.text.figure', { label: labelOf(metric, undefined, lang), year, value: figureText(v, metric, lang) }, lang)}`);
      const lo = f.value(metric, year, 'p5');
      const hi = f.value(metric, year, 'p95');
      if (Number.isFinite(lo) && Number.isFinite(hi) && figureText(lo, metric, lang) !== figureText(hi, metric, lang)) out.push(`  ${t('lesson.text.band', { range: `${figureText(lo, metric, lang)} – ${figureText(hi, metric, lang)}` }, lang)}`);
    }
    if (step.question) {
      const q = step.question;
      out.push(`  ${t('lesson.text.question', { text: fillText(pick(q.text, lang), f, lang, step) }, lang)}`);
      q.choices.forEach((c, i) => out.push(`    ${i + 1}) ${fillText(pick(c, lang), f, lang, step)}`));
      if (q.answer !== undefined) out.push(`  ${t('lesson.text.answer', { n: q.answer + 1 }, lang)}`);
      out.push(`  ${t('lesson.text.reveal', { text: fillText(pick(q.reveal, lang), f, lang, step) }, lang)}`);
    }
    if (step.challenge) {
      const c = step.challenge;
      out.push(`  ${t('lesson.text.challenge', { text: fillText(pick(c.text, lang), f, lang, step) }, lang)}`);
      out.push(`  ${t('lesson.text.target', { target: targetText(c, lang), p: probabilityText(c.probability) }, lang)}`);
      out.push(`  ${t('lesson.text.inPlay', { list: listText(leverNamesWithRoles(lesson, sc, c.levers, lang), lang) }, lang)}`);
      const p = f.probability(c.targetId);
      const met = p !== undefined ? p >= c.probability : f.met(c.targetId) === true;
      out.push(`  ${t('lesson.text.now', { p: p !== undefined ? probabilityText(p) : '–', verdict: t(met ? 'lesson.met' : 'lesson.notMet', {}, lang) }, lang)}`);
    }
  }
  return out.join('\n') + '\n';
}
