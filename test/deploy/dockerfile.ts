/**
Reading deploy/Dockerfile without Docker: its stages and instructions (comments,
parser directives and line continuations as Docker reads them), build arguments
expanded, COPY split into flags, sources and destination, and whether a path of
the build context survives deploy/Dockerfile.dockerignore.
*/
import { readFileSync } from 'node:fs';

export interface Instruction {
  /** Upper-case keyword: FROM, RUN, COPY, ... */
  cmd: string;
  /** The rest of the instruction, continuations joined. */
  args: string;
  /** 1-based line where it starts. */
  line: number;
}

export interface Stage {
  /** The base image, build arguments expanded. */
  from: string;
  name?: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** ARGs declared before the first FROM, with their defaults. */
  args: Map<string, string>;
  stages: Stage[];
}

export function parseDockerfile(file: string): Dockerfile {
  const lines = readFileSync(file, 'utf8').split('\n');
  const instructions: Instruction[] = [];
  let current: Instruction | undefined;
  lines.forEach((raw, i) => {
    const line = raw.trimEnd();
    if (/^\s*#/.test(line)) return; // comments and parser directives, also inside a continuation
    if (!current) {
      if (line.trim() === '') return;
      const m = /^\s*(\w+)\s*(.*)$/.exec(line)!;
      current = { cmd: m[1]!.toUpperCase(), args: '', line: i + 1 };
      const rest = m[2]!;
      if (rest.endsWith('\\')) current.args = rest.slice(0, -1);
      else {
        current.args = rest;
        instructions.push(current);
        current = undefined;
      }
      return;
    }
    if (line.endsWith('\\')) current.args += ' ' + line.slice(0, -1).trim();
    else {
      current.args += ' ' + line.trim();
      instructions.push(current);
      current = undefined;
    }
  });
  if (current) instructions.push(current);

  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const ins of instructions) {
    ins.args = ins.args.replace(/\s+/g, ' ').trim();
    if (ins.cmd === 'FROM') {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      if (!m) throw new Error(`${file}:${ins.line}: cannot read FROM ${ins.args}`);
      stages.push({ from: expand(m[1]!, args), name: m[2], instructions: [] });
    } else if (stages.length === 0) {
      if (ins.cmd !== 'ARG') throw new Error(`${file}:${ins.line}: ${ins.cmd} before the first FROM`);
      const [k, v = ''] = ins.args.split('=', 2);
      args.set(k!, v.replace(/^"(.*)"$/, '$1'));
    } else stages.at(-1)!.instructions.push(ins);
  }
  return { args, stages };
}

/** `${NAME}` and `$NAME` replaced by the build arguments' defaults. */
export function expand(s: string, args: Map<string, string>): string {
  return s.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string | undefined, b: string | undefined) => args.get((a ?? b)!) ?? '');
}

export interface Copy {
  from?: string;
  sources: string[];
  dest: string;
  line: number;
}

/** The COPY instructions of a stage. */
export function copies(stage: Stage): Copy[] {
  return stage.instructions
    .filter((i) => i.cmd === 'COPY')
    .map((i) => {
      const words = i.args.split(' ');
      const flags = words.filter((w) => w.startsWith('--'));
      const rest = words.filter((w) => !w.startsWith('--'));
      const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
      return { from, sources: rest.slice(0, -1), dest: rest.at(-1)!, line: i.line };
    });
}

/** The JSON (exec) form of ENTRYPOINT or CMD, or undefined for the shell form. */
export function execForm(stage: Stage, cmd: 'ENTRYPOINT' | 'CMD'): string[] | undefined {
  const ins = stage.instructions.filter((i) => i.cmd === cmd).at(-1);
  if (!ins) return undefined;
  try {
    const v = JSON.parse(ins.args) as unknown;
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The last value an instruction (WORKDIR, USER) has in a stage. */
export const last = (stage: Stage, cmd: string): string | undefined => stage.instructions.filter((i) => i.cmd === cmd).at(-1)?.args;

/**
Whether `path` (relative to the build context) is sent to the builder under a
.dockerignore's `patterns`: the last pattern matching the path or one of its
parent directories decides, `!` re-includes (`*` and `?` do not cross `/`,
`**` does).
*/
export function included(path: string, patterns: string[]): boolean {
  const toRegex = (p: string): RegExp =>
    new RegExp('^' + p.replace(/\/+$/, '').split('**').map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')).join('.*') + '$');
  const parts = path.replace(/\/+$/, '').split('/');
  const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let keep = true;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const re = toRegex((negated ? raw.slice(1) : raw).replace(/^\//, ''));
    if (prefixes.some((p) => re.test(p))) keep = negated;
  }
  return keep;
}

/** The patterns of a .dockerignore file (comments and blank lines dropped). */
export const ignorePatterns = (file: string): string[] =>
  readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
