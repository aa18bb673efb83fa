/**
The repository stands on its own: no file points outside it (to design notes or
reference files a user who clones the repository does not have), and every
"sources §n" citation — in scenario comments, docs and code — names a section
that exists in docs/sources.md. Citations of other project docs by section
("docs/architecture.md §3.5", "docs/model.md §7") must resolve too.

The files checked are the tracked ones plus untracked files that are not
ignored (new docs before their first commit); without git, the project's
folders are walked instead.
*/
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// Built by concatenation so that this file does not contain them itself.
const NEEDLES = ['..' + '/shared', 'DESIGN' + ' §', 'DESIGN' + '.md', 'ecosystem' + '.md', 'guian' + '-facts', 'facts' + ' §'];

const WALK_DIRS = ['src', 'test', 'scenarios', 'docs', 'deploy', 'scripts', 'bench', 'bin'];
const WALK_FILES = ['README.md', 'package.json'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'coverage', '.git']);

function walk(dir: string, out: string[]): void {
  if (!existsSync(join(root, dir))) return;
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(rel, out);
    } else if (e.isFile()) out.push(rel);
  }
}

function repoFiles(): string[] {
  let files: string[];
  try {
    const git = (args: string[]): string[] =>
      execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\n').filter(Boolean);
    files = [...git(['ls-files']), ...git(['ls-files', '--others', '--exclude-standard'])];
  } catch {
    files = [...WALK_FILES];
    for (const d of WALK_DIRS) walk(d, files);
  }
  // a tracked file may be deleted in the working tree
  return [...new Set(files)].filter((f) => existsSync(join(root, f)) && statSync(join(root, f)).isFile()).sort();
}

/** Text files only: a NUL byte marks a binary file. */
function readText(file: string): string | undefined {
  const text = readFileSync(join(root, file), 'utf8');
  return text.includes('\u0000') ? undefined : text;
}

const files = repoFiles().flatMap((file) => {
  const text = readText(file);
  return text === undefined ? [] : [{ file, text }];
});

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Section numbers of a doc's numbered headings: "## 3 Title", "### 3.1 Title", "## 3. Title". */
function sectionsOf(doc: string): Set<string> {
  const out = new Set<string>();
  for (const m of readFileSync(join(root, doc), 'utf8').matchAll(/^#{1,6}[ \t]+(\d+(?:\.\d+)*)\.?[ \t]/gm)) out.add(m[1]!);
  return out;
}

/** "§3.3", "§3.3, §5.1", "§3.3 and §4" after a prefix: every section number of the list. */
const LIST = String.raw`(§\d+(?:\.\d+)?(?:(?:\s*,\s*|\s+and\s+|\s*[–-]\s*)§\d+(?:\.\d+)?)*)`;

interface Citation {
  file: string;
  line: number;
  section: string;
  text: string;
}

function citations(prefix: string): Citation[] {
  const re = new RegExp(prefix + String.raw`\s+` + LIST, 'g');
  const out: Citation[] = [];
  for (const { file, text } of files) {
    for (const m of text.matchAll(re)) {
      for (const s of m[1]!.matchAll(/§(\d+(?:\.\d+)?)/g)) {
        out.push({ file, line: lineOf(text, m.index), section: s[1]!, text: m[0] });
      }
    }
  }
  return out;
}

describe('the repository stands on its own', () => {
  it('finds the files to check', () => {
    const names = files.map((f) => f.file);
    expect(names).toContain('README.md');
    expect(names).toContain('docs/sources.md');
    expect(names).toContain('docs/architecture.md');
    expect(names.some((f) => f.startsWith('scenarios/'))).toBe(true);
    expect(names.some((f) => f.startsWith('src/'))).toBe(true);
  });

  it('no file refers to design notes or reference files outside the repository', () => {
    const hits: string[] = [];
    for (const { file, text } of files) {
      for (const needle of NEEDLES) {
        let i = text.indexOf(needle);
        while (i >= 0) {
          hits.push(`${file}:${lineOf(text, i)}: ${JSON.stringify(needle)}`);
          i = text.indexOf(needle, i + needle.length);
        }
      }
    }
    expect(hits).toEqual([]);
  });

  it('every "sources §n" cited anywhere is a section of docs/sources.md', () => {
    const sections = sectionsOf('docs/sources.md');
    expect(sections.size).toBeGreaterThan(10);
    const cited = citations(String.raw`\bsources(?:\.md)?`);
    // the shipped scenarios cite their sources
    expect(cited.some((c) => c.file.startsWith('scenarios/'))).toBe(true);
    const missing = cited.filter((c) => !sections.has(c.section)).map((c) => `${c.file}:${c.line}: §${c.section} in ${JSON.stringify(c.text)}`);
    expect(missing).toEqual([]);
  });

  it('every section cited inside docs/sources.md exists there', () => {
    const sections = sectionsOf('docs/sources.md');
    const text = readFileSync(join(root, 'docs/sources.md'), 'utf8');
    const missing: string[] = [];
    // a § right after another document's name ("docs/model.md §6") is that document's
    for (const m of text.matchAll(/(?<!\.md )§(\d+(?:\.\d+)?)/g)) {
      if (!sections.has(m[1]!)) missing.push(`docs/sources.md:${lineOf(text, m.index)}: §${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it('sections cited in other project docs ("docs/architecture.md §3.5") exist', () => {
    const docs = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md') && f !== 'sources.md');
    const missing: string[] = [];
    for (const doc of docs) {
      const sections = sectionsOf(`docs/${doc}`);
      const name = doc.replace(/\.md$/, '').replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
      for (const c of citations(String.raw`\b${name}\.md`)) {
        if (!sections.has(c.section)) missing.push(`${c.file}:${c.line}: docs/${doc} §${c.section} in ${JSON.stringify(c.text)}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
