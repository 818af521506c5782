import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveConfig } from '../src/config/service-config.js';
import { createJobRuntime, type JobRuntime } from '../src/jobs/job-runtime.js';
import { DEFAULT_JOB_SETTINGS, type ResolvedJobSettings } from '../src/jobs/job-settings.js';
import type { JobDetails } from '../src/jobs/job-view.js';
import { SqliteJobStore } from '../src/jobs/sqlite-job-store.js';
import { SqliteRegistry } from '../src/registry/sqlite-registry.js';
import { memoryLogger } from './helpers.js';

/** Fast settings for tests: short polls and grace period. */
export const TEST_SETTINGS: ResolvedJobSettings = {
  ...DEFAULT_JOB_SETTINGS,
  pollIntervalMs: 50,
  cancelGraceMs: 1000
};

export interface TestRuntime extends JobRuntime {
  readonly registry: SqliteRegistry;
  close(): Promise<void>;
}

/** An in-process job service on `<workspace>/.featurelab/registry.db`, scheduler running. */
export function startRuntime(
  workspace: string,
  settings: Partial<ResolvedJobSettings> = {}
): TestRuntime {
  const config = resolveConfig({}, workspace, { kind: 'defaults', path: '' });
  const registry = SqliteRegistry.open({
    path: path.join(workspace, '.featurelab', 'registry.db')
  });
  const runtime = createJobRuntime({
    config,
    settings: { ...TEST_SETTINGS, ...settings },
    store: new SqliteJobStore(registry, false),
    logger: memoryLogger('warn').logger,
    confineCodeToWorkspace: true
  });
  runtime.scheduler.start();
  return {
    ...runtime,
    registry,
    close: async () => {
      await runtime.scheduler.stop();
      registry.close();
    }
  };
}

/** Write a Python script into the workspace; returns its workspace-relative path. */
export function script(workspace: string, name: string, source: string): string {
  writeFileSync(path.join(workspace, name), source);
  return name;
}

/** Poll get() until `done` holds (or fail after timeoutMs). */
export async function waitForJob(
  runtime: JobRuntime,
  user: string,
  id: string,
  done: (job: JobDetails) => boolean,
  timeoutMs = 15_000
): Promise<JobDetails> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await runtime.service.get(user, id);
    if (done(job)) {
      return job;
    }
    if (Date.now() > deadline) {
      throw new Error(`job ${id} still ${job.state} after ${timeoutMs} ms: ${JSON.stringify(job)}`);
    }
    await sleep(50);
  }
}

export const ended = (job: JobDetails): boolean =>
  ['succeeded', 'failed', 'cancelled', 'lost'].includes(job.state);

/** True while a process exists (zombies count as gone). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) Z /.test(stat);
  } catch {
    return false;
  }
}
