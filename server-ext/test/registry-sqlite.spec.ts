import { describe } from 'vitest';
import { sqliteBackend } from './registry-backends.js';
import { describeRegistryScenarios } from './registry-scenarios.js';

// The PostgreSQL run of the same scenarios is server-ext/test-postgres (scripts/test-postgres.sh).
describe('registry scenarios: SQLite', () => {
  describeRegistryScenarios(sqliteBackend);
});
