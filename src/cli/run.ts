/**
The `dcplan` command line, as a function: `runCli(args, io)` parses and runs one
command and returns its exit code. src/cli/main.ts is the program around it;
tests call it in-process with their own output sinks. Each command's module is
imported only when that command runs, so `--help` and `validate` never load Ink,
and only commands that simulate load the engine (cold start,
docs/architecture.md §3.5).
*/
import { Command, CommanderError, Option } from 'commander';
import { EXIT_USAGE, UserError, usageError } from './exit.js';
import type { FromMark } from './options.js';
import { VERSION } from '../report/version.js';
// types only: erased at build, so each command's module still loads only when it runs
import type { RunOptions } from './commands/run/index.js';
import type { BatchOptions } from './commands/batch/index.js';
import type { MergeOptions } from './commands/merge/index.js';
import type { CompareOptions } from './commands/compare/index.js';
import type { SweepOptions } from './commands/sweep/index.js';
import type { GoalOptions } from './commands/goal/index.js';
import type { SensitivityOptions } from './commands/sensitivity/index.js';
import type { ReportOptions } from './commands/report/index.js';
import type { CalibrateCliOptions } from './commands/calibrate/index.js';
import type { LessonOptions } from './commands/lesson/index.js';
import { commanderError, examples, helpConfiguration } from './help.js';
import { t } from '../report/i18n/catalogue.js';
import { getLang, langArg, langFromEnv, parseLang, setLang } from '../report/i18n/lang.js';
import { type Signals, type Sink, withOutput, writeErr, writeOut } from './output.js';

