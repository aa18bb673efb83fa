/**
Checks the peer model's generator, SDEverywhere's compiler and runtime against
dcplan's engine on variants of guian-plan that make the budget queue bind hard
(less money, another release profile, delays and overruns, a cancelled and a
deferred phase, other fill ramps): for each, gen-mdl's text is compiled in a
scratch folder here (removed afterwards), run, and compared month by month with
the engine's own fundAndBuild. Needs the compiler installed here (../GENERATE.md).

  npx tsx bench/peer/compiler/verify-variants.ts          (from the repository root)
*/
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import XLSX from 'xlsx';
import { createSynchronousModelRunner, type JsModel } from '@sdeverywhere/runtime';
import { peerInputs, mdlText } from '../gen-mdl.js';
import { loadScenario, type Override } from '../../../src/scenario/index.js';
import { prepare } from '../../../src/engine/state.js';
import { fundAndBuild, startBeforeHorizon } from '../../../src/engine/steps/build.js';
import { NO_DETAIL } from '../../../src/engine/steps/record.js';
// see generate.mjs: the registry's xlsx 0.18.5 lacks the compiler's one `set_fs` call
(XLSX as unknown as { set_fs?: () => void }).set_fs ??= () => {};
const { parseAndGenerate, resetState } = await import('@sdeverywhere/compile');
const plan = join(import.meta.dirname, '..', '..', '..', 'scenarios', 'guian-plan.yaml');
const scratch = join(import.meta.dirname, '.scratch');
const spec = { inputVarNames: [], outputVarNames: ['live racks', 'capex spending', 'rentable racks'] };
const variants: [string, Override[]][] = [
  ['base', []],
  ['25bn', [{ path: 'investment.total', value: '25 billion CNY' }]],
  ['33bn', [{ path: 'investment.total', value: '33 billion CNY' }]],
  ['delay1.37 overrun1.23', [{ path: 'construction.delayFactor', value: '1.37' }, { path: 'construction.overrunFactor', value: '1.23' }]],
  ['fill0', [{ path: 'construction.fillMonths', value: '0 months' }]],
  ['fill7', [{ path: 'construction.fillMonths', value: '7 months' }]],
  ['cancel+defer', [{ path: 'datacenters.site-9.phases.p1.cancelled', value: 'true' }, { path: 'datacenters.telecom.phases.p3.deferMonths', value: '13 months' }, { path: 'investment.total', value: '30 billion CNY' }]],
  ['profile', [{ path: 'investment.profile', value: '{2020: 0.05, 2021: 0.1, 2022: 0.1, 2023: 0.1, 2024: 0.2, 2025: 0.2, 2027: 0.1}' }]],
];
let bad = 0;
for (const [name, ov] of variants) {
  const dir = join(scratch, name.replace(/\W+/g, '_'));
  mkdirSync(dir, { recursive: true });
  const mdl = mdlText(peerInputs(plan, ov), 'verify');
  writeFileSync(join(dir, 'buildout.mdl'), mdl);
  resetState();
  await parseAndGenerate(mdl, 'vensim', structuredClone(spec), ['generateJS'], dir, 'buildout', dir);
  const mod = (await import(pathToFileURL(join(dir, 'buildout.js')).href)) as { default: () => Promise<JsModel> };
  const runner = createSynchronousModelRunner(await mod.default());
  const o = runner.runModelSync!([], runner.createOutputs());
  const get = (id: string) => o.getSeriesForVar(id)!.points.map((p) => p.y);
  const [r, sp, re] = [get('_live_racks'), get('_capex_spending'), get('_rentable_racks')];
  const sc = loadScenario(plan, ov);
  const s = prepare(sc); startBeforeHorizon(s, NO_DETAIL);
  let dr = 0, ds = 0, dre = 0, waits = 0, maxRel = 0;
  for (let m = 0; m < s.M; m++) {
    fundAndBuild(s, m, NO_DETAIL);
    if (s.blocked) waits++;
    if (s.liveRacks !== r[m]) dr++;
    if (s.spend !== sp[m]) ds++;
    if (s.rentableRacks !== re[m]) { dre++; maxRel = Math.max(maxRel, Math.abs(s.rentableRacks - re[m]!) / Math.max(1, s.rentableRacks)); }
  }
  const notStarted = Array.from(s.phState).filter((x) => x === 0).length;
  console.log(`${name.padEnd(24)} months with a waiting phase ${waits}, never started ${notStarted}, final racks ${s.liveRacks}; mismatching months: racks ${dr}, spend ${ds}, rentable ${dre} (max rel ${maxRel.toExponential(1)})`);
  if (dr || ds || maxRel > 1e-9) bad++;
}
rmSync(scratch, { recursive: true, force: true });
console.log(bad ? `${bad} variants disagree` : 'all variants agree (live racks and spending to the bit; rentable racks within 1e-9 relative)');
process.exitCode = bad ? 1 : 0;
