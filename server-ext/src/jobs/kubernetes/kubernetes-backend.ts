import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ApiException,
  BatchV1Api,
  CoreV1Api,
  Watch,
  type KubeConfig,
  type KubernetesObject,
  type V1Job,
  type V1OwnerReference,
  type V1Pod
} from '@kubernetes/client-node';
import type {
  BackendRunStatus,
  JobRun,
  JobRunHandle,
  JobSpec,
  KubernetesRunHandle
} from '@featurelab/core';
import type { Logger } from '../../logger.js';
import type { JobBackend, RunProbe } from '../backend.js';
import { JobCodeError, JobNotSupportedError } from '../errors.js';
import type { JobRecord } from '../job-store.js';
import {
  CODE_FILE,
  COMPLETION_INDEX_ANNOTATION,
  LABEL_MANAGED_BY,
  LABEL_ROLE,
  LABEL_RUN_ID,
  renderRun,
  type RunManifests
} from './manifests.js';
import { PodLogs } from './pod-logs.js';
import { checkManifests, checkTrainingPolicy } from './policy.js';
import { ResourceWatch, type WatchStarter } from './resource-watch.js';
import { describeRun, probeRun, type RunObjects } from './run-status.js';
import type { KubernetesSettings } from './settings.js';

/** How long a probe waits for the first list of the watches before asking the API itself. */
const SYNC_WAIT_MS = 5000;

/** ConfigMaps hold at most 1 MiB; the code must fit with room for metadata. */
const MAX_CODE_BYTES = 1_000_000;

export interface KubernetesBackendOptions {
  readonly settings: KubernetesSettings;
  readonly kubeConfig: KubeConfig;
  readonly workspace: string;
  readonly logger: Logger;
  /** Called when a Job or pod of a run changes, so the scheduler looks at once. */
  readonly onChange?: () => void;
}

/**
 * Runs training jobs as batch/v1 Jobs: one Job for a single-pod run, Indexed Jobs with a
 * headless Service for distributed PyTorch (one Job, rank = completion index) and TensorFlow
 * (one Job per role). Everything a run creates carries its run id as a label, and names are
 * derived from the run id, so the backend keeps no state a restart could lose: watches of the
 * namespace's Featurelab Jobs and pods are rebuilt on start, and a run is found again by label.
 */
export class KubernetesJobBackend implements JobBackend {
  readonly name = 'kubernetes';
  private readonly settings: KubernetesSettings;
  private readonly batch: BatchV1Api;
  private readonly core: CoreV1Api;
  private readonly jobs: ResourceWatch<V1Job>;
  private readonly pods: ResourceWatch<V1Pod>;
  private readonly logs: PodLogs;
  private watching = false;

  constructor(private readonly options: KubernetesBackendOptions) {
    this.settings = options.settings;
    const config = options.kubeConfig;
    this.batch = config.makeApiClient(BatchV1Api);
    this.core = config.makeApiClient(CoreV1Api);
    const namespace = this.settings.namespace;
    const selector = `${LABEL_MANAGED_BY}=featurelab`;
    const watcher = new Watch(config);
    const starter =
      (apiPath: string): WatchStarter =>
      async (resourceVersion, onEvent, onDone) =>
        watcher.watch(
          apiPath,
          { labelSelector: selector, resourceVersion, allowWatchBookmarks: true },
          onEvent,
          onDone
        );
    const changed = (): void => this.options.onChange?.();
    this.jobs = new ResourceWatch<V1Job>({
      what: `jobs in ${namespace}`,
      list: () => this.batch.listNamespacedJob({ namespace, labelSelector: selector }),
      watch: starter(`/apis/batch/v1/namespaces/${namespace}/jobs`),
      logger: options.logger,
      onChange: changed
    });
    this.pods = new ResourceWatch<V1Pod>({
      what: `pods in ${namespace}`,
      list: () => this.core.listNamespacedPod({ namespace, labelSelector: selector }),
      watch: starter(`/api/v1/namespaces/${namespace}/pods`),
      logger: options.logger,
      onChange: changed
    });
    this.logs = new PodLogs(config, namespace, options.logger);
  }

  /**
   * Start watching. Probes wait up to SYNC_WAIT_MS for the first lists, then ask the API
   * server directly until the caches are filled.
   */
  startWatching(): void {
    this.watching = true;
    this.jobs.start();
    this.pods.start();
  }

  stop(): Promise<void> {
    this.watching = false;
    this.jobs.stop();
    this.pods.stop();
    this.logs.close();
    return Promise.resolve();
  }

