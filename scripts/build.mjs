// Bundles the CLI (and the Monte Carlo worker) into single ESM files with esbuild.
// Why: unbundled, mathjs alone takes ~1.3 s to import on Node 20; bundled the whole
// CLI starts in ~0.3 s (docs/architecture.md §3.5).
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { BUILD_STAMP, buildInputs, filesUnder, hashFiles } from './build-inputs.mjs';

// The scenario cache's build id (src/scenario/cache.ts): a hash of the loader's sources and of the
// libraries it uses, so a bundle with another loader never reads an entry this one wrote.
function scenarioBuildId() {
  const h = hashFiles(createHash('sha256').update('bundle\0'), filesUnder('src/scenario').filter((f) => f.endsWith('.ts')));
  for (const lib of ['mathjs', 'yaml', 'zod']) h.update(`${lib}@${JSON.parse(readFileSync(`node_modules/${lib}/package.json`, 'utf8')).version}\0`);
  return h.digest('hex');
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // esbuild does not know Node 20 has RegExp's v flag, so it writes string-width's /\p{RGI_Emoji}/v
  // literals as `new RegExp(…, 'v')`. Keep it so: V8 checks a regex literal's syntax when it compiles the
  // file, which for \p{RGI_Emoji} takes ~15 ms, paid by every start whose chunk holds the literal even if
  // never run; `new RegExp` is paid only when string-width first runs (src/report/width.ts loads it lazily).
  sourcemap: 'linked',
  logLevel: 'warning',
  // CJS dependencies inside an ESM bundle need a real `require`.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  // react-devtools-core is an optional peer of Ink, loaded only when DEV=true.
  external: ['react-devtools-core', 'piscina'],
  jsx: 'automatic',
  // React's production build: the development one is slower and warns on the terminal
  define: { 'process.env.NODE_ENV': '"production"', __DCPLAN_SCENARIO_BUILD__: JSON.stringify(scenarioBuildId()) },
};

// the inputs as they are when the build starts: an edit during it makes the next test run build again
const inputs = buildInputs();
// start clean: chunk names carry content hashes, so old chunks would pile up
rmSync('dist', { recursive: true, force: true });

await build({
  ...common,
  // index: the library entry package.json `exports` names (src/index.ts)
  entryPoints: { cli: 'src/cli/main.ts', worker: 'src/engine/worker.ts', index: 'src/index.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
writeFileSync(BUILD_STAMP, inputs);

// The library's type declarations (dist/types, package.json `exports` → types): tsc takes
// several seconds, so the test run's rebuild (test/global-setup.ts) skips them with
// DCPLAN_BUILD_TYPES=0; `npm ci` (prepare) and `npm run build` write them.
if (process.env.DCPLAN_BUILD_TYPES !== '0') {
  const { execFileSync } = await import('node:child_process');
  const { createRequire } = await import('node:module');
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    // without devDependencies (npm ci --omit=dev, the Docker image) there is no tsc: the CLI needs no types
    console.warn('build: typescript is not installed, so the library types (dist/types) are not written');
  }
  if (tsc) execFileSync(process.execPath, [tsc, '-p', 'tsconfig.lib.json'], { stdio: 'inherit' });
}
