// Lint rules we hold ourselves to (see ../shared/STYLE.md): type-only imports, no floating
// promises, no import cycles, strict equality, and workflow code that cannot reach I/O.
import importX from 'eslint-plugin-import-x';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelteConfig from './web/svelte.config.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'prisma/generated/**',
      'web/build/**',
      'web/.svelte-kit/**',
      // Generated from the API's OpenAPI document (npm run web:api-types).
      'web/src/lib/api-types.ts',
      '.data/**',
      'test-results/**',
      '**/*.js',
      '!load-tests/**/*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    // The web app: browser globals; Svelte components parsed with TypeScript inside.
    files: ['web/**/*.ts', 'web/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['web/**/*.svelte', 'web/**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { extraFileExtensions: ['.svelte'], parser: tseslint.parser, svelteConfig },
    },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.svelte'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // The app is served at the root (no `paths.base`): plain root-relative links are right.
      'svelte/no-navigation-without-resolve': 'off',
      // `{' · '}` and `{'Note: '}` keep spaces Svelte would otherwise trim: not useless.
      'svelte/no-useless-mustaches': 'off',
      // It flags every Map, Set, Date and URLSearchParams; ours are local working values, never state.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    // The k6 scenarios: JavaScript modules that k6 runs, with k6's globals.
    files: ['load-tests/**/*.js'],
    languageOptions: {
      globals: {
        __ENV: 'readonly',
        __VU: 'readonly',
        __ITER: 'readonly',
        open: 'readonly',
        crypto: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-undef': 'error',
    },
  },
  {
    // The server code, type-aware (the web app has its own tsconfig and svelte-check).
    files: ['**/*.ts'],
    ignores: ['web/**'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { maxDepth: 10 }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Workflow code is replayed: it must stay deterministic and may not import I/O.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'pg',
                '@prisma/*',
                '**/prisma/**',
                'pino',
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/activity',
              ],
              message: 'workflow code must not import I/O; call an activity instead',
            },
            {
              group: ['../activities', '../activities/*', '../activities/**'],
              allowTypeImports: true,
              message: 'workflows import activities as types only',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'workflow code must not do I/O' }],
    },
  },
  {
    // The API talks to the domain modules (ledger/, bank-client/, transfers/) and to Temporal's
    // client; the activities are the worker's adapter, not a library.
    files: ['api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/activities', '**/activities/*'],
              message: 'the API uses ledger/, bank-client/ and transfers/, never the Temporal activities',
            },
          ],
        },
      ],
    },
  },
);
