/**
The `dcplan` command line. Each command's module is imported only when that
command runs, so `--help` and `validate` never load Ink, and only commands that
simulate load the engine (cold start, docs/architecture.md §3.5).
*/
import { Command, CommanderError, Option } from 'commander';
import { EXIT_USAGE, UserError, usageError } from './exit.js';
import type { FromMark } from './options.js';
import { VERSION } from './version.js';
import { langArg, langFromEnv, parseLang, setLang } from '../report/i18n/lang.js';

/** The bundled worker sits next to this entry (dist/cli.js → dist/worker.js). */
const WORKER_URL = new URL('./worker.js', import.meta.url);

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function program(): Command {
  const p = new Command('dcplan')
    .description("Data-center capacity planning simulator: Gui'an's build-out under East Data, West Computing")
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });

  const runCmd: Command = p.command('run')
    .description('simulate a scenario and print its yearly results')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--runs <n>', "Monte Carlo runs (default: the scenario's runs:)")
    .option('--central', 'the central case only: the inputs as written, no sampling (= --runs 1)')
    .option('--seed <s>', 'master seed (integer)')
    .option('--workers <k>', 'worker threads for Monte Carlo (default: all cores)')
    .option('--set <path=value>', 'override a lever or parameter path, e.g. investment="60 billion CNY" (repeatable)', collect, [])
    .option('--from <year>', 'the --set options after it apply from January of YEAR on, continuing the run from its state then (repeatable: a policy schedule)',
      // remember how many --set came before each --from: the --set options after it are its changes
      (year: string, prev: FromMark[]): FromMark[] => [...prev, { year, sets: (runCmd.getOptionValue('set') as string[] | undefined)?.length ?? 0 }], [])
    .addOption(new Option('--format <f>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--out <file>', 'write the output to a file (atomically) instead of stdout')
    .option('--events', 'list the dated events of the central case')
    .option('--narrate', 'table: add a plain-language paragraph for every year (for teaching)')
    .option('--per-run', 'CSV: one row per run and year instead of bands')
    .option('--monthly', 'CSV/JSON: the monthly load, energy and carbon profile, one row per month (median and P5–P95 over the runs, or the central case)')
    .option('--clusters', "CSV: the central run's national clusters, one row per year and cluster (JSON always has \"clusters\")")
    .option('--observed <file>', 'reported figures (data/observed/*.yaml) beside the model: table section, JSON "observations"')
    .addHelpText('after', '\nExamples:\n  dcplan run scenarios/guian-plan.yaml --runs 1000 --set investment="60 billion CNY" --format json\n  dcplan run scenarios/guian-plan.yaml --from 2024 --set investment="60 billion CNY" --from 2026 --set transferIncentive=500')
    .action(async (file: string, opts) => (await import('./commands/run.js')).runCommand(file, opts, { workerUrl: WORKER_URL }));

  p.command('batch')
    .description('run many scenarios, with a manifest')
    .argument('<files...>', 'scenario files, or directories of them (*.yaml, *.yml, *.json)')
    .option('--runs <n>', 'Monte Carlo runs per scenario (default: each scenario\'s runs:)')
    .option('--seed <s>', 'master seed for every scenario (default: each scenario\'s seed:)')
    .option('--workers <k>', 'worker threads (default: all cores)')
    .option('--out <dir>', 'output directory', 'results')
    .option('--shard <I/N>', 'compute only shard I (0-based) of N of the runs, into DIR/shard-I-of-N/ (combine with `dcplan merge`)')
    .option('--resume', 'skip scenarios (or shard pieces) already finished with the same content hash, seed and runs')
    .addHelpText('after', '\nExamples:\n  dcplan batch scenarios/ --runs 10000 --out results\n  dcplan batch scenarios/ --runs 1000000 --shard 3/100 --out /shared/study   # one of 100 cluster jobs')
    .action(async (files: string[], opts) => (await import('./commands/batch.js')).batchCommand(files, opts, { workerUrl: WORKER_URL }));

  p.command('merge')
    .description('combine the outputs of `batch --shard`')
    .argument('<dirs...>', 'shard directories, or directories holding shard-I-of-N/ directories')
    .option('--out <dir>', 'output directory (required)')
    .addHelpText('after', '\nExample:\n  dcplan merge /shared/study --out results')
    .action(async (dirs: string[], opts) => (await import('./commands/merge.js')).mergeCommand(dirs, opts));

  p.command('compare')
    .description('compare scenarios, with P(B better)')
    .argument('<scenarios...>', 'two or more scenario files; the first is A, the baseline')
    .option('--runs <n>', 'Monte Carlo runs for every scenario (default: A\'s runs:)')
    .option('--seed <s>', 'master seed for every scenario (default: A\'s seed:)')
    .option('--workers <k>', 'worker threads (default: all cores)')
    .option('--year <y>', 'one year only (default: every year of the horizon)')
    .option('--metric <m>', 'a metric to compare (repeatable; default: a key set)', collect, [])
    .option('--set <path=value>', 'override applied to every scenario (repeatable)', collect, [])
    .addOption(new Option('--format <f>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--out <file>', 'write the output to a file (atomically) instead of stdout')
    .addHelpText('after', '\nExample:\n  dcplan compare scenarios/guian-plan.yaml scenarios/guian-realistic-cost.yaml --runs 1000 --year 2025')
    .action(async (files: string[], opts) => (await import('./commands/compare.js')).compareCommand(files, opts, { workerUrl: WORKER_URL }));

  p.command('sweep')
    .description('run a scenario over a grid of --vary values')
    .argument('<scenario>', 'scenario file')
    .option('--vary <path=from:to:steps>', 'a lever id (values in its unit) or dotted path (base unit) and its range (repeatable)', collect, [])
    .option('--metric <m>', 'a metric to report (repeatable; default: a key set)', collect, [])
    .option('--year <y>', 'year the metrics are read in (default: the horizon\'s last)')
    .option('--runs <n>', 'Monte Carlo runs per point (default: the scenario\'s runs:)')
    .option('--seed <s>', 'master seed (default: the scenario\'s seed:)')
    .option('--workers <k>', 'worker threads (default: all cores)')
    .option('--set <path=value>', 'override applied to every point (repeatable)', collect, [])
    .addOption(new Option('--format <f>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--out <file>', 'write the output to a file (atomically) instead of stdout')
    .addHelpText('after', '\nExample:\n  dcplan sweep scenarios/guian-plan.yaml --vary investment=20:100:5 --vary electricityPrice=0.25:0.45:3 --year 2025 --format csv')
    .action(async (file: string, opts) => (await import('./commands/sweep.js')).sweepCommand(file, opts, { workerUrl: WORKER_URL }));

  p.command('goal')
    .description('goal seek: the least lever value that meets a target with probability P (two levers: the frontier)')
    .argument('<scenario>', 'scenario file')
    .option('--lever <id>', "the lever to turn, one of the scenario's levers: (its values min…max by step, in its unit); twice for a frontier", collect, [])
    .option('--target <expr>', "'METRIC@YEAR >= VALUE' or 'METRIC@YEAR <= VALUE' (VALUE: see below)")
    .option('--probability <p>', 'share of runs that must meet the target, strictly between 0 and 1, e.g. 0.9 or 90% (default 0.9)')
    .option('--points <n>', 'two levers: how many values of the first, spread evenly over its grid (default 8; its whole grid when shorter)')
    .option('--runs <n>', "Monte Carlo runs per lever value (default: the scenario's runs:)")
    .option('--seed <s>', "master seed, the same runs at every lever value (default: the scenario's seed:)")
    .option('--workers <k>', 'worker threads (default: all cores)')
    .option('--set <path=value>', 'override applied at every lever value (repeatable)', collect, [])
    .addOption(new Option('--format <f>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--out <file>', 'write the output to a file (atomically) instead of stdout')
    .addHelpText('after', [
      '',
      "VALUE is a plain number in the metric's base unit (serverCapacity in servers, rackCapacity in racks,",
      'capexCumCNY in CNY, shares as fractions), or a quantity as in scenario files: "4 million servers",',
      '"40 billion CNY", "300 MW", "90%". The answer is the least lever value that meets the target in a share',
      '≥ P of the runs — the highest, when lowering the lever is what helps (seen from the two ends of its',
      'range). When no value gets there: the best P, where it levels off, and what binds instead.',
      'With two levers A and B: for each of --points values of A, the least (or most) B that meets it.',
      '',
      'Examples:',
      "  dcplan goal scenarios/guian-plan.yaml --lever investment --target 'serverCapacity@2025 >= 4 million servers'",
      "  dcplan goal scenarios/guian-plan.yaml --lever investment --target 'rackCapacity@2025 >= 600000' --probability 95% --format json",
      "  dcplan goal scenarios/guian-plan.yaml --lever investment --lever transferIncentive --target 'transferredRacks@2025 >= 200000' --runs 400",
    ].join('\n'))
    .action(async (file: string, opts) => (await import('./commands/goal.js')).goalCommand(file, opts, { workerUrl: WORKER_URL }));

  p.command('sensitivity')
    .description('rank uncertain parameters (tornado), or screen every input (--screen)')
    .argument('<scenario>', 'scenario file with uncertainty: entries (any scenario with --screen)')
    .option('--metric <m>', 'metric (default: serverCapacity)')
    .option('--year <y>', 'year (default: the horizon\'s last)')
    .option('--runs <n>', 'Monte Carlo runs for the rank correlations (default: the scenario\'s runs:, at least 1000)')
    .option('--seed <s>', 'master seed (default: the scenario\'s seed:)')
    .option('--workers <k>', 'worker threads (default: all cores)')
    .option('--set <path=value>', 'override a lever or parameter path (repeatable)', collect, [])
    .option('--screen', 'vary every numeric input by ±delta, one at a time, and rank them by swing (what to put uncertainty on)')
    .option('--delta <d>', '--screen: relative step, e.g. 0.2 or 20% (default 0.1)')
    .option('--morris <r>', '--screen: also Morris elementary effects (μ*, σ) over R random trajectories')
    .addOption(new Option('--format <f>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--out <file>', 'write the output to a file (atomically) instead of stdout')
    .addHelpText('after', '\nExamples:\n  dcplan sensitivity scenarios/guian-plan.yaml --metric serverCapacity --year 2025 --runs 2000\n  dcplan sensitivity scenarios/guian-plan.yaml --screen --metric serverCapacity --year 2025 --delta 0.2')
    .action(async (file: string, opts) => (await import('./commands/sensitivity.js')).sensitivityCommand(file, opts, { workerUrl: WORKER_URL }));

  p.command('report')
    .description('write one self-contained HTML report')
    .argument('[inputs...]', 'scenario files (the first is A, the baseline), or one finished batch directory')
    .option('--runs <n>', "Monte Carlo runs for every scenario (default: A's runs:)")
    .option('--seed <s>', "master seed for every scenario (default: A's seed:)")
    .option('--workers <k>', 'worker threads (default: all cores)')
    .option('--set <path=value>', 'override applied to every scenario (repeatable)', collect, [])
    .option('--observed <file>', 'reported figures (data/observed/*.yaml) on the charts and in a table')
    .option('--sensitivity <metric@year>', 'add a tornado of what drives METRIC in YEAR, e.g. serverCapacity@2025')
    .option('--lang <l>', 'language of the page: en or zh (default en)')
    .option('--out <file>', 'the HTML file to write, atomically (required)')
    .addHelpText('after', '\nExamples:\n  dcplan report scenarios/guian-plan.yaml scenarios/guian-realistic-cost.yaml --runs 1000 --out report.html\n  dcplan report results/ --lang zh --out report-zh.html   # from a finished batch directory')
    .action(async (inputs: string[], opts) => (await import('./commands/report.js')).reportCommand(inputs, opts, { workerUrl: WORKER_URL }));

  p.command('calibrate')
    .description('fit uncertain inputs to reported figures')
    .argument('<scenario>', 'scenario file with uncertainty: entries')
    .option('--observed <file>', 'reported figures to fit to (data/observed/*.yaml; required)')
    .option('--fit <paths>', 'uncertainty paths to fit, comma-separated (default: every entry)')
    .option('--runs <n>', 'prior Monte Carlo runs weighted by the observations (default 1000; 1 = best fit of the central case)')
    .option('--seed <s>', "master seed (default: the scenario's seed:)")
    .option('--workers <k>', 'worker threads for the prior runs (default: all cores)')
    .option('--holdout-after <year>', 'fit to observations up to this year; score the later ones out of sample')
    .option('--rounds <r>', 'adaptive importance-sampling rounds after the prior runs, while ESS < runs/4 (default 3; 0 = prior runs only)')
    .addOption(new Option('--format <f>', 'output format').choices(['table', 'json']).default('table'))
    .option('--out <file.yaml>', 'write the calibrated scenario (extends the input: best fit, posterior uncertainty), atomically')
    .option('--date <yyyy-mm-dd>', "date in the calibrated scenario's header (default: SOURCE_DATE_EPOCH's day, else undated)")
    .addHelpText('after', '\nExamples:\n  dcplan calibrate scenarios/guian-plan.yaml --observed data/observed/guizhou.yaml --out calibrated.yaml\n  dcplan calibrate scenarios/guian-plan.yaml --observed obs.yaml --fit construction.delayFactor,economics.rent --holdout-after 2022 --format json')
    .action(async (file: string, opts) => (await import('./commands/calibrate.js')).calibrateCommand(file, opts, { workerUrl: WORKER_URL }));

  p.command('validate')
    .description('check scenario files and list every problem with file:line:col')
    .argument('<files...>', 'scenario files, or directories of them (*.yaml, *.yml, *.json)')
    .addHelpText('after', '\nExamples:\n  dcplan validate scenarios/*.yaml\n  dcplan validate scenarios/')
    .action(async (files: string[]) => (await import('./commands/validate.js')).validateCommand(files));

  p.command('explain')
    .description("show a parameter's resolved value, unit and which file of the extends chain set it")
    .argument('<scenario>', 'scenario file')
    .argument('<path>', 'dotted path, e.g. energy.electricityPrice or datacenters.apple.phases.p1.size')
    .addHelpText('after', '\nExample:\n  dcplan explain scenarios/guian-delayed.yaml construction.delayFactor')
    .action(async (file: string, path: string) => (await import('./commands/explain.js')).explainCommand(file, path));

  p.command('schema')
    .description('print the JSON Schema of the scenario format (for editor completion)')
    .addHelpText('after', '\nExample:\n  dcplan schema > scenario.schema.json')
    .action(async () => (await import('./commands/schema.js')).schemaCommand());

  p.command('tui')
    .description('interactive terminal UI: step through years, turn levers, compare runs')
    .argument('[scenarios...]', 'scenario files (default: scenarios/guian-plan.yaml)')
    .option('--observed <file>', "reported figures (data/observed/*.yaml) on the charts, checked against the first scenario's horizon")
    .option('--ascii', 'draw with ASCII only (for terminals that draw box and block glyphs two cells wide)')
    .addHelpText('after', '\nExamples:\n  dcplan tui scenarios/guian-plan.yaml scenarios/guian-realistic-cost.yaml\n  dcplan tui scenarios/guian-actual.yaml --observed data/observed/guizhou.yaml')
    .action(async (files: string[], opts: { observed?: string; ascii?: boolean }) =>
      (await import('./commands/tui.js')).tuiCommand(files, {
        fallbackToTable: false, ascii: opts.ascii === true, ...(opts.observed !== undefined ? { observed: opts.observed } : {}),
      }));

  p.command('start', { hidden: true })
    .description('what `npm start` runs: the TUI on a terminal, the plan\'s yearly table otherwise')
    .action(async () => (await import('./commands/tui.js')).tuiCommand([], { fallbackToTable: true }));

  return p;
}

/**
The session's language, before anything is parsed (so help is in it too):
`--lang zh|en` anywhere on the line, else LC_ALL / LC_MESSAGES / LANG. The
option is taken out of argv here, so every command accepts it.
*/
function chooseLang(argv: string[]): string[] {
  const raw = langArg(argv.slice(2));
  if (raw === undefined) {
    setLang(langFromEnv(process.env));
    return argv;
  }
  const lang = parseLang(raw);
  if (!lang) throw usageError(`--lang ${JSON.stringify(raw)}: use en or zh`);
  setLang(lang);
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (i >= 2 && argv[i] === '--lang') i++;
    else if (!(i >= 2 && argv[i]!.startsWith('--lang='))) out.push(argv[i]!);
  }
  return out;
}

async function main(argv: string[]): Promise<number> {
  try {
    const args = chooseLang(argv); // first: the help texts are built in the language
    await program().parseAsync(args);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version "errors" are normal exits
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return EXIT_USAGE;
    }
    if (err instanceof UserError) {
      for (const line of err.lines) process.stderr.write(line + '\n');
      return err.code;
    }
    const e = err as { code?: string; message?: string };
    if (e?.code === 'EPIPE') return 0;
    process.stderr.write(`dcplan: internal error: ${e?.message ?? String(err)}\n`);
    if (process.env.DCPLAN_DEBUG) process.stderr.write(String((err as Error)?.stack) + '\n');
    process.stderr.write('This is a bug in dcplan; please report it with the command you ran.\n');
    return 3;
  }
}

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
});

const code = await main(process.argv);
process.exitCode = code;
