/**
The narration: what happens in the cursor year, and why, in plain words a
teacher can read aloud, in the session's language (src/report/i18n/lang.ts).

Each year leads with why work moves west: the first year in full (the
power-price gap between Gui'an and the eastern hubs, Gui'an's climate and PUE
against the east's, which kinds of work can move within their latency
tolerance and which must stay), later years with what changed (the gap
widening or narrowing, the PUE falling as halls fill) or, when nothing did, a
reminder that changes from year to year. Then what happened, from the central
run's events (targets, phases going live, the budget, the network, the grid),
what limited Gui'an's growth (its grid connection, the network, money,
construction), how much eastern work Gui'an serves and the carbon that saves
against running it in the east, and whether another western cluster takes
more of it. Every figure comes from the run (its metrics and `detail.why`);
none is made up here.

It also holds the plain words for those limits (`LIMIT_WORDS`, `LIMIT_SHORT`,
`clusterLimitWords`), so every face names a limit the same way.
*/
import type { BindingLimit, ClusterYears, RunDetail, RunResult, SimEvent, WhyClass } from '../engine/results.js';
import { valueAt } from '../engine/results.js';
import { fmt, phaseName, shortName } from './display.js';
import { chinesePhase, eventCount, eventText, targetLabel } from './events.js';
import { t, type MessageKey } from './i18n/catalogue.js';
import { getLang, withLang, type Lang } from './i18n/lang.js';
import { magnitude } from './format.js';
import { localName, type Named } from './names.js';

const LIMITS: readonly BindingLimit[] = ['grid', 'network', 'money', 'construction', 'capacity', 'demand'];

/** A record whose values are read in the session's language each time (a face keeps the object, the words follow `getLang()`). */
function inSessionLang<K extends string>(keys: readonly K[], words: (k: K, lang: Lang) => string): Readonly<Record<K, string>> {
  const o = {} as Record<K, string>;
  for (const k of keys) Object.defineProperty(o, k, { enumerable: true, get: () => words(k, getLang()) });
  return Object.freeze(o);
}

/** What bound Gui'an's growth in a year, in a few plain words ("grid connection full"), in `lang`. */
export function limitWords(limit: BindingLimit, lang: Lang = getLang()): string {
  return t(`narration.limitWords.${limit}`, {}, lang);
}

/** The same in one or two words, for narrow columns. */
export function limitShort(limit: BindingLimit, lang: Lang = getLang()): string {
  return t(`narration.limitShort.${limit}`, {}, lang);
}

/** `limitWords` by limit, in the session's language. */
export const LIMIT_WORDS: Readonly<Record<BindingLimit, string>> = inSessionLang(LIMITS, limitWords);

/** `limitShort` by limit, in the session's language. */
export const LIMIT_SHORT: Readonly<Record<BindingLimit, string>> = inSessionLang(LIMITS, limitShort);

/** `limitWords` in English whatever the session speaks (the HTML report picks its own language per page). */
export const LIMIT_WORDS_EN: Readonly<Record<BindingLimit, string>> = Object.freeze(
  Object.fromEntries(LIMITS.map((l) => [l, limitWords(l, 'en')])) as Record<BindingLimit, string>,
);

/**
What bound a national cluster's intake of eastern work, in plain words (`short`:
one or two): Gui'an's as `LIMIT_WORDS`; another cluster's room for eastern work
full ('racks'), its grid connection full, or room to spare ('demand').
*/
export function clusterLimitWords(limit: ClusterYears['limit'][number] | undefined, guian: boolean, short = false, lang: Lang = getLang()): string {
  if (limit === undefined) return '–';
  if (limit === 'none') return t(short ? 'narration.cluster.noneShort' : 'narration.cluster.none', {}, lang);
  if (limit === 'racks') return t(short ? 'narration.cluster.racksShort' : 'narration.cluster.racks', {}, lang);
  if (!guian && limit === 'demand') return t(short ? 'narration.cluster.demandShort' : 'narration.cluster.demand', {}, lang);
  return short ? limitShort(limit, lang) : limitWords(limit, lang);
}

