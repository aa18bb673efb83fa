/**
`dcplan explain <scenario> <path>`: a value's resolved form, unit and the file
of the extends chain that set it.
*/
import { explainPath, readScenarioSource, ScenarioError, type Explanation } from '../../../scenario/index.js';
import { UserError } from '../../exit.js';
import { t } from '../../../report/i18n/catalogue.js';
import { problemLines } from '../../../report/i18n/problems.js';
import { writeOut } from '../../output.js';

function fmtBase(e: Explanation): string {
  const u = e.unit ? ` ${e.unit}` : '';
  if (Array.isArray(e.base)) {
    const first = e.base[0];
    if (e.base.every((x) => x === first)) return t('cli.explain.everyYear', { value: `${first}${u}` });
    return t('cli.explain.perYear', { values: `${e.base.map((x) => Number(x.toPrecision(6))).join(', ')}${u}` });
  }
  return typeof e.base === 'number' ? `${e.base}${u}` : e.base;
}

/** The lines `explain` prints. */
export function explainLines(e: Explanation): string[] {
  const where = e.file === '(default)' ? t('cli.explain.default') : t('cli.explain.setIn', { where: `${e.file}:${e.line}:${e.col}` });
  const lines = [t('cli.explain.value', { path: e.path, value: e.value, where })];
  lines.push(`  ${t('cli.explain.resolved', { value: fmtBase(e) })}`);
  if (e.chain.length > 1) {
    lines.push(`  ${t('cli.explain.chain', { chain: e.chain.join(' → ') })}`);
    if (e.setIn.length === 0) lines.push(`  ${t('cli.explain.noFile')}`);
    else if (e.inherited) lines.push(`  ${t('cli.explain.inherited', { file: e.file, top: e.chain[0]! })}`);
    if (e.setIn.length > 1) {
      const [winner, ...rest] = e.setIn;
      lines.push(`  ${t('cli.explain.overrides', { file: winner!.file, others: rest.map((s) => `${s.file}:${s.line}:${s.col}`).join(', ') })}`);
    }
  }
  return lines;
}

export async function explainCommand(file: string, path: string, out: (line: string) => void = (l) => writeOut(l + '\n')): Promise<void> {
  try {
    const src = readScenarioSource(file);
    for (const l of explainLines(explainPath(src, path))) out(l);
  } catch (err) {
    if (err instanceof ScenarioError) throw new UserError(problemLines(err), 1);
    throw err;
  }
}
