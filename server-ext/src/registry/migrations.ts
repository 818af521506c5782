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
  },
  {
    version: 2,
    name: 'spec_registry',
    up(db) {
      // Feature-as-code (server-ext/src/specs, server-ext/src/plan). Every apply is one row of
      // registry_versions; spec_objects is the current state, spec_changes the history that
      // lets the catalog show versions and diffs. Specs are stored as canonical JSON with the
      // sha256 of that text, so planning an unchanged folder compares hashes only.
      db.exec(`
        CREATE TABLE registry_versions (
          version    INTEGER PRIMARY KEY NOT NULL CHECK (version >= 1),
          author     TEXT NOT NULL,
          created_at TEXT NOT NULL,
          git_commit TEXT,
          creates    INTEGER NOT NULL,
          updates    INTEGER NOT NULL,
          deletes    INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE spec_objects (
          kind            TEXT NOT NULL CHECK (kind IN ('Entity', 'FeatureGroup', 'SampleSet', 'Model')),
          name            TEXT NOT NULL,
          spec_json       TEXT NOT NULL,
          content_hash    TEXT NOT NULL,
          created_version INTEGER NOT NULL REFERENCES registry_versions (version),
          updated_version INTEGER NOT NULL REFERENCES registry_versions (version),
          PRIMARY KEY (kind, name)
        ) STRICT;
        -- Feature group names are Spark table names, which Spark compares without case.
        CREATE UNIQUE INDEX spec_objects_feature_group_name ON spec_objects (lower(name)) WHERE kind = 'FeatureGroup';
        CREATE TABLE spec_changes (
          version      INTEGER NOT NULL REFERENCES registry_versions (version),
          kind         TEXT NOT NULL,
          name         TEXT NOT NULL,
          action       TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
          spec_json    TEXT,
          content_hash TEXT,
          PRIMARY KEY (version, kind, name)
        ) STRICT;
      `);
    }
  },
  {
    version: 3,
    name: 'jobs',
    up(db) {
      // The job service (server-ext/src/jobs). A job is one submission; its runs are the
      // attempts (retries add runs). job_events is every state change, for the status
      // timeline. Per owner, an idempotency key names at most one job (NULL keys never clash).
      db.exec(`
        CREATE TABLE jobs (
          id              TEXT PRIMARY KEY NOT NULL,
          owner           TEXT NOT NULL,
          name            TEXT NOT NULL,
          kind            TEXT NOT NULL CHECK (kind IN ('spark-batch', 'spark-statement', 'training')),
          backend         TEXT NOT NULL,
          policy          TEXT NOT NULL CHECK (policy IN ('FIFO', 'LAST_ONLY')),
          spec_json       TEXT NOT NULL,
          code_snapshot   TEXT,
          idempotency_key TEXT,
          created_at      TEXT NOT NULL,
          UNIQUE (owner, idempotency_key)
        ) STRICT;
        CREATE INDEX jobs_owner_name ON jobs (owner, name);
        CREATE TABLE job_runs (
          id                  TEXT PRIMARY KEY NOT NULL,
          job_id              TEXT NOT NULL REFERENCES jobs (id),
          attempt             INTEGER NOT NULL CHECK (attempt >= 1),
          state               TEXT NOT NULL CHECK (state IN ('queued', 'submitting', 'running', 'succeeded', 'failed', 'cancelling', 'cancelled', 'lost')),
          created_at          TEXT NOT NULL,
          updated_at          TEXT NOT NULL,
          not_before          TEXT,
          started_at          TEXT,
          ended_at            TEXT,
          cancel_requested_at TEXT,
          handle_json         TEXT,
          exit_code           INTEGER,
          signal              TEXT,
          reason              TEXT,
          log_file            TEXT,
          UNIQUE (job_id, attempt)
        ) STRICT;
        CREATE INDEX job_runs_state ON job_runs (state, created_at);
        CREATE TABLE job_events (
          seq        INTEGER PRIMARY KEY,
          run_id     TEXT NOT NULL REFERENCES job_runs (id),
          at         TEXT NOT NULL,
          from_state TEXT,
          to_state   TEXT NOT NULL,
          reason     TEXT
        ) STRICT;
        CREATE INDEX job_events_run ON job_events (run_id);
      `);
    }
  },
  {
    version: 4,
    name: 'sample_builds',
    up(db) {
      // Training sample builds (server-ext/src/samples): one row per `featurelab samples build`,
      // with what went in (the spec, the label source, the feature group versions in
      // sample_build_inputs, so "used by" is one indexed query) and what came out.
      db.exec(`
        CREATE TABLE sample_builds (
          id                TEXT PRIMARY KEY NOT NULL,
          sample_set        TEXT NOT NULL,
          status            TEXT NOT NULL CHECK (status IN ('succeeded', 'failed')),
          created_by        TEXT NOT NULL,
          started_at        TEXT NOT NULL,
          finished_at       TEXT NOT NULL,
          registry_version  INTEGER,
          spec_hash         TEXT NOT NULL,
          spec_json         TEXT NOT NULL,
          label_source_json TEXT NOT NULL,
          time_min          TEXT,
          time_max          TEXT,
          label_rows        INTEGER,
          output_rows       INTEGER,
          output_json       TEXT,
          result_json       TEXT,
          error             TEXT
        ) STRICT;
        CREATE INDEX sample_builds_sample_set ON sample_builds (sample_set, started_at);
        CREATE TABLE sample_build_inputs (
          build_id         TEXT NOT NULL REFERENCES sample_builds (id),
          feature_group    TEXT NOT NULL,
          content_hash     TEXT NOT NULL,
          registry_version INTEGER,
          PRIMARY KEY (build_id, feature_group)
        ) STRICT;
        CREATE INDEX sample_build_inputs_feature_group ON sample_build_inputs (feature_group);
      `);
    }
  },
  {
    version: 5,
    name: 'validation_history',
    up(db) {
      // Data validation results (server-ext/src/validation/history-store.ts): one row per
      // recorded run (suite, its version as a hash, feature group, partition) and one per check
      // metric, so a metric's history is one indexed query.
      db.exec(`
        CREATE TABLE validation_runs (
          id            TEXT PRIMARY KEY NOT NULL,
          suite         TEXT NOT NULL,
          suite_hash    TEXT NOT NULL,
          feature_group TEXT,
          partition_key TEXT,
          engine        TEXT NOT NULL,
          status        TEXT NOT NULL CHECK (status IN ('pass', 'warn', 'fail')),
          blocked       INTEGER NOT NULL CHECK (blocked IN (0, 1)),
          data          TEXT NOT NULL,
          row_count     INTEGER,
          scans         INTEGER NOT NULL,
          created_by    TEXT NOT NULL,
          started_at    TEXT NOT NULL,
          duration_ms   INTEGER NOT NULL,
          result_json   TEXT NOT NULL
        ) STRICT;
        CREATE INDEX validation_runs_suite ON validation_runs (suite, feature_group, started_at);
        CREATE TABLE validation_metrics (
          run_id     TEXT NOT NULL REFERENCES validation_runs (id),
          check_id   TEXT NOT NULL,
          metric     TEXT NOT NULL,
          value      REAL,
          value_text TEXT,
          status     TEXT NOT NULL CHECK (status IN ('pass', 'fail')),
          severity   TEXT NOT NULL CHECK (severity IN ('warn', 'block')),
          PRIMARY KEY (run_id, check_id)
        ) STRICT;
      `);
    }
  }
];
