import type { DatabaseSync } from 'node:sqlite';
import type { Pool } from 'pg';
import { inTransaction, type Queryable } from '../registry/postgres/connection.js';
import type { OpenRegistry } from '../registry/open-registry.js';

/** A feature group as it went into a build. */
export interface SampleBuildInput {
  readonly featureGroup: string;
  /** sha256 of the canonical spec used. */
  readonly contentHash: string;
  /** The registry version that holds exactly this spec; null when it was never applied. */
  readonly registryVersion: number | null;
}

/** One `featurelab samples build`: what went in and what came out (registry migration 4). */
export interface SampleBuildRecord {
  readonly id: string;
  readonly sampleSet: string;
  readonly status: 'succeeded' | 'failed';
  readonly createdBy: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Head version of the registry when the build started (0: never applied to). */
  readonly registryVersion: number | null;
  readonly specHash: string;
  readonly spec: unknown;
  /** `labels` of the spec: the table or query, event time and label columns. */
  readonly labelSource: unknown;
  readonly inputs: readonly SampleBuildInput[];
  readonly timeRange: { readonly min: string | null; readonly max: string | null };
  readonly rows: { readonly labels: number | null; readonly output: number | null };
  /** `{table}` or `{path}`; null when the build failed before writing. */
  readonly output: unknown;
  /** What the builder reported (matched rows per group, columns, duration, SQL). */
  readonly result: unknown;
  readonly error: string | null;
}

export interface ListSampleBuildsOptions {
  /** Only builds of this sample set. */
  readonly sampleSet?: string;
  /** Only builds that read this feature group (the "used by" side of lineage). */
  readonly featureGroup?: string;
  /** Newest first; default 100. */
  readonly limit?: number;
}

/** Sample build records in the registry; the catalog reads lineage from `list`. */
export interface SampleBuildStore {
  record(build: SampleBuildRecord): Promise<void>;
  list(options?: ListSampleBuildsOptions): Promise<SampleBuildRecord[]>;
  get(id: string): Promise<SampleBuildRecord | undefined>;
  /** The head version and, per feature group name, the version and hash currently applied. */
  appliedFeatureGroups(): Promise<{
    readonly version: number;
    readonly groups: ReadonlyMap<string, { readonly hash: string; readonly version: number }>;
  }>;
}

/** The store of an open registry (it does not own the registry). */
export function sampleBuildStoreOf(registry: OpenRegistry): SampleBuildStore {
  return registry.kind === 'sqlite'
    ? new SqliteSampleBuildStore(registry.database())
    : new PostgresSampleBuildStore(registry.pool);
}

/** Builds of one sample set, newest first: what the catalog shows under "builds". */
export function listSampleBuilds(
  store: SampleBuildStore,
  sampleSet: string,
  limit?: number
): Promise<SampleBuildRecord[]> {
  return store.list({ sampleSet, limit });
}

type Row = Record<string, unknown>;

const COLUMNS =
  'id, sample_set, status, created_by, started_at, finished_at, registry_version, spec_hash, spec_json, label_source_json, time_min, time_max, label_rows, output_rows, output_json, result_json, error';

function values(build: SampleBuildRecord): (string | number | null)[] {
  return [
    build.id,
    build.sampleSet,
    build.status,
    build.createdBy,
    build.startedAt,
    build.finishedAt,
    build.registryVersion,
    build.specHash,
    JSON.stringify(build.spec),
    JSON.stringify(build.labelSource),
    build.timeRange.min,
    build.timeRange.max,
    build.rows.labels,
    build.rows.output,
    build.output === null ? null : JSON.stringify(build.output),
    build.result === null ? null : JSON.stringify(build.result),
    build.error
  ];
}

function isoOrNull(value: unknown): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  return value instanceof Date ? value.toISOString() : String(value);
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function parseJson(value: unknown): unknown {
  return value === null || value === undefined ? null : (JSON.parse(String(value)) as unknown);
}

function fromRow(row: Row, inputs: readonly SampleBuildInput[]): SampleBuildRecord {
  return {
    id: String(row.id),
    sampleSet: String(row.sample_set),
    status: row.status === 'succeeded' ? 'succeeded' : 'failed',
    createdBy: String(row.created_by),
    startedAt: String(isoOrNull(row.started_at)),
    finishedAt: String(isoOrNull(row.finished_at)),
    registryVersion: numberOrNull(row.registry_version),
    specHash: String(row.spec_hash),
    spec: parseJson(row.spec_json),
    labelSource: parseJson(row.label_source_json),
    inputs,
    timeRange: { min: isoOrNull(row.time_min), max: isoOrNull(row.time_max) },
    rows: { labels: numberOrNull(row.label_rows), output: numberOrNull(row.output_rows) },
    output: parseJson(row.output_json),
    result: parseJson(row.result_json),
    error: row.error === null || row.error === undefined ? null : String(row.error)
  };
}

function inputFromRow(row: Row): SampleBuildInput {
  return {
    featureGroup: String(row.feature_group),
    contentHash: String(row.content_hash),
    registryVersion: numberOrNull(row.registry_version)
  };
}

function listQuery(
  options: ListSampleBuildsOptions,
  placeholder: (n: number) => string
): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (options.sampleSet !== undefined) {
    params.push(options.sampleSet);
    where.push(`sample_set = ${placeholder(params.length)}`);
  }
  if (options.featureGroup !== undefined) {
    params.push(options.featureGroup.toLowerCase());
    where.push(
      `id IN (SELECT build_id FROM sample_build_inputs WHERE lower(feature_group) = ${placeholder(params.length)})`
    );
  }
  params.push(Math.max(1, Math.min(options.limit ?? 100, 10_000)));
  const filter = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  return {
    sql: `SELECT ${COLUMNS} FROM sample_builds${filter} ORDER BY started_at DESC, id DESC LIMIT ${placeholder(params.length)}`,
    params
  };
}

