/**
The HTML report's words in English and Chinese: every heading, table header
and fixed sentence (`MESSAGES`), the metric labels (English: the one table in
src/scenario/metric-names.ts; Chinese: `METRIC_LABELS_ZH`), unit words, event
kinds and binding limits. The catalogue is typed: the Chinese side must have
every key the English side has (test/report/html/i18n.test.ts checks the
placeholders too).

Messages take `{name}` placeholders, filled by `t(lang, key, params)`. Numbers
are never formatted here: the page formats them with src/report/display.ts and
passes the text in.
*/
import type { BindingLimit, EventKind } from '../../engine/results.js';
import { METRICS, type MetricName } from '../../scenario/metric-names.js';
import { labelOf, unitSuffix } from '../display.js';
import { LIMIT_WORDS_EN as LIMIT_WORDS } from '../narration.js';
import { METRIC_LABELS_ZH, UNITS_ZH } from '../i18n/metric-labels.js';

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

export const EN = {
  // page
  docTitle: 'dcplan report: {title}',
  titleCompare: '{n} scenarios compared',
  madeBy: 'Made by dcplan {version}',
  reproduce: 'Reproduce with',
  scenarioFile: 'Scenario file',
  hash: 'content hash',
  contents: 'Contents',
  // what the numbers are
  captionMedian: 'median of {runs} Monte Carlo runs, seed {seed}',
  captionCentral: 'central case (inputs as written, no sampling)',
  captionCentralOnly: 'central case (no uncertainty in the scenario)',
  captionOverrides: 'with {overrides}',
  numbersRule:
    'Every number is the median of the runs, with its P5–P95 band where one is given; a target is met when the median meets it, and P(met) is the share of runs that meet it. Breakdowns by data center, events and the payback year are the central case (the inputs as written), and are labelled so.',
  numbersRuleCentral: 'Every number is the central case: one run with the inputs as written, no sampling.',
  // sections
  question: 'The question',
  questionMissing: 'The scenario file {file} is not at hand, so its question and assumptions are not shown ({why}).',
  whyMissing: 'the file is not found',
  whyChanged: 'the file has changed since the batch: its content hash differs',
  assumptions: 'The assumptions that matter',
  assumptionsIntro: 'The levers (what a planner can turn) and the uncertain inputs (what Monte Carlo draws), with the comment written on that line of the scenario file: its source, or "assumption".',
  levers: 'Levers',
  uncertainty: 'Uncertain inputs',
  noLevers: 'The scenario has no levers.',
  noUncertainty: 'The scenario has no uncertain inputs: its central case is its only case.',
  kpis: 'Key results',
  kpisIntro: 'Targets in their own year; the other key metrics in {year}.',
  charts: 'Year by year',
  chartsIntro: 'The line is the median, the shaded band P5–P95; a dashed line marks the target; reported figures are marked where given.',
  chartsIntroCentral: 'The line is the central case; a dashed line marks the target; reported figures are marked where given.',
  events: 'What happens when',
  eventsIntro: 'The dated events of the central case (inputs as written).',
  eventsMissing: 'The events need the scenario file, which is not at hand.',
  noEvents: 'No dated events in the central case.',
  datacenters: 'Data centers',
  datacentersIntro: 'Live standard racks at each year end, by data center (central case).',
  flows: 'Where the eastern work goes',
  flowsIntro: "Eastern work on the move, in standard racks at each year end: served in Gui'an, in the other western clusters, or staying east ({what}). What limited Gui'an's growth is the central case's.",
  flowsStacked: 'medians; each part is its own median, so the parts need not add up to the median of their sum',
  comparison: 'Comparison',
  comparisonIntro: 'A is the baseline. Δ is the difference from A.',
  inputsDiffer: 'Inputs that differ',
  inputsDifferIntro: 'Resolved inputs, in base units.',
  inputsSame: 'No resolved input differs.',
  inputsMissing: 'The inputs that differ need every scenario file, and one is not at hand.',
  inputsGrouped: '{n} differ',
  deltas: 'Differences from A',
  pBetterNote: 'P(X better) is the share of paired runs (the same run index, so the same draws of the inputs they share) in which X beats A; ties count as not better. ↑: the metric has no better direction; the share of runs in which X is higher.',
  pBetterBatch: 'P(X better than A) needs the runs themselves, which a batch directory does not keep: run `dcplan report` on the scenario files for it.',
  pBetterCentral: 'P(X better than A) needs Monte Carlo runs (--runs N > 1).',
  sensitivity: 'What drives {metric} in {year}',
  sensitivityIntro: "Each uncertain input alone at its P10 and then its P90, the others as written (the bars, around the central case {base}); ρ is the Spearman rank correlation between the input's draws and the result over {runs} Monte Carlo runs.",
  sensitivityNoRho: 'ρ needs Monte Carlo runs (--runs N > 1).',
  sensitivityBatch: 'The tornado needs the runs themselves, which a batch directory does not keep: run `dcplan report SCENARIO… --sensitivity {spec}` for it.',
  sensitivityNone: '{name} has no uncertain inputs: nothing to rank.',
  sensitivityOutside: '{year} is outside the horizon of {name}.',
  scaleNote: '× the input multiplies the value written in the scenario.',
  observed: 'Against what was reported',
  observedIntro: 'Each reported figure ({file}) as the interval it implies for Gui\'an, against the model at its date.',
  observedSummary: '{inside} of {total} inside; {band} more within the P5–P95 band.',
  observedSummaryCentral: '{inside} of {total} inside.',
  calibration: 'How the scenario was fitted',
  calibrationIntro: 'The scenario was written by `dcplan calibrate`: its header, the inputs set to their best fit, and the reported figures it was fitted to against the model.',
  calibrationMissing: 'The observations it was fitted to ({file}) are not at hand: give them with --observed for the table of the fit.',
  calibrationChanged: 'The observations file at hand differs from the one fitted to (its SHA-256): the table shows the file at hand.',
  calibrationLater: 'The table of prior and posterior per input is what `dcplan calibrate` prints; the report does not rerun the calibration.',
  fittedInputs: 'Inputs set to their best fit',
  skipped: 'Not in this report: {list}.',
  batchFrom: 'From the batch directory {dir}: each scenario\'s result.json and manifest.json.',
  batchVersion: 'The batch was written by dcplan {version}; this report by {current}.',
  // table headers
  thInput: 'Input',
  thValue: 'Value as written',
  thRange: 'Range',
  thDistribution: 'Distribution',
  thSource: 'Source or note',
  thWhere: 'Where',
  thMetric: 'Metric',
  thYear: 'Year',
  thTarget: 'Target',
  thMedian: 'Median',
  thCentral: 'Central case',
  thBand: 'P5–P95',
  thPMet: 'P(met)',
  thVerdict: 'Verdict',
  thDate: 'Date',
  thEvent: 'Event',
  thDatacenter: 'Data center',
  thPlanned: 'Planned',
  thGuian: "Gui'an",
  thElsewhere: 'Other clusters',
  thStayEast: 'Stays east',
  thLimit: "Gui'an's limit",
  thScenario: 'Scenario',
  thPath: 'Path',
  thDelta: 'Δ {label}',
  thDeltaPct: 'Δ% {label}',
  thPBetter: 'P({label} better)',
  thRank: '#',
  thParameter: 'Input',
  thLowHigh: 'P10 → P90',
  thAtLow: 'at P10',
  thAtHigh: 'at P90',
  thSwing: 'Swing',
  thRho: 'ρ',
  thReported: 'Reported',
  thModel: 'Model',
  thFit: 'In?',
  thNote: 'Note',
  // words in cells
  met: 'met',
  missed: 'missed',
  inside: 'in',
  inBand: 'band',
  outside: 'OUT',
  centralDiffers: 'the central case {verdict} ({value})',
  centralMeets: 'meets it',
  centralMisses: 'misses it',
  payback: 'Payback (rent against opex and construction capex, central case): {year}.',
  paybackNone: 'not within the horizon',
  assumed: 'assumed site',
  standardRacks: 'standard racks',
  setOnCommandLine: 'set on the command line',
  allScenarios: 'all',
  median: 'median',
  total: 'Total',
  calibrationSeeObserved: 'The reported figures it was fitted to, against the model:',
  leverRange: '{min}–{max}{unit}, step {step}',
  chartTitle: '{label}',
  dcChartTitle: 'Live racks by data center, {name} (central case)',
  flowChartTitle: 'Eastern work on the move, {name} ({what})',
  timelineTitle: 'Events, {name} (central case)',
  tornadoTitle: '{metric} in {year}, {name}',
  others: 'Others',
  centralCase: 'central case',
  medians: 'medians',
} as const;

