import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.js';
import { MINIMAL, problemsFrom, problemsOf } from '../helpers/scenario.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('hostile');
const write = (name: string, data: string | Buffer) => {
  const f = join(dir, name);
  writeFileSync(f, data);
  return f;
};

// No clock here: each input is refused by a limit (aliases, nesting, size, list lengths) before the
// work grows with it, which the messages below name; the test timeout catches a limit that is gone.
describe('hostile input is rejected by a limit, not by running out of time', () => {
  it('alias bomb', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(', ')}]`);
    const p = problemsOf(lines.join('\n'));
    expect(p[0]!.message).toMatch(/aliases|too large/);
    expect(p[0]!.line).toBeGreaterThanOrEqual(1);
  });

  it('deep nesting', () => {
    const flow = 'x: ' + '['.repeat(10000) + ']'.repeat(10000);
    const p = problemsOf(flow);
    expect(p[0]!.message).toMatch(/nesting|deep/);
    const block = Array.from({ length: 100 }, (_, i) => ' '.repeat(i) + `k${i}:`).join('\n') + ' 1';
    expect(problemsOf(block)[0]!.message).toMatch(/nesting deeper than 64/);
  });

  it('10,000 phases', () => {
    const phases = Array.from({ length: 10000 }, (_, i) => `      - { id: p${i}, size: 10 racks, start: 2021-01, build: 6 months }`).join('\n');
    const p = problemsOf(MINIMAL + phases + '\n');
    expect(p[0]!.message).toBe('the list has 10001 items; at most 500 are allowed');
    expect(p[0]!.line).toBe(7);
  });

  it('more than 2,000 phases in all', () => {
    const dcs = Array.from({ length: 5 }, (_, d) => `  - id: d${d}\n    pue: 1.2\n    phases:\n` + Array.from({ length: 450 }, (_, i) => `      - { id: p${i}, size: 10, start: 2021, build: 6 }`).join('\n')).join('\n');
    const p = problemsOf('datacenters:\n' + dcs + '\n');
    expect(p[0]!.message).toBe('2250 phases in all; at most 2000 are allowed');
  });

  it('binary garbage and non-UTF-8 text', () => {
    const bin = write('bin.yaml', Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x0a, 0x00, 0xff, 0x13]));
    const p = problemsFrom(() => loadScenario(bin));
    expect(p[0]).toMatchObject({ file: bin, line: 2, col: 1 });
    expect(p[0]!.message).toMatch(/binary/);
    const latin1 = write('latin1.yaml', Buffer.from('name: caf\xe9\n', 'latin1'));
    expect(problemsFrom(() => loadScenario(latin1))[0]).toMatchObject({ line: 1, col: 10, message: 'the file is not valid UTF-8 text' });
  });

  it('huge file', () => {
    const big = write('big.yaml', 'description: "' + 'x'.repeat(6 * 1024 * 1024) + '"\n');
    const p = problemsFrom(() => loadScenario(big));
    expect(p[0]!.message).toMatch(/limited to 5 MB/);
  });

  it('odd documents', () => {
    expect(problemsOf('')[0]!.message).toMatch(/empty/);
    expect(problemsOf('- a\n- b\n')[0]!.message).toMatch(/top level must be a mapping/);
    expect(problemsOf('42')[0]!.message).toMatch(/top level must be a mapping/);
    expect(problemsOf('a: 1\n---\nb: 2\n')[0]!.message).toMatch(/YAML syntax/);
    expect(problemsOf('? [a]\n: 1\n')[0]!.message).toMatch(/keys must be plain/);
    expect(problemsOf('__proto__: { polluted: 1 }\nconstructor: 1\n').map((x) => x.message)).toEqual(['unknown key "__proto__"', 'unknown key "constructor" (did you mean "construction"?)']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(problemsOf('horizon: { start: .nan, end: .inf }\n').length).toBeGreaterThan(0);
    expect(problemsOf(MINIMAL + 'localDemand: "10 ^ 10 ^ 10"\n')[0]!.message).toMatch(/Infinity|finite/);
  });
});
