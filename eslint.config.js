// ESLint flat config: JS and typescript-eslint recommended rules, a few type-aware promise checks, and Setu's
// architecture boundaries (tools/eslint/boundaries.js). `npm run lint` runs it with --max-warnings=0.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import setu from './tools/eslint/boundaries.js';

export default defineConfig([
  globalIgnores(['**/node_modules/', 'data/', 'dist/', 'coverage/', 'e2e/screenshots/', '**/*.d.ts']),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    name: 'setu/all',
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      // Only the plain JS files (this config, tools/) meet no-undef: TypeScript checks names itself, with types.
      globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    plugins: { setu },
    rules: {
      'setu/boundaries': ['error', { root: import.meta.dirname }],
      eqeqeq: ['error', 'smart'],
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },

  {
    // Type information only for TypeScript (the project service reads tsconfig.json); it costs a few seconds.
    name: 'setu/typescript',
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // An unawaited promise loses its error; mark intended fire-and-forget with `void`.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      // `return await` inside try/catch/finally, so the catch and the finally see the rejection (transactions, clients).
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      // Error codes and levels are unions: a new member must be handled wherever they are switched on.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true }],
      // TypeScript reports undefined names itself; the core rule knows neither types nor DOM/Node globals.
      'no-undef': 'off',
    },
  },

  {
    // The server logs through pino (structured, levelled, redacted); the CLI and benchmarks print to the terminal.
    name: 'setu/server-logging',
    files: ['src/server/**', 'src/contracts/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-console': 'error' },
  },

  {
    name: 'setu/tests',
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      // Tests read JSON bodies loosely; production code must not.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
]);
