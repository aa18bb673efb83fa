/** The tui words, in English and Chinese (keys start with "tui."). See ../catalogue.ts. */
export const en = {
} as const satisfies Record<`tui.${string}`, string>;

export const zh: Record<keyof typeof en, string> = {
};
