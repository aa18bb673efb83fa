import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/cli/exit.js';
import { explainCommand } from '../../src/cli/commands/explain/index.js';
import { schemaCommand } from '../../src/cli/commands/schema/index.js';
import { validateCommand } from '../../src/cli/commands/validate/index.js';
import { dcplan } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

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

describe('dcplan validate: the issue\'s cases', () => {
  const emptyDir = tempDir('validate');

  it('blames a child value outside its range on the child line', async () => {
    const r = await run((out) => validateCommand([`${DIR}/plan-negative-growth.yaml`], out));
    expect(r.err?.lines).toEqual([
      `${DIR}/plan-negative-growth.yaml:4:17  parameters.demandGrowth  demandGrowth must be between -0.1 and 1 (the range set in scenarios/guian-plan.yaml:22:37), got -1.5`,
    ]);
  });

  it('rejects a plain number for money', async () => {
    const r = await run((out) => validateCommand([`${DIR}/plain-money.yaml`], out));
    expect(r.err?.lines).toEqual([`${DIR}/plain-money.yaml:2:21  investment.total  55 is a plain number: give a unit, e.g. "55 billion CNY"`]);
  });

  it('validates every scenario file of a directory (not its subdirectories or other files), exit 1 if any is broken', async () => {
    const r = await run((out) => validateCommand(['test/fixtures/validate'], out));
    expect(r.out).toEqual([
      'ok  test/fixtures/validate/good.json  2020–2024, 0 DCs, 0 phases, 0 racks, capex 0.0 bn CNY',
      'ok  test/fixtures/validate/good.yaml  2020–2024, 1 DC, 1 phase, 1,000 racks, capex 0.1 bn CNY',
    ]);
    expect(r.err?.code).toBe(1);
    expect(r.err?.lines).toEqual([
      'test/fixtures/validate/late-phase.yml:7:44  datacenters.a.phases.p1.start  starts 2032-01, after the horizon ends (2030)',
      'test/fixtures/validate/trailing-comma.json:3:44  (top)  JSON syntax: trailing comma before "}" (not allowed in JSON)',
    ]);
  });

  it('a directory without scenario files is a usage error; files and directories mix, duplicates once', async () => {
    const empty = emptyDir;
    expect((await run((out) => validateCommand([empty], out))).err?.code).toBe(2);
    const r = await run((out) => validateCommand(['test/fixtures/validate/good.yaml', 'test/fixtures/validate/'], out));
    expect(r.out.filter((l) => l.includes('good.yaml'))).toHaveLength(1);
  });

  it('end to end: validate DIR prints located lines, no stack trace, and exits 1; the shipped scenarios pass', async () => {
    const bad = await dcplan('validate', 'test/fixtures/validate');
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(2);
    expect(bad.stderr).not.toMatch(/\bat .*\.js:\d+/);
    const ok = await dcplan('validate', 'scenarios/');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(9);
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
    // the line of `energy:`'s electricityPrice in the file, wherever edits move it
    const lines = readFileSync('scenarios/guian-plan.yaml', 'utf8').split('\n');
    const line = lines.findIndex((l, i) => l.startsWith('  electricityPrice: 0.35') && lines.slice(0, i).some((x) => x.startsWith('energy:'))) + 1;
    expect(p.out[0]).toBe(`energy.electricityPrice = 0.35 CNY/kWh  (set in scenarios/guian-plan.yaml:${line}:21)`);
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

describe('dcplan validate summary', () => {
  it('counts only what is planned to be built: cancelled phases are named apart', async () => {
    const lines: string[] = [];
    await validateCommand(['scenarios/guian-actual.yaml'], (l) => lines.push(l));
    expect(lines[0]).toMatch(/, 19 phases \(\+12 cancelled\), 169,748 racks,/);
  });
});
