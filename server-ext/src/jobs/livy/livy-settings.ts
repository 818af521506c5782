import path from 'node:path';
import type { LivyJobsConfig } from '@featurelab/core';

/** The jobs.livy configuration with every default applied. */
export interface ResolvedLivySettings {
  readonly url: string;
  readonly requestTimeoutMs: number;
  readonly maxBackoffMs: number;
  readonly impersonate: boolean;
  readonly requestedBy: string;
  /** Absolute; undefined: code files stay in the run's folder in the workspace. */
  readonly stagingDir: string | undefined;
  readonly sessionKind: 'pyspark' | 'spark' | 'sql';
  readonly heartbeatMs: number;
  readonly sessionStartTimeoutMs: number;
  readonly conf: Readonly<Record<string, string>>;
}

export function resolveLivySettings(
  config: LivyJobsConfig,
  workspace: string
): ResolvedLivySettings {
  return {
    url: config.url.replace(/\/+$/, ''),
    requestTimeoutMs: (config.requestTimeoutSeconds ?? 10) * 1000,
    maxBackoffMs: (config.maxBackoffSeconds ?? 30) * 1000,
    impersonate: config.impersonate ?? true,
    requestedBy: config.requestedBy ?? 'featurelab',
    stagingDir:
      config.stagingDir === undefined ? undefined : path.resolve(workspace, config.stagingDir),
    sessionKind: config.sessionKind ?? 'pyspark',
    heartbeatMs: (config.heartbeatSeconds ?? 60) * 1000,
    sessionStartTimeoutMs: (config.sessionStartTimeoutSeconds ?? 300) * 1000,
    conf: stringsOnly(config.conf ?? {})
  };
}

/** A string map without the undefined values generated types allow. */
export function stringsOnly(
  map: Readonly<Record<string, string | undefined>>
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(map).filter((entry): entry is [string, string] => entry[1] !== undefined)
  );
}
