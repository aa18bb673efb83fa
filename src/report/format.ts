/**
Numbers for people: thousands separators, readable magnitudes and units
("4.0 M servers", "38.2 bn CNY", "1,240 GWh"). Locale-independent on purpose:
output is the same bytes on every machine. Negative numbers carry a real minus
sign (U+2212), so that a range reads "−10.5 bn – 7.2 bn", never "-10.5 bn – 7.2 bn".
*/

import { getLang, type Lang } from './i18n/lang.js';

export const MINUS = '\u2212';

/** 1234567.8 → "1,234,568" (with `decimals` digits after the point); −1234.5 → "−1,235". */
export function grouped(v: number, decimals = 0): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? '–' : v > 0 ? '∞' : `${MINUS}∞`;
  const neg = v < 0 || Object.is(v, -0);
  const fixed = Math.abs(v).toFixed(decimals);
  const [int, frac] = fixed.split('.') as [string, string?];
  const withSep = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = frac !== undefined ? `${withSep}.${frac}` : withSep;
  return neg && Number(fixed) !== 0 ? `${MINUS}${body}` : body;
}

/** "1 DC", "12 DCs", "1,000 runs": a count with its noun, singular or plural (`plural` when not noun + "s"). */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${grouped(n)} ${n === 1 ? noun : plural}`;
}

const SCALES: [number, string][] = [
  [1e12, 'tn'],
  [1e9, 'bn'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
Chinese magnitudes: 万 (10⁴), 亿 (10⁸), 万亿 (10¹²), three significant figures: 4e6 → "400万", 4.05e10 → "405亿".
Made on first use: building it loads ICU's Chinese data (~13 ms), which an English session never needs.
*/
let zhCompact: Intl.NumberFormat | undefined;
const zhCompactFormat = (): Intl.NumberFormat => (zhCompact ??= new Intl.NumberFormat('zh-CN', { notation: 'compact', maximumSignificantDigits: 3 }));

/** 38.2e9 → "38.2 bn" (in Chinese "382亿"); below 10,000 the plain number. */
export function magnitude(v: number, digits = 1, lang: Lang = getLang()): string {
  if (!Number.isFinite(v)) return grouped(v);
  const a = Math.abs(v);
  if (a >= 10_000 && lang === 'zh') return `${v < 0 ? MINUS : ''}${zhCompactFormat().format(a)}`;
  for (const [s, name] of SCALES) {
    if (a >= s * 10 || (s >= 1e6 && a >= s)) return `${v < 0 ? MINUS : ''}${(a / s).toFixed(digits)} ${name}`;
  }
  return grouped(v, a < 10 && a % 1 !== 0 ? 2 : 0);
}


/** Round for machine output: 12 significant digits hides floating-point noise, keeps the value. */
export function roundForOutput(v: number): number | null {
  if (!Number.isFinite(v)) return null;
  return v === 0 ? 0 : Number(v.toPrecision(12));
}