export type MessageKey = keyof typeof EN;

export const ZH: Record<MessageKey, string> = {
  docTitle: 'dcplan 报告：{title}',
  titleCompare: '{n} 个情景的比较',
  madeBy: '由 dcplan {version} 生成',
  reproduce: '复现命令',
  scenarioFile: '情景文件',
  hash: '内容哈希',
  contents: '目录',
  captionMedian: '{runs} 次蒙特卡洛模拟的中位数，种子 {seed}',
  captionCentral: '基准情形（按文件所写输入，不抽样）',
  captionCentralOnly: '基准情形（情景中没有不确定性）',
  captionOverrides: '附加 {overrides}',
  numbersRule:
    '每个数字都是各次模拟的中位数，并在给出时附 P5–P95 区间；中位数达到目标即为“达成”，P(达成) 为达到目标的模拟所占比例。按数据中心的分项、事件和投资回收年份取自基准情形（按文件所写的输入），并如此标注。',
  numbersRuleCentral: '每个数字都是基准情形：按文件所写输入的一次模拟，不抽样。',
  question: '问题',
  questionMissing: '情景文件 {file} 不可用，因此不显示其问题和假设（{why}）。',
  whyMissing: '找不到该文件',
  whyChanged: '该文件在批量运行后已更改：内容哈希不同',
  assumptions: '关键假设',
  assumptionsIntro: '调节杠杆（规划者可以调整的量）和不确定输入（蒙特卡洛抽样的量），并附情景文件中该行的注释：出处，或“假设”。',
  levers: '调节杠杆',
  uncertainty: '不确定输入',
  noLevers: '该情景没有调节杠杆。',
  noUncertainty: '该情景没有不确定输入：基准情形就是唯一情形。',
  kpis: '主要结果',
  kpisIntro: '目标按其各自的年份；其他关键指标取 {year} 年。',
  charts: '逐年变化',
  chartsIntro: '实线为中位数，阴影为 P5–P95 区间；虚线为目标；给出报告数据时以标记显示。',
  chartsIntroCentral: '实线为基准情形；虚线为目标；给出报告数据时以标记显示。',
  events: '时间线',
  eventsIntro: '基准情形（按文件所写输入）中带日期的事件。',
  eventsMissing: '事件需要情景文件，而该文件不可用。',
  noEvents: '基准情形中没有带日期的事件。',
  datacenters: '数据中心',
  datacentersIntro: '各数据中心每年年底在用的标准机架（基准情形）。',
  flows: '东部算力的去向',
  flowsIntro: '迁移中的东部工作负载，按每年年底的标准机架计：由贵安承接、由其他西部集群承接，或留在东部（{what}）。限制贵安增长的因素取自基准情形。',
  flowsStacked: '中位数；各部分分别取中位数，因此各部分之和不一定等于总和的中位数',
  comparison: '情景比较',
  comparisonIntro: 'A 为基准。Δ 为与 A 的差值。',
  inputsDiffer: '不同的输入',
  inputsDifferIntro: '解析后的输入，以基本单位表示。',
  inputsSame: '解析后的输入没有差异。',
  inputsMissing: '比较输入需要所有情景文件，而其中有文件不可用。',
  inputsGrouped: '{n} 项不同',
  deltas: '与 A 的差异',
  pBetterNote: 'P(X 更好) 为配对模拟（相同的模拟序号，因而共享输入的抽样值相同）中 X 优于 A 的比例；持平不计为更好。↑：该指标没有优劣方向，给出 X 更高的比例。',
  pBetterBatch: 'P(X 优于 A) 需要逐次模拟的数据，而批量运行目录不保存这些数据：请对情景文件运行 `dcplan report` 以获得它。',
  pBetterCentral: 'P(X 优于 A) 需要蒙特卡洛模拟（--runs N > 1）。',
  sensitivity: '{year} 年{metric}的驱动因素',
  sensitivityIntro: '每个不确定输入单独取其 P10 和 P90，其余按文件所写（条形图，围绕基准情形 {base}）；ρ 为该输入的抽样值与结果在 {runs} 次蒙特卡洛模拟中的斯皮尔曼秩相关系数。',
  sensitivityNoRho: 'ρ 需要蒙特卡洛模拟（--runs N > 1）。',
  sensitivityBatch: '龙卷风图需要逐次模拟的数据，而批量运行目录不保存这些数据：请运行 `dcplan report SCENARIO… --sensitivity {spec}` 以获得它。',
  sensitivityNone: '{name} 没有不确定输入：无可排序。',
  sensitivityOutside: '{year} 年不在 {name} 的时间范围内。',
  scaleNote: '× 表示该输入乘以情景中所写的值。',
  observed: '与报告数据对照',
  observedIntro: '每个报告数据（{file}）折算为贵安的区间，与模型在同一日期的值对照。',
  observedSummary: '{total} 项中 {inside} 项在区间内；另有 {band} 项在 P5–P95 区间内。',
  observedSummaryCentral: '{total} 项中 {inside} 项在区间内。',
  calibration: '情景的拟合方式',
  calibrationIntro: '该情景由 `dcplan calibrate` 生成：其文件头、设为最佳拟合值的输入，以及拟合所用的报告数据与模型的对照。',
  calibrationMissing: '拟合所用的报告数据（{file}）不可用：请用 --observed 给出，以显示拟合表。',
  calibrationChanged: '现有的报告数据文件与拟合所用的不同（SHA-256 不同）：表中为现有文件。',
  calibrationLater: '每个输入的先验与后验表由 `dcplan calibrate` 输出；本报告不重新运行校准。',
  fittedInputs: '设为最佳拟合值的输入',
  skipped: '本报告未包含：{list}。',
  batchFrom: '来自批量运行目录 {dir}：各情景的 result.json 与 manifest.json。',
  batchVersion: '该批量运行由 dcplan {version} 生成；本报告由 {current} 生成。',
  thInput: '输入',
  thValue: '文件中的值',
  thRange: '范围',
  thDistribution: '分布',
  thSource: '出处或说明',
  thWhere: '位置',
  thMetric: '指标',
  thYear: '年份',
  thTarget: '目标',
  thMedian: '中位数',
  thCentral: '基准情形',
  thBand: 'P5–P95',
  thPMet: 'P(达成)',
  thVerdict: '结论',
  thDate: '日期',
  thEvent: '事件',
  thDatacenter: '数据中心',
  thPlanned: '规划',
  thGuian: '贵安',
  thElsewhere: '其他集群',
  thStayEast: '留在东部',
  thLimit: '贵安的限制因素',
  thScenario: '情景',
  thPath: '路径',
  thDelta: 'Δ {label}',
  thDeltaPct: 'Δ% {label}',
  thPBetter: 'P({label} 更好)',
  thRank: '#',
  thParameter: '输入',
  thLowHigh: 'P10 → P90',
  thAtLow: 'P10 时',
  thAtHigh: 'P90 时',
  thSwing: '摆幅',
  thRho: 'ρ',
  thReported: '报告值',
  thModel: '模型',
  thFit: '是否在内',
  thNote: '说明',
  met: '达成',
  missed: '未达成',
  inside: '在内',
  inBand: '区间内',
  outside: '超出',
  centralDiffers: '基准情形{verdict}（{value}）',
  centralMeets: '达成',
  centralMisses: '未达成',
  payback: '投资回收（租金对运营支出和建设资本支出，基准情形）：{year}。',
  paybackNone: '不在时间范围内',
  assumed: '假设的站点',
  standardRacks: '标准机架',
  setOnCommandLine: '在命令行中设置',
  allScenarios: '全部',
  median: '中位数',
  total: '合计',
  calibrationSeeObserved: '拟合所用的报告数据与模型的对照见：',
  leverRange: '{min}–{max}{unit}，步长 {step}',
  chartTitle: '{label}',
  dcChartTitle: '各数据中心在用机架，{name}（基准情形）',
  flowChartTitle: '迁移中的东部工作负载，{name}（{what}）',
  timelineTitle: '事件，{name}（基准情形）',
  tornadoTitle: '{year} 年{metric}，{name}',
  others: '其他',
  centralCase: '基准情形',
  medians: '中位数',
};

