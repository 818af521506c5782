/* eslint-disable */
/**
 * GENERATED FILE, DO NOT EDIT. Source: schemas/service-config.schema.json
 * Regenerate with `npm run build:schemas` (scripts/gen-schema-types.mjs).
 */

/**
 * Where feature groups, checks, samples and jobs are recorded.
 */
export type RegistryConfig = SqliteRegistryConfig | PostgresqlRegistryConfig;
/**
 * Where Spark work runs.
 */
export type SparkConfig = LocalSparkConfig | LivySparkConfig;
/**
 * Where batch and training jobs run.
 */
export type JobsConfig = LocalJobsConfig | LivyJobsConfig | KubernetesJobsConfig;
/**
 * Lowest level written to stderr. Default: info
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Configuration of the Featurelab service, read from <workspace>/.featurelab/config.json or --config FILE. Every section is optional; missing sections take the embedded defaults (SQLite registry in the workspace, local Spark, local jobs, log level info).
 */
export interface ServiceConfig {
  /**
   * Optional link to this schema, for editor completion.
   */
  $schema?: string;
  registry?: RegistryConfig;
  spark?: SparkConfig;
  jobs?: JobsConfig;
  log?: LogConfig;
  specs?: SpecsConfig;
}
/**
 * A SQLite file; the embedded default.
 */
export interface SqliteRegistryConfig {
  kind: 'sqlite';
  /**
   * Database file, relative to the workspace unless absolute. Default: .featurelab/registry.db
   */
  path?: string;
}
/**
 * A PostgreSQL database shared by a team. The registry keeps its tables in the first schema of the search_path (add ?options=-c%20search_path%3Dname to use another schema) and migrates them itself.
 */
export interface PostgresqlRegistryConfig {
  kind: 'postgresql';
  /**
   * Connection URL, e.g. postgresql://featurelab@db.example.com:5432/featurelab. The password may be in the URL, in PGPASSWORD or in ~/.pgpass; health and logs show the URL without it.
   */
  url: string;
}
/**
 * Local pyspark; the embedded default.
 */
export interface LocalSparkConfig {
  kind: 'local';
  /**
   * Spark master URL for local runs. Default: local[*]
   */
  master?: string;
}
/**
 * An Apache Livy server in front of a Spark cluster.
 */
export interface LivySparkConfig {
  kind: 'livy';
  /**
   * Base URL of the Livy REST API, e.g. http://livy.example.com:8998
   */
  url: string;
}
/**
 * Local processes; the embedded default.
 */
export interface LocalJobsConfig {
  kind: 'local';
}
/**
 * Spark jobs submitted to Apache Livy: spark-batch jobs as Livy batches, spark-statement jobs as statements in the owner's interactive session. Administrators set this; users cannot change it.
 */
export interface LivyJobsConfig {
  kind: 'livy';
  /**
   * Base URL of the Livy REST API, e.g. http://livy.example.com:8998
   */
  url: string;
  /**
   * Give up on one Livy request after this long. Default: 10.
   */
  requestTimeoutSeconds?: number;
  /**
   * While Livy is unreachable, requests wait 1 s, 2 s, 4 s... up to this long between attempts, failing at once in between. Default: 30.
   */
  maxBackoffSeconds?: number;
  /**
   * Send the Jupyter user as Livy's proxyUser (Livy needs livy.impersonation.enabled). Default: true.
   */
  impersonate?: boolean;
  /**
   * Value of the X-Requested-By header Livy's CSRF protection requires. Default: featurelab.
   */
  requestedBy?: string;
  /**
   * Folder, as Livy's machine sees it, for the code files of notebook and inline jobs; must be in Livy's livy.file.local-dir-whitelist. Default: the run's folder in the workspace (.featurelab/jobs/<run-id>), for a Livy that shares the service's file system.
   */
  stagingDir?: string;
  /**
   * Kind of the interactive sessions for spark-statement jobs. Default: pyspark.
   */
  sessionKind?: 'pyspark' | 'spark' | 'sql';
  /**
   * While a user's interactive session is in use, touch it this often so Livy's session timeout does not end it while the user thinks. Default: 60.
   */
  heartbeatSeconds?: number;
  /**
   * An interactive session not idle after this long is reported as failed. Default: 300.
   */
  sessionStartTimeoutSeconds?: number;
  /**
   * Spark configuration every job gets; a job's own spark.conf wins.
   */
  conf?: {
    [k: string]: string | undefined;
  };
}
/**
 * Kubernetes Jobs, e.g. for GPU training.
 */
export interface KubernetesJobsConfig {
  kind: 'kubernetes';
  /**
   * Namespace the jobs are created in.
   */
  namespace: string;
  /**
   * kubeconfig context to use. Default: the current context.
   */
  context?: string;
  /**
   * kubeconfig file, relative to the workspace unless absolute. Default: $KUBECONFIG, then ~/.kube/config.
   */
  kubeconfig?: string;
  /**
   * Use the service account of the pod the service runs in instead of a kubeconfig.
   */
  inCluster?: boolean;
  /**
   * Image allow-list: an image must equal an entry, or start with an entry that ends in * (e.g. registry.example.com/ml/*). Default: every image is refused, so an administrator must name the images.
   */
  images?: string[];
  caps?: KubernetesCaps;
  /**
   * Kueue LocalQueue the jobs are submitted to (label kueue.x-k8s.io/queue-name); Kueue then admits them within its quotas.
   */
  queue?: string;
  /**
   * Approved persistent volume claims: a job names an entry, never a claim directly.
   */
  volumes?: KubernetesApprovedVolume[];
  /**
   * Approved secrets: a job names an entry, never a secret directly.
   */
  secrets?: KubernetesApprovedSecret[];
  /**
   * Extended resource name of a GPU. Default: nvidia.com/gpu.
   */
  gpuResource?: string;
  /**
   * Node label naming the GPU model (a job's resources.gpuType). Default: nvidia.com/gpu.product.
   */
  gpuTypeLabel?: string;
  /**
   * Kubernetes deletes finished Jobs this long after they end. Default: 86400.
   */
  ttlSecondsAfterFinished?: number;
}
/**
 * Resource caps per job: `default` for everyone, `users` overrides per user name.
 */
export interface KubernetesCaps {
  default?: KubernetesResourceCap;
  users?: {
    [k: string]: KubernetesResourceCap | undefined;
  };
}
/**
 * The most one job may ask for, summed over all its pods. A missing field: no cap.
 */
export interface KubernetesResourceCap {
  gpus?: number;
  pods?: number;
  /**
   * CPU cores, e.g. 64 or 500m.
   */
  cpu?: string;
  /**
   * Memory, e.g. 512Gi.
   */
  memory?: string;
}
export interface KubernetesApprovedVolume {
  /**
   * Name jobs use.
   */
  name: string;
  /**
   * PersistentVolumeClaim in the jobs' namespace.
   */
  claimName: string;
  /**
   * Always mount read-only.
   */
  readOnly?: boolean;
}
export interface KubernetesApprovedSecret {
  /**
   * Name jobs use.
   */
  name: string;
  /**
   * Secret in the jobs' namespace (mounted read-only).
   */
  secretName: string;
}
export interface LogConfig {
  level?: LogLevel;
}
/**
 * The workspace's feature-as-code folder: where the catalog finds the file and line that declare a registered object.
 */
export interface SpecsConfig {
  /**
   * Spec folder, relative to the workspace unless absolute. Default: features.
   */
  folder?: string;
}
