// The lockstep prototype behind docs/architecture.md §3.7: placement's expiry-and-choice loop and its commit
// (src/engine/steps/placement.ts, section 3 and "commit") for 20 hub × class pairs, 3 competitors and 132 months,
// (a) one run after another, state per run, pair-major — as the engine runs today;
// (b) a block of R runs in lockstep, every array [pair][run] — the structure-of-arrays layout.
// The arithmetic per run is the same in both; only the loop nesting differs. Prints CPU ms per run.
//
//   node bench/lockstep/placement.mjs [R = 50]
const J = 20, K = 3, M = 132, R = +(process.argv[2] ?? 50);
function rnd(n, seed) { const a = new Float64Array(n); let x = seed; for (let i = 0; i < n; i++) { x = (x * 16807) % 2147483647; a[i] = x / 2147483647; } return a; }
const demand = rnd(J, 7).map((v) => v * 1e4), poolFactor = rnd(J, 9), shareG = rnd(J, 11).map((v) => v * 0.3), shareE = rnd(J, 13).map((v) => v * 0.5), shareK = rnd(J * K, 17).map((v) => v * 0.07);
function runAoS() {
  const stockG = new Float64Array(J), stockE = new Float64Array(J), stockT = new Float64Array(J), stockK = new Float64Array(J * K), newG = new Float64Array(J), newK = new Float64Array(J * K), pool = new Float64Array(J);
  let tot = 0;
  for (let m = 0; m < M; m++) {
    const A = 1 - 0.9 * Math.exp(-m / 30), keep = 1 - 1 / 36;
    let heldG = 0, askG = 0;
    for (let j = 0; j < J; j++) {
      const poolJ = demand[j] * poolFactor[j] * A; pool[j] = poolJ;
      let g = stockG[j] * keep, e = stockE[j] * keep, t = stockT[j] * keep, kept = g + e;
      for (let k = 0; k < K; k++) kept += stockK[j * K + k] * keep;
      const fit = kept > poolJ ? (kept > 0 ? poolJ / kept : 0) : 1;
      g *= fit; e *= fit; t *= fit; stockT[j] = t;
      for (let k = 0; k < K; k++) stockK[j * K + k] = stockK[j * K + k] * keep * fit;
      const free = Math.max(0, poolJ - kept * fit);
      stockG[j] = g; stockE[j] = e + free * shareE[j]; newG[j] = free * shareG[j];
      for (let k = 0; k < K; k++) newK[j * K + k] = free * shareK[j * K + k];
      heldG += g; askG += newG[j];
    }
    for (let j = 0; j < J; j++) { stockG[j] += newG[j]; for (let k = 0; k < K; k++) stockK[j * K + k] += newK[j * K + k]; }
    tot += heldG + askG;
  }
  return tot;
}
// lockstep: every array [pair][run]; scalars per run become arrays [run]
const L = { stockG: new Float64Array(J * R), stockE: new Float64Array(J * R), stockT: new Float64Array(J * R), stockK: new Float64Array(J * K * R), newG: new Float64Array(J * R), newK: new Float64Array(J * K * R), pool: new Float64Array(J * R), heldG: new Float64Array(R), askG: new Float64Array(R), kept: new Float64Array(R), fit: new Float64Array(R), free: new Float64Array(R), demandR: new Float64Array(J * R) };
for (let j = 0; j < J; j++) for (let r = 0; r < R; r++) L.demandR[j * R + r] = demand[j] * (1 + (r % 7) * 0.01);
function runLock() {
  const { stockG, stockE, stockT, stockK, newG, newK, pool, heldG, askG, kept, fit, free, demandR } = L;
  stockG.fill(0); stockE.fill(0); stockT.fill(0); stockK.fill(0);
  let tot = 0;
  for (let m = 0; m < M; m++) {
    const A = 1 - 0.9 * Math.exp(-m / 30), keep = 1 - 1 / 36;
    heldG.fill(0); askG.fill(0);
    for (let j = 0; j < J; j++) {
      const o = j * R, pf = poolFactor[j], sG = shareG[j], sE = shareE[j];
      for (let r = 0; r < R; r++) {
        const poolJ = demandR[o + r] * pf * A; pool[o + r] = poolJ;
        kept[r] = stockG[o + r] * keep + stockE[o + r] * keep;
      }
      for (let k = 0; k < K; k++) { const ok = (j * K + k) * R; for (let r = 0; r < R; r++) kept[r] += stockK[ok + r] * keep; }
      for (let r = 0; r < R; r++) {
        const poolJ = pool[o + r], kp = kept[r];
        const f = kp > poolJ ? (kp > 0 ? poolJ / kp : 0) : 1; fit[r] = f;
        const g = stockG[o + r] * keep * f, e = stockE[o + r] * keep * f;
        stockT[o + r] = stockT[o + r] * keep * f;
        const fr = Math.max(0, poolJ - kp * f); free[r] = fr;
        stockG[o + r] = g; stockE[o + r] = e + fr * sE; const ng = fr * sG; newG[o + r] = ng;
        heldG[r] += g; askG[r] += ng;
      }
      for (let k = 0; k < K; k++) {
        const ok = (j * K + k) * R, sK = shareK[j * K + k];
        for (let r = 0; r < R; r++) { stockK[ok + r] = stockK[ok + r] * keep * fit[r]; newK[ok + r] = free[r] * sK; }
      }
    }
    for (let i = 0; i < J * R; i++) stockG[i] += newG[i];
    for (let i = 0; i < J * K * R; i++) stockK[i] += newK[i];
    tot += heldG[0] + askG[0];
  }
  return tot;
}
for (let w = 0; w < 3; w++) { for (let r = 0; r < 200; r++) runAoS(); runLock(); }
let t = process.cpuUsage(); let s = 0; for (let r = 0; r < 3000; r++) s += runAoS(); let u = process.cpuUsage(t);
const aos = (u.user + u.system) / 1000 / 3000;
t = process.cpuUsage(); const reps = 3000 / R; for (let i = 0; i < reps; i++) s += runLock(); u = process.cpuUsage(t);
const lock = (u.user + u.system) / 1000 / 3000;
// the checksum keeps the work observable (and differs between the two only through the lockstep demand spread)
console.log(`CPU ms per run: one after another ${aos.toFixed(4)}, lockstep in blocks of ${R} ${lock.toFixed(4)}, ratio ${(aos / lock).toFixed(2)} (checksum ${s.toExponential(3)})`);
