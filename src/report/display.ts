/**
Numbers as people read them, in the TUI and the text reports: three significant figures with a magnitude word
and a unit ("4.0 M servers", "38.2 bn CNY", "1,240 GWh"), signed deltas
("+120 k", "−0.02", "+3.1 pp"), which way is better for each metric, and short
names for long site and hub names. Built on src/report/format.ts.
*/
import { grouped, magnitude, MINUS } from './format.js';
import { METRICS, type Better, type MetricInfo, type MetricName } from '../scenario/metric-names.js';
import { getLang, type Lang } from './i18n/lang.js';
import { METRIC_LABELS_ZH, METRIC_SHORT_ZH, UNITS_ZH } from './i18n/metric-labels.js';



/** A metric's entry in the one metadata table; derived metrics (scenario `metrics:`) have no unit and no direction. */
export function metricInfo(metric: string): MetricInfo {
  return metric in METRICS ? (METRICS[metric as MetricName]) : { unit: '', label: metric, better: 0 };
}

/** Unit of a metric ('' for PUE and unknown derived metrics). */
export function unitOf(metric: string): string {
  return metricInfo(metric).unit;
}

/** A metric's label in the session's language (or `lang`); `fallback` (else the id) for a derived metric. */
export function labelOf(metric: string, fallback?: string, lang: Lang = getLang()): string {
  if (!(metric in METRICS)) return fallback ?? metric;
  return lang === 'zh' ? METRIC_LABELS_ZH[metric as MetricName] : metricInfo(metric).label;
}

/** Three significant figures with k / M / bn. */
export function sig3(v: number): string {
  if (!Number.isFinite(v)) return grouped(v);
  const a = Math.abs(v);
  if (a >= 10_000) {
    const scaled = a >= 1e12 ? a / 1e12 : a >= 1e9 ? a / 1e9 : a >= 1e6 ? a / 1e6 : a / 1e3;
    return magnitude(v, scaled >= 100 ? 0 : 1);
  }
  if (a >= 100) return grouped(v);
  if (a >= 10) return grouped(v, 1);
  if (a === 0) return '0';
  return grouped(v, 2);
}

const UNIT_SUFFIX: Record<string, string> = {
  racks: 'racks', servers: 'servers', people: 'jobs', CNY: 'CNY', MW: 'MW', GWh: 'GWh', kt: 'kt',
  Tbps: 'Tbps', EFLOPS: 'EFLOPS', 'million m3': 'M m³', count: '',
};

/** The unit as written after a number ("racks", "M m³"; in Chinese "台", "元"; '' for counts and plain numbers). */
export function unitSuffix(unit: string, lang: Lang = getLang()): string {
  if (unit === 'share') return '%';
  if (lang === 'zh' && unit in UNITS_ZH) return UNITS_ZH[unit]!;
  return UNIT_SUFFIX[unit] ?? unit;
}

/** The label where the table is narrow (in the session's language, or `lang`). */
export function shortLabelOf(metric: string, lang: Lang = getLang()): string {
  if (lang === 'zh' && metric in METRICS) return METRIC_SHORT_ZH[metric as MetricName] ?? METRIC_LABELS_ZH[metric as MetricName];
  const m = metricInfo(metric);
  return m.short ?? m.label;
}

/** A metric value with its unit; `withUnit: false` for table cells whose header names the unit. */
export function fmt(v: number, unit: string, withUnit = true): string {
  if (!Number.isFinite(v)) return '–';
  let body: string;
  switch (unit) {
    case 'share':
      return `${grouped(v * 100, Math.abs(v) < 0.1 && v !== 0 ? 1 : 0)} %`;
    case '':
      return v.toFixed(2);
    case 'count':
      return grouped(v);
    case 'GWh':
    case 'kt':
    case 'MW':
      body = Math.abs(v) >= 100 ? grouped(v) : sig3(v);
      break;
    case 'million m3':
      body = sig3(v);
      break;
    default:
      body = sig3(v);
  }
  const suffix = unitSuffix(unit);
  return withUnit && suffix ? `${body} ${suffix}` : body;
}

/** A range with an en dash: "1.3 M – 2.6 M racks", "−10.5 bn – 7.2 bn CNY" (the unit once, at the end). */
export function fmtRange(lo: number, hi: number, unit: string): string {
  const suffix = unitSuffix(unit);
  if (unit === 'share') return `${fmt(lo, unit)} – ${fmt(hi, unit)}`;
  return `${fmt(lo, unit, false)} – ${fmt(hi, unit, false)}${suffix ? ` ${suffix}` : ''}`;
}

