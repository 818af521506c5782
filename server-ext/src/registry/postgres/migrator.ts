import type { Pool, PoolClient } from 'pg';
import {
  checkMigrationList,
  checkNotNewer,
  migrationFailed,
  type MigrationOutcome
} from '../migrator.js';
import type { Queryable } from './connection.js';
import type { PostgresMigration } from './migrations.js';

/**
 * Bring the database (the first schema of its search_path) to the newest registry schema,
 * each migration in its own transaction together with its `schema_migrations` row, as the
 * SQLite migrator does.
 *
 * Concurrent migrators (two services starting on a new registry) serialize on a session-level
 * advisory lock keyed by the schema: the second one waits, then finds nothing to do. The lock
 * goes away with the session if the process dies.
 */
export async function migratePostgres(
  pool: Pool,
  migrations: readonly PostgresMigration[],
  now: () => Date = () => new Date()
): Promise<MigrationOutcome> {
  checkMigrationList(migrations);
  const client = await pool.connect();
  try {
    await client.query(
      "SELECT pg_advisory_lock(hashtextextended('featurelab.registry.migrate:' || coalesce(current_schema(), ''), 0))"
    );
    try {
      return await migrateLocked(client, migrations, now);
    } finally {
      await client.query('SELECT pg_advisory_unlock_all()');
    }
  } finally {
    client.release();
  }
}

async function migrateLocked(
  client: PoolClient,
  migrations: readonly PostgresMigration[],
  now: () => Date
): Promise<MigrationOutcome> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL
    )`);
  const from = await postgresSchemaVersion(client);
  checkNotNewer(from, migrations);
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= from) {
      continue;
    }
    await client.query('BEGIN');
    try {
      await migration.up(client);
      await client.query(
        'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
        [migration.version, migration.name, now()]
      );
      await client.query('COMMIT');
      applied.push(migration.version);
    } catch (error) {
      await client.query('ROLLBACK');
      throw migrationFailed(
        migration,
        'Check that the role in registry.url may create tables in its schema; report the service log if it persists.',
        error
      );
    }
  }
  return { from, to: await postgresSchemaVersion(client), applied };
}

/** The highest applied migration; 0 for a database the registry has never used. */
export async function postgresSchemaVersion(db: Queryable): Promise<number> {
  const exists = await db.query<{ found: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS found"
  );
  if (exists.rows[0]?.found !== true) {
    return 0;
  }
  const result = await db.query<{ version: number }>(
    'SELECT COALESCE(MAX(version), 0)::integer AS version FROM schema_migrations'
  );
  return result.rows[0]?.version ?? 0;
}
