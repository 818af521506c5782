/**
 * The PySpark lowering against real Spark: every chain of core/test/fixtures/pyspark-corpus ran
 * in a local SparkSession (scripts/pyspark-corpus/generate.py wrote expected.json). Each
 * DataFrame Spark reported (every variable of the cell, and `$result`) must match column by
 * column: name, type and nullability; each chain Spark rejected must get an error of the same
 * class, inside the cell text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzePySpark } from '../../src/pyspark/index.js';
import { catalogFromJson, warmUpParser, type AnalysisResult } from '../../src/sql/index.js';

interface ExpectedColumn {
  name: string;
  type: string;
  nullable: boolean;
}

interface ChainEntry {
  id: string;
  code: string;
  relations?: { name: string; columns: ExpectedColumn[] }[];
  error?: { kind: string; errorClass?: string; message: string };
}

const corpusDir = new URL('../fixtures/pyspark-corpus/', import.meta.url);
const catalog = catalogFromJson(
  JSON.parse(readFileSync(new URL('catalog.json', corpusDir), 'utf8'))
);
const corpus = JSON.parse(readFileSync(new URL('expected.json', corpusDir), 'utf8')) as {
  sparkVersion: string;
  chains: ChainEntry[];
};

warmUpParser();
const results = new Map<string, AnalysisResult>(
  corpus.chains.map(c => [c.id, analyzePySpark(c.code, catalog)])
);
const accepted = corpus.chains.filter(c => c.relations !== undefined);
const rejected = corpus.chains.filter(c => c.error !== undefined);

const describeDiagnostics = (result: AnalysisResult, code: string): string[] =>
  result.diagnostics.map(
    d =>
      `${d.severity} ${d.code} [${d.range.from},${d.range.to}] "${code.slice(d.range.from, d.range.to)}" ${d.message}`
  );

describe(`PySpark corpus against Spark ${corpus.sparkVersion}`, () => {
  it('has the promised size', () => {
    expect(corpus.chains.length).toBeGreaterThanOrEqual(50);
    expect(accepted.length).toBeGreaterThanOrEqual(50);
  });

  it.each(accepted.map(c => [c.id, c] as const))('%s: DataFrames match Spark', (_id, chain) => {
    const result = results.get(chain.id)!;
    expect(describeDiagnostics(result, chain.code), chain.code).toEqual([]);
    for (const relation of chain.relations ?? []) {
      const ours = result.relations.find(r => r.name === relation.name);
      expect(ours?.columns, `${relation.name} of\n${chain.code}`).toEqual(relation.columns);
    }
  });

  it.each(rejected.map(c => [c.id, c] as const))('%s: rejected like Spark', (_id, chain) => {
    const result = results.get(chain.id)!;
    const errors = result.diagnostics.filter(d => d.severity === 'error');
    const message = `${chain.code} (Spark: ${chain.error?.message})`;
    expect(errors.length, message).toBeGreaterThan(0);
    // Errors raised outside Spark's analyzer (IllegalArgumentException) have no error class.
    const sparkClass = (chain.error?.errorClass ?? '').split('.')[0];
    if (sparkClass !== '') {
      expect(
        errors.map(e => e.code.split('.')[0]),
        message
      ).toContain(sparkClass);
    }
    for (const error of errors) {
      expect(error.range.from).toBeGreaterThanOrEqual(0);
      expect(error.range.to).toBeLessThanOrEqual(chain.code.length);
    }
  });
});
