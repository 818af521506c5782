import type { Logger } from './logger.js';

/**
 * Send Node's process warnings through the structured logger, so stderr holds only JSON lines.
 *
 * Node 24 releases before node:sqlite left the experimental stage print an ExperimentalWarning
 * when it loads; that one is expected and logged at debug level only. Node emits warnings on
 * the next tick, so calling this synchronously at start-up catches the warning of a module
 * imported statically.
 */
export function routeProcessWarnings(logger: Logger): void {
  // Removing Node's own listener is what stops it printing the plain-text warning.
  process.removeAllListeners('warning');
  process.on('warning', (warning: Error) => {
    if (isSqliteExperimentalWarning(warning)) {
      logger.debug('node:sqlite is experimental in this Node.js release', {
        node: process.version
      });
      return;
    }
    logger.warn(warning.message, {
      warning: warning.name,
      code: (warning as { code?: unknown }).code
    });
  });
}

export function isSqliteExperimentalWarning(warning: Error): boolean {
  return warning.name === 'ExperimentalWarning' && /sqlite/i.test(warning.message);
}
