import type {
  JobEvent,
  JobKind,
  JobRun,
  JobRunHandle,
  JobRunState,
  JobSpec,
  SchedulePolicy
} from '@featurelab/core';

export type JobBackendName = 'local' | 'livy' | 'kubernetes';

/** A job as stored: the submission. Its runs are the attempts. */
export interface JobRecord {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly kind: JobKind;
  readonly backend: JobBackendName;
  readonly policy: SchedulePolicy;
  readonly spec: JobSpec;
  readonly idempotencyKey?: string;
  readonly createdAt: string;
  /**
   * Python source fixed at submission (notebook cells, inline code), so queued runs and
   * retries run what was submitted even if the notebook changes.
   */
  readonly codeSnapshot?: string;
}

/** A run to create, queued. */
export interface NewRun {
  readonly id: string;
  readonly logFile: string;
  /** Earliest start (retry backoff); undefined: at once. */
  readonly notBefore?: string;
}

/** Fields a state change may set on the run. */
export interface RunPatch {
  readonly handle?: JobRunHandle;
  readonly startedAt?: string;
  readonly endedAt?: string;
  readonly cancelRequestedAt?: string;
  readonly exitCode?: number;
  readonly signal?: string;
  readonly reason?: string;
}

export interface CreateJobResult {
  readonly job: JobRecord;
  /** False when the idempotency key matched an existing job, which is returned instead. */
  readonly created: boolean;
  /** Queued runs cancelled by the LAST_ONLY policy. */
  readonly superseded: readonly string[];
}

export interface JobFilter {
  /** Only this owner's jobs; undefined: everyone's (admins). */
  readonly owner?: string;
  readonly name?: string;
  /** Only jobs whose latest run is in one of these states. */
  readonly states?: readonly JobRunState[];
  readonly limit: number;
}

/**
 * Where jobs and runs are kept. SQLite implements it now; a PostgreSQL registry implements the
 * same interface (hence asynchronous). Every method that writes is atomic, and every state
 * change is checked against the transition table (job-states.ts) and made only if the run is
 * still in the state the caller saw, so two schedulers (the service and a CLI) never both
 * start, or both finish, the same run.
 */
export interface JobStore {
  /**
   * Insert a job and its first run. When `job.idempotencyKey` is already used by the owner,
   * writes nothing and returns that job. For a LAST_ONLY job, cancels the owner's queued runs
   * of other jobs with the same name, in the same transaction.
   */
  createJob(job: JobRecord, run: NewRun, at: string): Promise<CreateJobResult>;

  /**
   * Queue another run of a job whose latest run has ended (a retry), applying LAST_ONLY as
   * createJob does when `supersede` is set.
   *
   * @throws JobStateError when the latest run has not ended.
   */
  addRun(
    jobId: string,
    run: NewRun,
    at: string,
    reason: string,
    supersede: boolean
  ): Promise<JobRun>;

  getJob(id: string): Promise<JobRecord | undefined>;
  listJobs(filter: JobFilter): Promise<JobRecord[]>;
  /** Runs of a job, oldest first. */
  runsOf(jobId: string): Promise<JobRun[]>;
  eventsOf(jobId: string): Promise<JobEvent[]>;
  getRun(runId: string): Promise<JobRun | undefined>;
  /** Runs in submitting, running or cancelling, of every job. */
  activeRuns(): Promise<JobRun[]>;

  /**
   * Move queued runs that may start (notBefore passed), oldest first, to submitting, as many
   * as leave at most `concurrency` runs active.
   */
  claimQueued(concurrency: number, at: string): Promise<JobRun[]>;

  /**
   * Change a run's state from `from` to `to`, with `patch`, and record the event; with `next`,
   * also queue the job's next run (an automatic retry) in the same transaction.
   *
   * @throws JobStateError when the table forbids it or the run is no longer in `from`.
   */
  transition(
    runId: string,
    from: JobRunState,
    to: JobRunState,
    at: string,
    patch?: RunPatch,
    next?: NewRun
  ): Promise<JobRun>;

  close(): Promise<void>;
}
