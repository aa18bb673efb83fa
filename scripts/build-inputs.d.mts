/** Where scripts/build.mjs records the hash of what dist/ was built from. */
export const BUILD_STAMP: string;
import type { Hash } from 'node:crypto';

/** The files under `dir`, recursively, sorted. */
export function filesUnder(dir: string): string[];
/** Add each file's name and bytes to `hash`. */
export function hashFiles(hash: Hash, files: readonly string[]): Hash;
/** The hash of what the bundle is built from (see scripts/build-inputs.mjs). */
export function buildInputs(): string;
