/**
The narration line: what happens in the cursor year, in plain words, from the
central run's events (phases going live, sites completed, the budget running
short, racks, network or grid connection full, targets reached or missed), what
limited Gui'an's growth that year (its grid connection, the network, money or
construction), how much of the east's movable work Gui'an serves, and whether
another western cluster takes more of it.

It also holds the plain words for those limits (`LIMIT_WORDS`,
`clusterLimitWords`), so every face names a limit the same way.
*/
import type { BindingLimit, ClusterYears, RunResult, SimEvent } from '../engine/results.js';
import { fmt, phaseName, shortName } from './display.js';
import { counted } from './format.js';

/** What bound Gui'an's growth in a year, in a few plain words ("grid connection full"). */
export const LIMIT_WORDS: Record<BindingLimit, string> = {
  grid: 'grid connection full',
  network: 'network full',
  money: 'money: phases wait for funds',
  construction: 'construction: racks full',
  capacity: 'capacity: all halls full',
  demand: 'demand: racks to spare',
};

/** The same in one or two words, for narrow columns. */
export const LIMIT_SHORT: Record<BindingLimit, string> = {
  grid: 'grid full',
  network: 'network full',
  money: 'money',
  construction: 'construction',
  capacity: 'capacity',
  demand: 'demand',
};

/**
What bound a national cluster's intake of eastern work, in plain words (`short`:
one or two): Gui'an's as `LIMIT_WORDS`; another cluster's room for eastern work
full ('racks'), its grid connection full, or room to spare ('demand').
*/
export function clusterLimitWords(limit: ClusterYears['limit'][number] | undefined, guian: boolean, short = false): string {
  if (limit === undefined) return '–';
  if (limit === 'none') return short ? 'none' : 'nothing binds';
  if (limit === 'racks') return short ? 'room full' : 'room for eastern work full';
  if (!guian && limit === 'demand') return short ? 'demand' : 'demand: room to spare';
  return short ? LIMIT_SHORT[limit] : LIMIT_WORDS[limit];
}

