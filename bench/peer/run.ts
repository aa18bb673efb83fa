/**
`npm run bench:peer`: dcplan's build-out core against the same core written in
Vensim and compiled by SDEverywhere (the engine behind En-ROADS and C-ROADS),
in one process, on the same inputs (scenarios/guian-plan.yaml, central values).

1. Checks that the committed model is the one the scenario gives today: the
   .mdl must equal what gen-mdl.ts writes now, and the generated JS must have
   been compiled from that .mdl (generated/buildout.source.json).
2. Runs three things and checks that they agree month by month and year by year
   on live racks, construction capex and racks open to tenants:
     - dcplan `simulate`: the whole central run (every step; no detail recorder, as a Monte Carlo run);
     - dcplan core: `prepare` + `startBeforeHorizon` + `fundAndBuild` each month, the engine's own
       functions for exactly what the peer model holds;
     - SDEverywhere: the generated JS model through @sdeverywhere/runtime's synchronous runner.
   Live racks must agree exactly; capex and rentable racks within 1e-9 relative (they are sums of
   fractions taken in a different order where the model sums per phase and dcplan per site; capex
   in fact agrees to the bit). Any difference: a table of them, exit 1.
3. Times each (warm-up, then the median of batches) and prints ms per run and the ratios.

  npm run bench:peer [-- --json] [-- --quick]
*/
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createSynchronousModelRunner, type JsModel, type ModelRunner, type Outputs } from '@sdeverywhere/runtime';
import { loadScenario, type Scenario } from '../../src/scenario/index.js';
import { simulate } from '../../src/engine/simulate.js';
import { prepare } from '../../src/engine/state.js';
import { fundAndBuild, startBeforeHorizon } from '../../src/engine/steps/build.js';
import { NO_DETAIL } from '../../src/engine/steps/record.js';
import { mdlText, peerInputs } from './gen-mdl.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const plan = join(root, 'scenarios/guian-plan.yaml');
const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');

/** Relative tolerance for capex and rentable racks (live racks: exact). */
const REL_TOL = 1e-9;

