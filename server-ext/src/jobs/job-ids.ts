import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { JOBS_DIR } from './job-settings.js';
import type { NewRun } from './job-store.js';

/** Short random ids people can type: 48 bits is plenty for the jobs of one registry. */
export function newJobId(): string {
  return `job-${randomBytes(6).toString('hex')}`;
}

/** A new run with its folder under `<workspace>/.featurelab/jobs/<run-id>/`. */
export function newRun(workspace: string, notBefore?: string): NewRun {
  const id = `run-${randomBytes(6).toString('hex')}`;
  return {
    id,
    logFile: path.join(workspace, JOBS_DIR, id, 'output.log'),
    ...(notBefore === undefined ? {} : { notBefore })
  };
}
