/** The lesson words, in English and Chinese (keys start with "lesson."). See ../catalogue.ts. */
export const en = {
} as const satisfies Record<`lesson.${string}`, string>;

export const zh: Record<keyof typeof en, string> = {
};