/** Monthly series of one run: live racks, construction spending, racks open to tenants. */
interface Monthly {
  racks: Float64Array;
  spend: Float64Array;
  rentable: Float64Array;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function fail(msg: string): never {
  process.stderr.write(`bench:peer: ${msg}\n`);
  process.exit(1);
}

// ---- 1. the committed model is today's ----
function checkModelIsCurrent(): void {
  const mdlPath = join(here, 'model', 'buildout.mdl');
  const mdl = readFileSync(mdlPath, 'utf8');
  if (mdl !== mdlText(peerInputs(plan), 'npx tsx bench/peer/gen-mdl.ts')) {
    fail('bench/peer/model/buildout.mdl does not match scenarios/guian-plan.yaml any more: regenerate it and the JS (bench/peer/GENERATE.md)');
  }
  const source = JSON.parse(readFileSync(join(here, 'generated', 'buildout.source.json'), 'utf8')) as { sha256: string; specSha256: string };
  const spec = readFileSync(join(here, 'model', 'spec.json'), 'utf8');
  if (source.sha256 !== sha256(mdl) || source.specSha256 !== sha256(spec)) {
    fail('bench/peer/generated/buildout.js was compiled from another buildout.mdl or spec.json: recompile it (bench/peer/GENERATE.md)');
  }
}

// ---- 2. the three runs ----
/** dcplan's build-out core alone, through the engine's own functions (as `simulate` calls them). */
function engineCore(scenario: Scenario, monthly?: Monthly): Float64Array {
  const s = prepare(scenario);
  startBeforeHorizon(s, NO_DETAIL);
  const out = new Float64Array(s.Y * 3);
  for (let m = 0; m < s.M; m++) {
    if (m % 12 === 0) s.yCapex = 0;
    fundAndBuild(s, m, NO_DETAIL);
    if (monthly) {
      monthly.racks[m] = s.liveRacks;
      monthly.spend[m] = s.spend;
      monthly.rentable[m] = s.rentableRacks;
    }
    if (m % 12 === 11) {
      const y = (m / 12) | 0;
      out[y * 3] = s.liveRacks;
      out[y * 3 + 1] = s.yCapex;
      out[y * 3 + 2] = s.rentableRacks;
    }
  }
  return out;
}

/** The full run's yearly live racks, capex and rentable racks, as the same [y·3 + k] layout. */
function engineFull(scenario: Scenario): Float64Array {
  const r = simulate(scenario);
  const Y = r.years.length;
  const out = new Float64Array(Y * 3);
  const col = (name: string): number => {
    const k = r.metrics.indexOf(name);
    if (k < 0) fail(`simulate has no metric ${name}`);
    return k;
  };
  const ks = [col('rackCapacity'), col('capexCNY'), col('rentableRacks')];
  for (let y = 0; y < Y; y++) for (let j = 0; j < 3; j++) out[y * 3 + j] = r.values[ks[j]! * Y + y]!;
  return out;
}

interface Peer {
  runner: ModelRunner;
  outputs: Outputs;
  run: () => Outputs;
}

async function loadPeer(): Promise<Peer> {
  // a computed URL: the generated module is plain JS with no types of its own
  const url = pathToFileURL(join(here, 'generated', 'buildout.js')).href;
  const mod = (await import(url)) as { default: () => Promise<JsModel> };
  const model = await mod.default();
  const runner = createSynchronousModelRunner(model);
  const outputs = runner.createOutputs();
  const runSync = runner.runModelSync;
  if (!runSync) fail('this @sdeverywhere/runtime runner cannot run synchronously');
  return { runner, outputs, run: () => runSync.call(runner, [], outputs) };
}

function series(o: Outputs, varId: string): Float64Array {
  const s = o.getSeriesForVar(varId);
  if (!s) fail(`the generated model has no output ${varId}`);
  return Float64Array.from(s.points, (p) => p.y);
}

/** The peer's monthly series, and yearly values in dcplan's terms: December stocks, capex summed Jan..Dec in month order. */
function peerValues(o: Outputs, Y: number): { monthly: Monthly; yearly: Float64Array } {
  const monthly: Monthly = { racks: series(o, '_live_racks'), spend: series(o, '_capex_spending'), rentable: series(o, '_rentable_racks') };
  const yearly = new Float64Array(Y * 3);
  for (let y = 0; y < Y; y++) {
    let capex = 0;
    for (let m = y * 12; m < y * 12 + 12; m++) capex += monthly.spend[m]!;
    yearly[y * 3] = monthly.racks[y * 12 + 11]!;
    yearly[y * 3 + 1] = capex;
    yearly[y * 3 + 2] = monthly.rentable[y * 12 + 11]!;
  }
  return { monthly, yearly };
}

const QUANTITIES = ['live racks', 'capex CNY', 'rentable racks'] as const;

function agrees(k: number, a: number, b: number): boolean {
  if (k === 0) return a === b;
  return Math.abs(a - b) <= REL_TOL * Math.max(1, Math.abs(a), Math.abs(b));
}

interface Difference {
  where: string;
  quantity: string;
  dcplan: number;
  sde: number;
}

function compare(label: string, a: Float64Array, b: Float64Array, n: number, at: (i: number) => string): Difference[] {
  const diffs: Difference[] = [];
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 3; k++) {
      const x = a[i * 3 + k]!;
      const y = b[i * 3 + k]!;
      if (!agrees(k, x, y)) diffs.push({ where: `${label} ${at(i)}`, quantity: QUANTITIES[k]!, dcplan: x, sde: y });
    }
  }
  return diffs;
}

const interleave = (m: Monthly, n: number): Float64Array => {
  const out = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    out[i * 3] = m.racks[i]!;
    out[i * 3 + 1] = m.spend[i]!;
    out[i * 3 + 2] = m.rentable[i]!;
  }
  return out;
};

