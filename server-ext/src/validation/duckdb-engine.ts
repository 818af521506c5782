import { statSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import {
  duckdbSchema,
  renderRelation,
  type RelationSource,
  type StructField
} from '@featurelab/core/validation';
import type { EngineRow, ValidationEngine } from './engine.js';
import { ValidationDataError, ValidationEngineError } from './errors.js';

/**
 * DuckDB in this process over local Parquet: the fast path for files on this machine. An
 * in-memory database per run; nothing is written anywhere.
 *
 * @duckdb/node-api is a native module: the service bundle keeps it external and loads it on
 * first use, so the service starts (and the Spark engine works) where it is not installed.
 */
export class DuckdbEngine implements ValidationEngine {
  readonly name = 'duckdb';
  readonly dialect = 'duckdb';

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection
  ) {}

  /** Whether this installation has DuckDB (a source checkout does; the wheel does not yet). */
  static async available(): Promise<boolean> {
    try {
      await import('@duckdb/node-api');
      return true;
    } catch {
      return false;
    }
  }

  static async open(options: { threads?: number } = {}): Promise<DuckdbEngine> {
    let api: typeof import('@duckdb/node-api');
    try {
      api = await import('@duckdb/node-api');
    } catch (error) {
      throw new ValidationEngineError(
        'the DuckDB engine is not available in this installation (@duckdb/node-api is not installed)',
        'Use --engine spark, or run from a source checkout (npm ci installs DuckDB).',
        error
      );
    }
    const instance = await api.DuckDBInstance.create(':memory:', {
      threads: String(options.threads ?? 2),
      // Only local files named by the plan: no extension downloads.
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false'
    });
    return new DuckdbEngine(instance, await instance.connect());
  }

  parquetSource(location: string): RelationSource {
    return localParquetSource(location);
  }

  async schema(source: RelationSource): Promise<StructField[]> {
    if (source.kind === 'table') {
      throw new ValidationDataError(
        `DuckDB reads Parquet files, not the table ${source.parts.join('.')}`,
        'Pass --data with a Parquet path, a table of the workspace manifest, or use --engine spark.'
      );
    }
    const rows = await this.query(`DESCRIBE SELECT * FROM ${renderRelation(source, 'duckdb')}`);
    return duckdbSchema(
      rows.map(row => ({ name: String(row.column_name), type: String(row.column_type) }))
    );
  }

  async query(sql: string): Promise<EngineRow[]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjectsJson() as EngineRow[];
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** The DuckDB source of a local Parquet file or folder (every .parquet file below it). */
export function localParquetSource(location: string): RelationSource {
  const absolute = path.resolve(location);
  const stat = statSync(absolute, { throwIfNoEntry: false });
  if (stat === undefined) {
    throw new ValidationDataError(
      `${absolute} does not exist`,
      'Pass a Parquet file or a folder of Parquet files.'
    );
  }
  return {
    kind: 'parquet',
    paths: [stat.isDirectory() ? path.join(absolute, '**', '*.parquet') : absolute]
  };
}
