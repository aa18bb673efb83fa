import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** `no-restricted-imports` for files in `files`: no import from the src/ layers named in `banned`. */
function layer(files, banned) {
  const patterns = banned.map((l) => ({
    group: [`**/${l}/*`, `**/${l}/**`, `../${l}/*`, `../../${l}/*`],
    message: `${files.split('/')[1]} must not import src/${l} (layers: scenario → model → engine → report → cli / tui; docs/architecture.md).`,
  }));
  return [{ files: [files.replace(/\*\*$/, '**/*.{ts,tsx}')], rules: { 'no-restricted-imports': ['error', { patterns }] } }];
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  { files: ['**/*.{js,mjs}'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // an async command that does not await yet still promises its callers a Promise (they await it)
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the seeded streams in src/engine/rng.ts.' }],
    },
  },
  // The layers (docs/architecture.md): scenario → model → engine → report → cli / tui. A layer
  // imports only from the layers before it; the two faces never reach around the engine into the
  // model, and the TUI never imports the CLI (shared file writing is src/report/io.ts).
  ...layer('src/scenario/**', ['model', 'engine', 'report', 'cli', 'tui']),
  ...layer('src/model/**', ['engine', 'report', 'cli', 'tui']),
  ...layer('src/engine/**', ['report', 'cli', 'tui']),
  ...layer('src/report/**', ['cli', 'tui']),
  ...layer('src/tui/**', ['cli', 'model']),
  ...layer('src/cli/**', ['model']),
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
