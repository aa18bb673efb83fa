/** The glossary words, in English and Chinese (keys start with "glossary."). See ../catalogue.ts. */
export const en = {
} as const satisfies Record<`glossary.${string}`, string>;

export const zh: Record<keyof typeof en, string> = {
};
