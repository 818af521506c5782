import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, TableProfile } from '@featurelab/core/validation';
import { DuckdbEngine } from '../src/validation/duckdb-engine.js';
import { profileTable } from '../src/validation/profile-table.js';
import { runSuite, type RunSuiteOutcome } from '../src/validation/run-suite.js';
import { SparkEngine } from '../src/validation/spark-engine.js';
import { temporaryDirectory } from './helpers.js';
import {
  everyCheckSuite,
  HOSTILE_COLUMN,
  PYTHON,
  SPARK_ENV,
  writeFixtures
} from './validation-fixtures.js';

// One plan, two engines: DuckDB in this process and real local Spark through
// `python -m featurelab.validation`, on the same Parquet files. Needs Python with pyspark and
// Java (scripts/setup.sh); without them the Spark half fails, with the helper's output.

const NOW = new Date('2024-01-01T06:00:00Z');
let dir: { dir: string; cleanup: () => void };
let files: Awaited<ReturnType<typeof writeFixtures>>;
let duck: RunSuiteOutcome;
let spark: RunSuiteOutcome;
let sparkEmpty: RunSuiteOutcome;
let duckEmpty: RunSuiteOutcome;
let duckProfile: TableProfile;
let sparkProfile: TableProfile;
let duckEmptyProfile: TableProfile;
let sparkEmptyProfile: TableProfile;

beforeAll(async () => {
  dir = temporaryDirectory('featurelab-validation-');
  files = await writeFixtures(dir.dir);
  const suite = everyCheckSuite(files.reference);
  const duckdb = await DuckdbEngine.open();
  try {
    duck = await runSuite({ engine: duckdb, suite, data: { parquet: files.data }, now: NOW });
    duckEmpty = await runSuite({ engine: duckdb, suite, data: { parquet: files.empty }, now: NOW });
    duckProfile = await profileTable(duckdb, { parquet: files.data });
    duckEmptyProfile = await profileTable(duckdb, { parquet: files.empty });
  } finally {
    await duckdb.close();
  }
  const engine = SparkEngine.open({ python: PYTHON, env: SPARK_ENV });
  try {
    spark = await runSuite({ engine, suite, data: { parquet: files.data }, now: NOW });
    sparkEmpty = await runSuite({ engine, suite, data: { parquet: files.empty }, now: NOW });
    sparkProfile = await profileTable(engine, { parquet: files.data });
    sparkEmptyProfile = await profileTable(engine, { parquet: files.empty });
  } finally {
    await engine.close();
  }
}, 240_000);

afterAll(() => dir?.cleanup());

const byId = (outcome: RunSuiteOutcome, id: string): CheckResult => {
  const check = outcome.result?.checks.find(c => c.id === id);
  if (!check) {
    throw new Error(`no check ${id}`);
  }
  return check;
};

function close(a: CheckResult['value'], b: CheckResult['value']): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return a === b;
}

