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
  entryPoints: { cli: 'src/cli/main.ts', worker: 'src/engine/worker.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
