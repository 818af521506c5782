import { describe } from 'vitest';
import { describeRegistryScenarios } from '../test/registry-scenarios.js';
import { postgresBackend } from './postgres-backend.js';

describe('registry scenarios: PostgreSQL', () => {
  describeRegistryScenarios(postgresBackend);
});
