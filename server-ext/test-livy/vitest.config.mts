import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import root from '../../vitest.config.mjs';

// The Livy tier: the Livy job backend against a real Apache Livy running pip's pyspark. Needs
// FEATURELAB_TEST_LIVY_URL and FEATURELAB_TEST_LIVY_ROOT (a folder in Livy's
// livy.file.local-dir-whitelist); scripts/test-livy.sh starts Livy and sets both.
// Run from the repo root: npx vitest run --config server-ext/test-livy/vitest.config.mts
export default defineConfig({
  ...root,
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    ...root.test,
    include: ['server-ext/test-livy/**/*.spec.ts'],
    globalSetup: ['server-ext/test-livy/global-setup.ts', 'server-ext/test/global-setup.ts'],
    // One Livy on 2 cores: files run one after another, and Spark start-up takes seconds.
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 60_000
  }
});