describe('DuckDB and Spark run one plan to the same metrics', () => {
  it('agrees on every check: value, status, extras', () => {
    const disagreements = duck.result!.checks.flatMap((d, i) => {
      const s = spark.result!.checks[i];
      const extrasAgree = Object.entries(d.extras ?? {}).every(([k, v]) =>
        close(v, s.extras?.[k] ?? null)
      );
      return close(d.value, s.value) && d.status === s.status && extrasAgree
        ? []
        : [
            `${d.id}: duckdb ${d.value} ${d.status} ${JSON.stringify(d.extras)} / spark ${s.value} ${s.status} ${JSON.stringify(s.extras)}`
          ];
    });
    expect(disagreements).toEqual([]);
    expect(duck.result!.checks.length).toBe(37);
  });

  it('uses the same number of scans: one aggregation, one pass per grouping key, one join', () => {
    expect(duck.rendered.queries.map(q => q.kind)).toEqual([
      'aggregate',
      'grouping',
      'grouping',
      'referential'
    ]);
    expect(spark.rendered.scans).toBe(4);
    expect(duck.result!.scans).toBe(4);
  });

  it('computes known values on the edge-case table', () => {
    expect(byId(duck, '0:rowCount').value).toBe(200);
    // id is null for i % 50 == 0 (4 rows); ids 1..19 occur twice (i and i + 180).
    expect(byId(duck, '6:primaryKey')).toMatchObject({ status: 'fail', value: 4 + 2 * 19 });
    expect(byId(duck, '6:primaryKey').samples?.length).toBe(3);
    // NaN makes the mean NaN: the check fails and says so.
    expect(byId(duck, 'nan-mean')).toMatchObject({ status: 'fail', value: 'NaN' });
    expect(byId(spark, 'nan-mean')).toMatchObject({ status: 'fail', value: 'NaN' });
    // An all-null column: completeness 0, an undefined mean.
    expect(byId(duck, '3:completeness')).toMatchObject({ status: 'fail', value: 0 });
    expect(byId(duck, '25:statistic')).toMatchObject({ status: 'fail', value: null });
    // The 1 MB string fails the length check; its sample is cut.
    const length = byId(duck, '11:length');
    expect(length.value).toBeCloseTo(1 - 1 / (200 - 29), 10);
    expect(byId(duck, '8:valueRange').value).toBeLessThan(1);
    // Freshness against a fixed time: the newest row is at 03:19.
    expect(byId(duck, '14:freshness')).toMatchObject({
      status: 'pass',
      value: 6 * 3600 - 199 * 60
    });
    expect(byId(duck, '13:typeConformance')).toMatchObject({ status: 'pass', value: 1 });
  });

  it('samples failing rows with bounded cells, from both engines', () => {
    for (const outcome of [duck, spark]) {
      const pattern = byId(outcome, '10:pattern');
      expect(pattern.status).toBe('pass');
      const length = byId(outcome, '11:length');
      expect(length.status).toBe('pass');
      const conformance = byId(outcome, '12:typeConformance');
      expect(conformance.status).toBe('pass');
      const pk = byId(outcome, '6:primaryKey');
      expect(pk.samples?.length).toBeLessThanOrEqual(3);
    }
    const huge = JSON.stringify(byId(duck, 'composite'));
    expect(huge.length).toBeLessThan(10_000);
  });

  it('reads a hostile column name literally on both engines', () => {
    for (const outcome of [duck, spark]) {
      expect(byId(outcome, '9:allowedSet').metric).toBe(`in_set(${HOSTILE_COLUMN})`);
      expect(byId(outcome, '9:allowedSet').value).toBeCloseTo(134 / 200, 10);
    }
  });

  it('gives defined results on an empty table', () => {
    for (const outcome of [duckEmpty, sparkEmpty]) {
      const checks = outcome.result!.checks;
      expect(outcome.result!.rowCount).toBe(0);
      expect(byId(outcome, '0:rowCount')).toMatchObject({ status: 'fail', value: 0 });
      expect(byId(outcome, '2:completeness')).toMatchObject({ status: 'pass', value: null });
      expect(byId(outcome, '17:statistic')).toMatchObject({ status: 'fail', value: null });
      expect(checks.every(c => c.message.length > 0)).toBe(true);
    }
    expect(duckEmpty.result!.checks.map(c => [c.status, c.value])).toEqual(
      sparkEmpty.result!.checks.map(c => [c.status, c.value])
    );
  });
});

describe('profiles agree between engines', () => {
  it('profiles every column in two scans with the same exact statistics', () => {
    expect(duckProfile.scans).toBe(2);
    expect(sparkProfile.scans).toBe(2);
    expect(duckProfile.rowCount).toBe(200);
    // Approximate distinct counts come from two different HyperLogLog sketches (Spark's HLL++
    // at 5 % relative error, DuckDB's coarser one): each must be within 25 % of the other.
    const exact = (p: TableProfile) => p.columns.map(c => ({ ...c, approxDistinct: undefined }));
    expect(JSON.parse(JSON.stringify(exact(sparkProfile)))).toEqual(
      JSON.parse(JSON.stringify(exact(duckProfile)))
    );
    duckProfile.columns.forEach((c, i) => {
      const other = sparkProfile.columns[i].approxDistinct;
      if (typeof c.approxDistinct === 'number' && typeof other === 'number') {
        expect(Math.abs(c.approxDistinct - other)).toBeLessThanOrEqual(
          Math.max(2, 0.25 * c.approxDistinct)
        );
      }
    });
  });

  it('reports NaN and infinities apart, histograms over finite values, top values', () => {
    const score = duckProfile.columns.find(c => c.name === 'score')!;
    expect(score).toMatchObject({ nanCount: 1, infiniteCount: 1, min: 0, max: 10 });
    expect(score.histogram).toHaveLength(20);
    expect(score.histogram!.reduce((sum, b) => sum + b.count, 0)).toBe(200 - score.nulls - 2);
    const hostile = duckProfile.columns.find(c => c.name === HOSTILE_COLUMN)!;
    expect(hostile.topValues).toEqual([
      { value: '0', count: 67 },
      { value: '1', count: 67 },
      { value: '2', count: 66 }
    ]);
    const allNull = duckProfile.columns.find(c => c.name === 'all_null')!;
    expect(allNull).toMatchObject({ nulls: 200, nullRatio: 1, min: null, mean: null });
    expect(allNull.histogram).toBeUndefined();
  });

  it('profiles an empty table', () => {
    for (const profile of [duckEmptyProfile, sparkEmptyProfile]) {
      expect(profile.rowCount).toBe(0);
      expect(profile.columns.every(c => c.nulls === 0 && c.nullRatio === null)).toBe(true);
    }
  });
});
