import { describe } from 'vitest';
import { describeValidationHistoryScenarios } from '../test/validation-history-scenarios.js';
import { postgresBackend } from './postgres-backend.js';

describe('validation history: PostgreSQL', () => {
  describeValidationHistoryScenarios(postgresBackend);
});
