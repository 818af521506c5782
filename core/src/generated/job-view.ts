/* eslint-disable */
/**
 * GENERATED FILE, DO NOT EDIT. Source: schemas/job-view.schema.json
 * Regenerate with `npm run build:schemas` (scripts/gen-schema-types.mjs).
 */

/**
 * queued -> submitting -> running -> succeeded | failed; cancelling -> cancelled; lost: the backend no longer knows the run and no exit status was recorded.
 */
export type JobRunState =
  | 'queued'
  | 'submitting'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelling'
  | 'cancelled'
  | 'lost';
/**
 * How the backend finds the run again after a service restart.
 */
export type JobRunHandle = LocalRunHandle | LivyRunHandle | KubernetesRunHandle;

/**
 * A job as the service reports it (`jobs.get`, items of `jobs.list`, `jobs.submit`). Its state is the state of its latest run.
 */
export interface JobView {
  id: string;
  name: string;
  /**
   * The user who submitted it.
   */
  owner: string;
  kind: 'spark-batch' | 'spark-statement' | 'training';
  backend: 'local' | 'livy' | 'kubernetes';
  policy: 'FIFO' | 'LAST_ONLY';
  /**
   * The submitted JobSpec (schemas/job-spec.schema.json) with its name filled in.
   */
  spec: {};
  idempotencyKey?: string;
  createdAt: string;
  state: JobRunState;
  /**
   * Number of runs so far.
   */
  attempts: number;
  latestRun: JobRun;
  /**
   * Every run, oldest first (jobs.get only).
   */
  runs?: JobRun[];
  backendStatus?: BackendRunStatus;
  /**
   * Every state change of every run, oldest first (jobs.get only).
   */
  events?: JobEvent[];
}
/**
 * One attempt of a job.
 */
export interface JobRun {
  id: string;
  jobId: string;
  attempt: number;
  state: JobRunState;
  createdAt: string;
  updatedAt: string;
  /**
   * A retry waiting for its backoff does not start before this time.
   */
  notBefore?: string;
  startedAt?: string;
  endedAt?: string;
  /**
   * When cancel was asked for; SIGKILL follows after the grace period.
   */
  cancelRequestedAt?: string;
  exitCode?: number;
  /**
   * Signal that ended the program, e.g. SIGTERM.
   */
  signal?: string;
  /**
   * Why the run ended as it did, for people.
   */
  reason?: string;
  handle?: JobRunHandle;
  /**
   * Absolute path of the run's output log.
   */
  logFile?: string;
}
/**
 * A local process group: the pid of its leader and that process's start time, so a reused pid is never mistaken for the run.
 */
export interface LocalRunHandle {
  backend: 'local';
  pid: number;
  /**
   * Opaque start time of the process as the operating system reports it.
   */
  startTime: string;
}
/**
 * A Livy batch (spark-batch) or the interactive session a statement runs in (spark-statement; the statement's id is kept in the run's folder once Livy accepts it). `name` is unique per run, so a submission that was interrupted is found by name instead of being submitted twice.
 */
export interface LivyRunHandle {
  backend: 'livy';
  /**
   * The Livy server the run was submitted to.
   */
  url: string;
  type: 'batch' | 'session';
  /**
   * Livy's batch or session id.
   */
  id: number;
  name: string;
}
/**
 * The Kubernetes objects of a run: its Jobs (one per role), all labelled featurelab.dev/run-id.
 */
export interface KubernetesRunHandle {
  backend: 'kubernetes';
  namespace: string;
  /**
   * Names of the batch/v1 Jobs, primary (rank 0 or chief) first.
   */
  jobs: string[];
  /**
   * Headless Service of a distributed run.
   */
  service?: string;
}
/**
 * What the backend reports about the latest run while it is active (jobs.get only), e.g. why Kubernetes pods are Pending.
 */
export interface BackendRunStatus {
  /**
   * One line for people, e.g. "1 pod Pending: 0/2 nodes are available: 2 Insufficient nvidia.com/gpu".
   */
  summary: string;
  pods: BackendPodStatus[];
}
export interface BackendPodStatus {
  name: string;
  /**
   * master, worker, chief, ps or main.
   */
  role: string;
  index?: number;
  phase: string;
  node?: string;
  reason?: string;
  message?: string;
  exitCode?: number;
}
/**
 * One state change of a run.
 */
export interface JobEvent {
  runId: string;
  at: string;
  from?: JobRunState;
  to: JobRunState;
  reason?: string;
}
