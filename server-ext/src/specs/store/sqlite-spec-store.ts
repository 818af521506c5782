import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { RegistryVersion, SpecKind } from '@featurelab/core';
import type { SqliteRegistry } from '../../registry/sqlite-registry.js';
import { RegistryConflictError } from '../errors.js';
import { specKey } from '../loaded-spec.js';
import type {
  CommitRequest,
  CommitResult,
  RegistrySnapshot,
  SpecStore,
  StoredSpecSummary
} from './spec-store.js';

/**
 * Specs in the SQLite registry (tables of migration 2). Every statement is prepared with
 * parameters: names and specs are user text and never become part of SQL.
 */
export class SqliteSpecStore implements SpecStore {
  readonly kind = 'sqlite';
  readonly location: string;
  private readonly db: DatabaseSync;

  /**
   * @param registry an open, migrated registry.
   * @param ownsRegistry close the registry with the store (the CLI); the service keeps its own.
   */
  constructor(
    private readonly registry: SqliteRegistry,
    private readonly ownsRegistry: boolean
  ) {
    this.db = registry.database();
    this.location = registry.path;
  }

  snapshot(wantBody: (summary: StoredSpecSummary) => boolean): Promise<RegistrySnapshot> {
    // One read transaction: under WAL it sees a single committed state, so the version and the
    // specs belong together even while another process applies.
    this.db.exec('BEGIN');
    try {
      const version = this.headVersion();
      const summaries: StoredSpecSummary[] = [];
      const wanted: StoredSpecSummary[] = [];
      for (const row of this.db
        .prepare('SELECT kind, name, content_hash FROM spec_objects')
        .all()) {
        const summary = {
          kind: String(row.kind) as SpecKind,
          name: String(row.name),
          hash: String(row.content_hash)
        };
        summaries.push(summary);
        if (wantBody(summary)) {
          wanted.push(summary);
        }
      }
      const bodies = new Map<string, string>();
      const body = this.db.prepare(
        'SELECT spec_json FROM spec_objects WHERE kind = ? AND name = ?'
      );
      for (const summary of wanted) {
        const row = body.get(summary.kind, summary.name);
        bodies.set(specKey(summary.kind, summary.name), String(row?.spec_json));
      }
      this.db.exec('COMMIT');
      return Promise.resolve({ version, summaries, bodies });
    } catch (error) {
      this.rollback();
      return Promise.reject(error);
    }
  }

  commit(request: CommitRequest): Promise<CommitResult> {
    try {
      return Promise.resolve(this.commitNow(request));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  close(): Promise<void> {
    if (this.ownsRegistry) {
      this.registry.close();
    }
    return Promise.resolve();
  }

  private commitNow(request: CommitRequest): CommitResult {
    // IMMEDIATE takes the write lock before reading the version, so the check and the writes
    // see the same state: of two concurrent applies from the same version, the second waits
    // for the first, then finds the version moved and conflicts.
    this.db.exec('BEGIN IMMEDIATE');
    let statements = 1;
    try {
      const head = this.headVersion();
      statements += 1;
      if (head !== request.baseVersion) {
        throw new RegistryConflictError(request.baseVersion, head);
      }
      const version: RegistryVersion = {
        version: head + 1,
        author: request.author,
        createdAt: request.createdAt.toISOString(),
        gitCommit: request.gitCommit
      };
      const count = (action: string): number =>
        request.changes.filter(change => change.action === action).length;
      this.db
        .prepare(
          'INSERT INTO registry_versions (version, author, created_at, git_commit, creates, updates, deletes) VALUES (?, ?, ?, ?, ?, ?, ?)'
        )
        .run(
          version.version,
          version.author,
          version.createdAt,
          version.gitCommit,
          count('create'),
          count('update'),
          count('delete')
        );
      statements += 1;
      const sql = this.statements();
      for (const change of request.changes) {
        switch (change.action) {
          case 'create':
            sql.insert.run(
              change.kind,
              change.name,
              change.json,
              change.hash,
              version.version,
              version.version
            );
            sql.history.run(
              version.version,
              change.kind,
              change.name,
              'create',
              change.json,
              change.hash
            );
            break;
          case 'update': {
            const result = sql.update.run(
              change.name,
              change.json,
              change.hash,
              version.version,
              change.kind,
              change.previousName
            );
            if (Number(result.changes) !== 1) {
              // Cannot happen under the write lock unless the tables were edited by hand.
              throw new Error(
                `the registry has no ${change.kind} "${change.previousName}" to update`
              );
            }
            sql.history.run(
              version.version,
              change.kind,
              change.name,
              'update',
              change.json,
              change.hash
            );
            break;
          }
          case 'delete':
            sql.remove.run(change.kind, change.name);
            sql.history.run(version.version, change.kind, change.name, 'delete', null, null);
            break;
        }
        statements += 2;
      }
      this.db.exec('COMMIT');
      statements += 1;
      return { version, statements };
    } catch (error) {
      this.rollback();
      throw error;
    }
  }

  private statements(): {
    insert: StatementSync;
    update: StatementSync;
    remove: StatementSync;
    history: StatementSync;
  } {
    return {
      insert: this.db.prepare(
        'INSERT INTO spec_objects (kind, name, spec_json, content_hash, created_version, updated_version) VALUES (?, ?, ?, ?, ?, ?)'
      ),
      update: this.db.prepare(
        'UPDATE spec_objects SET name = ?, spec_json = ?, content_hash = ?, updated_version = ? WHERE kind = ? AND name = ?'
      ),
      remove: this.db.prepare('DELETE FROM spec_objects WHERE kind = ? AND name = ?'),
      history: this.db.prepare(
        'INSERT INTO spec_changes (version, kind, name, action, spec_json, content_hash) VALUES (?, ?, ?, ?, ?, ?)'
      )
    };
  }

  private headVersion(): number {
    const row = this.db
      .prepare('SELECT COALESCE(MAX(version), 0) AS version FROM registry_versions')
      .get();
    return Number(row?.version ?? 0);
  }

  private rollback(): void {
    if (this.db.isTransaction) {
      this.db.exec('ROLLBACK');
    }
  }
}
