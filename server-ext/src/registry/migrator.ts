import type { DatabaseSync } from 'node:sqlite';
import { FeaturelabError } from '@featurelab/core';
import { RegistryMigrationError } from '../errors.js';
import type { Migration } from './migrations.js';

export interface MigrationOutcome {
  /** Schema version before migrating. */
  readonly from: number;
  /** Schema version now. */
  readonly to: number;
  /** Versions applied by this call, in order. */
  readonly applied: readonly number[];
}

/**
 * Bring the database to the newest schema: apply every migration above the recorded version,
 * each in its own transaction together with its `schema_migrations` row, so a failure leaves
 * the database exactly at the previous version.
 */
export function migrate(
  db: DatabaseSync,
  migrations: readonly Migration[],
  now: () => Date = () => new Date()
): MigrationOutcome {
  checkMigrationList(migrations);
  db.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY NOT NULL,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT;
  `);
  const from = currentSchemaVersion(db);
  checkNotNewer(from, migrations);
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)'
  );
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= from) {
      continue;
    }
    // IMMEDIATE takes the write lock up front, so two processes migrating the same file
    // serialize instead of failing half-way.
    db.exec('BEGIN IMMEDIATE');
    try {
      // Re-read under the lock: another process may have applied it meanwhile.
      if (currentSchemaVersion(db) >= migration.version) {
        db.exec('COMMIT');
        continue;
      }
      migration.up(db);
      record.run(migration.version, migration.name, now().toISOString());
      db.exec('COMMIT');
      applied.push(migration.version);
    } catch (error) {
      if (db.isTransaction) {
        db.exec('ROLLBACK');
      }
      throw migrationFailed(
        migration,
        'Check free disk space and file permissions, then restart; report the service log if it persists.',
        error
      );
    }
  }
  return { from, to: currentSchemaVersion(db), applied };
}

/** The highest applied migration; 0 for a new database. */
export function currentSchemaVersion(db: DatabaseSync): number {
  const exists = db
    .prepare(
      "SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    )
    .get();
  if (!exists) {
    return 0;
  }
  const row = db
    .prepare('SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations')
    .get();
  return Number(row?.version ?? 0);
}

/*
 * The bookkeeping below is shared by every registry dialect (the SQLite migrator above,
 * registry/postgres/postgres-migrator.ts): one list of versions, the same refusal of a newer
 * registry, the same error for a failed step.
 */

/** Versions must be 1, 2, 3... in order: a registry records only the highest one applied. */
export function checkMigrationList(migrations: readonly Pick<Migration, 'version'>[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `migration versions must be 1, 2, 3...; found ${migration.version} at position ${index + 1}`
      );
    }
  });
}

/**
 * @throws RegistryTooNewError when a newer release already migrated the registry past the
 *   migrations this release knows.
 */
export function checkNotNewer(
  schemaVersion: number,
  migrations: readonly Pick<Migration, 'version'>[]
): void {
  const newest = migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
  if (schemaVersion > newest) {
    throw new FeaturelabError(
      'RegistryTooNewError',
      `the registry has schema version ${schemaVersion}, newer than this Featurelab release knows (${newest})`,
      {
        hint: 'Upgrade Featurelab to the release that last wrote this registry, or point the configuration at another registry.'
      }
    );
  }
}

/** The error for a migration step that failed and was rolled back. */
export function migrationFailed(
  migration: Pick<Migration, 'version' | 'name'>,
  fix: string,
  cause: unknown
): RegistryMigrationError {
  return new RegistryMigrationError(migration.version, migration.name, {
    hint: `The registry was left at the previous schema version. ${fix}`,
    cause
  });
}
