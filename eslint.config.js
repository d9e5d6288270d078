import tseslint from 'typescript-eslint';

/**
 * The import-layer rule from DESIGN.md, enforced by lint rather than review:
 * - domain imports nothing outside domain;
 * - use-cases never import adapters (or config);
 * - only composition-root.ts and index.ts import adapters and config;
 * - SDKs of the Teams edge stay inside adapters/teams.
 */
const sdkEdge = ['botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/teams-ai', '@microsoft/teams-ai/*'];
const infra = ['kysely', 'better-sqlite3', 'pg', 'restify', 'pino', '@microsoft/microsoft-graph-client', '@azure/*'];

const layer = (files, patterns, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', '.tmp/**', 'appPackage/build/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  layer(['src/domain/**'], ['**/use-cases/**', '**/adapters/**', '**/config/**', '**/jobs/**', '**/composition-root*', ...sdkEdge, ...infra, 'node:*', 'zod'], 'domain/ is pure: it imports only domain/.'),
  layer(['src/use-cases/**'], ['**/adapters/**', '**/config/**', '**/composition-root*', ...sdkEdge, ...infra], 'use-cases/ depend on ports, never on adapters or config.'),
  layer(['src/jobs/**', 'src/cards/**', 'src/i18n/**'], ['**/adapters/**', '**/config/**', '**/composition-root*', ...sdkEdge, ...infra], 'Only composition-root.ts and index.ts wire adapters and config.'),
  layer(['src/adapters/**'], ['**/config/**', '**/composition-root*'], 'Adapters get their settings as constructor arguments from the composition root.'),
  layer(['src/adapters/persistence/**', 'src/adapters/graph/**', 'src/adapters/register/**', 'src/adapters/http/**', 'src/adapters/system/**'], sdkEdge, 'botbuilder and teams-ai stay inside adapters/teams.'),
  layer(
    ['src/tab/**'],
    ['**/adapters/**', '**/use-cases/**', '**/config/**', '**/jobs/**', '**/cards/**', '**/i18n/**', '**/composition-root*', ...sdkEdge, ...infra, 'node:*'],
    'The tab runs in the browser: it imports domain/ (types and pure rules) and browser packages, never server code.',
  ),
  { files: ['test/**', 'bench/**', 'scripts/**'], rules: { 'no-console': 'off' } },
  // tools/ are shipped to municipalities as they are: command-line programs that stand alone.
  {
    files: ['tools/**'],
    ignores: ['tools/**/*.test.ts'],
    rules: {
      'no-console': 'off',
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/**', '**/test/**'], message: 'tools/ stand alone: they import neither src/ nor test/.' }] }],
    },
  },
);
