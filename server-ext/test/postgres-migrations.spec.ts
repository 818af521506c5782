import { describe, expect, it } from 'vitest';
import { REGISTRY_MIGRATIONS } from '../src/registry/migrations.js';
import { postgresMigrations } from '../src/registry/postgres/migrations.js';

// Runs without a server: every registry migration must also be written for PostgreSQL
// (server-ext/test-postgres checks that the resulting tables match SQLite's).
describe('PostgreSQL migrations', () => {
  it('has a PostgreSQL body for every registry migration, under the same name', () => {
    expect(postgresMigrations().map(({ version, name }) => ({ version, name }))).toEqual(
      REGISTRY_MIGRATIONS.map(({ version, name }) => ({ version, name }))
    );
  });

  it('names a migration that lacks one', () => {
    expect(() => postgresMigrations([...REGISTRY_MIGRATIONS, { version: 99, name: 'x' }])).toThrow(
      /registry migration 99 \(x\) has no PostgreSQL body/
    );
  });
});