// ---- 3. timing ----
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Median ms per run over `batches` batches of `per` runs, after `warm` warm-up runs; `inner`: the same median of what `f` returns (a time it measured itself). */
function timeIt(f: () => number | void, warm: number, batches: number, per: number): { ms: number; inner: number } {
  for (let i = 0; i < warm; i++) f();
  const times: number[] = [];
  const inner: number[] = [];
  for (let b = 0; b < batches; b++) {
    let acc = 0;
    const t = performance.now();
    for (let j = 0; j < per; j++) acc += f() ?? 0;
    times.push((performance.now() - t) / per);
    inner.push(acc / per);
  }
  return { ms: median(times), inner: median(inner) };
}

const fmtInt = (v: number): string => Math.round(v).toLocaleString('en-US');
const fmtBn = (v: number): string => (v / 1e9).toFixed(6);

async function main(): Promise<void> {
  checkModelIsCurrent();
  const scenario = loadScenario(plan);
  const Y = scenario.horizon.end - scenario.horizon.start + 1;
  const M = Y * 12;
  const years = Array.from({ length: Y }, (_, y) => scenario.horizon.start + y);

  const coreMonthly: Monthly = { racks: new Float64Array(M), spend: new Float64Array(M), rentable: new Float64Array(M) };
  const core = engineCore(scenario, coreMonthly);
  const full = engineFull(scenario);
  const peer = await loadPeer();
  const p = peerValues(peer.run(), Y);
  if (p.monthly.racks.length !== M) fail(`the generated model saves ${p.monthly.racks.length} months, the scenario has ${M}: regenerate it`);

  const yearOf = (y: number): string => String(years[y]);
  const monthOf = (m: number): string => `${years[(m / 12) | 0]}-${String((m % 12) + 1).padStart(2, '0')}`;
  const diffs = [
    ...compare('year', core, p.yearly, Y, yearOf),
    ...compare('month', interleave(coreMonthly, M), interleave(p.monthly, M), M, monthOf),
    // the core alone must be what the full run does (nothing else in the run moves a phase)
    ...compare('full-run year', full, core, Y, yearOf).map((d) => ({ ...d, quantity: `${d.quantity} (simulate vs core)` })),
  ];
  // how close, per quantity, over every month and year: 0 = to the bit
  const maxRel = [0, 0, 0];
  const closeness = (a: Float64Array, b: Float64Array): void => {
    for (let i = 0; i < a.length; i++) {
      const k = i % 3;
      if (a[i] !== b[i]) maxRel[k] = Math.max(maxRel[k]!, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(a[i]!), Math.abs(b[i]!)));
    }
  };
  closeness(core, p.yearly);
  closeness(interleave(coreMonthly, M), interleave(p.monthly, M));
  const howClose = QUANTITIES.map((q, k) => `${q} ${maxRel[k] === 0 ? 'to the bit' : `within ${maxRel[k]!.toExponential(1)} relative`}`).join(', ');

  const table = years.map((yr, y) => ({
    year: yr,
    racksDcplan: core[y * 3]!,
    racksSde: p.yearly[y * 3]!,
    capexDcplan: core[y * 3 + 1]!,
    capexSde: p.yearly[y * 3 + 1]!,
    rentableDcplan: core[y * 3 + 2]!,
    rentableSde: p.yearly[y * 3 + 2]!,
  }));

  if (diffs.length > 0) {
    const lines = [`bench:peer: dcplan and the SDEverywhere model disagree (${diffs.length} values; live racks must be equal, the rest within ${REL_TOL} relative):`];
    lines.push(`${'where'.padEnd(22)}${'quantity'.padEnd(36)}${'dcplan'.padStart(22)}${'SDEverywhere'.padStart(22)}`);
    for (const d of diffs.slice(0, 60)) {
      lines.push(`${d.where.padEnd(22)}${d.quantity.padEnd(36)}${String(d.dcplan).padStart(22)}${String(d.sde).padStart(22)}`);
    }
    if (diffs.length > 60) lines.push(`... and ${diffs.length - 60} more`);
    process.stderr.write(`${lines.join('\n')}\n`);
    process.exit(1);
  }

  // timing: the same warm-up and batches for each; the three take turns so that load from
  // elsewhere on the machine falls on all of them alike
  const [warm, batches, per] = quick ? [50, 5, 10] : [300, 15, 40];
  const rounds = quick ? 1 : 3;
  const tFull: number[] = [];
  const tCore: number[] = [];
  const tSde: number[] = [];
  const tSdeModel: number[] = [];
  for (let r = 0; r < rounds; r++) {
    tFull.push(timeIt(() => void simulate(scenario), warm, batches, per).ms);
    tCore.push(timeIt(() => void engineCore(scenario), warm, batches, per).ms);
    // also the runtime's own clock around the generated model's run loop (no input or output handling)
    const sde = timeIt(() => peer.run().runTimeInMillis, warm, batches, per);
    tSde.push(sde.ms);
    tSdeModel.push(sde.inner);
  }
  const fullMs = median(tFull);
  const coreMs = median(tCore);
  const sdeMs = median(tSde);
  const sdeModelMs = median(tSdeModel);
  const runs = rounds * batches * per;

  if (json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          scenario: 'scenarios/guian-plan.yaml',
          agree: true,
          maxRelativeDifference: { liveRacks: maxRel[0], capex: maxRel[1], rentableRacks: maxRel[2] },
          years: table,
          msPerRun: { dcplanSimulate: fullMs, dcplanCore: coreMs, sde: sdeMs, sdeModelOnly: sdeModelMs },
          ratio: { sdeOverDcplanCore: sdeMs / coreMs, sdeOverDcplanSimulate: sdeMs / fullMs },
          runsTimedEach: runs,
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  const out: string[] = [];
  out.push('Peer benchmark: scenarios/guian-plan.yaml (central), 12 sites, budget queue, monthly 2020-2030');
  out.push(`agreement: dcplan's build-out core and the SDEverywhere model agree in all ${M} months and ${Y} years: ${howClose}`);
  out.push(`           (required: live racks to the bit, the rest within ${REL_TOL} relative); dcplan's full run gives the same years as its core`);
  out.push('');
  out.push(`${'year'.padEnd(6)}${'live racks'.padStart(12)}${'SDE'.padStart(12)}${'capex bn CNY'.padStart(16)}${'SDE'.padStart(16)}${'rentable'.padStart(12)}${'SDE'.padStart(12)}`);
  for (const r of table) {
    out.push(
      `${String(r.year).padEnd(6)}${fmtInt(r.racksDcplan).padStart(12)}${fmtInt(r.racksSde).padStart(12)}${fmtBn(r.capexDcplan).padStart(16)}${fmtBn(r.capexSde).padStart(16)}${fmtInt(r.rentableDcplan).padStart(12)}${fmtInt(r.rentableSde).padStart(12)}`,
    );
  }
  out.push('');
  out.push(`ms per run (median of batches, ${runs} timed runs each after warm-up; ${process.version}):`);
  out.push(`  dcplan simulate (whole central run)       ${fullMs.toFixed(4)}`);
  out.push(`  dcplan build-out core (engine functions)  ${coreMs.toFixed(4)}`);
  out.push(`  SDEverywhere (runtime runModelSync)       ${sdeMs.toFixed(4)}   of which inside the generated model's loop ${sdeModelMs.toFixed(4)}`);
  out.push(`ratio SDEverywhere / dcplan core:     ${(sdeMs / coreMs).toFixed(2)}`);
  out.push(`ratio SDEverywhere / dcplan simulate: ${(sdeMs / fullMs).toFixed(2)}`);
  process.stdout.write(`${out.join('\n')}\n`);
  await peer.runner.terminate();
}

main().catch((err: unknown) => fail(err instanceof Error ? (err.stack ?? err.message) : String(err)));
