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
 * Spark batch jobs submitted to Apache Livy.
 */
export interface LivyJobsConfig {
  kind: 'livy';
  /**
   * Base URL of the Livy REST API, e.g. http://livy.example.com:8998
   */
  url: string;
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
}
export interface LogConfig {
  level?: LogLevel;
}
