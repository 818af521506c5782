import { readFileSync } from 'node:fs';

import type { TranslationBundle } from '@jupyterlab/translation';
import { describe, expect, it } from 'vitest';

import { classifyHandshake, describeHandshake } from '../src/handshake.js';
import { NetworkError, ResponseError } from '../src/request.js';
import { deriveHealth } from '../src/service.js';
import type { IStatusInfo, IVersionInfo } from '../src/tokens.js';
import { CLIENT_VERSION } from '../src/version.js';

/**
 * A translation bundle that substitutes `%1`, `%2`... like JupyterLab's.
 */
const trans = {
  __: (text: string, ...args: unknown[]) =>
    text.replace(/%(\d+)/g, (_, n: string) => String(args[Number(n) - 1]))
} as unknown as TranslationBundle;

const version = (overrides: Partial<IVersionInfo> = {}): IVersionInfo => ({
  shim: '0.1.0',
  service: '0.1.0',
  protocol: 1,
  compatible: true,
  message: '',
  ...overrides
});

describe('classifyHandshake', () => {
  it('accepts matching versions', () => {
    expect(classifyHandshake('0.1.0', { version: version() }).kind).toBe('compatible');
    expect(classifyHandshake('0.1.3', { version: version({ shim: '0.1.0' }) }).kind).toBe(
      'compatible'
    );
  });

  it('detects a missing server extension from a 404', () => {
    const outcome = classifyHandshake('0.1.0', {
      error: new ResponseError(404, 'Not Found', 'http_404')
    });
    expect(outcome).toEqual({ kind: 'not-installed' });
    const message = describeHandshake(outcome, '0.1.0', trans);
    expect(message?.severity).toBe('error');
    expect(message?.message).toMatch(/not installed or not enabled/);
    expect(message?.fix).toContain('pip install jupyterlab-featurelab==0.1.0');
    expect(message?.fix).toContain('jupyter server extension list');
  });

  it('detects a version mismatch, by the server verdict or by its own rule', () => {
    const byServer = classifyHandshake('0.1.0', {
      version: version({ shim: '0.2.0', compatible: false })
    });
    expect(byServer.kind).toBe('mismatch');
    // An older server that says "compatible" for a different minor.
    const byClient = classifyHandshake('0.1.0', {
      version: version({ shim: '0.2.0', compatible: true })
    });
    expect(byClient.kind).toBe('mismatch');
    const message = describeHandshake(byServer, '0.1.0', trans);
    expect(message?.message).toBe(
      'Featurelab versions do not match: this page runs frontend 0.1.0, the server runs 0.2.0 (service 0.1.0).'
    );
    expect(message?.fix).toContain('pip install --upgrade jupyterlab-featurelab');
  });

  it('tells a stopped service apart from a missing extension', () => {
    const starting = classifyHandshake('0.1.0', {
      error: new ResponseError(503, 'The Featurelab service is starting', 'service_starting')
    });
    expect(starting).toEqual({
      kind: 'service-unavailable',
      detail: 'The Featurelab service is starting'
    });
    const noService = classifyHandshake('0.1.0', {
      version: version({ service: null, message: 'service failed to start' })
    });
    expect(noService.kind).toBe('service-unavailable');
    const message = describeHandshake(noService, '0.1.0', trans);
    expect(message?.severity).toBe('warning');
    expect(message?.fix).toContain('featurelab doctor');
  });

  it('reports network failures and anything else', () => {
    expect(classifyHandshake('0.1.0', { error: new NetworkError('Failed to fetch') })).toEqual({
      kind: 'network-error',
      detail: 'Failed to fetch'
    });
    const other = classifyHandshake('0.1.0', {
      error: new ResponseError(500, 'boom', 'internal')
    });
    expect(other).toEqual({ kind: 'unexpected', status: 500, detail: 'boom' });
    expect(describeHandshake(other, '0.1.0', trans)?.message).toContain('HTTP 500: boom');
    expect(
      describeHandshake({ kind: 'compatible', version: version() }, '0.1.0', trans)
    ).toBeNull();
  });
});

describe('deriveHealth', () => {
  const status = (
    overrides: Partial<IStatusInfo['service']>,
    health: 'ok' | 'degraded' | 'error' | null
  ): IStatusInfo => ({
    shim: '0.1.0',
    service: {
      state: 'ready',
      pid: 1,
      restarts: 0,
      lastExit: null,
      version: '0.1.0',
      ...overrides
    },
    health: health && {
      status: health,
      version: '0.1.0',
      protocol: 1,
      uptimeSeconds: 3,
      user: 'ada',
      registry: { kind: 'sqlite', location: '/tmp/r.db', schemaVersion: 1, ok: true },
      backends: []
    },
    error: null
  });
  const ok = { kind: 'compatible', version: version() } as const;

  it('maps service state and health to one level', () => {
    expect(deriveHealth(null, null, null)).toBe('unknown');
    expect(deriveHealth(ok, status({}, 'ok'), null)).toBe('ok');
    expect(deriveHealth(ok, status({}, 'degraded'), null)).toBe('degraded');
    expect(deriveHealth(ok, status({}, 'error'), null)).toBe('error');
    expect(deriveHealth(ok, status({ state: 'restarting' }, null), null)).toBe('degraded');
    expect(deriveHealth(ok, status({ state: 'failed' }, null), null)).toBe('error');
    expect(deriveHealth(ok, null, new Error('down'))).toBe('error');
    expect(deriveHealth({ kind: 'not-installed' }, null, null)).toBe('error');
    expect(deriveHealth({ kind: 'service-unavailable', detail: 'starting' }, null, null)).toBe(
      'degraded'
    );
  });
});

describe('CLIENT_VERSION', () => {
  it('equals the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf-8')) as {
      version: string;
    };
    expect(CLIENT_VERSION).toBe(pkg.version);
  });
});
