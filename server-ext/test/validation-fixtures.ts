import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ValidationSuite } from '@featurelab/core';
import { DuckdbEngine } from '../src/validation/duckdb-engine.js';
import { REPO_ROOT } from './helpers.js';

/** A column name no SQL text could carry unquoted. */
export const HOSTILE_COLUMN = 'we"ird`; -- col /* ü */';

/** Environment for the Spark helper: the checkout's kernel-bridge package, not an installed copy. */
export const SPARK_ENV = {
  ...process.env,
  PYTHONPATH: [path.join(REPO_ROOT, 'kernel-bridge', 'python'), process.env.PYTHONPATH]
    .filter(Boolean)
    .join(path.delimiter),
  SPARK_LOCAL_IP: '127.0.0.1'
};
export const PYTHON = process.env.FEATURELAB_PYTHON ?? 'python3';

/**
 * Write the edge-case tables with DuckDB: duplicates and null keys, NaN and infinities, a 1 MB
 * string, unicode, empty arrays, null elements, maps missing a key, a hostile column name; an
 * empty table with the same columns; a reference table of keys.
 */
export async function writeFixtures(
  dir: string
): Promise<{ data: string; empty: string; reference: string }> {
  const engine = await DuckdbEngine.open();
  const data = path.join(dir, 'data.parquet');
  const empty = path.join(dir, 'empty.parquet');
  const reference = path.join(dir, 'reference.parquet');
  const q = (p: string): string => `'${p.replace(/'/g, "''")}'`;
  const hostile = `"${HOSTILE_COLUMN.replace(/"/g, '""')}"`;
  const select = `SELECT
      CASE WHEN i % 50 = 0 THEN NULL ELSE i % 180 END::BIGINT AS id,
      CASE WHEN i % 7 = 0 THEN NULL WHEN i = 3 THEN repeat('x', 1000000) ELSE 'name_' || (i % 13) || ' ü🚀' END AS name,
      CASE WHEN i = 5 THEN 'NaN'::DOUBLE WHEN i = 6 THEN 'Infinity'::DOUBLE WHEN i % 11 = 0 THEN NULL ELSE ((i * 37) % 101) / 10.0 END::DOUBLE AS score,
      (((i * 13) % 10000) / 100.0)::DECIMAL(12,2) AS price,
      CASE WHEN i % 9 = 0 THEN NULL WHEN i % 10 = 0 THEN []::VARCHAR[] ELSE ['a', CASE WHEN i % 4 = 0 THEN NULL ELSE 'b' END] END AS tags,
      CASE WHEN i % 17 = 0 THEN NULL WHEN i % 23 = 0 THEN [1.0]::FLOAT[]
           ELSE [(i % 3)::FLOAT, 1.0::FLOAT, CASE WHEN i = 8 THEN 'NaN'::FLOAT ELSE 0.5::FLOAT END, ((i % 5) / 5.0)::FLOAT] END AS emb,
      CASE WHEN i % 8 = 0 THEN NULL WHEN i % 3 = 0 THEN MAP {'z': 2.0::DOUBLE} ELSE MAP {'k': (i % 4)::DOUBLE, 'z': 1.0::DOUBLE} END AS attrs,
      TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_minutes(i::BIGINT) AS ts,
      (i % 3)::VARCHAR AS ${hostile},
      CASE WHEN i % 4 = 0 THEN 'x' || i ELSE (i * 7)::VARCHAR END AS numeric_text,
      NULL::DOUBLE AS all_null
    FROM range(200) t(i)`;
  await engine.query(`COPY (${select}) TO ${q(data)} (FORMAT parquet)`);
  await engine.query(`COPY (${select} LIMIT 0) TO ${q(empty)} (FORMAT parquet)`);
  await engine.query(
    `COPY (SELECT i::BIGINT AS key FROM range(150) t(i)) TO ${q(reference)} (FORMAT parquet)`
  );
  await engine.close();
  return { data, empty, reference };
}

