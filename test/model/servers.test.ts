import { describe, expect, it } from 'vitest';
import { keptShare, kwPerRack, rackBudgetPerServer } from '../../src/model/servers.js';
import type { ServerClass } from '../../src/scenario/types.js';

const general: ServerClass = { power: 0.35, rackShare: 0.2, compute: 2, price: 50_000, lifetime: 60, cards: 0 };
const ai: ServerClass = { power: 7.5, rackShare: 4, compute: 1760, price: 1.5e6, lifetime: 60, cards: 8 };

describe('servers', () => {
  it('mix: rack budget and kW per rack of new servers', () => {
    // 10 % AI by count: 0.9 × 0.2 + 0.1 × 4 = 0.58 racks per server
    expect(rackBudgetPerServer(0.1, general, ai)).toBeCloseTo(0.58, 12);
    // (0.9 × 0.35 + 0.1 × 7.5) / 0.58 = 1.065 / 0.58 = 1.83621 kW per rack
    expect(kwPerRack(0.1, general, ai)).toBeCloseTo(1.836207, 6);
  });

  it('servers leave with their tenants: the installed budget never exceeds the occupied racks', () => {
    expect(keptShare(120, 100)).toBeCloseTo(100 / 120, 12);
    expect(keptShare(80, 100)).toBe(1);
    expect(keptShare(50, 0)).toBe(0);
    expect(keptShare(0, 0)).toBe(1);
  });
});
