import { setTimeout as sleep } from 'node:timers/promises';
import { InvalidArgumentsError, PROTOCOL_VERSION, type VersionResult } from '@featurelab/core';
import type { ResolvedServiceConfig } from './config/service-config.js';
import { checkHealth } from './health.js';
import { registerCatalogMethods } from './catalog/service-methods.js';
import type { Dispatcher, RequestContext } from './jsonrpc/dispatcher.js';
import type { Logger } from './logger.js';
import { registerJobMethods } from './jobs/service-methods.js';
import { registerSpecMethods } from './plan/service-methods.js';
import type { RegistryHandle } from './registry/registry-handle.js';
import { SERVICE_VERSION } from './service-version.js';

/** Longest debug.sleep; keeps a typo from hanging a test run for hours. */
const MAX_SLEEP_MS = 10 * 60 * 1000;

export interface ServiceState {
  readonly config: ResolvedServiceConfig;
  readonly registry: RegistryHandle;
  readonly startedAt: number;
  readonly logger: Logger;
}

export function versionResult(): VersionResult {
  return { service: SERVICE_VERSION, protocol: PROTOCOL_VERSION, node: process.version };
}

/** Register the methods every service offers. */
export function registerServiceMethods(dispatcher: Dispatcher, state: ServiceState): void {
  dispatcher.register('version', () => versionResult());
  dispatcher.register('health', ({ user }) =>
    checkHealth({
      config: state.config,
      registry: state.registry,
      startedAt: state.startedAt,
      user
    })
  );
  registerSpecMethods(dispatcher, state.config.workspace, state.registry);
  registerCatalogMethods(dispatcher, {
    workspace: state.config.workspace,
    specsFolder: state.config.specsFolder,
    registry: state.registry
  });
  registerJobMethods(
    dispatcher,
    state.config,
    state.registry,
    state.logger.child({ component: 'jobs' })
  );
}

/**
 * Methods that let tests of the Jupyter server extension provoke slow requests and crashes.
 * Registered only with --enable-debug-methods.
 */
export function registerDebugMethods(
  dispatcher: Dispatcher,
  logger: Logger,
  exit: (code: number) => void
): void {
  dispatcher.register('debug.sleep', async ({ args }: RequestContext) => {
    const ms = integerArg(args.ms, 'ms', 0, MAX_SLEEP_MS);
    await sleep(ms);
    return { slept: ms };
  });
  dispatcher.register('debug.exit', ({ args, user }: RequestContext) => {
    const code = integerArg(args.code ?? 0, 'code', 0, 255);
    // Exits without replying, like a crash in the middle of a request.
    logger.warn('exiting on debug.exit', { code, user: user.username });
    exit(code);
    return new Promise<never>(() => undefined);
  });
}

function integerArg(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentsError(
      `args.${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(value) ?? 'nothing'}`,
      {
        hint: `Send {"args": {"${name}": <integer>}}.`
      }
    );
  }
  return value;
}
