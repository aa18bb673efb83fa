/** `dcplan tui` / `dcplan start` away from a terminal (vitest's stdin is not a TTY). */
import { describe, expect, it, vi } from 'vitest';
import { defaultScenario, tuiCommand } from '../../src/cli/commands/tui.js';
import { UserError } from '../../src/cli/exit.js';

describe('tui command without a terminal', () => {
  it('dcplan tui says to use dcplan run and exits 1', async () => {
    const err = await tuiCommand([], { fallbackToTable: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe(1);
    expect((err as UserError).lines).toEqual(['dcplan tui needs an interactive terminal; use "dcplan run <scenario>" for text output']);
  });

  it('npm start prints the plan’s yearly table instead', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      out.push(String(s));
      return true;
    });
    try {
      await tuiCommand([], { fallbackToTable: true });
    } finally {
      spy.mockRestore();
    }
    const text = out.join('');
    expect(text).toContain("Gui'an plan as announced (2020)");
    expect(text).toMatch(/^2025 /m);
  });

  it('finds the package’s plan scenario from anywhere below the package', () => {
    expect(defaultScenario()).toMatch(/scenarios[/\\]guian-plan\.yaml$/);
    expect(defaultScenario('/work/main/dist/chunks/tui-XYZ.js')).toMatch(/scenarios[/\\]guian-plan\.yaml$/);
  });
});
