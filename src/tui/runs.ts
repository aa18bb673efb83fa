/**
From scenario files to runs: load each file once, read each lever's value as
written (in the lever's unit), and compute a run for a set of lever values —
resolve the scenario with the lever overrides, simulate the central case with
detail, and score the targets. Uses the scenario-loading and engine APIs only.
*/
import { basename, extname } from 'node:path';
import { forkedScenario, type Schedule } from '../engine/fork.js';
import { summarize } from '../engine/montecarlo.js';
import { simulate } from '../engine/simulate.js';
import { leverValueOverride, readScenarioSource, resolveScenario, type Override, type ScenarioSource } from '../scenario/index.js';
import { leverValueAsWritten } from '../scenario/lever-value.js';
import type { Lever, Scenario } from '../scenario/types.js';
import { idWords } from '../report/display.js';
import { t } from '../report/i18n/catalogue.js';
import { getLang } from '../report/i18n/lang.js';
import type { Run, SourceInfo } from './model.js';

export interface LoadedSource {
  info: SourceInfo;
  source: ScenarioSource;
  scenario: Scenario;
}

/** Read and resolve one scenario file (throws ScenarioError with every problem). */
export function loadSource(file: string): LoadedSource {
  const source = readScenarioSource(file);
  const scenario = resolveScenario(source);
  const leverBase: Record<string, number> = {};
  for (const lever of scenario.levers) leverBase[lever.id] = leverValueAsWritten(source, lever);
  const id = basename(file, extname(file));
  return { info: { id, file, name: scenario.name, levers: scenario.levers, leverBase }, source, scenario };
}


/** Decimal places of a lever's step (0.05 → 2). */
function stepDecimals(step: number): number {
  const s = String(step);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** A lever that reads as a share: unitless, between 0 and 1. */
export function isShareLever(lever: Lever): boolean {
  return lever.unit.trim() === '' && lever.min >= 0 && lever.max <= 1;
}

/** The next value of a lever turned one step up (dir 1) or down (−1): on the step grid, within min..max. */
export function turnLever(lever: Lever, value: number, dir: 1 | -1): number {
  const step = lever.step > 0 ? lever.step : (lever.max - lever.min) / 20 || 1;
  const k = (value - lever.min) / step;
  const onGrid = Math.abs(k - Math.round(k)) < 1e-9;
  const nk = onGrid ? Math.round(k) + dir : dir > 0 ? Math.ceil(k) : Math.floor(k);
  const v = lever.min + nk * step;
  const clamped = Math.max(lever.min, Math.min(lever.max, v));
  return Number(clamped.toFixed(Math.min(10, stepDecimals(step) + 2)));
}

const UNIT_SHORT: [RegExp, string][] = [
  [/^trillion CNY$/i, 'tn CNY'], [/^billion CNY$/i, 'bn CNY'], [/^million CNY$/i, 'M CNY'], [/^thousand CNY$/i, 'k CNY'],
  [/\/rack\/month$/i, '/rack/mo'],
];

/** Lever units in Chinese: the multiplier into the Chinese unit and its name ("60 billion CNY" → "600亿元"). */
const UNIT_ZH: [RegExp, number, string][] = [
  [/^trillion CNY$/i, 1, '万亿元'], [/^billion CNY$/i, 10, '亿元'], [/^million CNY$/i, 1, '百万元'], [/^thousand CNY$/i, 1, '千元'],
  [/^CNY\/rack\/month$/i, 1, '元/机架/月'], [/^CNY\/kWh$/i, 1, '元/千瓦时'], [/^CNY$/i, 1, '元'],
];

/** "60 bn CNY", "250 CNY/rack/mo", "0.30 CNY/kWh", "25 %"; in Chinese "600亿元", "250 元/机架/月", "0.30 元/千瓦时". */
export function formatLever(lever: Lever, value: number): string {
  if (isShareLever(lever)) return `${(value * 100).toFixed(Math.max(0, stepDecimals(lever.step) - 2))} %`;
  const decimals = stepDecimals(lever.step);
  if (getLang() === 'zh') {
    const zh = UNIT_ZH.find(([re]) => re.test(lever.unit.trim()));
    if (zh) {
      const [, k, name] = zh;
      const v = (value * k).toFixed(Math.max(0, decimals - Math.round(Math.log10(k))));
      return name.length <= 2 ? `${v}${name}` : `${v} ${name}`;
    }
  }
  let unit = lever.unit.trim();
  for (const [re, short] of UNIT_SHORT) unit = unit.replace(re, short);
  const v = value.toFixed(decimals);
  return unit ? `${v} ${unit}` : v;
}

/** How a run is named in Compare: "investment 60 bn", "power price 0.30 CNY/kWh, AI share 20 %". */
export function runLabel(info: SourceInfo, levers: Record<string, number>, withSource: boolean, from?: number): string {
  const zh = getLang() === 'zh';
  const parts = info.levers
    .filter((l) => levers[l.id] !== undefined)
    .map((l) => `${zh && l.labelZh ? l.labelZh : idWords(l.id)} ${formatLever(l, levers[l.id]!).replace(/ CNY$/, '')}`);
  if (parts.length === 0) return info.id;
  const what = parts.join(zh ? '，' : ', ') + (from !== undefined ? t('tui.run.from', { year: from }) : '');
  return withSource ? `${info.id}: ${what}` : what;
}

export interface Computed {
  /** The run's scenario; for a fork, the forked one (the changed plan, its overrides "from 2024: …"). */
  scenario: Scenario;
  /**
  A fork (key f): the run starts from the file's scenario and switches to the
  changed one at this schedule's month (src/engine/fork.ts); undefined when the
  changes apply from the start.
  */
  schedule: Schedule | undefined;
  central: Run['central'];
  targets: Run['targets'];
  computeMs: number;
}

/** The `--set` overrides that give a source these lever values. */
export function leverOverrides(loaded: LoadedSource, levers: Record<string, number>): Override[] {
  return Object.keys(levers).map((id) => leverValueOverride(loaded.source, id, levers[id]!));
}

/**
The central run of a source with lever values (only those that differ from the
file). With `from` (a calendar year after the horizon's first) the changes apply
from January of that year: the run follows the file's scenario until then and
continues from its state under the changed one (the engine's schedule,
docs/fork.md), so its years before `from` are the file's run exactly. Throws
ScenarioError, or Error when the fork is refused.
*/
export function computeRun(loaded: LoadedSource, levers: Record<string, number>, from?: number): Computed {
  const t0 = performance.now();
  const ids = Object.keys(levers);
  const changed = ids.length === 0 ? loaded.scenario : resolveScenario(loaded.source, leverOverrides(loaded, levers));
  const month = from === undefined ? 0 : (from - loaded.scenario.horizon.start) * 12;
  const schedule: Schedule | undefined = ids.length > 0 && month > 0 ? [{ month, scenario: changed }] : undefined;
  const scenario = schedule ? forkedScenario(loaded.scenario, schedule) : changed;
  const central = schedule ? simulate(loaded.scenario, { detail: true, schedule }) : simulate(changed, { detail: true });
  const targets = summarize(scenario, scenario.seed, 1, central, central.values).targets;
  return { scenario, schedule, central, targets, computeMs: performance.now() - t0 };
}
