/**
`npm run bench`: the figures the issues set budgets for, on this machine.

  singleRunMs     median in-process time of one central run of guian-plan      (budget ≤ 1 ms)
  mc10kSeconds    wall time of a 10,000-run Monte Carlo of it on all cores     (budget ≤ 10 s, peak < 1 GB)
  mc10kPeakMB     peak RSS of that process, all threads
  coldStartMs     wall time of `dcplan run scenarios/guian-plan.yaml --central --format json` (budget ≤ 1,000 ms)
  defaultRunMs    wall time of `dcplan run scenarios/guian-plan.yaml`: the first table a user sees, 1,000 runs (budget ≤ 1,500 ms)
  tuiRecomputeMs  median lever press → new frame in the TUI, central run        (budget ≤ 50 ms)

`--json` prints one object instead of the table. Needs the bundle (`npm run build`).
*/
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { loadScenario } from '../src/scenario/index.js';
import { simulate } from '../src/engine/simulate.js';
import { measureLeverRecompute } from '../src/tui/measure.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const plan = join(root, 'scenarios/guian-plan.yaml');
const cli = join(root, 'bin/dcplan.js');
const json = process.argv.includes('--json');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (v: number, d = 3): number => Number(v.toFixed(d));

function singleRunMs(): number {
  const scenario = loadScenario(plan);
  for (let i = 0; i < 200; i++) simulate(scenario); // warm up the JIT
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const t = performance.now();
    for (let j = 0; j < 20; j++) simulate(scenario);
    times.push((performance.now() - t) / 20);
  }
  return median(times);
}

function timed(args: string[]): { ms: number; maxRssKb: number; ok: boolean } {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', join(root, 'scripts/rss-probe.mjs'), cli, ...args], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  const ms = performance.now() - t;
  const fd3 = (r.output[3] ?? '').toString().trim();
  const maxRssKb = fd3 ? (JSON.parse(fd3) as { maxRssKb: number }).maxRssKb : NaN;
  if (r.status !== 0) process.stderr.write(`bench: dcplan ${args.join(' ')} failed:\n${r.stderr}\n`);
  return { ms, maxRssKb, ok: r.status === 0 };
}

async function tuiRecomputeMs(): Promise<number> {
  return median(await measureLeverRecompute(plan, 21));
}

if (!existsSync(join(root, 'dist/cli.js'))) {
  process.stderr.write('bench: dist/cli.js is missing; run `npm run build` first\n');
  process.exit(1);
}

const single = singleRunMs();
const cold: number[] = [];
for (let i = 0; i < 5; i++) cold.push(timed(['run', plan, '--central', '--format', 'json']).ms);
const firstTable: number[] = [];
for (let i = 0; i < 3; i++) firstTable.push(timed(['run', plan]).ms);
const mc = timed(['run', plan, '--runs', '10000', '--format', 'json']);
const tui = await tuiRecomputeMs();

const figures = {
  singleRunMs: round(single),
  mc10kSeconds: round(mc.ms / 1000, 2),
  mc10kPeakMB: round(mc.maxRssKb / 1024, 0),
  coldStartMs: round(median(cold), 0),
  defaultRunMs: round(median(firstTable), 0),
  tuiRecomputeMs: round(tui, 1),
  cores: availableParallelism(),
  node: process.version,
};

if (json) {
  process.stdout.write(JSON.stringify(figures) + '\n');
} else {
  const budget: Record<string, string> = {
    singleRunMs: '≤ 1 ms',
    mc10kSeconds: '≤ 10 s',
    mc10kPeakMB: '< 1024 MB',
    coldStartMs: '≤ 1000 ms',
    defaultRunMs: '≤ 1500 ms',
    tuiRecomputeMs: '≤ 50 ms',
  };
  for (const [k, v] of Object.entries(figures)) {
    process.stdout.write(`${k.padEnd(16)} ${String(v).padStart(10)}   ${budget[k] ?? ''}\n`);
  }
}
