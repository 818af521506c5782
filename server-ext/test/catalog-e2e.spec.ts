import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, ServiceProcess, temporaryDirectory } from './helpers.js';

let workspace: string;
let cleanup: () => void;
let service: ServiceProcess | undefined;
beforeEach(() => ({ dir: workspace, cleanup } = temporaryDirectory('featurelab-catalog-e2e-')));
afterEach(async () => {
  await service?.close();
  service = undefined;
  cleanup();
});

describe('catalog.* in the bundled service', () => {
  it('lists and details what specs.apply recorded, with files from the default spec folder', async () => {
    cpSync(path.join(REPO_ROOT, 'demo', 'features'), path.join(workspace, 'features'), {
      recursive: true
    });
    service = ServiceProcess.serve(workspace);
    await service.next(message => message.method === 'featurelab/ready');
    const applied = await service.request(
      1,
      'specs.apply',
      { folder: 'features' },
      { username: 'ada' }
    );
    expect(applied.result).toMatchObject({ status: 'ok', appliedVersion: { version: 1 } });

    const list = await service.request(2, 'catalog.list', {});
    const { registryVersion, entries } = list.result as {
      registryVersion: number;
      entries: { id: string }[];
    };
    expect(registryVersion).toBe(1);
    expect(entries.map(entry => entry.id)).toContain('Feature:user_profile.country');

    const detail = await service.request(3, 'catalog.get', {
      kind: 'FeatureGroup',
      name: 'user_profile'
    });
    expect(detail.result).toMatchObject({
      entry: { id: 'FeatureGroup:user_profile', online: true },
      sourceFile: { path: 'features/feature_groups/user_profile.yaml', line: 3, column: 7 },
      versions: [{ version: 1, action: 'create', author: 'ada' }]
    });
    const missing = await service.request(4, 'catalog.lineage', { kind: 'Model', name: 'x' });
    expect(missing.error).toMatchObject({ code: -32000, data: { kind: 'CatalogNotFoundError' } });
  });

  it('takes the spec folder from the configuration key specs.folder', async () => {
    cpSync(path.join(REPO_ROOT, 'demo', 'features'), path.join(workspace, 'specs', 'team'), {
      recursive: true
    });
    mkdirSync(path.join(workspace, '.featurelab'), { recursive: true });
    writeFileSync(
      path.join(workspace, '.featurelab', 'config.json'),
      JSON.stringify({ specs: { folder: 'specs/team' } })
    );
    service = ServiceProcess.serve(workspace);
    await service.next(message => message.method === 'featurelab/ready');
    await service.request(1, 'specs.apply', { folder: 'specs/team' });
    const detail = await service.request(2, 'catalog.get', { kind: 'Entity', name: 'item' });
    expect(detail.result).toMatchObject({
      sourceFile: { path: 'specs/team/entities.yaml', line: 13, column: 7 }
    });
  });
});
