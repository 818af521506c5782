import type { JobEvent, JobRun, JobSpec, JobView } from '@featurelab/core';
import type { JobRecord } from './job-store.js';

/** JobView with its spec typed (the schema leaves it an object to avoid a second JobSpec type). */
export type JobDetails = Omit<JobView, 'spec'> & { spec: JobSpec };

/** The view of a job from its record and runs (oldest first). */
export function jobView(
  job: JobRecord,
  runs: readonly JobRun[],
  details?: { readonly events: readonly JobEvent[] }
): JobDetails {
  const latestRun = runs[runs.length - 1];
  if (latestRun === undefined) {
    // createJob writes the job and its first run in one transaction.
    throw new Error(`job ${job.id} has no runs`);
  }
  return {
    id: job.id,
    name: job.name,
    owner: job.owner,
    kind: job.kind,
    backend: job.backend,
    policy: job.policy,
    spec: job.spec,
    ...(job.idempotencyKey === undefined ? {} : { idempotencyKey: job.idempotencyKey }),
    createdAt: job.createdAt,
    state: latestRun.state,
    attempts: runs.length,
    latestRun,
    ...(details ? { runs: [...runs], events: [...details.events] } : {})
  };
}
