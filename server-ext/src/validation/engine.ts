import type { Dialect, RelationSource, StructField } from '@featurelab/core/validation';

/** A row as an engine returns it: JSON-safe values (NaN and infinities as strings). */
export type EngineRow = Readonly<Record<string, unknown>>;

/**
 * Where validation SQL runs. Engines only execute: the plan, its SQL and the evaluation are
 * the same for all of them (@featurelab/core/validation).
 */
export interface ValidationEngine {
  readonly name: 'duckdb' | 'spark';
  readonly dialect: Dialect;
  /** How this engine reads a local Parquet file or folder. */
  parquetSource(location: string): RelationSource;
  /** The relation's columns with Spark types; reads metadata only, never the rows. */
  schema(source: RelationSource): Promise<StructField[]>;
  /** Run one query and return its rows. */
  query(sql: string): Promise<EngineRow[]>;
  close(): Promise<void>;
}

/** A metric value from a row cell: numbers, numeric strings (big counts, NaN), arrays of them. */
export function metricValue(cell: unknown): number | null | (number | null)[] {
  if (Array.isArray(cell)) {
    return cell.map(item => {
      const value = metricValue(item);
      return Array.isArray(value) ? null : value;
    });
  }
  if (cell === null || cell === undefined) {
    return null;
  }
  if (typeof cell === 'number') {
    return cell;
  }
  if (typeof cell === 'bigint') {
    return Number(cell);
  }
  if (typeof cell === 'string') {
    if (cell === 'NaN') {
      return Number.NaN;
    }
    if (cell === 'Infinity' || cell === '-Infinity') {
      return cell === 'Infinity' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    }
    const parsed = Number(cell);
    return Number.isNaN(parsed) ? null : parsed;
  }
  if (typeof cell === 'boolean') {
    return cell ? 1 : 0;
  }
  return null;
}
