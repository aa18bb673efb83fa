/**
Calibration warnings in the reader's language. The engine writes them in
English, and they are also the JSON's `warnings` (the same bytes in every
language), so the table translates them where it prints them: each kind is
matched by a pattern and rewritten from its parts, as problems.ts does for
scenario problems. A warning no pattern knows stays English — an honest
fallback, never a wrong translation.
*/
import { t, type MessageKey, type Params } from './catalogue.js';
import { getLang, type Lang } from './lang.js';

type Pattern = [RegExp, MessageKey, (m: RegExpExecArray, lang: Lang) => Params];

const PATTERNS: Pattern[] = [
  [/^no observation is dated after (\d+): nothing is held out$/, 'table.cal.warn.nothingHeld', (m) => ({ year: m[1]! })],
  [/^(.+): the observation has no finite bound and says nothing$/, 'table.cal.warn.noBound', (m) => ({ id: m[1]! })],
  [
    /^ESS ([\d.]+) of (\d+) runs(?: after (\d+) adaptive rounds?)?: the observations pin the runs down to a few; widen the prior or add runs$/,
    'table.cal.warn.ess',
    (m, lang) => ({ ess: m[1]!, runs: m[2]!, after: m[3] ? t('table.cal.warn.essAfter', { rounds: m[3] }, lang) : '' }),
  ],
  [/^one run: no posterior, only the best fit of the central case \(use --runs N for posterior bands\)$/, 'table.cal.warn.oneRun', () => ({})],
  [
    /^(.+): the best fit \(([^()]+)\) sits at the edge of the prior \(([^()]+)–([^()]+)\); the prior may be too narrow$/,
    'table.cal.warn.edge',
    (m) => ({ name: m[1]!, best: m[2]!, lo: m[3]!, hi: m[4]! }),
  ],
  [/^the best fit did not converge within (\d+) evaluations; it is the best point found$/, 'table.cal.warn.notConverged', (m) => ({ evals: m[1]! })],
  [
    /^(.+): the posterior P5–P95 is a single value \(([^()]+)\); the calibrated file widens it to a triangular (.+)–(.+) \(([\d.]+) % of the prior's range\) to keep it a distribution — too few effective runs \(ESS\), or the observations pin it down$/,
    'table.cal.warn.collapsed',
    (m) => ({ name: m[1]!, value: m[2]!, lo: m[3]!, hi: m[4]!, pct: m[5]! }),
  ],
];

/** A calibration warning as the engine wrote it, in `lang` (English as written). */
export function calibrationWarning(w: string, lang: Lang = getLang()): string {
  if (lang === 'en') return w;
  for (const [re, key, params] of PATTERNS) {
    const m = re.exec(w);
    if (m) return t(key, params(m, lang), lang);
  }
  return w;
}
