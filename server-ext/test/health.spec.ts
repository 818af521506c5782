import { HEALTH_RESULT_SCHEMA, type HealthResult } from '@featurelab/core';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadServiceConfig, resolveConfig } from '../src/config/service-config.js';
import { checkHealth } from '../src/health.js';
import { REGISTRY_MIGRATIONS } from '../src/registry/migrations.js';
import { RegistryHandle } from '../src/registry/registry-handle.js';
import { SchemaValidator } from '../src/schema-validation.js';
import { memoryLogger, temporaryDirectory } from './helpers.js';

const healthSchema = new SchemaValidator<HealthResult>(HEALTH_RESULT_SCHEMA);
const user = { username: 'grace', displayName: 'Grace Hopper' };

let workspace: string;
let cleanup: () => void;
beforeEach(() => ({ dir: workspace, cleanup } = temporaryDirectory()));
afterEach(() => cleanup());

async function healthOf(config = loadServiceConfig({ workspace })): Promise<{
  health: HealthResult;
  handle: RegistryHandle;
}> {
  const handle = new RegistryHandle(config.registry, memoryLogger().logger);
  await handle.open();
  const health = await checkHealth({ config, registry: handle, startedAt: 1000, now: 3500, user });
  expect(healthSchema.validate(health)).toMatchObject({ ok: true });
  return { health, handle };
}

describe('checkHealth', () => {
  it('reports ok against a real SQLite file with the defaults', async () => {
    const { health, handle } = await healthOf();
    await handle.close();
    expect(health).toEqual({
      status: 'ok',
      version: '0.1.0',
      protocol: 1,
      uptimeSeconds: 2.5,
      user: 'grace',
      registry: {
        kind: 'sqlite',
        location: path.join(workspace, '.featurelab', 'registry.db'),
        schemaVersion: REGISTRY_MIGRATIONS.length,
        ok: true
      },
      backends: [
        {
          name: 'registry',
          kind: 'sqlite',
          configured: true,
          detail: `SQLite file ${path.join(workspace, '.featurelab', 'registry.db')} (embedded default)`
        },
        {
          name: 'spark',
          kind: 'local',
          configured: true,
          detail: 'local pyspark, master local[*] (embedded default)'
        },
        {
          name: 'jobs',
          kind: 'local',
          configured: true,
          detail: 'local processes (embedded default)'
        }
      ]
    });
  });

  it('lists remote backends from the configuration without contacting them', async () => {
    const config = resolveConfig(
      {
        spark: { kind: 'livy', url: 'http://livy:8998' },
        jobs: { kind: 'kubernetes', namespace: 'train' }
      },
      workspace,
      { kind: 'file', path: '/x.json' }
    );
    const { health, handle } = await healthOf(config);
    await handle.close();
    expect(health.backends.slice(1)).toEqual([
      {
        name: 'spark',
        kind: 'livy',
        configured: true,
        detail: 'Livy at http://livy:8998: configured, not checked yet'
      },
      {
        name: 'jobs',
        kind: 'kubernetes',
        configured: true,
        detail: 'Kubernetes namespace train: configured, not checked yet'
      }
    ]);
  });

  it('reports error with the reason when the registry file is deleted, and recovers after a reopen', async () => {
    const { handle } = await healthOf();
    const file = path.join(workspace, '.featurelab', 'registry.db');
    for (const suffix of ['', '-wal', '-shm']) {
      rmSync(file + suffix, { force: true });
    }
    const config = loadServiceConfig({ workspace });
    const broken = await checkHealth({ config, registry: handle, startedAt: 0, user });
    expect(broken.status).toBe('error');
    expect(broken.registry).toMatchObject({
      ok: false,
      message: expect.stringMatching(/was removed/)
    });
    await handle.close();
    const reopened = await checkHealth({ config, registry: handle, startedAt: 0, user });
    expect(reopened.status).toBe('ok');
    await handle.close();
  });

  it('reports error when the registry cannot be opened, and retries on the next check', async () => {
    const config = loadServiceConfig({ workspace });
    const stateDir = path.join(workspace, '.featurelab');
    writeFileSync(stateDir, 'a file where the folder should be');
    const { health, handle } = await healthOf(config);
    expect(health.status).toBe('error');
    expect(health.registry.ok).toBe(false);
    expect(health.registry.schemaVersion).toBe(0);
    expect(health.registry.message).toMatch(/cannot open the registry.*writable/);

    rmSync(stateDir);
    mkdirSync(stateDir);
    chmodSync(stateDir, 0o755);
    const later = await checkHealth({ config, registry: handle, startedAt: 0, user });
    expect(later.status).toBe('ok');
    await handle.close();
  });

  it('reports an unreachable PostgreSQL registry with the reason and a hint, without the password', async () => {
    // Nothing listens on port 1: the connection is refused at once.
    const config = resolveConfig(
      { registry: { kind: 'postgresql', url: 'postgresql://fl:hunter2@127.0.0.1:1/fl' } },
      workspace,
      { kind: 'file', path: '/x.json' }
    );
    const { health, handle } = await healthOf(config);
    await handle.close();
    expect(health.status).toBe('error');
    expect(health.registry).toMatchObject({
      kind: 'postgresql',
      location: 'postgresql://fl:***@127.0.0.1:1/fl',
      ok: false,
      schemaVersion: 0
    });
    expect(health.registry.message).toMatch(
      /cannot use the PostgreSQL registry postgresql:\/\/fl:\*\*\*@127\.0\.0\.1:1\/fl: .*ECONNREFUSED.*Check that the PostgreSQL server is running/
    );
    expect(JSON.stringify(health)).not.toContain('hunter2');
    expect(health.backends[0]).toEqual({
      name: 'registry',
      kind: 'postgresql',
      configured: true,
      detail: 'PostgreSQL postgresql://fl:***@127.0.0.1:1/fl'
    });
  });
});
