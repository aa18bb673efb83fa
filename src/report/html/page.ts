/**
The HTML report (`dcplan report`, docs/report.md): one self-contained page from
a `ReportModel` (data.ts) — inline CSS (css.ts), charts as inline SVG
(charts.ts, loaded here lazily: it brings Observable Plot and linkedom, which
no other command needs), no scripts, no web fonts, no network requests.

Numbers are formatted by src/report/display.ts, the formatters of the other
faces, from the values of the run's JSON document: a metric value is `fmt`, a
band `fmtRange`, a goal `goalText`'s form, a difference `fmtDelta`. In Chinese
the number is the same and the unit word and label are translated (i18n.ts).

The page is a pure function of the model and the language: no dates, no random
ids, so the same inputs give the same bytes.
*/
import type { InputDiff } from '../compare.js';
import { compact, firstDifference, showInput } from '../compare.js';
import { fmt, fmtDelta, fmtPct, fmtRange, phaseName, shortName, unitOf } from '../display.js';
import { grouped, MINUS } from '../format.js';
import { stylesheet } from './css.js';
import type { Assumption, DeltaRow, EventData, ReportModel, ScenarioData, TargetDoc } from './data.js';
import { observationAt } from './data.js';
import { eventKindWords, limitWords, metricLabel, t, unitWord, type Lang, type MessageKey } from './i18n.js';

type Charts = typeof import('./charts.js');

/** Chart width in CSS pixels: the text column (A4 at 14 mm margins is ~690 px). */
export const CHART_WIDTH = 680;
const CHART_HEIGHT = 280;

// ---------------------------------------------------------------- text

/** Text for HTML: the five special characters escaped. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** `code` spans for text between backticks, the rest escaped. */
function withCode(s: string): string {
  return s
    .split('`')
    .map((part, i) => (i % 2 === 1 ? `<code>${esc(part)}</code>` : esc(part)))
    .join('');
}

// ---------------------------------------------------------------- numbers

/** A metric value with its unit: `fmt` (English), the same number with the unit in Chinese. */
export function valueText(v: number | null | undefined, unit: string, lang: Lang): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  if (lang === 'en' || unit === 'share' || unit === '') return fmt(v, unit);
  const word = unitWord(unit, lang);
  const body = fmt(v, unit, false);
  return word ? `${body} ${word}` : body;
}

/** A P5–P95 band: `fmtRange` (English), the same numbers with the unit in Chinese. */
export function bandText(lo: number | null | undefined, hi: number | null | undefined, unit: string, lang: Lang): string {
  if (lo === null || lo === undefined || hi === null || hi === undefined || !Number.isFinite(lo) || !Number.isFinite(hi)) return '–';
  if (lang === 'en' || unit === 'share') return fmtRange(lo, hi, unit);
  const word = unitWord(unit, lang);
  return `${fmt(lo, unit, false)} – ${fmt(hi, unit, false)}${word ? ` ${word}` : ''}`;
}

/** A target's goal: "≥ 4.0 M servers", "≤ 1.20" (display.ts `goalText`'s form). */
export function goalTextIn(target: { metric: string; atLeast?: number; atMost?: number }, lang: Lang): string {
  const unit = unitOf(target.metric);
  if (target.atLeast !== undefined && target.atMost !== undefined) return bandText(target.atLeast, target.atMost, unit, lang);
  return target.atLeast !== undefined ? `≥ ${valueText(target.atLeast, unit, lang)}` : `≤ ${valueText(target.atMost ?? NaN, unit, lang)}`;
}

/** A probability as the yearly table writes it: "P 4 %" without the P. */
export function probText(p: number | undefined | null): string {
  return p === undefined || p === null || !Number.isFinite(p) ? '–' : `${(p * 100).toFixed(0)} %`;
}

function deltaText(d: number | null, unit: string, lang: Lang): string {
  if (d === null || !Number.isFinite(d)) return '–';
  if (unit === 'share' || unit === '' || unit === 'count') return fmtDelta(d, unit) || '–';
  const text = fmtDelta(d, unit, lang === 'en');
  if (lang === 'en' || text === '±0') return text;
  const word = unitWord(unit, lang);
  return word ? `${text} ${word}` : text;
}

/** An input as the scenario file writes it: up to 6 significant digits. */
const n6 = (v: number): string => String(Number(v.toPrecision(6))).replace('-', MINUS);
const pct = (p: number | null): string => (p === null || !Number.isFinite(p) ? '–' : `${Math.round(p * 100)} %`);
const rhoText = (v: number): string => (Number.isFinite(v) ? v.toFixed(2).replace('-', MINUS) : '–');

/** Numbers on a chart's axis: the value without its unit (the axis names it). */
function axisFormat(unit: string): (v: number) => string {
  if (unit === 'share') return (v) => fmt(v, 'share').replace(/ %$/, '');
  return (v) => fmt(v, unit, false);
}

function axisUnit(unit: string, lang: Lang): string {
  return unit === 'share' ? '%' : unitWord(unit, lang);
}

// ---------------------------------------------------------------- HTML pieces

interface Cell {
  text: string;
  /** Already HTML (not escaped). */
  html?: boolean;
  cls?: string;
  attrs?: string;
}