  /** Watch counters (tests check that an API server restart was survived by re-watching). */
  get watchStats(): { jobs: ResourceWatch<V1Job>['stats']; pods: ResourceWatch<V1Pod>['stats'] } {
    return { jobs: this.jobs.stats, pods: this.pods.stats };
  }

  check(spec: JobSpec, owner: string): void {
    if (spec.kind !== 'training') {
      throw new JobNotSupportedError(
        `the Kubernetes backend runs training jobs, not ${spec.kind}`,
        {
          hint: 'Submit it with "kind": "training" and "training" settings, or configure the local or Livy backend for Spark jobs.'
        }
      );
    }
    if (spec.code.type === 'git') {
      throw new JobNotSupportedError(
        'code from a git revision is not supported on Kubernetes yet',
        {
          hint: 'Submit the file from the workspace, a notebook cell or inline code.'
        }
      );
    }
    const training = checkTrainingPolicy(spec, owner, this.settings);
    // The objects themselves, too: the checks must hold for what would reach the API.
    checkManifests(
      renderRun({
        jobId: 'job-check',
        runId: 'run-check',
        owner,
        jobName: spec.name ?? 'check',
        spec,
        training,
        source: '',
        settings: this.settings
      }),
      this.settings
    );
  }

  async start(job: JobRecord, run: JobRun): Promise<JobRunHandle> {
    const training = checkTrainingPolicy(job.spec, job.owner, this.settings);
    const manifests = renderRun({
      jobId: job.id,
      runId: run.id,
      owner: job.owner,
      jobName: job.name,
      spec: job.spec,
      training,
      source: this.sourceOf(job),
      settings: this.settings
    });
    checkManifests(manifests, this.settings);
    try {
      await this.create(manifests);
    } catch (error) {
      // Half a run must not stay behind (a Job whose code never arrived): remove what exists.
      await this.cancel(run, true).catch(() => undefined);
      throw error;
    }
    this.options.logger.info('kubernetes run submitted', {
      runId: run.id,
      namespace: manifests.namespace,
      jobs: manifests.roles.map(r => r.job.metadata?.name)
    });
    const handle: KubernetesRunHandle = {
      backend: 'kubernetes',
      namespace: manifests.namespace,
      jobs: manifests.roles.map(r => r.job.metadata?.name ?? ''),
      ...(manifests.service ? { service: manifests.name } : {})
    };
    return handle;
  }

  async probe(run: JobRun): Promise<RunProbe> {
    let objects = await this.objectsOf(run);
    let probe = probeRun(objects);
    if (probe.status === 'gone') {
      // The caches may not have seen a Job created a moment ago: only the API says it is gone.
      objects = await this.objectsOf(run, true);
      probe = probeRun(objects);
    }
    await this.copyLogs(run, objects, probe.status !== 'running');
    if (probe.status === 'exited' && probe.exitCode === 0) {
      // Parameter servers serve until told otherwise: the run is over, so they go.
      await this.deleteRoles(run, 'ps');
    }
    return probe;
  }

  async describe(run: JobRun): Promise<BackendRunStatus> {
    return describeRun(await this.objectsOf(run));
  }

  /**
   * Delete the run's Jobs; their pods, Service and code follow (garbage collection by owner).
   * Graceful: Foreground, so the Jobs stay visible until their pods have stopped. Forced:
   * Background with no grace period.
   */
  async cancel(run: JobRun, force: boolean): Promise<void> {
    const namespace = this.namespaceOf(run);
    await this.batch.deleteCollectionNamespacedJob({
      namespace,
      labelSelector: `${LABEL_RUN_ID}=${run.id}`,
      propagationPolicy: force ? 'Background' : 'Foreground',
      ...(force ? { gracePeriodSeconds: 0 } : {})
    });
    if (force) {
      await this.core.deleteCollectionNamespacedPod({
        namespace,
        labelSelector: `${LABEL_RUN_ID}=${run.id}`,
        gracePeriodSeconds: 0
      });
    }
  }

  private sourceOf(job: JobRecord): string {
    let source: string;
    if (job.spec.code.type === 'file') {
      const file = path.resolve(this.options.workspace, job.spec.code.path);
      try {
        source = readFileSync(file, 'utf8');
      } catch (error) {
        throw new JobCodeError(`cannot read the code file ${job.spec.code.path}`, {
          hint: 'Give the path of a readable file, relative to the workspace.',
          cause: error
        });
      }
    } else {
      source = job.codeSnapshot ?? '';
    }
    if (Buffer.byteLength(source) > MAX_CODE_BYTES) {
      throw new JobCodeError(
        `the code is ${Buffer.byteLength(source)} bytes; a Kubernetes run carries at most ${MAX_CODE_BYTES} (it travels in a ConfigMap as ${CODE_FILE})`,
        { hint: 'Put data and large modules in an approved volume and keep the job code small.' }
      );
    }
    return source;
  }

