import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  analyzeSql,
  catalogFromJson,
  CatalogFormatError,
  warmUpParser,
  type AnalysisResult
} from '../../src/sql/index.js';

const catalog = catalogFromJson(
  JSON.parse(readFileSync(new URL('../fixtures/sql-corpus/catalog.json', import.meta.url), 'utf8'))
);
warmUpParser();

const relation = (result: AnalysisResult, name: string) =>
  result.relations.find(r => r.name === name);
const errors = (result: AnalysisResult) => result.diagnostics.filter(d => d.severity === 'error');
/** The text a diagnostic's range covers. */
const covered = (sql: string, result: AnalysisResult, index = 0) =>
  sql.slice(result.diagnostics[index].range.from, result.diagnostics[index].range.to);

describe('per-CTE parsing', () => {
  const sql = `WITH a AS (SELECT user_id, country FROM users),
b AS (SELECT user_id FROM a WHERE country = ),
c AS (SELECT country, count(*) AS n FROM a GROUP BY country)
SELECT * FROM c`;

  it('keeps the other CTEs when one has a syntax error', () => {
    const result = analyzeSql(sql, catalog);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', code: 'PARSE_SYNTAX_ERROR' });
    // The error lies inside CTE b, at the dangling comparison.
    const b = { from: sql.indexOf('b AS ('), to: sql.indexOf('c AS (') };
    expect(result.diagnostics[0].range.from).toBeGreaterThanOrEqual(sql.indexOf('= )'));
    expect(result.diagnostics[0].range.to).toBeLessThan(b.to);
    expect(relation(result, 'a')?.columns.map(c => c.name)).toEqual(['user_id', 'country']);
    expect(relation(result, 'c')?.columns).toEqual([
      { name: 'country', type: 'string', nullable: true },
      { name: 'n', type: 'bigint', nullable: false }
    ]);
    expect(relation(result, '$result')?.columns).toHaveLength(2);
    expect(relation(result, 'b')).toBeUndefined();
  });

  it('does not report references to a CTE that did not parse', () => {
    const broken = `WITH a AS (SELECT FROM WHERE), b AS (SELECT x, y FROM a) SELECT * FROM b`;
    const result = analyzeSql(broken, catalog);
    expect(errors(result).map(d => d.code)).toEqual(['PARSE_SYNTAX_ERROR']);
  });

  it('reports an error at the end of an incomplete query', () => {
    const text = 'SELECT user_id FROM users WHERE user_id >';
    const result = analyzeSql(text, catalog);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'PARSE_SYNTAX_ERROR' });
    expect(result.diagnostics[0].range.from).toBeGreaterThanOrEqual(text.indexOf('>'));
  });
});