const c = (text: string, cls?: string): Cell => (cls ? { text, cls } : { text });
/** A dotted path or file:line, breakable after its dots and slashes only. */
const breakable = (text: string): string => esc(text).replace(/([./])/g, '$1<wbr>');
const pathCell = (text: string): Cell => ({ text: breakable(text), html: true, cls: 'path' });
const num = (text: string): Cell => ({ text, cls: 'num' });

function row(cells: Cell[], tag: 'td' | 'th' = 'td', attrs = ''): string {
  return `<tr${attrs}>${cells.map((x) => `<${tag}${x.cls ? ` class="${x.cls}"` : ''}${x.attrs ?? ''}>${x.html ? x.text : esc(x.text)}</${tag}>`).join('')}</tr>`;
}

function table(head: Cell[], rows: string[], opts: { cls?: string; caption?: string } = {}): string {
  const cap = opts.caption ? `<caption>${esc(opts.caption)}</caption>` : '';
  return `<table${opts.cls ? ` class="${opts.cls}"` : ''}>${cap}<thead>${row(head, 'th')}</thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

const para = (html: string, cls = 'note'): string => `<p class="${cls}">${html}</p>`;

/** A chart with its heading (the SVG carries the title only as its accessible name) and an optional note under it. */
function figure(title: string, svg: string, note?: string): string {
  return `<figure class="chart"><figcaption class="title">${esc(title)}</figcaption>${svg}${note ? `<figcaption>${esc(note)}</figcaption>` : ''}</figure>`;
}

// ---------------------------------------------------------------- the page

interface Ctx {
  lang: Lang;
  m: ReportModel;
  charts: Charts;
  multi: boolean;
  tr: (key: MessageKey, params?: Record<string, string | number>) => string;
}

/** "A · Gui'an plan as announced (2020)", or the name alone when there is one scenario. */
function scenarioTitle(ctx: Ctx, s: ScenarioData): string {
  return ctx.multi ? `${s.label} · ${s.name}` : s.name;
}

/** What the numbers of a scenario are, as every face's header says it. */
export function captionOf(s: ScenarioData, lang: Lang): string {
  const what =
    s.statistic === 'median'
      ? t(lang, 'captionMedian', { runs: grouped(s.runs), seed: s.seed })
      : s.noUncertainty ? t(lang, 'captionCentralOnly') : t(lang, 'captionCentral');
  const overrides = s.overrides.map((o) => `--set ${o}`).join(' ');
  return s.overrides.length > 0 ? `${what} · ${t(lang, 'captionOverrides', { overrides })}` : what;
}

function head(ctx: Ctx): string {
  const { m, tr, lang } = ctx;
  const title = ctx.multi ? tr('titleCompare', { n: m.scenarios.length }) : m.scenarios[0]!.name;
  const lines = m.scenarios.map((s) => `<p class="caption">${ctx.multi ? `<strong>${esc(s.label)}</strong> = ${esc(s.name)} · ` : ''}<code>${esc(s.file)}</code> · ${esc(captionOf(s, lang))}</p>`);
  const anyMc = m.scenarios.some((s) => s.statistic === 'median');
  const parts = [`<h1>${esc(title)}</h1>`, ...lines, para(esc(tr(anyMc ? 'numbersRule' : 'numbersRuleCentral')), 'rule')];
  if (m.origin === 'batch' && m.batchDir !== undefined) parts.push(para(withCode(tr('batchFrom', { dir: `\`${m.batchDir}\`` }))));
  if (m.batchVersion !== undefined) parts.push(para(esc(tr('batchVersion', { version: m.batchVersion, current: m.version }))));
  if (m.skipped.length > 0) parts.push(para(esc(tr('skipped', { list: m.skipped.map((x) => `${x.file} (${x.status})`).join(', ') }))));
  return `<header>\n${parts.join('\n')}\n</header>`;
}

interface Section {
  id: string;
  title: string;
  body: string;
}

function nav(ctx: Ctx, sections: Section[]): string {
  const items = sections.map((s) => `<li><a href="#${s.id}">${esc(s.title)}</a></li>`).join('');
  return `<nav aria-label="${esc(ctx.tr('contents'))}"><ol>${items}</ol></nav>`;
}

// ---------------------------------------------------------------- question

