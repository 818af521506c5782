import type { DatabaseSync } from 'node:sqlite';
import type { Pool } from 'pg';
import type { SuiteResult } from '@featurelab/core/validation';
import type { OpenRegistry } from '../registry/open-registry.js';
import { inTransaction } from '../registry/postgres/connection.js';

/** One recorded validation run (registry migration 5): the key of its metrics' history. */
export interface ValidationRunRecord {
  readonly id: string;
  readonly suite: string;
  /** sha256 of the suite's canonical JSON: the suite version the metrics belong to. */
  readonly suiteHash: string;
  readonly featureGroup: string | null;
  /** The partition validated (e.g. `ds=2024-05-01`); null for a whole table. */
  readonly partition: string | null;
  readonly data: string;
  readonly createdBy: string;
  readonly result: SuiteResult;
}

/** One point of a metric's history. */
export interface MetricPoint {
  readonly runId: string;
  readonly startedAt: string;
  readonly partition: string | null;
  readonly suiteHash: string;
  readonly checkId: string;
  readonly metric: string;
  /** null when undefined; NaN and infinities as their names in `valueText`. */
  readonly value: number | null;
  readonly valueText: string | null;
  readonly status: 'pass' | 'fail';
}

export interface MetricHistoryQuery {
  readonly suite: string;
  readonly featureGroup?: string;
  readonly checkId?: string;
  /** Newest first; default 100. */
  readonly limit?: number;
}

/** Validation results in the registry, per suite, feature group, partition and suite version. */
export interface ValidationHistoryStore {
  record(run: ValidationRunRecord): Promise<void>;
  history(query: MetricHistoryQuery): Promise<MetricPoint[]>;
}

export function validationHistoryStoreOf(registry: OpenRegistry): ValidationHistoryStore {
  return registry.kind === 'sqlite'
    ? new SqliteValidationHistoryStore(registry.database())
    : new PostgresValidationHistoryStore(registry.pool);
}

const RUN_COLUMNS =
  'id, suite, suite_hash, feature_group, partition_key, engine, status, blocked, data, row_count, scans, created_by, started_at, duration_ms, result_json';
const METRIC_COLUMNS = 'run_id, check_id, metric, value, value_text, status, severity';

function runValues(run: ValidationRunRecord): (string | number | null)[] {
  const r = run.result;
  return [
    run.id,
    run.suite,
    run.suiteHash,
    run.featureGroup,
    run.partition,
    r.engine,
    r.status,
    r.blocked ? 1 : 0,
    run.data,
    r.rowCount,
    r.scans,
    run.createdBy,
    r.startedAt,
    r.durationMs,
    JSON.stringify(r)
  ];
}

function metricValues(run: ValidationRunRecord): (string | number | null)[][] {
  return run.result.checks.map(check => [
    run.id,
    check.id,
    check.metric,
    typeof check.value === 'number' ? check.value : null,
    typeof check.value === 'string' ? check.value : null,
    check.status,
    check.severity
  ]);
}

function historyQuery(
  query: MetricHistoryQuery,
  p: (n: number) => string
): { sql: string; params: (string | number)[] } {
  const params: (string | number)[] = [query.suite];
  const where = [`r.suite = ${p(1)}`];
  if (query.featureGroup !== undefined) {
    params.push(query.featureGroup);
    where.push(`r.feature_group = ${p(params.length)}`);
  }
  if (query.checkId !== undefined) {
    params.push(query.checkId);
    where.push(`m.check_id = ${p(params.length)}`);
  }
  params.push(Math.max(1, Math.min(query.limit ?? 100, 10_000)));
  return {
    sql:
      'SELECT r.id AS run_id, r.started_at, r.partition_key, r.suite_hash, m.check_id, m.metric, m.value, m.value_text, m.status ' +
      `FROM validation_metrics m JOIN validation_runs r ON r.id = m.run_id WHERE ${where.join(' AND ')} ` +
      `ORDER BY r.started_at DESC, r.id DESC, m.check_id LIMIT ${p(params.length)}`,
    params
  };
}

function pointFromRow(row: Record<string, unknown>): MetricPoint {
  const started = row.started_at;
  return {
    runId: String(row.run_id),
    startedAt: started instanceof Date ? started.toISOString() : String(started),
    partition:
      row.partition_key === null || row.partition_key === undefined
        ? null
        : String(row.partition_key),
    suiteHash: String(row.suite_hash),
    checkId: String(row.check_id),
    metric: String(row.metric),
    value: row.value === null || row.value === undefined ? null : Number(row.value),
    valueText:
      row.value_text === null || row.value_text === undefined ? null : String(row.value_text),
    status: row.status === 'pass' ? 'pass' : 'fail'
  };
}

/** SQLite: the run and its metrics in one transaction, every value a parameter. */
export class SqliteValidationHistoryStore implements ValidationHistoryStore {
  constructor(private readonly db: DatabaseSync) {}

  record(run: ValidationRunRecord): Promise<void> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.db
        .prepare(
          `INSERT INTO validation_runs (${RUN_COLUMNS}) VALUES (${RUN_COLUMNS.split(',')
            .map(() => '?')
            .join(', ')})`
        )
        .run(...runValues(run));
      const insert = this.db.prepare(
        `INSERT INTO validation_metrics (${METRIC_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`
      );
      for (const values of metricValues(run)) {
        insert.run(...values);
      }
      this.db.exec('COMMIT');
      return Promise.resolve();
    } catch (error) {
      this.db.exec('ROLLBACK');
      return Promise.reject(error);
    }
  }

  history(query: MetricHistoryQuery): Promise<MetricPoint[]> {
    const { sql, params } = historyQuery(query, () => '?');
    return Promise.resolve(
      (this.db.prepare(sql).all(...params) as Record<string, unknown>[]).map(pointFromRow)
    );
  }
}

/** PostgreSQL: the same, in one REPEATABLE READ transaction. */
export class PostgresValidationHistoryStore implements ValidationHistoryStore {
  constructor(private readonly pool: Pool) {}

  async record(run: ValidationRunRecord): Promise<void> {
    await inTransaction(this.pool, 'write', async session => {
      await session.query(
        `INSERT INTO validation_runs (${RUN_COLUMNS}) VALUES (${RUN_COLUMNS.split(',')
          .map((_, i) => `$${i + 1}`)
          .join(', ')})`,
        runValues(run).map((v, i) => (i === 7 ? v === 1 : v))
      );
      for (const values of metricValues(run)) {
        await session.query(
          `INSERT INTO validation_metrics (${METRIC_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          values
        );
      }
    });
  }

  async history(query: MetricHistoryQuery): Promise<MetricPoint[]> {
    const { value } = await inTransaction(this.pool, 'read', async session => {
      const { sql, params } = historyQuery(query, n => `$${n}`);
      return ((await session.query(sql, params)).rows as Record<string, unknown>[]).map(
        pointFromRow
      );
    });
    return value;
  }
}
