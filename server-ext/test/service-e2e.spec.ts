import {
  HEALTH_RESULT_SCHEMA,
  READY_NOTIFICATION_SCHEMA,
  VERSION_RESULT_SCHEMA,
  type JsonSchemaDocument
} from '@featurelab/core';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REGISTRY_MIGRATIONS } from '../src/registry/migrations.js';
import { SchemaValidator } from '../src/schema-validation.js';
import { BUNDLE, ServiceProcess, temporaryDirectory, type WireMessage } from './helpers.js';

const isReady = (message: WireMessage): boolean => message.method === 'featurelab/ready';

function expectSchema(schema: JsonSchemaDocument, value: unknown): void {
  expect(new SchemaValidator(schema).validate(value)).toMatchObject({ ok: true });
}

let workspace: string;
let cleanup: () => void;
let services: ServiceProcess[] = [];

beforeEach(() => ({ dir: workspace, cleanup } = temporaryDirectory('featurelab-e2e-')));
afterEach(async () => {
  for (const service of services) {
    if (service.child.exitCode === null && service.child.signalCode === null) {
      service.child.kill('SIGKILL');
      await service.exited;
    }
  }
  services = [];
  cleanup();
});

function start(extraArgs: readonly string[] = []): ServiceProcess {
  const service = ServiceProcess.serve(workspace, extraArgs);
  services.push(service);
  return service;
}

