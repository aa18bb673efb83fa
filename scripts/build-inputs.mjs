// What the bundle in dist/ is built from, as one hash (the bytes of src/, the build script, package.json,
// tsconfig.json and the installed packages' lock). scripts/build.mjs writes it to BUILD_STAMP; the test run
// (test/global-setup.ts) builds again only when the stamp is missing or differs, so a run after an edit
// never tests a stale bundle and a run without one does not pay the ~2 s build.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const BUILD_STAMP = 'dist/.build-inputs';

export function buildInputs() {
  const h = createHash('sha256');
  const add = (file) => {
    h.update(`${file}\0`);
    if (existsSync(file)) h.update(readFileSync(file));
    h.update('\0');
  };
  const sources = readdirSync('src', { recursive: true })
    .map((f) => join('src', f))
    .filter((p) => statSync(p).isFile())
    .sort();
  for (const f of [...sources, 'scripts/build.mjs', 'scripts/build-inputs.mjs', 'package.json', 'tsconfig.json', 'node_modules/.package-lock.json']) add(f);
  return h.digest('hex');
}
