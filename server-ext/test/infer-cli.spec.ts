import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, runBundledCli, temporaryDirectory } from './helpers.js';

const CATALOG = path.join(REPO_ROOT, 'core', 'test', 'fixtures', 'sql-corpus', 'catalog.json');

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = temporaryDirectory('featurelab-infer-')));
afterEach(() => cleanup());

function queryFile(sql: string): string {
  const file = path.join(dir, 'query.sql');
  writeFileSync(file, sql);
  return file;
}

describe('featurelab infer (bundled)', () => {
  it('prints relations, operators and diagnostics as one JSON object', async () => {
    const sql = `WITH clicks AS (SELECT user_id, count(*) AS n FROM demo.impressions WHERE clicked GROUP BY user_id)
SELECT u.user_id, c.n, u.contry FROM demo.users u LEFT JOIN clicks c ON u.user_id = c.user_id`;
    const result = await runBundledCli(['infer', '--catalog', CATALOG, queryFile(sql)]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as {
      relations: { name: string; columns: unknown[] }[];
      operators: { op: string; relation: string; range: { from: number; to: number } }[];
      diagnostics: unknown[];
    };
    expect(Object.keys(output)).toEqual(['relations', 'operators', 'diagnostics']);
    expect(output.relations).toEqual([
      {
        name: 'clicks',
        columns: [
          { name: 'user_id', type: 'bigint', nullable: false },
          { name: 'n', type: 'bigint', nullable: false }
        ]
      },
      {
        name: '$result',
        columns: [
          { name: 'user_id', type: 'bigint', nullable: false },
          { name: 'n', type: 'bigint', nullable: true },
          { name: 'contry', type: 'unknown', nullable: true }
        ]
      }
    ]);
    const from = sql.indexOf('u.contry');
    expect(output.diagnostics).toEqual([
      {
        severity: 'error',
        message:
          'A column or function parameter with name `u`.`contry` cannot be resolved. Did you mean `country`?',
        range: { from, to: from + 'u.contry'.length }
      }
    ]);
    const scan = output.operators.find(o => o.op === 'scan' && o.relation === 'clicks');
    expect(scan && sql.slice(scan.range.from, scan.range.to)).toBe('demo.impressions');
    expect(output.operators.map(o => o.op)).toEqual(
      expect.arrayContaining(['scan', 'filter', 'aggregate', 'join', 'project'])
    );
  });

  it('honours --ansi and counts ranges in characters', async () => {
    const sql = "SELECT '🙂' AS smile, position + '1' AS p, nope FROM demo.impressions";
    const legacy = JSON.parse(
      (await runBundledCli(['infer', '--catalog', CATALOG, queryFile(sql)])).stdout
    );
    const ansi = JSON.parse(
      (await runBundledCli(['infer', '--ansi', '--catalog', CATALOG, queryFile(sql)])).stdout
    );
    expect(legacy.relations[0].columns[1]).toEqual({ name: 'p', type: 'double', nullable: true });
    expect(ansi.relations[0].columns[1]).toEqual({ name: 'p', type: 'bigint', nullable: true });
    // The emoji is two UTF-16 units but one character: ranges count characters.
    const from = [...sql.slice(0, sql.indexOf('nope'))].length;
    expect(legacy.diagnostics[0].range).toEqual({ from, to: from + 4 });
  });

  it('reads a .py file as a PySpark cell, with the same JSON contract', async () => {
    const code = [
      'from pyspark.sql import functions as F',
      'users = spark.table("demo.users")',
      'users.groupBy("country").agg(F.count("*").alias("n"), F.max("agee"))'
    ].join('\n');
    const file = path.join(dir, 'cell.py');
    writeFileSync(file, code);
    const result = await runBundledCli(['infer', '--catalog', CATALOG, file]);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as {
      relations: { name: string; columns: unknown[] }[];
      operators: { op: string; relation: string }[];
      diagnostics: { severity: string; message: string; range: { from: number; to: number } }[];
    };
    expect(Object.keys(output)).toEqual(['relations', 'operators', 'diagnostics']);
    expect(output.relations.map(r => r.name)).toEqual(['users', '$result']);
    expect(output.relations[1].columns[1]).toEqual({ name: 'n', type: 'bigint', nullable: false });
    expect(output.operators.map(o => `${o.op}@${o.relation}`)).toEqual([
      'scan@users',
      'aggregate@$result'
    ]);
    expect(output.diagnostics).toHaveLength(1);
    const { from, to } = output.diagnostics[0].range;
    expect(code.slice(from, to)).toBe('"agee"');
    expect(output.diagnostics[0].message).toMatch(/Did you mean `age`/);
  });

  it.each([
    [[], /needs QUERY.sql/],
    [['q.sql'], /needs --catalog/],
    [['--catalog', CATALOG], /needs QUERY.sql/],
    [
      ['--catalog', '/nonexistent/catalog.json', '/nonexistent/q.sql'],
      /catalog file .* does not exist/
    ],
    [['--catalog', CATALOG, '/nonexistent/q.sql'], /query file .* does not exist/],
    [['--catalog', CATALOG, 'a.sql', 'b.sql'], /takes one QUERY.sql/]
  ])('exits with 2 on usage errors: %j', async (args, message) => {
    const result = await runBundledCli(['infer', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('exits with 2 on a catalog that is not a StructType map', async () => {
    const catalog = path.join(dir, 'catalog.json');
    writeFileSync(
      catalog,
      JSON.stringify({ 'demo.t': { type: 'struct', fields: [{ name: 'a', type: 'int4' }] } })
    );
    const result = await runBundledCli(['infer', '--catalog', catalog, queryFile('SELECT 1')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown Spark type "int4"/);
  });
});
