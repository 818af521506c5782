import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../test/helpers.js';
import {
  cluster,
  createNamespace,
  deleteNamespace,
  jobsConfig,
  startK8sRuntime,
  trainingSpec,
  type Cluster
} from './k8s-helpers.js';

/** The issue asks for 500; FEATURELAB_K8S_MANY_JOBS lowers it on a slow machine. */
const COUNT = Number(process.env.FEATURELAB_K8S_MANY_JOBS ?? 500);
const USER = 'grace';

describe('many concurrent Kubernetes jobs', () => {
  let k8s: Cluster;
  let namespace: string;

  beforeAll(async () => {
    k8s = cluster();
    namespace = await createNamespace(k8s);
  });
  afterAll(async () => {
    await deleteNamespace(k8s, namespace);
  });

  it(
    `tracks ${COUNT} jobs at once to success, each exactly once`,
    { timeout: 900_000 },
    async () => {
      const { dir: workspace, cleanup } = temporaryDirectory('featurelab-k8s-many-');
      const jobs = startK8sRuntime(workspace, jobsConfig(namespace), {
        concurrency: COUNT,
        pollIntervalMs: 500
      });
      try {
        const ids: string[] = [];
        for (let i = 0; i < COUNT; i += 1) {
          const { job } = await jobs.service.submit(
            USER,
            trainingSpec(
              { resources: { cpu: '10m' }, env: { FEATURELAB_TEST_RUN_TIME: '3s' } },
              {
                name: `many-${i}`
              }
            )
          );
          ids.push(job.id);
        }
        const deadline = Date.now() + 840_000;
        let states = new Map<string, number>();
        for (;;) {
          const listed = await jobs.service.list(USER, { limit: 1000 });
          states = new Map();
          for (const job of listed) {
            states.set(job.state, (states.get(job.state) ?? 0) + 1);
          }
          if ((states.get('succeeded') ?? 0) + (states.get('failed') ?? 0) >= COUNT) {
            break;
          }
          if (Date.now() > deadline) {
            throw new Error(`not all jobs ended: ${JSON.stringify([...states])}`);
          }
          await new Promise(resolve => setTimeout(resolve, 1000));
        }
        expect(Object.fromEntries(states)).toEqual({ succeeded: COUNT });
        const listed = await jobs.service.list(USER, { limit: 1000 });
        expect(listed.every(job => job.attempts === 1)).toBe(true);
        // One Kubernetes Job per run, none twice.
        const k8sJobs = await k8s.batch.listNamespacedJob({ namespace });
        expect(k8sJobs.items.length).toBe(COUNT);
        expect(new Set(ids).size).toBe(COUNT);
      } finally {
        await jobs.close();
        cleanup();
      }
    }
  );
});
