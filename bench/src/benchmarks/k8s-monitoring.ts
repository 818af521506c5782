/**
 * How fast a change of a tracked Kubernetes Job reaches the service: the Kubernetes backend's
 * watch (server-ext ResourceWatch: list + watch, informer semantics) against its anchor, a
 * fixed-interval poll that lists the same Jobs every second, side by side on the same control
 * plane in the same run. Each monitor runs in its own process (this file with --monitor), so
 * its CPU time and memory are its own.
 *
 * The tracked Jobs are created suspended (no pods; the cluster only stores them). The bench
 * then changes one Job at a time (a merge patch of an annotation, the same watch event path
 * a status change takes) and records, per change, when each monitor first saw it.
 *
 *   scripts/bench-k8s.sh [--jobs 1000] [--changes 300] [--poll-ms 1000]
 *
 * Needs KUBECONFIG (a control plane from scripts/k8s.sh) and the compiled service
 * (server-ext/lib; `npx tsc -b core server-ext`).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import path from 'node:path';
import {
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  Watch,
  setHeaderOptions
} from '@kubernetes/client-node';
import type { V1Job } from '@kubernetes/client-node';
import { ResourceWatch } from '../../../server-ext/lib/jobs/kubernetes/resource-watch.js';
import { Logger } from '../../../server-ext/lib/logger.js';
import { machine } from '../lib/environment.ts';
import { printResult, variant, writeResult, type BenchResult } from '../lib/results.ts';
import { quantile } from '../lib/stats.ts';

const SEQ = 'featurelab.dev/bench-seq';
const LABEL = 'featurelab.dev/bench';

function kubeConfig(): KubeConfig {
  const config = new KubeConfig();
  config.loadFromFile(process.env.KUBECONFIG ?? '');
  return config;
}

/** A monitor process: prints `seen <job> <seq> <epoch ms>` per first sighting; `stats` at exit. */
async function monitor(kind: 'watch' | 'poll', namespace: string, pollMs: number): Promise<void> {
  const config = kubeConfig();
  const batch = config.makeApiClient(BatchV1Api);
  const seen = new Map<string, string>();
  const labelSelector = `${LABEL}=true`;
  const report = (job: V1Job): void => {
    const name = job.metadata?.name ?? '';
    const seq = job.metadata?.annotations?.[SEQ];
    if (seq !== undefined && seen.get(name) !== seq) {
      seen.set(name, seq);
      process.stdout.write(`seen ${name} ${seq} ${Date.now()}\n`);
    }
  };
  let stop: () => void;
  if (kind === 'watch') {
    const watcher = new Watch(config);
    const watch = new ResourceWatch<V1Job>({
      what: 'bench jobs',
      list: () => batch.listNamespacedJob({ namespace, labelSelector }),
      watch: (resourceVersion, onEvent, onDone) =>
        watcher.watch(
          `/apis/batch/v1/namespaces/${namespace}/jobs`,
          { labelSelector, resourceVersion, allowWatchBookmarks: true },
          onEvent,
          onDone
        ),
      logger: new Logger({ level: 'error', sink: line => process.stderr.write(line) }),
      onChange: report
    });
    watch.start();
    await watch.whenSynced();
    stop = () => watch.stop();
  } else {
    let running = true;
    const loop = async (): Promise<void> => {
      while (running) {
        const started = Date.now();
        const list = await batch.listNamespacedJob({ namespace, labelSelector });
        list.items.forEach(report);
        await new Promise(resolve =>
          setTimeout(resolve, Math.max(0, pollMs - (Date.now() - started)))
        );
      }
    };
    await batch
      .listNamespacedJob({ namespace, labelSelector })
      .then(list => list.items.forEach(report));
    void loop();
    stop = () => {
      running = false;
    };
  }
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'stop') {
      break;
    }
  }
  stop();
  const cpu = process.cpuUsage();
  process.stdout.write(
    `stats ${(cpu.user + cpu.system) / 1000} ${process.resourceUsage().maxRSS * 1024}\n`
  );
  process.exit(0);
}

interface MonitorProcess {
  readonly sightings: Map<string, number>;
  readonly ready: Promise<void>;
  finish(): Promise<{ cpuMs: number; maxRssBytes: number }>;
}