/** A cluster's name without its province: "Horinger (Inner Mongolia)" → "Horinger". */
export function clusterName(name: string): string {
  return name.split(/ \(/)[0]!;
}

/** The sentence naming what limited Gui'an's growth; `said`: an event of the year already said why. */
function limitSentence(limit: BindingLimit, said: boolean): string | undefined {
  const why = (text: string): string => (said ? '' : `: ${text}`);
  switch (limit) {
    case 'grid':
      return `the grid connection limits Gui'an's growth this year${why('it is full and new load waits')}`;
    case 'network':
      return `the network east limits Gui'an's growth this year${why('it is full and transfer is throttled')}`;
    case 'money':
      return `money limits Gui'an's growth this year${why('its racks are full and new phases wait for funds')}`;
    case 'construction':
      return `construction limits Gui'an's growth this year${why('its racks are full until new halls open')}`;
    case 'capacity':
      return `capacity limits Gui'an's growth this year${why('every planned hall is built and full')}`;
    case 'demand':
      return undefined;
  }
}

/** "Horinger takes more eastern work than Gui'an: 41 % of the work placed in clusters against 34 %" — or nothing. */
function clusterSentence(clusters: readonly ClusterYears[], y: number): string | undefined {
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
  const names = list(ahead.map((c) => clusterName(c.name)));
  const shares = list(ahead.map((c) => fmt(c.eastShare[y]!, 'share')));
  return `${names} ${ahead.length > 1 ? 'each take' : 'takes'} more eastern work than Gui'an: ${shares} of the work placed in clusters against ${gText}`;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Sentences for one year, most important first, each starting with a capital. */
export function narrate(result: RunResult, year: number): string[] {
  return narrationParts(result, year).map(capitalize);
}

/**
The same sentences as written, to be joined into another sentence: each starts
as it would mid-sentence ("the budget is spent…", "Gui'an serves…", "Horinger
takes…"), so only proper names start with a capital.
*/
export function narrationParts(result: RunResult, year: number): string[] {
  const d = result.detail;
  if (!d) return [];
  const y = year - result.years[0]!;
  if (y < 0 || y >= result.years.length) return [];
  const events = d.events.filter((e: SimEvent) => e.year === year);
  const out: string[] = [];

  // targets first: they are what the plan is judged by
  for (const e of events) {
    if (e.kind === 'target-met') out.push(`target reached: ${e.text.replace(/^target met: /, '')}`);
    if (e.kind === 'target-missed') out.push(`target missed: ${e.text.replace(/^target missed: /, '')}`);
  }

  const live = events
    .filter((e) => e.kind === 'phase-live' && e.dcName !== undefined)
    .map((e) => ({ site: shortName(e.dcName!), phase: phaseName(e.phaseId ?? ''), racks: e.racks ?? 0 }));
  const complete = new Set(events.filter((e) => e.kind === 'dc-complete' && e.dcName !== undefined).map((e) => shortName(e.dcName!)));
  if (live.length > 0 && live.length <= 2) {
    out.push(
      list(live.map((l) => `${l.site}${l.phase ? ` ${l.phase}` : ''} goes live (+${fmt(l.racks, 'racks')}${complete.has(l.site) ? `, site complete` : ''})`)),
    );
  } else if (live.length > 2) {
    const racks = live.reduce((a, l) => a + l.racks, 0);
    const sites = [...new Set(live.map((l) => l.site))];
    const named = sites.length > 3 ? [...sites.slice(0, 2), `${sites.length - 2} more`] : sites;
    out.push(`${live.length} phases go live (+${fmt(racks, 'racks')}): ${list(named)}${complete.size ? `; ${counted(complete.size, 'site')} complete` : ''}`);
  }

  const waits = events.filter((e) => e.kind === 'budget-wait');
  const resumes = events.filter((e) => e.kind === 'budget-resume');
  if (waits.length && resumes.length) out.push('the budget runs short for a while and phases wait for funds');
  else if (waits.length) out.push(waits[waits.length - 1]!.text.replace(/^budget exhausted: /, 'the budget is spent: '));
  else if (resumes.length) out.push('new funds let the waiting phases start');
  for (const e of events) {
    if (e.kind === 'network-full') out.push(`the network fills up and throttles transfer`);
    if (e.kind === 'grid-full') {
      const cap = /\(([^)]+)\)/.exec(e.text)?.[1];
      out.push(`the grid connection fills up${cap ? ` (${cap})` : ''} and new load waits`);
    }
    if (e.kind === 'racks-full') {
      out.push(
        e.racks === 0
          ? "Gui'an has no racks open to tenants yet, so eastern work stays east"
          : "the racks open to tenants are full while new halls fill, so eastern work waits in the east or goes elsewhere",
      );
    }
  }

  // what held Gui'an's growth back this year, unless demand (racks to spare); an event above may already have said why
  const limit = d.bindingLimit?.[y];
  if (limit) {
    const said =
      (limit === 'grid' && events.some((e) => e.kind === 'grid-full')) ||
      (limit === 'network' && events.some((e) => e.kind === 'network-full')) ||
      (limit === 'money' && waits.length > 0) ||
      (limit === 'construction' && events.some((e) => e.kind === 'racks-full' && e.racks !== 0));
    const sentence = limitSentence(limit, said);
    if (sentence) out.push(sentence);
  }

  // how far the move west has come: the total, and the work class that has moved most
  const served = d.hubs.reduce((a, h) => a + (h.guian[y] ?? 0), 0);
  let best: { hub: string; cls: string; share: number } | undefined;
  for (const h of d.hubs) {
    for (const c of Object.values(h.classes)) {
      const demand = c.demand[y] ?? 0;
      const share = demand > 0 ? (c.guian[y] ?? 0) / demand : 0;
      if (share > 0 && (!best || share > best.share)) best = { hub: h.name, cls: className(c.name), share };
    }
  }
  if (best && served > 0.5) {
    const pct = best.share < 0.005 ? 'under 1 %' : `${Math.round(best.share * 100)} %`;
    out.push(`Gui'an serves ${fmt(served, 'racks')} of eastern work; ${pct} of the ${best.hub}'s ${best.cls} work now runs there`);
  } else if (served <= 0.5) {
    const before = d.hubs.some((h) => h.guian.slice(0, y).some((v) => v > 0.5));
    if (before) out.push("no eastern work runs in Gui'an any more");
    else if (out.length === 0) out.push("no eastern work runs in Gui'an yet");
  }
  // another western cluster ahead of Gui'an in the race for eastern work
  const ahead = clusterSentence(d.clusters ?? [], y);
  if (ahead) out.push(ahead);
  if (live.length === 0 && !out.some((s) => s.includes('goes live'))) {
    const building = d.datacenters.reduce((a, dc) => a + (dc.buildingRacks[y] ?? 0), 0);
    if (building > 0) out.push(`${fmt(building, 'racks')} under construction`);
  }
  return out;
}

/** "Batch and offline analytics" → "batch and offline analytics"; drops a parenthesis. */
function className(name: string): string {
  const plain = name.replace(/\s*\(.*\)\s*$/, '');
  // keep acronyms ("AI training"): lower-case only a capitalised word
  return /^[A-Z][a-z]/.test(plain) ? plain.charAt(0).toLowerCase() + plain.slice(1) : plain;
}

/** The narration as one paragraph: "2023: A; b; c." */
export function narrationText(result: RunResult, year: number): string {
  const parts = narrate(result, year);
  return `${year}: ${parts.length ? parts.join('. ') : 'Nothing changes'}.`;
}
