import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { redactUrl } from '../src/config/service-config.js';
import { openSpecStore } from '../src/specs/store/open-spec-store.js';
import type { BackendFactory } from '../test/registry-backends.js';

/** The server under test (global-setup.ts has checked that it is set and answers). */
export function testServerUrl(): string {
  const url = process.env.FEATURELAB_TEST_POSTGRES_URL;
  if (url === undefined || url === '') {
    throw new Error('FEATURELAB_TEST_POSTGRES_URL is not set; run scripts/test-postgres.sh');
  }
  return url;
}

/**
 * A fresh schema on the test server, and the URL of a registry in it (search_path set through
 * the libpq `options` parameter), so every test has an empty registry and tests can run in
 * parallel. Dropped by the returned cleanup.
 */
export async function freshSchema(): Promise<{
  schema: string;
  url: string;
  drop: () => Promise<void>;
}> {
  const schema = `fl_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testServerUrl() });
  await admin.connect();
  try {
    // A generated identifier ([a-z0-9_]), quoted by the server's own format().
    await admin
      .query(`SELECT format('CREATE SCHEMA %I', $1::text) AS sql`, [schema])
      .then(result => admin.query(String(result.rows[0].sql)));
  } finally {
    await admin.end();
  }
  const url = new URL(testServerUrl());
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    schema,
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: testServerUrl() });
      await client.connect();
      try {
        const result = await client.query(
          `SELECT format('DROP SCHEMA %I CASCADE', $1::text) AS sql`,
          [schema]
        );
        await client.query(String(result.rows[0].sql));
      } finally {
        await client.end();
      }
    }
  };
}

export const postgresBackend: BackendFactory = async () => {
  const { url, drop } = await freshSchema();
  // Create and migrate the registry, as the first CLI run would.
  await (await openSpecStore({ kind: 'postgresql', url })).close();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return {
    kind: 'postgresql',
    config: { kind: 'postgresql', url },
    location: redactUrl(url),
    openStore: () => openSpecStore({ kind: 'postgresql', url }),
    rows: async sql => (await pool.query(sql)).rows as Record<string, unknown>[],
    failInsertsOf: async name => {
      await pool.query('CREATE TABLE IF NOT EXISTS test_fail_names (name text NOT NULL)');
      await pool.query('INSERT INTO test_fail_names (name) VALUES ($1)', [name]);
      await pool.query(`
        CREATE OR REPLACE FUNCTION test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.name IN (SELECT name FROM test_fail_names) THEN
            RAISE EXCEPTION 'injected failure';
          END IF;
          RETURN NEW;
        END $$`);
      await pool.query(
        'CREATE OR REPLACE TRIGGER test_fail BEFORE INSERT ON spec_objects FOR EACH ROW EXECUTE FUNCTION test_fail()'
      );
    },
    dispose: async () => {
      await pool.end();
      await drop();
    }
  };
};
