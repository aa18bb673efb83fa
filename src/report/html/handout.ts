/**
The lesson handout (`dcplan lesson NAME --handout FILE.html`): one printable,
self-contained page in both languages — the session's language first, the
other under it — for a class to work through with the lesson.

- the header: the lesson's title and summary, blanks for name, class and date;
- the roles and the levers each holds;
- every step: its text with the model's figures filled in, where the TUI
  stands (scenario, year, view, levers), its question with boxes to tick, its
  challenge with lines to write the lever values chosen and the P reached; a
  step's chart (its key figure over the years, median and P5–P95 band, the
  challenge's target, reported figures) — except a question's, which would give
  the answer away and is printed with the answers;
- a worksheet (a prediction and a reason per question, the challenge's result);
- the answers: what the model says for each question, the right choice where
  there is one, and each challenge's probability at the lesson's lever values.

Built on the HTML report: its stylesheet (css.ts), its chart (charts.ts,
Observable Plot, inline SVG) and its number formats. No scripts, no external
requests, no dates: the same lesson and runs give the same bytes.
*/
import { STOCK_METRICS } from '../../scenario/metric-names.js';
import type { BiText, Lesson, LessonStep } from '../../scenario/lesson.js';
import { fmt, unitOf, labelOf, unitSuffix } from '../display.js';
import { t } from '../i18n/catalogue.js';
import { withLang, type Lang } from '../i18n/lang.js';
import {
  basisText, figureText, fillText, leverName, leverNamesWithRoles, leversText, listText, probabilityText, scenarioName, targetText, viewName,
  type Figures, type LessonComputer,
} from '../lesson.js';
import { stylesheet } from './css.js';
import { CHART_WIDTH, esc, htmlDocument, htmlLang } from './page.js';

export interface HandoutOptions {
  version: string;
  /** The command that makes the handout again. */
  command: string;
  /** The page's first language (the other follows each text). */
  lang: Lang;
}

const other = (lang: Lang): Lang => (lang === 'en' ? 'zh' : 'en');

/** `code` spans for text between backticks, the rest escaped. */
function withCode(s: string): string {
  return s
    .split('`')
    .map((part, i) => (i % 2 === 1 ? `<code>${esc(part)}</code>` : esc(part)))
    .join('');
}

/** One text in both languages: the first language, then the other, each marked with its language. */
function both(text: (lang: Lang) => string, first: Lang, tag = 'p', cls = ''): string {
  return [first, other(first)]
    .map((l, i) => `<${tag} class="${[i === 0 ? 'first' : 'second', cls].filter(Boolean).join(' ')}" lang="${htmlLang(l)}">${withCode(text(l))}</${tag}>`)
    .join('\n');
}

/** "English / 中文" for a heading or a label. */
function pair(text: (lang: Lang) => string, first: Lang): string {
  return `${esc(text(first))} <span class="second" lang="${htmlLang(other(first))}">${esc(text(other(first)))}</span>`;
}

const EXTRA_CSS = `
.second { color: #444; }
p.second { margin-top: 0.1rem; font-size: 0.95em; }
h1 .second, h2 .second, h3 .second { font-weight: 500; }
table.who { margin-top: 1rem; }
table.who td { border-bottom: none; padding-right: 1.2rem; width: 33%; }
.blank { display: inline-block; min-width: 9em; border-bottom: 1px solid #333; }
article.step { border-top: 1px solid #bbb; padding-top: 0.4rem; margin-top: 1.2rem; break-inside: avoid-page; }
article.step h3 { margin-top: 0.2rem; }
.screen { margin: 0.2rem 0 0.5rem; color: #333; }
ol.choices { list-style: none; padding-left: 0.4rem; margin: 0.3rem 0; }
ol.choices li { margin: 0.25rem 0; }
.box { display: inline-block; width: 0.9em; height: 0.9em; border: 1px solid #222; margin-right: 0.5em; vertical-align: -0.1em; }
.lines { margin: 0.3rem 0 0.6rem; }
.lines div { border-bottom: 1px solid #888; height: 1.7rem; }
.figure { font-size: 1.05rem; margin: 0.4rem 0; }
.figure strong { font-size: 1.25rem; }
section#answers { break-before: page; }
.answer { margin: 0.6rem 0 1rem; break-inside: avoid; }
`;

