/* eslint-disable */
/**
 * GENERATED FILE, DO NOT EDIT. Source: schemas/job-spec.schema.json
 * Regenerate with `npm run build:schemas` (scripts/gen-schema-types.mjs).
 */

/**
 * spark-batch: a program run to completion; spark-statement: code run in an interactive Spark session (Livy, declared); training: a training program (Kubernetes backend, declared; runs as a plain process locally).
 */
export type JobKind = 'spark-batch' | 'spark-statement' | 'training';
/**
 * The code a job runs. Paths are relative to the workspace.
 */
export type JobCode = FileCode | NotebookCode | InlineCode | GitCode;
/**
 * A JVM memory size such as 512m or 4g.
 */
export type MemorySize = string;
/**
 * FIFO (default): runs start in submission order. LAST_ONLY: submitting cancels the owner's queued runs of jobs with the same name, so only the latest waits.
 */
export type SchedulePolicy = 'FIFO' | 'LAST_ONLY';

/**
 * What a user submits as a job (`jobs.submit` args.spec, `featurelab jobs submit`). The owner is never part of it: the service records the authenticated caller.
 */
export interface JobSpec {
  /**
   * Job name, shown in lists; LAST_ONLY groups runs by name and owner. Default: the code's file name (or "inline").
   */
  name?: string;
  kind: JobKind;
  code: JobCode;
  /**
   * How the local backend starts Python code: spark-submit (default for spark-batch) or the Python interpreter as a plain process (a pyspark script still gets a local Spark session from pyspark itself). Other backends ignore it.
   */
  launcher?: 'spark-submit' | 'python';
  /**
   * Passed to the program unchanged as arguments --<name>=<value>, in this order, and as JSON in the environment variable FEATURELAB_JOB_PARAMETERS. Never through a shell.
   */
  parameters?: {
    [k: string]: string | undefined;
  };
  spark?: JobSparkSettings;
  policy?: SchedulePolicy;
  retries?: RetryPolicy;
  /**
   * Submitting again with the same key (per owner) returns the job the first submission created instead of a new one.
   */
  idempotencyKey?: string;
}
/**
 * A Python file, run where it is (retries run the file as it is then).
 */
export interface FileCode {
  type: 'file';
  path: string;
}
/**
 * Code cells of a notebook, copied when the job is submitted: one cell (`cell`), the notebook up to and including it (`cell` and `upTo`), or every code cell (no `cell`). Lines starting with % or ! (IPython magics and shell escapes) are commented out.
 */
export interface NotebookCode {
  type: 'notebook';
  path: string;
  /**
   * 0-based index among all cells of the notebook.
   */
  cell?: number;
  upTo?: boolean;
}
/**
 * Python source sent with the submission.
 */
export interface InlineCode {
  type: 'inline';
  source: string;
}
/**
 * A file at a git revision. Declared; no backend runs it yet.
 */
export interface GitCode {
  type: 'git';
  repository: string;
  ref: string;
  path: string;
}
/**
 * Spark configuration and resources of the job.
 */
export interface JobSparkSettings {
  /**
   * Spark properties, e.g. {"spark.sql.shuffle.partitions": "2"}.
   */
  conf?: {
    [k: string]: string | undefined;
  };
  driverMemory?: MemorySize;
  executorMemory?: MemorySize;
  driverCores?: number;
  executorCores?: number;
  numExecutors?: number;
}
/**
 * Automatic retries of failed runs (a non-zero exit). Cancelled and lost runs are not retried automatically. The n-th retry waits backoffSeconds * 2^(n-1), at most maxBackoffSeconds.
 */
export interface RetryPolicy {
  /**
   * Default: 0.
   */
  max?: number;
  /**
   * Default: 10.
   */
  backoffSeconds?: number;
  /**
   * Default: 600.
   */
  maxBackoffSeconds?: number;
}
