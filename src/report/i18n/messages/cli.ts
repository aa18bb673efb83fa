/** The cli words, in English and Chinese (keys start with "cli."). See ../catalogue.ts. */
export const en = {
} as const satisfies Record<`cli.${string}`, string>;

export const zh: Record<keyof typeof en, string> = {
};