/** Where a reported figure sits on the year axis (a stock dated by month between two year ends). */
function observationX(metric: string, year: number, month: number | undefined, first: number): number {
  return month === undefined || year <= first || !STOCK_METRICS.has(metric) ? year : year - 1 + month / 12;
}

/** Numbers on a chart's axis: the value without its unit. */
function axisFormat(unit: string, lang: Lang): (v: number) => string {
  return (v) => withLang(lang, () => (unit === 'share' ? fmt(v, 'share').replace(/ %$/, '') : fmt(v, unit, false)));
}

interface Ctx {
  lesson: Lesson;
  computer: LessonComputer;
  lang: Lang;
  charts: typeof import('./charts.js');
}

/** The chart of a step's key figure over the years: median and band, the challenge's target, reported figures. */
async function stepChart(ctx: Ctx, step: LessonStep, f: Figures): Promise<string> {
  const { lang, lesson } = ctx;
  const metric = step.figure!.metric;
  const mc = ctx.computer.result(step);
  const years = mc.central.years;
  const unit = unitOf(metric);
  const points = years.map((year) => {
    const p: { year: number; p50: number; p5?: number; p95?: number } = { year, p50: f.value(metric, year) };
    const lo = f.value(metric, year, 'p5');
    const hi = f.value(metric, year, 'p95');
    if (Number.isFinite(lo) && Number.isFinite(hi)) {
      p.p5 = lo;
      p.p95 = hi;
    }
    return p;
  });
  const sc = lesson.scenarios[step.state.scenario]!.scenario;
  const label = withLang(lang, () => labelOf(metric, undefined, lang));
  const input: Parameters<Ctx['charts']['lineBandChart']>[0] = {
    title: label,
    unitLabel: unit === 'share' ? '%' : withLang(lang, () => unitSuffix(unit, lang)),
    series: [{ name: f.basis === 'median' ? t('common.median', {}, lang) : t('common.central', {}, lang), points }],
    format: axisFormat(unit, lang),
    lang,
    width: CHART_WIDTH,
    height: 240,
  };
  const c = step.challenge;
  if (c && c.target.metric === metric) {
    input.target = { value: c.target.value, year: c.target.year, label: targetText(c, lang), kind: c.target.op === '>=' ? 'atLeast' : 'atMost' };
  }
  const obs = (lesson.observed?.observations ?? [])
    .filter((o) => o.metric === metric && o.year >= years[0]! && o.year <= years[years.length - 1]!)
    .map((o) => {
      const ob: { year: number; lo: number; hi: number; value?: number; label: string } = { year: observationX(metric, o.year, o.month, years[0]!), lo: o.lo, hi: o.hi, label: o.id };
      if (o.center !== undefined) ob.value = o.center;
      return ob;
    });
  if (obs.length > 0) input.observations = obs;
  const svg = await ctx.charts.lineBandChart(input);
  const title = t('lesson.handout.chart', { label, scenario: scenarioName(sc, lang) }, lang);
  const note = t(f.basis === 'median' ? 'lesson.handout.chartNote' : 'lesson.handout.chartNoteCentral', {}, lang);
  return `<figure class="chart"><figcaption class="title">${esc(title)}</figcaption>${svg}<figcaption>${esc(note)}</figcaption></figure>`;
}

/** "Server capacity, 2025: 3.52 M servers (P5–P95 …)" in both languages. */
function keyFigure(ctx: Ctx, step: LessonStep, f: Figures): string {
  const { metric, year } = step.figure!;
  const line = (lang: Lang): string => {
    const v = figureText(f.value(metric, year), metric, lang);
    const lo = f.value(metric, year, 'p5');
    const hi = f.value(metric, year, 'p95');
    const band = Number.isFinite(lo) && Number.isFinite(hi) && figureText(lo, metric, lang) !== figureText(hi, metric, lang)
      ? ` · ${t('lesson.text.band', { range: `${figureText(lo, metric, lang)} – ${figureText(hi, metric, lang)}` }, lang)}`
      : '';
    return t('lesson.text.figure', { label: withLang(lang, () => labelOf(metric, undefined, lang)), year, value: v }, lang) + band;
  };
  return both(line, ctx.lang, 'p', 'figure');
}

function stepHead(ctx: Ctx, step: LessonStep, f: Figures): string {
  const n = (lang: Lang): string => t('lesson.handout.step', { n: step.number }, lang);
  const title = (lang: Lang): string => (step.title ? `${n(lang)} · ${fillText(step.title[lang], f, lang, step)}` : n(lang));
  return `<h3>${pair(title, ctx.lang)}</h3>`;
}

