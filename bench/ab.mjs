/**
CPU per run of two builds of dcplan, interleaved in one process:

    node bench/ab.mjs <checkout A> <checkout B> [scenario name]

Each checkout must have its bundle built (`npm run build`). Both engines are
loaded side by side (separate module instances) and run in alternating
rounds — 400 sampled runs (Monte Carlo, the same seed every round, so its
draws are cached as in the TUI) and 600 central runs — and the medians of
12 rounds are compared. Interleaving cancels most of what a busy or throttled
machine does to separate runs (±5–10 % here between two processes; ±2–3 %
this way), which decides whether a change of a few per cent is real.
*/
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [a, b, name = 'guian-plan'] = process.argv.slice(2);
if (!a || !b) {
  process.stderr.write('usage: node bench/ab.mjs <checkout A> <checkout B> [scenario name]\n');
  process.exit(2);
}
const roots = [resolve(a), resolve(b)];
const libs = await Promise.all(roots.map((r) => import(pathToFileURL(`${r}/dist/index.js`).href)));
const file = resolve(`scenarios/${name}.yaml`);
const scenarios = libs.map((l) => l.resolveScenario(l.readScenarioSource(file), []));
const out = new Float64Array(1 << 17);
// warm both up
for (let i = 0; i < 2; i++) {
  libs.forEach((l, k) => {
    l.monteCarlo(scenarios[k], { runs: 600, seed: 1 });
    for (let j = 0; j < 600; j++) l.simulate(scenarios[k], { out });
  });
}
const cpuMs = (fn) => {
  const t = process.cpuUsage();
  fn();
  const u = process.cpuUsage(t);
  return (u.user + u.system) / 1000;
};
const sampled = [[], []];
const central = [[], []];
for (let round = 0; round < 12; round++) {
  for (const k of round % 2 ? [1, 0] : [0, 1]) {
    const l = libs[k];
    sampled[k].push(cpuMs(() => l.monteCarlo(scenarios[k], { runs: 400, seed: 1 })) / 400);
    central[k].push(cpuMs(() => { for (let j = 0; j < 600; j++) l.simulate(scenarios[k], { out }); }) / 600);
  }
}
const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};
const line = (label, [x, y]) => `${label} ${median(x).toFixed(4)} → ${median(y).toFixed(4)} ms (${((median(y) / median(x) - 1) * 100).toFixed(1)} %)`;
console.log(`${name}: ${line('sampled run', sampled)}, ${line('central run', central)}`);
