/**
An event's line in the reader's language. The engine writes each event's
English line (`text`) and keeps what it says as data (its site, phase, racks
and `params`, src/engine/results.ts); the line in any language is rendered
here from the kind and that data, with the same words as the narration
(src/report/i18n/messages/narration.ts). English returns the engine's line
itself, byte for byte; `renderEvent(ev, 'en')` gives the same line again from
the data (tested), which is how we know the data is complete.
*/
import type { SimEvent } from '../engine/results.js';
import { fmtCount } from '../engine/steps/record.js';
import { t } from './i18n/catalogue.js';
import { getLang, withLang, type Lang } from './i18n/lang.js';
import { grouped, magnitude } from './format.js';

/** One line, without the date. */
export function eventText(ev: SimEvent, lang: Lang = getLang()): string {
  if (lang === 'en') return ev.text;
  return renderEvent(ev, lang) ?? ev.text;
}

/** A count as the event lines write it: the engine's "40 k", "1.2 M" in English; 万 / 亿 in Chinese. */
export function eventCount(n: number, lang: Lang): string {
  if (lang === 'en') return fmtCount(n);
  if (Math.abs(n) >= 10_000) return withLang('zh', () => magnitude(n));
  if (Math.abs(n) < 10 && !Number.isInteger(n)) return n.toFixed(2);
  return grouped(n);
}

/** A phase after its site's name: " phase p2" as the engine writes it; in Chinese "二期", "BC期" for a short letter id (areas), else "分期“x”". */
export function eventPhase(id: string, lang: Lang): string {
  if (lang === 'en') return ` phase ${id}`;
  const n = /^p(?:hase)?[-_ ]?(\d+)$/i.exec(id)?.[1];
  if (n !== undefined) return chinesePhase(Number(n));
  return /^[a-z]{1,3}$/i.test(id) ? `${id.toUpperCase()}期` : `分期“${id}”`;
}

const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 2 → "二期", 12 → "第12期". */
export function chinesePhase(n: number): string {
  return n >= 1 && n <= 10 ? `${NUMERALS[n]}期` : `第${n}期`;
}

const pct = (share: number): string => `${Math.round(share * 100)} %`;

/** The event in `lang` from its kind and data; undefined where the event lacks the data its line needs. */
export function renderEvent(ev: SimEvent, lang: Lang): string | undefined {
  const p = ev.params ?? {};
  const site = lang === 'zh' ? (ev.dcNameZh ?? ev.dcName) : ev.dcName;
  const n = (v: number): string => eventCount(v, lang);
  const say = (key: Parameters<typeof t>[0], params: Record<string, string | number> = {}): string => t(key, params, lang);
  switch (ev.kind) {
    case 'phase-start':
      if (site === undefined || ev.phaseId === undefined) return undefined;
      return say('narration.event.phaseStart', { site, phase: eventPhase(ev.phaseId, lang) });
    case 'phase-live':
      if (site === undefined || ev.phaseId === undefined || ev.racks === undefined) return undefined;
      return say('narration.event.phaseLive', { site, phase: eventPhase(ev.phaseId, lang), racks: n(ev.racks) });
    case 'dc-complete':
      if (site === undefined || ev.racks === undefined) return undefined;
      return say('narration.event.dcComplete', { site, racks: n(ev.racks) });
    case 'budget-wait':
      if (p.count === undefined) return undefined;
      return say('narration.event.budgetWait', { count: say(p.count > 1 ? 'narration.budget.phases' : 'narration.budget.phase', { n: p.count }) });
    case 'budget-resume':
      return say('narration.event.budgetResume');
    case 'network-full':
      if (p.tbps === undefined) return undefined;
      return say('narration.event.networkFull', { tbps: n(p.tbps) });
    case 'grid-full':
      if (p.mw === undefined) return undefined;
      return say('narration.event.gridFull', { mw: n(p.mw) });
    case 'substation':
      if (p.id === undefined || p.mw === undefined) return undefined;
      return say('narration.event.substation', { id: p.id, mw: n(p.mw) });
    case 'export-control': {
      if (p.id === undefined || p.availability === undefined || p.priceFactor === undefined) return undefined;
      const parts = [
        p.availability < 1 ? say('narration.event.exportAvailable', { pct: pct(p.availability) }) : '',
        p.priceFactor > 1 ? say('narration.event.exportDearer', { pct: pct(p.priceFactor - 1) }) : '',
      ].filter((x) => x !== '');
      return say('narration.event.exportControl', { id: p.id, what: parts.join(say('narration.list.sep')) || say('narration.event.exportNone') });
    }
    case 'subsidy':
      if (p.id === undefined || p.share === undefined) return undefined;
      return say('narration.event.subsidy', { id: p.id, pct: pct(p.share), domestic: p.domesticOnly ? say('narration.event.subsidyDomestic') : '' });
    case 'racks-full':
      return say(ev.racks === 0 ? 'narration.event.racksNone' : 'narration.event.racksFull');
    case 'target-met': {
      const label = targetLabel(ev, lang);
      if (label === undefined) return undefined;
      return say(p.late ? 'narration.event.targetLate' : 'narration.event.targetMet', { label });
    }
    case 'target-missed': {
      const label = targetLabel(ev, lang);
      if (label === undefined || p.value === undefined || p.targetYear === undefined) return undefined;
      return say('narration.event.targetMissed', { label, value: n(p.value), year: p.targetYear });
    }
  }
}

/** A target event's label in `lang`: the Chinese one where the scenario gives it. */
export function targetLabel(ev: SimEvent, lang: Lang): string | undefined {
  const p = ev.params;
  if (p?.label === undefined) return undefined;
  return lang === 'zh' && p.labelZh !== undefined ? p.labelZh : p.label;
}