function whereLine(ctx: Ctx, step: LessonStep): string {
  const { lesson } = ctx;
  const line = (lang: Lang): string => {
    const sc = lesson.scenarios[step.state.scenario]!;
    const base = t('lesson.handout.screen', { scenario: `${scenarioName(sc.scenario, lang)} (\`${sc.file}\`)`, year: step.state.year, view: viewName(step.state.view, lang) }, lang);
    const levers = leversText(lesson, step, lang);
    return levers ? `${base} · ${t('lesson.text.levers', { list: levers }, lang)}` : base;
  };
  return `<div class="screen note">${both(line, ctx.lang, 'p')}</div>`;
}

function lines(n: number): string {
  return `<div class="lines">${'<div></div>'.repeat(n)}</div>`;
}

async function stepSection(ctx: Ctx, step: LessonStep): Promise<string> {
  const { lesson, lang } = ctx;
  const f = ctx.computer.figures(step);
  const parts = [stepHead(ctx, step, f), whereLine(ctx, step), both((l) => fillText(step.text[l], f, l, step), lang)];
  if (step.figure && !step.question) {
    parts.push(keyFigure(ctx, step, f));
    parts.push(await stepChart(ctx, step, f));
  }
  const q = step.question;
  if (q) {
    parts.push(`<h4>${pair((l) => t('lesson.handout.question', {}, l), lang)}</h4>`);
    parts.push(both((l) => fillText(q.text[l], f, l, step), lang));
    const items = q.choices.map((c, i) => `<li><span class="box"></span>${i + 1}. ${pair((l) => fillText(c[l], f, l, step), lang)}</li>`);
    parts.push(`<ol class="choices">${items.join('')}</ol>`);
  }
  const c = step.challenge;
  if (c) {
    const sc = lesson.scenarios[step.state.scenario]!.scenario;
    parts.push(`<h4>${pair((l) => t('lesson.handout.challenge', {}, l), lang)}</h4>`);
    parts.push(both((l) => fillText(c.text[l], f, l, step), lang));
    parts.push(both((l) => t('lesson.text.target', { target: targetText(c, l), p: probabilityText(c.probability) }, l), lang, 'p', 'note'));
    parts.push(both((l) => t('lesson.text.inPlay', { list: listText(leverNamesWithRoles(lesson, sc, c.levers, l), l) }, l), lang, 'p', 'note'));
  }
  return `<article class="step" id="step-${step.number}">\n${parts.join('\n')}\n</article>`;
}

function worksheet(ctx: Ctx): string {
  const { lesson, lang } = ctx;
  const parts: string[] = [both((l) => t('lesson.handout.worksheetIntro', {}, l), lang, 'p', 'intro')];
  for (const step of lesson.steps) {
    const f = ctx.computer.figures(step);
    if (step.question) {
      const q = step.question;
      parts.push(`<h3>${pair((l) => `${t('lesson.handout.step', { n: step.number }, l)} · ${fillText(q.text[l], f, l, step)}`, lang)}</h3>`);
      const boxes = q.choices.map((_, i) => `<span class="box"></span>${i + 1}`).join(' &nbsp; ');
      parts.push(`<p>${pair((l) => t('lesson.handout.prediction', {}, l), lang)}: &nbsp; ${boxes}</p>`);
      parts.push(`<p>${pair((l) => t('lesson.handout.why', {}, l), lang)}:</p>${lines(2)}`);
    }
    if (step.challenge) {
      const c = step.challenge;
      const sc = lesson.scenarios[step.state.scenario]!.scenario;
      parts.push(`<h3>${pair((l) => `${t('lesson.handout.step', { n: step.number }, l)} · ${fillText(c.text[l], f, l, step)}`, lang)}</h3>`);
      parts.push(`<p>${pair((l) => t('lesson.handout.yourLevers', {}, l), lang)}:</p>`);
      const rows = c.levers.map((id) => {
        const lever = sc.levers.find((x) => x.id === id)!;
        return `<p>${pair((l) => leverName(lever, l), lang)}: <span class="blank"></span></p>`;
      });
      parts.push(rows.join('\n'), `<p>P: <span class="blank"></span></p>`);
    }
  }
  return `<section id="worksheet">\n<h2>${pair((l) => t('lesson.handout.worksheet', {}, l), lang)}</h2>\n${parts.join('\n')}\n</section>`;
}

