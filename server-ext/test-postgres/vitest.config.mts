import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import root from '../../vitest.config.mjs';

// The PostgreSQL tier: the registry scenarios against a real server. Needs
// FEATURELAB_TEST_POSTGRES_URL; scripts/test-postgres.sh starts a server and sets it.
// Run from the repo root: npx vitest run --config server-ext/test-postgres/vitest.config.mts
export default defineConfig({
  ...root,
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    ...root.test,
    include: ['server-ext/test-postgres/**/*.spec.ts'],
    globalSetup: ['server-ext/test-postgres/global-setup.ts', 'server-ext/test/global-setup.ts'],
    // Every test file gets its own schemas; files may run in parallel.
    testTimeout: 30_000
  }
});
