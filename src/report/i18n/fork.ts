/**
Why a run cannot change course mid-way, in the reader's language. The engine
(src/engine/fork.ts) says why in English — the CLI's `--from` and the JSON keep
it — and the reasons are a fixed set, so each is looked up whole; one not in
the set stays English.
*/
import { t, type MessageKey } from './catalogue.js';
import { getLang, type Lang } from './lang.js';

const REASONS = new Map<string, MessageKey>([
  ['the horizon is fixed for the whole run', 'cli.fork.horizon'],
  ['the seed belongs to the whole Monte Carlo, not to a year', 'cli.fork.seed'],
  ['the number of runs belongs to the whole Monte Carlo, not to a year', 'cli.fork.runs'],
  ['uncertain inputs are drawn once per run, from the start: they cannot be added, removed or redistributed mid-run', 'cli.fork.uncertainty'],
  ['correlations shape the draws made once per run, from the start', 'cli.fork.correlations'],
  ['phase risks are drawn once, at the horizon start', 'cli.fork.risks'],
  ['data centers cannot be added, removed or reordered mid-run', 'cli.fork.datacenters'],
  ['a site cannot switch between its owner\'s use and renting mid-run', 'cli.fork.ownUse'],
  ['phases cannot be added, removed or reordered mid-run (a phase can be cancelled: cancelled: true)', 'cli.fork.phases'],
  ['whether a hall was live before the horizon cannot change mid-run', 'cli.fork.preexisting'],
  ['hubs cannot be added, removed or reordered mid-run', 'cli.fork.hubs'],
  ['workload classes cannot be added, removed or reordered mid-run', 'cli.fork.workloads'],
  ['competitor clusters cannot be added, removed or reordered mid-run', 'cli.fork.competitors'],
  ['card types cannot be added, removed or reordered mid-run (a card can stop being bought: until)', 'cli.fork.cards'],
  ['targets are read over the whole horizon: they cannot change mid-run', 'cli.fork.targets'],
  ['derived metrics are computed over the whole run: they cannot change mid-run', 'cli.fork.metrics'],
  ['levers describe the scenario\'s controls: they cannot change mid-run (turn one with --set instead)', 'cli.fork.levers'],
]);

/** A fork refusal's reason (`ForkProblem.message`) in `lang`. */
export function forkReason(message: string, lang: Lang = getLang()): string {
  const key = REASONS.get(message);
  return key === undefined ? message : t(key, {}, lang);
}
