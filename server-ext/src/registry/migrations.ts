import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { SERVICE_VERSION } from '../service-version.js';

/**
 * One forward-only schema change. Versions are consecutive from 1 and never renumbered or
 * edited once released: a workspace registry may have any prefix of them applied.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Runs inside the migration's transaction; throw to roll it back. */
  up(db: DatabaseSync): void;
}

/**
 * The registry's migrations. Later issues add tables for feature groups, checks, samples and
 * jobs here, each as a new migration.
 */
export const REGISTRY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'registry_meta',
    up(db) {
      // Facts about the registry itself (its id, when and by which release it was created);
      // lets tools tell two registries apart and explain where one came from.
      db.exec(`
        CREATE TABLE registry_meta (
          key   TEXT PRIMARY KEY NOT NULL,
          value TEXT NOT NULL
        ) STRICT;
      `);
      const insert = db.prepare('INSERT INTO registry_meta (key, value) VALUES (?, ?)');
      insert.run('registry_id', randomUUID());
      insert.run('created_at', new Date().toISOString());
      insert.run('created_by', `featurelab ${SERVICE_VERSION}`);
    }
  }
];
