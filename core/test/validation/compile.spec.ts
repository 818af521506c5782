import { describe, expect, it } from 'vitest';
import type { ValidationCheck, ValidationSuite } from '@featurelab/core';
import {
  compileSuite,
  evaluatePlan,
  parseDuckdbTypeText,
  parseSparkTypeText,
  renderPlan,
  renderSample,
  simpleString,
  ValidationSuiteError,
  type MetricValue,
  type RelationSource,
  type StructField
} from '@featurelab/core/validation';

const field = (name: string, type: string): StructField => ({
  name,
  type: parseSparkTypeText(type),
  nullable: true
});

const TABLE: StructField[] = [
  field('id', 'bigint'),
  field('user_id', 'bigint'),
  field('name', 'string'),
  field('price', 'decimal(12,2)'),
  field('score', 'double'),
  field('created', 'timestamp'),
  field('tags', 'array<string>'),
  field('embedding', 'array<float>'),
  field('attrs', 'map<string,double>')
];

const suite = (checks: ValidationCheck[]): ValidationSuite => ({
  apiVersion: 'featurelab/v1',
  kind: 'ValidationSuite',
  name: 's',
  checks: checks as ValidationSuite['checks']
});

const main: RelationSource = { kind: 'table', parts: ['db', 't'] };
const sources = (): RelationSource => main;
const compile = (checks: ValidationCheck[], schema: StructField[] = TABLE) =>
  compileSuite(suite(checks), rel => (rel === 'main' ? schema : TABLE));

function problemsOf(run: () => unknown): { pointer: string; message: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationSuiteError);
    return (error as ValidationSuiteError).problems.map(p => ({
      pointer: p.pointer,
      message: p.message
    }));
  }
  throw new Error('expected the suite to be rejected');
}

describe('fewest scans', () => {
  it('fuses every scalar metric into one aggregation and shares metrics between checks', () => {
    const plan = compile([
      { type: 'rowCount', min: 1 },
      { type: 'completeness', column: 'name' },
      { type: 'completeness', column: 'name', min: 0.5, id: 'again' },
      { type: 'valueRange', column: 'score', min: 0, max: 1 },
      { type: 'pattern', column: 'name', regex: '^a' },
      { type: 'statistic', column: 'score', statistic: 'mean', min: 0 },
      { type: 'statistic', column: 'score', statistic: 'quantile', quantile: 0.5 },
      { type: 'statistic', column: 'score', statistic: 'quantile', quantile: 0.9 },
      { type: 'arrayLength', column: 'tags', max: 10 },
      { type: 'embeddingNorm', column: 'embedding', min: 0.9, max: 1.1 },
      { type: 'mapKeyPresence', column: 'attrs', keys: ['a'] },
      { type: 'freshness', column: 'created', maxLag: '1d' }
    ]);
    expect(plan.queries).toHaveLength(1);
    const [aggregate] = plan.queries;
    expect(aggregate.kind).toBe('aggregate');
    // Both completeness checks read the same two metrics.
    expect(plan.checks[1].value).toEqual(plan.checks[2].value);
    // Two quantiles of one column: one sketch.
    if (aggregate.kind === 'aggregate') {
      expect(aggregate.metrics.filter(m => m.agg.k === 'quantiles')).toHaveLength(1);
    }
    for (const dialect of ['spark', 'duckdb'] as const) {
      expect(renderPlan(plan, dialect, sources).scans).toBe(1);
    }
  });

  it('shares one grouping pass per (key columns, where) between uniqueness-type checks', () => {
    const plan = compile([
      { type: 'uniqueness', columns: ['id'] },
      { type: 'primaryKey', columns: ['id'] },
      { type: 'distinctness', columns: ['id'], min: 0.5 },
      { type: 'uniqueness', columns: ['id', 'user_id'] },
      { type: 'uniqueness', columns: ['id'], where: 'score > 0' }
    ]);
    expect(plan.queries.map(q => q.kind)).toEqual([
      'aggregate',
      'grouping',
      'grouping',
      'grouping'
    ]);
  });

  it('renders higher-order functions for complex types, never explode', () => {
    const plan = compile([
      { type: 'arrayElementRange', column: 'embedding', min: -1, max: 1 },
      { type: 'embeddingNonFinite', column: 'embedding' },
      { type: 'mapValues', column: 'attrs', min: 0 }
    ]);
    const spark = renderPlan(plan, 'spark', sources).queries[0].sql;
    const duck = renderPlan(plan, 'duckdb', sources).queries[0].sql;
    expect(spark).toContain('filter(`embedding`, x ->');
    expect(spark).toContain('map_values(`attrs`)');
    expect(duck).toContain('list_filter("embedding", x ->');
    expect(`${spark} ${duck}`.toLowerCase()).not.toMatch(/explode|unnest|lateral/);
  });

  it('is inspectable as JSON', () => {
    const plan = compile([{ type: 'completeness', column: 'name' }]);
    const json = JSON.parse(JSON.stringify({ plan, spark: renderPlan(plan, 'spark', sources) }));
    expect(json.spark.scans).toBe(1);
    expect(json.plan.checks[0].metric).toBe('completeness(name)');
  });
});