/** The goal of a target: "≥ 4.0 M servers", "≤ 1.20", "1.0 – 2.0 bn CNY"; `withUnit: false` for cells whose header names the unit ("≥ 4.0 M"). */
export function goalText(t: { metric: string; atLeast?: number; atMost?: number }, withUnit = true): string {
  const unit = unitOf(t.metric);
  if (t.atLeast !== undefined && t.atMost !== undefined) {
    return withUnit ? fmtRange(t.atLeast, t.atMost, unit) : `${fmt(t.atLeast, unit, false)}–${fmt(t.atMost, unit, false)}`;
  }
  return t.atLeast !== undefined ? `≥ ${fmt(t.atLeast, unit, withUnit)}` : `≤ ${fmt(t.atMost ?? NaN, unit, withUnit)}`;
}

/** Differences smaller than this show as "±0" (float noise, not a change). */
const NEGLIGIBLE: Record<string, number> = { '': 0.005, share: 0.0005, count: 0.5, racks: 0.5, servers: 0.5, people: 0.5, CNY: 500 };

/** A signed difference: "+120 k", "−0.02", "+3.1 pp" (shares in percentage points). */
export function fmtDelta(d: number, unit: string, withUnit = false): string {
  if (!Number.isFinite(d)) return '';
  if (Math.abs(d) < (NEGLIGIBLE[unit] ?? 0.005)) return '±0';
  const sign = d > 0 ? '+' : MINUS;
  const a = Math.abs(d);
  if (unit === 'share') return `${sign}${(a * 100).toFixed(a >= 0.1 ? 0 : 1)} pp`;
  const body = unit === '' ? a.toFixed(2) : fmt(a, unit, withUnit);
  return `${sign}${body}`;
}

/** Relative change in percent, "+12 %", or '' when the reference is zero. */
export function fmtPct(v: number, ref: number): string {
  if (!Number.isFinite(v) || !Number.isFinite(ref) || Math.abs(ref) < 1e-12) return '';
  const p = ((v - ref) / Math.abs(ref)) * 100;
  if (Math.abs(p) < 0.05) return '±0 %';
  const digits = Math.abs(p) < 10 ? 1 : 0;
  return `${p > 0 ? '+' : MINUS}${Math.abs(p).toFixed(digits)} %`;
}

/** +1 when more is better, −1 when less is better, 0 when neither (e.g. energy, spending). */
export function goodDirection(metric: string): Better {
  return metricInfo(metric).better;
}

/** 'better' / 'worse' / 'same' / 'neutral' for a change of `d` in `metric`. */
export function judge(metric: string, d: number, unit = unitOf(metric)): 'better' | 'worse' | 'same' | 'neutral' {
  if (fmtDelta(d, unit) === '±0') return 'same';
  const g = goodDirection(metric);
  if (g === 0) return 'neutral';
  return d * g > 0 ? 'better' : 'worse';
}

const NAME_NOISE = [
  /\s*\(unnamed in the plan\)/i, /\bCloud Computing\b/, /\bInformation Park\b/, /\bCloud Data Center\b/, /\bData Center\b/,
  /\bGui'an\b/, /\bGuizhou\b/, /\bDC\b/,
];

/** "China Telecom Cloud Computing Guizhou Information Park" → "China Telecom". */
export function shortName(name: string): string {
  const planned = /^Planned mega DC (\d+)/i.exec(name);
  if (planned) return `Planned site ${planned[1]}`;
  let s = name;
  for (const re of NAME_NOISE) s = s.replace(re, ' ');
  s = s.replace(/\s+/g, ' ').replace(/\(\s*/g, '(').replace(/\s*\)/g, ')').trim();
  return s || name;
}

/**
A phase in a sentence: "p2" → "phase 2". Other ids are the file's internal
names ("bc"), not words a reader knows: they give '' and the sentence names the
site alone ("Huawei Cloud goes live").
*/
export function phaseName(id: string): string {
  const m = /^p(?:hase)?[-_ ]?(\d+)$/i.exec(id);
  return m ? `phase ${m[1]}` : '';
}

/** Words of a camelCase id: "transferIncentive" → "transfer incentive", "aiShare" → "AI share". */
export function idWords(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\bai\b/g, 'AI')
    .replace(/\bpue\b/g, 'PUE');
}
