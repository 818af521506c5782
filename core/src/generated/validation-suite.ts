/* eslint-disable */
/**
 * GENERATED FILE, DO NOT EDIT. Source: schemas/validation-suite.schema.json
 * Regenerate with `npm run build:schemas` (scripts/gen-schema-types.mjs).
 */

export type ValidationCheck =
  | RowCountCheck
  | CompletenessCheck
  | UniquenessCheck
  | DistinctnessCheck
  | PrimaryKeyCheck
  | ValueRangeCheck
  | AllowedSetCheck
  | PatternCheck
  | LengthCheck
  | TypeConformanceCheck
  | FreshnessCheck
  | ReferentialIntegrityCheck
  | CustomSqlCheck
  | StatisticCheck
  | ArrayLengthCheck
  | ArrayEmptyCheck
  | ArrayElementCompletenessCheck
  | ArrayElementRangeCheck
  | MapKeyPresenceCheck
  | MapValuesCheck
  | EmbeddingDimensionCheck
  | EmbeddingNonFiniteCheck
  | EmbeddingNormCheck;
/**
 * A top-level column name, written as is (no quoting; dots are part of the name).
 */
export type ColumnName = string;
/**
 * A duration: a number and a unit s, m, h or d (90m, 12h, 7d).
 */
export type Duration = string;
/**
 * A Spark SQL boolean expression over the table's columns (one expression: no `;`, no comments).
 */
export type SqlPredicate = string;

/**
 * A data validation suite: declarative checks over one table, compiled into the fewest scans and run on Spark or DuckDB (docs/validation.md).
 */
export interface ValidationSuite {
  apiVersion: 'featurelab/v1';
  kind: 'ValidationSuite';
  /**
   * Name of the suite; a FeatureGroup's `validation.suite` refers to it.
   */
  name: string;
  description?: string;
  /**
   * The feature group whose table the suite checks.
   */
  featureGroup?: string;
  /**
   * Default data: a table name (Spark) when --data is not given.
   */
  table?: string;
  /**
   * monitor: record and report; block: a failing blocking check fails the run. Default: block.
   */
  mode?: 'monitor' | 'block';
  /**
   * Failing rows returned per row-level check (0..1000). Default 10.
   */
  sampleRows?: number;
  /**
   * @minItems 1
   * @maxItems 2000
   */
  checks: [ValidationCheck, ...ValidationCheck[]];
}
/**
 * Number of rows (after `where`) between min and max.
 */
export interface RowCountCheck {
  type: 'rowCount';
  min?: number;
  max?: number;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * Only rows satisfying this Spark SQL predicate are checked (conditional check).
   */
  where?: string;
}
/**
 * Share of rows where the column is not null.
 */
export interface CompletenessCheck {
  type: 'completeness';
  column: ColumnName;
  /**
   * Smallest passing share. Default 1.
   */
  min?: number;
  /**
   * Largest passing share.
   */
  max?: number;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * Only rows satisfying this Spark SQL predicate are checked (conditional check).
   */
  where?: string;
}
/**
 * Share of rows (with a non-null key) whose key value occurs exactly once.
 */
export interface UniquenessCheck {
  type: 'uniqueness';
  /**
   * Columns forming the key, in order.
   *
   * @minItems 1
   * @maxItems 32
   */
  columns: [ColumnName, ...ColumnName[]];
  /**
   * Smallest passing share. Default 1.
   */
  min?: number;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * Only rows satisfying this Spark SQL predicate are checked (conditional check).
   */
  where?: string;
}
/**
 * Distinct key values divided by rows with a non-null key.
 */
export interface DistinctnessCheck {
  type: 'distinctness';
  /**
   * Columns forming the key, in order.
   *
   * @minItems 1
   * @maxItems 32
   */
  columns: [ColumnName, ...ColumnName[]];
  /**
   * Smallest passing value.
   */
  min?: number;
  /**
   * Largest passing value.
   */
  max?: number;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * Only rows satisfying this Spark SQL predicate are checked (conditional check).
   */
  where?: string;
}
/**
 * No row has a null in a key column, and no key value occurs twice. The metric is the number of violating rows; it must be 0.
 */
export interface PrimaryKeyCheck {
  type: 'primaryKey';
  /**
   * Columns forming the key, in order.
   *
   * @minItems 1
   * @maxItems 32
   */
  columns: [ColumnName, ...ColumnName[]];
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * Only rows satisfying this Spark SQL predicate are checked (conditional check).
   */
  where?: string;
}
/**
 * Share of non-null values within [min, max] (NaN is outside every range).
 */
