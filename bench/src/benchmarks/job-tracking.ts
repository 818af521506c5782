/**
 * Tracking 200 running Livy jobs: service CPU and memory, and how soon a batch that ends is
 * reported, next to naive fixed-interval polling (every batch's state fetched every poll
 * interval by a plain loop, nothing else) in the same run. Both talk to the same contract-level
 * fake Livy in this process (server-ext/test/livy-fake.ts): 200 real Spark batches do not fit a
 * 2-core machine. CPU is the process's (so it includes the fake's answers in both variants).
 *
 *   node bench/src/benchmarks/job-tracking.ts [--jobs 200] [--seconds 15] [--flips 20]
 *
 * Uses the compiled service (server-ext/lib; `npx tsc -b core server-ext` first).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveConfig } from '../../../server-ext/lib/config/service-config.js';
import { createJobRuntime } from '../../../server-ext/lib/jobs/job-runtime.js';
import { DEFAULT_JOB_SETTINGS } from '../../../server-ext/lib/jobs/job-settings.js';
import { LivyClient } from '../../../server-ext/lib/jobs/livy/livy-client.js';
import { SqliteJobStore } from '../../../server-ext/lib/jobs/sqlite-job-store.js';
import { Logger } from '../../../server-ext/lib/logger.js';
import { SqliteRegistry } from '../../../server-ext/lib/registry/sqlite-registry.js';
import { FakeLivy } from '../../../server-ext/test/livy-fake.ts';
import { machine } from '../lib/environment.ts';
import { printResult, variant, writeResult, type BenchResult } from '../lib/results.ts';
import { median, quantile } from '../lib/stats.ts';

const POLL_MS = DEFAULT_JOB_SETTINGS.pollIntervalMs;

/** CPU milliseconds of this process per wall second over `seconds`. */
async function cpuPerSecond(seconds: number): Promise<number> {
  const before = process.cpuUsage();
  const started = performance.now();
  await sleep(seconds * 1000);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      jobs: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '15' },
      flips: { type: 'string', default: '20' },
      results: { type: 'string' }
    }
  });
  const jobs = Number.parseInt(values.jobs, 10);
  const seconds = Number.parseInt(values.seconds, 10);
  const flips = Number.parseInt(values.flips, 10);
  const livy = new FakeLivy();
  await livy.start();
  const workspace = mkdtempSync(path.join(tmpdir(), 'featurelab-bench-tracking-'));
  try {
    // Anchor: naive polling of every batch's state, nothing else.
    const client = new LivyClient({
      url: livy.url,
      timeoutMs: 10_000,
      maxBackoffMs: 1000,
      requestedBy: 'bench'
    });
    for (let index = 0; index < jobs; index += 1) {
      await client.createBatch({ file: '/bench/main.py', name: `naive-${index}` });
    }
    let polling = true;
    const naive = (async () => {
      while (polling) {
        const started = performance.now();
        await Promise.all([...livy.batches.keys()].map(id => client.getBatch(id)));
        await sleep(Math.max(0, POLL_MS - (performance.now() - started)));
      }
    })();
    const naiveCpu = await cpuPerSecond(seconds);
    polling = false;
    await naive;
    livy.forget();

    // The job service tracking the same number of running batches.
    const rssBefore = process.memoryUsage().rss;
    const registry = SqliteRegistry.open({
      path: path.join(workspace, '.featurelab', 'registry.db')
    });
    const runtime = createJobRuntime({
      config: resolveConfig({ jobs: { kind: 'livy', url: livy.url } }, workspace, {
        kind: 'defaults',
        path: ''
      }),
      settings: { ...DEFAULT_JOB_SETTINGS, concurrency: jobs },
      store: new SqliteJobStore(registry, false),
      logger: new Logger({ level: 'error', sink: () => undefined }),
      confineCodeToWorkspace: true
    });
    runtime.scheduler.start();
    try {
      const ids: string[] = [];
      for (let index = 0; index < jobs; index += 1) {
        const { job } = await runtime.service.submit('bench', {
          kind: 'spark-batch',
          name: `tracked-${index}`,
          code: { type: 'inline', source: 'print(1)\n' }
        });
        ids.push(job.id);
      }
      while (livy.batches.size < jobs) {
        await sleep(50);
      }
      await sleep(2 * POLL_MS);
      const serviceCpu = await cpuPerSecond(seconds);
      const rssTracking = process.memoryUsage().rss - rssBefore;

      // Batches end one at a time at random moments; how soon does the service say so?
      const latencies: number[] = [];
      for (let flip = 0; flip < flips; flip += 1) {
        await sleep(Math.random() * POLL_MS);
        const id = ids[flip];
        const runId =
          id === undefined ? undefined : (await runtime.service.get('bench', id)).latestRun.id;
        const batch = [...livy.batches.values()].find(b => b.name === `featurelab-${runId}`);
        if (!batch || id === undefined) {
          throw new Error(`the batch of job ${flip} is missing`);
        }
        batch.state = 'success';
        const flipped = performance.now();
        for (;;) {
          const view = await runtime.service.get('bench', id);
          if (view.state === 'succeeded') {
            latencies.push(performance.now() - flipped);
            break;
          }
          await sleep(5);
        }
      }
      const p95 = quantile(
        [...latencies].sort((a, b) => a - b),
        0.95
      );
      const result: BenchResult = {
        name: 'job-tracking',
        description: `${jobs} running Livy batches tracked by the job service vs naive polling of each batch every ${POLL_MS} ms (fake Livy in-process)`,
        createdAt: new Date().toISOString(),
        machine: machine(),
        versions: { node: process.version } as BenchResult['versions'],
        featurelabInstalled: true,
        trials: 1,
        warmup: 0,
        ratioDefinition: 'service CPU ms/s / naive polling CPU ms/s',
        ratio: serviceCpu / naiveCpu,
        goal: null,
        goalMet: null,
        variants: {
          naiveCpu: variant('naive polling, CPU ms per second', 'ms/s', [naiveCpu]),
          serviceCpu: variant('job service tracking, CPU ms per second', 'ms/s', [serviceCpu]),
          statusLatency: variant(
            'batch state changed on Livy -> jobs.get reports the run ended',
            'ms',
            latencies
          )
        },
        details: {
          jobs,
          seconds,
          statusLatencyP95Ms: p95,
          statusLatencyMedianMs: median(latencies),
          serviceRssDeltaMb: rssTracking / 1024 / 1024
        },
        notes: [
          'Each scheduler pass lists the batches once (GET /batches) and fetches the log only of batches whose last lines changed; naive polling GETs every batch every interval.',
          'CPU is the whole process, fake Livy included, in both variants.'
        ]
      };
      const here = path.dirname(fileURLToPath(import.meta.url));
      const file = await writeResult(
        path.resolve(values.results ?? path.join(here, '..', '..', 'results')),
        result
      );
      printResult(result, file);
    } finally {
      await runtime.scheduler.stop();
      registry.close();
    }
  } finally {
    await livy.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
}

await main();
