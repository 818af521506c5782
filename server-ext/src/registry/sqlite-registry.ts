import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { isFeaturelabError } from '@featurelab/core';
import { RegistryUnavailableError } from '../errors.js';
import { REGISTRY_MIGRATIONS, type Migration } from './migrations.js';
import { currentSchemaVersion, migrate, type MigrationOutcome } from './migrator.js';

export interface OpenRegistryOptions {
  /** Database file; its folder is created when missing. */
  path: string;
  /** Migrations to apply; the real ones unless a test swaps them. */
  migrations?: readonly Migration[];
}

/** Result of a live check of the registry. */
export interface RegistryCheck {
  readonly ok: boolean;
  readonly schemaVersion: number;
  readonly message?: string;
}

/**
 * The registry stored in a SQLite file, opened and migrated to the newest schema.
 */
export class SqliteRegistry {
  readonly kind = 'sqlite';
  readonly path: string;
  readonly migration: MigrationOutcome;
  private db: DatabaseSync | undefined;

  private constructor(filePath: string, db: DatabaseSync, migration: MigrationOutcome) {
    this.path = filePath;
    this.db = db;
    this.migration = migration;
  }

  /**
   * Open (creating folder and file if needed) and migrate.
   *
   * @throws RegistryUnavailableError when the file cannot be opened or used,
   *   RegistryMigrationError when a migration fails.
   */
  static open(options: OpenRegistryOptions): SqliteRegistry {
    const filePath = path.resolve(options.path);
    let db: DatabaseSync;
    try {
      mkdirSync(path.dirname(filePath), { recursive: true });
      db = new (sqliteModule().DatabaseSync)(filePath);
    } catch (error) {
      throw new RegistryUnavailableError(
        `cannot open the registry ${filePath}: ${errorMessage(error)}`,
        {
          hint: `Make sure ${path.dirname(filePath)} exists and is writable by the user running JupyterLab, or set registry.path in the configuration.`,
          cause: error
        }
      );
    }
    try {
      // WAL lets `featurelab doctor` and the CLI read while the service writes; the busy
      // timeout makes concurrent writers wait for each other instead of failing.
      db.exec('PRAGMA busy_timeout = 5000');
      enableWal(db);
      db.exec('PRAGMA foreign_keys = ON');
      const migration = migrate(db, options.migrations ?? REGISTRY_MIGRATIONS);
      return new SqliteRegistry(filePath, db, migration);
    } catch (error) {
      db.close();
      if (isFeaturelabError(error)) {
        throw error;
      }
      throw new RegistryUnavailableError(
        `cannot use the registry ${filePath}: ${errorMessage(error)}`,
        {
          hint: `If ${filePath} is not a Featurelab registry (or is damaged), move it away and restart to create a new one.`,
          cause: error
        }
      );
    }
  }

  /** Where the registry lives, for health and plan output. */
  get location(): string {
    return this.path;
  }

  get isOpen(): boolean {
    return this.db !== undefined;
  }

  /** Highest applied migration. */
  schemaVersion(): number {
    return currentSchemaVersion(this.connection());
  }

  /** A value from registry_meta. */
  meta(key: string): string | undefined {
    const row = this.connection().prepare('SELECT value FROM registry_meta WHERE key = ?').get(key);
    return typeof row?.value === 'string' ? row.value : undefined;
  }

  /**
   * The open connection, for stores that keep their own tables in the registry (specs). They
   * must leave no transaction open when a call returns.
   */
  database(): DatabaseSync {
    return this.connection();
  }

  /**
   * Check that the registry still works: the file is where it was, the schema version can be
   * read and a query on registry data runs.
   */
  check(): RegistryCheck {
    let schemaVersion = 0;
    try {
      if (!existsSync(this.path)) {
        // SQLite keeps writing to an unlinked file; everything written would be lost.
        return {
          ok: false,
          schemaVersion,
          message: `the registry file ${this.path} was removed while the service was running; restart the service to recreate it`
        };
      }
      schemaVersion = this.schemaVersion();
      this.connection().prepare('SELECT COUNT(*) AS entries FROM registry_meta').get();
      return { ok: true, schemaVersion };
    } catch (error) {
      return { ok: false, schemaVersion, message: `registry query failed: ${errorMessage(error)}` };
    }
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }

  private connection(): DatabaseSync {
    if (!this.db) {
      throw new RegistryUnavailableError('the registry is closed', {
        hint: 'Restart the Featurelab service.'
      });
    }
    return this.db;
  }
}

/**
 * Switch to WAL. SQLite does not call the busy handler for the lock this switch needs, so two
 * processes opening a new registry at the same moment (two `featurelab apply` runs) could fail
 * with "database is locked"; retry for as long as the busy timeout would have waited.
 */
function enableWal(db: DatabaseSync): void {
  const deadline = Date.now() + 5000;
  for (let attempt = 1; ; attempt += 1) {
    try {
      db.exec('PRAGMA journal_mode = WAL');
      return;
    } catch (error) {
      const busy = /database is locked|database is busy/i.test(errorMessage(error));
      if (!busy || Date.now() >= deadline) {
        throw error;
      }
      // A synchronous pause: opening the registry is synchronous, and this happens only in a race.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(5 * attempt, 50));
    }
  }
}

/**
 * node:sqlite, loaded on first use rather than by a static import: Node 24 releases that still
 * flag it experimental emit their ExperimentalWarning when it loads, and a static import would
 * load it before process-warnings.ts has routed warnings into the JSON log.
 */
function sqliteModule(): typeof import('node:sqlite') {
  return process.getBuiltinModule('node:sqlite');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