function questionSection(ctx: Ctx): Section {
  const parts = ctx.m.scenarios.map((s) => {
    const h = ctx.multi ? `<h3>${esc(scenarioTitle(ctx, s))}</h3>` : '';
    if (s.description !== undefined) return `${h}<p class="question">${esc(s.description)}</p>`;
    const why = ctx.tr(s.scenarioFile === 'changed' ? 'whyChanged' : 'whyMissing');
    return `${h}${para(withCode(ctx.tr('questionMissing', { file: `\`${s.file}\``, why })))}`;
  });
  return { id: 'question', title: ctx.tr('question'), body: parts.join('\n') };
}

// ---------------------------------------------------------------- assumptions

/** Rows of one kind of assumption across the scenarios: one row per distinct variant, naming the scenarios that share it. */
function assumptionRows(ctx: Ctx, kind: 'lever' | 'uncertainty'): string[] {
  const keyed = new Map<string, { label: string; variants: { labels: string[]; a: Assumption }[] }>();
  for (const s of ctx.m.scenarios) {
    for (const a of s.assumptions ?? []) {
      if (a.kind !== kind) continue;
      const entry = keyed.get(a.id) ?? { label: a.label, variants: [] };
      keyed.set(a.id, entry);
      const same = entry.variants.find(
        (v) => v.a.value === a.value && v.a.distribution === a.distribution && JSON.stringify(v.a.range) === JSON.stringify(a.range) && v.a.note === a.note && v.a.where === a.where,
      );
      if (same) same.labels.push(s.label);
      else entry.variants.push({ labels: [s.label], a });
    }
  }
  const rows: string[] = [];
  const withAssumptions = ctx.m.scenarios.filter((s) => s.assumptions !== undefined).length;
  for (const [id, { label, variants }] of keyed) {
    variants.forEach((v, i) => {
      const a = v.a;
      const first = i === 0;
      const who = ctx.multi ? [c(v.labels.length === withAssumptions ? ctx.tr('allScenarios') : v.labels.join(', '), 'sub nw')] : [];
      const name: Cell = first
        ? { text: kind === 'lever' ? `${esc(label)}<br><span class="sub"><code>${breakable(a.path)}</code></span>` : `<code>${breakable(id)}</code>`, html: true }
        : c('');
      const range = a.range ? ctx.tr('leverRange', { min: n6(a.range.min), max: n6(a.range.max), unit: a.range.unit ? ` ${a.range.unit}` : '', step: n6(a.range.step) }) : '';
      const middle = kind === 'lever' ? [c(a.value || '–'), c(range)] : [c(a.value || '–'), c(a.distribution ?? '')];
      const where = a.where === '--set' ? ctx.tr('setOnCommandLine') : (a.where ?? '');
      const source: Cell = { text: `${esc(a.note ?? '–')}${where ? `<br><span class="where">${breakable(where)}</span>` : ''}`, html: true, cls: 'source' };
      rows.push(row([name, ...who, ...middle, source]));
    });
  }
  return rows;
}

function assumptionsSection(ctx: Ctx): Section {
  const { tr } = ctx;
  const parts: string[] = [para(esc(tr('assumptionsIntro')), 'intro')];
  const missing = ctx.m.scenarios.filter((s) => s.assumptions === undefined);
  for (const s of missing) {
    const why = tr(s.scenarioFile === 'changed' ? 'whyChanged' : 'whyMissing');
    parts.push(para(withCode(tr('questionMissing', { file: `\`${s.file}\``, why }))));
  }
  if (missing.length < ctx.m.scenarios.length) {
    const who = ctx.multi ? [c(tr('thScenario'), 'nw')] : [];
    const lever = assumptionRows(ctx, 'lever');
    parts.push(`<h3>${esc(tr('levers'))}</h3>`);
    parts.push(lever.length > 0 ? table([c(tr('thInput')), ...who, c(tr('thValue')), c(tr('thRange')), c(tr('thSource'))], lever, { cls: 'assumptions' }) : para(esc(tr('noLevers'))));
    const unc = assumptionRows(ctx, 'uncertainty');
    parts.push(`<h3>${esc(tr('uncertainty'))}</h3>`);
    parts.push(unc.length > 0 ? table([c(tr('thPath')), ...who, c(tr('thValue')), c(tr('thDistribution')), c(tr('thSource'))], unc, { cls: 'assumptions' }) : para(esc(tr('noUncertainty'))));
    if (ctx.m.scenarios.some((s) => s.assumptions?.some((a) => a.mode === 'scale'))) parts.push(para(esc(tr('scaleNote'))));
  }
  return { id: 'assumptions', title: tr('assumptions'), body: parts.join('\n') };
}

// ---------------------------------------------------------------- KPIs

function verdictCell(ctx: Ctx, s: ScenarioData, tgt: TargetDoc, i: number): Cell {
  const mark = tgt.met ? `✓ ${ctx.tr('met')}` : `✗ ${ctx.tr('missed')}`;
  const central = s.centralTargets[i];
  let html = esc(mark);
  if (s.statistic === 'median' && central && central.met !== tgt.met) {
    const unit = unitOf(tgt.metric);
    const verdict = ctx.tr(central.met ? 'centralMeets' : 'centralMisses');
    html += `<br><span class="sub">${esc(ctx.tr('centralDiffers', { verdict, value: valueText(central.value, unit, ctx.lang) }))}</span>`;
  }
  return { text: html, html: true, cls: 'verdict' };
}

