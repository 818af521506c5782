import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/**
 * The absolute path of `program`: itself when it contains a slash, else the first executable
 * of that name on PATH; undefined when there is none.
 */
export function findExecutable(
  program: string,
  env: NodeJS.ProcessEnv = process.env
): string | undefined {
  const candidates = program.includes('/')
    ? [path.resolve(program)]
    : (env.PATH ?? '')
        .split(path.delimiter)
        .filter(dir => dir !== '')
        .map(dir => path.join(dir, program));
  return candidates.find(isExecutable);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface Programs {
  /** spark-submit, or undefined when none was found. */
  readonly sparkSubmit: string | undefined;
  readonly python: string | undefined;
}

/**
 * The launchers: the configured ones, else $SPARK_HOME/bin/spark-submit, spark-submit on
 * PATH (pip's pyspark installs it next to python), $FEATURELAB_PYTHON, python3 on PATH.
 */
export function findPrograms(
  configured: { readonly sparkSubmit: string | undefined; readonly python: string | undefined },
  env: NodeJS.ProcessEnv = process.env
): Programs {
  const sparkHome = env.SPARK_HOME;
  return {
    sparkSubmit:
      (configured.sparkSubmit && findExecutable(configured.sparkSubmit, env)) ??
      (sparkHome ? findExecutable(path.join(sparkHome, 'bin', 'spark-submit'), env) : undefined) ??
      findExecutable('spark-submit', env),
    python:
      (configured.python && findExecutable(configured.python, env)) ??
      (env.FEATURELAB_PYTHON ? findExecutable(env.FEATURELAB_PYTHON, env) : undefined) ??
      findExecutable('python3', env)
  };
}
