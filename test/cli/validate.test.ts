import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/cli/exit.js';
import { explainCommand } from '../../src/cli/commands/explain.js';
import { schemaCommand } from '../../src/cli/commands/schema.js';
import { validateCommand } from '../../src/cli/commands/validate.js';

const DIR = 'test/fixtures/scenario';

async function run(fn: (out: (l: string) => void) => Promise<void>): Promise<{ out: string[]; err?: UserError }> {
  const out: string[] = [];
  try {
    await fn((l) => out.push(l));
    return { out };
  } catch (e) {
    if (e instanceof UserError) return { out, err: e };
    throw e;
  }
}

describe('dcplan validate', () => {
  it('prints a summary per valid file', async () => {
    const r = await run((out) => validateCommand(['scenarios/guian-plan.yaml', `${DIR}/child.yaml`], out));
    expect(r.err).toBeUndefined();
    expect(r.out).toEqual([
      'ok  scenarios/guian-plan.yaml  2020–2030, 12 DCs, 26 phases, 809,000 racks, capex 46.1 bn CNY',
      'ok  test/fixtures/scenario/child.yaml  2020–2025, 3 DCs, 5 phases, 5,400 racks, capex 0.5 bn CNY',
    ]);
  });

  it('lists every problem of every failing file and exits 1', async () => {
    const r = await run((out) => validateCommand([`${DIR}/many-errors.yaml`, 'scenarios/guian-plan.yaml', `${DIR}/cycle-a.yaml`], out));
    expect(r.out).toHaveLength(1);
    expect(r.err?.code).toBe(1);
    expect(r.err?.lines).toHaveLength(8);
    expect(r.err?.lines[7]).toMatch(/extends cycle/);
    for (const l of r.err!.lines) expect(l).toMatch(/^\S+:\d+:\d+ {2}\S+ {2}.+/);
  });
});

describe('dcplan explain', () => {
  it('shows the value, the file that set it and the chain', async () => {
    const r = await run((out) => explainCommand(`${DIR}/grandchild.yaml`, 'construction.delayFactor', out));
    expect(r.out).toEqual([
      `construction.delayFactor = 1.5  (set in ${DIR}/child.yaml:4:16)`,
      '  resolved: 1.5',
      `  extends chain: ${DIR}/grandchild.yaml → ${DIR}/child.yaml → ${DIR}/base.yaml`,
      `  inherited from ${DIR}/child.yaml (not set in ${DIR}/grandchild.yaml)`,
    ]);
    const p = await run((out) => explainCommand('scenarios/guian-plan.yaml', 'energy.electricityPrice', out));
    expect(p.out[0]).toBe('energy.electricityPrice = 0.35 CNY/kWh  (set in scenarios/guian-plan.yaml:226:21)');
  });

  it('says when a child overrides a base value', async () => {
    const r = await run((out) => explainCommand(`${DIR}/grandchild.yaml`, 'energy.electricityPrice', out));
    expect(r.out.at(-1)).toBe(`  ${DIR}/grandchild.yaml overrides ${DIR}/base.yaml:21:21`);
  });

  it('rejects an unknown path with did-you-mean', async () => {
    const r = await run((out) => explainCommand('scenarios/guian-plan.yaml', 'energy.electricityPrise', out));
    expect(r.err?.code).toBe(1);
    expect(r.err?.lines[0]).toMatch(/did you mean "electricityPrice"/);
  });
});

describe('dcplan schema', () => {
  it('prints JSON Schema 2020-12', async () => {
    let text = '';
    await schemaCommand((t) => (text += t));
    const s = JSON.parse(text) as { $schema: string; properties: Record<string, unknown>; additionalProperties: boolean };
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(s.properties)).toContain('datacenters');
    expect(s.additionalProperties).toBe(false);
  });
});
