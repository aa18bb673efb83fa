/**
The manifest of a batch (`DIR/manifest.json`) and of a batch shard
(`DIR/shard-I-of-N/shard.json`).

A manifest says what produced the results, so that they can be trusted and
reproduced: dcplan and Node versions, how seeds become random streams, and per
scenario its file, content hash, seed, runs, status and the SHA-256 of each
output file. It holds nothing that changes from one identical run to the next —
no timestamps, hosts or durations — so an interrupted and resumed batch, a
sharded and merged one, and a plain one write the same bytes.
*/

/** How a seed becomes random numbers (rng.ts, sample.ts), recorded in every manifest. */
export const SEED_SCHEME =
  'run i of seed s draws uncertainty entry v from seedrandom xor4096 seeded with "<s>\\0<v>\\0<i>" (v = the entry path, "#n" appended when a path repeats); runs = 1 is the central case, without sampling';

export type ScenarioStatus = 'ok' | 'failed' | 'interrupted';

export interface OutputFile {
  /** Relative to the manifest's directory, with `/` separators. */
  file: string;
  sha256: string;
}

export interface ManifestScenario {
  /** The scenario file as given on the command line (or found in a directory given). */
  file: string;
  /** Output directory of this scenario, relative to the manifest. */
  dir: string;
  status: ScenarioStatus;
  name?: string;
  hash?: string;
  seed?: number;
  runs?: number;
  outputs?: OutputFile[];
  /** Why it failed: one line per problem, `file:line:col  path  message` where it applies. */
  problems?: string[];
}

export interface Manifest {
  dcplan: string;
  node: string;
  scenarios: ManifestScenario[];
}

/** One scenario entry with its keys in a fixed order. */
function entry(s: ManifestScenario): Record<string, unknown> {
  const out: Record<string, unknown> = { file: s.file, dir: s.dir, status: s.status };
  if (s.name !== undefined) out.name = s.name;
  if (s.hash !== undefined) out.hash = s.hash;
  if (s.seed !== undefined) out.seed = s.seed;
  if (s.runs !== undefined) out.runs = s.runs;
  if (s.outputs) out.outputs = s.outputs.map((o) => ({ file: o.file, sha256: o.sha256 }));
  if (s.problems) out.problems = s.problems;
  return out;
}

function counts(scenarios: ManifestScenario[]): Record<ScenarioStatus, number> {
  const c: Record<ScenarioStatus, number> = { ok: 0, failed: 0, interrupted: 0 };
  for (const s of scenarios) c[s.status]++;
  return c;
}

/** `manifest.json` of a batch (or of a merge, which writes the same). */
export function manifestJson(m: Manifest): string {
  const doc = {
    format: 'dcplan-batch/1',
    dcplan: m.dcplan,
    node: m.node,
    seedScheme: SEED_SCHEME,
    summary: counts(m.scenarios),
    scenarios: m.scenarios.map(entry),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

export interface ShardScenario extends ManifestScenario {
  /** Width of one run's values (metrics × years). */
  width?: number;
  /** The run ranges this shard computed, each in its own file (relative to the shard directory). */
  pieces?: { from: number; to: number; file: string }[];
}

export interface ShardManifest {
  dcplan: string;
  node: string;
  shard: { index: number; count: number };
  scenarios: ShardScenario[];
}

/** Format tag of shard directories; `merge` refuses others. */
export const SHARD_FORMAT = 'dcplan-shard/1';

/** `shard.json`: written last, when the shard has finished, so its presence means the shard is whole. */
export function shardManifestJson(m: ShardManifest): string {
  const doc = {
    format: SHARD_FORMAT,
    dcplan: m.dcplan,
    node: m.node,
    seedScheme: SEED_SCHEME,
    shard: m.shard,
    values: 'float64, little-endian, column-major per piece: column c (metric k, year y; c = k × years + y) holds runs from..to-1 in order',
    summary: counts(m.scenarios),
    scenarios: m.scenarios.map((s) => {
      const out = entry(s);
      if (s.width !== undefined) out.width = s.width;
      if (s.pieces) out.pieces = s.pieces.map((p) => ({ from: p.from, to: p.to, file: p.file }));
      return out;
    }),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
