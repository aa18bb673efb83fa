/** Where scripts/build.mjs records the hash of what dist/ was built from. */
export const BUILD_STAMP: string;
/** The hash of what the bundle is built from (see scripts/build-inputs.mjs). */
export function buildInputs(): string;
