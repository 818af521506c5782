/**
 * The analyzer against real Spark: every query of core/test/fixtures/sql-corpus was analysed by
 * Spark 3.5 (scripts/sql-corpus/generate.py wrote expected.json). Each relation Spark reported
 * ($result and every top-level CTE) must match name by name, type by type, nullability by
 * nullability; each query Spark rejected must get an error of the same class; each query
 * marked `unsupported` must get the analyzer's "not analyzed yet" warning.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  analyzeSql,
  catalogFromJson,
  warmUpParser,
  type AnalysisResult
} from '../../src/sql/index.js';

interface ExpectedColumn {
  name: string;
  type: string;
  nullable: boolean;
}

interface CorpusEntry {
  id: string;
  sql: string;
  ansi?: boolean;
  unsupported?: string;
  relations?: { name: string; columns: ExpectedColumn[] }[];
  error?: { kind: string; errorClass?: string; message: string };
}

const corpusDir = new URL('../fixtures/sql-corpus/', import.meta.url);
const catalog = catalogFromJson(
  JSON.parse(readFileSync(new URL('catalog.json', corpusDir), 'utf8'))
);
const corpus = JSON.parse(readFileSync(new URL('expected.json', corpusDir), 'utf8')) as {
  sparkVersion: string;
  queries: CorpusEntry[];
};

warmUpParser();
const results = new Map<string, AnalysisResult>(
  corpus.queries.map(q => [q.id, analyzeSql(q.sql, catalog, { ansi: q.ansi === true })])
);

const accepted = corpus.queries.filter(
  q => q.relations !== undefined && q.unsupported === undefined
);
const rejected = corpus.queries.filter(q => q.error !== undefined);
const unsupported = corpus.queries.filter(q => q.unsupported !== undefined);

/**
 * Rejected queries where the analyzer's error class differs from Spark's on purpose. Spark
 * reads `FROM` in `SELECT a, FROM t` as a column named FROM (a non-reserved keyword in default
 * mode), then fails to resolve `a` without a FROM clause; dt-sql-parser's grammar reserves FROM
 * there, and a syntax error at the stray comma is the more useful answer.
 */
const EXPECTED_CLASS_DIFFERENCES: Readonly<Record<string, string>> = {
  err_syntax_missing_from_expr: 'PARSE_SYNTAX_ERROR'
};

const describeDiagnostics = (result: AnalysisResult): string[] =>
  result.diagnostics.map(
    d => `${d.severity} ${d.code} [${d.range.from},${d.range.to}] ${d.message}`
  );

describe(`SQL corpus against Spark ${corpus.sparkVersion}`, () => {
  it('has the promised size', () => {
    expect(corpus.queries.length).toBeGreaterThanOrEqual(300);
    expect(accepted.length).toBeGreaterThanOrEqual(350);
    expect(rejected.length).toBeGreaterThanOrEqual(80);
  });

  it.each(accepted.map(q => [q.id, q] as const))('%s: relations match Spark', (_id, query) => {
    const result = results.get(query.id)!;
    expect(describeDiagnostics(result), query.sql).toEqual([]);
    for (const relation of query.relations ?? []) {
      const ours = result.relations.find(r => r.name === relation.name);
      expect(ours?.columns, `${relation.name} of ${query.sql}`).toEqual(relation.columns);
    }
  });

  it.each(rejected.map(q => [q.id, q] as const))('%s: rejected like Spark', (_id, query) => {
    const result = results.get(query.id)!;
    const errors = result.diagnostics.filter(d => d.severity === 'error');
    expect(errors.length, `${query.sql} (Spark: ${query.error?.message})`).toBeGreaterThan(0);
    const sparkClass =
      EXPECTED_CLASS_DIFFERENCES[query.id] ?? (query.error?.errorClass ?? '').split('.')[0];
    expect(
      errors.map(e => e.code.split('.')[0]),
      query.sql
    ).toContain(sparkClass);
    for (const error of errors) {
      expect(error.range.from).toBeGreaterThanOrEqual(0);
      expect(error.range.to).toBeLessThanOrEqual(query.sql.length);
    }
  });

  it.each(unsupported.map(q => [q.id, q] as const))('%s: says "not analyzed yet"', (_id, query) => {
    const result = results.get(query.id)!;
    expect(
      result.diagnostics.some(d => d.severity === 'warning' && d.code === 'NOT_ANALYZED_YET'),
      query.sql
    ).toBe(true);
    expect(
      result.diagnostics.filter(d => d.severity === 'error'),
      query.sql
    ).toEqual([]);
  });
});
