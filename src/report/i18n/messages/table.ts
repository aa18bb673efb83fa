/** The table words, in English and Chinese (keys start with "table."). See ../catalogue.ts. */
export const en = {
} as const satisfies Record<`table.${string}`, string>;

export const zh: Record<keyof typeof en, string> = {
};
