import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobPolicyError } from '../src/jobs/kubernetes/policy.js';
import { temporaryDirectory } from '../test/helpers.js';
import {
  cluster,
  createNamespace,
  deleteNamespace,
  ended,
  jobsConfig,
  podEnv,
  restartApiServer,
  runObjects,
  startK8sRuntime,
  trainingSpec,
  waitForJob,
  type Cluster,
  type K8sRuntime
} from './k8s-helpers.js';

const USER = 'ada';

describe('Kubernetes backend on a real control plane', () => {
  let k8s: Cluster;
  let namespace: string;
  let workspace: string;
  let cleanup: () => void;
  const runtimes: K8sRuntime[] = [];
  const open = (extra = {}, settings = {}): K8sRuntime => {
    const runtime = startK8sRuntime(workspace, jobsConfig(namespace, extra), settings);
    runtimes.push(runtime);
    return runtime;
  };

  beforeAll(async () => {
    k8s = cluster();
    namespace = await createNamespace(k8s);
  });
  afterAll(async () => {
    await deleteNamespace(k8s, namespace);
  });
  beforeEach(() => {
    ({ dir: workspace, cleanup } = temporaryDirectory('featurelab-k8s-'));
  });
  afterEach(async () => {
    await Promise.all(runtimes.splice(0).map(runtime => runtime.close()));
    cleanup();
  });

  it('runs a single-GPU job to success on a GPU node, with its log', async () => {
    const jobs = open();
    const { job } = await jobs.service.submit(
      USER,
      trainingSpec(
        { resources: { gpus: 1, cpu: '2', memory: '8Gi' }, env: { LR: '0.1' } },
        { parameters: { epochs: '3' } }
      )
    );
    const done = await waitForJob(jobs, USER, job.id, ended);
    expect(done.state).toBe('succeeded');
    expect(done.latestRun.exitCode).toBe(0);
    const handle = done.latestRun.handle;
    expect(handle?.backend).toBe('kubernetes');
    const { jobs: k8sJobs, pods } = await runObjects(k8s, namespace, done.latestRun.id);
    expect(k8sJobs).toHaveLength(1);
    expect(pods).toHaveLength(1);
    const pod = pods[0];
    expect(pod.spec?.nodeName).toMatch(/^gpu-node-/);
    expect(pod.spec?.containers[0].resources?.limits?.['nvidia.com/gpu']).toBe('1');
    expect(pod.spec?.containers[0].args).toEqual(['--epochs=3']);
    expect(pod.status?.phase).toBe('Succeeded');
    // The code travelled in the run's ConfigMap.
    const code = await k8s.core.readNamespacedConfigMap({
      namespace,
      name: `${k8sJobs[0].metadata?.name ?? ''}-code`
    });
    expect(code.data?.['main.py']).toBe('print("training")\n');
    // kwok serves every container's log from one file, through the real API server.
    const log = readFileSync(done.latestRun.logFile ?? '', 'utf8');
    expect(log).toContain('featurelab fake training log line 1');
    const podLog = readFileSync(
      path.join(path.dirname(done.latestRun.logFile ?? ''), 'pods', `${pod.metadata?.name}.log`),
      'utf8'
    );
    expect(podLog).toContain('featurelab fake training log line 2');
    // The same through jobs.logs, by pod name.
    const page = await jobs.service.logs(USER, job.id, { pod: pod.metadata?.name ?? '' });
    expect(page.data).toBe(podLog);
    expect(page.complete).toBe(true);
    await expect(jobs.service.logs(USER, job.id, { pod: '../../etc/passwd' })).rejects.toThrow(
      /not a pod name/
    );
  });

  it('keeps a job that asks for more GPUs than any node has Pending, saying why, until cancelled', async () => {
    const jobs = open();
    const { job } = await jobs.service.submit(USER, trainingSpec({ resources: { gpus: 5 } }));
    const waiting = await waitForJob(
      jobs,
      USER,
      job.id,
      j =>
        j.state === 'running' &&
        Boolean(j.backendStatus?.summary.includes('Insufficient nvidia.com/gpu'))
    );
    expect(waiting.backendStatus?.pods[0]).toMatchObject({
      phase: 'Pending',
      reason: 'Unschedulable'
    });
    expect(waiting.backendStatus?.pods[0].message).toContain('Insufficient nvidia.com/gpu');

    await jobs.service.cancel(USER, job.id);
    const cancelled = await waitForJob(jobs, USER, job.id, ended);
    expect(cancelled.state).toBe('cancelled');
    const left = await runObjects(k8s, namespace, cancelled.latestRun.id);
    expect(left.jobs).toEqual([]);
  });

  it('gives every pod of a distributed PyTorch job its rank, world size and master address', async () => {
    const jobs = open();
    const { job } = await jobs.service.submit(
      USER,
      trainingSpec({
        resources: { gpus: 2 },
        distributed: { framework: 'pytorch', workers: 3 }
      })
    );
    const done = await waitForJob(jobs, USER, job.id, ended);
    expect(done.state).toBe('succeeded');
    const { jobs: k8sJobs, pods } = await runObjects(k8s, namespace, done.latestRun.id);
    expect(k8sJobs).toHaveLength(1);
    const name = k8sJobs[0].metadata?.name ?? '';
    expect(pods).toHaveLength(3);
    const service = await k8s.core.readNamespacedService({ namespace, name });
    expect(service.spec?.clusterIP).toBe('None');
    const ranks = pods.map(pod => {
      const rank = podEnv(pod, 'RANK');
      expect(rank).toBe(pod.metadata?.annotations?.['batch.kubernetes.io/job-completion-index']);
      expect(podEnv(pod, 'WORLD_SIZE')).toBe('3');
      expect(podEnv(pod, 'MASTER_ADDR')).toBe(`${name}-0.${name}`);
      expect(podEnv(pod, 'MASTER_PORT')).toBe('29500');
      // The pod that is rank 0 answers at the master address: <job>-<index>.<subdomain>.
      expect(pod.spec?.hostname).toBe(`${name}-${rank}`);
      expect(pod.spec?.subdomain).toBe(name);
      return Number(rank);
    });
    expect(ranks.sort()).toEqual([0, 1, 2]);
  });

  it('gives every pod of a TensorFlow job a valid TF_CONFIG for its role', async () => {
    const jobs = open();
    const { job } = await jobs.service.submit(
      USER,
      trainingSpec({ distributed: { framework: 'tensorflow', workers: 2, parameterServers: 1 } })
    );
    const running = await waitForJob(
      jobs,
      USER,
      job.id,
      j => j.state === 'running' && (j.backendStatus?.pods.length ?? 0) === 4
    );
    const { pods } = await runObjects(k8s, namespace, running.latestRun.id);
    const base =
      (running.latestRun.handle?.backend === 'kubernetes' && running.latestRun.handle.service) ||
      '';
    const cluster = {
      chief: [`${base}-chief-0.${base}:2222`],
      worker: [`${base}-worker-0.${base}:2222`, `${base}-worker-1.${base}:2222`],
      ps: [`${base}-ps-0.${base}:2222`]
    };
    const tasks = pods.map(pod => {
      const config = JSON.parse(podEnv(pod, 'TF_CONFIG') ?? '') as {
        cluster: unknown;
        task: { type: string; index: number };
      };
      expect(config.cluster).toEqual(cluster);
      expect(config.task.type).toBe(pod.metadata?.labels?.['featurelab.dev/role']);
      return `${config.task.type}:${config.task.index}`;
    });
    expect(tasks.sort()).toEqual(['chief:0', 'ps:0', 'worker:0', 'worker:1']);
    const done = await waitForJob(jobs, USER, job.id, ended);
    expect(done.state).toBe('succeeded');
  });

  it('fails a job whose pod exits with code 3, with that reason', async () => {
    const jobs = open();
    const { job } = await jobs.service.submit(
      USER,
      trainingSpec({ env: { FEATURELAB_TEST_EXIT_CODE: '3' } })
    );
    const done = await waitForJob(jobs, USER, job.id, ended);
    expect(done.state).toBe('failed');
    expect(done.latestRun.exitCode).toBe(3);
    expect(done.latestRun.reason).toMatch(/failed with exit code 3 \(Error\)/);
  });

  it('says when a pod was OOMKilled and what to change', async () => {
    const jobs = open();
    const { job } = await jobs.service.submit(
      USER,
      trainingSpec({
        resources: { memory: '1Gi' },
        env: { FEATURELAB_TEST_EXIT_CODE: '137', FEATURELAB_TEST_REASON: 'OOMKilled' }
      })
    );
    const done = await waitForJob(jobs, USER, job.id, ended);
    expect(done.state).toBe('failed');
    expect(done.latestRun.exitCode).toBe(137);
    expect(done.latestRun.reason).toMatch(/OOMKilled.*resources\.memory/);
  });

  it('refuses policy violations before anything reaches the API server', async () => {
    const jobs = open({ caps: { default: { gpus: 4 } } });
    const before = await k8s.batch.listNamespacedJob({ namespace });
    const attempts = [
      [trainingSpec({ privileged: true }), 'no-privileged'],
      [trainingSpec({ hostNetwork: true }), 'no-host-network'],
      [trainingSpec({ hostPID: true }), 'no-host-pid'],
      [trainingSpec({ hostPaths: [{ path: '/etc', mountPath: '/host' }] }), 'no-host-path'],
      [trainingSpec({ image: 'docker.io/someone/miner' }), 'image-allow-list'],
      [
        trainingSpec({ resources: { gpus: 2 }, distributed: { framework: 'pytorch', workers: 3 } }),
        'cap-gpus'
      ]
    ] as const;
    for (const [spec, rule] of attempts) {
      const error = await jobs.service.submit(USER, spec).then(
        () => undefined,
        (e: unknown) => e
      );
      expect(error).toBeInstanceOf(JobPolicyError);
      expect((error as JobPolicyError).rule).toBe(rule);
      expect((error as JobPolicyError).hint).toBeTruthy();
    }
    expect(await jobs.service.list(USER)).toEqual([]);
    const after = await k8s.batch.listNamespacedJob({ namespace });
    expect(after.items.length).toBe(before.items.length);
  });

  it('loses and duplicates nothing when kube-apiserver restarts mid-watch', async () => {
    const jobs = open();
    const { job } = await jobs.service.submit(
      USER,
      trainingSpec({ env: { FEATURELAB_TEST_RUN_TIME: '12s' } })
    );
    await waitForJob(jobs, USER, job.id, j => j.backendStatus?.pods[0]?.phase === 'Running');
    const watchesBefore = jobs.backend.watchStats.jobs.watches;
    await restartApiServer();
    const done = await waitForJob(jobs, USER, job.id, ended, 90_000);
    expect(done.state).toBe('succeeded');
    // The watch was re-established (from its resourceVersion, or by a relist after 410).
    expect(jobs.backend.watchStats.jobs.watches).toBeGreaterThan(watchesBefore);
    expect(done.attempts).toBe(1);
    expect(done.events?.map(e => e.to)).toEqual(['queued', 'submitting', 'running', 'succeeded']);
    const { jobs: k8sJobs, pods } = await runObjects(k8s, namespace, done.latestRun.id);
    expect(k8sJobs).toHaveLength(1);
    expect(pods).toHaveLength(1);
  });

  it('re-attaches to running jobs after the Featurelab service restarts', async () => {
    const first = open();
    const submitted = await Promise.all(
      [0, 1, 2].map(() =>
        first.service.submit(USER, trainingSpec({ env: { FEATURELAB_TEST_RUN_TIME: '6s' } }))
      )
    );
    const ids = submitted.map(s => s.job.id);
    for (const id of ids) {
      await waitForJob(first, USER, id, j => j.state === 'running');
    }
    await first.close();
    runtimes.splice(runtimes.indexOf(first), 1);

    const second = open();
    for (const id of ids) {
      const done = await waitForJob(second, USER, id, ended);
      expect(done.state).toBe('succeeded');
      expect(done.attempts).toBe(1);
      expect(done.events?.map(e => e.to)).toEqual(['queued', 'submitting', 'running', 'succeeded']);
      const { jobs: k8sJobs } = await runObjects(k8s, namespace, done.latestRun.id);
      expect(k8sJobs).toHaveLength(1);
    }
  });

  it('retries a failed job as a new Kubernetes Job', async () => {
    const jobs = open();
    const { job } = await jobs.service.submit(
      USER,
      trainingSpec({ env: { FEATURELAB_TEST_EXIT_CODE: '3', FEATURELAB_TEST_RUN_TIME: '1s' } })
    );
    await waitForJob(jobs, USER, job.id, ended);
    await jobs.service.retry(USER, job.id);
    const done = await waitForJob(jobs, USER, job.id, j => j.attempts === 2 && ended(j));
    expect(done.state).toBe('failed');
    const runs = done.runs ?? [];
    expect(
      new Set(runs.map(r => (r.handle?.backend === 'kubernetes' ? r.handle.jobs[0] : ''))).size
    ).toBe(2);
  });
});
