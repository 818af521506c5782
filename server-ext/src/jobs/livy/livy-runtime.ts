import type { LivyJobsConfig } from '@featurelab/core';
import type { JobRuntime, JobRuntimeOptions } from '../job-runtime.js';
import { JobScheduler } from '../job-scheduler.js';
import { JobService } from '../job-service.js';
import { LivyJobBackend } from './livy-backend.js';
import { resolveLivySettings } from './livy-settings.js';

/** The job service on Apache Livy (jobs.kind "livy" in the configuration). */
export function livyRuntime(options: JobRuntimeOptions, jobsConfig: LivyJobsConfig): JobRuntime {
  const { config, settings, store, logger } = options;
  const backend = new LivyJobBackend({
    settings: resolveLivySettings(jobsConfig, config.workspace),
    workspace: config.workspace,
    logger
  });
  const scheduler = new JobScheduler({
    store,
    backend,
    settings,
    workspace: config.workspace,
    logger
  });
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