/** The KPI table of one scenario: its targets, then the key metrics in the KPI year. */
export function kpiTable(ctx: Ctx, s: ScenarioData): string {
  const { lang, tr } = ctx;
  const mc = s.statistic === 'median';
  const head = [c(tr('thMetric')), num(tr('thYear')), c(tr('thTarget')), num(tr(mc ? 'thMedian' : 'thCentral')), ...(mc ? [num(tr('thBand'))] : []), ...(mc ? [num(tr('thPMet'))] : []), c(tr('thVerdict'))];
  const rows: string[] = [];
  const covered = new Set<string>();
  const band = (metric: string, year: number): Cell[] => {
    if (!mc) return [];
    const y = s.years.indexOf(year);
    const sr = s.series[metric];
    return [{ text: bandText(sr?.p5?.[y], sr?.p95?.[y], unitOf(metric), lang), cls: 'num band' }];
  };
  s.targets.forEach((tg, i) => {
    covered.add(`${tg.metric}@${tg.year}`);
    const unit = unitOf(tg.metric);
    const label: Cell = { text: `${esc(metricLabel(tg.metric, lang))}${lang === 'en' ? `<br><span class="sub">${esc(tg.label)}</span>` : ''}`, html: true };
    rows.push(
      row(
        [
          label,
          num(String(tg.year)),
          c(goalTextIn(tg, lang), 'goal'),
          { text: valueText(tg.value, unit, lang), cls: 'num median' },
          ...band(tg.metric, tg.year),
          ...(mc ? [{ text: probText(tg.probability), cls: 'num pmet' }] : []),
          verdictCell(ctx, s, tg, i),
        ],
        'td',
        ` data-kind="target" data-metric="${esc(tg.metric)}" data-year="${tg.year}"`,
      ),
    );
  });
  const y = s.years.indexOf(ctx.m.kpiYear);
  for (const metric of ctx.m.kpiMetrics) {
    if (covered.has(`${metric}@${ctx.m.kpiYear}`) || y < 0 || !s.series[metric]) continue;
    const unit = unitOf(metric);
    rows.push(
      row(
        [
          c(metricLabel(metric, lang)),
          num(String(ctx.m.kpiYear)),
          c('–', 'goal'),
          { text: valueText(s.series[metric].p50[y], unit, lang), cls: 'num median' },
          ...band(metric, ctx.m.kpiYear),
          ...(mc ? [{ text: '–', cls: 'num pmet' }] : []),
          c(''),
        ],
        'td',
        ` data-kind="metric" data-metric="${esc(metric)}" data-year="${ctx.m.kpiYear}"`,
      ),
    );
  }
  return table(head, rows, { cls: 'kpi', ...(ctx.multi ? { caption: scenarioTitle(ctx, s) } : {}) });
}

function kpiSection(ctx: Ctx): Section {
  const parts = [para(esc(ctx.tr('kpisIntro', { year: ctx.m.kpiYear })), 'intro')];
  for (const s of ctx.m.scenarios) {
    parts.push(`<div class="block">${kpiTable(ctx, s)}</div>`);
    if (s.paybackYear !== undefined) {
      parts.push(para(esc(ctx.tr('payback', { year: s.paybackYear === null ? ctx.tr('paybackNone') : String(s.paybackYear) }))));
    }
  }
  return { id: 'kpis', title: ctx.tr('kpis'), body: parts.join('\n') };
}

// ---------------------------------------------------------------- charts

async function metricChart(ctx: Ctx, metric: string): Promise<string> {
  const { lang } = ctx;
  const unit = unitOf(metric);
  const series = ctx.m.scenarios
    .filter((s) => s.series[metric])
    .map((s) => {
      const sr = s.series[metric]!;
      const points = s.years.flatMap((year, y) => {
        const p50 = sr.p50[y];
        if (p50 === null || p50 === undefined) return [];
        const p: { year: number; p50: number; p5?: number; p95?: number } = { year, p50 };
        const lo = sr.p5?.[y];
        const hi = sr.p95?.[y];
        if (lo !== null && lo !== undefined && hi !== null && hi !== undefined) {
          p.p5 = lo;
          p.p95 = hi;
        }
        return [p];
      });
      return { name: ctx.multi ? `${s.label}: ${s.name}` : ctx.tr(s.statistic === 'median' ? 'median' : 'centralCase'), points };
    });
  const owner = ctx.m.scenarios.find((s) => s.targets.some((x) => x.metric === metric));
  const tg = owner?.targets.find((x) => x.metric === metric);
  // reported figures: the interval for Gui'an (an open end as ±Infinity) and its middle where both ends are given
  const observations = ctx.m.scenarios[0]!.observations?.checks
    .filter((o) => o.metric === metric && (o.lo !== null || o.hi !== null))
    .map((o) => {
      const ob: { year: number; lo: number; hi: number; value?: number; label: string } = { year: observationAt(o.date), lo: o.lo ?? -Infinity, hi: o.hi ?? Infinity, label: o.id };
      if (o.lo !== null && o.hi !== null) ob.value = o.lo === o.hi || o.lo <= 0 ? (o.lo + o.hi) / 2 : Math.sqrt(o.lo * o.hi);
      return ob;
    })
    .filter((o) => Number.isFinite(o.year));
  const input: Parameters<Charts['lineBandChart']>[0] = {
    title: metricLabel(metric, lang),
    unitLabel: axisUnit(unit, lang),
    series,
    format: axisFormat(unit),
    lang,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  };
  if (tg) {
    const kind = tg.atLeast !== undefined ? 'atLeast' : 'atMost';
    input.target = { value: (tg.atLeast ?? tg.atMost)!, year: tg.year, label: `${ctx.tr('thTarget')} ${goalTextIn(tg, lang)}`, kind };
  }
  if (observations && observations.length > 0) input.observations = observations;
  const unitText = axisUnit(unit, lang);
  return figure(`${metricLabel(metric, lang)}${unitText && unitText !== '%' ? ` (${unitText})` : unit === 'share' ? ' (%)' : ''}`, await ctx.charts.lineBandChart(input));
}

async function chartsSection(ctx: Ctx): Promise<Section> {
  const anyMc = ctx.m.scenarios.some((s) => s.statistic === 'median');
  const parts = [para(esc(ctx.tr(anyMc ? 'chartsIntro' : 'chartsIntroCentral')), 'intro')];
  for (const metric of ctx.m.chartMetrics) parts.push(await metricChart(ctx, metric));
  return { id: 'charts', title: ctx.tr('charts'), body: parts.join('\n') };
}