/** The bundled worker sits next to this entry (dist/cli.js → dist/worker.js). */
const BUNDLED_WORKER_URL = new URL('./worker.js', import.meta.url);

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function program(WORKER_URL: URL): Command {
  const p = new Command('dcplan')
    .description(t('cli.help.program.desc'))
    .version(VERSION, '-V, --version', t('cli.help.version'))
    // set before the commands: each command inherits the help option, help layout and error output
    .helpOption('-h, --help', t('cli.help.help'))
    .helpCommand('help [command]', t('cli.help.help'))
    .configureHelp(helpConfiguration())
    .showHelpAfterError(t('cli.help.afterError'))
    .exitOverride()
    .configureOutput({ writeOut, writeErr, outputError: (str, write) => write(commanderError(str)) })
    // taken out of argv before parsing (chooseLang), so every command accepts it; listed here for the help
    .option('--lang <en|zh>', t('cli.help.lang'));

  const runCmd: Command = p.command('run')
    .description(t('cli.help.run.desc'))
    .argument('<scenario>', t('cli.help.run.arg.scenario'))
    .option('--runs <n>', t('cli.help.run.runs'))
    .option('--central', t('cli.help.run.central'))
    .option('--seed <s>', t('cli.help.run.seed'))
    .option('--workers <k>', t('cli.help.run.workers'))
    .option('--set <path=value>', t('cli.help.run.set'), collect, [])
    .option('--from <year>', t('cli.help.run.from'),
      // remember how many --set came before each --from: the --set options after it are its changes
      (year: string, prev: FromMark[]): FromMark[] => [...prev, { year, sets: (runCmd.getOptionValue('set') as string[] | undefined)?.length ?? 0 }], [])
    .addOption(new Option('--format <f>', t('cli.help.any.format')).choices(['table', 'json', 'csv']).default('table'))
    .option('--out <file>', t('cli.help.any.out'))
    .option('--events', t('cli.help.run.events'))
    .option('--narrate', t('cli.help.run.narrate'))
    .option('--per-run', t('cli.help.run.perRun'))
    .option('--monthly', t('cli.help.run.monthly'))
    .option('--clusters', t('cli.help.run.clusters'))
    .option('--observed <file>', t('cli.help.run.observed'))
    .addHelpText('after', examples('dcplan run scenarios/guian-plan.yaml --runs 1000 --set investment="60 billion CNY" --format json', 'dcplan run scenarios/guian-plan.yaml --from 2024 --set investment="60 billion CNY" --from 2026 --set transferIncentive=500'))
    .action(async (file: string, opts: RunOptions) => (await import('./commands/run/index.js')).runCommand(file, opts, { workerUrl: WORKER_URL }));

  p.command('batch')
    .description(t('cli.help.batch.desc'))
    .argument('<files...>', t('cli.help.any.files'))
    .option('--runs <n>', t('cli.help.batch.runs'))
    .option('--seed <s>', t('cli.help.batch.seed'))
    .option('--workers <k>', t('cli.help.any.workers'))
    .option('--out <dir>', t('cli.help.batch.out'), 'results')
    .option('--shard <I/N>', t('cli.help.batch.shard'))
    .option('--resume', t('cli.help.batch.resume'))
    .addHelpText('after', examples('dcplan batch scenarios/ --runs 10000 --out results', `dcplan batch scenarios/ --runs 1000000 --shard 3/100 --out /shared/study   # ${t('cli.help.batch.shardExample')}`))
    .action(async (files: string[], opts: BatchOptions) => (await import('./commands/batch/index.js')).batchCommand(files, opts, { workerUrl: WORKER_URL }));

  p.command('merge')
    .description(t('cli.help.merge.desc'))
    .argument('<dirs...>', t('cli.help.merge.arg.dirs'))
    .option('--out <dir>', t('cli.help.merge.out'))
    .addHelpText('after', examples('dcplan merge /shared/study --out results'))
    .action(async (dirs: string[], opts: MergeOptions) => (await import('./commands/merge/index.js')).mergeCommand(dirs, opts));

  p.command('compare')
    .description(t('cli.help.compare.desc'))
    .argument('<scenarios...>', t('cli.help.compare.arg.scenarios'))
    .option('--runs <n>', t('cli.help.any.runs'))
    .option('--seed <s>', t('cli.help.any.seed'))
    .option('--workers <k>', t('cli.help.any.workers'))
    .option('--year <y>', t('cli.help.compare.year'))
    .option('--metric <m>', t('cli.help.compare.metric'), collect, [])
    .option('--set <path=value>', t('cli.help.any.set'), collect, [])
    .addOption(new Option('--format <f>', t('cli.help.any.format')).choices(['table', 'json', 'csv']).default('table'))
    .option('--out <file>', t('cli.help.any.out'))
    .addHelpText('after', examples('dcplan compare scenarios/guian-plan.yaml scenarios/guian-realistic-cost.yaml --runs 1000 --year 2025'))
    .action(async (files: string[], opts: CompareOptions) => (await import('./commands/compare/index.js')).compareCommand(files, opts, { workerUrl: WORKER_URL }));

  p.command('sweep')
    .description(t('cli.help.sweep.desc'))
    .argument('<scenario>', t('cli.help.any.scenario'))
    .option('--vary <path=from:to:steps>', t('cli.help.sweep.vary'), collect, [])
    .option('--metric <m>', t('cli.help.sweep.metric'), collect, [])
    .option('--year <y>', t('cli.help.sweep.year'))
    .option('--runs <n>', t('cli.help.sweep.runs'))
    .option('--seed <s>', t('cli.help.any.seedScenario'))
    .option('--workers <k>', t('cli.help.any.workers'))
    .option('--set <path=value>', t('cli.help.sweep.set'), collect, [])
    .addOption(new Option('--format <f>', t('cli.help.any.format')).choices(['table', 'json', 'csv']).default('table'))
    .option('--out <file>', t('cli.help.any.out'))
    .addHelpText('after', examples('dcplan sweep scenarios/guian-plan.yaml --vary investment=20:100:5 --vary electricityPrice=0.25:0.45:3 --year 2025 --format csv'))
    .action(async (file: string, opts: SweepOptions) => (await import('./commands/sweep/index.js')).sweepCommand(file, opts, { workerUrl: WORKER_URL }));

  p.command('goal')
    .description(t('cli.help.goal.desc'))
    .argument('<scenario>', t('cli.help.any.scenario'))
    .option('--lever <id>', t('cli.help.goal.lever'), collect, [])
    .option('--target <expr>', t('cli.help.goal.target'))
    .option('--probability <p>', t('cli.help.goal.probability'))
    .option('--points <n>', t('cli.help.goal.points'))
    .option('--runs <n>', t('cli.help.goal.runs'))
    .option('--seed <s>', t('cli.help.goal.seed'))
    .option('--workers <k>', t('cli.help.any.workers'))
    .option('--set <path=value>', t('cli.help.goal.set'), collect, [])
    .addOption(new Option('--format <f>', t('cli.help.any.format')).choices(['table', 'json', 'csv']).default('table'))
    .option('--out <file>', t('cli.help.any.out'))
    .addHelpText('after', `\n${t('cli.help.goal.value')}\n${examples(
      "dcplan goal scenarios/guian-plan.yaml --lever investment --target 'serverCapacity@2025 >= 4 million servers'",
      "dcplan goal scenarios/guian-plan.yaml --lever investment --target 'rackCapacity@2025 >= 600000' --probability 95% --format json",
      "dcplan goal scenarios/guian-plan.yaml --lever investment --lever transferIncentive --target 'transferredRacks@2025 >= 200000' --runs 400",
    )}`)
    .action(async (file: string, opts: GoalOptions) => (await import('./commands/goal/index.js')).goalCommand(file, opts, { workerUrl: WORKER_URL }));

  p.command('sensitivity')
    .description(t('cli.help.sensitivity.desc'))
    .argument('<scenario>', t('cli.help.sensitivity.arg.scenario'))
    .option('--metric <m>', t('cli.help.sensitivity.metric'))
    .option('--year <y>', t('cli.help.sensitivity.year'))
    .option('--runs <n>', t('cli.help.sensitivity.runs'))
    .option('--seed <s>', t('cli.help.any.seedScenario'))
    .option('--workers <k>', t('cli.help.any.workers'))
    .option('--set <path=value>', t('cli.help.sensitivity.set'), collect, [])
    .option('--screen', t('cli.help.sensitivity.screen'))
    .option('--delta <d>', t('cli.help.sensitivity.delta'))
    .option('--morris <r>', t('cli.help.sensitivity.morris'))
    .addOption(new Option('--format <f>', t('cli.help.any.format')).choices(['table', 'json', 'csv']).default('table'))
    .option('--out <file>', t('cli.help.any.out'))
    .addHelpText('after', examples('dcplan sensitivity scenarios/guian-plan.yaml --metric serverCapacity --year 2025 --runs 2000', 'dcplan sensitivity scenarios/guian-plan.yaml --screen --metric serverCapacity --year 2025 --delta 0.2'))
    .action(async (file: string, opts: SensitivityOptions) => (await import('./commands/sensitivity/index.js')).sensitivityCommand(file, opts, { workerUrl: WORKER_URL }));

  p.command('report')
    .description(t('cli.help.report.desc'))
    .argument('[inputs...]', t('cli.help.report.arg.inputs'))
    .option('--runs <n>', t('cli.help.any.runs'))
    .option('--seed <s>', t('cli.help.any.seed'))
    .option('--workers <k>', t('cli.help.any.workers'))
    .option('--set <path=value>', t('cli.help.any.set'), collect, [])
    .option('--observed <file>', t('cli.help.report.observed'))
    .option('--sensitivity <metric@year>', t('cli.help.report.sensitivity'))
    .option('--lang <l>', t('cli.help.report.lang'))
    .option('--out <file>', t('cli.help.report.out'))
    .addHelpText('after', examples('dcplan report scenarios/guian-plan.yaml scenarios/guian-realistic-cost.yaml --runs 1000 --out report.html', `dcplan report results/ --lang zh --out report-zh.html   # ${t('cli.help.report.batchExample')}`))
    .action(async (inputs: string[], opts: ReportOptions) => (await import('./commands/report/index.js')).reportCommand(inputs, opts, { workerUrl: WORKER_URL }));

  p.command('calibrate')
    .description(t('cli.help.calibrate.desc'))
    .argument('<scenario>', t('cli.help.calibrate.arg.scenario'))
    .option('--observed <file>', t('cli.help.calibrate.observed'))
    .option('--fit <paths>', t('cli.help.calibrate.fit'))
    .option('--runs <n>', t('cli.help.calibrate.runs'))
    .option('--seed <s>', t('cli.help.any.seedScenario'))
    .option('--workers <k>', t('cli.help.calibrate.workers'))
    .option('--holdout-after <year>', t('cli.help.calibrate.holdoutAfter'))
    .option('--rounds <r>', t('cli.help.calibrate.rounds'))
    .addOption(new Option('--format <f>', t('cli.help.any.format')).choices(['table', 'json']).default('table'))
    .option('--out <file.yaml>', t('cli.help.calibrate.out'))
    .option('--date <yyyy-mm-dd>', t('cli.help.calibrate.date'))
    .addHelpText('after', examples('dcplan calibrate scenarios/guian-plan.yaml --observed data/observed/guizhou.yaml --out calibrated.yaml', 'dcplan calibrate scenarios/guian-plan.yaml --observed obs.yaml --fit construction.delayFactor,economics.rent --holdout-after 2022 --format json'))
    .action(async (file: string, opts: CalibrateCliOptions) => (await import('./commands/calibrate/index.js')).calibrateCommand(file, opts, { workerUrl: WORKER_URL }));

  p.command('validate')
    .description(t('cli.help.validate.desc'))
    .argument('<files...>', t('cli.help.any.files'))
    .addHelpText('after', examples('dcplan validate scenarios/*.yaml', 'dcplan validate scenarios/'))
    .action(async (files: string[]) => (await import('./commands/validate/index.js')).validateCommand(files));

  p.command('explain')
    .description(t('cli.help.explain.desc'))
    .argument('<scenario>', t('cli.help.any.scenario'))
    .argument('<path>', t('cli.help.explain.arg.path'))
    .addHelpText('after', examples('dcplan explain scenarios/guian-delayed.yaml construction.delayFactor'))
    .action(async (file: string, path: string) => (await import('./commands/explain/index.js')).explainCommand(file, path));

  p.command('schema')
    .description(t('cli.help.schema.desc'))
    .addHelpText('after', examples('dcplan schema > scenario.schema.json'))
    .action(async () => (await import('./commands/schema/index.js')).schemaCommand());

  p.command('lesson')
    .description(t('lesson.cli.description'))
    .argument('[name]', t('lesson.cli.argName'))
    .option('--list', t('lesson.cli.list'))
    .option('--handout <file>', t('lesson.cli.handout'))
    .option('--runs <n>', t('lesson.cli.runs'))
    .option('--ascii', t('lesson.cli.ascii'))
    .addHelpText('after', `\n${t('lesson.cli.examples')}\n${examples('dcplan lesson --list', 'dcplan lesson why-west', 'dcplan lesson add-up --lang zh', 'dcplan lesson what-happened --handout what-happened.html', 'dcplan lesson lessons/why-west.yaml > why-west.txt')}`)
    .action(async (name: string | undefined, opts: LessonOptions) => (await import('./commands/lesson/index.js')).lessonCommand(name, opts, { workerUrl: WORKER_URL }));

  p.command('tui')
    .description(t('cli.help.tui.desc'))
    .argument('[scenarios...]', t('cli.help.tui.arg.scenarios'))
    .option('--observed <file>', t('cli.help.tui.observed'))
    .option('--ascii', 'draw with ASCII only (for terminals that draw box and block glyphs two cells wide)')
    .addHelpText('after', examples('dcplan tui scenarios/guian-plan.yaml scenarios/guian-realistic-cost.yaml', 'dcplan tui scenarios/guian-actual.yaml --observed data/observed/guizhou.yaml'))
    .action(async (files: string[], opts: { observed?: string; ascii?: boolean }) =>
      (await import('./commands/tui/index.js')).tuiCommand(files, {
        fallbackToTable: false, ascii: opts.ascii === true, workerUrl: WORKER_URL, ...(opts.observed !== undefined ? { observed: opts.observed } : {}),
      }));

  p.command('start', { hidden: true })
    .description(t('cli.help.start.desc'))
    .action(async () => (await import('./commands/tui/index.js')).tuiCommand([], { fallbackToTable: true }));

  return p;
}

