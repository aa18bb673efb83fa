/**
The Cholesky factor of a correlation matrix: the loader uses it to check that a
scenario's correlations can hold together (positive definite), the sampler to
correlate draws (src/engine/sample.ts). One function, so the check and the
sampling agree on what is positive definite.
*/

/**
Lower-triangular Cholesky factor L (row-major, n × n) of the symmetric matrix
`m` (row-major), with m = L·Lᵀ; undefined when `m` is not positive definite.
*/
export function cholesky(m: ArrayLike<number>, n: number): Float64Array | undefined {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(s > 1e-10)) return undefined;
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j]!;
    }
  }
  return l;
}
