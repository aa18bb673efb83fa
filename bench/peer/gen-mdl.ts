/**
Writes bench/peer/model/buildout.mdl: dcplan's build-out core (docs/model.md §1;
src/engine/steps/build.ts, src/model/construction.ts) as a Vensim model that
SDEverywhere compiles, with every constant taken from a resolved scenario.

  npx tsx bench/peer/gen-mdl.ts [scenario.yaml]     (default: scenarios/guian-plan.yaml)

The constants come from dcplan's own `prepare` (src/engine/state.ts), the state
the engine's loop starts from: the funding order, each phase's size, build
months (delay applied), planned start (deferral applied), in-horizon capex
(overrun applied), and the budget released through each month. So "the same
inputs" holds by construction: re-generating after the scenario changes gives a
matching model. The dynamics (budget queue, look-ahead funding condition C1,
spending, go-live, the fill ramp) are the model's own equations, below.

The scenario is resolved at its central values (no Monte Carlo draw). Phases the
file marks cancelled never start and block nothing, so they are left out.
Responsive supply (`startWhenOccupancy` > 0) needs dcplan's whole demand and
placement model, which this core does not hold: such a scenario is refused.
*/
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblem, loadScenario, ScenarioError, type Override } from '../../src/scenario/index.js';
import { PHASE_CANCELLED, prepare } from '../../src/engine/state.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

export interface PeerPhase {
  /** Subscript element name: site and phase ids as a Vensim identifier. */
  elem: string;
  size: number;
  build: number;
  start: number;
  capex: number;
  spendMonths: number;
  committedAtStart: 0 | 1;
  initialAge: number;
  rented: 0 | 1;
  startFill: number;
}

export interface PeerModel {
  scenarioFile: string;
  startYear: number;
  months: number;
  fillMonths: number;
  phases: PeerPhase[];
  /** Budget released through the end of each month of the horizon, CNY (flat after). */
  release: number[];
}

const ident = (s: string): string => s.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase();

/** The core's inputs from a scenario file, in dcplan's funding order. Throws ScenarioError or Error with one line. */
export function peerInputs(file: string, overrides: Override[] = []): PeerModel {
  const scenario = loadScenario(file, overrides);
  const s = prepare(scenario);
  const dcs = scenario.datacenters;
  const phases: PeerPhase[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < s.P; i++) {
    if (s.phState[i] === PHASE_CANCELLED) continue;
    const dc = dcs[s.phDc[i]!]!;
    const ph = dc.phases[s.phIdx[i]!]!;
    if (s.phMinOccupancy[i]! > 0) {
      throw new Error(`${file}: datacenters.${dc.id}.phases.${ph.id}.startWhenOccupancy: responsive supply is outside the peer's build-out core`);
    }
    const elem = ident(`${dc.id}_${ph.id}`);
    if (seen.has(elem)) throw new Error(`${file}: two phases map to the subscript element ${elem}`);
    seen.add(elem);
    const start = s.phStart[i]!;
    const build = s.phBuild[i]!;
    // as startBeforeHorizon: preexisting, or begun before the horizon; live by month 0 if start + build <= 0
    const before = ph.preexisting || start < 0;
    const liveBefore = ph.preexisting || (before && start + build <= 0);
    phases.push({
      elem,
      size: s.phSize[i]!,
      build,
      start,
      capex: s.phCapex[i]!,
      // the engine divides by min(build, liveAt); liveAt = start + build for every phase that spends
      spendMonths: Math.max(1, Math.min(build, start + build)),
      committedAtStart: before ? 1 : 0,
      initialAge: liveBefore ? build : before ? -start : 0,
      rented: dc.ownUse ? 0 : 1,
      startFill: liveBefore ? 1 : 0,
    });
  }
  if (phases.length === 0) throw new Error(`${file}: no phase to build`);
  const release = Array.from(s.release.subarray(0, s.M));
  for (let m = 1; m < release.length; m++) {
    // the model's `started` is an auxiliary, not a latch: it stays 1 only while the release never falls
    if (release[m]! < release[m - 1]!) throw new Error(`${file}: investment.profile: the cumulative release falls in month ${m}`);
  }
  return {
    scenarioFile: relative(root, file),
    startYear: scenario.horizon.start,
    months: s.M,
    fillMonths: scenario.construction.fillMonths,
    phases,
    release,
  };
}

