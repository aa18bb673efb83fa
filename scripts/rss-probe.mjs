// Preloaded by the benchmark (node --import): on exit, report the process's peak
// resident set size (all threads, so Monte Carlo workers included) on fd 3.
import { writeSync } from 'node:fs';
process.on('exit', () => {
  try {
    writeSync(3, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }) + '\n');
  } catch {
    // fd 3 not open: not run by the benchmark
  }
});
