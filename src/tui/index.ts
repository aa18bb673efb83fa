/**
The terminal UI: `startTui` for `dcplan tui`, and
`measureLeverRecompute` for the benchmark. Importing this module loads Ink and
React; the CLI imports it only on the TUI's own code path.
*/
export { startTui, type StartOptions } from './start.js';
export { measureLeverRecompute } from './measure.js';
export { TuiStore, type StoreOptions } from './store.js';
export { loadSource } from './runs.js';
export { poolOptions } from './background.js';
