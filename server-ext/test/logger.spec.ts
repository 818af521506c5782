import { describe, expect, it } from 'vitest';
import { FeaturelabError } from '@featurelab/core';
import { Logger, isLogLevel } from '../src/logger.js';
import { isSqliteExperimentalWarning } from '../src/process-warnings.js';

function capture(level: 'debug' | 'info' | 'warn' | 'error'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = new Logger({
    level,
    sink: line => lines.push(line),
    now: () => new Date('2025-06-01T12:00:00Z')
  });
  return { logger, lines };
}

describe('Logger', () => {
  it('writes one JSON object per line with time, level, msg and fields', () => {
    const { logger, lines } = capture('info');
    logger.info('registry open', { path: '/w/r.db', schemaVersion: 1 });
    expect(lines).toEqual([
      '{"time":"2025-06-01T12:00:00.000Z","level":"info","msg":"registry open","path":"/w/r.db","schemaVersion":1}\n'
    ]);
  });

  it('drops lines below the level and follows level changes', () => {
    const { logger, lines } = capture('warn');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.setLevel('debug');
    logger.debug('d2');
    expect(lines.map(line => (JSON.parse(line) as { msg: string }).msg)).toEqual(['w', 'd2']);
  });

  it('adds child bindings and never lets fields overwrite time, level or msg', () => {
    const { logger, lines } = capture('debug');
    logger.child({ component: 'rpc' }).info('hello', { level: 'error', msg: 'spoof', id: 3 });
    expect(JSON.parse(lines[0])).toEqual({
      time: '2025-06-01T12:00:00.000Z',
      level: 'info',
      msg: 'hello',
      component: 'rpc',
      id: 3
    });
  });

  it('serializes errors with kind, message, stack and cause', () => {
    const { logger, lines } = capture('debug');
    const error = new FeaturelabError('RegistryUnavailableError', 'gone', {
      cause: new Error('ENOSPC')
    });
    logger.error('failed', { error });
    const logged = (JSON.parse(lines[0]) as { error: Record<string, unknown> }).error;
    expect(logged).toMatchObject({
      name: 'RegistryUnavailableError',
      kind: 'RegistryUnavailableError',
      message: 'gone',
      cause: { message: 'ENOSPC' }
    });
    expect(String(logged.stack)).toContain('gone');
  });

  it('survives fields that JSON cannot represent', () => {
    const { logger, lines } = capture('debug');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    logger.info('odd', { cyclic, big: 1n });
    expect(JSON.parse(lines[0])).toMatchObject({ msg: 'odd', logError: 'fields not serializable' });
  });

  it('knows its level names', () => {
    expect(isLogLevel('warn')).toBe(true);
    expect(isLogLevel('trace')).toBe(false);
  });
});

describe('isSqliteExperimentalWarning', () => {
  it('matches only the node:sqlite experimental warning', () => {
    const sqlite = Object.assign(
      new Error('SQLite is an experimental feature and might change at any time'),
      { name: 'ExperimentalWarning' }
    );
    const other = Object.assign(new Error('VM Modules is an experimental feature'), {
      name: 'ExperimentalWarning'
    });
    const deprecation = Object.assign(new Error('sqlite thing deprecated'), {
      name: 'DeprecationWarning'
    });
    expect(isSqliteExperimentalWarning(sqlite)).toBe(true);
    expect(isSqliteExperimentalWarning(other)).toBe(false);
    expect(isSqliteExperimentalWarning(deprecation)).toBe(false);
  });
});

describe('routeProcessWarnings', () => {
  it('logs process warnings as JSON and drops the SQLite experimental warning to debug', async () => {
    const { routeProcessWarnings } = await import('../src/process-warnings.js');
    const saved = process.listeners('warning');
    const { logger, lines } = capture('info');
    try {
      routeProcessWarnings(logger);
      process.emitWarning(
        'SQLite is an experimental feature and might change at any time',
        'ExperimentalWarning'
      );
      process.emitWarning('something else is odd', 'Warning');
      await new Promise(resolve => setImmediate(resolve));
    } finally {
      process.removeAllListeners('warning');
      for (const listener of saved) {
        process.on('warning', listener);
      }
    }
    expect(lines.map(line => JSON.parse(line) as Record<string, unknown>)).toEqual([
      {
        time: '2025-06-01T12:00:00.000Z',
        level: 'warn',
        msg: 'something else is odd',
        warning: 'Warning'
      }
    ]);
  });
});
