/**
Seeded random streams. Run i of master seed s draws variable v from its own
stream, seeded by the string `${s}\0${v}\0${i}` (docs/architecture.md §3.1): results do
not depend on the order runs execute in, on the worker count or on the machine,
and two scenarios sharing a variable path get the same draws (common random
numbers for comparisons). `.double()` gives 53 bits and never returns 0, so it is
safe for inverse CDFs and logarithms.
*/
import seedrandom from 'seedrandom';

export interface Stream {
  /** Uniform on (0, 1). */
  next(): number;
}

export function stream(seed: number | string, name: string, run: number): Stream {
  const prng = seedrandom.xor4096(`${seed}\u0000${name}\u0000${run}`);
  return { next: () => prng.double() };
}
