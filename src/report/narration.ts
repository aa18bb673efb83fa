/**
The narration line: what happens in the cursor year, in plain words, from the
central run's events (phases going live, sites completed, the budget running
short, racks or network full, targets reached or missed) and how much of the
east's movable work Gui'an serves.
*/
import type { RunResult, SimEvent } from '../engine/results.js';
import { fmt, phaseName, shortName } from './display.js';
import { counted } from './format.js';


function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Sentences for one year, most important first. */
export function narrate(result: RunResult, year: number): string[] {
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
    if (e.kind === 'racks-full') {
      out.push(
        e.racks === 0
          ? "Gui'an has no racks open to tenants yet, so eastern work stays east"
          : "the racks open to tenants are full while new halls fill, so eastern work waits in the east or goes elsewhere",
      );
    }
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
    out.push(`Gui'an serves ${fmt(served, 'racks')} of eastern work; ${Math.round(best.share * 100)} % of the ${best.hub}'s ${best.cls} work now runs there`);
  } else if (out.length === 0) out.push("no eastern work runs in Gui'an yet");
  if (live.length === 0 && !out.some((s) => s.includes('goes live'))) {
    const building = d.datacenters.reduce((a, dc) => a + (dc.buildingRacks[y] ?? 0), 0);
    if (building > 0) out.push(`${fmt(building, 'racks')} under construction`);
  }
  return out.map(capitalize);
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