async function answers(ctx: Ctx): Promise<string> {
  const { lesson, lang } = ctx;
  const parts: string[] = [];
  for (const step of lesson.steps) {
    if (!step.question && !step.challenge) continue;
    const f = ctx.computer.figures(step);
    const body: string[] = [stepHead(ctx, step, f)];
    const q = step.question;
    if (q) {
      if (q.answer !== undefined) body.push(both((l) => t('lesson.handout.rightAnswer', { n: `${q.answer! + 1}. ${q.choices[q.answer!]![l]}` }, l), lang, 'p', 'figure'));
      body.push(both((l) => fillText(q.reveal[l], f, l, step), lang));
      if (step.figure) {
        body.push(keyFigure(ctx, step, f));
        body.push(await stepChart(ctx, step, f));
      }
    }
    const c = step.challenge;
    if (c) {
      const p = f.probability(c.targetId);
      const met = p !== undefined ? p >= c.probability : f.met(c.targetId) === true;
      body.push(both((l) => t('lesson.handout.challengeAt', { p: p !== undefined ? probabilityText(p) : '–', verdict: t(met ? 'lesson.met' : 'lesson.notMet', {}, l) }, l), lang));
    }
    parts.push(`<div class="answer">\n${body.join('\n')}\n</div>`);
  }
  if (parts.length === 0) return '';
  return `<section id="answers">\n<h2>${pair((l) => t('lesson.handout.answers', {}, l), lang)}</h2>\n${parts.join('\n')}\n</section>`;
}

function rolesSection(ctx: Ctx): string {
  const { lesson, lang } = ctx;
  if (lesson.roles.length === 0) return '';
  const sc = lesson.scenarios[0]!.scenario;
  const rows = lesson.roles.map((r) => {
    const names = (l: Lang): string => listText(r.levers.map((id) => { const lever = sc.levers.find((x) => x.id === id); return lever ? leverName(lever, l) : id; }), l) || '–';
    return `<tr><td>${pair((l) => r.name[l], lang)}</td><td>${pair(names, lang)}</td></tr>`;
  });
  const head = `<tr><th>${pair((l) => t('lesson.handout.role', {}, l), lang)}</th><th>${pair((l) => t('lesson.handout.holds', {}, l), lang)}</th></tr>`;
  return `<section id="roles">\n<h2>${pair((l) => t('lesson.handout.roles', {}, l), lang)}</h2>\n<table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>\n</section>`;
}

/** The handout as one HTML document. */
export async function renderHandout(lesson: Lesson, computer: LessonComputer, opts: HandoutOptions): Promise<string> {
  const charts = await import('./charts.js');
  const lang = opts.lang;
  const ctx: Ctx = { lesson, computer, lang, charts };
  const first = lesson.steps[0];
  const f0 = first ? computer.figures(first) : undefined;
  const head: string[] = [`<h1>${pair((l) => lesson.title[l], lang)}</h1>`];
  if (lesson.summary) head.push(both((l) => (lesson.summary as BiText)[l], lang, 'p', 'question'));
  head.push(
    `<table class="who"><tr>${(['name', 'class', 'date'] as const).map((k) => `<td>${pair((l) => t(`lesson.handout.${k}`, {}, l), lang)}: <span class="blank"></span></td>`).join('')}</tr></table>`,
  );
  if (f0) head.push(both((l) => t('lesson.handout.intro', { id: lesson.id, basis: basisText(f0, l), seed: f0.scenario.seed }, l), lang, 'p', 'rule'));
  const steps: string[] = [];
  for (const step of lesson.steps) steps.push(await stepSection(ctx, step));
  const body = [
    rolesSection(ctx),
    `<section id="steps">\n<h2>${pair((l) => t('lesson.handout.steps', {}, l), lang)}</h2>\n${steps.join('\n')}\n</section>`,
    worksheet(ctx),
    await answers(ctx),
  ].filter(Boolean);
  const foot = `<footer>\n<p>${esc(t('lesson.handout.made', { version: opts.version }, lang))}: <code class="cmd">${esc(opts.command)}</code></p>\n</footer>`;
  return htmlDocument({
    lang,
    version: opts.version,
    title: t('lesson.handout.docTitle', { title: lesson.title[lang] }, lang),
    css: `${stylesheet(lang)}${EXTRA_CSS}`,
    body: [`<header>\n${head.join('\n')}\n</header>`, `<main>\n${body.join('\n')}\n</main>`, foot],
  });
}
