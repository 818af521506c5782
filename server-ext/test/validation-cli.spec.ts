import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuiteResult } from '@featurelab/core/validation';
import { copyFileSync, mkdirSync } from 'node:fs';
import { openRegistry } from '../src/registry/open-registry.js';
import { validationHistoryStoreOf } from '../src/validation/history-store.js';
import { BUNDLE, runBundledCli, temporaryDirectory } from './helpers.js';
import { spawnSync } from 'node:child_process';
import { PYTHON, SPARK_ENV, writeFixtures, writeSuiteYaml } from './validation-fixtures.js';

// `featurelab validate` end to end through the bundled CLI (DuckDB loaded from node_modules as
// an external of the bundle; Spark through python -m featurelab.validation).

let dir: { dir: string; cleanup: () => void };
let files: Awaited<ReturnType<typeof writeFixtures>>;
let passing: string;
let failing: string;
let broken: string;

const SUITE_HEAD = `apiVersion: featurelab/v1
kind: ValidationSuite
name: cli
checks:
`;

beforeAll(async () => {
  dir = temporaryDirectory('featurelab-validate-cli-');
  files = await writeFixtures(dir.dir);
  passing = writeSuiteYaml(
    path.join(dir.dir, 'passing.yaml'),
    `${SUITE_HEAD}  - type: rowCount
    min: 1
  - type: completeness
    column: price
  - type: uniqueness
    columns: [id]
    min: 0.5
  - type: referentialIntegrity
    columns: [id]
    reference: { data: reference.parquet, columns: [key] }
    minRatio: 0.5
  - type: primaryKey
    columns: [id]
    severity: warn
`
  );
  failing = writeSuiteYaml(
    path.join(dir.dir, 'failing.yaml'),
    `${SUITE_HEAD}  - type: valueRange
    id: score-range
    column: score
    min: 0
    max: 5
`
  );
  broken = writeSuiteYaml(
    path.join(dir.dir, 'broken.yaml'),
    `${SUITE_HEAD}  - type: completeness
    column: price
  - type: valueRange
    column: nmae
    min: 0
  - type: pattern
    column: price
    regex: "^a"
`
  );
}, 60_000);

afterAll(() => dir?.cleanup());

const validate = (...args: string[]) => runBundledCli(['validate', ...args], { env: SPARK_ENV });