export interface ValueRangeCheck {
  type: 'valueRange';
  column: ColumnName;
  /**
   * Inclusive lower bound.
   */
  min?: number;
  /**
   * Inclusive upper bound.
   */
  max?: number;
  /**
   * Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all).
   */
  minRatio?: number;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * Only rows satisfying this Spark SQL predicate are checked (conditional check).
   */
  where?: string;
}
/**
 * Share of non-null values that are in the allowed set.
 */
export interface AllowedSetCheck {
  type: 'allowedSet';
  column: ColumnName;
  /**
   * @minItems 1
   * @maxItems 10000
   */
  values: [string | number | boolean, ...(string | number | boolean)[]];
  /**
   * Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all).
   */
  minRatio?: number;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * Only rows satisfying this Spark SQL predicate are checked (conditional check).
   */
  where?: string;
}
/**
 * Share of non-null strings that contain a match of the regular expression (Java syntax on Spark, RE2 on DuckDB: keep to their common subset).
 */
export interface PatternCheck {
  type: 'pattern';
  column: ColumnName;
  regex: string;
  /**
   * Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all).
   */
  minRatio?: number;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * Only rows satisfying this Spark SQL predicate are checked (conditional check).
   */
  where?: string;
}
/**
 * Share of non-null strings whose length in characters is within [min, max].
 */
export interface LengthCheck {
  type: 'length';
  column: ColumnName;
  min?: number;
  max?: number;
  /**
   * Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all).
   */
  minRatio?: number;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * Only rows satisfying this Spark SQL predicate are checked (conditional check).
   */
  where?: string;
}
/**
 * The column has the expected Spark type; for a string column holding another type's values, the share of non-null values that cast to it.
 */
export interface TypeConformanceCheck {
  type: 'typeConformance';
  column: ColumnName;
  /**
   * A Spark type: bigint, double, decimal(12,2), date, timestamp, boolean...
   */
  expected: string;
  /**
   * Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all).
   */
  minRatio?: number;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * Only rows satisfying this Spark SQL predicate are checked (conditional check).
   */
  where?: string;
}
/**
 * Lag between the newest event time in the column and the time of the check.
 */
export interface FreshnessCheck {
  type: 'freshness';
  column: ColumnName;
  maxLag: Duration;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * Only rows satisfying this Spark SQL predicate are checked (conditional check).
   */
  where?: string;
}
/**
 * Share of rows with a non-null key whose key exists in the reference table.
 */
export interface ReferentialIntegrityCheck {
  type: 'referentialIntegrity';
  /**
   * Columns forming the key, in order.
   *
   * @minItems 1
   * @maxItems 32
   */
  columns: [ColumnName, ...ColumnName[]];
  reference: {
    /**
     * A table name (Spark), database.table.
     */
    table?: string;
    /**
     * A Parquet file or folder, relative to the suite file.
     */
    data?: string;
    /**
     * Columns forming the key, in order.
     *
     * @minItems 1
     * @maxItems 32
     */
    columns: [ColumnName, ...ColumnName[]];
  };
  /**
   * Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all).
   */
  minRatio?: number;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * Only rows satisfying this Spark SQL predicate are checked (conditional check).
   */
  where?: string;
}
/**
 * Share of rows satisfying a Spark SQL predicate.
 */
export interface CustomSqlCheck {
  type: 'customSql';
  predicate: SqlPredicate;
  /**
   * Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all).
   */
  minRatio?: number;
  /**
   * Largest passing share.
   */
  maxRatio?: number;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * A Spark SQL boolean expression over the table's columns (one expression: no `;`, no comments).
   */
  where?: string;
}
/**
 * A statistic of the non-null values between min and max. Quantiles are approximate (relative rank error 1e-4 on Spark).
 */
export interface StatisticCheck {
  type: 'statistic';
  column: ColumnName;
  statistic: 'mean' | 'stddev' | 'min' | 'max' | 'sum' | 'quantile';
  /**
   * For statistic quantile: which one, 0..1.
   */
  quantile?: number;
  /**
   * Inclusive lower bound.
   */
  min?: number;
  /**
   * Inclusive upper bound.
   */
  max?: number;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * A Spark SQL boolean expression over the table's columns (one expression: no `;`, no comments).
   */
  where?: string;
}
/**
 * Share of non-null arrays whose length is within [min, max]; also reports the mean length.
 */
