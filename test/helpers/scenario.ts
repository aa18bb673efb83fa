import { expect } from 'vitest';
import { loadScenarioText, ScenarioError, type Override, type Problem } from '../../src/scenario/index.js';

/** Problems thrown when loading `text`; fails the test if it loads. */
export function problemsOf(text: string, overrides?: Override[], file = 'test.yaml'): Problem[] {
  try {
    loadScenarioText(text, file, overrides);
  } catch (err) {
    if (err instanceof ScenarioError) return err.problems;
    throw err;
  }
  expect.fail('expected a ScenarioError');
}

/** Problems thrown by `fn`. */
export function problemsFrom(fn: () => unknown): Problem[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScenarioError) return err.problems;
    throw err;
  }
  expect.fail('expected a ScenarioError');
}

/** A minimal valid scenario; `extra` is appended (later keys override via YAML? no: give whole sections). */
export const MINIMAL = `name: Minimal
horizon: { start: 2020, end: 2024 }
datacenters:
  - id: a
    pue: 1.3
    phases:
      - { id: p1, size: 1000 racks, start: 2020-03, build: 12 months }
`;