/**
The session's language, before anything is parsed (so help is in it too):
`--lang zh|en` anywhere on the line, else LC_ALL / LC_MESSAGES / LANG. The
option is taken out of argv here, so every command accepts it.
*/
function chooseLang(argv: string[], env: NodeJS.ProcessEnv): string[] {
  const raw = langArg(argv.slice(2));
  if (raw === undefined) {
    setLang(langFromEnv(env));
    return argv;
  }
  const lang = parseLang(raw);
  if (!lang) {
    setLang(langFromEnv(env)); // the message in the language the environment asks for
    throw usageError(t('cli.err.lang', { value: JSON.stringify(raw) }));
  }
  setLang(lang);
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (i >= 2 && argv[i] === '--lang') i++;
    else if (!(i >= 2 && argv[i]!.startsWith('--lang='))) out.push(argv[i]!);
  }
  return out;
}

async function parseAndRun(argv: string[], env: NodeJS.ProcessEnv, workerUrl: URL): Promise<number> {
  try {
    const args = chooseLang(argv, env); // first: the help texts are built in the language
    await program(workerUrl).parseAsync(args);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version "errors" are normal exits
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return EXIT_USAGE;
    }
    if (err instanceof UserError) {
      for (const line of err.lines) writeErr(line + '\n');
      return err.code;
    }
    const e = err as { code?: string; message?: string };
    if (e?.code === 'EPIPE') return 0;
    writeErr(`${t('cli.err.internal', { message: e?.message ?? String(err) })}\n`);
    if (env.DCPLAN_DEBUG) writeErr(String((err as Error)?.stack) + '\n');
    writeErr(`${t('cli.err.bug')}\n`);
    return 3;
  }
}

