/** The `?` overlay: every key, grouped, in one or two columns. */
import { KEY_HELP, READING_HELP, REPORTED_HELP } from '../hooks/use-keys.js';
import { center, padEnd, truncate, wrap } from '../text.js';
import { seg, type Line } from './lines.js';

/** `reported`: reported figures are loaded (`--observed`): the reading notes say how to read their markers. */
export function helpLines(width: number, height: number, reported = false): Line[] {
  const blocks: Line[][] = KEY_HELP.map((g) => [
    [seg(g.title, { bold: true, color: 'yellow' })],
    ...g.keys.map((k) => [seg(padEnd(k.keys, 10), { bold: true, color: 'cyan' }), seg(k.what)]),
  ]);
  const twoCols = width >= 74;
  const colW = twoCols ? Math.floor((width - 6) / 2) : width - 4;
  const cols: Line[][] = twoCols ? [[], []] : [[]];
  blocks.forEach((b, i) => {
    const col = twoCols ? (i < 2 ? 0 : 1) : 0;
    if (cols[col]!.length) cols[col]!.push([]);
    cols[col]!.push(...b);
  });
  const body: Line[] = [];
  const rows = Math.max(...cols.map((c) => c.length));
  for (let r = 0; r < rows; r++) {
    const line: Line = [seg('  ')];
    cols.forEach((c, i) => {
      const l = c[r] ?? [];
      const used = l.reduce((a, x) => a + x.text.length, 0);
      line.push(...l.map((x) => ({ ...x, text: truncate(x.text, colW) })), seg(' '.repeat(Math.max(0, colW - used))));
      if (i === 0 && twoCols) line.push(seg('  '));
    });
    body.push(line);
  }
  const title: Line = [seg(center('Keys · dcplan', width), { bold: true, inverse: true })];
  const foot: Line = [seg(center('Esc or ? closes this help', width), { dim: true })];
  let lines = [title, [], ...body];
  const reading = (reported ? [...READING_HELP, REPORTED_HELP] : READING_HELP).flatMap((t) => wrap(t, width - 4)).map((t): Line => [seg('  '), seg(t, { dim: true })]);
  if (lines.length + reading.length + 2 <= height) lines.push([], ...reading);
  if (lines.length + 2 <= height) lines.push([], foot);
  else if (lines.length + 1 <= height) lines.push(foot);
  if (lines.length > height) {
    // too short for everything: drop blank lines between groups first
    lines = [title, ...body.filter((l) => l.some((x) => x.text.trim()))].slice(0, height);
  }
  return lines;
}