export interface ArrayLengthCheck {
  type: 'arrayLength';
  column: ColumnName;
  min?: number;
  max?: number;
  /**
   * Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all).
   */
  minRatio?: number;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * A Spark SQL boolean expression over the table's columns (one expression: no `;`, no comments).
   */
  where?: string;
}
/**
 * Share of non-null arrays that are empty, at most maxRatio.
 */
export interface ArrayEmptyCheck {
  type: 'arrayEmpty';
  column: ColumnName;
  /**
   * Largest passing share. Default 0.
   */
  maxRatio?: number;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * A Spark SQL boolean expression over the table's columns (one expression: no `;`, no comments).
   */
  where?: string;
}
/**
 * Share of array elements (over all non-null arrays) that are not null.
 */
export interface ArrayElementCompletenessCheck {
  type: 'arrayElementCompleteness';
  column: ColumnName;
  /**
   * Smallest passing share. Default 1.
   */
  min?: number;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * A Spark SQL boolean expression over the table's columns (one expression: no `;`, no comments).
   */
  where?: string;
}
/**
 * Share of non-null array elements within [min, max].
 */
export interface ArrayElementRangeCheck {
  type: 'arrayElementRange';
  column: ColumnName;
  /**
   * Inclusive lower bound.
   */
  min?: number;
  /**
   * Inclusive upper bound.
   */
  max?: number;
  /**
   * Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all).
   */
  minRatio?: number;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * A Spark SQL boolean expression over the table's columns (one expression: no `;`, no comments).
   */
  where?: string;
}
/**
 * Share of non-null maps that contain every listed key.
 */
export interface MapKeyPresenceCheck {
  type: 'mapKeyPresence';
  column: ColumnName;
  /**
   * @minItems 1
   * @maxItems 100
   */
  keys: [string | number, ...(string | number)[]];
  /**
   * Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all).
   */
  minRatio?: number;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * A Spark SQL boolean expression over the table's columns (one expression: no `;`, no comments).
   */
  where?: string;
}
/**
 * Share of map values (the value at `key`, or every value) within [min, max] and/or in `allowed`.
 */
export interface MapValuesCheck {
  type: 'mapValues';
  column: ColumnName;
  key?: string | number;
  /**
   * Inclusive lower bound.
   */
  min?: number;
  /**
   * Inclusive upper bound.
   */
  max?: number;
  /**
   * @minItems 1
   * @maxItems 10000
   */
  allowed?: [string | number | boolean, ...(string | number | boolean)[]];
  /**
   * Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all).
   */
  minRatio?: number;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * A Spark SQL boolean expression over the table's columns (one expression: no `;`, no comments).
   */
  where?: string;
}
/**
 * Share of non-null vectors with exactly `dimension` elements.
 */
export interface EmbeddingDimensionCheck {
  type: 'embeddingDimension';
  column: ColumnName;
  dimension: number;
  /**
   * Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all).
   */
  minRatio?: number;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * A Spark SQL boolean expression over the table's columns (one expression: no `;`, no comments).
   */
  where?: string;
}
/**
 * Share of non-null vectors holding a NaN or an infinity, at most maxRatio.
 */
export interface EmbeddingNonFiniteCheck {
  type: 'embeddingNonFinite';
  column: ColumnName;
  /**
   * Largest passing share. Default 0.
   */
  maxRatio?: number;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * A Spark SQL boolean expression over the table's columns (one expression: no `;`, no comments).
   */
  where?: string;
}
/**
 * Share of non-null vectors whose L2 norm is within [min, max]; also reports the mean norm.
 */
export interface EmbeddingNormCheck {
  type: 'embeddingNorm';
  column: ColumnName;
  min?: number;
  max?: number;
  /**
   * Smallest passing share of the rows (or elements) considered that satisfy the check. Default 1 (all).
   */
  minRatio?: number;
  /**
   * A name for the check, unique in the suite; default: its position and type.
   */
  id?: string;
  description?: string;
  /**
   * block: a failure fails the suite (in block mode, the run); warn: reported only. Default: block.
   */
  severity?: 'warn' | 'block';
  /**
   * A Spark SQL boolean expression over the table's columns (one expression: no `;`, no comments).
   */
  where?: string;
}
