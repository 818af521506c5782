import path from 'node:path';
import type { SpecStore } from '../src/specs/store/spec-store.js';
import { SqliteRegistry } from '../src/registry/sqlite-registry.js';
import { openSpecStore } from '../src/specs/store/open-spec-store.js';

/** The `registry` section of a configuration file. */
export type RegistrySection =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgresql'; readonly url: string };

/**
 * One registry for one test, on either backend, so the same scenarios run against SQLite (in
 * the unit tier) and PostgreSQL (scripts/test-postgres.sh). The registry is created and
 * migrated, and empty.
 */
export interface RegistryBackend {
  readonly kind: 'sqlite' | 'postgresql';
  readonly config: RegistrySection;
  /** What plan output and health report as its location. */
  readonly location: string;
  /** A spec store on a connection of its own (closed by the caller). */
  openStore(): Promise<SpecStore>;
  /** Rows of a query in SQL both dialects read the same way. */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  /** From now on, inserting a spec named `name` fails inside the database. */
  failInsertsOf(name: string): Promise<void>;
  dispose(): Promise<void>;
}

/** Creates a backend whose files, if any, go under `dir`. */
export type BackendFactory = (dir: string) => Promise<RegistryBackend>;

export const sqliteBackend: BackendFactory = dir => {
  const file = path.join(dir, 'registry.db');
  const withRegistry = <T>(use: (registry: SqliteRegistry) => T): T => {
    const registry = SqliteRegistry.open({ path: file });
    try {
      return use(registry);
    } finally {
      registry.close();
    }
  };
  withRegistry(() => undefined);
  return Promise.resolve({
    kind: 'sqlite',
    config: { kind: 'sqlite', path: file },
    location: file,
    openStore: () => openSpecStore({ kind: 'sqlite', path: file }),
    rows: sql =>
      Promise.resolve(
        withRegistry(
          registry => registry.database().prepare(sql).all() as Record<string, unknown>[]
        )
      ),
    failInsertsOf: name => {
      withRegistry(registry => {
        const db = registry.database();
        db.exec('CREATE TABLE IF NOT EXISTS test_fail_names (name TEXT NOT NULL)');
        db.prepare('INSERT INTO test_fail_names (name) VALUES (?)').run(name);
        db.exec(
          "CREATE TRIGGER IF NOT EXISTS test_fail BEFORE INSERT ON spec_objects WHEN NEW.name IN (SELECT name FROM test_fail_names) BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
        );
      });
      return Promise.resolve();
    },
    dispose: () => Promise.resolve()
  });
};
