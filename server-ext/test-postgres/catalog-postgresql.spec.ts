import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogService } from '../src/catalog/catalog-service.js';
import {
  closeCatalogServices,
  comparable,
  demoFixture,
  describeCatalogScenarios,
  type CatalogFixture
} from '../test/catalog-scenarios.js';
import { temporaryDirectory } from '../test/helpers.js';
import { sqliteBackend } from '../test/registry-backends.js';
import { postgresBackend } from './postgres-backend.js';

describe('catalog service: PostgreSQL registry', () => {
  describeCatalogScenarios(postgresBackend);
});

describe('catalog service: SQLite and PostgreSQL agree', () => {
  let cleanups: (() => void)[] = [];
  let fixtures: CatalogFixture[] = [];
  let sqlite: CatalogService;
  let postgres: CatalogService;

  beforeEach(async () => {
    const made = await Promise.all(
      [sqliteBackend, postgresBackend].map(async factory => {
        const { dir, cleanup } = temporaryDirectory('featurelab-catalog-agree-');
        cleanups.push(cleanup);
        return demoFixture(dir, await factory(dir));
      })
    );
    fixtures = made;
    sqlite = made[0].service();
    postgres = made[1].service();
  });
  afterEach(async () => {
    await closeCatalogServices();
    for (const fixture of fixtures) {
      await fixture.backend.dispose();
    }
    for (const cleanup of cleanups) {
      cleanup();
    }
    cleanups = [];
    fixtures = [];
  });

  it('list, get and diff return the same results on both backends', async () => {
    const [left, right] = await Promise.all([sqlite.list(), postgres.list()]);
    expect(right).toEqual(left);
    expect(left.entries.length).toBe(30);
    for (const entry of left.entries) {
      const name = entry.kind === 'Feature' ? `${entry.featureGroup}.${entry.name}` : entry.name;
      const [a, b] = await Promise.all([
        sqlite.get(entry.kind, name),
        postgres.get(entry.kind, name)
      ]);
      expect(comparable(b)).toEqual(comparable(a));
      for (const [from, to] of [
        [0, 2],
        [1, 2],
        [2, 1]
      ]) {
        const [x, y] = await Promise.all([
          sqlite.diff(entry.kind, name, from, to),
          postgres.diff(entry.kind, name, from, to)
        ]);
        expect(y).toEqual(x);
      }
    }
    const [lineageA, lineageB] = await Promise.all([
      sqlite.lineage('Model', 'ctr_ranker', 4),
      postgres.lineage('Model', 'ctr_ranker', 4)
    ]);
    expect(lineageB).toEqual(lineageA);
  });
});
