/**
Scenario problems in the reader's language. The loader (src/scenario) writes
every problem in English — it sits below the catalogue and its messages are
tested word for word — so the Chinese is made here, where problems are shown:
each common kind of message (unknown key, wrong type, missing key, out of
range, wrong unit, bad quantity, unknown lever, metric or hub, extends, file
and syntax errors, `--set` paths; a lesson file's translations, roles,
steps, placeholders and targets) is matched by a pattern and rewritten from
its parts. The frame stays `file:line:col  path  message`. A message no
pattern knows stays English inside the Chinese frame: an honest fallback, never
a wrong translation.
*/
import type { Problem } from '../../scenario/errors.js';
import { t, type MessageKey } from './catalogue.js';
import { getLang, withLang, type Lang } from './lang.js';

/** What a value should be ("a power", "a list"), the English phrases the loader uses. */
const WHAT: Record<string, MessageKey> = {
  'an amount of money': 'cli.what.money',
  'a cost per standard rack': 'cli.what.moneyPerRack',
  'a power': 'cli.what.power',
  'an energy': 'cli.what.energy',
  'a duration': 'cli.what.duration',
  'a latency': 'cli.what.latency',
  'a data rate': 'cli.what.dataRate',
  'a number of standard racks or a power': 'cli.what.racks',
  'a number of servers': 'cli.what.servers',
  'servers per standard rack': 'cli.what.serversPerRack',
  'a compute rate': 'cli.what.compute',
  'a price of energy': 'cli.what.powerPrice',
  'a carbon factor': 'cli.what.carbonFactor',
  'a water factor': 'cli.what.waterFactor',
  'a price per rack-month': 'cli.what.rackMonthPrice',
  'a price per kVA-month': 'cli.what.kvaMonthPrice',
  'a plain number': 'cli.what.number',
  'a share': 'cli.what.share',
  'a PUE': 'cli.what.pue',
  'a probability': 'cli.what.probability',
  'a discount rate': 'cli.what.discountRate',
  'a monthly mean temperature (°C)': 'cli.what.temperature',
  'a peak-to-mean ratio': 'cli.what.peakFactor',
  'a power factor': 'cli.what.powerFactor',
  'a price factor': 'cli.what.priceFactor',
  'an energy-per-work ratio': 'cli.what.energyPerWork',
  'a mapping': 'cli.what.mapping',
  'a list': 'cli.what.list',
  'text': 'cli.what.text',
  'true or false': 'cli.what.boolean',
  'an integer': 'cli.what.integer',
  'a number': 'cli.what.numberValue',
  'a finite number': 'cli.what.finite',
  'a per-year value': 'cli.what.perYear',
  'a per-year value: a quantity, a formula over year, or a map {year: value}': 'cli.what.series',
  // lesson files (src/scenario/lesson-schema.ts; a target's VALUE, lesson-target.ts)
  'a text in both languages, {en: ..., zh: ...}': 'cli.what.lessonText',
  'a list of roles': 'cli.what.roles',
  'a list of lever ids': 'cli.what.leverIds',
  'a list of steps': 'cli.what.steps',
  'a list of choices': 'cli.what.choices',
  'all or a list of lever ids': 'cli.what.allOrLeverIds',
  'a mapping {leverId: value}': 'cli.what.leverMap',
  "a number in the lever's unit": 'cli.what.leverUnit',
  'a year': 'cli.what.year',
  'a probability, 0.9 or "90%"': 'cli.what.lessonProbability',
  'the number of the right choice (1 for the first)': 'cli.what.rightChoice',
  'a share (0.9 or 90%)': 'cli.what.targetShare',
  'an amount of money (e.g. "40 billion CNY")': 'cli.what.targetMoney',
  'a number of racks or a power (2.5 kW a rack)': 'cli.what.targetRacks',
  'a number of people': 'cli.what.people',
};

/** The kind of quantity a value turned out to be ("(time)" after "got"). */
const DIMENSION: Record<string, MessageKey> = {
  money: 'cli.dim.money',
  power: 'cli.dim.power',
  energy: 'cli.dim.energy',
  time: 'cli.dim.time',
  'data rate': 'cli.dim.dataRate',
  racks: 'cli.dim.racks',
  count: 'cli.dim.count',
  'servers per rack': 'cli.dim.serversPerRack',
  compute: 'cli.dim.compute',
  'price of energy': 'cli.dim.powerPrice',
  'mass per energy': 'cli.dim.massPerEnergy',
  'volume per energy': 'cli.dim.volumePerEnergy',
  'price per rack-month': 'cli.dim.rackMonthPrice',
  'price per power-month': 'cli.dim.powerMonthPrice',
  'a plain number': 'cli.dim.number',
  length: 'cli.dim.length',
  mass: 'cli.dim.mass',
};

/** A value as the loader describes it (`describeValue`): words for lists, mappings and nothing; numbers and quoted text as they are. */
function valueText(v: string): string {
  if (v === 'a list') return t('cli.value.list');
  if (v === 'a mapping') return t('cli.value.mapping');
  if (v === 'nothing') return t('cli.value.nothing');
  return v;
}

/** A list the lesson loader names, or "none" said in the reader's language. */
const noneText = (list: string): string => (list === 'none' ? t('cli.problem.lesson.none') : list);