// ---------------------------------------------------------------- events

/** A short label for an event on the timeline. */
export function eventLabel(e: EventData, lang: Lang): string {
  const site = e.dcName !== undefined ? shortName(e.dcName) : undefined;
  const phase = e.phaseId !== undefined ? phaseName(e.phaseId) : '';
  if (lang === 'zh') {
    const n = /(\d+)$/.exec(phase)?.[1];
    if (e.kind === 'phase-live' && site) return `${site}${n ? ` 第${n}期` : ''} 投运`;
    if (e.kind === 'dc-complete' && site) return `${site} 建成`;
    // a target keeps its own label (written in the scenario file), after the words for met / missed
    if (e.kind === 'target-met' || e.kind === 'target-missed') return `${eventKindWords(e.kind, lang)}：${e.text.replace(/^target (met|missed|reached late): /, '').replace(/ \(.*\)$/, '')}`;
    return eventKindWords(e.kind, lang);
  }
  if (e.kind === 'phase-live' && site) return `${site}${phase ? ` ${phase}` : ''} live`;
  if (e.kind === 'dc-complete' && site) return `${site} complete`;
  // the words before a colon name the event ("budget exhausted: 1 phase wait for funds"); a target keeps its label
  const text = e.kind.startsWith('target-') ? e.text : (e.text.split(': ')[0] ?? e.text);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

async function eventsSection(ctx: Ctx): Promise<Section> {
  const { tr, lang } = ctx;
  const parts = [para(esc(tr('eventsIntro')), 'intro')];
  for (const s of ctx.m.scenarios) {
    if (ctx.multi) parts.push(`<h3>${esc(scenarioTitle(ctx, s))}</h3>`);
    if (!s.events) {
      parts.push(para(esc(tr('eventsMissing'))));
      continue;
    }
    if (s.events.length === 0) {
      parts.push(para(esc(tr('noEvents'))));
      continue;
    }
    const title = tr('timelineTitle', { name: s.name });
    const svg = await ctx.charts.timelineChart({
      title,
      start: s.years[0]!,
      end: s.years[s.years.length - 1]! + 1,
      events: s.events.map((e) => ({ date: e.at, label: eventLabel(e, lang), kind: eventKindWords(e.kind, lang) })),
      lang,
      width: CHART_WIDTH,
    });
    parts.push(figure(title, svg));
    const head = lang === 'zh' ? [c(tr('thDate')), c(tr('thEvent')), c(tr('thNote'))] : [c(tr('thDate')), c(tr('thEvent'))];
    const rows = s.events.map((e) => row(lang === 'zh' ? [num(e.date), c(eventLabel(e, lang)), c(e.textZh ?? e.text, 'sub')] : [num(e.date), c(e.text)]));
    parts.push(table(head, rows, { cls: 'events' }));
  }
  return { id: 'events', title: tr('events'), body: parts.join('\n') };
}

// ---------------------------------------------------------------- data centers and flows

async function datacentersSection(ctx: Ctx): Promise<Section> {
  const { tr, lang } = ctx;
  const parts = [para(esc(tr('datacentersIntro')), 'intro')];
  for (const s of ctx.m.scenarios) {
    if (ctx.multi) parts.push(`<h3>${esc(scenarioTitle(ctx, s))}</h3>`);
    const dcs = s.datacenters;
    const title = tr('dcChartTitle', { name: s.name });
    const svg = await ctx.charts.stackedBarChart({
      title,
      unitLabel: tr('standardRacks'),
      years: s.years,
      layers: dcs.map((d) => ({ name: shortName(d.name), values: d.liveRacks.map((v) => v ?? 0) })),
      format: axisFormat('racks'),
      lang,
      width: CHART_WIDTH,
      height: CHART_HEIGHT + 40,
    });
    parts.push(figure(title, svg));
    const head = [c(tr('thDatacenter')), num(tr('thPlanned')), ...s.years.map((y) => num(String(y)))];
    const rows = dcs.map((d) =>
      row([
        c(`${shortName(d.name)}${d.assumed ? ` (${tr('assumed')})` : ''}`),
        num(d.plannedRacks === null ? '–' : fmt(d.plannedRacks, 'racks', false)),
        ...d.liveRacks.map((v) => num(v === null ? '–' : fmt(v, 'racks', false))),
      ]),
    );
    const totals = s.years.map((_, y) => dcs.reduce((a, d) => a + (d.liveRacks[y] ?? 0), 0));
    const planned = dcs.reduce((a, d) => a + (d.plannedRacks ?? 0), 0);
    rows.push(row([c(tr('total')), num(fmt(planned, 'racks', false)), ...totals.map((v) => num(fmt(v, 'racks', false)))], 'td', ' class="total"'));
    parts.push(table(head, rows, { cls: 'wide datacenters', caption: `${tr('standardRacks')} · ${tr('centralCase')}` }));
  }
  return { id: 'datacenters', title: tr('datacenters'), body: parts.join('\n') };
}

async function flowsSection(ctx: Ctx): Promise<Section> {
  const { tr, lang } = ctx;
  const anyMc = ctx.m.scenarios.some((s) => s.statistic === 'median');
  const what = anyMc ? tr('flowsStacked') : tr('centralCase');
  const parts = [para(esc(tr('flowsIntro', { what })), 'intro')];
  const parts3 = ['transferredRacks', 'elsewhereRacks', 'stayEastRacks'] as const;
  const names = [tr('thGuian'), tr('thElsewhere'), tr('thStayEast')];
  for (const s of ctx.m.scenarios) {
    if (ctx.multi) parts.push(`<h3>${esc(scenarioTitle(ctx, s))}</h3>`);
    const values = parts3.map((m) => s.series[m]?.p50.map((v) => v ?? 0) ?? s.years.map(() => 0));
    const title = tr('flowChartTitle', { name: s.name, what: s.statistic === 'median' ? tr('medians') : tr('centralCase') });
    const svg = await ctx.charts.stackedBarChart({
      title,
      unitLabel: tr('standardRacks'),
      years: s.years,
      layers: names.map((name, i) => ({ name, values: values[i]! })),
      format: axisFormat('racks'),
      lang,
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
    });
    parts.push(figure(title, svg));
    const mc = s.statistic === 'median';
    const head = [num(tr('thYear')), ...names.map((n) => num(n)), ...(mc ? [num(`${tr('thGuian')} ${tr('thBand')}`)] : []), c(tr('thLimit'))];
    const g = s.series.transferredRacks;
    const rows = s.years.map((year, y) =>
      row([
        num(String(year)),
        ...values.map((v) => num(fmt(v[y]!, 'racks', false))),
        ...(mc ? [num(bandText(g?.p5?.[y], g?.p95?.[y], 'racks', lang))] : []),
        c(s.bindingLimit[y] !== undefined ? limitWords(s.bindingLimit[y], lang) : '–'),
      ]),
    );
    parts.push(table(head, rows, { cls: 'flows', caption: tr('standardRacks') }));
  }
  return { id: 'flows', title: tr('flows'), body: parts.join('\n') };
}

// ---------------------------------------------------------------- comparison

/** More diffs than this under one pattern are shown as one row (as `dcplan compare` does). */
const GROUP_MIN = 3;

function inputRows(diffs: readonly InputDiff[], startYear: number, count: number, tr: Ctx['tr']): string[] {
  const groups = new Map<string, InputDiff[]>();
  for (const d of diffs) {
    const g = groups.get(d.pattern);
    if (g) g.push(d);
    else groups.set(d.pattern, [d]);
  }
  const rows: string[] = [];
  for (const g of groups.values()) {
    if (g.length <= GROUP_MIN) {
      for (const d of g) {
        const first = firstDifference(d);
        rows.push(row([pathCell(d.path), ...d.values.map((v) => c(showInput(v, startYear, d.series, first)))]));
      }
      continue;
    }
    const range = (i: number): string => {
      const xs: number[] = [];
      for (const d of g) {
        const v = d.values[i];
        if (typeof v === 'number') xs.push(v);
        else if (Array.isArray(v)) for (const x of v) if (typeof x === 'number') xs.push(x);
      }
      if (xs.length === 0) return '–';
      const lo = Math.min(...xs);
      const hi = Math.max(...xs);
      return lo === hi ? compact(lo) : `${compact(lo)} – ${compact(hi)}`;
    };
    rows.push(row([c(`${g[0]!.pattern} (${tr('inputsGrouped', { n: g.length })})`, 'path'), ...Array.from({ length: count }, (_, i) => c(range(i)))]));
  }
  return rows;
}

function deltaTable(ctx: Ctx, rows: DeltaRow[], year: number): string {
  const { lang, tr, m } = ctx;
  const cmp = m.comparison!;
  const others = m.scenarios.slice(1);
  const head = [c(tr('thMetric')), num(m.scenarios[0]!.label)];
  for (const s of others) head.push(num(s.label), num(tr('thDelta', { label: s.label })), num(tr('thDeltaPct', { label: s.label })), ...(cmp.perRun ? [num(tr('thPBetter', { label: s.label }))] : []));
  const body = rows.map((r) => {
    const unit = unitOf(r.metric);
    const a = r.cells[0]!;
    const cells: Cell[] = [c(metricLabel(r.metric, lang)), num(valueText(a.value, unit, lang))];
    r.cells.slice(1).forEach((x) => {
      cells.push(
        num(valueText(x.value, unit, lang)),
        num(deltaText(x.delta, unit, lang)),
        num(unit === 'share' || x.value === null || a.value === null ? '–' : fmtPct(x.value, a.value) || '–'),
      );
      if (cmp.perRun) cells.push(num(x.pBetter !== null ? pct(x.pBetter) : x.pHigher !== null ? `${pct(x.pHigher)} ↑` : '–'));
    });
    return row(cells, 'td', ` data-metric="${esc(r.metric)}" data-year="${r.year}"`);
  });
  return `<div class="block">${table(head, body, { cls: 'deltas', caption: `${tr('deltas')}, ${year}` })}</div>`;
}

function comparisonSection(ctx: Ctx): Section | undefined {
  const { m, tr } = ctx;
  const cmp = m.comparison;
  if (!cmp || m.scenarios.length < 2) return undefined;
  const parts: string[] = [para(esc(tr('comparisonIntro')), 'intro')];
  parts.push(`<h3>${esc(tr('inputsDiffer'))}</h3>`);
  if (!cmp.inputs) parts.push(para(esc(tr('inputsMissing'))));
  else if (cmp.inputs.length === 0) parts.push(para(esc(tr('inputsSame'))));
  else {
    parts.push(para(esc(tr('inputsDifferIntro'))));
    parts.push(table([c(tr('thPath')), ...m.scenarios.map((s) => c(s.label))], inputRows(cmp.inputs, cmp.startYear, m.scenarios.length, tr), { cls: 'inputs' }));
  }
  for (const year of cmp.years) deltaTablePush(parts, ctx, cmp.rows.filter((r) => r.year === year), year);
  if (cmp.perRun) parts.push(para(esc(tr('pBetterNote'))));
  else parts.push(para(withCode(tr(cmp.noPerRun === 'central' ? 'pBetterCentral' : 'pBetterBatch'))));
  return { id: 'comparison', title: tr('comparison'), body: parts.join('\n') };
}

function deltaTablePush(parts: string[], ctx: Ctx, rows: DeltaRow[], year: number): void {
  if (rows.length > 0) parts.push(deltaTable(ctx, rows, year));
}

// ---------------------------------------------------------------- sensitivity

async function sensitivitySection(ctx: Ctx): Promise<Section | undefined> {
  const { m, tr, lang } = ctx;
  const sens = m.sensitivity;
  if (!sens) return undefined;
  const label = metricLabel(sens.metric, lang);
  const title = tr('sensitivity', { metric: label, year: sens.year });
  if (sens.absent === 'batch') return { id: 'sensitivity', title, body: para(withCode(tr('sensitivityBatch', { spec: `${sens.metric}@${sens.year}` }))) };
  const unit = unitOf(sens.metric);
  const parts: string[] = [];
  for (const item of sens.items) {
    if (ctx.multi) parts.push(`<h3>${esc(ctx.multi ? `${item.label} · ${item.name}` : item.name)}</h3>`);
    if (!item.result) {
      parts.push(para(esc(tr(item.absent === 'outsideHorizon' ? 'sensitivityOutside' : 'sensitivityNone', { name: item.name, year: sens.year }))));
      continue;
    }
    const r = item.result;
    const hasRho = r.rows.some((x) => Number.isFinite(x.spearman));
    parts.push(para(esc(tr('sensitivityIntro', { base: valueText(r.base, unit, lang), runs: grouped(r.runs) })), 'intro'));
    if (!hasRho) parts.push(para(esc(tr('sensitivityNoRho'))));
    const tornadoTitle = tr('tornadoTitle', { metric: label, year: sens.year, name: item.name });
    const svg = await ctx.charts.tornadoChart({
      title: tornadoTitle,
      unitLabel: axisUnit(unit, lang),
      base: r.base,
      bars: r.rows.map((x) => ({ label: `${x.name}${x.mode === 'scale' ? ' ×' : ''}`, low: x.low, high: x.high })),
      format: axisFormat(unit),
      lang,
      width: CHART_WIDTH,
    });
    parts.push(figure(tornadoTitle, svg));
    const head = [num(tr('thRank')), c(tr('thParameter')), num(tr('thLowHigh')), num(tr('thAtLow')), num(tr('thAtHigh')), num(tr('thSwing')), ...(hasRho ? [num(tr('thRho'))] : [])];
    const rows = r.rows.map((x) =>
      row([
        num(String(x.rank)),
        pathCell(`${x.name}${x.mode === 'scale' ? ' ×' : ''}`),
        num(`${compact(x.lowInput)} → ${compact(x.highInput)}`),
        num(valueText(x.low, unit, lang)),
        num(valueText(x.high, unit, lang)),
        num(valueText(x.swing, unit, lang)),
        ...(hasRho ? [num(rhoText(x.spearman))] : []),
      ]),
    );
    parts.push(table(head, rows, { cls: 'sensitivity' }));
    if (r.rows.some((x) => x.mode === 'scale')) parts.push(para(esc(tr('scaleNote'))));
  }
  return { id: 'sensitivity', title, body: parts.join('\n') };
}

// ---------------------------------------------------------------- observations and calibration

function reportedText(lo: number | null, hi: number | null, unit: string, lang: Lang): string {
  if (lo !== null && hi === null) return `≥ ${valueText(lo, unit, lang)}`;
  if ((lo === null || lo <= 0) && hi !== null) return `≤ ${valueText(hi, unit, lang)}`;
  if (lo !== null && hi !== null) return lo === hi ? valueText(lo, unit, lang) : bandText(lo, hi, unit, lang);
  return '–';
}

function observedSection(ctx: Ctx): Section | undefined {
  const { m, tr, lang } = ctx;
  const withObs = m.scenarios.filter((s) => s.observations);
  if (withObs.length === 0) return undefined;
  const parts: string[] = [];
  for (const s of withObs) {
    const o = s.observations!;
    if (ctx.multi) parts.push(`<h3>${esc(scenarioTitle(ctx, s))}</h3>`);
    parts.push(para(withCode(tr('observedIntro', { file: `\`${o.file}\`` })), 'intro'));
    const mc = s.statistic === 'median';
    const head = [num(tr('thDate')), c(tr('thMetric')), num(tr('thReported')), num(`${tr('thModel')}: ${tr(mc ? 'thMedian' : 'thCentral')}`), ...(mc ? [num(tr('thBand'))] : []), c(tr('thFit'))];
    const rows = o.checks.map((x) => {
      const unit = unitOf(x.metric);
      const mark = x.inside ? tr('inside') : x.overlaps && mc ? tr('inBand') : tr('outside');
      return row([
        num(x.date),
        { text: `${esc(metricLabel(x.metric, lang))}<br><span class="sub">${esc(x.id)}</span>`, html: true },
        num(reportedText(x.lo, x.hi, unit, lang)),
        num(valueText(x.value, unit, lang)),
        ...(mc ? [num(bandText(x.p5, x.p95, unit, lang))] : []),
        c(mark, 'verdict'),
      ]);
    });
    parts.push(table(head, rows, { cls: 'observed' }));
    const inside = o.checks.filter((x) => x.inside).length;
    const band = o.checks.filter((x) => !x.inside && x.overlaps).length;
    parts.push(para(esc(mc ? tr('observedSummary', { inside, total: o.checks.length, band }) : tr('observedSummaryCentral', { inside, total: o.checks.length }))));
  }
  return { id: 'observed', title: tr('observed'), body: parts.join('\n') };
}

function calibrationSection(ctx: Ctx): Section | undefined {
  const { m, tr } = ctx;
  const withCal = m.scenarios.filter((s) => s.calibration);
  if (withCal.length === 0) return undefined;
  const parts: string[] = [para(withCode(tr('calibrationIntro')), 'intro')];
  for (const s of withCal) {
    const cal = s.calibration!;
    if (ctx.multi) parts.push(`<h3>${esc(scenarioTitle(ctx, s))}</h3>`);
    parts.push(`<ul class="header">${cal.header.map((h) => `<li><code>${esc(h)}</code></li>`).join('')}</ul>`);
    if (cal.fitted.length > 0) {
      const rows = cal.fitted.map((f) => row([pathCell(f.path), c(f.value), c(f.note), { text: breakable(f.where), html: true, cls: 'where' }]));
      parts.push(table([c(tr('thPath')), c(tr('thValue')), c(tr('thNote')), c(tr('thWhere'))], rows, { cls: 'fitted', caption: tr('fittedInputs') }));
    }
    if (s.observations) parts.push(para(`${esc(tr('calibrationSeeObserved'))} <a href="#observed">${esc(tr('observed'))}</a>.`));
    if (cal.observedMissing) parts.push(para(withCode(tr('calibrationMissing', { file: `\`${cal.observedFile ?? '?'}\`` }))));
    if (cal.observedChanged) parts.push(para(esc(tr('calibrationChanged'))));
    parts.push(para(withCode(tr('calibrationLater'))));
  }
  return { id: 'calibration', title: tr('calibration'), body: parts.join('\n') };
}

function footer(ctx: Ctx): string {
  const { m, tr } = ctx;
  // the command breaks between words only, never after a flag's hyphens
  const command = m.command.split(' ').map((w) => `<span class="nw">${esc(w)}</span>`).join(' ');
  const lines = [`<p>${esc(tr('madeBy', { version: m.version }))}. ${esc(tr('reproduce'))}: <code class="cmd">${command}</code></p>`];
  lines.push(
    `<p>${m.scenarios.map((s) => `${ctx.multi ? `${esc(s.label)}: ` : ''}${esc(tr('scenarioFile'))} <code>${esc(s.file)}</code>, ${esc(tr('hash'))} <code>${esc(s.hash.slice(0, 16))}</code>`).join('<br>')}</p>`,
  );
  return `<footer>\n${lines.join('\n')}\n</footer>`;
}

// ---------------------------------------------------------------- entry

/** The report as one HTML document. */
export async function renderReport(model: ReportModel, lang: Lang): Promise<string> {
  // a Chinese page names the scenarios as their files do in Chinese, where they do
  if (lang === 'zh') {
    model = { ...model, scenarios: model.scenarios.map((s) => ({ ...s, name: s.nameZh ?? s.name, description: s.descriptionZh ?? s.description })) };
  }
  const charts: Charts = await import('./charts.js');
  const ctx: Ctx = { lang, m: model, charts, multi: model.scenarios.length > 1, tr: (key, params) => t(lang, key, params) };
  const sections: Section[] = [questionSection(ctx), assumptionsSection(ctx), kpiSection(ctx), await chartsSection(ctx), await eventsSection(ctx), await datacentersSection(ctx), await flowsSection(ctx)];
  const optional = [comparisonSection(ctx), await sensitivitySection(ctx), observedSection(ctx), calibrationSection(ctx)];
  for (const s of optional) if (s) sections.push(s);
  const title = model.scenarios.length > 1 ? t(lang, 'titleCompare', { n: model.scenarios.length }) : model.scenarios[0]!.name;
  const body = sections.map((s) => `<section id="${s.id}">\n<h2>${esc(s.title)}</h2>\n${s.body}\n</section>`).join('\n');
  return htmlDocument({ lang, version: model.version, title: t(lang, 'docTitle', { title }), css: stylesheet(lang), body: [head(ctx), nav(ctx, sections), `<main>\n${body}\n</main>`, footer(ctx)] });
}

/** The page's language as HTML names it. */
export const htmlLang = (lang: Lang): string => (lang === 'zh' ? 'zh-Hans' : 'en');

/** A whole self-contained HTML document (the report's page and the lesson handout): head, style, then `body` in order. */
export function htmlDocument(d: { lang: Lang; version: string; title: string; css: string; body: string[] }): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${htmlLang(d.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="dcplan ${esc(d.version)}">`,
    `<title>${esc(d.title)}</title>`,
    `<style>\n${d.css}</style>`,
    '</head>',
    '<body>',
    ...d.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
