import { readdirSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.js';
import { fromPortable, toPortable } from '../../src/scenario/portable.js';
import { monteCarlo } from '../../src/engine/montecarlo.js';

const shipped = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));

describe('portable scenarios', () => {
  for (const file of shipped) {
    const scenario = loadScenario(`scenarios/${file}`);
    const portable = toPortable(scenario);
    if (file === 'ai-boom.yaml') {
      it(`${file}: no portable form, since a formula that reads a parameter mixes units into arithmetic`, () => {
        expect(scenario.formulas.some((f) => f.params.length > 0 && !f.numeric)).toBe(true);
        expect(portable).toBeUndefined();
      });
      continue;
    }
    it(`${file}: survives serialization and simulates to the same bytes, Monte Carlo included`, () => {
      expect(portable).toBeDefined();
      const back = fromPortable(deserialize(serialize(portable)) as NonNullable<typeof portable>);
      expect(Object.keys(back)).toEqual(Object.keys(scenario));
      const a = monteCarlo(scenario, { runs: 40, seed: 3 });
      const b = monteCarlo(back, { runs: 40, seed: 3 });
      expect(Buffer.from(b.perRun.buffer).equals(Buffer.from(a.perRun.buffer))).toBe(true);
      expect(b.central.detail?.events).toEqual(a.central.detail?.events);
      expect(b.central.detail?.events.length).toBeGreaterThan(0);
      for (let i = 0; i < scenario.formulas.length; i++) {
        const p = { ...scenario.parameters };
        for (const k of Object.keys(p)) p[k] = p[k]! * 1.1;
        expect(back.formulas[i]!.evaluate(2027, p)).toBe(scenario.formulas[i]!.evaluate(2027, p));
      }
    });
  }

  it('refuses a portable form of another format', () => {
    const p = toPortable(loadScenario('scenarios/guian-plan.yaml'))!;
    expect(() => fromPortable({ ...p, format: 99 as 1 })).toThrow(/format 99/);
  });
});
