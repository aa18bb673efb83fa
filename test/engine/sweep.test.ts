/**
Sweep grids (src/engine/sweep.ts): evenly spaced axis values with clean
decimals, and the cartesian product in nested-loop order.
*/
import { describe, expect, it } from 'vitest';
import { axisValues, gridPoints, gridSize } from '../../src/engine/sweep.js';

describe('axisValues', () => {
  it('spaces values evenly from `from` to `to` inclusive', () => {
    expect(axisValues({ path: 'x', from: 0, to: 1, steps: 5 })).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(axisValues({ path: 'x', from: 20, to: 100, steps: 5 })).toEqual([20, 40, 60, 80, 100]);
    expect(axisValues({ path: 'x', from: 1, to: -1, steps: 3 })).toEqual([1, 0, -1]);
  });

  it('prints decimals as written, without floating-point noise', () => {
    expect(axisValues({ path: 'x', from: 0.1, to: 0.3, steps: 3 })).toEqual([0.1, 0.2, 0.3]);
    expect(axisValues({ path: 'x', from: 0.25, to: 0.45, steps: 3 }).map(String)).toEqual(['0.25', '0.35', '0.45']);
  });

  it('one step is the start value; fewer is an error', () => {
    expect(axisValues({ path: 'x', from: 3, to: 3, steps: 1 })).toEqual([3]);
    expect(() => axisValues({ path: 'x', from: 0, to: 1, steps: 0 })).toThrow(RangeError);
    expect(() => axisValues({ path: 'x', from: 0, to: 1, steps: 2.5 })).toThrow(RangeError);
  });
});

describe('gridPoints', () => {
  it('is the cartesian product, first axis slowest', () => {
    const axes = [
      { path: 'a', from: 1, to: 2, steps: 2 },
      { path: 'b', from: 0, to: 1, steps: 3 },
    ];
    expect(gridSize(axes)).toBe(6);
    expect(gridPoints(axes)).toEqual([
      [1, 0], [1, 0.5], [1, 1],
      [2, 0], [2, 0.5], [2, 1],
    ]);
  });

  it('of one axis is its values; of none, one empty point', () => {
    expect(gridPoints([{ path: 'a', from: 0, to: 2, steps: 3 }])).toEqual([[0], [1], [2]]);
    expect(gridPoints([])).toEqual([[]]);
    expect(gridSize([])).toBe(1);
  });
});
