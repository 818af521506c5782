import type { JobEvent, JobRun, JobRunState } from '@featurelab/core';
import { RegistryUnavailableError } from '../errors.js';
import type { RegistryHandle } from '../registry/registry-handle.js';
import type {
  CreateJobResult,
  JobFilter,
  JobRecord,
  JobStore,
  NewRun,
  RunPatch
} from './job-store.js';
import { SqliteJobStore } from './sqlite-job-store.js';

/**
 * The job store of the service's registry handle. The service starts even when the registry
 * cannot be opened, and closes it on shutdown, so the store is looked up on every call: jobs
 * requests then fail with the registry's own error instead of a stale connection.
 */
export class RegistryJobStore implements JobStore {
  constructor(private readonly handle: RegistryHandle) {}

  async createJob(job: JobRecord, run: NewRun, at: string): Promise<CreateJobResult> {
    return (await this.store()).createJob(job, run, at);
  }
  async addRun(
    jobId: string,
    run: NewRun,
    at: string,
    reason: string,
    supersede: boolean
  ): Promise<JobRun> {
    return (await this.store()).addRun(jobId, run, at, reason, supersede);
  }
  async getJob(id: string): Promise<JobRecord | undefined> {
    return (await this.store()).getJob(id);
  }
  async listJobs(filter: JobFilter): Promise<JobRecord[]> {
    return (await this.store()).listJobs(filter);
  }
  async runsOf(jobId: string): Promise<JobRun[]> {
    return (await this.store()).runsOf(jobId);
  }
  async eventsOf(jobId: string): Promise<JobEvent[]> {
    return (await this.store()).eventsOf(jobId);
  }
  async getRun(runId: string): Promise<JobRun | undefined> {
    return (await this.store()).getRun(runId);
  }
  async activeRuns(): Promise<JobRun[]> {
    return (await this.store()).activeRuns();
  }
  async claimQueued(concurrency: number, at: string): Promise<JobRun[]> {
    return (await this.store()).claimQueued(concurrency, at);
  }
  async transition(
    runId: string,
    from: JobRunState,
    to: JobRunState,
    at: string,
    patch?: RunPatch,
    next?: NewRun
  ): Promise<JobRun> {
    return (await this.store()).transition(runId, from, to, at, patch, next);
  }
  close(): Promise<void> {
    // The registry belongs to the service.
    return Promise.resolve();
  }

  private async store(): Promise<SqliteJobStore> {
    await this.handle.open();
    const registry = this.handle.current;
    if (!registry) {
      throw new RegistryUnavailableError('the registry is not available', {
        hint: 'Run `featurelab doctor` or look at the service status for the reason.'
      });
    }
    if (registry.kind !== 'sqlite') {
      throw new RegistryUnavailableError(
        'jobs are kept in SQLite registries only in this release',
        {
          hint: 'Set "registry": {"kind": "sqlite"} in the configuration to use jobs.'
        }
      );
    }
    return new SqliteJobStore(registry, false);
  }
}
