// Lint: typescript-eslint with type information, so promise mistakes (floating, misused) fail CI,
// plus the boundaries that keep the architecture as it is drawn in the README.
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

/**
 * Files that still break a rule below while the repository migration (issue 12) is under way.
 * Each entry is a debt with a name: remove it when the file is fixed; never add one.
 */
const MONGO_IMPORT_BACKLOG = [];
const SIZE_BACKLOG = [];
const FUNCTION_SIZE_BACKLOG = [];

const MONGO_PACKAGES = ['mongoose', 'mongodb', 'bson', '@agendajs/mongo-backend'];
const IO_PACKAGES = [...MONGO_PACKAGES, 'elysia', 'agenda', 'ioredis', 'nodemailer', 'twilio', 'bun', 'node:fs', 'node:net', 'node:http', 'fs', 'net', 'http'];

/**
 * Import boundaries, exported so `server/lint-boundaries.test.ts` can show each one fires on a
 * file that breaks it. ESLint reads only the default export; this named one is for the test.
 */
export const boundaries = [
  {
    // server/db/ is the only door to MongoDB: no model, driver or scoped collection elsewhere.
    files: ['server/**/*.ts', 'scripts/**/*.ts', 'e2e/**/*.ts'],
    // server/testing/ makes and drops the tests' databases, which is the driver's job.
    ignores: ['server/db/**', 'server/testing/**', ...MONGO_IMPORT_BACKLOG],
    rules: {
      'no-restricted-imports': ['error', {
        paths: MONGO_PACKAGES.map((name) => ({ name, message: 'Only server/db/ talks to MongoDB: use repos.forOrg(orgId) or repos.crossOrg.' })),
        patterns: [{ group: ['**/db/models', '**/db/models/*', '**/db/scoped-collection'], message: 'Models stay inside server/db/: use repos.forOrg(orgId) (types: server/db/types).' }],
      }],
    },
  },
  {
    // Routes call services only: the work, and every database read, lives behind a service.
    files: ['server/modules/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "MemberExpression[property.name='repos']", message: 'Routes call services only: move this read or write into server/services/.' }],
    },
  },
  {
    // domain/ is pure: rules over values, no I/O and no framework.
    files: ['server/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: IO_PACKAGES.map((name) => ({ name, message: 'server/domain/ is pure: no I/O or framework imports.' })),
        patterns: [{ regex: '^\\.\\./(?!\\.\\./shared(/|$))', message: 'server/domain/ imports only itself and shared/.' }],
      }],
    },
  },
  {
    // shared/ is what server, console and widget agree on; it depends on none of them.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: IO_PACKAGES.map((name) => ({ name, message: 'shared/ holds types and pure helpers only.' })),
        patterns: [{ group: ['**/server/**', '**/console/**', '**/widget/**', '**/e2e/**', '**/server', '**/console', '**/widget'], message: 'shared/ imports nothing from server, console, widget or e2e.' }],
      }],
    },
  },
  {
    // console/src/api is the console's only HTTP code (the realtime socket lives in console/src/realtime).
    files: ['console/src/**/*.ts', 'console/src/**/*.vue'],
    ignores: ['console/src/api/**'],
    rules: {
      'no-restricted-globals': ['error',
        { name: 'fetch', message: 'Network calls go through console/src/api.' },
        { name: 'XMLHttpRequest', message: 'Network calls go through console/src/api.' },
      ],
      'no-restricted-properties': ['error',
        { object: 'window', property: 'fetch', message: 'Network calls go through console/src/api.' },
        { object: 'globalThis', property: 'fetch', message: 'Network calls go through console/src/api.' },
      ],
    },
  },
];

/** Small files with one job: no file past 400 lines, no function past 80. */
const size = [
  {
    files: ['**/*.ts', '**/*.vue'],
    ignores: SIZE_BACKLOG,
    rules: { 'max-lines': ['error', { max: 400 }] },
  },
  {
    files: ['**/*.ts', '**/*.vue'],
    // Exempt: test suites (describe blocks) and their fakes, declarative Elysia route chains, Pinia setup stores.
    ignores: [...FUNCTION_SIZE_BACKLOG, '**/*.test.ts', '**/test/**', 'e2e/**', 'server/modules/**/index.ts', 'server/modules/handoff/*.ts', 'console/src/stores/*.ts', 'console/src/features/*/store.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
];

const common = {
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
  '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
  'no-debugger': 'error',
  'no-var': 'error',
  'prefer-const': 'error',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'e2e/artifacts/**', '**/*.d.ts'] },
  {
    files: ['server/**/*.ts', 'shared/**/*.ts', 'widget/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      ...common,
      '@typescript-eslint/await-thenable': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['console/**/*.ts', 'console/**/*.vue'],
    extends: [tseslint.configs.base, ...pluginVue.configs['flat/base']],
    languageOptions: {
      parserOptions: {
        parser: tseslint.parser,
        project: './console/tsconfig.json',
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
      },
    },
    rules: common,
  },
  ...boundaries,
  ...size,
);
