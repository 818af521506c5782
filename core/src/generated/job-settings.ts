/* eslint-disable */
/**
 * GENERATED FILE, DO NOT EDIT. Source: schemas/job-settings.schema.json
 * Regenerate with `npm run build:schemas` (scripts/gen-schema-types.mjs).
 */

/**
 * Settings of the job service, read from <workspace>/.featurelab/jobs.json by the service and the `featurelab jobs` commands alike. Every field is optional.
 */
export interface JobSettings {
  $schema?: string;
  /**
   * Runs that may be active (submitting, running or cancelling) at once. Default: 2.
   */
  concurrency?: number;
  /**
   * Users who may see and cancel every user's jobs. Default: none.
   */
  admins?: string[];
  /**
   * spark-submit to run. Default: $SPARK_HOME/bin/spark-submit, else spark-submit on PATH.
   */
  sparkSubmit?: string;
  /**
   * Python for plain-process jobs. Default: $FEATURELAB_PYTHON, else python3 on PATH.
   */
  python?: string;
  /**
   * How often the scheduler checks runs. Default: 500.
   */
  pollIntervalMs?: number;
  /**
   * Time between SIGTERM and SIGKILL when cancelling a local run. Default: 10.
   */
  cancelGraceSeconds?: number;
}
