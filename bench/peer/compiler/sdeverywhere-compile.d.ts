// The two calls of @sdeverywhere/compile (plain JavaScript, no types of its own) that verify-variants.ts makes.
declare module '@sdeverywhere/compile' {
  export function parseAndGenerate(
    input: string,
    modelKind: 'vensim' | 'xmile',
    spec: { inputVarNames: string[]; outputVarNames: string[] },
    operations: string[],
    modelDirname: string,
    modelName: string,
    buildDir: string,
  ): Promise<string>;
  /** Clears the compiler's module-level model state between two models in one process. */
  export function resetState(): void;
}