/** A cluster's name without its province: "Horinger (Inner Mongolia)" → "Horinger", "和林格尔（内蒙古）" → "和林格尔". */
export function clusterName(name: string): string {
  return name.split(/ \(|（/)[0]!.trim() || name;
}

/** What a narration sentence tells, so that a face can leave out or replace some (the TUI restates targets and served work from medians). */
export type NarrationKind = 'why' | 'target' | 'build' | 'budget' | 'event' | 'limit' | 'served' | 'ahead' | 'building';

export interface NarrationSentence {
  kind: NarrationKind;
  /** As written mid-paragraph: English starts lower-case unless with a name. */
  text: string;
}

/** Sentences for one year, most important first, each starting with a capital (in English). */
export function narrate(result: RunResult, year: number, lang: Lang = getLang()): string[] {
  return narrationParts(result, year, lang).map((s) => capitalize(s, lang));
}

/**
The same sentences as written, to be joined into another sentence: each starts
as it would mid-sentence ("the budget is spent…", "Gui'an serves…", "Horinger
takes…"), so only proper names start with a capital.
*/
export function narrationParts(result: RunResult, year: number, lang: Lang = getLang()): string[] {
  return narrationSentences(result, year, lang).map((s) => s.text);
}

/** The narration as one paragraph: "2023: A. B." (in Chinese "2023年：A。B。"). */
export function narrationText(result: RunResult, year: number, lang: Lang = getLang()): string {
  const parts = narrate(result, year, lang);
  const body = parts.length ? parts.join(t('narration.sep', {}, lang)) : t('narration.nothing', {}, lang);
  return `${t('narration.year', { year }, lang)}${body}${t('narration.stop', {}, lang)}`;
}

/** The year's sentences with what each tells, in `lang` (numbers too: 万 / 亿 in Chinese). */
export function narrationSentences(result: RunResult, year: number, lang: Lang = getLang()): NarrationSentence[] {
  const d = result.detail;
  if (!d) return [];
  const y = year - result.years[0]!;
  if (y < 0 || y >= result.years.length) return [];
  const out = withLang(lang, () => new Year(result, d, year, y, lang).sentences());
  return lang === 'zh' ? out.map((s) => ({ ...s, text: spaced(s.text) })) : out;
}

/** Chinese beside Latin letters gets a space, as Chinese typesetting does: "的AI训练" → "的 AI 训练". */
function spaced(s: string): string {
  return s.replace(/(\p{Script=Han})([A-Za-z])/gu, '$1 $2').replace(/([A-Za-z])(\p{Script=Han})/gu, '$1 $2');
}

function capitalize(s: string, lang: Lang): string {
  return lang === 'en' ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

/** Changes smaller than these are not news: the narration says them only when they are. */
const GAP_STEP = 0.01; // CNY/kWh
const PUE_STEP = 0.02;

/** One year of one run, told in one language. */
class Year {
  private readonly events: SimEvent[];

  constructor(
    private readonly r: RunResult,
    private readonly d: RunDetail,
    private readonly year: number,
    private readonly y: number,
    private readonly lang: Lang,
  ) {
    this.events = d.events.filter((e) => e.year === year);
  }

  private say(key: MessageKey, params: Record<string, string | number> = {}): string {
    return t(key, params, this.lang);
  }

  private name(x: Named): string {
    return localName(x, this.lang);
  }

  private metric(name: string, year = this.year): number {
    return this.r.metrics.includes(name) ? valueAt(this.r, name, year) : NaN;
  }

  // ---- numbers with their unit words

  private racks(v: number): string {
    return this.say('narration.unit.racks', { n: fmt(v, 'racks', false) });
  }

  private price(v: number): string {
    return this.say('narration.unit.price', { n: v.toFixed(2) });
  }

  /** kt of CO2: "350 kt of CO2"; in Chinese in tonnes, "35万吨二氧化碳". */
  private carbon(kt: number): string {
    return this.say('narration.unit.carbon', { n: this.lang === 'zh' ? magnitude(Math.round(kt * 1000)) : fmt(kt, 'kt', false) });
  }

  private list(items: readonly string[]): string {
    if (items.length <= 1) return items.join('');
    const and = this.say('narration.list.and');
    const sep = this.say('narration.list.sep');
    // "batch and offline analytics, AI training and rendering, and storage and backup": a comma before the last "and" when an item has its own
    const serial = this.lang === 'en' && items.some((i) => / and /.test(i)) ? `,${and}` : and;
    return `${items.slice(0, -1).join(sep)}${serial}${items[items.length - 1]}`;
  }

  /** A work class in a sentence: "batch and offline analytics" (en, lower-case unless an acronym), "实时业务" (its parenthesis dropped). */
  private className(c: { name: string; nameZh?: string | undefined }): string {
    const plain = this.name(c).replace(/\s*[(（].*[)）]\s*$/u, '');
    if (this.lang === 'zh') return plain;
    return /^[A-Z][a-z]/.test(plain) ? plain.charAt(0).toLowerCase() + plain.slice(1) : plain;
  }

  /** A site in a sentence: the short English name ("China Telecom"), or the Chinese name without "（规划未具名）". */
  private siteName(ev: SimEvent): string {
    if (this.lang === 'zh' && ev.dcNameZh !== undefined) return ev.dcNameZh.replace(/（[^）]*未具名[^）]*）$/u, '') || ev.dcNameZh;
    return shortName(ev.dcName ?? '');
  }

  private phaseWords(id: string): string {
    if (this.lang === 'en') {
      const p = phaseName(id);
      return p ? this.say('narration.live.phase', { phase: p }) : '';
    }
    const n = /^p(?:hase)?[-_ ]?(\d+)$/i.exec(id)?.[1];
    return n !== undefined ? chinesePhase(Number(n)) : '';
  }

  // ---- the year

  sentences(): NarrationSentence[] {
    const out: NarrationSentence[] = [];
    const add = (kind: NarrationKind, text: string | undefined): void => {
      if (text) out.push({ kind, text });
    };
    for (const s of this.why()) add('why', s);
    for (const s of this.targets()) add('target', s);
    const live = this.live();
    add('build', live.text);
    add('budget', this.budget());
    for (const s of this.otherEvents()) add('event', s);
    add('limit', this.limit());
    const served = this.served();
    // a quiet year still says something: that no eastern work runs in Gui'an yet
    if (served.text && (!served.onlyIfQuiet || out.length === 0)) add('served', served.text);
    add('ahead', this.ahead());
    if (!live.any) {
      const building = this.d.datacenters.reduce((a, dc) => a + (dc.buildingRacks[this.y] ?? 0), 0);
      if (building > 0) add('building', this.say('narration.building', { racks: this.racks(building) }));
    }
    return out;
  }

  // ---- why work moves west

  private why(): string[] {
    const w = this.d.why;
    if (!w) return [];
    const y = this.y;
    const g = w.guianPrice[y] ?? NaN;
    const e = w.eastPrice[y] ?? NaN;
    const pue = this.metric('pue');
    const ePue = w.eastPue[y] ?? NaN;
    const priceParams = { guian: this.price(g), east: this.price(e) };
    const pueParams = { pue: pue.toFixed(2), eastPue: ePue.toFixed(2) };
    const hasPrice = Number.isFinite(g) && Number.isFinite(e);
    const hasPue = Number.isFinite(pue) && pue > 0 && Number.isFinite(ePue);
    const gap = e - g;

    if (y === 0) {
      const parts: string[] = [];
      if (hasPrice) {
        parts.push(gap > 0.005 ? this.say('narration.why.price', { ...priceParams, pct: fmt(gap / e, 'share') }) : this.say('narration.why.priceNoGap', priceParams));
      }
      if (hasPue) {
        const temp = `${Math.round(w.meanTemp)} °C`;
        const util = this.metric('rackUtilization');
        const key: MessageKey =
          pue <= ePue ? 'narration.why.pueBetter' : Number.isFinite(util) && util < 0.8 ? 'narration.why.pueWorseEmpty' : 'narration.why.pueWorse';
        parts.push(this.say(key, { ...pueParams, temp, util: fmt(util, 'share') }));
      }
      const first = parts.length === 2 ? this.say('narration.why.join', { a: parts[0]!, b: parts[1]! }) : parts[0];
      return [first, this.classes()].filter((s): s is string => s !== undefined && s !== '');
    }

    // later years: what changed, else a reminder that turns with the years
    const out: string[] = [];
    const gPrev = w.guianPrice[y - 1] ?? NaN;
    const ePrev = w.eastPrice[y - 1] ?? NaN;
    const gapPrev = ePrev - gPrev;
    if (hasPrice && Number.isFinite(gapPrev)) {
      const gapText = this.price(Math.max(0, gap));
      if (gap <= 0.005 && gapPrev > 0.005) out.push(this.say('narration.why.gapGone', priceParams));
      else if (gap - gapPrev >= GAP_STEP) out.push(this.say('narration.why.gapWidens', { ...priceParams, gap: gapText }));
      else if (gapPrev - gap >= GAP_STEP && gap > 0.005) out.push(this.say('narration.why.gapNarrows', { ...priceParams, gap: gapText }));
    }
    const puePrev = this.metric('pue', this.year - 1);
    if (hasPue && Number.isFinite(puePrev) && puePrev > 0) {
      const util = this.metric('rackUtilization');
      const utilPrev = this.metric('rackUtilization', this.year - 1);
      if (puePrev - pue >= PUE_STEP) {
        const key: MessageKey = pue <= ePue && puePrev > ePue ? 'narration.why.pueFallsBelow' : util > utilPrev ? 'narration.why.pueFalls' : 'narration.why.pueFallsPlain';
        out.push(this.say(key, pueParams));
      } else if (pue - puePrev >= PUE_STEP) {
        const opened = this.metric('rackCapacity') > this.metric('rackCapacity', this.year - 1);
        out.push(this.say(opened && util < utilPrev ? 'narration.why.pueRises' : 'narration.why.pueRisesPlain', pueParams));
      }
    }
    if (out.length > 0) return out;
    // nothing changed: a reminder, a different one each year (the next that applies when one does not)
    const movable = w.classes.filter((c) => c.movable > 0 && c.reaches.length > 0);
    // the work that moves from every hub: the clearest case of work that can wait
    const everywhere = movable.filter((c) => c.reaches.length >= this.d.hubs.length);
    const movers = everywhere.length > 0 ? everywhere : movable;
    const reminders = [
      (): string | undefined => (hasPue ? this.say('narration.why.remindClimate', pueParams) : undefined),
      (): string | undefined => (hasPrice && gap > 0.005 ? this.say('narration.why.remindPrice', { ...priceParams, pct: fmt(gap / e, 'share') }) : undefined),
      (): string | undefined => (movers.length > 0 ? this.say('narration.why.remindClasses', { classes: this.list(movers.map((c) => this.className(c))) }) : undefined),
    ];
    for (let k = 0; k < reminders.length; k++) {
      const text = reminders[(y + k) % reminders.length]!();
      if (text) return [text];
    }
    return [];
  }

  /** Which kinds of work can move west, from which hubs, and which must stay. */
  private classes(): string | undefined {
    const w = this.d.why;
    if (!w || w.classes.length === 0) return undefined;
    const hubs = this.d.hubs;
    const moves = (c: WhyClass): boolean => c.movable > 0 && c.reaches.length > 0;
    const movers = w.classes.filter(moves);
    if (movers.length === 0) return this.say('narration.why.nothingMoves');
    const parts: string[] = [];
    const full = movers.filter((c) => c.reaches.length >= hubs.length);
    if (full.length) parts.push(this.say('narration.why.move', { classes: this.list(full.map((c) => this.className(c))) }));
    for (const c of movers.filter((m) => m.reaches.length < hubs.length)) {
      const from = hubs.filter((h) => c.reaches.includes(h.id)).map((h) => this.name(h));
      parts.push(this.say('narration.why.partly', { classes: this.className(c), hubs: this.list(from) }));
    }
    const stay = w.classes.filter((c) => !moves(c));
    const tooFar = stay.filter((c) => c.reaches.length === 0);
    if (tooFar.length) {
      const ms = Math.max(...tooFar.map((c) => c.latencyTolerance));
      parts.push(this.say('narration.why.stayLatency', { classes: this.list(tooFar.map((c) => this.className(c))), ms: fmt(ms, 'count') }));
    }
    const kept = stay.filter((c) => c.reaches.length > 0);
    if (kept.length) parts.push(this.say('narration.why.stay', { classes: this.list(kept.map((c) => this.className(c))) }));
    return parts.reduce((a, b) => this.say('narration.why.join', { a, b }));
  }

  // ---- what happened

  private targets(): string[] {
    const out: string[] = [];
    for (const e of this.events) {
      if (e.kind !== 'target-met' && e.kind !== 'target-missed') continue;
      const label = targetLabel(e, this.lang);
      const p = e.params;
      if (label === undefined) {
        // an event recorded without its data: its own English line
        out.push(e.text);
      } else if (e.kind === 'target-met') {
        out.push(this.say(p?.late ? 'narration.target.late' : 'narration.target.met', { label }));
      } else {
        out.push(this.say('narration.target.missed', { label, value: eventCount(p?.value ?? NaN, this.lang), year: p?.targetYear ?? this.year }));
      }
    }
    return out;
  }

  private live(): { text: string | undefined; any: boolean } {
    const live = this.events
      .filter((e) => e.kind === 'phase-live' && e.dcName !== undefined)
      .map((e) => ({ site: this.siteName(e), phase: this.phaseWords(e.phaseId ?? ''), racks: e.racks ?? 0 }));
    const complete = new Set(this.events.filter((e) => e.kind === 'dc-complete' && e.dcName !== undefined).map((e) => this.siteName(e)));
    if (live.length === 0) return { text: undefined, any: false };
    if (live.length <= 2) {
      const one = live.map((l) =>
        this.say('narration.live.one', { site: l.site, phase: l.phase, racks: this.racks(l.racks), complete: complete.has(l.site) ? this.say('narration.live.complete') : '' }),
      );
      return { text: this.list(one), any: true };
    }
    const racks = live.reduce((a, l) => a + l.racks, 0);
    const sites = [...new Set(live.map((l) => l.site))];
    const named = sites.length > 3 ? [...sites.slice(0, 2), this.say('narration.live.more', { n: sites.length - 2 })] : sites;
    const done = complete.size ? this.say('narration.live.manyComplete', { n: this.say(complete.size === 1 ? 'narration.live.site' : 'narration.live.sites', { n: complete.size }) }) : '';
    return { text: this.say('narration.live.many', { n: live.length, racks: this.racks(racks), sites: this.list(named), complete: done }), any: true };
  }

  private budget(): string | undefined {
    const waits = this.events.filter((e) => e.kind === 'budget-wait');
    const resumes = this.events.filter((e) => e.kind === 'budget-resume');
    if (waits.length && resumes.length) return this.say('narration.budget.short');
    if (waits.length) {
      const n = waits[waits.length - 1]!.params?.count;
      if (n === undefined) return waits[waits.length - 1]!.text.replace(/^budget exhausted: /, 'the budget is spent: ');
      return this.say('narration.budget.spent', { count: this.say(n > 1 ? 'narration.budget.phases' : 'narration.budget.phase', { n }) });
    }
    if (resumes.length) return this.say('narration.budget.resume');
    return undefined;
  }

  private otherEvents(): string[] {
    const out: string[] = [];
    for (const e of this.events) {
      switch (e.kind) {
        case 'network-full':
          out.push(this.say('narration.networkFull'));
          break;
        case 'grid-full': {
          const mw = e.params?.mw;
          out.push(mw !== undefined ? this.say('narration.gridFull', { mw: `${eventCount(mw, this.lang)} MW` }) : this.say('narration.gridFullNoCap'));
          break;
        }
        case 'racks-full':
          out.push(this.say(e.racks === 0 ? 'narration.racksNone' : 'narration.racksFull'));
          break;
        case 'substation':
        case 'export-control':
        case 'subsidy':
          out.push(eventText(e, this.lang));
          break;
        default:
      }
    }
    return out;
  }

  /** What held Gui'an's growth back this year, unless demand (racks to spare); an event may already have said why, and a limit that held last year too is "still" there. */
  private limit(): string | undefined {
    const limit = this.d.bindingLimit?.[this.y];
    if (!limit || limit === 'demand') return undefined;
    const has = (k: SimEvent['kind'], f: (e: SimEvent) => boolean = () => true): boolean => this.events.some((e) => e.kind === k && f(e));
    const said =
      (limit === 'grid' && has('grid-full')) ||
      (limit === 'network' && has('network-full')) ||
      (limit === 'money' && has('budget-wait')) ||
      (limit === 'construction' && has('racks-full', (e) => e.racks !== 0));
    // the same limit year after year: "still", then how many years running
    let run = 1;
    while (this.y - run >= 0 && this.d.bindingLimit[this.y - run] === limit) run++;
    if (run >= 3) return this.say(`narration.limitRunning.${limit}`, { n: run });
    if (run === 2) return this.say(`narration.limitStill.${limit}`);
    const plain = this.say(`narration.limit.${limit}`);
    return said ? plain : this.say(`narration.limitWhy.${limit}`, { limit: plain });
  }

  // ---- what Gui'an serves, and the carbon that saves

  private servedAt(y: number): number {
    return this.d.hubs.reduce((a, h) => a + (h.guian[y] ?? 0), 0);
  }

  /** The work class of the largest share that runs in Gui'an, in year y. */
  private best(y: number): { hub: HubLike; cls: { name: string; nameZh?: string | undefined }; share: number } | undefined {
    let best: { hub: HubLike; cls: { name: string; nameZh?: string | undefined }; share: number } | undefined;
    for (const h of this.d.hubs) {
      for (const c of Object.values(h.classes)) {
        const demand = c.demand[y] ?? 0;
        const share = demand > 0 ? (c.guian[y] ?? 0) / demand : 0;
        if (share > 0 && (!best || share > best.share)) best = { hub: h, cls: c, share };
      }
    }
    return best;
  }

  private served(): { text: string | undefined; onlyIfQuiet?: boolean } {
    const y = this.y;
    const served = this.servedAt(y);
    if (served <= 0.5) {
      const before = this.d.hubs.some((h) => h.guian.slice(0, y).some((v) => v > 0.5));
      return before ? { text: this.say('narration.noneAnyMore') } : { text: this.say('narration.noneYet'), onlyIfQuiet: true };
    }
    const carbon = this.carbonClause();
    const prev = y > 0 ? this.servedAt(y - 1) : 0;
    let text: string;
    if (prev <= 0.5) text = this.say('narration.served.first', { racks: this.racks(served), carbon });
    else {
      const change = (served - prev) / prev;
      const delta = this.racks(Math.abs(served - prev));
      text =
        change >= 0.05
          ? this.say('narration.served.more', { racks: this.racks(served), delta, carbon })
          : change <= -0.05
            ? this.say('narration.served.less', { racks: this.racks(served), delta, carbon })
            : this.say(y % 2 === 0 ? 'narration.served.same' : 'narration.served.steady', { racks: this.racks(served), carbon });
    }
    // the class that has moved most: when it is new, and every other year
    const best = this.best(y);
    const before = y > 0 ? this.best(y - 1) : undefined;
    const changed = !before || before.hub !== best?.hub || before.cls !== best?.cls;
    if (best && (changed || y % 2 === 0)) {
      const pct = best.share < 0.005 ? this.say('narration.served.under1') : `${Math.round(best.share * 100)} %`;
      text = this.say('narration.served.best', { served: text, pct, hub: this.name(best.hub), cls: this.className(best.cls) });
    }
    return { text };
  }

  /** ", saving 350 kt of CO2 this year" — on the grid average; where that is a cost, the market basis beside it when it is a saving. */
  private carbonClause(): string {
    const kt = this.metric('carbonSavedKt');
    if (!Number.isFinite(kt) || Math.abs(kt) < 0.05) return '';
    if (kt > 0) return this.say('narration.carbon.saves', { kt: this.carbon(kt) });
    const market = this.metric('carbonSavedMarketKt');
    return Number.isFinite(market) && market >= 0.05
      ? this.say('narration.carbon.costsMarket', { kt: this.carbon(-kt), market: this.carbon(market) })
      : this.say('narration.carbon.costs', { kt: this.carbon(-kt) });
  }

  // ---- the other western clusters

  /** "Horinger takes more eastern work than Gui'an: 41 % of the work placed in clusters against 34 %" — or nothing. */
  private ahead(): string | undefined {
    const y = this.y;
    const clusters = this.d.clusters ?? [];
    const guian = clusters.find((c) => c.id === 'guian') ?? clusters[0];
    if (!guian) return undefined;
    const g = guian.eastShare[y] ?? NaN;
    if (!Number.isFinite(g)) return undefined;
    const gText = fmt(g, 'share');
    // more, and more as the reader sees it: never "34 % against 34 %"
    const ahead = clusters
      .filter((c) => c !== guian && (c.eastShare[y] ?? NaN) > g && fmt(c.eastShare[y]!, 'share') !== gText)
      .sort((a, b) => b.eastShare[y]! - a.eastShare[y]!);
    if (ahead.length === 0) return undefined;
    // many clusters ahead: the count and the two that lead, not a roll call
    const shown = ahead.length > 3 ? ahead.slice(0, 2) : ahead;
    const names = this.list(shown.map((c) => clusterName(this.name(c))));
    const shares = this.list(shown.map((c) => fmt(c.eastShare[y]!, 'share')));
    const key: MessageKey = ahead.length > 3 ? 'narration.ahead.manyMore' : ahead.length > 1 ? 'narration.ahead.many' : 'narration.ahead.one';
    let text = this.say(key, { n: ahead.length, names, shares, guian: gText });
    // one cluster ahead with cheaper power than Gui'an: that is part of why (said the first year it leads)
    const lead = ahead.length === 1 ? ahead[0]! : undefined;
    const price = lead?.price?.[y] ?? NaN;
    const gPrice = guian.price?.[y] ?? NaN;
    const leadBefore = lead !== undefined && y > 0 && (lead.eastShare[y - 1] ?? 0) > (guian.eastShare[y - 1] ?? 0);
    if (!leadBefore && Number.isFinite(price) && Number.isFinite(gPrice) && price < gPrice - 0.005) text += this.say('narration.ahead.price', { price: this.price(price) });
    return text;
  }
}

type HubLike = RunDetail['hubs'][number];
