import type { Readable, Writable } from 'node:stream';
import { PROTOCOL_VERSION, type ReadyNotificationParams } from '@featurelab/core';
import type { ResolvedServiceConfig } from './config/service-config.js';
import { Dispatcher } from './jsonrpc/dispatcher.js';
import { StreamConnection } from './jsonrpc/connection.js';
import type { Logger } from './logger.js';
import { registerDebugMethods, registerServiceMethods } from './methods.js';
import { RegistryHandle } from './registry/registry-handle.js';
import { SERVICE_VERSION } from './service-version.js';

export const READY_NOTIFICATION = 'featurelab/ready';

export interface ServeOptions {
  readonly config: ResolvedServiceConfig;
  readonly logger: Logger;
  readonly input: Readable;
  readonly output: Writable;
  readonly enableDebugMethods: boolean;
  /** Called by debug.exit; process.exit in production. */
  readonly exit: (code: number) => void;
}

/** A running service; stop() shuts it down gracefully. */
export interface RunningService {
  /** Resolves after shutdown, whatever caused it (stdin end, or stop()). */
  readonly finished: Promise<void>;
  /** Stop answering, wait briefly for requests in flight, close the registry. */
  stop(reason: string): Promise<void>;
}

/**
 * Serve JSON-RPC on a pair of streams until the input ends or stop() is called.
 */
export function serve(options: ServeOptions): RunningService {
  const { config, logger } = options;
  const startedAt = performance.now();
  const registry = new RegistryHandle(config.registry, logger.child({ component: 'registry' }));
  // Opening (a PostgreSQL registry connects over the network) does not hold up `ready`;
  // requests that need the registry wait for it, health reports why it failed.
  void registry.open();

  const dispatcher = new Dispatcher(logger.child({ component: 'rpc' }));
  registerServiceMethods(dispatcher, { config, registry, startedAt, logger });
  if (options.enableDebugMethods) {
    registerDebugMethods(dispatcher, logger, options.exit);
  }

  const connection = new StreamConnection(
    options.input,
    options.output,
    dispatcher,
    logger.child({ component: 'stdio' })
  );
  let stopping: Promise<void> | undefined;
  const stop = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      logger.info('shutting down', { reason });
      options.input.pause();
      await connection.drain();
      await registry.close();
      logger.info('stopped');
    })();
    return stopping;
  };
  const finished = connection.listen().then(() => stop('stdin closed'));

  const ready: ReadyNotificationParams = {
    version: SERVICE_VERSION,
    protocol: PROTOCOL_VERSION,
    pid: process.pid
  };
  connection.notify(READY_NOTIFICATION, ready);
  logger.info('service ready', {
    ...ready,
    workspace: config.workspace,
    config: config.source.kind === 'file' ? config.source.path : 'embedded defaults',
    methods: dispatcher.methodNames
  });
  return { finished, stop };
}