const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { en: EN, zh: ZH };

/** A message with its `{name}` placeholders filled. */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return CATALOGUES[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The placeholders of a message, sorted: the same in every language. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

/** Every message of a language (for tests). */
export function catalogue(lang: Lang): Record<MessageKey, string> {
  return CATALOGUES[lang];
}

// ---------------------------------------------------------------- metrics

/** Chinese metric labels: one table for every face (src/report/i18n/metric-labels.ts). */
export { METRIC_LABELS_ZH };

/** A metric's label: METRICS' label in English, its translation in Chinese (a derived metric: its id). */
export function metricLabel(metric: string, lang: Lang): string {
  if (lang === 'zh' && metric in METRICS) return METRIC_LABELS_ZH[metric as MetricName];
  return labelOf(metric, undefined, lang);
}


/** The unit as written after a number in this language ('' for counts and plain numbers; '%' for shares). */
export function unitWord(unit: string, lang: Lang): string {
  if (lang === 'zh' && unit in UNITS_ZH) return UNITS_ZH[unit]!;
  return unitSuffix(unit, lang);
}

// ---------------------------------------------------------------- events and limits

export const EVENT_KINDS_ZH: Record<EventKind, string> = {
  'phase-start': '分期开工',
  'phase-live': '分期投运',
  'dc-complete': '数据中心建成',
  'budget-wait': '资金用尽，分期等待',
  'budget-resume': '资金到位，分期开工',
  'network-full': '网络已满',
  'grid-full': '电网接入已满',
  substation: '变电站投运',
  'export-control': '出口管制',
  subsidy: '补贴',
  'racks-full': '可租机架已满',
  'target-met': '目标达成',
  'target-missed': '目标未达成',
};

export const LIMITS_ZH: Record<BindingLimit, string> = {
  grid: '电网接入已满',
  network: '网络已满',
  money: '资金：分期等待资金',
  construction: '建设：机架已满',
  capacity: '容量：所有机房已满',
  demand: '需求：机架有余',
};

/** What bound Gui'an's growth, in words (English: the narration's `LIMIT_WORDS`). */
export function limitWords(limit: string, lang: Lang): string {
  if (!(limit in LIMIT_WORDS)) return limit;
  return lang === 'zh' ? LIMITS_ZH[limit as BindingLimit] : LIMIT_WORDS[limit as BindingLimit];
}

/** An event kind in words (Chinese only; English events speak for themselves). */
export function eventKindWords(kind: string, lang: Lang): string {
  if (lang === 'zh' && kind in EVENT_KINDS_ZH) return EVENT_KINDS_ZH[kind as EventKind];
  return kind.replace(/-/g, ' ');
}