/** A number as JavaScript prints it: the shortest text that reads back to the same double. */
const num = (x: number): string => String(x);

function eq(lhs: string, rhs: string, units: string, doc: string): string {
  return `${lhs} =\n\t${rhs}\n\t~\t${units}\n\t~\t${doc}\n\t|\n`;
}

/** The model's text. */
export function mdlText(p: PeerModel, command: string): string {
  const P = p.phases;
  const list = (f: (ph: PeerPhase) => number): string => P.map((ph) => num(f(ph))).join(', ');
  const last = p.months - 1;
  const maxRelease = p.release[last]!;
  const points = p.release.map((r, m) => `(${m},${num(r)})`).join(',');
  const out: string[] = ['{UTF-8}\n'];
  out.push(
    `phase:\n\t${P.map((ph) => ph.elem).join(', ')}\n\t~\t\n\t~\tEvery phase of ${p.scenarioFile} that can be built, in dcplan's funding order (effective planned start, then site, then phase): the element order is the budget queue. Generated by ${command}.\n\t|\n`,
  );
  out.push(eq('phase size[phase]', list((ph) => ph.size), 'racks', 'Standard racks (2.5 kW IT each) of the phase.'));
  out.push(eq('build months[phase]', list((ph) => ph.build), 'Month', 'Build duration after the delay factor, whole months.'));
  out.push(
    eq('planned start[phase]', list((ph) => ph.start), 'Month', `Effective planned start (planned + deferral), months from January ${p.startYear}; negative: begun before the horizon.`),
  );
  out.push(eq('phase capex[phase]', list((ph) => ph.capex), 'CNY', 'In-horizon construction capex after overrun (a phase begun before the horizon: the part of its build inside it).'));
  out.push(eq('spend months[phase]', list((ph) => ph.spendMonths), 'Month', 'Months over which the capex is spent evenly: the build, or the in-horizon part of it.'));
  out.push(
    eq('committed at start[phase]', list((ph) => ph.committedAtStart), 'dmnl', '1: live (preexisting) or under way when the horizon opens; such a phase never waits for money.'),
  );
  out.push(eq('initial age[phase]', list((ph) => ph.initialAge), 'Month', 'Months since the phase started, at month 0 (a phase live before the horizon: its build).'));
  out.push(eq('rented[phase]', list((ph) => ph.rented), 'dmnl', "1: the site rents to tenants; 0: an owner's own-use site (rents nothing)."));
  out.push(eq('start fill[phase]', list((ph) => ph.startFill), 'dmnl', 'Share open to tenants at go-live: 1 for halls live before the horizon, else 0.'));
  out.push(eq('fill months', num(p.fillMonths), 'Month', 'A new hall opens to tenants linearly over this many months.'));
  out.push(
    `cumulative release(\n\t[(0,0)-(${last},${num(maxRelease)})],${points})\n\t~\tCNY\n\t~\tBudget released through the end of each month: investment total x the year's profile share, spread evenly over its months; flat after the horizon.\n\t|\n`,
  );
  // the budget queue: what the phases ahead in the queue have committed, a left fold in queue order like the engine's running sum
  out.push(eq(`committed before[${P[0]!.elem}]`, 'INITIAL(0)', 'CNY', 'Capex committed by the phases ahead in the queue (all of them have started when this one may).'));
  for (let k = 1; k < P.length; k++) {
    out.push(eq(`committed before[${P[k]!.elem}]`, `INITIAL(committed before[${P[k - 1]!.elem}] + phase capex[${P[k - 1]!.elem}])`, 'CNY', ''));
  }
  out.push(eq('date come[phase]', 'IF THEN ELSE(Time >= planned start[phase], 1, 0)', 'dmnl', 'The planned start has come.'));
  out.push(
    eq(
      'funded[phase]',
      'IF THEN ELSE(committed before[phase] + phase capex[phase] <= cumulative release(Time + build months[phase]) * (1 + 1e-09) + 1e-06, 1, 0)',
      'dmnl',
      'Condition C1 (src/model/construction.ts canFund): the money released by the time the phase would complete covers every phase committed so far plus this one (same relative and absolute tolerance).',
    ),
  );
  // strict planned order: a phase starts only once the one ahead of it has (this month or before)
  const ahead = (k: number): string => (k === 0 ? '' : `started[${P[k - 1]!.elem}] * `);
  for (let k = 0; k < P.length; k++) {
    const e = P[k]!.elem;
    out.push(
      eq(
        `started[${e}]`,
        `IF THEN ELSE(committed at start[${e}] = 1, 1, ${ahead(k)}date come[${e}] * funded[${e}])`,
        'dmnl',
        k === 0 ? 'Strict planned order: a phase starts in the first month its date has come, it is funded and the phase ahead of it in the queue has started; a phase waiting for money holds back every later one. Both conditions only relax as time passes, so once started stays started.' : '',
      ),
    );
  }
  out.push(eq('age[phase]', 'INTEG(started[phase], initial age[phase])', 'Month', 'Months since the phase started.'));
  out.push(eq('live[phase]', 'IF THEN ELSE(age[phase] >= build months[phase], 1, 0)', 'dmnl', 'The phase goes live when its build is over.'));
  out.push(eq('building[phase]', 'started[phase] - live[phase]', 'dmnl', 'Started and not yet live.'));
  out.push(eq('spend[phase]', 'building[phase] * phase capex[phase] / spend months[phase]', 'CNY/Month', 'Each building phase spends its capex evenly over its build.'));
  out.push(eq('capex spending', 'SUM(spend[phase!])', 'CNY/Month', "The month's construction spending."));
  out.push(eq('live racks', 'SUM(phase size[phase!] * live[phase!])', 'racks', 'Racks of the live phases.'));
  out.push(
    eq(
      'rentable[phase]',
      'IF THEN ELSE(live[phase] * rented[phase] = 1, IF THEN ELSE(fill months <= 0, phase size[phase], phase size[phase] * MIN(1, start fill[phase] + (age[phase] - build months[phase]) / fill months)), 0)',
      'racks',
      "Racks of a live hall open to tenants: a linear ramp over the fill months after go-live (src/model/occupancy.ts rentableRacks); own-use sites rent nothing.",
    ),
  );
  out.push(eq('rentable racks', 'SUM(rentable[phase!])', 'racks', 'Racks open to tenants.'));
  out.push(
    '********************************************************\n\t.Control\n********************************************************~\n\t\tSimulation Control Parameters\n\t|\n\n',
  );
  out.push(eq('INITIAL TIME', '0', 'Month', `January ${p.startYear}.`));
  out.push(eq('FINAL TIME', String(last), 'Month', `December ${p.startYear + p.months / 12 - 1}.`));
  out.push(eq('TIME STEP', '1', 'Month', 'Monthly steps, as dcplan.'));
  out.push(eq('SAVEPER', 'TIME STEP', 'Month', ''));
  return out.join('\n');
}

function main(): void {
  const arg = process.argv[2];
  const file = arg ?? join(root, 'scenarios/guian-plan.yaml');
  const model = peerInputs(file);
  const shown = relative(root, file);
  const command = `npx tsx bench/peer/gen-mdl.ts${arg ? ` ${shown}` : ''}`;
  const target = join(here, 'model', 'buildout.mdl');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, mdlText(model, command));
  process.stdout.write(`wrote ${relative(process.cwd(), target)}: ${model.phases.length} phases, ${model.months} months, from ${shown}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main();
  } catch (err) {
    if (err instanceof ScenarioError) process.stderr.write(`${err.problems.map((q) => formatProblem(q)).join('\n')}\n`);
    else process.stderr.write(`gen-mdl: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
