import type { Pool } from 'pg';
import { isFeaturelabError } from '@featurelab/core';
import { redactUrl } from '../../config/service-config.js';
import type { Logger } from '../../logger.js';
import type { MigrationOutcome } from '../migrator.js';
import type { RegistryCheck } from '../sqlite-registry.js';
import { createPool, unavailable } from './connection.js';
import { postgresMigrations, type PostgresMigration } from './migrations.js';
import { migratePostgres, postgresSchemaVersion } from './migrator.js';

export interface OpenPostgresRegistryOptions {
  /** postgresql://user[:password]@host[:port]/database[?options=-c search_path=schema] */
  readonly url: string;
  /** Migrations to apply; the real ones unless a test swaps them. */
  readonly migrations?: readonly PostgresMigration[];
  readonly logger?: Logger;
}

/**
 * The registry in a PostgreSQL database shared by a team, opened and migrated to the newest
 * schema. Holds a small connection pool: every store operation takes its own connection, so
 * concurrent service requests never share a transaction.
 */
export class PostgresRegistry {
  readonly kind = 'postgresql';

  private constructor(
    /** The URL without its password, safe to show. */
    readonly location: string,
    private readonly connections: Pool,
    readonly migration: MigrationOutcome
  ) {}

  /**
   * Connect and migrate.
   *
   * @throws RegistryUnavailableError when the server cannot be reached or used (with a hint
   *   for the cause), RegistryMigrationError when a migration fails, RegistryTooNewError.
   */
  static async open(options: OpenPostgresRegistryOptions): Promise<PostgresRegistry> {
    const location = redactUrl(options.url);
    const migrations = options.migrations ?? postgresMigrations();
    let pool: Pool | undefined;
    try {
      pool = await createPool(options.url, options.logger);
      const migration = await migratePostgres(pool, migrations);
      return new PostgresRegistry(location, pool, migration);
    } catch (error) {
      await pool?.end();
      throw isFeaturelabError(error) ? error : unavailable(location, error);
    }
  }

  /** The connection pool, for stores that keep their own tables in the registry (specs). */
  get pool(): Pool {
    return this.connections;
  }

  async schemaVersion(): Promise<number> {
    return postgresSchemaVersion(this.connections);
  }

  /** A value from registry_meta. */
  async meta(key: string): Promise<string | undefined> {
    const result = await this.connections.query<{ value: string }>(
      'SELECT value FROM registry_meta WHERE key = $1',
      [key]
    );
    return result.rows[0]?.value;
  }

  /** Check that the server answers and the registry tables can be read. */
  async check(): Promise<RegistryCheck> {
    let schemaVersion = 0;
    try {
      schemaVersion = await this.schemaVersion();
      await this.connections.query('SELECT COUNT(*) AS entries FROM registry_meta');
      return { ok: true, schemaVersion };
    } catch (error) {
      const failure = unavailable(this.location, error);
      return { ok: false, schemaVersion, message: `${failure.message}. ${failure.hint ?? ''}` };
    }
  }

  async close(): Promise<void> {
    if (!this.connections.ended) {
      await this.connections.end();
    }
  }
}
