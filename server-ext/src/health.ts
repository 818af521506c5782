import {
  PROTOCOL_VERSION,
  type BackendStatus,
  type Caller,
  type HealthResult
} from '@featurelab/core';
import { redactUrl, type ResolvedServiceConfig } from './config/service-config.js';
import type { RegistryHandle } from './registry/registry-handle.js';
import { SERVICE_VERSION } from './service-version.js';

const NOT_CHECKED = 'configured, not checked yet';

/**
 * The backends as configured; remote backends are listed without contacting them (health's
 * `registry` section is the live check of the registry).
 */
export function describeBackends(config: ResolvedServiceConfig): BackendStatus[] {
  const defaulted = (section: 'registry' | 'spark' | 'jobs'): string =>
    config.defaulted.has(section) ? ' (embedded default)' : '';
  const registry: BackendStatus =
    config.registry.kind === 'sqlite'
      ? {
          name: 'registry',
          kind: 'sqlite',
          configured: true,
          detail: `SQLite file ${config.registry.path}${defaulted('registry')}`
        }
      : {
          name: 'registry',
          kind: 'postgresql',
          configured: true,
          detail: `PostgreSQL ${redactUrl(config.registry.url)}`
        };
  const spark: BackendStatus =
    config.spark.kind === 'local'
      ? {
          name: 'spark',
          kind: 'local',
          configured: true,
          detail: `local pyspark, master ${config.spark.master ?? 'local[*]'}${defaulted('spark')}`
        }
      : {
          name: 'spark',
          kind: 'livy',
          configured: true,
          detail: `Livy at ${config.spark.url}: ${NOT_CHECKED}`
        };
  let jobs: BackendStatus;
  switch (config.jobs.kind) {
    case 'local':
      jobs = {
        name: 'jobs',
        kind: 'local',
        configured: true,
        detail: `local processes${defaulted('jobs')}`
      };
      break;
    case 'livy':
      jobs = {
        name: 'jobs',
        kind: 'livy',
        configured: true,
        detail: `Livy batches at ${config.jobs.url}: ${NOT_CHECKED}`
      };
      break;
    case 'kubernetes':
      jobs = {
        name: 'jobs',
        kind: 'kubernetes',
        configured: true,
        detail: `Kubernetes namespace ${config.jobs.namespace}${config.jobs.context ? `, context ${config.jobs.context}` : ''}: ${NOT_CHECKED}`
      };
      break;
  }
  return [registry, spark, jobs];
}

export interface HealthInputs {
  readonly config: ResolvedServiceConfig;
  readonly registry: RegistryHandle;
  /** performance.now() when the service started. */
  readonly startedAt: number;
  readonly user: Caller;
  readonly now?: number;
}

/** Check the registry for real and report everything the service depends on. */
export async function checkHealth(inputs: HealthInputs): Promise<HealthResult> {
  const registry = await inputs.registry.health();
  const uptimeMs = (inputs.now ?? performance.now()) - inputs.startedAt;
  return {
    status: registry.ok ? 'ok' : 'error',
    version: SERVICE_VERSION,
    protocol: PROTOCOL_VERSION,
    uptimeSeconds: Math.max(0, Math.round(uptimeMs / 100) / 10),
    user: inputs.user.username,
    registry,
    backends: describeBackends(inputs.config)
  };
}
