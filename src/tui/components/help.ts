/** The `?` overlay: every key, grouped, in one or two columns, and how to read the screen. */
import { t } from '../../report/i18n/catalogue.js';
import { keyHelp, readingHelp, reportedHelp } from '../hooks/use-keys.js';
import { center, padEnd, truncate, width as textWidth, wrap } from '../text.js';
import { fit, seg, type Line } from './lines.js';

/** `reported`: reported figures are loaded (`--observed`): the reading notes say how to read their markers. */
export function helpLines(width: number, height: number, reported = false): Line[] {
  const help = keyHelp();
  const keyW = Math.max(10, ...help.flatMap((g) => g.keys.map((k) => textWidth(k.keys) + 1)));
  const twoCols = width >= 74;
  const colW = twoCols ? Math.floor((width - 6) / 2) : width - 4;
  const blocks: Line[][] = help.map((g) => [
    [seg(truncate(g.title, colW), { bold: true, color: 'yellow' })],
    ...g.keys.map((k) => fit([seg(padEnd(k.keys, keyW), { bold: true, color: 'cyan' }), seg(k.what)], colW, null)),
  ]);
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
      line.push(...fit(c[r] ?? [], colW));
      if (i === 0 && twoCols) line.push(seg('  '));
    });
    body.push(line);
  }
  const title: Line = [seg(center(t('tui.help.title'), width), { bold: true, inverse: true })];
  const foot: Line = [seg(center(t('tui.help.closeHint'), width), { dim: true })];
  let lines = [title, [], ...body];
  const reading = (reported ? [...readingHelp(), reportedHelp()] : readingHelp()).flatMap((x) => wrap(x, width - 4)).map((x): Line => [seg('  '), seg(x, { dim: true })]);
  if (lines.length + reading.length + 2 <= height) lines.push([], ...reading);
  if (lines.length + 2 <= height) lines.push([], foot);
  else if (lines.length + 1 <= height) lines.push(foot);
  if (lines.length > height) {
    // too short for everything: drop blank lines between groups first
    lines = [title, ...body.filter((l) => l.some((x) => x.text.trim()))].slice(0, height);
  }
  return lines;
}
