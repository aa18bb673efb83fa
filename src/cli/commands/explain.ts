/**
`dcplan explain <scenario> <path>`: a value's resolved form, unit and the file
of the extends chain that set it.
*/
import { explainPath, readScenarioSource, ScenarioError, type Explanation } from '../../scenario/index.js';
import { UserError } from '../exit.js';

function fmtBase(e: Explanation): string {
  const u = e.unit ? ` ${e.unit}` : '';
  if (Array.isArray(e.base)) {
    const first = e.base[0];
    if (e.base.every((x) => x === first)) return `${first}${u} every year`;
    return `${e.base.map((x) => Number(x.toPrecision(6))).join(', ')}${u} (per year)`;
  }
  return typeof e.base === 'number' ? `${e.base}${u}` : e.base;
}

/** The lines `explain` prints. */
export function explainLines(e: Explanation): string[] {
  const where = e.file === '(default)' ? 'default: not set in any file' : `set in ${e.file}:${e.line}:${e.col}`;
  const lines = [`${e.path} = ${e.value}  (${where})`];
  lines.push(`  resolved: ${fmtBase(e)}`);
  if (e.chain.length > 1) {
    lines.push(`  extends chain: ${e.chain.join(' → ')}`);
    if (e.setIn.length === 0) lines.push('  no file of the chain sets it: the default applies');
    else if (e.inherited) lines.push(`  inherited from ${e.file} (not set in ${e.chain[0]})`);
    if (e.setIn.length > 1) {
      const [winner, ...rest] = e.setIn;
      lines.push(`  ${winner!.file} overrides ${rest.map((s) => `${s.file}:${s.line}:${s.col}`).join(', ')}`);
    }
  }
  return lines;
}

export async function explainCommand(file: string, path: string, out: (line: string) => void = (l) => process.stdout.write(l + '\n')): Promise<void> {
  try {
    const src = readScenarioSource(file);
    for (const l of explainLines(explainPath(src, path))) out(l);
  } catch (err) {
    if (err instanceof ScenarioError) throw new UserError(err.message.split('\n'), 1);
    throw err;
  }
}
