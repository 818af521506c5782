/**
 * Job monitoring on the Livy backend, against a real Apache Livy (scripts/livy.sh), side by
 * side with its anchors in one run:
 *
 * - submit overhead: `jobs.service.submit` until the run holds Livy's batch id, vs a raw
 *   `POST /batches` of the same file (the anchor), trials alternating which goes first. Each
 *   batch is deleted at once, so Spark does not pile up on the machine.
 * - status latency: a batch ends on Livy; an observer polling Livy every 10 ms sees it (the
 *   anchor), and the job service reports the run finished (polled every 10 ms). The latency is
 *   the difference, one sample per batch.
 *
 *   scripts/bench-jobs.sh [--trials N] [--batches N]
 *
 * Uses the compiled service (server-ext/lib; the script builds it first).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveConfig } from '../../../server-ext/lib/config/service-config.js';
import { createJobRuntime } from '../../../server-ext/lib/jobs/job-runtime.js';
import { DEFAULT_JOB_SETTINGS } from '../../../server-ext/lib/jobs/job-settings.js';
import { LivyClient } from '../../../server-ext/lib/jobs/livy/livy-client.js';
import { SqliteJobStore } from '../../../server-ext/lib/jobs/sqlite-job-store.js';
import { Logger } from '../../../server-ext/lib/logger.js';
import { SqliteRegistry } from '../../../server-ext/lib/registry/sqlite-registry.js';
import { machine } from '../lib/environment.ts';
import { printResult, variant, writeResult, type BenchResult } from '../lib/results.ts';
import { median, quantile } from '../lib/stats.ts';

const POLL_MS = 10;
const SPARK_CONF = { 'spark.ui.enabled': 'false', 'spark.driver.memory': '512m' };

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`gave up after ${timeoutMs} ms`);
    }
    await sleep(POLL_MS);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      trials: { type: 'string', default: '10' },
      batches: { type: 'string', default: '6' },
      results: { type: 'string' }
    }
  });
  const trials = Number.parseInt(values.trials, 10);
  const batches = Number.parseInt(values.batches, 10);
  const url = process.env.FEATURELAB_TEST_LIVY_URL;
  const root = process.env.FEATURELAB_TEST_LIVY_ROOT;
  if (!url || !root) {
    throw new Error(
      'FEATURELAB_TEST_LIVY_URL/ROOT are not set; run scripts/bench-jobs.sh (it starts Livy)'
    );
  }
  const workspace = mkdtempSync(path.join(root, 'bench-'));
  const registry = SqliteRegistry.open({
    path: path.join(workspace, '.featurelab', 'registry.db')
  });
  const runtime = createJobRuntime({
    config: resolveConfig({ jobs: { kind: 'livy', url, conf: SPARK_CONF } }, workspace, {
      kind: 'defaults',
      path: ''
    }),
    settings: { ...DEFAULT_JOB_SETTINGS, concurrency: 4 },
    store: new SqliteJobStore(registry, false),
    logger: new Logger({ level: 'error', sink: () => undefined }),
    confineCodeToWorkspace: true
  });
  runtime.scheduler.start();
  const livy = new LivyClient({ url, timeoutMs: 10_000, maxBackoffMs: 1000, requestedBy: 'bench' });
  const noop = path.join(workspace, 'noop.py');
  writeFileSync(noop, 'print("noop")\n');
  const sleeper = path.join(workspace, 'short.py');
  writeFileSync(sleeper, 'import time\ntime.sleep(1)\nprint("done")\n');

  const raw = async (): Promise<number> => {
    const started = performance.now();
    const batch = await livy.createBatch({ file: noop, conf: SPARK_CONF });
    const elapsed = performance.now() - started;
    await livy.deleteBatch(batch.id);
    return elapsed;
  };
  const viaService = async (): Promise<number> => {
    const started = performance.now();
    const { job } = await runtime.service.submit('bench', {
      kind: 'spark-batch',
      code: { type: 'file', path: 'noop.py' }
    });
    const handle = await until(async () => {
      const view = await runtime.service.get('bench', job.id);
      return view.latestRun.handle;
    }, 60_000);
    const elapsed = performance.now() - started;
    if (handle.backend === 'livy') {
      await livy.deleteBatch(handle.id);
    }
    await runtime.service.cancel('bench', job.id).catch(() => undefined);
    return elapsed;
  };

  try {
    // Warm-up: first connections, module paths, SQLite pages.
    await raw();
    await viaService();
    const rawSamples: number[] = [];
    const serviceSamples: number[] = [];
    for (let index = 0; index < trials; index += 1) {
      const order = index % 2 === 0 ? [raw, viaService] : [viaService, raw];
      for (const step of order) {
        (step === raw ? rawSamples : serviceSamples).push(await step());
      }
    }

    // Status latency, one batch at a time so the observers are not starved of CPU by Spark.
    const latencies: number[] = [];
    for (let index = 0; index < batches; index += 1) {
      const { job } = await runtime.service.submit('bench', {
        kind: 'spark-batch',
        code: { type: 'file', path: 'short.py' }
      });
      const handle = await until(async () => {
        const view = await runtime.service.get('bench', job.id);
        return view.latestRun.handle;
      }, 60_000);
      if (handle.backend !== 'livy') {
        throw new Error('not a Livy run');
      }
      const livySaw = until(async () => {
        const batch = await livy.getBatch(handle.id);
        return batch?.state === 'success' || batch?.state === 'dead'
          ? performance.now()
          : undefined;
      }, 300_000);
      const serviceSaw = until(async () => {
        const view = await runtime.service.get('bench', job.id);
        return ['succeeded', 'failed'].includes(view.state) ? performance.now() : undefined;
      }, 300_000);
      const [livyAt, serviceAt] = await Promise.all([livySaw, serviceSaw]);
      latencies.push(serviceAt - livyAt);
    }

    const overhead = median(serviceSamples) - median(rawSamples);
    const sorted = [...latencies].sort((a, b) => a - b);
    const p95 = quantile(sorted, 0.95);
    const result: BenchResult & { status_latency_p95_ms: number; submit_overhead_ms: number } = {
      name: 'job-monitoring',
      description: `Livy backend on Apache Livy 0.7.1 (pip pyspark, 127.0.0.1): submission vs a raw POST /batches; batch end on Livy -> job service reports it (pollIntervalMs ${DEFAULT_JOB_SETTINGS.pollIntervalMs})`,
      createdAt: new Date().toISOString(),
      machine: machine(),
      versions: { node: process.version } as BenchResult['versions'],
      featurelabInstalled: true,
      trials,
      warmup: 1,
      ratioDefinition: 'median(submit via the job service ms) / median(raw POST /batches ms)',
      ratio: median(serviceSamples) / median(rawSamples),
      goal: null,
      goalMet: null,
      status_latency_p95_ms: Math.round(p95),
      submit_overhead_ms: Math.round(overhead * 10) / 10,
      variants: {
        raw: variant('raw POST /batches (axios, same file)', 'ms', rawSamples),
        service: variant(
          'jobs.service.submit until the run holds the Livy batch id',
          'ms',
          serviceSamples
        ),
        statusLatency: variant(
          'batch ended on Livy (10 ms observer) -> job service reports the run ended',
          'ms',
          latencies
        )
      },
      details: {
        submitOverheadGoalMs: 50,
        statusLatencyGoalMs: 1000,
        statusLatencyP95Ms: p95
      },
      notes: [
        'submit_overhead_ms = median(service) - median(raw). The service path includes validation, the SQLite job store transactions, the scheduler pass and writing the run folder.',
        'Status latency is dominated by the scheduler poll interval (500 ms by default): each pass lists the batches once and copies the logs that changed.',
        'Tracking 200 running jobs (CPU, memory, latency) vs naive polling: bench/results/job-tracking.json (fake Livy).'
      ]
    };
    const here = path.dirname(fileURLToPath(import.meta.url));
    const file = await writeResult(
      path.resolve(values.results ?? path.join(here, '..', '..', 'results')),
      result
    );
    printResult(result, file);
    process.stdout.write(
      `  status_latency_p95_ms ${result.status_latency_p95_ms}, submit_overhead_ms ${result.submit_overhead_ms}\n`
    );
  } finally {
    await runtime.scheduler.stop();
    registry.close();
    rmSync(workspace, { recursive: true, force: true });
  }
}

await main();
