/** The narration words, in English and Chinese (keys start with "narration."). See ../catalogue.ts. */
export const en = {
} as const satisfies Record<`narration.${string}`, string>;

export const zh: Record<keyof typeof en, string> = {
};
