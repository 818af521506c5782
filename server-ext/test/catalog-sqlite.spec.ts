import { describe } from 'vitest';
import { describeCatalogScenarios } from './catalog-scenarios.js';
import { sqliteBackend } from './registry-backends.js';

describe('catalog service: SQLite registry', () => {
  describeCatalogScenarios(sqliteBackend);
});
