import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegistryMigrationError, RegistryUnavailableError } from '../src/errors.js';
import { REGISTRY_MIGRATIONS, type Migration } from '../src/registry/migrations.js';
import { currentSchemaVersion, migrate } from '../src/registry/migrator.js';
import { SqliteRegistry } from '../src/registry/sqlite-registry.js';
import { temporaryDirectory } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = temporaryDirectory()));
afterEach(() => cleanup());

const tables = (db: DatabaseSync): string[] =>
  db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map(row => String(row.name));

const createTable = (version: number, table: string): Migration => ({
  version,
  name: `create_${table}`,
  up: db => db.exec(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY)`)
});

describe('migrate', () => {
  it('applies every migration in order on a new database and records each', () => {
    const db = new DatabaseSync(':memory:');
    const outcome = migrate(
      db,
      [createTable(1, 'a'), createTable(2, 'b')],
      () => new Date('2025-01-02T03:04:05Z')
    );
    expect(outcome).toEqual({ from: 0, to: 2, applied: [1, 2] });
    expect(tables(db)).toEqual(['a', 'b', 'schema_migrations']);
    expect(
      db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all()
    ).toEqual([
      { version: 1, name: 'create_a', applied_at: '2025-01-02T03:04:05.000Z' },
      { version: 2, name: 'create_b', applied_at: '2025-01-02T03:04:05.000Z' }
    ]);
  });

  it('is idempotent: a second run applies nothing', () => {
    const db = new DatabaseSync(':memory:');
    const migrations = [createTable(1, 'a'), createTable(2, 'b')];
    migrate(db, migrations);
    expect(migrate(db, migrations)).toEqual({ from: 2, to: 2, applied: [] });
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: 2 });
  });

  it('applies only the new migrations of a newer release', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, [createTable(1, 'a')]);
    expect(migrate(db, [createTable(1, 'a'), createTable(2, 'b')])).toEqual({
      from: 1,
      to: 2,
      applied: [2]
    });
  });

  it('rolls a failing migration back completely and keeps the previous version', () => {
    const db = new DatabaseSync(':memory:');
    const failing: Migration = {
      version: 2,
      name: 'half_done',
      up(target) {
        target.exec('CREATE TABLE half (id INTEGER)');
        target.exec('INSERT INTO a (id) VALUES (1)');
        throw new Error('disk on fire');
      }
    };
    let caught: unknown;
    try {
      migrate(db, [createTable(1, 'a'), failing, createTable(3, 'c')]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RegistryMigrationError);
    expect((caught as RegistryMigrationError).version).toBe(2);
    expect((caught as RegistryMigrationError).message).toMatch(
      /migration 2 \(half_done\) failed and was rolled back/
    );
    expect(((caught as Error).cause as Error).message).toBe('disk on fire');
    expect(currentSchemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['a', 'schema_migrations']);
    expect(db.prepare('SELECT COUNT(*) AS n FROM a').get()).toEqual({ n: 0 });
    expect(db.isTransaction).toBe(false);
  });

  it('refuses a database written by a newer release', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, [createTable(1, 'a'), createTable(2, 'b')]);
    expect(() => migrate(db, [createTable(1, 'a')])).toThrow(
      /schema version 2, newer than this Featurelab release knows \(1\)/
    );
  });

  it('rejects a migration list with gaps', () => {
    expect(() =>
      migrate(new DatabaseSync(':memory:'), [createTable(1, 'a'), createTable(3, 'c')])
    ).toThrow(/1, 2, 3/);
  });

  it('numbers the real migrations from 1 without gaps', () => {
    expect(REGISTRY_MIGRATIONS.map(migration => migration.version)).toEqual(
      REGISTRY_MIGRATIONS.map((_, index) => index + 1)
    );
  });
});

describe('SqliteRegistry', () => {
  it('creates the folder and the file, migrates and records where it came from', () => {
    const file = path.join(dir, 'nested', 'deeper', 'registry.db');
    const registry = SqliteRegistry.open({ path: file });
    try {
      expect(existsSync(file)).toBe(true);
      expect(registry.schemaVersion()).toBe(REGISTRY_MIGRATIONS.length);
      expect(registry.migration.from).toBe(0);
      expect(registry.meta('registry_id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(registry.meta('created_by')).toBe('featurelab 0.1.0');
      expect(registry.check()).toEqual({ ok: true, schemaVersion: REGISTRY_MIGRATIONS.length });
    } finally {
      registry.close();
    }
  });

  it('keeps its identity when reopened', () => {
    const file = path.join(dir, 'registry.db');
    const first = SqliteRegistry.open({ path: file });
    const id = first.meta('registry_id');
    first.close();
    const second = SqliteRegistry.open({ path: file });
    expect(second.meta('registry_id')).toBe(id);
    expect(second.migration.applied).toEqual([]);
    second.close();
  });

  it('reports a file that is not a database as unavailable, with a hint', () => {
    const file = path.join(dir, 'registry.db');
    writeFileSync(file, 'this is not sqlite '.repeat(100));
    expect(() => SqliteRegistry.open({ path: file })).toThrow(RegistryUnavailableError);
    try {
      SqliteRegistry.open({ path: file });
    } catch (error) {
      expect((error as RegistryUnavailableError).hint).toMatch(/move it away/);
    }
  });

  it('reports a folder it cannot create', () => {
    const blocker = path.join(dir, 'file');
    writeFileSync(blocker, '');
    expect(() => SqliteRegistry.open({ path: path.join(blocker, 'registry.db') })).toThrow(
      /cannot open the registry/
    );
  });

  it('notices when its file is deleted under it', () => {
    const file = path.join(dir, 'registry.db');
    const registry = SqliteRegistry.open({ path: file });
    rmSync(file);
    const check = registry.check();
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(/was removed/);
    registry.close();
  });
});