describe('featurelab validate (bundled CLI)', () => {
  it('passes with warnings only, as JSON, and exits 0', async () => {
    const run = await validate(
      '--suite',
      passing,
      '--data',
      files.data,
      '--engine',
      'duckdb',
      '--json'
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as SuiteResult;
    expect(result).toMatchObject({
      suite: 'cli',
      engine: 'duckdb',
      status: 'warn',
      scans: 3,
      rowCount: 200
    });
    expect(result.checks.map(c => c.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'fail']);
    expect(result.checks[4].samples?.length).toBeGreaterThan(0);
  });

  it('exits 1 when a blocking check fails, with failing rows and metric, value, threshold', async () => {
    const run = await validate('--suite', failing, '--data', files.data, '--json');
    expect(run.code, run.stderr).toBe(1);
    const check = (JSON.parse(run.stdout) as SuiteResult).checks[0];
    expect(check).toMatchObject({
      id: 'score-range',
      status: 'fail',
      severity: 'block',
      metric: 'in_range(score)',
      threshold: { min: 1 }
    });
    expect(typeof check.value).toBe('number');
    expect(check.samples?.length).toBe(10);
    const text = await validate('--suite', failing, '--data', files.data);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('FAIL  score-range: in_range(score) = ');
  });

  it('fails before any scan on a missing column or a wrong type, at file:line:col', async () => {
    const run = await validate('--suite', broken, '--data', files.data);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(
      'broken.yaml:8:13: column "nmae" does not exist (at /checks/1/column)'
    );
    expect(run.stderr).toContain(
      'broken.yaml:11:13: pattern needs a string, but column "price" is decimal(12,2) (at /checks/2/column)'
    );
    const json = await validate('--suite', broken, '--data', files.data, '--json');
    expect(JSON.parse(json.stdout).error.problems).toHaveLength(2);
  });

  it('reports schema problems of the suite file with positions', async () => {
    const bad = writeSuiteYaml(
      path.join(dir.dir, 'bad.yaml'),
      `${SUITE_HEAD}  - type: completeness\n    colum: price\n`
    );
    const run = await validate('--suite', bad, '--data', files.data);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/bad\.yaml:6:5: .*colum/);
  });

  it('explains the plan without running it', async () => {
    const run = await validate('--suite', passing, '--data', files.data, '--explain');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('3 scan(s) in duckdb SQL');
    expect(run.stdout).toContain('-- q0: ');
  });

  it('runs the same suite on Spark', async () => {
    const run = await validate(
      '--suite',
      passing,
      '--data',
      files.data,
      '--engine',
      'spark',
      '--python',
      PYTHON,
      '--json'
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as SuiteResult;
    expect(result).toMatchObject({ engine: 'spark', status: 'warn', scans: 3, rowCount: 200 });
  }, 120_000);

  it('profiles a table as JSON and as text', async () => {
    const run = await runBundledCli([
      'profile',
      '--data',
      files.data,
      '--columns',
      'score,name',
      '--json'
    ]);
    expect(run.code, run.stderr).toBe(0);
    const profile = JSON.parse(run.stdout) as {
      rowCount: number;
      scans: number;
      columns: { name: string }[];
    };
    expect(profile).toMatchObject({ rowCount: 200, scans: 2 });
    expect(profile.columns.map(c => c.name)).toEqual(['name', 'score']);
    const text = await runBundledCli(['profile', '--data', files.data]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('200 rows, 11 columns (duckdb, 2 scans)');
  });

  it('records results and metric history in the registry', async () => {
    const workspace = path.join(dir.dir, 'workspace');
    mkdirSync(workspace, { recursive: true });
    for (const partition of ['ds=1', 'ds=2']) {
      const run = await validate(
        '--suite',
        passing,
        '--data',
        files.data,
        '--record',
        '--workspace',
        workspace,
        '--feature-group',
        'items',
        '--partition',
        partition,
        '--user',
        'ana'
      );
      expect(run.code, run.stderr).toBe(0);
    }
    const registry = await openRegistry({
      kind: 'sqlite',
      path: path.join(workspace, '.featurelab', 'registry.db')
    });
    try {
      const points = await validationHistoryStoreOf(registry).history({
        suite: 'cli',
        featureGroup: 'items',
        checkId: '0:rowCount'
      });
      expect(points.map(p => [p.partition, p.value, p.status])).toEqual([
        ['ds=2', 200, 'pass'],
        ['ds=1', 200, 'pass']
      ]);
      expect(new Set(points.map(p => p.suiteHash)).size).toBe(1);
      const all = await validationHistoryStoreOf(registry).history({ suite: 'cli' });
      expect(all).toHaveLength(10);
    } finally {
      await registry.close();
    }
  });

  it('says DuckDB is not available where the bundle runs without node_modules (the wheel)', () => {
    const alone = path.join(dir.dir, 'alone', 'featurelab.mjs');
    mkdirSync(path.dirname(alone), { recursive: true });
    copyFileSync(BUNDLE, alone);
    const run = spawnSync(
      process.execPath,
      [alone, 'validate', '--suite', passing, '--data', files.data, '--engine', 'duckdb'],
      {
        encoding: 'utf8',
        cwd: path.dirname(alone)
      }
    );
    expect(run.status).toBe(5);
    expect(run.stderr).toContain('the DuckDB engine is not available in this installation');
    expect(run.stderr).toContain('Use --engine spark');
  });

  it('refuses an unknown engine as a usage error', async () => {
    const run = await validate('--suite', passing, '--data', files.data, '--engine', 'sqlite');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown engine "sqlite"');
  });
});
