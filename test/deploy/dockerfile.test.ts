/**
deploy/Dockerfile, checked without Docker (the image is not built here; see
deploy/README.md): multi-stage on Node 20 slim, the runtime stage gets
`npm ci --omit=dev`'s node_modules and the built bundle only, runs as a numeric
non-root user with `dcplan` as its entrypoint, and holds the scenarios. Every
file it copies from the build context exists and passes its .dockerignore; the
bundle imports no package that is not a runtime dependency; and the CLI runs
from a directory holding only what the runtime stage copies (no src/).
*/
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/slurm.js';
import { copies, execForm, ignorePatterns, included, last, parseDockerfile, type Stage } from './dockerfile.js';

const FILE = join(ROOT, 'deploy', 'Dockerfile');
const df = parseDockerfile(FILE);
const final = df.stages.at(-1)!;
const stage = (name: string): Stage | undefined => df.stages.find((s) => s.name === name);
const runs = (s: Stage): string[] => s.instructions.filter((i) => i.cmd === 'RUN').map((i) => i.args);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

describe('deploy/Dockerfile', () => {
  it('is multi-stage, every stage on Node 20 slim', () => {
    expect(df.stages.length).toBeGreaterThanOrEqual(2);
    for (const s of df.stages) expect(s.from, `stage ${s.name ?? '(final)'}`).toMatch(/^node:20(\.\d+){0,2}(-bookworm)?-slim$/);
    // every stage named in a COPY --from exists and comes earlier
    for (const [i, s] of df.stages.entries()) {
      for (const c of copies(s).filter((c) => c.from)) {
        const j = df.stages.findIndex((t) => t.name === c.from);
        expect(j, `line ${c.line}: COPY --from=${c.from}`).toBeGreaterThanOrEqual(0);
        expect(j).toBeLessThan(i);
      }
    }
  });

  it('the image gets node_modules from `npm ci --omit=dev` and the built bundle, not the sources', () => {
    const fromStage = (dest: string): Stage => {
      const c = copies(final).find((c) => c.dest.replace(/\/$/, '') === dest && c.from);
      expect(c, `the final stage copies ${dest} from another stage`).toBeDefined();
      return stage(c!.from!)!;
    };
    const deps = fromStage('node_modules');
    expect(runs(deps).some((r) => /\bnpm ci\b.*--omit=dev/.test(r)), `stage ${deps.name} runs npm ci --omit=dev`).toBe(true);
    expect(runs(deps).some((r) => /\bnpm (ci|install)\b(?!.*--omit=dev)/.test(r)), 'no dev dependencies installed there').toBe(false);
    const build = fromStage('dist');
    expect(runs(build).some((r) => /node scripts\/build\.mjs|npm run build/.test(r)), `stage ${build.name} builds the bundle`).toBe(true);
    // the image itself installs nothing and copies no sources, no node_modules or dist/ from the context
    expect(runs(final).some((r) => /\bnpm\b/.test(r))).toBe(false);
    const fromContext = copies(final).filter((c) => !c.from).flatMap((c) => c.sources);
    expect(fromContext.sort()).toEqual(['bin', 'data', 'lessons', 'package.json', 'scenarios']);
  });

  it('runs as a numeric non-root user, with dcplan as the entrypoint, in /opt/dcplan', () => {
    const user = last(final, 'USER');
    expect(user).toMatch(/^\d+(:\d+)?$/); // numeric: Kubernetes' runAsNonRoot can check it
    expect(Number(user!.split(':')[0])).toBeGreaterThan(0);
    expect(runs(final).join('\n')).toMatch(new RegExp(`useradd\\b.*--uid ${user!.split(':')[0]}\\b`));
    expect(last(final, 'WORKDIR')).toBe('/opt/dcplan');
    expect(execForm(final, 'ENTRYPOINT')).toEqual(['dcplan']);
    // `dcplan` on the PATH runs the bundled CLI of the WORKDIR
    expect(runs(final).join('\n')).toContain(`exec node /opt/dcplan/bin/dcplan.js "$@"`);
    expect(runs(final).join('\n')).toMatch(/> \/usr\/local\/bin\/dcplan\b/);
  });

  it('copies files that exist and that its .dockerignore lets through', () => {
    const patterns = ignorePatterns(join(ROOT, 'deploy', 'Dockerfile.dockerignore'));
    const sources = df.stages.flatMap((s) => copies(s).filter((c) => !c.from).flatMap((c) => c.sources.map((src) => ({ src, line: c.line }))));
    expect(sources.length).toBeGreaterThan(0);
    for (const { src, line } of sources) {
      expect(existsSync(join(ROOT, src)), `line ${line}: ${src} exists`).toBe(true);
      expect(included(src, patterns), `line ${line}: ${src} is not excluded by Dockerfile.dockerignore`).toBe(true);
    }
    // and what must stay out does
    for (const p of ['node_modules/piscina/package.json', 'dist/cli.js', '.git/HEAD', 'results/manifest.json', 'test/index.test.ts']) {
      expect(included(p, patterns), p).toBe(false);
    }
    expect(included('scenarios/guian-plan.yaml', patterns)).toBe(true);
    expect(included('scenarios', patterns)).toBe(true);
  });

  it('the build stage holds every file the build script imports', () => {
    const build = df.stages.find((s) => runs(s).some((r) => /node scripts\/build\.mjs/.test(r)))!;
    const copied = copies(build).filter((c) => !c.from).flatMap((c) => c.sources);
    const imports = [...readFileSync(join(ROOT, 'scripts/build.mjs'), 'utf8').matchAll(/from '(\.\/[^']+)'/g)].map((m) => join('scripts', m[1]!));
    expect(imports.length).toBeGreaterThan(0);
    for (const f of imports) expect(copied, `the build stage copies ${f}`).toContain(f);
  });

  it('the bundle imports only Node built-ins and runtime dependencies', () => {
    const files = ['cli.js', 'worker.js', ...readdirSync(join(ROOT, 'dist', 'chunks')).map((f) => `chunks/${f}`)].filter((f) => f.endsWith('.js'));
    const bare = new Set<string>();
    for (const f of files) {
      const text = readFileSync(join(ROOT, 'dist', f), 'utf8');
      for (const m of text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)";|^import\s*"([^"]+)";/gms)) {
        const spec = (m[1] ?? m[2])!;
        if (!spec.startsWith('.')) bare.add(spec);
      }
    }
    const builtin = new Set(builtinModules);
    const packages = [...bare].filter((s) => !s.startsWith('node:') && !builtin.has(s));
    // react-devtools-core: an optional peer of Ink, loaded only with DEV=true (scripts/build.mjs)
    for (const p of packages.filter((p) => p !== 'react-devtools-core')) expect(Object.keys(pkg.dependencies), `dist imports ${p}`).toContain(p);
    expect(packages).toContain('piscina');
  });

  it('the CLI runs from only what the image copies (the bundle, bin/, package.json, scenarios/, lessons/, data/)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dcplan-docker-layout-'));
    try {
      for (const c of copies(final).filter((c) => !c.from)) for (const src of c.sources) cpSync(join(ROOT, src), join(dir, src), { recursive: true });
      cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true }); // COPY --from=build /src/dist dist
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
      expect(existsSync(join(dir, 'src'))).toBe(false);
      const dcplan = (...args: string[]) => spawnSync(process.execPath, [join(dir, 'bin', 'dcplan.js'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
      const central = dcplan('run', 'scenarios/guian-plan.yaml', '--central');
      expect(central.status, central.stderr).toBe(0);
      const here = spawnSync(process.execPath, ['bin/dcplan.js', 'run', 'scenarios/guian-plan.yaml', '--central'], { cwd: ROOT, encoding: 'utf8' });
      expect(central.stdout).toBe(here.stdout);
      // the worker threads load dist/worker.js
      const batch = dcplan('batch', 'scenarios/guian-plan.yaml', '--runs', '40', '--workers', '2', '--out', join(dir, 'out'));
      expect(batch.status, batch.stderr).toBe(0);
      expect(existsSync(join(dir, 'out', 'guian-plan', 'result.json'))).toBe(true);
      // the shipped lessons come with the image
      const lessons = dcplan('lesson', '--list');
      expect(lessons.status, lessons.stderr).toBe(0);
      expect(lessons.stdout).toContain('why-west');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
