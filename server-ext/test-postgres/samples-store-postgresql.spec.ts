import { describe } from 'vitest';
import { describeSampleBuildStoreScenarios } from '../test/samples-store-scenarios.js';
import { postgresBackend } from './postgres-backend.js';

describe('sample build store: PostgreSQL', () => {
  describeSampleBuildStoreScenarios(postgresBackend);
});
