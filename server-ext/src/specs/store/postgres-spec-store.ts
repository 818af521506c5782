import type { RegistryVersion, SpecKind } from '@featurelab/core';
import { inTransaction, type CountingSession } from '../../registry/postgres/connection.js';
import type { PostgresRegistry } from '../../registry/postgres/postgres-registry.js';
import { RegistryConflictError } from '../errors.js';
import { specKey } from '../loaded-spec.js';
import type {
  CommitRequest,
  CommitResult,
  RegistrySnapshot,
  SpecStore,
  StoreChange,
  StoredSpecSummary
} from './spec-store.js';

type Change<A extends StoreChange['action']> = Extract<StoreChange, { action: A }>;

/**
 * Specs in the PostgreSQL registry (tables of migration 2), with the behaviour of
 * SqliteSpecStore. Every value travels as a query parameter; changes of one kind are sent as
 * arrays and expanded with unnest(), so an apply of 1,000 feature groups is a handful of
 * statements rather than thousands of round trips.
 *
 * Concurrency: commit runs in REPEATABLE READ and first takes
 * `LOCK TABLE registry_versions IN SHARE ROW EXCLUSIVE MODE`, a lock that conflicts with
 * itself and with writes but not with plain reads. Taken before the transaction's first
 * query, it makes the transaction's snapshot start after any apply that held it: of two
 * applies from the same version the second waits, then reads the new head and fails with
 * RegistryConflictError naming both versions. SERIALIZABLE alone would also keep the
 * registry consistent, but it reports the race as a serialization failure after the fact
 * (to be retried, and without the winner's version), and it adds predicate-lock bookkeeping
 * to every row a 1,000-group apply writes. REPEATABLE READ still guards against writers that
 * skip the lock (a hand-run UPDATE): a row changed under us fails the apply instead of being
 * silently overwritten. Readers (plan) never wait.
 */
export class PostgresSpecStore implements SpecStore {
  readonly kind = 'postgresql';
  readonly location: string;

  /**
   * @param registry an open, migrated registry.
   * @param ownsRegistry close the registry with the store (the CLI); the service keeps its own.
   */
  constructor(
    private readonly registry: PostgresRegistry,
    private readonly ownsRegistry: boolean
  ) {
    this.location = registry.location;
  }

  async snapshot(wantBody: (summary: StoredSpecSummary) => boolean): Promise<RegistrySnapshot> {
    const { value } = await inTransaction(this.registry.pool, 'read', async session => {
      const version = await headVersion(session);
      const listed = await session.query<{ kind: SpecKind; name: string; content_hash: string }>(
        'SELECT kind, name, content_hash FROM spec_objects'
      );
      const summaries = listed.rows.map(row => ({
        kind: row.kind,
        name: row.name,
        hash: row.content_hash
      }));
      const wanted = summaries.filter(wantBody);
      const bodies = new Map<string, string>();
      if (wanted.length > 0) {
        const read = await session.query<{ kind: SpecKind; name: string; spec_json: string }>(
          `SELECT o.kind, o.name, o.spec_json
             FROM spec_objects o
             JOIN unnest($1::text[], $2::text[]) AS w (kind, name)
               ON o.kind = w.kind AND o.name = w.name`,
          [wanted.map(summary => summary.kind), wanted.map(summary => summary.name)]
        );
        for (const row of read.rows) {
          bodies.set(specKey(row.kind, row.name), row.spec_json);
        }
      }
      return { version, summaries, bodies };
    });
    return value;
  }

  async commit(request: CommitRequest): Promise<CommitResult> {
    const { value: version, statements } = await inTransaction(
      this.registry.pool,
      'write',
      async session => {
        await session.query('LOCK TABLE registry_versions IN SHARE ROW EXCLUSIVE MODE');
        const head = await headVersion(session);
        if (head !== request.baseVersion) {
          throw new RegistryConflictError(request.baseVersion, head);
        }
        const recorded: RegistryVersion = {
          version: head + 1,
          author: request.author,
          createdAt: request.createdAt.toISOString(),
          gitCommit: request.gitCommit
        };
        await writeChanges(session, recorded, request.changes);
        return recorded;
      }
    );
    return { version, statements };
  }

  async close(): Promise<void> {
    if (this.ownsRegistry) {
      await this.registry.close();
    }
  }
}

async function headVersion(session: CountingSession): Promise<number> {
  const result = await session.query<{ version: number }>(
    'SELECT COALESCE(MAX(version), 0)::integer AS version FROM registry_versions'
  );
  return result.rows[0]?.version ?? 0;
}

/**
 * Record the version and its changes: deletes first, then updates, then creates, so a name
 * freed by this apply can be taken by it; the history gets one row per change.
 */
async function writeChanges(
  session: CountingSession,
  version: RegistryVersion,
  changes: readonly StoreChange[]
): Promise<void> {
  const of = <A extends StoreChange['action']>(action: A): Change<A>[] =>
    changes.filter((change): change is Change<A> => change.action === action);
  const [creates, updates, deletes] = [of('create'), of('update'), of('delete')];
  await session.query(
    `INSERT INTO registry_versions (version, author, created_at, git_commit, creates, updates, deletes)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      version.version,
      version.author,
      version.createdAt,
      version.gitCommit,
      creates.length,
      updates.length,
      deletes.length
    ]
  );
  if (deletes.length > 0) {
    await session.query(
      `DELETE FROM spec_objects o
        USING unnest($1::text[], $2::text[]) AS d (kind, name)
        WHERE o.kind = d.kind AND o.name = d.name`,
      [deletes.map(change => change.kind), deletes.map(change => change.name)]
    );
  }
  if (updates.length > 0) {
    const result = await session.query(
      `UPDATE spec_objects o
          SET name = u.name, spec_json = u.spec_json, content_hash = u.content_hash,
              updated_version = $1
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
              AS u (kind, previous_name, name, spec_json, content_hash)
        WHERE o.kind = u.kind AND o.name = u.previous_name`,
      [
        version.version,
        updates.map(change => change.kind),
        updates.map(change => change.previousName),
        updates.map(change => change.name),
        updates.map(change => change.json),
        updates.map(change => change.hash)
      ]
    );
    if (result.rowCount !== updates.length) {
      // Cannot happen under the lock unless the tables were edited by hand.
      throw new Error(
        `the registry holds ${result.rowCount ?? 0} of the ${updates.length} specs this apply updates`
      );
    }
  }
  if (creates.length > 0) {
    await session.query(
      `INSERT INTO spec_objects (kind, name, spec_json, content_hash, created_version, updated_version)
       SELECT c.kind, c.name, c.spec_json, c.content_hash, $1, $1
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])
              AS c (kind, name, spec_json, content_hash)`,
      [
        version.version,
        creates.map(change => change.kind),
        creates.map(change => change.name),
        creates.map(change => change.json),
        creates.map(change => change.hash)
      ]
    );
  }
  if (changes.length > 0) {
    const body = (change: StoreChange): string | null =>
      change.action === 'delete' ? null : change.json;
    const hash = (change: StoreChange): string | null =>
      change.action === 'delete' ? null : change.hash;
    await session.query(
      `INSERT INTO spec_changes (version, kind, name, action, spec_json, content_hash)
       SELECT $1, h.kind, h.name, h.action, h.spec_json, h.content_hash
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
              AS h (kind, name, action, spec_json, content_hash)`,
      [
        version.version,
        changes.map(change => change.kind),
        changes.map(change => change.name),
        changes.map(change => change.action),
        changes.map(body),
        changes.map(hash)
      ]
    );
  }
}
