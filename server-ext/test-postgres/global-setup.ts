import pg from 'pg';

/**
 * Fails the whole run, loudly and with the reason, when there is no PostgreSQL server to test
 * against: this tier exists to exercise a real one, so it never skips.
 */
export default async function requirePostgres(): Promise<void> {
  const url = process.env.FEATURELAB_TEST_POSTGRES_URL;
  if (url === undefined || url === '') {
    throw new Error(
      'FEATURELAB_TEST_POSTGRES_URL is not set. The PostgreSQL registry tests need a real server: run scripts/test-postgres.sh (it starts one with scripts/postgres.sh), or set the variable to postgresql://user:password@127.0.0.1:port/database of a database where the user may create schemas.'
    );
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `cannot connect to FEATURELAB_TEST_POSTGRES_URL (${redacted(url)}): ${error instanceof Error ? error.message : String(error)}. Is the server running (scripts/postgres.sh start)?`,
      { cause: error }
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = parsed.password ? '***' : '';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