/** SQLite: every value a parameter; the record and its inputs in one transaction. */
export class SqliteSampleBuildStore implements SampleBuildStore {
  constructor(private readonly db: DatabaseSync) {}

  record(build: SampleBuildRecord): Promise<void> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.db
        .prepare(
          `INSERT INTO sample_builds (${COLUMNS}) VALUES (${COLUMNS.split(',')
            .map(() => '?')
            .join(', ')})`
        )
        .run(...values(build));
      const input = this.db.prepare(
        'INSERT INTO sample_build_inputs (build_id, feature_group, content_hash, registry_version) VALUES (?, ?, ?, ?)'
      );
      for (const item of build.inputs) {
        input.run(build.id, item.featureGroup, item.contentHash, item.registryVersion);
      }
      this.db.exec('COMMIT');
      return Promise.resolve();
    } catch (error) {
      this.db.exec('ROLLBACK');
      return Promise.reject(error);
    }
  }

  list(options: ListSampleBuildsOptions = {}): Promise<SampleBuildRecord[]> {
    const { sql, params } = listQuery(options, () => '?');
    const rows = this.db.prepare(sql).all(...params) as Row[];
    return Promise.resolve(rows.map(row => fromRow(row, this.inputs(String(row.id)))));
  }

  get(id: string): Promise<SampleBuildRecord | undefined> {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM sample_builds WHERE id = ?`).get(id) as
      Row | undefined;
    return Promise.resolve(row === undefined ? undefined : fromRow(row, this.inputs(id)));
  }

  appliedFeatureGroups(): ReturnType<SampleBuildStore['appliedFeatureGroups']> {
    const head = this.db.prepare('SELECT max(version) AS version FROM registry_versions').get() as
      Row | undefined;
    const groups = new Map<string, { hash: string; version: number }>();
    for (const row of this.db
      .prepare(
        "SELECT name, content_hash, updated_version FROM spec_objects WHERE kind = 'FeatureGroup'"
      )
      .all() as Row[]) {
      groups.set(String(row.name).toLowerCase(), {
        hash: String(row.content_hash),
        version: Number(row.updated_version)
      });
    }
    return Promise.resolve({ version: Number(head?.version ?? 0), groups });
  }

  private inputs(id: string): SampleBuildInput[] {
    return (
      this.db
        .prepare(
          'SELECT feature_group, content_hash, registry_version FROM sample_build_inputs WHERE build_id = ? ORDER BY feature_group'
        )
        .all(id) as Row[]
    ).map(inputFromRow);
  }
}

/** PostgreSQL: the same tables (migration 4), every value a parameter. */
export class PostgresSampleBuildStore implements SampleBuildStore {
  constructor(private readonly pool: Pool) {}

  async record(build: SampleBuildRecord): Promise<void> {
    await inTransaction(this.pool, 'write', async session => {
      await session.query(
        `INSERT INTO sample_builds (${COLUMNS}) VALUES (${COLUMNS.split(',')
          .map((_, index) => `$${index + 1}`)
          .join(', ')})`,
        values(build)
      );
      for (const item of build.inputs) {
        await session.query(
          'INSERT INTO sample_build_inputs (build_id, feature_group, content_hash, registry_version) VALUES ($1, $2, $3, $4)',
          [build.id, item.featureGroup, item.contentHash, item.registryVersion]
        );
      }
    });
  }

  async list(options: ListSampleBuildsOptions = {}): Promise<SampleBuildRecord[]> {
    const { value } = await inTransaction(this.pool, 'read', async session => {
      const { sql, params } = listQuery(options, n => `$${n}`);
      const rows = (await session.query(sql, params)).rows as Row[];
      const records: SampleBuildRecord[] = [];
      for (const row of rows) {
        records.push(fromRow(row, await postgresInputs(session, String(row.id))));
      }
      return records;
    });
    return value;
  }

  async get(id: string): Promise<SampleBuildRecord | undefined> {
    const { value } = await inTransaction(this.pool, 'read', async session => {
      const row = (await session.query(`SELECT ${COLUMNS} FROM sample_builds WHERE id = $1`, [id]))
        .rows[0] as Row | undefined;
      return row === undefined ? undefined : fromRow(row, await postgresInputs(session, id));
    });
    return value;
  }

  async appliedFeatureGroups(): ReturnType<SampleBuildStore['appliedFeatureGroups']> {
    const { value } = await inTransaction(this.pool, 'read', async session => {
      const head = (await session.query('SELECT max(version) AS version FROM registry_versions'))
        .rows[0] as Row;
      const groups = new Map<string, { hash: string; version: number }>();
      for (const row of (
        await session.query(
          "SELECT name, content_hash, updated_version FROM spec_objects WHERE kind = 'FeatureGroup'"
        )
      ).rows as Row[]) {
        groups.set(String(row.name).toLowerCase(), {
          hash: String(row.content_hash),
          version: Number(row.updated_version)
        });
      }
      return { version: Number(head.version ?? 0), groups };
    });
    return value;
  }
}

async function postgresInputs(session: Queryable, id: string): Promise<SampleBuildInput[]> {
  const { rows } = await session.query(
    'SELECT feature_group, content_hash, registry_version FROM sample_build_inputs WHERE build_id = $1 ORDER BY feature_group',
    [id]
  );
  return (rows as Row[]).map(inputFromRow);
}
