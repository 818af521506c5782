/**
 * validation: Featurelab's compiled validation plan against Deequ and Great Expectations on one
 * local Spark and one generated Parquet table (30 checks), and Featurelab's DuckDB engine
 * against its Spark engine. Run it with scripts/bench-validation.sh, which prepares the bench
 * venv (pyspark, pydeequ, great-expectations) and passes:
 *
 *   node bench/src/benchmarks/validation.ts --python PYTHON [--rows N] [--trials N] [--results DIR]
 *
 * Writes bench/results/validation.json with the harness's statistics and the top-level fields
 * of issue 5: ratio_vs_deequ, ratio_vs_great_expectations, scans, deequ_scans,
 * duckdb_speedup_vs_spark.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import {
  evaluatePlan,
  type MetricValue,
  type SuiteResult,
  type ValidationPlan
} from '../../../core/lib/validation/index.js';
import { machine } from '../lib/environment.ts';
import { type BenchResult, printResult, variant, writeResult } from '../lib/results.ts';
import { median } from '../lib/stats.ts';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..', '..');
const BUNDLE = path.join(root, 'server-ext', 'dist', 'featurelab.mjs');
const SUITE = path.join(root, 'bench', 'fixtures', 'validation', 'suite.yaml');

interface RawResult {
  rows: number;
  columns: number;
  generateSeconds: number;
  versions: Record<string, string>;
  samples: Partial<Record<'featurelab' | 'deequ' | 'great_expectations', number[]>>;
  sparkJobs: Record<string, number>;
  fileScans: Record<string, number | null>;
  errors: Record<string, string>;
  outputs: {
    featurelab?: Record<string, Record<string, unknown>>;
    deequ?: Record<string, unknown>;
  };
}

/** Checks whose Featurelab metric has exactly Deequ's definition, and Deequ's metric key. */
const SAME_DEFINITION: Readonly<Record<string, string>> = {
  c01: 'Size(*)',
  c02: 'Completeness(user_id)',
  c04: 'Completeness(category)',
  c06: 'Completeness(event_time)',
  c07: 'Uniqueness(id)',
  c09: 'Distinctness(user_id)',
  c12: 'Compliance(quantity in range)',
  c13: 'Compliance(category in set)',
  c14: 'PatternMatch(code)',
  c16: 'Mean(amount)',
  c18: 'Minimum(score)',
  c19: 'Maximum(score)',
  c20: 'Sum(price)',
  c26: 'Compliance(embedding dimension)'
};

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string }> {
  return run(process.execPath, [BUNDLE, ...args], { env, maxBuffer: 256 * 1024 * 1024 });
}

