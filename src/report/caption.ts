/**
The caption every face puts over a result — table header, CSV comment line, TUI
title, export — so they all say the same thing about what the numbers are.
*/
import type { MonteCarloResult } from '../engine/montecarlo.js';
import { grouped } from './format.js';
import { t } from './i18n/catalogue.js';
import type { Lang } from './i18n/lang.js';

/**
What the numbers are, for every header: "median of 1,000 Monte Carlo runs, seed
7 · --set investment=60" or "central case (no sampling)"; a run that changes
course says from when: "… · from 2024: --set investment=60 billion CNY".
English unless `lang` says otherwise: CSV comment lines are machine output and
stay the same bytes in every language; the text tables pass the session's.
*/
export function resultCaption(mc: MonteCarloResult, lang: Lang = 'en'): string {
  const what = mc.bands
    ? t('table.caption.median', { runs: grouped(mc.runs), seed: mc.seed }, lang)
    : t(mc.scenario.uncertainty.length > 0 ? 'table.caption.central' : 'table.caption.centralOnly', {}, lang);
  return mc.scenario.overrides.length > 0 ? `${what} · ${overridesText(mc.scenario.overrides, lang)}` : what;
}

/** An override that applies from a year (or month) on: "from 2024: investment=60 billion CNY". */
const FROM = /^from (\d{4}(?:-\d{2})?): (.*)$/s;

/**
"--set investment=60 --set transferIncentive=500"; a fork's changes (overrides
"from 2024: path=value", src/engine/fork.ts) grouped by when they apply:
"--set a=1 · from 2024: --set investment=60 billion CNY · from 2026: --set transferIncentive=500".
*/
export function overridesText(overrides: readonly string[], lang: Lang = 'en'): string {
  const groups: string[] = [];
  let when: string | undefined;
  let sets: string[] = [];
  const flush = (): void => {
    if (sets.length > 0) groups.push(when === undefined ? sets.join(' ') : t('table.caption.from', { when, sets: sets.join(' ') }, lang));
    sets = [];
  };
  for (const o of overrides) {
    const m = FROM.exec(o);
    const w = m ? m[1] : undefined;
    if (w !== when) {
      flush();
      when = w;
    }
    // a switch to a scenario given whole (the engine's API, not --set) is named as such
    sets.push(m && !m[2]!.includes('=') ? m[2]! : `--set ${m ? m[2]! : o}`);
  }
  flush();
  return groups.join(' · ');
}

