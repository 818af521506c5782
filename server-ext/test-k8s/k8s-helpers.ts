import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { JobSpec, KubernetesJobsConfig, TrainingSettings } from '@featurelab/core';
import { BatchV1Api, CoreV1Api, KubeConfig, type V1Job, type V1Pod } from '@kubernetes/client-node';
import { resolveConfig } from '../src/config/service-config.js';
import { createJobRuntime, type JobRuntime } from '../src/jobs/job-runtime.js';
import type { ResolvedJobSettings } from '../src/jobs/job-settings.js';
import type { JobDetails } from '../src/jobs/job-view.js';
import type { KubernetesJobBackend } from '../src/jobs/kubernetes/kubernetes-backend.js';
import { LABEL_RUN_ID } from '../src/jobs/kubernetes/manifests.js';
import { SqliteJobStore } from '../src/jobs/sqlite-job-store.js';
import { SqliteRegistry } from '../src/registry/sqlite-registry.js';
import { memoryLogger } from '../test/helpers.js';
import { TEST_SETTINGS } from '../test/jobs-helpers.js';

export const IMAGE = 'registry.example.com/ml/torch:2.5';
/** kwok's fake GPU nodes are tainted; jobs meant for them tolerate it, as on real GPU pools. */
export const KWOK_TOLERATION = { key: 'kwok.x-k8s.io/node', operator: 'Exists' as const };

const execFileAsync = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export function kubeConfig(): KubeConfig {
  const config = new KubeConfig();
  config.loadFromFile(process.env.KUBECONFIG ?? '');
  return config;
}

/** Clients for the tests' own look at the cluster (never used by the code under test). */
export interface Cluster {
  readonly core: CoreV1Api;
  readonly batch: BatchV1Api;
}

export function cluster(): Cluster {
  const config = kubeConfig();
  return { core: config.makeApiClient(CoreV1Api), batch: config.makeApiClient(BatchV1Api) };
}

/** A fresh namespace, ready for pods (its default service account exists). */
export async function createNamespace(k8s: Cluster): Promise<string> {
  const name = `fl-test-${randomBytes(3).toString('hex')}`;
  await k8s.core.createNamespace({ body: { metadata: { name } } });
  for (let i = 0; i < 200; i += 1) {
    try {
      await k8s.core.readNamespacedServiceAccount({ namespace: name, name: 'default' });
      return name;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`the default service account of ${name} was never created`);
}

export async function deleteNamespace(k8s: Cluster, name: string): Promise<void> {
  await k8s.core.deleteNamespace({ name }).catch(() => undefined);
}

export function jobsConfig(
  namespace: string,
  extra: Partial<KubernetesJobsConfig> = {}
): KubernetesJobsConfig {
  return {
    kind: 'kubernetes',
    namespace,
    kubeconfig: process.env.KUBECONFIG ?? '',
    images: ['registry.example.com/ml/*'],
    caps: { default: { gpus: 16, pods: 600 } },
    ...extra
  };
}

export interface K8sRuntime extends JobRuntime {
  readonly backend: KubernetesJobBackend;
  close(): Promise<void>;
}

/** An in-process job service with the Kubernetes backend on `<workspace>/.featurelab/registry.db`. */
export function startK8sRuntime(
  workspace: string,
  jobs: KubernetesJobsConfig,
  settings: Partial<ResolvedJobSettings> = {}
): K8sRuntime {
  const config = resolveConfig({ jobs }, workspace, { kind: 'defaults', path: '' });
  const registry = SqliteRegistry.open({
    path: path.join(workspace, '.featurelab', 'registry.db')
  });
  const runtime = createJobRuntime({
    config,
    settings: { ...TEST_SETTINGS, concurrency: 50, ...settings },
    store: new SqliteJobStore(registry, false),
    logger: memoryLogger('warn').logger,
    confineCodeToWorkspace: true
  });
  runtime.scheduler.start();
  return {
    ...runtime,
    backend: runtime.backend as KubernetesJobBackend,
    close: async () => {
      await runtime.scheduler.stop();
      await runtime.backend?.stop?.();
      registry.close();
    }
  };
}

/** A training job of inline code; `env` steers the kwok pod (see testenv/kwok/stages.yaml). */
export function trainingSpec(
  training: Partial<TrainingSettings> = {},
  extra: Partial<JobSpec> = {}
): JobSpec {
  return {
    kind: 'training',
    code: { type: 'inline', source: 'print("training")\n' },
    training: { image: IMAGE, tolerations: [KWOK_TOLERATION], ...training },
    ...extra
  };
}

/** Poll get() until `done` holds. */
export async function waitForJob(
  runtime: JobRuntime,
  user: string,
  id: string,
  done: (job: JobDetails) => boolean,
  timeoutMs = 60_000
): Promise<JobDetails> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await runtime.service.get(user, id);
    if (done(job)) {
      return job;
    }
    if (Date.now() > deadline) {
      throw new Error(`job ${id} still ${job.state} after ${timeoutMs} ms: ${JSON.stringify(job)}`);
    }
    await sleep(100);
  }
}

export const ended = (job: JobDetails): boolean =>
  ['succeeded', 'failed', 'cancelled', 'lost'].includes(job.state);

/** The Jobs and pods Kubernetes holds for a run. */
export async function runObjects(
  k8s: Cluster,
  namespace: string,
  runId: string
): Promise<{ jobs: V1Job[]; pods: V1Pod[] }> {
  const labelSelector = `${LABEL_RUN_ID}=${runId}`;
  const [jobs, pods] = await Promise.all([
    k8s.batch.listNamespacedJob({ namespace, labelSelector }),
    k8s.core.listNamespacedPod({ namespace, labelSelector })
  ]);
  return { jobs: jobs.items, pods: pods.items };
}

/** Stop and start kube-apiserver (same port, same etcd), through scripts/k8s.sh. */
export async function restartApiServer(): Promise<void> {
  await execFileAsync(path.join(repoRoot, 'scripts', 'k8s.sh'), ['restart-apiserver'], {
    env: process.env
  });
}

/** The value the kubelet gives an env variable of a pod (kwok runs no kubelet to expand it). */
export function podEnv(pod: V1Pod, name: string): string | undefined {
  const env = pod.spec?.containers[0].env ?? [];
  const index = pod.metadata?.annotations?.['batch.kubernetes.io/job-completion-index'] ?? '';
  return env
    .find(variable => variable.name === name)
    ?.value?.replaceAll('$(FEATURELAB_TASK_INDEX)', index);
}
