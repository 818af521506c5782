import { describe } from 'vitest';
import { sqliteBackend } from './registry-backends.js';
import { describeValidationHistoryScenarios } from './validation-history-scenarios.js';

describe('validation history: SQLite', () => {
  describeValidationHistoryScenarios(sqliteBackend);
});