function startMonitor(kind: 'watch' | 'poll', namespace: string, pollMs: number): MonitorProcess {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      self,
      '--monitor',
      kind,
      '--namespace',
      namespace,
      '--poll-ms',
      String(pollMs)
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] }
  );
  const sightings = new Map<string, number>();
  let markReady: () => void = () => undefined;
  let stats: (value: { cpuMs: number; maxRssBytes: number }) => void = () => undefined;
  const ready = new Promise<void>(resolve => (markReady = resolve));
  const done = new Promise<{ cpuMs: number; maxRssBytes: number }>(resolve => (stats = resolve));
  createInterface({ input: child.stdout }).on('line', line => {
    const [word, a, b, c] = line.split(' ');
    if (word === 'ready') {
      markReady();
    } else if (word === 'seen') {
      sightings.set(`${a}/${b}`, Number(c));
    } else if (word === 'stats') {
      stats({ cpuMs: Number(a), maxRssBytes: Number(b) });
    }
  });
  return {
    sightings,
    ready,
    finish: () => {
      child.stdin.write('stop\n');
      return done;
    }
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      monitor: { type: 'string' },
      namespace: { type: 'string' },
      jobs: { type: 'string', default: '1000' },
      changes: { type: 'string', default: '300' },
      'poll-ms': { type: 'string', default: '1000' },
      'interval-ms': { type: 'string', default: '50' },
      results: { type: 'string' }
    }
  });
  const pollMs = Number(values['poll-ms']);
  if (values.monitor === 'watch' || values.monitor === 'poll') {
    await monitor(values.monitor, values.namespace ?? '', pollMs);
    return;
  }
  if (!process.env.KUBECONFIG) {
    throw new Error('KUBECONFIG is not set: run scripts/bench-k8s.sh (it starts a control plane)');
  }
  const jobs = Number(values.jobs);
  const changes = Number(values.changes);
  const intervalMs = Number(values['interval-ms']);
  const config = kubeConfig();
  const batch = config.makeApiClient(BatchV1Api);
  const core = config.makeApiClient(CoreV1Api);
  const namespace = `fl-bench-${randomBytes(3).toString('hex')}`;
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  try {
    const names = Array.from({ length: jobs }, (_, i) => `tracked-${i}`);
    for (let i = 0; i < names.length; i += 50) {
      await Promise.all(
        names.slice(i, i + 50).map(name =>
          batch.createNamespacedJob({
            namespace,
            body: {
              metadata: { name, labels: { [LABEL]: 'true' }, annotations: { [SEQ]: '0' } },
              spec: {
                suspend: true,
                template: {
                  spec: {
                    restartPolicy: 'Never',
                    containers: [{ name: 'trainer', image: 'bench' }]
                  }
                }
              }
            }
          })
        )
      );
    }
    const watch = startMonitor('watch', namespace, pollMs);
    const poll = startMonitor('poll', namespace, pollMs);
    await Promise.all([watch.ready, poll.ready]);
    const changedAt = new Map<string, number>();
    for (let seq = 1; seq <= changes; seq += 1) {
      const name = names[Math.floor(Math.random() * names.length)];
      const started = Date.now();
      await batch.patchNamespacedJob(
        { namespace, name, body: { metadata: { annotations: { [SEQ]: String(seq) } } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch)
      );
      changedAt.set(`${name}/${seq}`, started);
      await new Promise(resolve => setTimeout(resolve, intervalMs));
    }
    // Let the slower monitor catch up with the last changes.
    await new Promise(resolve => setTimeout(resolve, pollMs * 2 + 1000));
    const [watchStats, pollStats] = await Promise.all([watch.finish(), poll.finish()]);
    const latencies = (sightings: Map<string, number>): { values: number[]; missed: number } => {
      const found: number[] = [];
      let missed = 0;
      for (const [key, at] of changedAt) {
        const seen = sightings.get(key);
        // A later change of the same Job may hide this one from a poll: counted as missed.
        if (seen === undefined) {
          missed += 1;
        } else {
          found.push(seen - at);
        }
      }
      return { values: found, missed };
    };
    const watched = latencies(watch.sightings);
    const polled = latencies(poll.sightings);
    const p95 = (values: number[]): number =>
      quantile(
        [...values].sort((a, b) => a - b),
        0.95
      );
    const watchP95 = p95(watched.values);
    const pollP95 = p95(polled.values);
    const result: BenchResult & { status_latency_p95_ms: number } = {
      name: 'k8s-monitoring',
      description: `change of one of ${jobs} tracked Kubernetes Jobs -> seen by the service: watch (ResourceWatch) vs listing every ${pollMs} ms`,
      createdAt: new Date().toISOString(),
      machine: machine(),
      versions: { node: process.version } as BenchResult['versions'],
      featurelabInstalled: true,
      trials: changes,
      warmup: 0,
      ratioDefinition:
        'p95 latency of the watch / p95 latency of fixed-interval polling (lower is better)',
      ratio: watchP95 / pollP95,
      goal: { maxRatio: 1, text: 'watch p95 <= polling p95, and status_latency_p95_ms <= 1000' },
      goalMet: watchP95 <= pollP95 && watchP95 <= 1000,
      status_latency_p95_ms: Math.round(watchP95 * 10) / 10,
      variants: {
        watch: variant(
          'watch: list once, then watch events (informer semantics)',
          'ms',
          watched.values
        ),
        poll: variant(`poll: list all tracked Jobs every ${pollMs} ms`, 'ms', polled.values)
      },
      details: {
        trackedJobs: jobs,
        changes,
        changeIntervalMs: intervalMs,
        p95Ms: { watch: watchP95, poll: pollP95 },
        missed: { watch: watched.missed, poll: polled.missed },
        cpuMs: { watch: watchStats.cpuMs, poll: pollStats.cpuMs },
        maxRssBytes: { watch: watchStats.maxRssBytes, poll: pollStats.maxRssBytes }
      },
      notes: [
        'A change is a merge patch of an annotation of a suspended Job: it reaches a watcher as the same MODIFIED event a status change does, without pods.',
        'CPU and memory are of each monitor process (list/watch client only), measured over the same period.'
      ]
    };
    const dir = path.resolve(
      values.results ??
        path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'results')
    );
    const file = await writeResult(dir, result);
    printResult(result, file);
  } finally {
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  }
}

main().then(
  () => undefined,
  (error: unknown) => {
    process.stderr.write(
      `k8s-monitoring: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
    );
    process.exitCode = 1;
  }
);
