import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const fromRoot = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against sources, so they need no `tsc -b` first.
    alias: [
      { find: /^@featurelab\/core$/, replacement: fromRoot('./core/src/index.ts') },
      { find: /^@featurelab\/core\/sql$/, replacement: fromRoot('./core/src/sql/index.ts') },
      {
        find: /^@featurelab\/core\/validation$/,
        replacement: fromRoot('./core/src/validation/index.ts')
      },
      {
        find: /^@featurelab\/core\/pyspark$/,
        replacement: fromRoot('./core/src/pyspark/index.ts')
      },
      {
        find: /^@featurelab\/core\/catalog$/,
        replacement: fromRoot('./core/src/catalog/index.ts')
      },
      {
        find: /^@featurelab\/kernel-bridge$/,
        replacement: fromRoot('./kernel-bridge/src/index.ts')
      }
    ]
  },
  test: {
    include: [
      'core/test/**/*.spec.ts',
      'server-ext/test/**/*.spec.ts',
      'kernel-bridge/test/**/*.spec.ts',
      'extension/test/**/*.spec.ts'
    ],
    // Builds server-ext/dist/featurelab.mjs once for the end-to-end tests that spawn it.
    globalSetup: ['server-ext/test/global-setup.ts'],
    passWithNoTests: false,
    testTimeout: 20_000,
    hookTimeout: 60_000
  }
});
