// What the bundle in dist/ is built from, as one hash (the bytes of src/, the build script, package.json,
// tsconfig.json and the installed packages' lock). scripts/build.mjs writes it to BUILD_STAMP; the test run
// (test/global-setup.ts) builds again only when the stamp is missing or differs, so a run after an edit
// never tests a stale bundle and a run without one does not pay the ~2 s build.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const BUILD_STAMP = 'dist/.build-inputs';

/** The files under `dir`, recursively, sorted, as paths joined to `dir`. */
export function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, f))
    .filter((p) => statSync(p).isFile())
    .sort();
}

/** Add each file's name and bytes to `hash` (a missing file by its name alone). */
export function hashFiles(hash, files) {
  for (const file of files) {
    hash.update(`${file}\0`);
    if (existsSync(file)) hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash;
}

export function buildInputs() {
  const files = [...filesUnder('src'), 'scripts/build.mjs', 'scripts/build-inputs.mjs', 'package.json', 'tsconfig.json', 'node_modules/.package-lock.json'];
  return hashFiles(createHash('sha256'), files).digest('hex');
}
