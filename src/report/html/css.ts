/**
The report's one stylesheet, inlined in the page: no web fonts, no external
files. Fonts are the system's, with a fallback chain that reaches the common
Chinese system fonts (PingFang, Hiragino, Microsoft YaHei, Noto/Source Han,
WenQuanYi), so `--lang zh` reads on any machine without embedding anything.

Print: A4 with 14 mm margins; a chart, a small table and a heading with what
follows it stay together (`break-inside: avoid`, `break-after: avoid`), charts
scale to the page width so none is cut, long tables break between rows and
repeat their header. Nothing depends on colour: verdicts are words and
symbols, table rules are grey lines that print in black and white.
*/

const LATIN = `system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "Noto Sans"`;
const CJK = `"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei"`;

/** The font stack for a language: Latin first for English, the Chinese system fonts first for Chinese. */
export function fontStack(lang: 'en' | 'zh'): string {
  return lang === 'zh' ? `${CJK}, ${LATIN}, sans-serif` : `${LATIN}, ${CJK}, sans-serif`;
}

export function stylesheet(lang: 'en' | 'zh'): string {
  return `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { font-family: ${fontStack(lang)}; font-size: 15px; line-height: 1.45; color: #111; background: #fff; }
body { margin: 0; }
header, nav, main, footer { max-width: 820px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 28px; }
h1 { font-size: 1.7rem; line-height: 1.2; margin: 0 0 0.4rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 1.5px solid #222; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 0.4rem; }
p { margin: 0.4rem 0; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.88em; }
.caption { color: #333; margin: 0.1rem 0; }
.rule, .note { color: #333; font-size: 0.9rem; }
.question { font-size: 1.05rem; border-left: 3px solid #444; padding: 0.2rem 0 0.2rem 0.8rem; margin: 0.5rem 0; }
nav ol { columns: 2; margin: 0.8rem 0 0; padding-left: 1.4rem; font-size: 0.92rem; }
nav a { color: inherit; }
.block { break-inside: avoid; page-break-inside: avoid; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 0.8rem; font-size: 0.86rem; }
caption { text-align: left; font-weight: 600; padding: 0.2rem 0; }
th, td { border-bottom: 1px solid #bbb; padding: 0.22rem 0.45rem; vertical-align: top; text-align: left; }
thead th { border-bottom: 1.5px solid #222; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.path, .where { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.8rem; }
.where { color: #444; font-size: 0.76rem; }
table.assumptions td.source { min-width: 12em; }
table.kpi td:first-child { min-width: 11em; }
table.kpi td.goal { white-space: nowrap; }
.sub { color: #333; font-size: 0.82rem; }
.nw { white-space: nowrap; }
tr.total td { font-weight: 600; }
.verdict { min-width: 6em; }
.wide { font-size: 0.78rem; }
.wide th, .wide td { padding: 0.18rem 0.3rem; }
figure { margin: 0.8rem 0 1.2rem; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { display: block; max-width: 100%; height: auto; font-family: inherit; }
figcaption { font-size: 0.85rem; color: #333; margin-top: 0.2rem; }
figcaption.title { font-size: 0.95rem; font-weight: 600; color: #111; margin: 0 0 0.25rem; }
ul.header { list-style: none; padding: 0; margin: 0.4rem 0; font-size: 0.86rem; }
footer { margin-top: 2.5rem; padding-bottom: 2rem; font-size: 0.85rem; color: #333; border-top: 1px solid #bbb; padding-top: 0.6rem; }
@page { size: A4; margin: 14mm; }
@media print {
  html { font-size: 9.5pt; }
  header, nav, main, footer { max-width: none; padding: 0; }
  header { padding-top: 0; }
  h2 { margin-top: 1.4rem; }
  h2, h3, caption { break-after: avoid; page-break-after: avoid; }
  p.intro, p.note { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  figure.chart svg { width: 100% !important; height: auto !important; max-height: 125mm; }
  a { color: inherit; text-decoration: none; }
  nav { display: none; }
}
`.trimStart();
}
