import path from 'node:path';
import type { LivyJobsConfig } from '@featurelab/core';
import { resolveConfig } from '../src/config/service-config.js';
import { createJobRuntime } from '../src/jobs/job-runtime.js';
import type { ResolvedJobSettings } from '../src/jobs/job-settings.js';
import { SqliteJobStore } from '../src/jobs/sqlite-job-store.js';
import { SqliteRegistry } from '../src/registry/sqlite-registry.js';
import { memoryLogger } from './helpers.js';
import { TEST_SETTINGS, type TestRuntime } from './jobs-helpers.js';

export interface LivyTestRuntime extends TestRuntime {
  /** The service's log lines (warn and above unless asked for more). */
  readonly logLines: Record<string, unknown>[];
}

/**
 * An in-process job service whose backend is the Livy at `livy.url`, on
 * `<workspace>/.featurelab/registry.db`, scheduler running. Opening a second one on the same
 * workspace is a restarted service.
 */
export function startLivyRuntime(
  workspace: string,
  livy: Omit<LivyJobsConfig, 'kind'>,
  settings: Partial<ResolvedJobSettings> = {},
  logLevel: 'debug' | 'info' | 'warn' | 'error' = 'warn'
): LivyTestRuntime {
  const config = resolveConfig({ jobs: { kind: 'livy', ...livy } }, workspace, {
    kind: 'defaults',
    path: ''
  });
  const registry = SqliteRegistry.open({
    path: path.join(workspace, '.featurelab', 'registry.db')
  });
  const { logger, lines } = memoryLogger(logLevel);
  const runtime = createJobRuntime({
    config,
    settings: { ...TEST_SETTINGS, ...settings },
    store: new SqliteJobStore(registry, false),
    logger,
    confineCodeToWorkspace: true
  });
  runtime.scheduler.start();
  return {
    ...runtime,
    registry,
    logLines: lines,
    close: async () => {
      await runtime.scheduler.stop();
      registry.close();
    }
  };
}
