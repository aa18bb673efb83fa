/**
The `dcplan` program: runs the command line (src/cli/run.ts) on this process's
stdout and stderr and exits with its code. A reader that stops reading (EPIPE,
as in `dcplan schema | head`) ends the program quietly with 0.
*/
import { runCli } from './run.js';

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
});

const code = await runCli(process.argv.slice(2));
process.exitCode = code;
