/** `dcplan tui` / `dcplan start` away from a terminal (vitest's stdin is not a TTY). */
import { describe, expect, it, vi } from 'vitest';
import { defaultScenario, tuiCommand } from '../../src/cli/commands/tui/index.js';
import { UserError } from '../../src/cli/exit.js';

describe('tui command without a terminal', () => {
  it('dcplan tui says to use dcplan run and exits 1', async () => {
    const err = await tuiCommand([], { fallbackToTable: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe(1);
    expect((err as UserError).lines).toEqual(['dcplan tui needs an interactive terminal; use "dcplan run <scenario>" for text output']);
  });

  // npm start's table without reported figures: test/cli/run.test.ts (`dcplan start` prints `dcplan run`'s table)

  it('npm start with reported figures puts them beside the table, checked against the result', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      out.push(String(s));
      return true;
    });
    try {
      await tuiCommand([], { fallbackToTable: true, observed: 'test/tui/fixtures/observed.yaml' });
    } finally {
      spy.mockRestore();
    }
    const text = out.join('');
    expect(text).toContain('Against what was reported (test/tui/fixtures/observed.yaml');
    expect(text).toMatch(/^ {2}2023 {4}Server capacity/m);
    expect(text).toMatch(/\d of 5 inside/);
  });

  it('a file of reported figures with problems is a UserError listing them (exit 1)', async () => {
    const err = await tuiCommand([], { fallbackToTable: true, observed: 'test/tui/fixtures/no-such-file.yaml' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe(1);
    expect((err as UserError).lines.join('\n')).toContain('no-such-file.yaml');
  });

  it('dcplan tui --observed still needs a terminal', async () => {
    const err = await tuiCommand([], { fallbackToTable: false, observed: 'test/tui/fixtures/observed.yaml' }).catch((e: unknown) => e);
    expect((err as UserError).lines).toEqual(['dcplan tui needs an interactive terminal; use "dcplan run <scenario>" for text output']);
  });

  it('finds the package’s plan scenario from anywhere below the package', () => {
    expect(defaultScenario()).toMatch(/scenarios[/\\]guian-plan\.yaml$/);
    expect(defaultScenario('/work/main/dist/chunks/tui-XYZ.js')).toMatch(/scenarios[/\\]guian-plan\.yaml$/);
  });
});
