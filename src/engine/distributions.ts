/**
Sampling the distributions a scenario binds to its parameters. Each draw uses
inverse-CDF transforms where they exist, so a zero-width distribution returns its
point value exactly, and a sample uses a fixed number of uniforms except for PERT
(a Beta, drawn by Marsaglia–Tsang gamma variates from the variable's own stream).

Also here: every distribution's exact quantile function (`quantileOf`, used by
sensitivity percentiles and by correlated draws), an accurate standard normal
CDF and quantile, and the Cholesky factor behind the Gaussian copula that
correlates draws (src/engine/sample.ts).
*/
import { gammaln, probit } from 'simple-statistics';
import type { DistributionSpec } from '../scenario/types.js';
import type { Stream } from './rng.js';

export function sample(dist: DistributionSpec, rng: Stream): number {
  switch (dist.type) {
    case 'uniform':
      return dist.min + (dist.max - dist.min) * rng.next();
    case 'normal':
      return dist.sd === 0 ? dist.mean : dist.mean + dist.sd * probit(rng.next());
    case 'lognormal':
      return dist.sigma === 0 ? Math.exp(dist.mu) : Math.exp(dist.mu + dist.sigma * probit(rng.next()));
    case 'triangular':
      return triangular(dist.min, dist.mode, dist.max, rng.next());
    case 'pert':
      return pert(dist.min, dist.mode, dist.max, rng);
    case 'discrete':
      return discrete(dist.values, dist.weights, rng.next());
  }
}

/** Inverse CDF of the triangular distribution. */
export function triangular(min: number, mode: number, max: number, u: number): number {
  const w = max - min;
  if (w <= 0) return min;
  const f = (mode - min) / w;
  return u < f ? min + Math.sqrt(u * w * (mode - min)) : max - Math.sqrt((1 - u) * w * (max - mode));
}

/** PERT: min + (max − min)·Beta(α, β), α = 1 + 4(mode − min)/(max − min), β = 1 + 4(max − mode)/(max − min). */
export function pert(min: number, mode: number, max: number, rng: Stream): number {
  const w = max - min;
  if (w <= 0) return min;
  const a = 1 + (4 * (mode - min)) / w;
  const b = 1 + (4 * (max - mode)) / w;
  const x = gamma(a, rng);
  const y = gamma(b, rng);
  return min + (w * x) / (x + y);
}

/** Marsaglia–Tsang (2000) gamma variate, shape ≥ 1 (PERT shapes are always ≥ 1). */
function gamma(shape: number, rng: Stream): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = probit(rng.next());
    const v0 = 1 + c * z;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = rng.next();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function discrete(values: number[], weights: number[], u: number): number {
  let total = 0;
  for (const w of weights) total += w;
  let acc = 0;
  for (let i = 0; i < values.length; i++) {
    acc += weights[i]! / total;
    if (u < acc) return values[i]!;
  }
  return values[values.length - 1]!;
}

/**
The `p`-quantile (0 < p < 1) of a distribution: inverse CDFs for uniform, normal,
lognormal and triangular (normal and lognormal through the same `probit` the
sampler uses), numeric inversion of the regularized incomplete beta for PERT,
the weighted quantile (in value order) for discrete values.

@example
quantileOf({type: 'uniform', min: 10, max: 20}, 0.9); // => 19
*/
export function quantileOf(dist: DistributionSpec, p: number): number {
  switch (dist.type) {
    case 'uniform':
      return dist.min + (dist.max - dist.min) * p;
    case 'normal':
      return dist.sd === 0 ? dist.mean : dist.mean + dist.sd * probit(p);
    case 'lognormal':
      return dist.sigma === 0 ? Math.exp(dist.mu) : Math.exp(dist.mu + dist.sigma * probit(p));
    case 'triangular':
      return triangular(dist.min, dist.mode, dist.max, p);
    case 'pert': {
      const w = dist.max - dist.min;
      if (w <= 0) return dist.min;
      const a = 1 + (4 * (dist.mode - dist.min)) / w;
      const b = 1 + (4 * (dist.max - dist.mode)) / w;
      return dist.min + w * betaQuantile(p, a, b);
    }
    case 'discrete': {
      const pairs = dist.values.map((v, i) => ({ v, w: dist.weights[i] ?? 0 })).sort((x, y) => x.v - y.v);
      const total = pairs.reduce((s, x) => s + x.w, 0);
      let acc = 0;
      for (const { v, w } of pairs) {
        acc += w / total;
        if (acc >= p - 1e-12) return v;
      }
      return pairs[pairs.length - 1]!.v;
    }
  }
}

