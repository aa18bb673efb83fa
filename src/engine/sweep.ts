/**
Parameter sweeps (`dcplan sweep`): a grid of values for one or more
scenario paths, the cartesian product of evenly spaced values along each axis.
Points are numbered with the first axis varying slowest, as nested loops in the
order the axes were given. Each point is then an ordinary scenario (the base
with one override per axis), run with the same seed, so points differ only by
the swept values (common random numbers).
*/

export interface Axis {
  /** Lever id or dotted scenario path. */
  path: string;
  from: number;
  to: number;
  /** Number of values, ≥ 1 (1 = `from` only). */
  steps: number;
}

/** Largest grid a sweep accepts. */
export const MAX_GRID_POINTS = 100_000;

/**
The values along one axis: `steps` evenly spaced values from `from` to `to`
inclusive, rounded to 12 significant digits so that 0.1 + 0.2 prints as 0.3.

@example
axisValues({path: 'x', from: 0, to: 1, steps: 5}); // => [0, 0.25, 0.5, 0.75, 1]
*/
export function axisValues(axis: Axis): number[] {
  const { from, to, steps } = axis;
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be a whole number ≥ 1, got ${steps}`);
  if (steps === 1) return [from];
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    const v = i === steps - 1 ? to : from + ((to - from) * i) / (steps - 1);
    out.push(v === 0 ? 0 : Number(v.toPrecision(12)));
  }
  return out;
}

/** Number of points in the grid of `axes`. */
export function gridSize(axes: readonly Axis[]): number {
  return axes.reduce((n, a) => n * a.steps, 1);
}

/**
Every point of the grid, as one value per axis, first axis slowest.

@example
gridPoints([{path: 'a', from: 1, to: 2, steps: 2}, {path: 'b', from: 0, to: 1, steps: 2}]);
// => [[1, 0], [1, 1], [2, 0], [2, 1]]
*/
export function gridPoints(axes: readonly Axis[]): number[][] {
  const values = axes.map(axisValues);
  let points: number[][] = [[]];
  for (const vs of values) {
    const next: number[][] = [];
    for (const p of points) for (const v of vs) next.push([...p, v]);
    points = next;
  }
  return points;
}
