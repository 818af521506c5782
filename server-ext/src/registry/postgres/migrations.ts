import { randomUUID } from 'node:crypto';
import { SERVICE_VERSION } from '../../service-version.js';
import { REGISTRY_MIGRATIONS, type Migration } from '../migrations.js';
import type { Queryable } from './connection.js';

/** A registry migration with its PostgreSQL body. */
export interface PostgresMigration {
  readonly version: number;
  readonly name: string;
  /** Runs inside the migration's transaction; throw to roll it back. */
  up(db: Queryable): Promise<void>;
}

type Body = (db: Queryable) => Promise<void>;

/** Run DDL statements one by one (no user data in them). */
const ddl =
  (...statements: readonly string[]): Body =>
  async db => {
    for (const statement of statements) {
      await db.query(statement);
    }
  };

/**
 * PostgreSQL bodies of the migrations in ../migrations.ts, by version and name. The list of
 * migrations (versions, names, order) is REGISTRY_MIGRATIONS; this only says how each one is
 * written in PostgreSQL. The tables are the same as SQLite's, with native types where
 * PostgreSQL has them (timestamptz for times).
 */
const BODIES: ReadonlyMap<number, { readonly name: string; readonly up: Body }> = new Map([
  [
    1,
    {
      name: 'registry_meta',
      async up(db: Queryable) {
        await db.query(`
          CREATE TABLE registry_meta (
            key   text PRIMARY KEY,
            value text NOT NULL
          )`);
        for (const [key, value] of [
          ['registry_id', randomUUID()],
          ['created_at', new Date().toISOString()],
          ['created_by', `featurelab ${SERVICE_VERSION}`]
        ]) {
          await db.query('INSERT INTO registry_meta (key, value) VALUES ($1, $2)', [key, value]);
        }
      }
    }
  ],
  [
    2,
    {
      name: 'spec_registry',
      up: ddl(
        `CREATE TABLE registry_versions (
           version    integer PRIMARY KEY CHECK (version >= 1),
           author     text NOT NULL,
           created_at timestamptz NOT NULL,
           git_commit text,
           creates    integer NOT NULL,
           updates    integer NOT NULL,
           deletes    integer NOT NULL
         )`,
        `CREATE TABLE spec_objects (
           kind            text NOT NULL CHECK (kind IN ('Entity', 'FeatureGroup', 'SampleSet', 'Model')),
           name            text NOT NULL,
           spec_json       text NOT NULL,
           content_hash    text NOT NULL,
           created_version integer NOT NULL REFERENCES registry_versions (version),
           updated_version integer NOT NULL REFERENCES registry_versions (version),
           PRIMARY KEY (kind, name)
         )`,
        // Spark compares table names without case; lower() folds ASCII like SQLite's does
        // in a C-locale database, and Spark identifiers are ASCII.
        `CREATE UNIQUE INDEX spec_objects_feature_group_name
           ON spec_objects (lower(name)) WHERE kind = 'FeatureGroup'`,
        `CREATE TABLE spec_changes (
           version      integer NOT NULL REFERENCES registry_versions (version),
           kind         text NOT NULL,
           name         text NOT NULL,
           action       text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
           spec_json    text,
           content_hash text,
           PRIMARY KEY (version, kind, name)
         )`
      )
    }
  ],
  [
    3,
    {
      name: 'jobs',
      up: ddl(
        `CREATE TABLE jobs (
           id              text PRIMARY KEY,
           owner           text NOT NULL,
           name            text NOT NULL,
           kind            text NOT NULL CHECK (kind IN ('spark-batch', 'spark-statement', 'training')),
           backend         text NOT NULL,
           policy          text NOT NULL CHECK (policy IN ('FIFO', 'LAST_ONLY')),
           spec_json       text NOT NULL,
           code_snapshot   text,
           idempotency_key text,
           created_at      timestamptz NOT NULL,
           UNIQUE (owner, idempotency_key)
         )`,
        'CREATE INDEX jobs_owner_name ON jobs (owner, name)',
        `CREATE TABLE job_runs (
           id                  text PRIMARY KEY,
           job_id              text NOT NULL REFERENCES jobs (id),
           attempt             integer NOT NULL CHECK (attempt >= 1),
           state               text NOT NULL CHECK (state IN ('queued', 'submitting', 'running', 'succeeded', 'failed', 'cancelling', 'cancelled', 'lost')),
           created_at          timestamptz NOT NULL,
           updated_at          timestamptz NOT NULL,
           not_before          timestamptz,
           started_at          timestamptz,
           ended_at            timestamptz,
           cancel_requested_at timestamptz,
           handle_json         text,
           exit_code           integer,
           signal              text,
           reason              text,
           log_file            text,
           UNIQUE (job_id, attempt)
         )`,
        'CREATE INDEX job_runs_state ON job_runs (state, created_at)',
        // SQLite's INTEGER PRIMARY KEY numbers rows itself; an identity column does here.
        `CREATE TABLE job_events (
           seq        bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
           run_id     text NOT NULL REFERENCES job_runs (id),
           at         timestamptz NOT NULL,
           from_state text,
           to_state   text NOT NULL,
           reason     text
         )`,
        'CREATE INDEX job_events_run ON job_events (run_id)'
      )
    }
  ],
  [
    4,
    {
      name: 'sample_builds',
      up: ddl(
        `CREATE TABLE sample_builds (
           id                text PRIMARY KEY,
           sample_set        text NOT NULL,
           status            text NOT NULL CHECK (status IN ('succeeded', 'failed')),
           created_by        text NOT NULL,
           started_at        timestamptz NOT NULL,
           finished_at       timestamptz NOT NULL,
           registry_version  integer,
           spec_hash         text NOT NULL,
           spec_json         text NOT NULL,
           label_source_json text NOT NULL,
           time_min          timestamptz,
           time_max          timestamptz,
           label_rows        bigint,
           output_rows       bigint,
           output_json       text,
           result_json       text,
           error             text
         )`,
        'CREATE INDEX sample_builds_sample_set ON sample_builds (sample_set, started_at)',
        `CREATE TABLE sample_build_inputs (
           build_id         text NOT NULL REFERENCES sample_builds (id),
           feature_group    text NOT NULL,
           content_hash     text NOT NULL,
           registry_version integer,
           PRIMARY KEY (build_id, feature_group)
         )`,
        'CREATE INDEX sample_build_inputs_feature_group ON sample_build_inputs (feature_group)'
      )
    }
  ],
  [
    5,
    {
      name: 'validation_history',
      up: ddl(
        `CREATE TABLE validation_runs (
           id            text PRIMARY KEY,
           suite         text NOT NULL,
           suite_hash    text NOT NULL,
           feature_group text,
           partition_key text,
           engine        text NOT NULL,
           status        text NOT NULL CHECK (status IN ('pass', 'warn', 'fail')),
           blocked       boolean NOT NULL,
           data          text NOT NULL,
           row_count     bigint,
           scans         integer NOT NULL,
           created_by    text NOT NULL,
           started_at    timestamptz NOT NULL,
           duration_ms   bigint NOT NULL,
           result_json   text NOT NULL
         )`,
        'CREATE INDEX validation_runs_suite ON validation_runs (suite, feature_group, started_at)',
        `CREATE TABLE validation_metrics (
           run_id     text NOT NULL REFERENCES validation_runs (id),
           check_id   text NOT NULL,
           metric     text NOT NULL,
           value      double precision,
           value_text text,
           status     text NOT NULL CHECK (status IN ('pass', 'fail')),
           severity   text NOT NULL CHECK (severity IN ('warn', 'block')),
           PRIMARY KEY (run_id, check_id)
         )`
      )
    }
  ]
]);

/**
 * The registry's migrations with their PostgreSQL bodies.
 *
 * @throws Error naming the first migration that has no PostgreSQL body (or one under another
 *   name): a new migration must be written for both dialects.
 */
export function postgresMigrations(
  migrations: readonly Pick<Migration, 'version' | 'name'>[] = REGISTRY_MIGRATIONS
): PostgresMigration[] {
  return migrations.map(({ version, name }) => {
    const body = BODIES.get(version);
    if (body?.name !== name) {
      throw new Error(
        `registry migration ${version} (${name}) has no PostgreSQL body; add it to server-ext/src/registry/postgres/migrations.ts`
      );
    }
    return { version, name, up: body.up };
  });
}