/**
Regularized incomplete beta I_x(a, b), by the continued fraction of Numerical
Recipes (Press et al., 3rd ed., §6.4) with the modified Lentz method.
*/
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  // the fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const lnFront = gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log(1 - x);
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return (Math.exp(lnFront) * h) / a;
}

/** The p-quantile of Beta(a, b), by bisection on `incompleteBeta` (to ~1e-15). */
export function betaQuantile(p: number, a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (incompleteBeta(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

// --- the Gaussian copula -------------------------------------------------------

/**
Standard normal CDF Φ(x), to about 1e-15 absolute: Hart's (1968) rational
approximation as given by West, "Better approximations to cumulative normal
functions" (Wilmott, 2005), with a continued fraction in the far tail.
*/
export function normalCdf(x: number): number {
  const z = Math.abs(x);
  let c: number;
  if (z > 37) c = 0;
  else {
    const e = Math.exp((-z * z) / 2);
    if (z < 7.07106781186547) {
      let n = 3.52624965998911e-2 * z + 0.700383064443688;
      n = n * z + 6.37396220353165;
      n = n * z + 33.912866078383;
      n = n * z + 112.079291497871;
      n = n * z + 221.213596169931;
      n = n * z + 220.206867912376;
      let d = 8.83883476483184e-2 * z + 1.75566716318264;
      d = d * z + 16.064177579207;
      d = d * z + 86.7807322029461;
      d = d * z + 296.564248779674;
      d = d * z + 637.333633378831;
      d = d * z + 793.826512519948;
      d = d * z + 440.413735824752;
      c = (e * n) / d;
    } else {
      let b = z + 0.65;
      b = z + 4 / b;
      b = z + 3 / b;
      b = z + 2 / b;
      b = z + 1 / b;
      c = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - c : c;
}

const AS241_A = [3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987, 67265.7709270087, 33430.57558358813, 2509.0809287301227];
const AS241_B = [1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271, 28729.085735721943, 5226.495278852854];
const AS241_C = [1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684, 0.2417807251774506, 0.022723844989269184, 0.0007745450142783414];
const AS241_D = [1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9];
const AS241_E = [6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124, 0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7];
const AS241_F = [1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133, 0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15];

function poly(c: readonly number[], x: number): number {
  let v = 0;
  for (let i = c.length - 1; i >= 0; i--) v = v * x + c[i]!;
  return v;
}

/**
Standard normal quantile Φ⁻¹(p), 0 < p < 1, to about 1e-16 relative: Wichura's
algorithm AS 241 (PPND16, Applied Statistics 37, 1988). Unlike simple-statistics'
`probit` (an approximation good to ~1e-3), it round-trips with `normalCdf`, so the
copula leaves each entry's marginal distribution as it is.
*/
export function normalQuantile(p: number): number {
  if (!(p > 0)) return -Infinity;
  if (!(p < 1)) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(AS241_A, r)) / poly(AS241_B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = poly(AS241_C, r) / poly(AS241_D, r);
  } else {
    r -= 5;
    x = poly(AS241_E, r) / poly(AS241_F, r);
  }
  return q < 0 ? -x : x;
}

/**
The Pearson correlation of a bivariate normal whose Spearman rank correlation is
`rhoS`: r = 2·sin(π·ρs/6) (Pearson 1907). A Gaussian copula built on r has rank
correlation ρs between its margins, whatever their distributions.
*/
export function spearmanToPearson(rhoS: number): number {
  return 2 * Math.sin((Math.PI * rhoS) / 6);
}

export { cholesky } from '../scenario/cholesky.js';