describe('problems before any scan', () => {
  it('reports every missing column and wrong type, with JSON pointers', () => {
    const problems = problemsOf(() =>
      compile([
        { type: 'completeness', column: 'nope' },
        { type: 'valueRange', column: 'name', min: 0 },
        { type: 'pattern', column: 'score', regex: 'x' },
        { type: 'embeddingNorm', column: 'tags', min: 0 },
        { type: 'allowedSet', column: 'score', values: [1, 'two'] },
        { type: 'uniqueness', columns: ['id', 'attrs'] },
        { type: 'statistic', column: 'score', statistic: 'quantile' },
        { type: 'typeConformance', column: 'name', expected: 'bigintt' },
        { type: 'valueRange', column: 'score', min: 2, max: 1 }
      ])
    );
    expect(problems.map(p => p.pointer)).toEqual([
      '/checks/0/column',
      '/checks/1/column',
      '/checks/2/column',
      '/checks/3/column',
      '/checks/4/values/1',
      '/checks/5/columns/1',
      '/checks/6/quantile',
      '/checks/7/expected',
      '/checks/8/min'
    ]);
    expect(problems[0].message).toBe('column "nope" does not exist');
    expect(problems[1].message).toContain('column "name" is string');
  });

  it('resolves columns ignoring case like Spark, and rejects ambiguous ones', () => {
    expect(compile([{ type: 'completeness', column: 'NAME' }]).checks[0].metric).toBe(
      'completeness(name)'
    );
    const problems = problemsOf(() =>
      compile([{ type: 'completeness', column: 'Ab' }], [field('ab', 'int'), field('AB', 'int')])
    );
    expect(problems[0].message).toContain('ambiguous');
  });

  it.each([
    ['score > 0; DROP TABLE t', '";"'],
    ['score > 0 -- and more', 'comments'],
    ['score > 0 /* x */', 'comments'],
    ['score > 0) OR (1 = 1', 'never opened'],
    ["name = 'abc", 'never closed'],
    ["name = 'it\\'s'", 'never closed'],
    ['(score > 0', 'never closed']
  ])('rejects the predicate %j', (where, expected) => {
    const problems = problemsOf(() => compile([{ type: 'rowCount', where }]));
    expect(problems[0].pointer).toBe('/checks/0/where');
    expect(problems[0].message).toContain(expected);
  });

  it('accepts predicates with quotes, parentheses and semicolons inside strings', () => {
    expect(() =>
      compile([
        { type: 'customSql', predicate: "name <> 'a;b -- c' AND (score > 0 OR name = 'it''s')" }
      ])
    ).not.toThrow();
  });
});

/**
 * The structure of a SQL text: every quoted token (string, identifier, in either dialect's
 * rules) replaced by a placeholder. If a value can change the skeleton, it can inject.
 */
function skeleton(sql: string, dialect: 'spark' | 'duckdb'): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const char = sql[i];
    if (char === "'" || char === '"' || char === '`') {
      let j = i + 1;
      for (; j < sql.length; j++) {
        if (dialect === 'spark' && char !== '`' && sql[j] === '\\') {
          j++;
          continue;
        }
        if (sql[j] === char) {
          if (sql[j + 1] === char && (dialect === 'duckdb' || char === '`')) {
            j++;
            continue;
          }
          break;
        }
      }
      if (j >= sql.length) {
        throw new Error(`unterminated quote at ${i}`);
      }
      out += char === "'" ? 'S' : 'I';
      i = j + 1;
      continue;
    }
    out += char;
    i++;
  }
  return out;
}

describe('quoting by construction', () => {
  const hostile = [
    "a'b",
    'a"b',
    'a`b',
    "x'; DROP TABLE t; --",
    'x`) OR 1=1 --',
    'x") OR 1=1 /*',
    'back\\slash\\',
    "tail\\'",
    'line\nbreak\r\ttab',
    'ünï©ødé 🚀 列',
    '*/ -- ;',
    '\u2028\u2029'
  ];

  it.each(hostile)('column names and literals %j cannot change the shape of any query', name => {
    const schema = [
      field(name, 'string'),
      field('plain', 'string'),
      field('v', 'array<double>'),
      field('m', 'map<string,double>')
    ];
    const checks = (column: string, literal: string): ValidationCheck[] => [
      { type: 'completeness', column },
      { type: 'allowedSet', column, values: [literal, 'ok'] },
      { type: 'pattern', column, regex: literal },
      { type: 'uniqueness', columns: [column, 'plain'] },
      { type: 'mapKeyPresence', column: 'm', keys: [literal] },
      { type: 'mapValues', column: 'm', key: literal, min: 0 }
    ];
    const benign = compileSuite(suite(checks('plain', 'ok')), () => [
      ...schema,
      field('plain2', 'string')
    ]);
    const evil = compileSuite(suite(checks(name, name)), () => schema);
    const tables = (parts: string[]) => () => ({ kind: 'table', parts }) as RelationSource;
    for (const dialect of ['spark', 'duckdb'] as const) {
      const a = renderPlan(benign, dialect, tables(['db', 'plain'])).queries.map(q =>
        skeleton(q.sql, dialect)
      );
      const b = renderPlan(evil, dialect, tables(['db', name])).queries.map(q =>
        skeleton(q.sql, dialect)
      );
      expect(b).toEqual(a);
      for (const check of evil.checks) {
        if (check.sample) {
          const sample = renderSample(check.sample, dialect, tables(['db', name]), 5);
          const benignCheck = benign.checks[check.index];
          expect(skeleton(sample, dialect)).toEqual(
            skeleton(
              renderSample(benignCheck.sample!, dialect, tables(['db', 'plain']), 5),
              dialect
            )
          );
        }
      }
      const parquet = renderPlan(evil, dialect, () => ({
        kind: 'parquet',
        paths: [`/tmp/${name}`]
      })).queries[0].sql;
      expect(skeleton(parquet, dialect)).toEqual(
        skeleton(
          renderPlan(benign, dialect, () => ({ kind: 'parquet', paths: ['/tmp/x'] })).queries[0]
            .sql,
          dialect
        )
      );
    }
  });
});

