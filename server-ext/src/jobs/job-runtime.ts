import type { KubernetesJobsConfig } from '@featurelab/core';
import type { ResolvedServiceConfig } from '../config/service-config.js';
import type { Logger } from '../logger.js';
import type { JobBackend } from './backend.js';
import { JobScheduler } from './job-scheduler.js';
import { JobService } from './job-service.js';
import type { ResolvedJobSettings } from './job-settings.js';
import type { JobStore } from './job-store.js';
import { LocalJobBackend } from './local/local-backend.js';
import { livyRuntime } from './livy/livy-runtime.js';
import { createKubernetesBackend } from './kubernetes/create.js';

export interface JobRuntime {
  readonly service: JobService;
  readonly scheduler: JobScheduler;
  /** Present when the backend has background work to stop with the service. */
  readonly backend?: JobBackend;
}

export interface JobRuntimeOptions {
  readonly config: ResolvedServiceConfig;
  readonly settings: ResolvedJobSettings;
  readonly store: JobStore;
  readonly logger: Logger;
  readonly confineCodeToWorkspace: boolean;
  readonly env?: NodeJS.ProcessEnv;
}

/** Wire the job service for the configured backend. */
export function createJobRuntime(options: JobRuntimeOptions): JobRuntime {
  const { config, settings, store, logger } = options;
  if (config.jobs.kind === 'kubernetes') {
    return kubernetesRuntime(options, config.jobs);
  }
  if (config.jobs.kind === 'livy') {
    return livyRuntime(options, config.jobs);
  }
  // The backend wakes the scheduler when a run exits; they refer to each other.
  let wakeScheduler = (): void => undefined;
  const backend = new LocalJobBackend({
    workspace: config.workspace,
    programs: settings,
    sparkMaster: config.spark.kind === 'local' ? (config.spark.master ?? 'local[*]') : 'local[*]',
    logger,
    onExit: () => wakeScheduler(),
    ...(options.env === undefined ? {} : { env: options.env })
  });
  const scheduler = new JobScheduler({
    store,
    backend,
    settings,
    workspace: config.workspace,
    logger
  });
  wakeScheduler = () => scheduler.wake();
  const service = new JobService({
    store,
    backend,
    scheduler,
    settings,
    workspace: config.workspace,
    confineCodeToWorkspace: options.confineCodeToWorkspace
  });
  return { service, scheduler };
}

/** The Kubernetes backend: its watches start with the scheduler and wake it on changes. */
function kubernetesRuntime(
  options: JobRuntimeOptions,
  jobsConfig: KubernetesJobsConfig
): JobRuntime {
  const { config, settings, store, logger } = options;
  let wakeScheduler = (): void => undefined;
  const backend = createKubernetesBackend({
    config: jobsConfig,
    workspace: config.workspace,
    logger,
    onChange: () => wakeScheduler()
  });
  const scheduler = new JobScheduler({
    store,
    backend,
    settings,
    workspace: config.workspace,
    logger
  });
  wakeScheduler = () => scheduler.wake();
  backend.startWatching();
  const service = new JobService({
    store,
    backend,
    scheduler,
    settings,
    workspace: config.workspace,
    confineCodeToWorkspace: options.confineCodeToWorkspace
  });
  return { service, scheduler, backend };
}