/** Where an in-process run writes, and what it sees. */
export interface CliIO {
  stdout: Sink;
  stderr: Sink;
  /** Where Ctrl-C comes from (default: the process's SIGINT / SIGTERM). */
  signals?: Signals;
  /** The environment the command sees: the language, SOURCE_DATE_EPOCH, DCPLAN_DEBUG (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** The worker module for parallel runs (default: dist/worker.js next to this bundle; when it does not exist, runs stay in this thread). */
  workerUrl?: URL;
}

/**
Run one `dcplan` command line (`args`: what follows `dcplan`) and return its
exit code. Without `io` it is the program itself: process.stdout / stderr,
process.env. With `io` it runs in-process: output goes to the sinks, and the
session language and process.exitCode are put back afterwards, so calls do not
leak into each other.
*/
export async function runCli(args: readonly string[], io?: CliIO): Promise<number> {
  const argv = [process.argv[0] ?? 'node', 'dcplan', ...args];
  const workerUrl = io?.workerUrl ?? BUNDLED_WORKER_URL;
  if (!io) return parseAndRun(argv, process.env, workerUrl);
  const lang = getLang();
  const exitCode = process.exitCode;
  process.exitCode = undefined;
  try {
    return await withOutput({ stdout: io.stdout, stderr: io.stderr, signals: io.signals ?? process, env: io.env ?? process.env, args: [...args] }, () => parseAndRun(argv, io.env ?? process.env, workerUrl));
  } finally {
    setLang(lang);
    process.exitCode = exitCode;
  }
}
