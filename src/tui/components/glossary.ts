/**
The glossary overlay (key g): every term the screens use — the Monte Carlo
words, the units, the limits, the money — with a plain one- or two-sentence
definition in the session's language (src/report/i18n/messages/glossary.ts).
It scrolls with ↑ ↓ (PgUp PgDn, Home End) when it does not fit; the bottom
line says where in the list the screen is.
*/
import { t, type MessageKey } from '../../report/i18n/catalogue.js';
import { G } from '../glyphs.js';
import type { TuiState } from '../model.js';
import { center, wrap } from '../text.js';
import { overlayHeight } from './layout.js';
import { seg, type Line } from './lines.js';

/** The terms, in the order a newcomer meets them: what the numbers are, the units, the flows, the limits, the money, the tools. */
export const GLOSSARY_TERMS = [
  'central', 'montecarlo', 'median', 'band', 'pmet', 'target',
  'rack', 'occupancy', 'pue', 'itload', 'phase',
  'eastern', 'latency', 'hub', 'binding', 'grid', 'network',
  'capex', 'budget', 'opex', 'npv', 'payback',
  'carbon', 'saved', 'eflops', 'aiutil', 'water',
  'lever', 'fork', 'reported',
] as const;

export type GlossaryTerm = (typeof GLOSSARY_TERMS)[number];

export function termKey(id: GlossaryTerm, part: 'term' | 'text'): MessageKey {
  return `glossary.${id}.${part}` as MessageKey;
}

/** Every entry: the term in bold, its definition wrapped under it, indented; a blank line between entries. */
export function glossaryBody(width: number): Line[] {
  const out: Line[] = [];
  const textW = Math.max(10, width - 6);
  for (const id of GLOSSARY_TERMS) {
    if (out.length) out.push([]);
    out.push([seg('  '), seg(t(termKey(id, 'term')), { bold: true, color: 'yellow' })]);
    for (const l of wrap(t(termKey(id, 'text')), textW)) out.push([seg('    '), seg(l)]);
  }
  return out;
}

/** The title and the bottom line take two of the overlay's rows. */
const CHROME = 2;

/** The first body line the overlay can start at for the body to end on its last row. */
export function glossaryMaxTop(s: TuiState, columns: number, rows: number): number {
  const height = overlayHeight(s, columns, rows);
  return Math.max(0, glossaryBody(Math.max(20, columns)).length - Math.max(1, height - CHROME));
}

export function glossaryLines(s: TuiState, width: number, height: number): Line[] {
  const body = glossaryBody(width);
  const room = Math.max(1, height - CHROME);
  const top = Math.max(0, Math.min(s.glossaryTop, body.length - room));
  const title: Line = [seg(center(t('tui.glossary.title'), width), { bold: true, inverse: true })];
  const shown = body.slice(top, top + room);
  while (shown.length < room) shown.push([]);
  const scrolls = body.length > room;
  const where = scrolls
    ? t('tui.glossary.more', { up: top > 0 ? G.arrowUp : ' ', down: top + room < body.length ? G.arrowDown : ' ', from: top + 1, to: Math.min(body.length, top + room), n: body.length })
    : '';
  const foot: Line = [seg(center([where, t('tui.glossary.closeHint')].filter(Boolean).join(' · '), width), { dim: true })];
  return [title, ...shown, foot].slice(0, height);
}