describe('diagnostics', () => {
  it('points at an unknown column and suggests the closest names', () => {
    const sql = 'SELECT u.user_id, u.contry FROM demo.users u';
    const result = analyzeSql(sql, catalog);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0].code).toBe('UNRESOLVED_COLUMN');
    expect(covered(sql, result)).toBe('u.contry');
    expect(result.diagnostics[0].message).toContain('Did you mean `country`?');
  });

  it('points at an unknown table and function', () => {
    const sql = 'SELECT lowr(country) FROM demo.user';
    const result = analyzeSql(sql, catalog);
    const byCode = Object.fromEntries(result.diagnostics.map(d => [d.code, d]));
    expect(
      sql.slice(byCode.TABLE_OR_VIEW_NOT_FOUND.range.from, byCode.TABLE_OR_VIEW_NOT_FOUND.range.to)
    ).toBe('demo.user');
    expect(byCode.TABLE_OR_VIEW_NOT_FOUND.message).toContain('`demo.users`');
  });

  it('suggests functions', () => {
    const sql = 'SELECT lowr(country) FROM users';
    const result = analyzeSql(sql, catalog);
    expect(result.diagnostics[0]).toMatchObject({ code: 'UNRESOLVED_ROUTINE' });
    expect(covered(sql, result)).toBe('lowr');
    expect(result.diagnostics[0].message).toContain('`lower`');
  });

  it('reports ambiguous references with their candidates', () => {
    const sql = 'SELECT user_id FROM users u JOIN orders o ON u.user_id = o.user_id';
    const result = analyzeSql(sql, catalog);
    expect(result.diagnostics[0].code).toBe('AMBIGUOUS_REFERENCE');
    expect(result.diagnostics[0].message).toContain('[`o`.`user_id`, `u`.`user_id`]');
    expect(covered(sql, result)).toBe('user_id');
  });

  it('reports the non-aggregated column, not the whole query', () => {
    const sql = 'SELECT country, device, count(*) FROM users GROUP BY country';
    const result = analyzeSql(sql, catalog);
    expect(result.diagnostics.map(d => d.code)).toEqual(['MISSING_AGGREGATION']);
    expect(covered(sql, result)).toBe('device');
  });

  it('keeps analysing after an unsupported construct and says so', () => {
    const sql =
      "SELECT user_id, country LIKE ANY ('U%', 'D%') AS rn, upper(country) AS c FROM users";
    const result = analyzeSql(sql, catalog);
    expect(result.diagnostics.map(d => [d.severity, d.code])).toEqual([
      ['warning', 'NOT_ANALYZED_YET']
    ]);
    expect(relation(result, '$result')?.columns).toEqual([
      { name: 'user_id', type: 'bigint', nullable: false },
      { name: 'rn', type: 'unknown', nullable: true },
      { name: 'c', type: 'string', nullable: true }
    ]);
  });

  it('says "not analyzed yet" for statements that are not queries', () => {
    const result = analyzeSql('CREATE TABLE t (a INT); SELECT 1 AS one', catalog);
    expect(result.diagnostics.map(d => d.code)).toEqual(['NOT_ANALYZED_YET']);
    expect(relation(result, '$result')?.columns).toEqual([
      { name: 'one', type: 'int', nullable: false }
    ]);
  });
});

describe('ANSI mode', () => {
  it('changes string promotion and size() nullability', () => {
    const sql =
      "SELECT position + '1' AS p, size(tags) AS n FROM impressions JOIN users USING (user_id)";
    const legacy = relation(analyzeSql(sql, catalog), '$result')?.columns;
    const ansi = relation(analyzeSql(sql, catalog, { ansi: true }), '$result')?.columns;
    expect(legacy).toEqual([
      { name: 'p', type: 'double', nullable: true },
      { name: 'n', type: 'int', nullable: false }
    ]);
    expect(ansi).toEqual([
      { name: 'p', type: 'bigint', nullable: true },
      { name: 'n', type: 'int', nullable: true }
    ]);
  });
});

describe('catalog file', () => {
  it('rejects what is not a StructType JSON, naming the place', () => {
    expect(() =>
      catalogFromJson({ 'db.t': { type: 'struct', fields: [{ name: 'a', type: 'int4' }] } })
    ).toThrow(new CatalogFormatError('$["db.t"].fields[0].type: unknown Spark type "int4"'));
    expect(() => catalogFromJson([])).toThrow(CatalogFormatError);
  });
});

describe('bad input', () => {
  const corpus = JSON.parse(
    readFileSync(new URL('../fixtures/sql-corpus/expected.json', import.meta.url), 'utf8')
  ) as { queries: { sql: string }[] };

  const check = (text: string) => {
    const result = analyzeSql(text, catalog);
    for (const d of result.diagnostics) {
      expect(d.range.from).toBeGreaterThanOrEqual(0);
      expect(d.range.to).toBeLessThanOrEqual(text.length);
      expect(d.range.from).toBeLessThanOrEqual(d.range.to);
    }
    return result;
  };

  it('never throws on truncated or mutated queries, and ranges stay inside the text', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const { sql } of corpus.queries.filter((_, i) => i % 4 === 0)) {
      check(sql.slice(0, Math.floor(random() * sql.length)));
      const at = Math.floor(random() * sql.length);
      check(sql.slice(0, at) + '(),;`\'"'[Math.floor(random() * 7)] + sql.slice(at));
    }
  });

  it('never throws on random characters, empty input or deep nesting', () => {
    expect(check('').diagnostics).toEqual([]);
    check('\u0000\uffff\ud800 SELECT ` ');
    check(`SELECT ${'('.repeat(200)}1${')'.repeat(200)} AS x`);
    check(`SELECT ${'('.repeat(50)} FROM users`);
    check(`SELECT 'unterminated FROM users`);
  });

  it('analyses a megabyte of random characters', () => {
    let seed = 7;
    const units: string[] = [];
    for (let i = 0; i < 1_000_000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      // Mostly printable ASCII (so statements, strings and comments occur), some of anything.
      units.push(String.fromCharCode(seed % 10 === 0 ? seed % 65536 : 32 + (seed % 95)));
    }
    const result = check(units.join(''));
    expect(result.diagnostics.some(d => d.severity === 'error')).toBe(true);
  });
});