function decode(value: unknown): MetricValue {
  if (Array.isArray(value)) {
    return value.map(v => decode(v) as number | null);
  }
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value === 'string') {
    return value === 'NaN' ? Number.NaN : Number(value);
  }
  return typeof value === 'number' ? value : Number(value);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      python: { type: 'string' },
      rows: { type: 'string', default: '1000000' },
      trials: { type: 'string', default: '3' },
      results: { type: 'string' },
      data: { type: 'string' }
    }
  });
  if (values.python === undefined) {
    throw new Error(
      '--python is required: the bench venv Python (run scripts/bench-validation.sh)'
    );
  }
  const rows = Number.parseInt(values.rows, 10);
  const trials = Number.parseInt(values.trials, 10);
  const env = {
    ...process.env,
    PYTHONPATH: [path.join(root, 'kernel-bridge', 'python'), process.env.PYTHONPATH]
      .filter(Boolean)
      .join(path.delimiter),
    SPARK_LOCAL_IP: '127.0.0.1'
  };
  const dataDir = values.data ?? path.join(root, '.cache', 'bench-validation');
  mkdirSync(dataDir, { recursive: true });
  const data = path.join(dataDir, `table-${rows}.parquet`);
  const runner = path.join(here, 'validation-run.py');
  const scratch = mkdtempSync(path.join(tmpdir(), 'featurelab-bench-validation-'));
  try {
    await run(
      values.python,
      [
        runner,
        '--generate-only',
        '--data',
        data,
        '--rows',
        String(rows),
        '--out',
        '-',
        '--plan',
        '-'
      ],
      { env }
    );
    // The Spark plan, compiled by the CLI against the table's schema as Spark reads it.
    const explained = await cli(
      [
        'validate',
        '--suite',
        SUITE,
        '--data',
        data,
        '--engine',
        'spark',
        '--python',
        values.python,
        '--explain',
        '--json'
      ],
      env
    );
    const planFile = path.join(scratch, 'plan.json');
    writeFileSync(planFile, explained.stdout);
    const { plan, rendered } = JSON.parse(explained.stdout) as {
      plan: ValidationPlan;
      rendered: { scans: number };
    };

    // DuckDB: the whole CLI run per trial, timed by the engine (schema, queries, evaluation).
    const duckdbMs: number[] = [];
    let duckdbResult: SuiteResult | undefined;
    for (let trial = -1; trial < trials; trial++) {
      const out = await cli(
        ['validate', '--suite', SUITE, '--data', data, '--engine', 'duckdb', '--json'],
        env
      );
      duckdbResult = JSON.parse(out.stdout) as SuiteResult;
      if (trial >= 0) {
        duckdbMs.push(duckdbResult.durationMs);
      }
    }

    const rawFile = path.join(scratch, 'raw.json');
    const child = run(
      values.python,
      [
        runner,
        '--out',
        rawFile,
        '--data',
        data,
        '--plan',
        planFile,
        '--rows',
        String(rows),
        '--trials',
        String(trials)
      ],
      {
        env,
        maxBuffer: 64 * 1024 * 1024
      }
    );
    child.child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.startsWith('trial ') || line.startsWith('file scans')) {
          process.stderr.write(`${line}\n`);
        }
      }
    });
    await child;
    const raw = JSON.parse(readFileSync(rawFile, 'utf8')) as RawResult;

    // Featurelab's check values from its Spark run, evaluated like the CLI does.
    const metricValues = new Map<string, Record<string, MetricValue>>();
    for (const [query, row] of Object.entries(raw.outputs.featurelab ?? {})) {
      metricValues.set(
        query,
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, decode(v)]))
      );
    }
    const sparkResult = evaluatePlan(plan, metricValues, {
      engine: 'spark',
      scans: rendered.scans,
      startedAt: new Date(),
      durationMs: 0
    });
    const deequ = raw.outputs.deequ ?? {};
    const comparisons = Object.entries(SAME_DEFINITION).map(([id, key]) => {
      const ours = sparkResult.checks.find(c => c.id === id)?.value;
      const theirs = Number(deequ[key]);
      const equal =
        typeof ours === 'number' && Math.abs(ours - theirs) <= 1e-9 * Math.max(1, Math.abs(ours));
      return { check: id, deequMetric: key, featurelab: ours, deequ: theirs, equal };
    });
    const duckdbVsSpark = sparkResult.checks.flatMap((c, i) => {
      const d = duckdbResult?.checks[i]?.value;
      const same =
        typeof c.value === 'number' && typeof d === 'number'
          ? Math.abs(c.value - d) <= 1e-9 * Math.max(1, Math.abs(c.value))
          : c.value === d;
      return same ? [] : [{ check: c.id, spark: c.value, duckdb: d ?? null }];
    });
    const quantile = {
      featurelab: sparkResult.checks.find(c => c.id === 'c21')?.value,
      deequ: Number(deequ['ApproxQuantile-0.5(amount)'] ?? deequ['ApproxQuantile(amount)'])
    };

    const featurelab = raw.samples.featurelab ?? [];
    const ratioVs = (other: number[] | undefined): number | null =>
      other && other.length > 0 && featurelab.length > 0
        ? median(featurelab) / median(other)
        : null;
    const ratioVsDeequ = ratioVs(raw.samples.deequ);
    const ratioVsGe = ratioVs(raw.samples.great_expectations);
    const duckdbSpeedup =
      duckdbMs.length > 0 && featurelab.length > 0 ? median(featurelab) / median(duckdbMs) : null;
    const scans = raw.fileScans.featurelab ?? rendered.scans;
    const deequScans = raw.fileScans.deequ ?? null;

    const variants: BenchResult['variants'] = {};
    const descriptions: Record<string, string> = {
      featurelab: `Featurelab's compiled Spark plan (${rendered.scans} queries: one fused aggregation, one pass per grouping key), run on the shared SparkSession`,
      deequ: `Deequ ${raw.versions.deequ} AnalysisRunner (pydeequ), 32 analyzers for the 30 checks; array checks as Compliance predicates`,
      great_expectations: `Great Expectations ${raw.versions.great_expectations}, Spark dataframe asset, 23 expectations (GX has none for arrays), result_format SUMMARY`,
      duckdb:
        "Featurelab's DuckDB engine in the service process (the CLI run's durationMs: schema, queries, evaluation)"
    };
    for (const name of ['featurelab', 'deequ', 'great_expectations'] as const) {
      const samples = raw.samples[name];
      if (samples !== undefined) {
        variants[name] = variant(descriptions[name], 'ms', samples);
      }
    }
    variants.duckdb = variant(descriptions.duckdb, 'ms', duckdbMs);
    const goalsMet =
      ratioVsDeequ !== null && ratioVsGe !== null && duckdbSpeedup !== null && deequScans !== null
        ? ratioVsDeequ <= 0.8 && ratioVsGe <= 0.2 && duckdbSpeedup >= 10 && scans <= deequScans
        : null;
    const result = {
      name: 'validation',
      description: `30 validation checks on ${rows} rows x ${raw.columns} columns (Parquet, incl. array<string> and array<float>(16)), local Spark ${raw.versions.pyspark}`,
      createdAt: new Date().toISOString(),
      machine: machine(),
      versions: { node: process.version, ...raw.versions } as unknown as BenchResult['versions'],
      featurelabInstalled: true,
      trials,
      warmup: 1,
      ratioDefinition:
        'median(featurelab ms) / median(deequ ms), Spark engine-only times on one SparkSession',
      ratio: ratioVsDeequ ?? Number.NaN,
      goal: {
        maxRatio: 0.8,
        text: 'wall <= 0.8x Deequ, <= 0.2x Great Expectations, scans <= Deequ, DuckDB >= 10x local Spark (issue 5)'
      },
      goalMet: goalsMet,
      variants,
      details: {
        rows,
        generateSeconds: raw.generateSeconds,
        sparkJobs: raw.sparkJobs,
        fileScans: raw.fileScans,
        planQueries: rendered.scans,
        metricsEqualToDeequ: comparisons,
        quantileMedianAmount: quantile,
        duckdbDiffersFromSpark: duckdbVsSpark,
        errors: raw.errors
      },
      notes: [
        'Spark variants run in one SparkSession (local[*]), each trial reading the Parquet file anew; trials rotate which variant goes first; the first run of each is the warm-up and gives the metric values and Spark job counts.',
        "scans / deequ_scans: stages of the variant's Spark jobs that read input bytes (AppStatusStore), i.e. passes over the file.",
        'metricsEqualToDeequ compares the checks whose metric has the same definition in both (Deequ Compliance counts null as failing, Featurelab shares count non-null values, so range checks on nullable columns differ by design and are left out). Quantiles: Featurelab percentile_approx (rank error 1e-4) vs Deequ ApproxQuantile (1e-2).',
        'duckdb_speedup_vs_spark: median Featurelab Spark time / median DuckDB durationMs, the same suite and file.',
        ...Object.entries(raw.errors).map(([name, error]) => `${name} did not run: ${error}`)
      ],
      ratio_vs_deequ: ratioVsDeequ,
      ratio_vs_great_expectations: ratioVsGe,
      scans,
      deequ_scans: deequScans,
      duckdb_speedup_vs_spark: duckdbSpeedup
    };
    const file = await writeResult(
      path.resolve(values.results ?? path.join(here, '..', '..', 'results')),
      result
    );
    printResult(result, file);
    process.stdout.write(
      `  ratio_vs_deequ ${ratioVsDeequ?.toFixed(3)}  ratio_vs_great_expectations ${ratioVsGe?.toFixed(3)}  scans ${scans} (deequ ${deequScans})  duckdb_speedup_vs_spark ${duckdbSpeedup?.toFixed(1)}\n`
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