describe('bundled service over stdio', () => {
  it('announces itself, answers version and health, and stops when stdin ends', async () => {
    const service = start();
    const ready = await service.next(isReady);
    expect(ready).toEqual({
      jsonrpc: '2.0',
      method: 'featurelab/ready',
      params: { version: '0.1.0', protocol: 1, pid: service.child.pid }
    });
    expectSchema(READY_NOTIFICATION_SCHEMA, ready.params);

    const version = await service.request(1, 'version');
    expect(version).toEqual({
      jsonrpc: '2.0',
      id: 1,
      result: { service: '0.1.0', protocol: 1, node: process.version }
    });
    expectSchema(VERSION_RESULT_SCHEMA, version.result);

    const health = await service.request('h-2', 'health');
    expectSchema(HEALTH_RESULT_SCHEMA, health.result);
    expect(health.result).toMatchObject({
      status: 'ok',
      user: 'ada',
      registry: {
        kind: 'sqlite',
        location: path.join(workspace, '.featurelab', 'registry.db'),
        schemaVersion: REGISTRY_MIGRATIONS.length,
        ok: true
      }
    });
    expect(existsSync(path.join(workspace, '.featurelab', 'registry.db'))).toBe(true);

    await service.close();
    expect(await service.exited).toEqual({ code: 0, signal: null });
    // stderr is structured: every line is a JSON object with time, level and msg.
    expect(service.stderrLines.length).toBeGreaterThan(0);
    for (const line of service.stderrLines) {
      expect(JSON.parse(line)).toMatchObject({
        time: expect.any(String),
        level: expect.any(String),
        msg: expect.any(String)
      });
    }
    expect(service.stderrLines.some(line => line.includes('"msg":"stopped"'))).toBe(true);
  });

  it('answers unknown methods, missing callers and broken frames with JSON-RPC errors and keeps going', async () => {
    const service = start();
    await service.next(isReady);

    expect(await service.request(1, 'features.delete')).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: { code: -32601, message: 'Method not found: features.delete' }
    });
    expect(await service.request(2, 'health', {}, null)).toMatchObject({
      id: 2,
      error: {
        code: -32602,
        data: { kind: 'InvalidParamsError', details: [{ pointer: '/params/user' }] }
      }
    });

    service.write('Content-Type: nothing-else\r\n\r\n');
    expect(await service.next(message => message.id === null)).toMatchObject({
      error: { code: -32700 }
    });
    service.write('Content-Length: 9\r\n\r\n{"broken"');
    expect(await service.next(message => message.id === null)).toMatchObject({
      error: { code: -32700 }
    });

    // Two requests in one write, the second split in the middle of a multibyte character.
    const first = Buffer.from(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 3,
        method: 'version',
        params: { user: { username: 'zoë' }, args: {} }
      })
    );
    const second = Buffer.from(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 4,
        method: 'health',
        params: { user: { username: '数据科学家' }, args: {} }
      })
    );
    const bytes = Buffer.concat([
      Buffer.from(`Content-Length: ${first.length}\r\n\r\n`),
      first,
      Buffer.from(`Content-Length: ${second.length}\r\n\r\n`),
      second
    ]);
    const cut = bytes.length - second.length + second.indexOf(Buffer.from('数')) + 1;
    service.write(bytes.subarray(0, cut));
    await new Promise(resolve => setTimeout(resolve, 50));
    service.write(bytes.subarray(cut));
    expect(await service.next(message => message.id === 3)).toMatchObject({
      result: { service: '0.1.0' }
    });
    expect(await service.next(message => message.id === 4)).toMatchObject({
      result: { user: '数据科学家' }
    });

    await service.close();
    expect((await service.exited).code).toBe(0);
  });

  it('hides debug methods unless enabled', async () => {
    const service = start();
    await service.next(isReady);
    expect(await service.request(1, 'debug.sleep', { ms: 1 })).toMatchObject({
      error: { code: -32601 }
    });
    await service.close();
  });

  it('runs debug.sleep concurrently and exits with the code given to debug.exit', async () => {
    const service = start(['--enable-debug-methods']);
    await service.next(isReady);
    const slow = service.request(1, 'debug.sleep', { ms: 300 });
    const fast = await service.request(2, 'version');
    expect(fast).toMatchObject({ result: { protocol: 1 } });
    expect(await slow).toEqual({ jsonrpc: '2.0', id: 1, result: { slept: 300 } });
    expect(await service.request(3, 'debug.sleep', { ms: -1 })).toMatchObject({
      error: { code: -32602, data: { kind: 'InvalidArgumentsError' } }
    });

    service.send({
      jsonrpc: '2.0',
      id: 4,
      method: 'debug.exit',
      params: { user: { username: 'ada' }, args: { code: 7 } }
    });
    expect(await service.exited).toEqual({ code: 7, signal: null });
  });

  it('shuts down gracefully on SIGTERM, answering the request in flight', async () => {
    const service = start(['--enable-debug-methods']);
    await service.next(isReady);
    const inFlight = service.request(1, 'debug.sleep', { ms: 200 });
    await new Promise(resolve => setTimeout(resolve, 50));
    service.child.kill('SIGTERM');
    expect(await inFlight).toMatchObject({ result: { slept: 200 } });
    expect(await service.exited).toEqual({ code: 0, signal: null });
    expect(service.stderrLines.some(line => line.includes('"reason":"SIGTERM"'))).toBe(true);
  });

  it('uses --config and its log level', async () => {
    const config = path.join(workspace, 'featurelab.json');
    writeFileSync(
      config,
      JSON.stringify({
        registry: { kind: 'sqlite', path: 'reg/other.db' },
        log: { level: 'debug' }
      })
    );
    const service = start(['--config', config]);
    await service.next(isReady);
    const health = await service.request(1, 'health');
    expect(health).toMatchObject({
      result: { registry: { location: path.join(workspace, 'reg', 'other.db') } }
    });
    await service.close();
    expect(service.stderrLines.some(line => line.includes('"level":"debug"'))).toBe(true);
  });

  it('exits with 78 and names the field when the configuration is invalid', async () => {
    mkdirSync(path.join(workspace, '.featurelab'));
    writeFileSync(
      path.join(workspace, '.featurelab', 'config.json'),
      JSON.stringify({ jobs: { kind: 'slurm' } })
    );
    const service = start();
    expect((await service.exited).code).toBe(78);
    const text = service.stderrLines.join('\n');
    expect(text).toContain(path.join(workspace, '.featurelab', 'config.json'));
    expect(text).toContain('/jobs/kind');
    expect(text).toContain('"slurm" is not a supported kind');
  });

  it('runs as a single file from a directory without node_modules', () => {
    const lonely = path.join(workspace, 'bin');
    mkdirSync(lonely);
    const copy = path.join(lonely, 'featurelab.mjs');
    copyFileSync(BUNDLE, copy);
    const result = spawnSync(process.execPath, [copy, 'version', '--json'], {
      cwd: lonely,
      encoding: 'utf8'
    });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      service: '0.1.0',
      protocol: 1,
      node: process.version
    });
  });
});
