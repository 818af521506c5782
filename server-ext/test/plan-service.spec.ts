import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServiceProcess, temporaryDirectory } from './helpers.js';
import { USER_ENTITY, featureGroup, writeSpecs } from './specs-helpers.js';

let workspace: string;
let cleanup: () => void;
let service: ServiceProcess | undefined;
beforeEach(() => ({ dir: workspace, cleanup } = temporaryDirectory('featurelab-plan-service-')));
afterEach(async () => {
  await service?.close();
  service = undefined;
  cleanup();
});

describe('specs.plan / specs.apply service methods', () => {
  it('plan and apply a workspace folder with the caller as author; conflicts are typed errors', async () => {
    writeSpecs(path.join(workspace, 'features'), {
      'e.yaml': USER_ENTITY,
      'g.yaml': featureGroup('clicks', { f: 'int' })
    });
    service = ServiceProcess.serve(workspace);
    await service.next(message => message.method === 'featurelab/ready');

    const plan = await service.request(1, 'specs.plan', { folder: 'features' });
    expect(plan.result).toMatchObject({
      mode: 'plan',
      status: 'ok',
      baseVersion: 0,
      summary: { create: 2 }
    });

    const apply = await service.request(
      2,
      'specs.apply',
      { folder: 'features', baseVersion: 0 },
      { username: 'grace' }
    );
    expect(apply.result).toMatchObject({
      mode: 'apply',
      status: 'ok',
      appliedVersion: { version: 1, author: 'grace' }
    });

    writeSpecs(path.join(workspace, 'features'), {
      'g.yaml': featureGroup('clicks', { f: 'int', g: 'int' })
    });
    const stale = await service.request(3, 'specs.apply', { folder: 'features', baseVersion: 0 });
    expect(stale.error).toMatchObject({
      code: -32000,
      message: expect.stringContaining(
        'the registry is at version 1, but the plan was made against version 0'
      ),
      data: { kind: 'RegistryConflictError' }
    });

    const outside = await service.request(4, 'specs.plan', { folder: '..' });
    expect(outside.error).toMatchObject({
      data: { kind: 'InvalidArgumentsError' },
      message: expect.stringContaining('outside the workspace')
    });
    const missing = await service.request(5, 'specs.plan', {});
    expect(missing.error).toMatchObject({ code: -32602 });
  });
});
