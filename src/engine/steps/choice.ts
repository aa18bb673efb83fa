/**
Where new placements go this year (docs/model.md §4.2): each January, for every
hub and workload class, a multinomial logit over what a tenant pays per
standard rack-month at each option — staying east, Gui'an, or a competitor
cluster within the class's latency tolerance. What a tenant pays follows one
rule per region (src/model/pricing.ts): the rent, plus the power bill where the
rent excludes power; options away from the hub add transit and a latency cost
and subtract the option's incentive.
*/
import { kwPerRack, rackBudgetPerServer } from '../../model/servers.js';
import { powerBillPerRackMonth, tenantCostPerRackMonth } from '../../model/pricing.js';
import { awayCost, logitWeight } from '../../model/transfer.js';
import { designPue, type SimState } from '../state.js';
import { newMix } from './servers.js';

/** Each competitor's latency from the hub at hand and its logit weight there (scratch, grown to the most competitors seen). */
let lat = new Float64Array(0);
let weight = new Float64Array(0);

export function chooseShares(s: SimState, y: number): void {
  const { servers, energy, economics, transfer, hubs, workloads, competitors } = s.scenario;
  const gen = servers.classes.general;
  // January's mix of new servers (the card types offered, export controls in force) sets the year's quotes
  s.aiShare = newMix(s, y * 12, y);
  const ai = { power: s.mixAiKw, rackShare: s.mixAiRack };
  s.rackBudgetNew = rackBudgetPerServer(s.aiShare, gen, ai);
  const kw = kwPerRack(s.aiShare, gen, ai);
  s.kwRackNew = kw;
  const { H, C, K } = s;
  const gTenant = tenantCostPerRackMonth(economics.rent, economics.rentIncludesPower, powerBillPerRackMonth(energy.electricityPrice[y]!, designPue(s), kw));
  if (lat.length < K) {
    lat = new Float64Array(K);
    weight = new Float64Array(K);
  }
  for (let h = 0; h < H; h++) {
    const hub = hubs[h]!;
    const eastCost = tenantCostPerRackMonth(hub.rent, hub.rentIncludesPower, powerBillPerRackMonth(hub.electricityPrice[y]!, hub.pue, kw));
    const gCost = awayCost(gTenant, transfer.transit, transfer.latencyCost, hub.latency, transfer.incentive[y]!);
    // an option's weight depends on the hub, not on the class (which only decides whether it is within reach):
    // each is worked out once per hub (a NaN latency: no route from this hub, within no tolerance)
    const gWeight = logitWeight(gCost, eastCost, transfer.costSensitivity);
    for (let k = 0; k < K; k++) {
      const comp = competitors[k]!;
      const l = comp.latency[hub.id];
      lat[k] = l ?? NaN;
      if (l === undefined) continue;
      const kTenant = tenantCostPerRackMonth(comp.rent, comp.rentIncludesPower, powerBillPerRackMonth(comp.electricityPrice[y]!, comp.pue, kw));
      weight[k] = logitWeight(awayCost(kTenant, transfer.transit, transfer.latencyCost, l, comp.incentive[y]!), eastCost, transfer.costSensitivity);
    }
    for (let c = 0; c < C; c++) {
      const tol = workloads[c]!.latencyTolerance;
      const j = h * C + c;
      let sum = 1; // staying east, relative to itself
      const wG = hub.latency <= tol ? gWeight : 0;
      sum += wG;
      for (let k = 0; k < K; k++) {
        const wK = lat[k]! <= tol ? weight[k]! : 0;
        s.shareK[j * K + k] = wK;
        sum += wK;
      }
      s.shareE[j] = 1 / sum;
      s.shareG[j] = wG / sum;
      for (let k = 0; k < K; k++) s.shareK[j * K + k]! /= sum;
    }
  }
}