/** One suite using every check type, on the fixture's columns. */
export function everyCheckSuite(reference: string): ValidationSuite {
  return {
    apiVersion: 'featurelab/v1',
    kind: 'ValidationSuite',
    name: 'every check',
    sampleRows: 3,
    checks: [
      { type: 'rowCount', min: 1, max: 1000 },
      { type: 'rowCount', where: 'score > 5', min: 1, id: 'rows-where' },
      { type: 'completeness', column: 'name', min: 0.5 },
      { type: 'completeness', column: 'all_null', min: 0.5, severity: 'warn' },
      { type: 'uniqueness', columns: ['id'], min: 0 },
      { type: 'distinctness', columns: ['id'], min: 0.5 },
      { type: 'primaryKey', columns: ['id'], severity: 'warn' },
      { type: 'uniqueness', columns: ['id', HOSTILE_COLUMN], min: 0, id: 'composite' },
      { type: 'valueRange', column: 'score', min: 0, max: 10, minRatio: 0.5 },
      { type: 'allowedSet', column: HOSTILE_COLUMN, values: ['0', '1', "it's"], minRatio: 0.5 },
      { type: 'pattern', column: 'name', regex: '^name_[0-9]+ ', minRatio: 0.9 },
      { type: 'length', column: 'name', max: 100, minRatio: 0.9 },
      { type: 'typeConformance', column: 'numeric_text', expected: 'bigint', minRatio: 0.5 },
      { type: 'typeConformance', column: 'price', expected: 'decimal(12,2)' },
      { type: 'freshness', column: 'ts', maxLag: '1d' },
      {
        type: 'referentialIntegrity',
        columns: ['id'],
        reference: { data: reference, columns: ['key'] },
        minRatio: 0.5
      },
      {
        type: 'customSql',
        predicate: "price >= 0 AND (name IS NULL OR name <> 'x;y')",
        minRatio: 0.99
      },
      { type: 'statistic', column: 'price', statistic: 'mean', min: 0 },
      { type: 'statistic', column: 'price', statistic: 'stddev', min: 0 },
      { type: 'statistic', column: 'price', statistic: 'min', min: 0 },
      { type: 'statistic', column: 'price', statistic: 'max', max: 100 },
      { type: 'statistic', column: 'price', statistic: 'sum', min: 0 },
      { type: 'statistic', column: 'price', statistic: 'quantile', quantile: 0.5, min: 0 },
      { type: 'statistic', column: 'price', statistic: 'quantile', quantile: 0.95, min: 0 },
      {
        type: 'statistic',
        column: 'score',
        statistic: 'mean',
        max: 100,
        id: 'nan-mean',
        severity: 'warn'
      },
      { type: 'statistic', column: 'all_null', statistic: 'mean', min: 0, severity: 'warn' },
      { type: 'arrayLength', column: 'tags', min: 1, max: 2, minRatio: 0.5 },
      { type: 'arrayEmpty', column: 'tags', maxRatio: 0.2 },
      { type: 'arrayElementCompleteness', column: 'tags', min: 0.5 },
      { type: 'arrayElementRange', column: 'emb', min: 0, max: 1, minRatio: 0.5 },
      { type: 'mapKeyPresence', column: 'attrs', keys: ['k'], minRatio: 0.5 },
      { type: 'mapValues', column: 'attrs', key: 'k', min: 0, max: 2, minRatio: 0.5 },
      { type: 'mapValues', column: 'attrs', min: 0, max: 1.5, minRatio: 0.5 },
      { type: 'embeddingDimension', column: 'emb', dimension: 4, minRatio: 0.9 },
      { type: 'embeddingNonFinite', column: 'emb', maxRatio: 0.1 },
      { type: 'embeddingNorm', column: 'emb', min: 1, max: 2, minRatio: 0.5 },
      { type: 'completeness', column: 'name', where: 'score > 1', id: 'conditional' }
    ]
  };
}

export function writeSuiteYaml(file: string, text: string): string {
  writeFileSync(file, text);
  return file;
}
