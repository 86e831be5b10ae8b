import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layers (README § Layout). The pure core decides; the adapters read and write GitHub
 * (src/github), read calendar feeds (src/calendar) and Discord (src/discord), take webhooks
 * (src/handlers, src/server), or run the commands, the Action and the job; the services are what
 * the webhook handlers, the CLI, the Action and the job share.
 */
const CORE = [
  'src/charters',
  'src/checks',
  'src/activity',
  'src/labels',
  'src/linking',
  'src/plan',
  'src/policies',
  'src/vote',
  'src/proposals',
  'src/requests',
  'src/directory',
  'src/config',
  'src/markdown',
  'src/words.ts',
  'src/logins.ts',
  'src/names.ts',
];
const OUTSIDE_CORE = ['src/github', 'src/calendar', 'src/discord', 'src/server', 'src/handlers', 'src/services', 'src/jobs', 'src/cli', 'src/action', 'src/index.ts', 'src/server.ts'];

export default tseslint.config(
  { ignores: ['dist/', 'dist/**', 'node_modules/', 'coverage/', 'src/github/graphql-types.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // Import graph rules. ESM specifiers say `./x.js` for `./x.ts`: the resolver (unrs-resolver,
    // through import-x's own node resolver) maps `.js` to `.ts` the way TypeScript's NodeNext does.
    files: ['src/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Read the imported TypeScript modules with typescript-eslint's parser (import-x skips files
      // of other extensions, and a skipped file hides the cycles through it).
      'import-x/extensions': ['.ts', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.node'],
          extensionAlias: { '.js': ['.ts', '.js'], '.mjs': ['.mts', '.mjs'] },
        }),
      ],
    },
    rules: {
      // No module may reach itself again through what it imports (import-x follows value imports:
      // `import type` is erased at run time; test/layers.test.ts forbids type-only cycles too).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // The core touches no I/O library; Probot's webhook context is the handlers' alone.
    files: CORE.map((p) => (p.endsWith('.ts') ? p : `${p}/**/*.ts`)),
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['probot', '@octokit/*', '@actions/*', 'ical.js', '@discordjs/*', 'bullmq', 'ioredis'], message: 'The pure core does no I/O: GitHub is src/github\'s, calendars src/calendar\'s, Discord src/discord\'s, the queue src/server\'s.' }] }],
    },
  },
  {
    files: ['src/services/**/*.ts', 'src/jobs/**/*.ts', 'src/cli/**/*.ts', 'src/action/**/*.ts'],
    // The Action's event runs host the App itself, as src/server.ts does: Probot runs the App's
    // handlers there, and no Probot context leaves that one file.
    ignores: ['src/action/app-events.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'probot', message: 'Probot\'s webhook context is src/handlers\' alone; services, the job, the CLI and the Action take a GitHub client (src/github/client.ts).' }] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: CORE,
              from: OUTSIDE_CORE,
              message: 'The pure core imports nothing from the adapters or services: move the type or the pure rule into the core.',
            },
            {
              target: ['src/cli', 'src/action', 'src/jobs'],
              from: ['src/handlers'],
              message: 'src/handlers holds webhook adapters only: what the CLI, the Action and the job share lives in src/services.',
            },
            {
              target: ['src/services', 'src/github', 'src/calendar', 'src/discord'],
              from: ['src/handlers', 'src/jobs', 'src/cli', 'src/action', 'src/index.ts', 'src/server.ts'],
              message: 'Services and the GitHub adapter are used by the entry points, never the other way round.',
            },
          ],
        },
      ],
    },
  },
);
