import type { JobSpec } from '@featurelab/core';
import { JobNotSupportedError } from '../errors.js';
import type { Programs } from './executables.js';

export type Launcher = 'spark-submit' | 'python';

/** spark-submit for Spark batches; the plain interpreter for training or when asked. */
export function launcherOf(spec: JobSpec): Launcher {
  return spec.launcher ?? (spec.kind === 'training' ? 'python' : 'spark-submit');
}

export interface LaunchInputs {
  readonly spec: JobSpec;
  readonly name: string;
  /** Absolute path of the Python file to run. */
  readonly script: string;
  readonly programs: Programs;
  /** Master for spark-submit, e.g. local[*]. */
  readonly sparkMaster: string;
}

/**
 * The argument array of a local run. Parameters become `--name=value` arguments: one array
 * element each, so quotes, `$()`, `;` and newlines reach the program exactly as submitted.
 *
 * @throws JobNotSupportedError when the launcher's program was not found.
 */
export function launchArguments(inputs: LaunchInputs): string[] {
  const { spec } = inputs;
  const parameters = Object.entries(spec.parameters ?? {}).map(
    ([key, value]) => `--${key}=${value}`
  );
  if (launcherOf(spec) === 'python') {
    return [required(inputs.programs.python, 'python'), inputs.script, ...parameters];
  }
  const spark = spec.spark ?? {};
  const resources: [string, string | number | undefined][] = [
    ['--driver-memory', spark.driverMemory],
    ['--executor-memory', spark.executorMemory],
    ['--driver-cores', spark.driverCores],
    ['--executor-cores', spark.executorCores],
    ['--num-executors', spark.numExecutors]
  ];
  return [
    required(inputs.programs.sparkSubmit, 'spark-submit'),
    '--master',
    inputs.sparkMaster,
    '--name',
    inputs.name,
    ...resources.flatMap(([flag, value]) => (value === undefined ? [] : [flag, String(value)])),
    ...Object.entries(spark.conf ?? {}).flatMap(([key, value]) => ['--conf', `${key}=${value}`]),
    inputs.script,
    ...parameters
  ];
}

function required(program: string | undefined, name: Launcher): string {
  if (program === undefined) {
    throw new JobNotSupportedError(`no ${name} found to run the job`, {
      hint:
        name === 'spark-submit'
          ? 'Install pyspark in the environment of JupyterLab, set SPARK_HOME, or set "sparkSubmit" in .featurelab/jobs.json.'
          : 'Put python3 on PATH, set FEATURELAB_PYTHON, or set "python" in .featurelab/jobs.json.'
    });
  }
  return program;
}
