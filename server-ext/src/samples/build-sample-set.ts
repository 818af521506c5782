import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FeaturelabError } from '@featurelab/core';
import type { ResolvedSampleSet } from './resolve-sample-set.js';
import type {
  SampleBuildInput,
  SampleBuildRecord,
  SampleBuildStore
} from './sample-build-store.js';

/** The Python builder could not be started, or it ended without a result file. */
export class SampleBuilderError extends FeaturelabError {
  constructor(message: string, hint: string) {
    super('SampleBuilderError', message, { hint });
  }
}

export interface BuildSampleSetOptions {
  readonly resolved: ResolvedSampleSet;
  readonly store: SampleBuildStore;
  readonly workspace: string;
  /** Who builds (recorded). */
  readonly user: string;
  /** Python with featurelab and pyspark installed. */
  readonly python: string;
  /** Spark master for the local session, e.g. local[*]. */
  readonly master: string;
  /** Tables holding feature groups' rows, by group name (default: each group's SQL source). */
  readonly sources?: Readonly<Record<string, string>>;
  /** Overrides the spec's output location. */
  readonly output?: { readonly table: string } | { readonly path: string };
  readonly now?: () => Date;
}

/** What the Python builder writes to its result file. */
interface BuilderResult {
  readonly status: 'succeeded' | 'failed';
  readonly output?: { table?: string; path?: string };
  readonly rows?: { labels?: number; output?: number; matched?: Record<string, number> };
  readonly timeRange?: { min?: string | null; max?: string | null };
  readonly error?: { kind?: string; message?: string; hint?: string | null };
  readonly [key: string]: unknown;
}

/** Where a build writes by default: `<workspace>/.featurelab/samples/<name>/data`. */
export function defaultOutputPath(workspace: string, sampleSet: string): string {
  return path.join(workspace, '.featurelab', 'samples', encodeURIComponent(sampleSet), 'data');
}

function outputLocation(options: BuildSampleSetOptions): { table: string } | { path: string } {
  if (options.output !== undefined) {
    return 'path' in options.output
      ? { path: path.resolve(options.workspace, options.output.path) }
      : options.output;
  }
  const declared = options.resolved.sampleSet.spec.output;
  if (declared?.table !== undefined) {
    return { table: declared.table };
  }
  if (declared?.path !== undefined) {
    return { path: path.resolve(options.workspace, declared.path) };
  }
  return { path: defaultOutputPath(options.workspace, options.resolved.sampleSet.name) };
}

/**
 * Build a sample set: run `python -m featurelab.samples build` as a child process (argument
 * array, no shell) on the resolved specs, then record the build, succeeded or failed, with its
 * inputs in the registry. Resolves to the record; a builder that could not run at all is also
 * recorded as failed before the error is thrown.
 */
export async function buildSampleSet(options: BuildSampleSetOptions): Promise<SampleBuildRecord> {
  const now = options.now ?? (() => new Date());
  const { resolved } = options;
  const id = randomUUID();
  const startedAt = now().toISOString();
  const applied = await options.store.appliedFeatureGroups();
  const inputs: SampleBuildInput[] = resolved.featureGroups.map(group => {
    const current = applied.groups.get(group.name.toLowerCase());
    return {
      featureGroup: group.name,
      contentHash: group.hash,
      registryVersion: current !== undefined && current.hash === group.hash ? current.version : null
    };
  });
  const output = outputLocation(options);
  const directory = path.join(
    options.workspace,
    '.featurelab',
    'samples',
    encodeURIComponent(resolved.sampleSet.name),
    'builds',
    id
  );
  mkdirSync(directory, { recursive: true });
  const requestFile = path.join(directory, 'request.json');
  const resultFile = path.join(directory, 'result.json');
  const logFile = path.join(directory, 'build.log');
  writeFileSync(
    requestFile,
    JSON.stringify({
      sampleSet: resolved.sampleSet.spec,
      featureGroups: resolved.featureGroups.map(group => group.spec),
      entities: resolved.entities,
      sources: options.sources ?? {},
      output
    })
  );

  let result: BuilderResult | undefined;
  let failure: SampleBuilderError | undefined;
  try {
    const exit = await runBuilder(
      options,
      [
        '-m',
        'featurelab.samples',
        'build',
        '--request',
        requestFile,
        '--result',
        resultFile,
        '--workspace',
        options.workspace,
        '--master',
        options.master
      ],
      logFile
    );
    result = readResult(resultFile);
    if (result === undefined) {
      failure = new SampleBuilderError(
        `the sample builder exited (${exit}) without writing ${resultFile}`,
        `Read ${logFile}; check that ${options.python} can import featurelab and pyspark.`
      );
    }
  } catch (error) {
    failure = new SampleBuilderError(
      `the sample builder could not be started with ${options.python}: ${error instanceof Error ? error.message : String(error)}`,
      'Pass --python with a Python that has featurelab and pyspark installed, or set FEATURELAB_PYTHON.'
    );
  }

  const builderError = result?.status === 'failed' ? result.error : undefined;
  const record: SampleBuildRecord = {
    id,
    sampleSet: resolved.sampleSet.name,
    status: result?.status === 'succeeded' ? 'succeeded' : 'failed',
    createdBy: options.user,
    startedAt,
    finishedAt: now().toISOString(),
    registryVersion: applied.version,
    specHash: resolved.sampleSet.hash,
    spec: resolved.sampleSet.spec,
    labelSource: resolved.sampleSet.spec.labels ?? null,
    inputs,
    timeRange: { min: result?.timeRange?.min ?? null, max: result?.timeRange?.max ?? null },
    rows: { labels: result?.rows?.labels ?? null, output: result?.rows?.output ?? null },
    output: result?.status === 'succeeded' ? (result.output ?? output) : null,
    result: result ?? null,
    error:
      failure?.message ??
      (builderError === undefined
        ? null
        : [builderError.kind, builderError.message, builderError.hint].filter(Boolean).join(': '))
  };
  await options.store.record(record);
  if (failure !== undefined) {
    throw failure;
  }
  return record;
}

function readResult(file: string): BuilderResult | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (typeof parsed === 'object' && parsed !== null && 'status' in parsed) {
      return parsed as BuilderResult;
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/** Spawn the builder with an argument array; its stdout and stderr go to `logFile`. */
function runBuilder(
  options: BuildSampleSetOptions,
  args: readonly string[],
  logFile: string
): Promise<string> {
  const log = openSync(logFile, 'a');
  let open = true;
  const close = (): void => {
    if (open) {
      open = false;
      closeSync(log);
    }
  };
  return new Promise<string>((resolve, reject) => {
    const child = spawn(options.python, [...args], {
      cwd: options.workspace,
      stdio: ['ignore', log, log],
      env: { ...process.env, SPARK_LOCAL_IP: process.env.SPARK_LOCAL_IP ?? '127.0.0.1' }
    });
    child.once('error', error => {
      close();
      reject(error);
    });
    child.once('exit', (code, signal) => {
      close();
      resolve(signal === null ? `exit code ${code ?? 'unknown'}` : `signal ${signal}`);
    });
  });
}
