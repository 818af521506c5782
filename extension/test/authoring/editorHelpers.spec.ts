import { analyzePySpark } from '@featurelab/core/pyspark';
import { analyzeSql, catalogFromJson } from '@featurelab/core/sql';
import { describe, expect, it } from 'vitest';

import {
  catalogTables,
  registryTablesFromCatalogList,
  simpleStringToJson
} from '../../src/authoring/catalogJson.js';
import { sqlCompletions } from '../../src/authoring/completion.js';
import {
  looksLikeQuery,
  withoutCatalogErrors,
  withoutStringDiagnostics
} from '../../src/authoring/controller.js';
import { describeAt, wordAt } from '../../src/authoring/hoverInfo.js';
import { confirmRelations, type ICellAnalysis } from '../../src/authoring/model.js';
import { findSqlRegions, pythonCellRegion } from '../../src/authoring/sqlRegions.js';

const USERS = {
  type: 'struct',
  fields: [
    { name: 'user_id', type: 'long', nullable: false, metadata: {} },
    { name: 'country', type: 'string', nullable: true, metadata: {} },
    {
      name: 'tags',
      type: { type: 'array', elementType: 'string', containsNull: true },
      nullable: true,
      metadata: {}
    }
  ]
};
const catalog = catalogFromJson({ 'demo.users': USERS });

function analyzed(source: string): ICellAnalysis {
  const regions = findSqlRegions(source).map(region => ({
    region,
    language: 'sql',
    analysis: analyzeSql(region.text, catalog),
    confirmation: null
  }));
  return { source, regions, catalogVersion: 1 };
}

describe('hover', () => {
  const sql =
    'WITH a AS (SELECT user_id, upper(country) AS c FROM demo.users u)\nSELECT a.user_id, c FROM a';
  const analysis = analyzeSql(sql, catalog);

  it('finds words, back-quoted names and qualifiers', () => {
    expect(wordAt('SELECT u.`odd name` FROM t', 12)).toMatchObject({
      word: 'odd name',
      qualifier: 'u'
    });
    expect(wordAt('a + b', 2)).toBeNull();
  });

  it('shows a column with its type, nullability and origin', () => {
    const hover = describeAt(sql, analysis, sql.indexOf('user_id') + 2, []);
    expect(hover?.info).toEqual({
      kind: 'column',
      column: { name: 'user_id', type: 'bigint', nullable: false },
      origin: 'demo.users'
    });
    const fromCte = describeAt(sql, analysis, sql.lastIndexOf('user_id') + 1, []);
    expect(fromCte?.info).toMatchObject({ kind: 'column', origin: 'a' });
    const computed = describeAt(sql, analysis, sql.lastIndexOf(' c ') + 1, []);
    expect(computed?.info).toMatchObject({ kind: 'column', column: { name: 'c', type: 'string' } });
  });

  it('shows tables and functions', () => {
    expect(describeAt(sql, analysis, sql.indexOf('users') + 1, [])?.info).toMatchObject({
      kind: 'table',
      name: 'demo.users'
    });
    const fn = { name: 'upper', kind: 'scalar' as const, signature: 'upper(string) → string' };
    expect(describeAt(sql, analysis, sql.indexOf('upper') + 1, [fn])?.info).toEqual({
      kind: 'function',
      info: fn
    });
  });
});

describe('completion', () => {
  const tables = [
    {
      name: 'demo.users',
      source: 'spark' as const,
      columns: [{ name: 'user_id', type: 'bigint', nullable: false }]
    }
  ];
  const functions = [
    { name: 'upper', kind: 'scalar' as const, signature: 'upper(string) → string' }
  ];

  it('offers tables after FROM, columns with types and functions elsewhere', () => {
    const source = '%%sql\nSELECT u FROM demo.users';
    const data = { tables, functions, analysis: analyzed(source) };
    const typing = '%%sql\nSELECT u FROM de';
    const afterFrom = sqlCompletions(typing, typing.length, false, data);
    expect(afterFrom?.options.map(o => o.label)).toContain('demo.users');
    const inDatabase = sqlCompletions(source, source.length, false, data);
    expect(inDatabase?.options.map(o => o.label)).toEqual(['users']);
    const pos = source.indexOf(' u ') + 2;
    const inSelect = sqlCompletions(source, pos, false, data);
    const labels = inSelect?.options.map(o => [o.label, o.detail]);
    expect(labels).toContainEqual(['user_id', 'bigint not null']);
    expect(labels).toContainEqual(['upper', '(string) → string']);
    expect(inSelect?.from).toBe(pos - 1);
  });

  it('offers the columns of an alias after "alias."', () => {
    const source = '%%sql\nSELECT u. FROM demo.users u';
    const data = { tables, functions, analysis: analyzed(source) };
    const pos = source.indexOf('u.') + 2;
    // The text does not parse while "u." is typed: the alias is read from the text.
    expect(sqlCompletions(source, pos, false, data)?.options.map(o => o.label)).toEqual([
      'user_id'
    ]);
    const parsed = '%%sql\nSELECT u.user_id FROM demo.users u';
    const scanPos = parsed.indexOf('u.') + 2;
    const fromScan = sqlCompletions(parsed, scanPos, false, {
      ...data,
      analysis: analyzed(parsed)
    });
    expect(fromScan?.options.map(o => [o.label, o.detail])).toEqual([
      ['user_id', 'bigint not null'],
      ['country', 'string'],
      ['tags', 'array<string>']
    ]);
  });

  it('stays out of Python code', () => {
    const source = 'x = 1\nspark.sql("SELECT 1")';
    expect(sqlCompletions(source, 3, true, { tables, functions, analysis: null })).toBeNull();
  });
});