  /**
   * Create the Jobs first (an existing one, from a start cut short by a restart, is kept),
   * then the code ConfigMap and the Service owned by the primary Job, so deleting the Jobs
   * deletes everything.
   */
  private async create(manifests: RunManifests): Promise<void> {
    const namespace = manifests.namespace;
    let primary: V1Job | undefined;
    for (const role of manifests.roles) {
      const created = await existingOr(
        () => this.batch.createNamespacedJob({ namespace, body: role.job }),
        () => this.batch.readNamespacedJob({ namespace, name: role.job.metadata?.name ?? '' })
      );
      primary ??= created;
    }
    const owner: V1OwnerReference[] = primary?.metadata?.uid
      ? [
          {
            apiVersion: 'batch/v1',
            kind: 'Job',
            name: primary.metadata.name ?? '',
            uid: primary.metadata.uid,
            blockOwnerDeletion: false
          }
        ]
      : [];
    const owned = <T extends KubernetesObject>(object: T): T => ({
      ...object,
      metadata: { ...object.metadata, ownerReferences: owner }
    });
    await existingOr(
      () => this.core.createNamespacedConfigMap({ namespace, body: owned(manifests.code) }),
      () => Promise.resolve(manifests.code)
    );
    const service = manifests.service;
    if (service) {
      await existingOr(
        () => this.core.createNamespacedService({ namespace, body: owned(service) }),
        () => Promise.resolve(service)
      );
    }
  }

  private namespaceOf(run: JobRun): string {
    return run.handle?.backend === 'kubernetes' ? run.handle.namespace : this.settings.namespace;
  }

  /** The run's Jobs and pods: from the watch caches once synced, else straight from the API. */
  private async objectsOf(run: JobRun, fresh = false): Promise<RunObjects> {
    const expectedJobs = run.handle?.backend === 'kubernetes' ? run.handle.jobs : [];
    const namespace = this.namespaceOf(run);
    const mine = (object: KubernetesObject): boolean =>
      object.metadata?.labels?.[LABEL_RUN_ID] === run.id && object.metadata.namespace === namespace;
    if (!fresh && this.watching && !(this.jobs.hasSynced && this.pods.hasSynced)) {
      // Just started: one list of everything beats two lists per active run.
      await Promise.race([
        Promise.all([this.jobs.whenSynced(), this.pods.whenSynced()]),
        new Promise(resolve => setTimeout(resolve, SYNC_WAIT_MS).unref())
      ]);
    }
    if (
      !fresh &&
      this.jobs.hasSynced &&
      this.pods.hasSynced &&
      namespace === this.settings.namespace
    ) {
      return { jobs: this.jobs.select(mine), pods: this.pods.select(mine), expectedJobs };
    }
    const labelSelector = `${LABEL_RUN_ID}=${run.id}`;
    const [jobs, pods] = await Promise.all([
      this.batch.listNamespacedJob({ namespace, labelSelector }),
      this.core.listNamespacedPod({ namespace, labelSelector })
    ]);
    return { jobs: jobs.items, pods: pods.items, expectedJobs };
  }

  private async copyLogs(run: JobRun, objects: RunObjects, ended: boolean): Promise<void> {
    if (!run.logFile) {
      return;
    }
    const primaryJob = objects.expectedJobs[0];
    for (const pod of objects.pods) {
      const name = pod.metadata?.name ?? '';
      const primary =
        pod.metadata?.labels?.['job-name'] === primaryJob &&
        (pod.metadata?.annotations?.[COMPLETION_INDEX_ANNOTATION] ?? '0') === '0';
      const files = PodLogs.files(run.logFile, name, primary);
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed' || (ended && phase === 'Running')) {
        await this.logs.complete(name, files);
      } else if (phase === 'Running') {
        this.logs.follow(name, files);
      }
    }
  }

  private async deleteRoles(run: JobRun, role: string): Promise<void> {
    try {
      await this.batch.deleteCollectionNamespacedJob({
        namespace: this.namespaceOf(run),
        labelSelector: `${LABEL_RUN_ID}=${run.id},${LABEL_ROLE}=${role}`,
        propagationPolicy: 'Background'
      });
    } catch (error) {
      this.options.logger.debug('could not delete finished roles', { runId: run.id, error });
    }
  }
}

/** Create, or when it already exists (409), read the existing object. */
async function existingOr<T>(create: () => Promise<T>, existing: () => Promise<T>): Promise<T> {
  try {
    return await create();
  } catch (error) {
    if (error instanceof ApiException && error.code === 409) {
      return existing();
    }
    throw error;
  }
}