describe('evaluation', () => {
  const values = (rows: Record<string, Record<string, MetricValue>>) =>
    new Map(Object.entries(rows));
  const context = { engine: 'test', scans: 1, startedAt: new Date(0), durationMs: 0 };

  it('passes ratio checks vacuously on an empty table, fails undefined statistics and row counts', () => {
    const plan = compile([
      { type: 'completeness', column: 'name' },
      { type: 'statistic', column: 'score', statistic: 'mean', min: 0 },
      { type: 'rowCount', min: 1, severity: 'warn' }
    ]);
    const q0: Record<string, MetricValue> = {};
    for (const query of plan.queries) {
      if (query.kind === 'aggregate') {
        for (const m of query.metrics) {
          q0[m.id] = m.agg.k === 'countStar' || m.agg.k === 'countIf' ? 0 : null;
        }
      }
    }
    const result = evaluatePlan(plan, values({ q0 }), context);
    expect(result.checks.map(c => [c.status, c.value])).toEqual([
      ['pass', null],
      ['fail', null],
      ['fail', 0]
    ]);
    expect(result.status).toBe('fail');
    expect(result.blocked).toBe(true);
    expect(result.rowCount).toBe(0);
  });

  it('fails a NaN statistic and prints it as "NaN"', () => {
    const plan = compile([{ type: 'statistic', column: 'score', statistic: 'mean', max: 10 }]);
    const result = evaluatePlan(plan, values({ q0: { row_count: 3, m1: Number.NaN } }), context);
    expect(result.checks[0]).toMatchObject({ status: 'fail', value: 'NaN' });
  });

  it('reports warn when only warn-severity checks fail, and never blocks in monitor mode', () => {
    const plan = compileSuite(
      { ...suite([{ type: 'rowCount', min: 5 }]), mode: 'monitor' },
      () => TABLE
    );
    const result = evaluatePlan(plan, values({ q0: { row_count: 3 } }), context);
    expect(result).toMatchObject({ status: 'fail', blocked: false });
    const warn = compile([{ type: 'rowCount', min: 5, severity: 'warn' }]);
    expect(evaluatePlan(warn, values({ q0: { row_count: 3 } }), context).status).toBe('warn');
  });

  it('measures freshness against the given time', () => {
    const plan = compile([{ type: 'freshness', column: 'created', maxLag: '1h' }]);
    const now = Date.UTC(2024, 0, 1, 12);
    const check = (newest: number) =>
      evaluatePlan(plan, values({ q0: { row_count: 1, m1: newest * 1000 } }), {
        ...context,
        nowMicros: now * 1000
      }).checks[0];
    expect(check(now - 30 * 60_000)).toMatchObject({ status: 'pass', value: 1800 });
    expect(check(now - 2 * 3600_000)).toMatchObject({ status: 'fail', value: 7200 });
  });
});

describe('type names', () => {
  it.each([
    ['BIGINT', 'bigint'],
    ['DECIMAL(12,2)', 'decimal(12,2)'],
    ['FLOAT[]', 'array<float>'],
    ['FLOAT[768]', 'array<float>'],
    ['MAP(VARCHAR, DOUBLE)', 'map<string,double>'],
    ['TIMESTAMP WITH TIME ZONE', 'timestamp'],
    ['STRUCT(a INTEGER, "b c" VARCHAR[])', 'struct<a:int,b c:array<string>>'],
    ['VARCHAR[][]', 'array<array<string>>']
  ])('reads DuckDB %s as %s', (duck, spark) => {
    expect(simpleString(parseDuckdbTypeText(duck))).toBe(spark);
  });

  it.each([
    ['long', 'bigint'],
    ['Decimal(5, 1)', 'decimal(5,1)'],
    ['array<map<string,int>>', 'array<map<string,int>>']
  ])('reads Spark %s as %s', (text, expected) => {
    expect(simpleString(parseSparkTypeText(text))).toBe(expected);
  });
});