describe('catalog for the worker', () => {
  it('reads simpleString types back into Spark JSON', () => {
    expect(simpleStringToJson('bigint')).toBe('long');
    expect(simpleStringToJson('decimal(12, 2)')).toBe('decimal(12,2)');
    expect(simpleStringToJson('map<string,array<struct<a:int,`b c`:string>>>')).toEqual({
      type: 'map',
      keyType: 'string',
      valueType: {
        type: 'array',
        elementType: {
          type: 'struct',
          fields: [
            { name: 'a', type: 'integer', nullable: true, metadata: {} },
            { name: 'b c', type: 'string', nullable: true, metadata: {} }
          ]
        },
        containsNull: true
      },
      valueContainsNull: true
    });
    expect(simpleStringToJson('nope<')).toBeNull();
  });

  it('turns catalog.list features into feature-group tables the analyzer resolves', () => {
    const registry = registryTablesFromCatalogList({
      registryVersion: 3,
      entries: [
        { kind: 'FeatureGroup', name: 'user_stats' },
        { kind: 'Feature', name: 'n_orders', featureGroup: 'user_stats', type: 'bigint' },
        { kind: 'Feature', name: 'spend', featureGroup: 'user_stats', type: 'decimal(14,2)' },
        { kind: 'Entity', name: 'user' }
      ]
    });
    expect(registry).toEqual([
      {
        name: 'user_stats',
        columns: [
          { name: 'n_orders', type: 'bigint', nullable: true },
          { name: 'spend', type: 'decimal(14,2)', nullable: true }
        ]
      }
    ]);
    expect(registryTablesFromCatalogList(undefined)).toEqual([]);
    const tables = catalogTables(null, registry);
    const result = analyzeSql(
      'SELECT spend FROM user_stats',
      catalogFromJson({ [tables[0].name]: tables[0].schemaJson })
    );
    expect(result.relations.at(-1)?.columns).toEqual([
      { name: 'spend', type: 'decimal(14,2)', nullable: true }
    ]);
  });
});

describe('Spark confirmation', () => {
  it('confirms equal relations and reports differing ones', () => {
    const analysis = analyzeSql(
      'WITH a AS (SELECT user_id FROM demo.users) SELECT * FROM a',
      catalog
    );
    const verdict = confirmRelations(analysis, [
      { name: 'a', columns: [{ name: 'user_id', type: 'bigint', nullable: false }] },
      { name: '$result', columns: [{ name: 'user_id', type: 'bigint', nullable: true }] }
    ]);
    expect(verdict.a.status).toBe('confirmed');
    expect(verdict.$result.status).toBe('differs');
  });

  it('sends only queries', () => {
    expect(looksLikeQuery('-- c\n(WITH a AS (SELECT 1) SELECT * FROM a)')).toBe(true);
    expect(looksLikeQuery('  select 1')).toBe(true);
    expect(looksLikeQuery('DROP TABLE x')).toBe(false);
    expect(looksLikeQuery('INSERT INTO t SELECT 1')).toBe(false);
  });
});

describe('without a live catalog', () => {
  it('leaves out "table not found" but keeps the other errors', () => {
    const analysis = analyzeSql('SELECT x FROM nowhere; SELECT countyr FROM demo.users', catalog);
    expect(analysis.diagnostics.map(d => d.code)).toContain('TABLE_OR_VIEW_NOT_FOUND');
    const codes = withoutCatalogErrors(analysis).diagnostics.map(d => d.code);
    expect(codes).not.toContain('TABLE_OR_VIEW_NOT_FOUND');
    expect(codes).toContain('UNRESOLVED_COLUMN');
  });
});

describe('PySpark cells', () => {
  it('treats a whole Python cell as one region, but not a cell magic', () => {
    const region = pythonCellRegion('df = spark.table("demo.users")');
    expect(region?.kind).toBe('python-cell');
    expect(region?.toSource(5)).toBe(5);
    expect(pythonCellRegion('%%sql\nSELECT 1')).toBeNull();
  });

  it('leaves spark.sql strings to the SQL regions', () => {
    const source =
      'users = spark.table("demo.users")\nframe = spark.sql("SELECT \\"x\\", countyr FROM t")';
    const pyspark = analyzePySpark(source, catalog);
    const sqlRegions = findSqlRegions(source);
    const literal = source.indexOf('"SELECT');
    const inside = {
      ...pyspark,
      diagnostics: [
        ...pyspark.diagnostics,
        {
          severity: 'error' as const,
          message: 'x',
          code: 'UNRESOLVED_COLUMN',
          range: { from: literal, to: source.length - 1 }
        },
        {
          severity: 'error' as const,
          message: 'y',
          code: 'UNRESOLVED_COLUMN',
          range: { from: 8, to: 13 }
        }
      ]
    };
    expect(withoutStringDiagnostics(inside, sqlRegions).diagnostics.map(d => d.message)).toEqual([
      'y'
    ]);
  });
});
