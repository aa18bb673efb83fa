/**
Sampling the distributions a scenario binds to its parameters. Each draw uses
inverse-CDF transforms where they exist, so a zero-width distribution returns its
point value exactly, and a sample uses a fixed number of uniforms except for PERT
(a Beta, drawn by Marsaglia–Tsang gamma variates from the variable's own stream).
*/
import { probit } from 'simple-statistics';
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
