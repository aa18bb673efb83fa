/**
Temporary directories for tests, removed when the test file ends: a test run
leaves nothing behind in the system's temp directory (global-setup.ts checks).
*/
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A fresh `dcplan-<prefix>…` directory under the temp dir, deleted after this file's tests. Call it at the top level of a test file (or in a describe), not inside a test. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `dcplan-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
