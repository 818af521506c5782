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
  training?: TrainingSettings;
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
 * Where and how a training job runs on Kubernetes: container image, resources, placement and, for distributed training, the roles and their replicas. The local backend ignores it.
 */
export interface TrainingSettings {
  /**
   * Container image; must match the image allow-list of the configuration (jobs.images).
   */
  image: string;
  /**
   * Program and arguments run in the container; the code is at /featurelab/code/main.py. Default: ["python", "/featurelab/code/main.py"]. Parameters are appended as --<name>=<value>.
   *
   * @minItems 1
   * @maxItems 256
   */
  command?: [string, ...string[]];
  /**
   * Environment variables of every container.
   */
  env?: {
    [k: string]: string | undefined;
  };
  resources?: TrainingResources;
  /**
   * Node labels every pod requires, e.g. {"cloud.google.com/gke-accelerator": "nvidia-l4"}.
   */
  nodeSelector?: {
    [k: string]: string | undefined;
  };
  /**
   * Taints the pods tolerate (e.g. GPU nodes tainted nvidia.com/gpu:NoSchedule).
   *
   * @maxItems 32
   */
  tolerations?: TrainingToleration[];
  /**
   * Persistent volume claims to mount, by their name in the configuration's approved list (jobs.volumes).
   *
   * @maxItems 16
   */
  volumes?:
    | []
    | [TrainingVolumeMount]
    | [TrainingVolumeMount, TrainingVolumeMount]
    | [TrainingVolumeMount, TrainingVolumeMount, TrainingVolumeMount]
    | [TrainingVolumeMount, TrainingVolumeMount, TrainingVolumeMount, TrainingVolumeMount]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ];
  /**
   * Secrets to mount, by their name in the configuration's approved list (jobs.secrets).
   *
   * @maxItems 16
   */
  secrets?:
    | []
    | [TrainingVolumeMount]
    | [TrainingVolumeMount, TrainingVolumeMount]
    | [TrainingVolumeMount, TrainingVolumeMount, TrainingVolumeMount]
    | [TrainingVolumeMount, TrainingVolumeMount, TrainingVolumeMount, TrainingVolumeMount]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ]
    | [
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount,
        TrainingVolumeMount
      ];
  distributed?: DistributedTraining;
  /**
   * Run the containers privileged. Always refused by the submission policy; declared so the refusal can say why.
   */
  privileged?: boolean;
  /**
   * Use the node's network. Always refused by the submission policy.
   */
  hostNetwork?: boolean;
  /**
   * Share the node's process namespace. Always refused by the submission policy.
   */
  hostPID?: boolean;
  /**
   * Mount folders of the node. Always refused by the submission policy: use an approved volume.
   */
  hostPaths?: {
    path: string;
    mountPath: string;
  }[];
}
/**
 * Resources of each pod (each replica of each role).
 */
export interface TrainingResources {
  /**
   * GPUs per pod (the nvidia.com/gpu limit). Default: 0.
   */
  gpus?: number;
  /**
   * GPU model: pods go to nodes whose GPU product label (jobs.gpuTypeLabel, default nvidia.com/gpu.product) has this value, e.g. NVIDIA-A100-SXM4-40GB.
   */
  gpuType?: string;
  /**
   * CPU request and limit as a Kubernetes quantity, e.g. 4 or 500m.
   */
  cpu?: string;
  /**
   * Memory request and limit as a Kubernetes quantity, e.g. 16Gi or 512Mi.
   */
  memory?: string;
}
export interface TrainingToleration {
  key: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}
export interface TrainingVolumeMount {
  /**
   * Name in the configuration's approved list.
   */
  name: string;
  /**
   * Absolute path in the container.
   */
  mountPath: string;
  readOnly?: boolean;
}
/**
 * Several pods training together. pytorch: `workers` pods (rank 0 is the master) with RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT set. tensorflow: a chief, `workers` workers and `parameterServers` parameter servers, each with its TF_CONFIG. Both run as Indexed Jobs with a headless Service.
 */
export interface DistributedTraining {
  framework: 'pytorch' | 'tensorflow';
  /**
   * pytorch: number of pods (the world size). tensorflow: number of workers besides the chief.
   */
  workers: number;
  /**
   * tensorflow only: parameter servers. Default: 0.
   */
  parameterServers?: number;
  /**
   * tensorflow only: run a chief besides the workers. Default: true.
   */
  chief?: boolean;
  /**
   * Port the pods talk to each other on. Default: 29500 (pytorch), 2222 (tensorflow).
   */
  port?: number;
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
