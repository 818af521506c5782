import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { RegistryUnavailableError } from '../../errors.js';
import type { Logger } from '../../logger.js';

/** How long a statement waits for a lock (an apply queued behind another) before failing. */
export const LOCK_TIMEOUT_MS = 30_000;
/** How long opening a connection may take before the registry is reported unreachable. */
export const CONNECT_TIMEOUT_MS = 5_000;

/** What migrations and stores need of a connection: parameterized queries. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: readonly unknown[]
  ): Promise<QueryResult<R>>;
}

/**
 * One checked-out connection that counts the statements it sends (apply reports them, the
 * benchmark compares them with SQLite's).
 */
export class CountingSession implements Queryable {
  statements = 0;

  constructor(private readonly client: PoolClient) {}

  query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values: readonly unknown[] = []
  ): Promise<QueryResult<R>> {
    this.statements += 1;
    return this.client.query<R>(text, [...values]);
  }
}

/**
 * A pool of connections to the registry database. pg is loaded here, on first use, so a
 * service on the default SQLite registry never loads it.
 */
export async function createPool(url: string, logger?: Logger): Promise<Pool> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    // The service serves a handful of users; the CLI uses one connection at a time.
    max: 4,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    lock_timeout: LOCK_TIMEOUT_MS,
    application_name: 'featurelab',
    // Let a CLI process exit on its own once its work is done, even before close().
    allowExitOnIdle: true
  });
  // An idle connection that the server drops (restart, network) is reported here; without a
  // listener the 'error' event would crash the service. The next query reconnects.
  pool.on('error', error => logger?.warn('registry connection lost', { error }));
  return pool;
}

export type TransactionMode = 'read' | 'write';

/**
 * Run `use` in one REPEATABLE READ transaction on a connection of its own, and commit; any
 * error rolls everything back. Every read inside sees the same snapshot.
 */
export async function inTransaction<T>(
  pool: Pool,
  mode: TransactionMode,
  use: (session: CountingSession) => Promise<T>
): Promise<{ value: T; statements: number }> {
  const client = await pool.connect();
  const session = new CountingSession(client);
  let broken: Error | undefined;
  try {
    await session.query(
      mode === 'read'
        ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'
        : 'BEGIN ISOLATION LEVEL REPEATABLE READ'
    );
    const value = await use(session);
    await session.query('COMMIT');
    return { value, statements: session.statements };
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // The connection is unusable; discard it rather than return it to the pool.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/** SQLSTATE of a server error, or the errno code of a socket error. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * A failure to reach or use the database, as the typed error with a hint that fits the cause.
 * `location` is the URL without its password; pg's messages never contain it.
 */
export function unavailable(location: string, error: unknown): RegistryUnavailableError {
  const reason = error instanceof Error ? error.message : String(error);
  return new RegistryUnavailableError(`cannot use the PostgreSQL registry ${location}: ${reason}`, {
    hint: hintFor(errorCode(error), reason),
    cause: error
  });
}

function hintFor(code: string | undefined, reason: string): string {
  switch (code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return 'Check that the PostgreSQL server is running and that host and port in registry.url are right.';
    case '28P01':
    case '28000':
      return 'Check the user and password in registry.url (a password may also come from PGPASSWORD or ~/.pgpass).';
    case '3D000':
      return 'Create the database (createdb) or fix its name in registry.url.';
    case '3F000':
      return 'The schema in search_path does not exist: create it, or drop the search_path option from registry.url.';
    case '42501':
      return 'Grant the role in registry.url the right to create tables in its schema (the registry creates and migrates its own tables).';
    default:
      return /timeout/i.test(reason)
        ? `The server did not answer within ${CONNECT_TIMEOUT_MS / 1000} s; check host, port and firewall.`
        : 'Check registry.url and the PostgreSQL server log.';
  }
}
