/**
deploy/k8s-indexed-job.yaml without a cluster: both Jobs validated against the
Kubernetes API schema for batch/v1 Job (kubernetes-models, generated from the
Kubernetes OpenAPI spec), with unknown fields refused as the API server's strict
field validation refuses them, plus the rules the schema cannot express; the
manifest agrees with deploy/Dockerfile and with itself (shard count, workers,
mount). Then the Jobs' exact container commands are run here, as the kubelet
would run them in the image — the shard's `sh -c` with JOB_COMPLETION_INDEX set
for each index, one index retried, the merge through the image's entrypoint —
on a study scaled down from 1,000,000 runs in 100 shards to 200 runs in 2, and
the merge equals a one-machine batch byte for byte.
*/
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { dcplan, expectSameBytes } from '../helpers/cli.js';
import { ROOT } from '../helpers/slurm.js';
import { execForm, last, parseDockerfile } from './dockerfile.js';

interface Container {
  name: string;
  image: string;
  workingDir?: string;
  command?: string[];
  args?: string[];
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  volumeMounts: { name: string; mountPath: string }[];
}
interface JobDoc {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels: Record<string, string> };
  spec: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    backoffLimit?: number;
    backoffLimitPerIndex?: number;
    maxFailedIndexes?: number;
    template: {
      metadata: { labels: Record<string, string> };
      spec: { restartPolicy: string; securityContext: { runAsNonRoot?: boolean; runAsUser?: number }; containers: Container[]; volumes: { name: string; persistentVolumeClaim: { claimName: string } }[] };
    };
  };
}

const FILE = join(ROOT, 'deploy', 'k8s-indexed-job.yaml');
const docs = YAML.parseAllDocuments(readFileSync(FILE, 'utf8')).map((d) => d.toJSON() as JobDoc);
const [shards, merge] = docs as [JobDoc, JobDoc];
const shardC = shards.spec.template.spec.containers[0]!;
const mergeC = merge.spec.template.spec.containers[0]!;
const image = parseDockerfile(join(ROOT, 'deploy', 'Dockerfile')).stages.at(-1)!;
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/**
The object's fields (as /a/b/0/c paths) that a validator never read: with a
generated schema validator, which reads every property its schema knows, these
are the fields the schema does not have — what `kubectl apply` (strict field
validation) refuses as "unknown field".
*/
function unknownFields(doc: object, validate: (data: object) => void): string[] {
  const read = new Map<string, boolean>();
  const track = <T>(v: T, path: string): T => {
    if (v === null || typeof v !== 'object') return v;
    const isArray = Array.isArray(v);
    if (!isArray) for (const k of Object.keys(v)) read.set(`${path}/${k}`, false);
    return new Proxy(v, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof key !== 'string' || !Object.hasOwn(target, key)) return value;
        if (!isArray) read.set(`${path}/${key}`, true);
        return track(value, `${path}/${key}`);
      },
    });
  };
  validate(track(doc, ''));
  return [...read].filter(([, seen]) => !seen).map(([k]) => k);
}

/** Validate one Job as the API server would: schema (types, enums, required fields) and no unknown fields. */
function problems(doc: JobDoc): string[] {
  const out: string[] = [];
  const unknown = unknownFields(doc, (data) => {
    try {
      // the model's validate() with the plain object as `this`: the generated schema validator for batch/v1 Job
      Job.prototype.validate.call(data as Job);
    } catch (e) {
      out.push((e as Error).message);
    }
  });
  return [...out, ...unknown.map((f) => `unknown field ${f}`)];
}

