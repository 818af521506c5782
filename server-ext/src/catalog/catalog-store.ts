import type { DatabaseSync } from 'node:sqlite';
import type { CatalogVersion, SpecKind } from '@featurelab/core';
import type { OpenRegistry } from '../registry/open-registry.js';
import { inTransaction } from '../registry/postgres/connection.js';
import type { PostgresRegistry } from '../registry/postgres/postgres-registry.js';
import type { SqliteRegistry } from '../registry/sqlite-registry.js';

/** One current spec of the registry, as stored (canonical JSON). */
export interface StoredObject {
  readonly kind: SpecKind;
  readonly name: string;
  readonly specJson: string;
  readonly updatedVersion: number;
}

/** Every current spec at one registry version, read in one transaction. */
export interface RegistryListing {
  readonly version: number;
  readonly objects: readonly StoredObject[];
}

/** The spec of an object as of a version: null where it did not exist or was deleted. */
export type SpecAtVersion = string | null;

/**
 * The read side of the spec registry that the catalog needs (tables of migration 2), one
 * implementation per backend. Every value is a bound parameter.
 */
export interface CatalogStore {
  /** The registry version; 0 before the first apply. */
  headVersion(): Promise<number>;
  /** All current specs and the version they belong to: one query each, in one transaction. */
  list(): Promise<RegistryListing>;
  /** Versions that changed the object, newest first. */
  history(kind: SpecKind, name: string): Promise<CatalogVersion[]>;
  /** The object's spec JSON as of `version` (its last change at or before it). */
  specAt(kind: SpecKind, name: string, version: number): Promise<SpecAtVersion>;
}

export function catalogStoreOf(registry: OpenRegistry): CatalogStore {
  return registry.kind === 'sqlite'
    ? new SqliteCatalogStore(registry)
    : new PostgresCatalogStore(registry);
}

const LIST_SQL =
  'SELECT kind, name, spec_json, updated_version FROM spec_objects ORDER BY kind, name';
const HEAD_SQL = 'SELECT COALESCE(MAX(version), 0) AS version FROM registry_versions';

class SqliteCatalogStore implements CatalogStore {
  private readonly db: DatabaseSync;

  constructor(registry: SqliteRegistry) {
    this.db = registry.database();
  }

  headVersion(): Promise<number> {
    return Promise.resolve(Number(this.db.prepare(HEAD_SQL).get()?.version ?? 0));
  }

  list(): Promise<RegistryListing> {
    // One read transaction: under WAL the version and the rows belong to one committed state.
    this.db.exec('BEGIN');
    try {
      const version = Number(this.db.prepare(HEAD_SQL).get()?.version ?? 0);
      const objects = this.db
        .prepare(LIST_SQL)
        .all()
        .map(row => ({
          kind: String(row.kind) as SpecKind,
          name: String(row.name),
          specJson: String(row.spec_json),
          updatedVersion: Number(row.updated_version)
        }));
      return Promise.resolve({ version, objects });
    } finally {
      this.db.exec('COMMIT');
    }
  }

  history(kind: SpecKind, name: string): Promise<CatalogVersion[]> {
    const rows = this.db
      .prepare(
        `SELECT c.version, c.action, v.author, v.created_at, v.git_commit
           FROM spec_changes c JOIN registry_versions v ON v.version = c.version
          WHERE c.kind = ? AND c.name = ?
          ORDER BY c.version DESC`
      )
      .all(kind, name);
    return Promise.resolve(
      rows.map(row => ({
        version: Number(row.version),
        action: String(row.action) as CatalogVersion['action'],
        author: String(row.author),
        createdAt: String(row.created_at),
        gitCommit: row.git_commit === null ? null : String(row.git_commit)
      }))
    );
  }

  specAt(kind: SpecKind, name: string, version: number): Promise<SpecAtVersion> {
    const row = this.db
      .prepare(
        `SELECT spec_json FROM spec_changes
          WHERE kind = ? AND name = ? AND version <= ?
          ORDER BY version DESC LIMIT 1`
      )
      .get(kind, name, version);
    return Promise.resolve(
      row === undefined || row.spec_json === null ? null : String(row.spec_json)
    );
  }
}

/** created_at is timestamptz; render it like Date.toISOString, as SQLite stores it. */
const ISO_CREATED_AT = `to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

class PostgresCatalogStore implements CatalogStore {
  constructor(private readonly registry: PostgresRegistry) {}

  async headVersion(): Promise<number> {
    const result = await this.registry.pool.query<{ version: number }>(HEAD_SQL);
    return Number(result.rows[0]?.version ?? 0);
  }

  async list(): Promise<RegistryListing> {
    const { value } = await inTransaction(this.registry.pool, 'read', async session => {
      const head = await session.query<{ version: number }>(HEAD_SQL);
      const listed = await session.query<{
        kind: SpecKind;
        name: string;
        spec_json: string;
        updated_version: number;
      }>(
        // COLLATE "C": the same code-point order as SQLite, whatever the database's locale.
        'SELECT kind, name, spec_json, updated_version FROM spec_objects ORDER BY kind COLLATE "C", name COLLATE "C"'
      );
      return {
        version: Number(head.rows[0]?.version ?? 0),
        objects: listed.rows.map(row => ({
          kind: row.kind,
          name: row.name,
          specJson: row.spec_json,
          updatedVersion: Number(row.updated_version)
        }))
      };
    });
    return value;
  }

  async history(kind: SpecKind, name: string): Promise<CatalogVersion[]> {
    const result = await this.registry.pool.query<{
      version: number;
      action: CatalogVersion['action'];
      author: string;
      created_at: string;
      git_commit: string | null;
    }>(
      `SELECT c.version, c.action, v.author, ${ISO_CREATED_AT} AS created_at, v.git_commit
         FROM spec_changes c JOIN registry_versions v ON v.version = c.version
        WHERE c.kind = $1 AND c.name = $2
        ORDER BY c.version DESC`,
      [kind, name]
    );
    return result.rows.map(row => ({
      version: Number(row.version),
      action: row.action,
      author: row.author,
      createdAt: row.created_at,
      gitCommit: row.git_commit
    }));
  }

  async specAt(kind: SpecKind, name: string, version: number): Promise<SpecAtVersion> {
    const result = await this.registry.pool.query<{ spec_json: string | null }>(
      `SELECT spec_json FROM spec_changes
        WHERE kind = $1 AND name = $2 AND version <= $3
        ORDER BY version DESC LIMIT 1`,
      [kind, name, version]
    );
    return result.rows[0]?.spec_json ?? null;
  }
}
