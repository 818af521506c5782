import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegistryMigrationError } from '../src/errors.js';
import { REGISTRY_MIGRATIONS } from '../src/registry/migrations.js';
import { postgresMigrations, type PostgresMigration } from '../src/registry/postgres/migrations.js';
import { PostgresRegistry } from '../src/registry/postgres/postgres-registry.js';
import { SqliteRegistry } from '../src/registry/sqlite-registry.js';
import { RegistryConflictError } from '../src/specs/errors.js';
import { PostgresSpecStore } from '../src/specs/store/postgres-spec-store.js';
import { temporaryDirectory } from '../test/helpers.js';
import { freshSchema, testServerUrl } from './postgres-backend.js';

let url: string;
let drop: () => Promise<void>;
const opened: PostgresRegistry[] = [];

beforeEach(async () => ({ url, drop } = await freshSchema()));
afterEach(async () => {
  await Promise.all(opened.splice(0).map(registry => registry.close()));
  await drop();
});

async function open(migrations?: readonly PostgresMigration[]): Promise<PostgresRegistry> {
  const registry = await PostgresRegistry.open({ url, migrations });
  opened.push(registry);
  return registry;
}

async function query(sql: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

describe('PostgresRegistry', () => {
  it('migrates a new schema once, also when two processes open it at the same moment', async () => {
    const [first, second] = await Promise.all([open(), open()]);
    const outcomes = [first.migration, second.migration].sort(
      (a, b) => b.applied.length - a.applied.length
    );
    const all = REGISTRY_MIGRATIONS.map(migration => migration.version);
    expect(outcomes).toEqual([
      { from: 0, to: all.length, applied: all },
      { from: all.length, to: all.length, applied: [] }
    ]);
    expect(await first.check()).toEqual({ ok: true, schemaVersion: all.length });
    expect(await first.meta('created_by')).toBe('featurelab 0.1.0');
    expect(await first.meta('registry_id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await open()).migration.applied).toEqual([]);
  });

  it('has the same tables and columns as a SQLite registry', async () => {
    await open();
    const { dir, cleanup } = temporaryDirectory();
    const sqlite = SqliteRegistry.open({ path: path.join(dir, 'registry.db') });
    const db: DatabaseSync = sqlite.database();
    const sqliteColumns = (
      db
        .prepare(
          "SELECT m.name AS table_name, p.name AS column_name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table'"
        )
        .all() as { table_name: string; column_name: string }[]
    ).map(row => `${row.table_name}.${row.column_name}`);
    sqlite.close();
    cleanup();
    const postgresColumns = (
      await query(
        'SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()'
      )
    ).map(row => `${String(row.table_name)}.${String(row.column_name)}`);
    expect(postgresColumns.sort()).toEqual(sqliteColumns.sort());
  });

  it('rolls a failing migration back completely and keeps the previous version', async () => {
    const [first] = postgresMigrations();
    const failing: PostgresMigration = {
      version: 2,
      name: 'half_done',
      async up(db) {
        await db.query('CREATE TABLE half (id integer)');
        await db.query("INSERT INTO registry_meta (key, value) VALUES ('half', 'done')");
        throw new Error('disk on fire');
      }
    };
    const error: unknown = await open([first, failing]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RegistryMigrationError);
    expect((error as Error).message).toMatch(
      /migration 2 \(half_done\) failed and was rolled back/
    );
    expect(((error as Error).cause as Error).message).toBe('disk on fire');
    expect(await query('SELECT version FROM schema_migrations')).toEqual([{ version: 1 }]);
    expect(await query("SELECT to_regclass('half') AS found")).toEqual([{ found: null }]);
    expect(await query("SELECT * FROM registry_meta WHERE key = 'half'")).toEqual([]);
  });

  it('refuses a registry written by a newer release', async () => {
    await open();
    await query(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', now())"
    );
    await expect(open()).rejects.toMatchObject({
      kind: 'RegistryTooNewError',
      message: expect.stringContaining(
        'schema version 99, newer than this Featurelab release knows'
      )
    });
  });

  it('reports a wrong password and a missing database with a hint and without the password', async () => {
    const wrong = new URL(testServerUrl());
    wrong.password = 'not-the-password';
    const denied: unknown = await PostgresRegistry.open({ url: wrong.toString() }).catch(
      (caught: unknown) => caught
    );
    expect(denied).toMatchObject({
      kind: 'RegistryUnavailableError',
      message: expect.stringMatching(/password authentication failed/),
      hint: expect.stringMatching(/user and password/)
    });
    expect(JSON.stringify({ message: (denied as Error).message })).not.toContain(
      'not-the-password'
    );

    const missing = new URL(testServerUrl());
    missing.pathname = '/no_such_database';
    await expect(PostgresRegistry.open({ url: missing.toString() })).rejects.toMatchObject({
      kind: 'RegistryUnavailableError',
      hint: expect.stringMatching(/createdb/)
    });
  });
});

describe('PostgresSpecStore.commit', () => {
  it('waits for an apply that holds the version lock, then conflicts with the version it wrote', async () => {
    const registry = await open();
    const store = new PostgresSpecStore(registry, false);
    // Another writer takes the lock and records version 1, but has not committed yet.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query('BEGIN');
    await other.query('LOCK TABLE registry_versions IN SHARE ROW EXCLUSIVE MODE');
    await other.query(
      "INSERT INTO registry_versions (version, author, created_at, creates, updates, deletes) VALUES (1, 'other', now(), 0, 0, 0)"
    );
    let settled = false;
    // The outcome is captured at once: a rejection left unobserved while the other writer
    // commits would be reported by vitest as unhandled.
    const outcome = store
      .commit({
        baseVersion: 0,
        author: 'ada',
        gitCommit: null,
        createdAt: new Date(),
        changes: [{ action: 'create', kind: 'Entity', name: 'user', json: '{}', hash: 'h' }]
      })
      .then(
        () => undefined,
        (caught: unknown) => caught
      )
      .finally(() => (settled = true));
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    await other.query('COMMIT');
    await other.end();

    const error: unknown = await outcome;
    expect(error).toBeInstanceOf(RegistryConflictError);
    expect(error).toMatchObject({ expectedVersion: 0, actualVersion: 1 });
    expect(await query('SELECT name FROM spec_objects')).toEqual([]);
  });
});
