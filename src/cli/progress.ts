/**
Progress of long work on stderr: a cli-progress bar (runs done, rate, ETA) when
stderr is a terminal, plain lines every few seconds otherwise, nothing for
short work.
*/
import cliProgress from 'cli-progress';
import { t } from '../report/i18n/catalogue.js';
import { stderrIsTTY, writeErr } from './output.js';

export interface Progress {
  update: (done: number, total: number) => void;
  done: () => void;
}

const QUIET: Progress = { update: () => {}, done: () => {} };

export function progressReporter(label: string, total: number, minTotal = 2000): Progress {
  if (total < minTotal) return QUIET;
  if (stderrIsTTY()) {
    const bar = new cliProgress.SingleBar(
      { format: t('cli.progress.bar', { label }), hideCursor: true, clearOnComplete: true, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    const start = Date.now();
    bar.start(total, 0, { rate: '0' });
    return {
      update: (done) => bar.update(done, { rate: Math.round(done / Math.max(0.001, (Date.now() - start) / 1000)).toString() }),
      done: () => bar.stop(),
    };
  }
  let last = Date.now();
  const start = last;
  return {
    update: (done, all) => {
      const now = Date.now();
      if (now - last < 5000 && done < all) return;
      last = now;
      const rate = done / Math.max(0.001, (now - start) / 1000);
      writeErr(`${t('cli.progress.line', { label, done, all, rate: Math.round(rate) })}\n`);
    },
    done: () => {},
  };
}