/** A phrase from a table, or undefined (the message then stays English). */
const phrase = (table: Record<string, MessageKey>, s: string): string | undefined => (table[s] !== undefined ? t(table[s]) : undefined);

type Rule = [RegExp, (m: RegExpExecArray) => string | undefined];

/** Patterns of the loader's messages, tried in order (the first that matches and can say every part wins). */
const RULES: Rule[] = [
  // observation files (src/scenario/observed.ts)
  [/^missing key "(\w+)": (.*)$/, (m) => {
    const why = observationWhy(m[2]!);
    return why && t('cli.problem.obs.missingWhy', { key: m[1]!, why });
  }],
  [/^min (.+) is greater than max (.+)$/, (m) => t('cli.problem.obs.minMax', { min: m[1]!, max: m[2]! })],
  [/^the low share (.+) is greater than the high share (.+)$/, (m) => t('cli.problem.obs.shares', { lo: m[1]!, hi: m[2]! })],
  [/^(.+) is a plain number: (\w+) is in (.+), give a unit, e\.g\. "(.*)"$/, (m) => t('cli.problem.obs.plain', { value: m[1]!, metric: m[2]!, unit: m[3]!, example: m[4]! })],
  [/^(\w+) is in (.+?): expected (.+?) \(e\.g\. "(.*)"\), got "(.*)" \((.*)\)$/, (m) => {
    const what = phrase(WHAT, m[3]!);
    return what && t('cli.problem.obs.unit', { metric: m[1]!, unit: m[2]!, what, example: m[4]!, got: m[5]!, noun: m[6]! });
  }],
  [/^duplicate id "(.*)" \(first at line (\d+)\)$/, (m) => t('cli.problem.obs.duplicateId', { id: m[1]!, line: m[2]! })],
  [/^unknown (kind|scope|quality) (\S+)(?: \(one of (.*)\))?$/, (m) => {
    const what = t(OBS_FIELD[m[1]!]!);
    return m[3] === undefined ? t('cli.problem.obs.unknownOf', { what, got: m[2]! }) : t('cli.problem.obs.unknownOfList', { what, got: m[2]!, list: m[3] });
  }],
  [/^expected a URL \(http:\/\/ or https:\/\/\) of the page the figure is on, got (.*)$/, (m) => t('cli.problem.obs.url', { got: m[1]! })],
  [/^a relative uncertainty must be at least 0 and less than 1, got (.*)$/, (m) => t('cli.problem.obs.uncertainty', { got: m[1]! })],
  // the scenario schema's own words (src/scenario/schema.ts) and rarer checks
  [/^(id|en|zh|value|min|max) must be (a string|text|a plain number), got (.*)$/, (m) =>
    t('cli.problem.s.mustBe', { field: m[1]!, what: t(m[2] === 'a string' ? 'cli.what.string' : m[2] === 'text' ? 'cli.what.text' : 'cli.what.number'), got: valueText(m[3]!) })],
  [/^(en|zh) must not be empty$/, (m) => t('cli.problem.s.mustNotBeEmpty', { field: m[1]! })],
  [/^missing (en|zh): a text in two languages gives both en and zh$/, (m) => t('cli.problem.s.missingLang', { lang: m[1]! })],
  [/^an id must not contain dots, spaces or \*$/, () => t('cli.problem.s.idChars')],
  [/^dist\.type must be one of (.+?), got (.*)$/, (m) => t('cli.problem.s.distType', { list: m[1]!, got: valueText(m[2]!) })],
  [/^dist\.type must be one of (.+)$/, (m) => t('cli.problem.s.distTypeMissing', { list: m[1]! })],
  [/^origin must be domestic or imported, got (.*)$/, (m) => t('cli.problem.s.origin', { got: valueText(m[1]!) })],
  [/^need min ≤ mode ≤ max, got min (.+), mode (.+), max (.+)$/, (m) => t('cli.problem.s.minModeMax', { min: m[1]!, mode: m[2]!, max: m[3]! })],
  [/^expected (number|object|string|boolean|array), received (\w+)$/, (m) => {
    const type = (w: string): string => (TYPE_WORD[w] ? t(TYPE_WORD[w]) : w);
    return t('cli.problem.s.zodType', { what: type(m[1]!), got: type(m[2]!) });
  }],
  [/^Invalid option: expected one of (.*)$/, (m) => t('cli.problem.s.invalidOption', { list: m[1]! })],
  [/^unit "(.*)" does not fit (\S+), which expects a plain number \(use "(.*)"\)$/, (m) => t('cli.problem.s.unitPlain', { unit: m[1]!, path: m[2]!, example: m[3]! })],
  [/^unit "(.*)" does not fit (\S+), which expects (.+?) \(e\.g\. "(.*)"\)$/, (m) => {
    const what = phrase(WHAT, m[3]!);
    return what && t('cli.problem.s.unitFit', { unit: m[1]!, path: m[2]!, what, example: m[4]! });
  }],
  [/^(min|max) \((.+)\) is outside (\w+)'s range: it must be between (.+) and (.+)$/, (m) =>
    t('cli.problem.s.leverOutside', { end: m[1]!, value: m[2]!, name: m[3]!, min: m[4]!, max: m[5]! })],
  [/^until \((.+)\) is before from \((.+)\)$/, (m) => t('cli.problem.s.untilBefore', { until: m[1]!, from: m[2]! })],
  [/^a server holds at least (\d+) card, got (.*)$/, (m) => t('cli.problem.s.perServer', { n: m[1]!, got: m[2]! })],
  [/^correlate names exactly two entries of this list, e\.g\. (.*)$/, (m) => t('cli.problem.s.correlate', { example: m[1]! })],
  [/^rho must be strictly between (\S+) and (\S+), got (.*)$/, (m) => t('cli.problem.s.rho', { min: m[1]!, max: m[2]!, got: m[3]! })],
  [/^sigma must be at least (\S+), got (.*)$/, (m) => t('cli.problem.s.sigma', { min: m[1]!, got: m[2]! })],
  [/^step must be greater than (\S+), got (.*)$/, (m) => t('cli.problem.s.step', { min: m[1]!, got: m[2]! })],
  [/^monthlyTemp needs exactly (\d+) values \(January\.\.December\)$/, (m) => t('cli.problem.s.monthlyTemp', { n: m[1]! })],
  [/^expected an integer$/, () => t('cli.problem.s.integer')],
  [/^empty formula$/, () => t('cli.problem.s.emptyFormula')],
  [/^a parameter with a range needs a value, e\.g\. (.*)$/, (m) => t('cli.problem.s.paramRange', { example: m[1]! })],
  [/^a parameter must be a plain number or \{value, min, max\}, got (.*)$/, (m) => t('cli.problem.s.parameter', { got: valueText(m[1]!) })],
  [/^expected a temperature in °C \(a number\), got (.*)$/, (m) => t('cli.problem.expected', { what: t('cli.what.temperature2'), got: valueText(m[1]!) })],
  [/^expected a rank correlation between (\S+) and (\S+) \(a number\), got (.*)$/, (m) =>
    t('cli.problem.expected', { what: t('cli.what.rankCorrelation', { min: m[1]!, max: m[2]! }), got: valueText(m[3]!) })],
  [/^expected a mapping \{hubId: latency\}, got (.*)$/, (m) => t('cli.problem.expected', { what: t('cli.what.latencyMap'), got: valueText(m[1]!) })],
  [/^expected a mapping of name: number, got (.*)$/, (m) => t('cli.problem.expected', { what: t('cli.what.nameNumberMap'), got: valueText(m[1]!) })],
  [/^expected a list of two entry paths, got (.*)$/, (m) => t('cli.problem.expected', { what: t('cli.what.twoPaths'), got: valueText(m[1]!) })],
  [/^expected a list of (\d+) temperatures, got (.*)$/, (m) => t('cli.problem.expected', { what: t('cli.what.temperatures', { n: m[1]! }), got: valueText(m[2]!) })],
  [/^expected text, or \{en: \.\.\., zh: \.\.\.\} in both languages, got (.*)$/, (m) => t('cli.problem.expected', { what: t('cli.what.localText'), got: valueText(m[1]!) })],
  [/^expected a start month "(.*)", got (.*)$/, (m) => t('cli.problem.expected', { what: t('cli.what.startMonth', { example: m[1]! }), got: valueText(m[2]!) })],
  [/^expected a month "(.*)", got (.*)$/, (m) => t('cli.problem.expected', { what: t('cli.what.monthText', { example: m[1]! }), got: valueText(m[2]!) })],
  [/^expected a quantity \(a number, or a string like "(.*)"\), got (.*)$/, (m) => t('cli.problem.s.quantity', { example: m[1]!, got: valueText(m[2]!) })],
  [/^can draw (\S+), outside (\w+)'s range: it must be between (\S+) and (\S+)$/, (m) => t('cli.problem.s.canDraw', { value: m[1]!, name: m[2]!, min: m[3]!, max: m[4]! })],
  [/^runs must be at least (\d+)$/, (m) => t('cli.problem.s.runs', { min: m[1]! })],
  [/^workload shares must sum to 1 \(±0\.001\), got (.*)$/, (m) => t('cli.problem.s.workloadShares', { got: m[1]! })],
  [/^the shares of month (\d+) sum to (.+); each month's shares must sum to 1 \(±0\.01\)$/, (m) => t('cli.problem.s.monthShares', { month: m[1]!, sum: m[2]! })],
  [/^the residual mix cannot be cleaner than the grid average: in (\d+) residualFactor is (.+) kg\/kWh, below gridFactor (.+) kg\/kWh \((.*)\)$/, (m) =>
    t('cli.problem.s.residual', { year: m[1]!, residual: m[2]!, grid: m[3]!, where: m[4] === 'the default' ? t('cli.problem.s.theDefault') : m[4]! })],
  [/^formula "(.*)" gives a plain number \((.+) in (\d+)\): give it a unit, e\.g\. "(.*)"$/, (m) => t('cli.problem.s.formulaPlain', { formula: m[1]!, value: m[2]!, year: m[3]!, example: m[4]! })],
  [/^bad path "(.*)"$/, (m) => t('cli.problem.s.badPath', { path: m[1]! })],
  [/^(a general server|an AI server) of (\S+) kW needs at least (\S+) standard racks? of budget \(rackShare ≥ (\S+)\), got rackShare (\S+): a server draws at most (\S+) kW per standard rack of budget$/, (m) =>
    t('cli.problem.s.rackShare', { server: t(m[1] === 'an AI server' ? 'cli.problem.s.aiServer' : 'cli.problem.s.generalServer'), power: m[2]!, need: m[3]!, got: m[5]!, kw: m[6]! })],
  [/^the horizon may span at most (\d+) years, got (\d+)$/, (m) => t('cli.problem.s.horizonSpan', { max: m[1]!, got: m[2]! })],
  [/^the horizon must start between (\d+) and (\d+), got (.*)$/, (m) => t('cli.problem.s.horizonStart', { min: m[1]!, max: m[2]!, got: valueText(m[3]!) })],
  [/^the horizon must end in or after its start year (\d+), got (.*)$/, (m) => t('cli.problem.s.horizonEnd', { start: m[1]!, got: valueText(m[2]!) })],
  [/^start year must be between (\d+) and (\d+), got (.*)$/, (m) => t('cli.problem.s.startYear', { min: m[1]!, max: m[2]!, got: valueText(m[3]!) })],
  [/^unknown hub "(.*)"; latency keys must be hub ids \((.*)\)$/, (m) =>
    t('cli.problem.s.latencyHub', { hub: m[1]!, list: m[2] === 'no hubs defined' ? t('cli.problem.s.noHubs') : m[2]! })],
  [/^"(.*)" is not an entry of this uncertainty list \(its entries: (.*)\)$/, (m) => t('cli.problem.s.notEntryList', { name: m[1]!, list: m[2]! })],
  [/^"(.*)" is not an entry of this uncertainty list$/, (m) => t('cli.problem.s.notEntry', { name: m[1]! })],
  [/^expected a sensitivity per \(CNY per rack-month\) \(e\.g\. "(.*)"\), got "(.*)" \((.*)\)$/, (m) => {
    const dim = phrase(DIMENSION, m[3]!);
    return dim && t('cli.problem.s.sensitivity', { example: m[1]!, got: m[2]!, dim });
  }],
  [/^expected a rent: a quantity per standard rack like "(.*)", or \{price: (.*), rackPower: (.*)\}, got (.*)$/, (m) =>
    t('cli.problem.s.rent', { example: m[1]!, price: m[2]!, power: m[3]!, got: valueText(m[4]!) })],
  [/^unknown key "(.*)"$/, (m) => t('cli.problem.unknownKey', { key: m[1]! })],
  // lesson files (src/scenario/lesson.ts, lesson-schema.ts, lesson-target.ts)
  // a placeholder's problem is "{body}: <the problem>", the inner one said by the other rules
  [/^(\{[^{}]*\}): (.*)$/, (m) => {
    const why = translateCore(m[2]!);
    return why && t('cli.problem.lesson.inPlaceholder', { placeholder: m[1]!, why });
  }],
  [/^(\{[^{}]*\}) is not a placeholder: write \{METRIC@YEAR\}, \{METRIC@YEAR:p5\}, \{P:TARGET\} or \{lever:ID\} \(docs\/lessons\.md\); \{\{ and \}\} write braces$/, (m) =>
    t('cli.problem.lesson.notPlaceholder', { placeholder: m[1]! })],
  [/^\{P:challenge\} needs a challenge in the same step$/, () => t('cli.problem.lesson.challengeP')],
  [/^no target "(.*?)" in (.*?)(?: \(did you mean "(.*)"\?\))?; its targets: (.*)$/, (m) =>
    t(m[3] !== undefined ? 'cli.problem.lesson.noTargetDym' : 'cli.problem.lesson.noTarget', { id: m[1]!, scenario: m[2]!, name: m[3] ?? '', targets: noneText(m[4]!) })],
  [/^unknown statistic "(.*)"; after the colon: (.*)$/, (m) => t('cli.problem.lesson.statistic', { stat: m[1]!, list: m[2]! })],
  [/^unknown metric "(.*?)"(?: \(did you mean "(.*)"\?\))?; metrics are the column names of `dcplan run --format csv` \(docs\/results\.md\)$/, (m) =>
    t(m[2] !== undefined ? 'cli.problem.lesson.unknownMetricDym' : 'cli.problem.lesson.unknownMetric', { metric: m[1]!, name: m[2] ?? '' })],
  [/^"(.*)" is not METRIC@YEAR, e\.g\. (\S+)$/, (m) => t('cli.problem.lesson.metricAt', { text: m[1]!, example: m[2]! })],
  [/^"(.*)" is not METRIC@YEAR >= VALUE or METRIC@YEAR <= VALUE; e\.g\. '(.*)'$/, (m) => t('cli.problem.lesson.target', { text: m[1]!, example: m[2]! })],
  [/^no value after the comparison; e\.g\. '(.*)'$/, (m) => t('cli.problem.lesson.noValue', { example: m[1]! })],
  [/^"(.*)": use >= or <= \(a target is met at its bound, as atLeast\/atMost in scenario files\)$/, (m) => t('cli.problem.lesson.op', { text: m[1]! })],
  [/^"(.*)" is not (.+): (\w+) is in (.+)$/, (m) => {
    const numberOf = /^a number of (.+)$/.exec(m[2]!);
    const what = phrase(WHAT, m[2]!) ?? (numberOf ? t('cli.what.numberOf', { unit: numberOf[1]! }) : undefined);
    if (what === undefined) return undefined;
    return m[4] === 'plain numbers'
      ? t('cli.problem.lesson.targetPlain', { text: m[1]!, what, metric: m[3]! })
      : t('cli.problem.lesson.targetValue', { text: m[1]!, what, metric: m[3]!, unit: m[4]! });
  }],
  [/^probability must be strictly between (\S+) and (\S+) \(e\.g\. 0\.9 or "90%"\), got (.*)$/, (m) =>
    t('cli.problem.lesson.probability', { min: m[1]!, max: m[2]!, got: valueText(m[3]!) })],
  [/^missing translation: the text is in one language only; give it in both, \{en: "…", zh: "…"\}$/, () => t('cli.problem.lesson.oneLanguage')],
  [/^scenario file not found: (.*?)(?: \((.*) from the lesson file's directory\))?$/, (m) =>
    t(m[2] !== undefined ? 'cli.problem.lesson.scenarioNotFoundRel' : 'cli.problem.lesson.scenarioNotFound', { file: m[1]!, raw: m[2] ?? '' })],
  [/^observations file not found: (.*)$/, (m) => t('cli.problem.lesson.observedNotFound', { file: m[1]! })],
  [/^the scenario (.*) has problems \(above\)$/, (m) => t('cli.problem.lesson.scenarioProblems', { file: m[1]! })],
  [/^lever "(.*)" is already held by the role "(.*)": a lever has one owner$/, (m) => t('cli.problem.lesson.leverOwner', { lever: m[1]!, role: m[2]! })],
  [/^duplicate role id "(.*)" \(first used at line (\d+)\)$/, (m) => t('cli.problem.lesson.duplicateRole', { id: m[1]!, line: m[2]! })],
  [/^missing required key "(.*)": a lesson has at least one step$/, (m) => t('cli.problem.lesson.missingSteps', { key: m[1]! })],
  [/^a brace without its pair: write \{\{ or \}\} for a brace in the text$/, () => t('cli.problem.lesson.brace')],
  [/^unknown key "(.*)" \(a comma inside \{…\} starts a new key: put the text in quotes\)$/, (m) => t('cli.problem.lesson.commaKey', { key: m[1]! })],
  [/^expected a whole year$/, () => t('cli.problem.lesson.wholeYear')],
  [/^expected a whole number$/, () => t('cli.problem.lesson.wholeNumber')],
  [/^a question offers at least (\d+) choices$/, (m) => t('cli.problem.lesson.minChoices', { n: m[1]! })],
  [/^a question offers at most (\d+) choices \(keys (.+)\)$/, (m) => t('cli.problem.lesson.maxChoices', { n: m[1]!, keys: m[2]! })],
  [/^a challenge puts at least one lever in play$/, () => t('cli.problem.lesson.noLevers')],
  [/^at most (\d+) lever ids$/, (m) => t('cli.problem.lesson.maxLevers', { n: m[1]! })],
  [/^an id cannot be empty$/, () => t('cli.problem.lesson.emptyId')],
  [/^missing translation: no (Chinese|English) \((zh|en)\) text$/, (m) => t('cli.problem.noTranslation', { lang: m[2]! })],
  [/^missing translation: the (Chinese|English) \((zh|en)\) text is empty$/, (m) => t('cli.problem.emptyTranslation', { lang: m[2]! })],
  [/^no lever "(.*)" in (.*?)(?: \(did you mean "(.*)"\?\))?; its levers: (.*)$/, (m) =>
    t(m[3] !== undefined ? 'cli.problem.lessonLeverDym' : 'cli.problem.lessonLever', { id: m[1]!, scenario: m[2]!, name: m[3] ?? '', levers: noneText(m[4]!) })],
  [/^(\S+) is outside the range of lever "(.*)": (.*)$/, (m) => t('cli.problem.lessonLeverRange', { value: m[1]!, id: m[2]!, range: m[3]! })],
  [/^unknown view "(.*?)"(?: \(did you mean "(.*)"\?\))?; views: (.*)$/, (m) =>
    t(m[2] !== undefined ? 'cli.problem.unknownViewDym' : 'cli.problem.unknownView', { view: m[1]!, name: m[2] ?? '', views: m[3]! })],
  [/^(-?\d+) is outside the horizon of (.*) \((\d+)–(\d+)\)$/, (m) => t('cli.problem.lessonYear', { year: m[1]!, scenario: m[2]!, start: m[3]!, end: m[4]! })],
  [/^answer (-?\d+) is not one of the choices: 1…(\d+) \(1 is the first\)$/, (m) => t('cli.problem.answer', { answer: m[1]!, n: m[2]! })],
  [/^a lesson has at least one step$/, () => t('cli.problem.noSteps')],
  [/^missing required key "(.*)"$/, (m) => t('cli.problem.missingKey', { key: m[1]! })],
  [/^missing (.+)$/, (m) => {
    const what = phrase(WHAT, m[1]!);
    return what && t('cli.problem.missing', { what });
  }],
  [/^expected (.+?)(?: \(e\.g\. "(.*)"\))?, got "(.*)" \(([^()]*)\)$/, (m) => {
    const what = phrase(WHAT, m[1]!);
    // a dimension without a name ("mass^-1·length^-2·…") is written as it is
    const dim = phrase(DIMENSION, m[4]!) ?? (/[·^]/.test(m[4]!) ? m[4]! : undefined);
    if (!what || !dim) return undefined;
    return m[2] !== undefined ? t('cli.problem.wrongUnitExample', { what, example: m[2], got: m[3]!, dim }) : t('cli.problem.wrongUnit', { what, got: m[3]!, dim });
  }],
  [/^expected (.+?), got a true\/false result from "(.*)"$/, (m) => {
    const what = phrase(WHAT, m[1]!);
    return what && t('cli.problem.boolResult', { what, got: m[2]! });
  }],
  [/^expected (.+?), got "(.*)", which is not a real number$/, (m) => {
    const what = phrase(WHAT, m[1]!);
    return what && t('cli.problem.notReal', { what, got: m[2]! });
  }],
  [/^expected (.+?) \(a number, or a string like "150 MW"\), got (.*)$/, (m) => {
    const what = phrase(WHAT, m[1]!);
    return what && t('cli.problem.quantity', { what, got: valueText(m[2]!) });
  }],
  [/^expected (.+?), got (.*)$/, (m) => {
    const what = phrase(WHAT, m[1]!);
    return what && t('cli.problem.expected', { what, got: valueText(m[2]!) });
  }],
  [/^(.+) is a plain number: give a unit, e.g. "(.*)"$/, (m) => t('cli.problem.plainNumber', { value: m[1]!, example: m[2]! })],
  [/^"(.*)" is a unit without a number$/, (m) => t('cli.problem.unitOnly', { text: m[1]! })],
  [/^(?:(.+?) )?must be between (.+) and (.+), got (.+)$/, (m) => range('cli.problem.between', m[1], { min: m[2]!, max: m[3]!, got: m[4]! })],
  // a parameter by name ("demandGrowth must be between 0 and 0.5"), after the phrases the table knows
  [/^(\w+) must be between (\S+) and (\S+), got (.+)$/, (m) => t('cli.problem.s.paramBetween', { name: m[1]!, min: m[2]!, max: m[3]!, got: m[4]! })],
  [/^(?:(.+?) )?must be at least (.+?)( \(not negative\))?, got (.+)$/, (m) => range(m[3] ? 'cli.problem.notNegative' : 'cli.problem.atLeast', m[1], { min: m[2]!, got: m[4]! })],
  [/^(?:(.+?) )?must be at most (.+), got (.+)$/, (m) => range('cli.problem.atMost', m[1], { max: m[2]!, got: m[3]! })],
  [/^(?:(.+?) )?must be greater than (.+), got (.+)$/, (m) => range('cli.problem.greaterThan', m[1], { min: m[2]!, got: m[3]! })],
  [/^expected a finite number, got (.+)$/, (m) => t('cli.problem.finite', { got: m[1]! })],
  [/^unknown name "(.*)" in "(.*)"$/, (m) => t('cli.problem.unknownName', { name: m[1]!, text: m[2]! })],
  [/^formula "(.*)" gives NaN in (\d+)$/, (m) => t('cli.problem.nan', { formula: m[1]!, year: m[2]! })],
  [/^formula "(.*)" gives (-?)Infinity in (\d+)$/, (m) => t('cli.problem.infinity', { formula: m[1]!, sign: m[2]!, year: m[3]! })],
  [/^formula "(.*)" fails in (\d+): (.*)$/, (m) => t('cli.problem.formulaFails', { formula: m[1]!, year: m[2]!, why: m[3]! })],
  [/^duplicate id "(.*)" \(first used at line (\d+)\)$/, (m) => t('cli.problem.duplicateId', { id: m[1]!, line: m[2]! })],
  [/^duplicate key "(.*)"$/, (m) => t('cli.problem.duplicateKey', { key: m[1]! })],
  [/^YAML syntax: (.*)$/, (m) => t('cli.problem.yaml', { why: m[1]! })],
  [/^JSON syntax: (.*)$/, (m) => t('cli.problem.json', { why: m[1]! })],
  [/^file not found: (.*)$/, (m) => t('cli.problem.notFound', { file: m[1]! })],
  [/^cannot read (.*): ([A-Z]+)$/, (m) => t('cli.problem.cannotRead', { file: m[1]!, code: m[2]! })],
  [/^(.*) is not a file$/, (m) => t('cli.problem.notAFile', { file: m[1]! })],
  [/^the file is empty: expected a mapping of scenario keys \(name, horizon, datacenters, \.\.\.\)$/, () => t('cli.problem.empty')],
  [/^unknown override path: "(.*)" is not a scenario key or lever id$/, (m) => t('cli.problem.unknownPathTop', { seg: m[1]! })],
  [/^unknown override path: "(.*)" is not a key of (.*)$/, (m) => t('cli.problem.unknownPath', { seg: m[1]!, prefix: m[2]! })],
  [/^no item "(.*)" in (.*)$/, (m) => t('cli.problem.noItem', { seg: m[1]!, prefix: m[2]! })],
  [/^(.*) is a single value, it has no "(.*)"$/, (m) => t('cli.problem.singleValue', { prefix: m[1]!, seg: m[2]! })],
  [/^(.*) has no items$/, (m) => t('cli.problem.noItems', { prefix: m[1]! })],
  [/^unknown path: "(.*)" is not a key of (.*)$/, (m) => t('cli.problem.unknownKeyOf', { seg: m[1]!, prefix: m[2]! })],
  [/^(.*) is not a number or a per-year value$/, (m) => t('cli.problem.notNumeric', { path: m[1]! })],
  [/^empty path$/, () => t('cli.problem.emptyPathPlain')],
  [/^explain takes one value; `\*` is not allowed$/, () => t('cli.problem.explainStar')],
  [/^a lever sets one value; `\*` is not allowed$/, () => t('cli.problem.leverStar')],
  [/^empty override path$/, () => t('cli.problem.emptyPath')],
  [/^extends cannot be overridden$/, () => t('cli.problem.extendsOverride')],
  [/^cannot set (.*)$/, (m) => t('cli.problem.cannotSet', { path: m[1]! })],
  [/^(.*) is outside the lever's range (.*) to (.*)$/, (m) => t('cli.problem.leverRange', { value: m[1]!, min: m[2]!, max: m[3]! })],
  [/^extends must be a relative file path \(a string\)$/, () => t('cli.problem.extendsPath')],
  [/^extends chain deeper than (\d+) files$/, (m) => t('cli.problem.extendsDepth', { n: m[1]! })],
  [/^extends cycle: (.*)$/, (m) => t('cli.problem.extendsCycle', { chain: m[1]! })],
  [/^unknown metric "(.*)" in "(.*)"$/, (m) => t('cli.problem.unknownMetricIn', { metric: m[1]!, formula: m[2]! })],
  [/^unknown metric "(.*)"$/, (m) => t('cli.problem.unknownMetric', { metric: m[1]! })],
  [/^unknown hub "(.*)"$/, (m) => t('cli.problem.unknownHub', { hub: m[1]! })],
  [/^unknown lever "(.*)"$/, (m) => t('cli.problem.unknownLever', { lever: m[1]! })],
  [/^year must be within the horizon (\d+)–(\d+), got (.*)$/, (m) => t('cli.problem.yearOutside', { start: m[1]!, end: m[2]!, got: m[3]! })],
  [/^(.*) is outside the horizon (\d+)–(\d+)$/, (m) => t('cli.problem.outsideHorizon', { value: m[1]!, start: m[2]!, end: m[3]! })],
  [/^a target needs atLeast or atMost \(or both\)$/, () => t('cli.problem.targetBound')],
  [/^max \((.*)\) must be at least min \((.*)\)$/, (m) => t('cli.problem.maxBelowMin', { max: m[1]!, min: m[2]! })],
  [/^month must be 01–12, got (.*)$/, (m) => t('cli.problem.month', { got: m[1]! })],
  [/^expected a start month "YYYY-MM" \(e\.g\. "2021-06"\), got (.*)$/, (m) => t('cli.problem.startMonth', { got: valueText(m[1]!) })],
  [/^override value too long$/, () => t('cli.problem.overrideTooLong')],
  [/^starts (\d{4}-\d{2}), after the horizon ends \((\d+)\)$/, (m) => t('cli.problem.startsAfter', { start: m[1]!, end: m[2]! })],
  [/^(\w+) must be between (.+) and (.+) \(the range set in (.+)\), got (.+)$/, (m) =>
    t('cli.problem.paramRange', { name: m[1]!, min: m[2]!, max: m[3]!, where: m[4]!, got: m[5]! })],
  [/^(\w+) = (.+) set here makes the formula of (\S+) \((.+)\) invalid in (\d+)$/, (m) =>
    t('cli.problem.blame', { name: m[1]!, value: m[2]!, path: m[3]!, where: m[4]!, year: m[5]! })],
  [/^function "(.*)" is not allowed \(allowed: (.*)\) in formula "(.*)"$/, (m) => t('cli.problem.function', { name: m[1]!, allowed: m[2]!, formula: m[3]! })],
  [/^operator "(.*)" is not allowed in formula "(.*)"$/, (m) => t('cli.problem.operator', { op: m[1]!, formula: m[2]! })],
];

/** The value types zod names ("expected number, received string"). */
const TYPE_WORD: Record<string, MessageKey> = { number: 'cli.type.number', object: 'cli.type.object', string: 'cli.type.string', boolean: 'cli.type.boolean', array: 'cli.type.array' };

/** The observation fields a "unknown kind/scope/quality" names. */
const OBS_FIELD: Record<string, MessageKey> = { kind: 'cli.problem.obs.field.kind', scope: 'cli.problem.obs.field.scope', quality: 'cli.problem.obs.field.quality' };

/** The loader's reasons an observation needs a key (src/scenario/observed.ts), each in the reader's language. */
const OBSERVATION_WHY: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^a year \(2024\) or a year-month \(2024-07\)$/, () => t('cli.problem.obs.why.date')],
  [/^the area the figure covers: one of (.*)$/, (m) => t('cli.problem.obs.why.scope', { list: m[1]! })],
  [/^one of (.*)$/, (m) => t('cli.problem.obs.why.oneOf', { list: m[1]! })],
  [/^what the figure counts, in words \("powered-on servers", "physical racks", "FP16 EFLOPS"\)$/, () => t('cli.problem.obs.why.definition')],
  [/^the URL of the page the figure is on$/, () => t('cli.problem.obs.why.source')],
  [/^every observation has a unique name, e\.g\. (.*)$/, (m) => t('cli.problem.obs.why.id', { example: m[1]! })],
  [/^the model metric the figure is compared with, e\.g\. (.*)$/, (m) => t('cli.problem.obs.why.metric', { examples: m[1]! })],
  [/^a range takes min and max, e\.g\. (.*)$/, (m) => t('cli.problem.obs.why.range', { example: m[1]! })],
  [/^an? (\w+) observation takes a value, e\.g\. (.*)$/, (m) => t('cli.problem.obs.why.value', { kind: m[1]!, example: m[2]! })],
  [/^a (\S+) figure needs Gui'an's share of it as \[low, high\], e\.g\. (.*)$/, (m) => t('cli.problem.obs.why.share', { scope: m[1]!, example: m[2]! })],
  [/^a (\S+) (\w+) stands in for Gui'an's: say how far it may be off \(e\.g\. (.*)\)$/, (m) => t('cli.problem.obs.why.uncertainty', { scope: m[1]!, metric: m[2]!, example: m[3]! })],
];

/** Why an observation needs a key, or undefined for a reason not known here. */
function observationWhy(why: string): string | undefined {
  for (const [re, f] of OBSERVATION_WHY) {
    const m = re.exec(why);
    if (m) return f(m);
  }
  return undefined;
}

/** A range problem: "a PUE must be between 1 and 3, got 0.9" (the subject, when named, is one the table knows). */
function range(key: MessageKey, subject: string | undefined, params: Record<string, string>): string | undefined {
  const what = subject === undefined ? '' : phrase(WHAT, subject);
  if (what === undefined) return undefined;
  return t(key, { ...params, what });
}

/** One message without its prefix and suffix, or undefined when no rule can say it. */
function translateCore(msg: string): string | undefined {
  for (const [re, f] of RULES) {
    const m = re.exec(msg);
    if (!m) continue;
    const out = f(m);
    if (out !== undefined) return out;
  }
  return undefined;
}

/**
A problem's message in `lang` (the session's by default). Chinese where a
pattern knows the message (with its "(did you mean …?)" and its formula's
"in 2023:" said in Chinese too); the English message otherwise.
*/
export function problemMessage(msg: string, lang: Lang = getLang()): string {
  if (lang === 'en') return msg;
  let core = msg;
  let suffix = '';
  // an unknown metric in an observation file points to the list of metrics
  const docs = / \(docs\/observations\.md lists the metrics and their units\)$/.exec(core);
  if (docs) {
    core = core.slice(0, docs.index);
    suffix = t('cli.problem.obs.docsHint', {}, lang);
  }
  const dym = / \(did you mean "(.*)"\?\)$/.exec(core);
  if (dym) {
    core = core.slice(0, dym.index);
    suffix = t('cli.problem.didYouMean', { name: dym[1]! }, lang) + suffix;
  }
  let prefix = '';
  const formula = /^formula "(.*)" in (\d+): /.exec(core);
  if (formula) {
    core = core.slice(formula[0].length);
    prefix = t('cli.problem.inYear', { formula: formula[1]!, year: formula[2]! }, lang);
  }
  const inYear = /^in (\d+): /.exec(core);
  if (!formula && inYear) {
    core = core.slice(inYear[0].length);
    prefix = t('cli.problem.yearPrefix', { year: inYear[1]! }, lang);
  }
  const said = withLang(lang, () => translateCore(core));
  return said === undefined ? msg : `${prefix}${said}${suffix}`;
}

/** `file:line:col  path  message`, the message in the reader's language (as `formatProblem` lays it out). */
export function problemLine(p: Problem, lang: Lang = getLang()): string {
  return `${p.file}:${p.line}:${p.col}  ${p.path || t('cli.problem.top', {}, lang)}  ${problemMessage(p.message, lang)}`;
}

/** The lines of a scenario error: one per problem shown, then "… and N more problems" when some were left out. */
export function problemLines(err: { problems: readonly Problem[]; more?: number }, lang: Lang = getLang()): string[] {
  const lines = err.problems.map((p) => problemLine(p, lang));
  if (err.more !== undefined && err.more > 0) lines.push(t('cli.problem.more', { n: err.more }, lang));
  return lines;
}

/**
A problem line already formatted in English (`file:line:col  path  message`, as
a batch manifest or a shard keeps it), in the reader's language; other lines as
they are.
*/
export function problemLineText(line: string, lang: Lang = getLang()): string {
  if (lang === 'en') return line;
  const m = /^(.*?:\d+:\d+) {2}(\S+) {2}(.*)$/.exec(line);
  if (m) return `${m[1]}  ${m[2] === '(top)' ? t('cli.problem.top', {}, lang) : m[2]}  ${problemMessage(m[3]!, lang)}`;
  const more = /^… and (\d+) more problems$/.exec(line);
  return more ? t('cli.problem.more', { n: more[1]! }, lang) : line;
}
