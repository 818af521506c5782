import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JOB_SETTINGS_SCHEMA, type JobSettings } from '@featurelab/core';
import { STATE_DIR } from '../config/service-config.js';
import { ConfigError } from '../errors.js';
import { SchemaValidator } from '../schema-validation.js';

/** Job settings file inside the workspace, shared by the service and the CLI. */
export const JOB_SETTINGS_FILE = path.join(STATE_DIR, 'jobs.json');

/** Folder of the runs' files (logs, exit status) inside the workspace. */
export const JOBS_DIR = path.join(STATE_DIR, 'jobs');

/** Job settings with every default applied. */
export interface ResolvedJobSettings {
  readonly concurrency: number;
  readonly admins: readonly string[];
  /** Explicit programs; undefined means "find it" (see local/executables.ts). */
  readonly sparkSubmit: string | undefined;
  readonly python: string | undefined;
  readonly pollIntervalMs: number;
  readonly cancelGraceMs: number;
}

export const DEFAULT_JOB_SETTINGS: ResolvedJobSettings = {
  concurrency: 2,
  admins: [],
  sparkSubmit: undefined,
  python: undefined,
  pollIntervalMs: 500,
  cancelGraceMs: 10_000
};

const validator = new SchemaValidator<JobSettings>(JOB_SETTINGS_SCHEMA);

/**
 * Read `<workspace>/.featurelab/jobs.json`; the defaults when it does not exist.
 *
 * @throws ConfigError naming the file and each bad field.
 */
export function loadJobSettings(workspace: string): ResolvedJobSettings {
  const file = path.join(workspace, JOB_SETTINGS_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return DEFAULT_JOB_SETTINGS;
    }
    throw new ConfigError(`cannot read the job settings ${file}`, file, [], {
      hint: `Make ${file} readable, or delete it to use the defaults.`,
      cause: error
    });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`the job settings ${file} are not valid JSON`, file, [], {
      hint: `Fix the JSON syntax in ${file}, or delete it to use the defaults.`,
      cause: error
    });
  }
  const outcome = validator.validate(document);
  if (!outcome.ok) {
    const lines = outcome.problems.map(p => `  - ${p.pointer || '(top level)'}: ${p.message}`);
    throw new ConfigError(
      `invalid job settings in ${file}:\n${lines.join('\n')}`,
      file,
      outcome.problems,
      {
        hint: `Fix the fields listed (schemas/job-settings.schema.json describes them), or delete ${file}.`
      }
    );
  }
  return resolveJobSettings(outcome.value, workspace);
}

export function resolveJobSettings(settings: JobSettings, workspace: string): ResolvedJobSettings {
  const program = (value: string | undefined): string | undefined =>
    // A bare name is looked up on PATH; anything with a slash is a path in the workspace.
    value === undefined || !value.includes('/') ? value : path.resolve(workspace, value);
  return {
    concurrency: settings.concurrency ?? DEFAULT_JOB_SETTINGS.concurrency,
    admins: settings.admins ?? [],
    sparkSubmit: program(settings.sparkSubmit),
    python: program(settings.python),
    pollIntervalMs: settings.pollIntervalMs ?? DEFAULT_JOB_SETTINGS.pollIntervalMs,
    cancelGraceMs:
      settings.cancelGraceSeconds === undefined
        ? DEFAULT_JOB_SETTINGS.cancelGraceMs
        : settings.cancelGraceSeconds * 1000
  };
}
