// `npm run lint` runs this with --max-warnings=0: the Jupyter rules that upstream rates as
// warnings fail the lint too. Formatting belongs to Prettier; no rule enabled here is
// stylistic, so eslint-config-prettier is not needed.
import js from '@eslint/js';
import jupyter from '@jupyter/eslint-plugin';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Each source folder belongs to a tsconfig project, so type information comes cheap.
const SOURCES = [
  'core/src/**/*.ts',
  'kernel-bridge/src/**/*.ts',
  'server-ext/src/**/*.ts',
  'extension/src/**/*.{ts,tsx}',
  'bench/src/**/*.ts'
];
// Tests: several folders have no tsconfig, so they are linted without types.
const TESTS = [
  '*/test/**/*.ts',
  'server-ext/test-postgres/**/*.ts',
  'server-ext/test-livy/**/*.ts',
  'server-ext/test-k8s/**/*.ts',
  'ui-tests/tests/**/*.ts',
  'ui-tests/playwright.config.ts'
];

export default defineConfig(
  // Build output and generated code (core/src/generated comes from schemas/).
  globalIgnores([
    '.venv/',
    'workspace/',
    '**/node_modules/',
    '**/lib/',
    '**/dist/',
    'core/src/generated/',
    'extension/labextension/',
    'server-ext/python/',
    'ui-tests/test-results/',
    'ui-tests/playwright-report/'
  ]),
  {
    files: [...SOURCES, ...TESTS],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Parse at the boundary (unknown + a type guard) rather than opt out of checking.
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }
      ],
      // Extension code reports through the UI, the service through its logger, and the
      // CLI through process.stdout/stderr; a stray console call is left-over debugging.
      'no-console': 'error',
      // `x == null` stays allowed: it is the one loose comparison with a clear meaning.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error',
      curly: 'error',
      // JupyterLab style: `class Foo` plus `namespace Foo { interface IOptions }`.
      '@typescript-eslint/no-namespace': 'off'
    }
  },
  {
    files: SOURCES,
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      // A dropped promise loses its rejection; write `void` where that is the intent.
      '@typescript-eslint/no-floating-promises': 'error'
    }
  },
  // JupyterLab conventions (token ids, plugin descriptions, command ids, signals,
  // translations) for the code that runs in JupyterLab.
  {
    files: ['extension/src/**/*.{ts,tsx}', 'kernel-bridge/src/**/*.ts'],
    extends: [jupyter.configs.recommended],
    rules: {
      // token-format checks the id only; the description shows in the plugin manager.
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Token'][arguments.length<2]",
          message: 'Give the Token a description as its second argument.'
        }
      ],
      // JupyterLab naming: interfaces start with I (ISparkCatalog, KernelBridge.IOptions).
      '@typescript-eslint/naming-convention': [
        'error',
        { selector: 'interface', format: ['PascalCase'], prefix: ['I'] }
      ]
    }
  }
);
