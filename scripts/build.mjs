// Bundles the CLI (and the Monte Carlo worker) into single ESM files with esbuild.
// Why: unbundled, mathjs alone takes ~1.3 s to import on Node 20; bundled the whole
// CLI starts in ~0.3 s (docs/architecture.md §3.5).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Node 20 has RegExp's v flag; esbuild does not know it for node20 and would turn string-width's
  // /\p{RGI_Emoji}/v literals into `new RegExp(…)`, compiled eagerly at load (~20 ms on every start)
  supported: { 'regexp-set-notation': true },
  sourcemap: 'linked',
  logLevel: 'warning',
  // CJS dependencies inside an ESM bundle need a real `require`.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  // react-devtools-core is an optional peer of Ink, loaded only when DEV=true.
  external: ['react-devtools-core', 'piscina'],
  jsx: 'automatic',
  // React's production build: the development one is slower and warns on the terminal
  define: { 'process.env.NODE_ENV': '"production"' },
};

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