describe('windows, generators, subqueries, lambdas', () => {
  it('records generate and pivot operators with their columns', () => {
    const sql =
      "SELECT * FROM (SELECT user_id, tag FROM users LATERAL VIEW explode(tags) t AS tag) PIVOT (count(*) FOR tag IN ('a', 'b'))";
    const result = analyzeSql(sql, catalog);
    expect(result.diagnostics).toEqual([]);
    const generate = result.operators.find(o => o.op === 'generate');
    expect(generate?.columns.at(-1)).toEqual({ name: 'tag', type: 'string', nullable: true });
    expect(sql.slice(generate!.range.from, generate!.range.to)).toBe(
      'LATERAL VIEW explode(tags) t AS tag'
    );
    expect(result.operators.find(o => o.op === 'pivot')?.columns.map(c => c.name)).toEqual([
      'user_id',
      'a',
      'b'
    ]);
  });

  it('reports window and generate operators of the select list', () => {
    const sql =
      'SELECT user_id, explode(tags) AS tag, row_number() OVER (ORDER BY signup_time) AS rn FROM users';
    const result = analyzeSql(sql, catalog);
    expect(result.diagnostics).toEqual([]);
    expect(result.operators.map(o => o.op)).toEqual(['scan', 'generate', 'window', 'project']);
    expect(result.operators.find(o => o.op === 'window')?.columns.at(-1)).toEqual({
      name: 'rn',
      type: 'int',
      nullable: false
    });
  });

  it('points at the window function used in WHERE', () => {
    const sql = 'SELECT * FROM impressions WHERE rank() OVER (ORDER BY position) = 1';
    const result = analyzeSql(sql, catalog);
    expect(errors(result).map(d => d.code)).toEqual(['_LEGACY_ERROR_TEMP_1034']);
    expect(covered(sql, result)).toBe('rank() OVER (ORDER BY position)');
  });

  it('lets lambda variables shadow columns and still sees the other columns', () => {
    const sql = 'SELECT transform(tags, country -> concat(country, device)) AS t FROM users';
    const result = analyzeSql(sql, catalog);
    expect(result.diagnostics).toEqual([]);
    expect(relation(result, '$result')?.columns).toEqual([
      { name: 't', type: 'array<string>', nullable: true }
    ]);
  });

  it('resolves correlated references one level out, like Spark 3.5', () => {
    const sql = `SELECT u.user_id,
  (SELECT count(*) FROM orders o WHERE o.user_id = u.user_id
     AND EXISTS (SELECT 1 FROM items i WHERE i.item_id = o.item_id AND i.brand = u.country)) AS n
FROM users u`;
    const result = analyzeSql(sql, catalog);
    // o.item_id is one level out of the EXISTS; u.country is two, and Spark does not see it.
    expect(errors(result).map(d => d.code)).toEqual(['UNRESOLVED_COLUMN']);
    expect(covered(sql, result)).toBe('u.country');
  });

  it('makes grouping columns nullable only where a grouping set leaves them out', () => {
    const sql =
      'SELECT user_id, item_id, count(*) AS n FROM orders GROUP BY GROUPING SETS ((user_id, item_id), (user_id))';
    const result = analyzeSql(sql, catalog);
    expect(relation(result, '$result')?.columns.map(c => c.nullable)).toEqual([false, true, false]);
  });
});
