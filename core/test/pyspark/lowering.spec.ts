/**
 * Behaviour of the PySpark lowering beyond the Spark corpus: ranges into the cell, variables
 * from earlier cells, files without a catalogued schema, Python mistakes with Columns, and
 * unsupported methods reported instead of guessed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzePySpark, parsePython } from '../../src/pyspark/index.js';
import { catalogFromJson } from '../../src/sql/index.js';

const catalog = catalogFromJson(
  JSON.parse(
    readFileSync(new URL('../fixtures/pyspark-corpus/catalog.json', import.meta.url), 'utf8')
  )
);

const at = (text: string, range: { from: number; to: number }): string =>
  text.slice(range.from, range.to);

describe('analyzePySpark', () => {
  it('points an unknown column at its string in the cell', () => {
    const text = 'df = spark.table("demo.users")\ndf.select("user_id", "contry")';
    const { diagnostics } = analyzePySpark(text, catalog);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].code).toBe('UNRESOLVED_COLUMN');
    expect(at(text, diagnostics[0].range)).toBe('"contry"');
    expect(diagnostics[0].message).toContain('country');
  });

  it('points into spark.sql strings', () => {
    const text = 'spark.sql("SELECT nope FROM demo.users")';
    const { diagnostics } = analyzePySpark(text, catalog);
    expect(diagnostics.map(d => at(text, d.range))).toEqual(['nope']);
  });

  it('reports every DataFrame variable, then $result, with operators per variable', () => {
    const text = [
      'from pyspark.sql import functions as F',
      'users = spark.table("demo.users")',
      'by_country = users.groupBy("country").agg(F.count("*").alias("n"))',
      'by_country.orderBy(F.desc("n"))'
    ].join('\n');
    const result = analyzePySpark(text, catalog);
    expect(result.relations.map(r => r.name)).toEqual(['users', 'by_country', '$result']);
    expect(result.relations[2].columns).toEqual([
      { name: 'country', type: 'string', nullable: true },
      { name: 'n', type: 'bigint', nullable: false }
    ]);
    expect(result.operators.map(o => `${o.op}@${o.relation}`)).toEqual([
      'scan@users',
      'aggregate@by_country',
      'project@$result',
      'sort@$result'
    ]);
  });

  it('knows the DataFrames and imports of earlier cells', () => {
    const earlier = ['import pyspark.sql.functions as fn', 'o = spark.table("demo.orders")'];
    const text = 'o.select(fn.sum("amount"))';
    const result = analyzePySpark(text, catalog, { precedingCells: earlier });
    expect(result.diagnostics).toEqual([]);
    expect(result.relations).toEqual([
      expect.objectContaining({
        name: '$result',
        columns: [{ name: 'sum(amount)', type: 'decimal(24,2)', nullable: true }]
      })
    ]);
    expect(result.operators.map(o => o.op)).toEqual(['aggregate']);
  });

  it('warns that uncatalogued files have an unknown schema, and stays quiet after', () => {
    const text = 'df = spark.read.parquet("/data/x")\ndf.select("a", "b").filter("a > 1")';
    const { diagnostics, relations } = analyzePySpark(text, catalog);
    expect(diagnostics.map(d => d.code)).toEqual(['UNKNOWN_FILE_SCHEMA']);
    expect(relations.every(r => !r.complete)).toBe(true);
  });

  it("flags Python's and/or on Columns", () => {
    const text = 'u = spark.table("demo.users")\nu.filter((u.age > 1) and (u.age < 9))';
    const { diagnostics } = analyzePySpark(text, catalog);
    expect(diagnostics.map(d => d.code)).toEqual(['PYTHON_BOOL_OF_COLUMN']);
  });

  it('says which method it does not follow yet, never guessing columns', () => {
    const text = 'u = spark.table("demo.users")\nu.transform(lambda d: d).select("anything")';
    const { diagnostics, relations } = analyzePySpark(text, catalog);
    expect(diagnostics.map(d => [d.code, at(text, d.range)])).toEqual([
      ['NOT_ANALYZED_YET', 'transform(lambda d: d)']
    ]);
    expect(relations.at(-1)?.complete).toBe(false);
  });

  it('ignores plain Python and unfinished lines', () => {
    const text = 'x = 1\nfor i in range(3):\n    print(i)\ndf = spark.table("demo.users").select(';
    const result = analyzePySpark(text, catalog);
    expect(result.diagnostics).toEqual([]);
    expect(result.relations.map(r => r.name)).toEqual(['df', '$result']);
  });
});

describe('parsePython', () => {
  it('reads multi-line chains, strings and keyword arguments', () => {
    const text =
      'df = (spark.table("t")\n  .join(o, on=["a"], how="left"))  # comment\nprint(df)\n';
    const statements = parsePython(text);
    expect(statements.map(s => s.k)).toEqual(['assign', 'expr']);
  });

  it('maps one-to-one strings to their place in the text', () => {
    const [statement] = parsePython('spark.sql("""SELECT 1""")');
    expect(statement.k).toBe('expr');
    const call = statement.k === 'expr' ? statement.value : undefined;
    const arg = call?.k === 'call' ? call.args[0].value : undefined;
    expect(arg).toMatchObject({ k: 'str', value: 'SELECT 1', contentFrom: 13 });
  });
});