describe('deploy/k8s-indexed-job.yaml', () => {
  it('holds two batch/v1 Jobs, selected by the labels deploy/README.md applies them with', () => {
    expect(docs.map((d) => [d.apiVersion, d.kind, d.metadata.name, d.metadata.labels.part])).toEqual([
      ['batch/v1', 'Job', 'dcplan-study', 'shards'],
      ['batch/v1', 'Job', 'dcplan-study-merge', 'merge'],
    ]);
    const readme = readFileSync(join(ROOT, 'deploy', 'README.md'), 'utf8');
    expect(readme).toContain('kubectl apply -f deploy/k8s-indexed-job.yaml -l part=shards');
    expect(readme).toContain('kubectl apply -f deploy/k8s-indexed-job.yaml -l part=merge');
  });

  it('both Jobs are valid against the Kubernetes API schema, with no unknown fields', () => {
    for (const d of docs) expect(problems(d), d.metadata.name).toEqual([]);
  });

  it('the schema check catches what the API server would refuse', () => {
    const bad = structuredClone(shards);
    (bad.spec as Record<string, unknown>).completions = '100';
    (bad.spec as Record<string, unknown>).backofflimit = 3;
    (bad.spec.template.spec.containers[0] as unknown as Record<string, unknown>).resource = {};
    bad.spec.template.spec.restartPolicy = 'Sometimes';
    const found = problems(bad).join('\n');
    expect(found).toContain('data/spec/completions must be integer');
    expect(found).toContain('restartPolicy must be equal to one of the allowed values');
    expect(found).toContain('unknown field /spec/backofflimit');
    expect(found).toContain('unknown field /spec/template/spec/containers/0/resource');
  });

  it('follows the Job rules the schema cannot express', () => {
    const s = shards.spec;
    expect(s.completionMode).toBe('Indexed');
    expect(s.completions).toBeGreaterThan(0); // Indexed needs completions
    expect(s.parallelism).toBeLessThanOrEqual(s.completions!);
    // backoffLimitPerIndex needs Indexed and restartPolicy Never; maxFailedIndexes needs backoffLimitPerIndex
    expect(s.backoffLimitPerIndex).toBeGreaterThanOrEqual(0);
    expect(s.maxFailedIndexes).toBeLessThanOrEqual(s.completions!);
    for (const d of docs) {
      expect(d.spec.template.spec.restartPolicy, d.metadata.name).toBe('Never');
      const names = d.spec.template.spec.volumes.map((v) => v.name);
      for (const c of d.spec.template.spec.containers) {
        for (const m of c.volumeMounts) expect(names, `${d.metadata.name}: volume of ${m.mountPath}`).toContain(m.name);
        expect(c.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      }
    }
  });

  it('runs the image deploy/Dockerfile builds, as its user, in its WORKDIR', () => {
    for (const d of docs) {
      const c = d.spec.template.spec.containers[0]!;
      expect(c.image, d.metadata.name).toBe(shardC.image); // one image for every shard and the merge
      expect(c.image).toMatch(new RegExp(`/dcplan:${VERSION.replace(/\./g, '\\.')}$`)); // tagged with the dcplan version
      expect(c.workingDir).toBe(last(image, 'WORKDIR'));
      const sc = d.spec.template.spec.securityContext;
      expect(sc.runAsNonRoot).toBe(true);
      expect(String(sc.runAsUser)).toBe(last(image, 'USER')!.split(':')[0]);
    }
    // the merge has no command of its own: the image's ENTRYPOINT (dcplan) gets its args
    expect(mergeC.command).toBeUndefined();
    expect(execForm(image, 'ENTRYPOINT')).toEqual(['dcplan']);
  });

  it('agrees with itself: N in --shard is completions, --workers the CPU request, --out the shared volume', () => {
    const script = shardC.args!.join(' ');
    expect(shardC.command).toEqual(['sh', '-c']);
    expect(script).toContain(`--shard "\${JOB_COMPLETION_INDEX}/${shards.spec.completions}"`);
    expect(script).toContain(`--workers ${shardC.resources.requests.cpu}`);
    expect(script).toContain('--resume'); // a retried index keeps its finished pieces
    const mount = shardC.volumeMounts[0]!.mountPath;
    expect(script).toContain(`--out ${mount} `);
    expect(mergeC.args).toEqual(['merge', mount, '--out', `${mount}/merged`]);
    expect(mergeC.volumeMounts[0]!.mountPath).toBe(mount);
    const claims = docs.map((d) => d.spec.template.spec.volumes[0]!.persistentVolumeClaim.claimName);
    expect(claims).toEqual(['dcplan-results', 'dcplan-results']);
  });

  describe('the containers’ exact commands, run here with JOB_COMPLETION_INDEX set', () => {
    const N = 2;
    const RUNS = 200;
    /** `text` with `from` (which must occur exactly once) replaced. */
    const swap = (text: string, from: string, to: string): string => {
      expect(text.split(from).length - 1, `"${from}" occurs once in: ${text}`).toBe(1);
      return text.replace(from, to);
    };

    it(`the ${N} indexes, one retried, then the merge: the same bytes as one machine`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'dcplan-k8s-'));
      try {
        const mount = shardC.volumeMounts[0]!.mountPath;
        const results = join(dir, 'results'); // stands for the volume mounted at /results
        // scaled down: 200 runs in 2 shards instead of 1,000,000 in 100
        const script = swap(swap(swap(shardC.args![0]!, '--runs 1000000', `--runs ${RUNS}`), `/${shards.spec.completions}"`, `/${N}"`), `--out ${mount} `, `--out ${results} `);
        const mergeArgs = mergeC.args!.map((a) => a.replace(mount, results));
        // `dcplan` on the PATH, as in the image: /usr/local/bin/dcplan runs the WORKDIR's bin/dcplan.js (here: the checkout)
        const bin = join(dir, 'bin');
        mkdirSync(bin);
        writeFileSync(join(bin, 'dcplan'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin', 'dcplan.js')}" "$@"\n`);
        chmodSync(join(bin, 'dcplan'), 0o755);
        const env = { ...process.env, PATH: [bin, ...(process.env.PATH ?? '').split(delimiter)].join(delimiter) };
        const sh = (argv: string[], extra: Record<string, string> = {}): Promise<{ code: number; stderr: string }> =>
          new Promise((done) => {
            execFile(argv[0]!, argv.slice(1), { cwd: ROOT, env: { ...env, ...extra }, encoding: 'utf8' }, (err, _o, stderr) =>
              done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stderr }));
          });

        // the pods of an Indexed Job run side by side, each with its own index
        const pods = await Promise.all([...Array(N).keys()].map((i) => sh([...shardC.command!, script], { JOB_COMPLETION_INDEX: String(i) })));
        pods.forEach((p, i) => {
          expect(p.code, `index ${i}: ${p.stderr}`).toBe(0);
          expect(p.stderr).toContain(`shard ${i}/${N}: ${RUNS / N} runs of 1 scenario`);
        });
        // a retried index (backoffLimitPerIndex) finds its pieces and keeps them
        const retry = await sh([...shardC.command!, script], { JOB_COMPLETION_INDEX: '1' });
        expect(retry.code, retry.stderr).toBe(0);
        expect(retry.stderr).toContain('resumed scenarios/guian-plan.yaml  runs 100–199 (already computed)');

        const m = await sh([...execForm(image, 'ENTRYPOINT')!, ...mergeArgs]);
        expect(m.code, m.stderr).toBe(0);
        expect(m.stderr).toContain(`merge: ${N} shards, 1 of 1 scenario ok`);

        const seed = /--seed (\d+)/.exec(script)![1]!;
        const scenario = /batch (\S+)/.exec(script)![1]!;
        const one = join(dir, 'one-machine');
        const b = await dcplan('batch', scenario, '--runs', String(RUNS), '--seed', seed, '--out', one);
        expect(b.code, b.stderr).toBe(0);
        expectSameBytes(one, join(results, 'merged'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);
  });
});
