/**
Derivative-free minimisation for calibration (src/engine/calibrate.ts): the
Nelder–Mead simplex method, and the same inside box bounds by a sine
transformation of each coordinate.

Nelder–Mead uses the adaptive coefficients of Gao & Han (2012) — reflection 1,
expansion 1 + 2/n, contraction 0.75 − 1/(2n), shrink 1 − 1/n — which keep it
working in ten or so dimensions where the classic (1, 2, ½, ½) stalls. It stops
when the simplex has collapsed (every vertex within `tolX` of the best and its
value within `tolF`) or after `maxEvals` evaluations, and restarts from the best
point with a fresh simplex (up to `restarts` times) while that still improves
it — the usual remedy for a simplex that collapsed early. NaN counts as +∞.
Deterministic: no randomness, ties broken by vertex order.

Written here (about 100 lines) rather than taken from a package: `fmin` is
unmaintained, and least-squares packages (ml-levenberg-marquardt) need
derivatives that a Monte Carlo objective does not have.
*/

export interface MinimizeOptions {
  /** Initial simplex step per coordinate (a number for all); default 0.5. */
  step?: number | readonly number[];
  /** Evaluation budget, restarts included; default 200·(n + 1). */
  maxEvals?: number;
  /** Convergence: spread of the simplex's values, relative to the best value when that exceeds 1; default 1e-8. */
  tolF?: number;
  /** Convergence: largest distance of a vertex from the best, per coordinate; default 1e-6. */
  tolX?: number;
  /** The coordinates tolX is measured in (default x itself); minimizeBounded measures the share of each range. */
  measure?: (x: readonly number[]) => number[];
  /** Fresh simplices from the best point after convergence, while they improve it by more than tolF; default 2. */
  restarts?: number;
}

export interface MinimizeResult {
  x: number[];
  f: number;
  evals: number;
  /** The simplex collapsed within tolF / tolX (else the budget ran out). */
  converged: boolean;
}

const val = (v: number): number => (Number.isNaN(v) ? Infinity : v);

/** Minimise `f` from `x0` by Nelder–Mead (see the module comment). */
export function nelderMead(f: (x: readonly number[]) => number, x0: readonly number[], opts: MinimizeOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxEvals = opts.maxEvals ?? 200 * (n + 1);
  const tolF = opts.tolF ?? 1e-8;
  const tolX = opts.tolX ?? 1e-6;
  const steps = typeof opts.step === 'object' ? opts.step : new Array<number>(n).fill(opts.step ?? 0.5);
  const measure = opts.measure ?? ((x: readonly number[]) => x as number[]);
  let evals = 0;
  const F = (x: number[]): number => {
    evals++;
    return val(f(x));
  };
  if (n === 0) return { x: [], f: F([]), evals, converged: true };
  const [a, b, c, d] = [1, 1 + 2 / n, 0.75 - 1 / (2 * n), 1 - 1 / n];
  let best = { x: x0.slice(), f: F(x0.slice()) };
  let converged = false;
  for (let round = 0; round <= (opts.restarts ?? 2) && evals < maxEvals; round++) {
    const start = best.f;
    const xs: number[][] = [best.x.slice()];
    const fs: number[] = [best.f];
    for (let i = 0; i < n; i++) {
      const x = best.x.slice();
      x[i]! += steps[i] ?? 0.5;
      xs.push(x);
      fs.push(F(x));
    }
    converged = false;
    while (evals < maxEvals) {
      // order the vertices by value (stable: ties keep their order)
      const order = xs.map((_, i) => i).sort((i, j) => fs[i]! - fs[j]! || i - j);
      const sx = order.map((i) => xs[i]!);
      const sf = order.map((i) => fs[i]!);
      xs.splice(0, xs.length, ...sx);
      fs.splice(0, fs.length, ...sf);
      const m0 = measure(xs[0]!);
      const spreadX = Math.max(...xs.slice(1).map((x) => Math.max(...measure(x).map((v, k) => Math.abs(v - m0[k]!)))));
      if (fs[n]! - fs[0]! <= tolF * Math.max(1, Math.abs(fs[0]!)) && spreadX <= tolX) {
        converged = true;
        break;
      }
      const centroid = new Array<number>(n).fill(0);
      for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) centroid[k]! += xs[i]![k]! / n;
      const toward = (t: number): number[] => centroid.map((ck, k) => ck + t * (xs[n]![k]! - ck));
      const xr = toward(-a);
      const fr = F(xr);
      let accept: [number[], number] | undefined;
      if (fr < fs[0]!) {
        const xe = toward(-a * b);
        const fe = F(xe);
        accept = fe < fr ? [xe, fe] : [xr, fr];
      } else if (fr < fs[n - 1]!) accept = [xr, fr];
      else {
        const outside = fr < fs[n]!;
        const xc = toward(outside ? -a * c : c);
        const fc = F(xc);
        if (fc <= (outside ? fr : fs[n]!)) accept = [xc, fc];
      }
      if (accept) {
        xs[n] = accept[0];
        fs[n] = accept[1];
      } else {
        for (let i = 1; i <= n; i++) {
          xs[i] = xs[i]!.map((v, k) => xs[0]![k]! + d * (v - xs[0]![k]!));
          fs[i] = F(xs[i]!);
        }
      }
    }
    const i0 = fs.indexOf(Math.min(...fs));
    if (fs[i0]! < best.f) best = { x: xs[i0]!.slice(), f: fs[i0]! };
    if (round > 0 && !(start - best.f > tolF)) break;
  }
  return { x: best.x, f: best.f, evals, converged };
}

/** x in [lo, hi] from an unbounded z: lo + (hi − lo)·(1 + sin z)/2; lo = hi gives lo. */
export function fromUnbounded(z: number, lo: number, hi: number): number {
  return lo + ((hi - lo) * (1 + Math.sin(z))) / 2;
}

/** The z in [−π/2, π/2] with fromUnbounded(z) = x (x clamped to [lo, hi]). */
export function toUnbounded(x: number, lo: number, hi: number): number {
  const w = hi - lo;
  if (!(w > 0)) return 0;
  const t = Math.min(1, Math.max(0, (x - lo) / w));
  return Math.asin(2 * t - 1);
}

/**
Minimise `f` over the box [lo, hi] by Nelder–Mead on z with
x = lo + (hi − lo)·(1 + sin z)/2 (the transformation of D'Errico's
fminsearchbnd), so every point tried lies inside the bounds and a bound is
reached at a finite z. `step` is in z units (radians, default 0.5); `tolX` is
measured as a share of each range. A logistic (logit) transformation was tried
first and rejected: it flattens out toward the bounds, and a coordinate that an
expansion drags there stalls (Nelder–Mead sees no slope and calls it converged).
*/
export function minimizeBounded(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  lo: readonly number[],
  hi: readonly number[],
  opts: MinimizeOptions = {},
): MinimizeResult {
  const toX = (z: readonly number[]): number[] => z.map((v, i) => fromUnbounded(v, lo[i]!, hi[i]!));
  const z0 = x0.map((v, i) => toUnbounded(v, lo[i]!, hi[i]!));
  const share = (z: readonly number[]): number[] => z.map((v) => fromUnbounded(v, 0, 1));
  const r = nelderMead((z) => f(toX(z)), z0, { measure: share, ...opts });
  return { ...r, x: toX(r.x) };
}
