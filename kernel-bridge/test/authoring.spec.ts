import { describe, expect, it } from 'vitest';

import { KernelBridge } from '../src/index.js';
import { echoHelper, FakeKernel } from './fakeKernel.js';

function setup() {
  const kernel = new FakeKernel();
  const bridge = new KernelBridge({ kernel: kernel.asConnection() });
  return { kernel, bridge };
}

describe('KernelBridge authoring methods', () => {
  it('asks for Spark analysis and normalizes the relations', async () => {
    const { kernel, bridge } = setup();
    kernel.helper = echoHelper(() => ({
      relations: [
        { name: 't', columns: [{ name: 'a', type: 'int', nullable: false }] },
        { name: '$result', columns: [{ name: 'a', type: 'int' }, 'junk'] },
        'junk'
      ]
    }));
    const result = await bridge.analyze('WITH t AS (SELECT 1 AS a) SELECT * FROM t');
    expect(kernel.comm?.sent[0]).toMatchObject({
      method: 'analyze',
      args: { sql: 'WITH t AS (SELECT 1 AS a) SELECT * FROM t' }
    });
    expect(result.relations).toEqual([
      { name: 't', columns: [{ name: 'a', type: 'int', nullable: false }] },
      { name: '$result', columns: [{ name: 'a', type: 'int', nullable: true }] }
    ]);
  });

  it('sends saveFeatureGroup arguments, leaving out empty options', async () => {
    const { kernel, bridge } = setup();
    kernel.helper = echoHelper(() => ({ paths: ['/ws/features/fg.yaml'] }));
    const paths = await bridge.saveFeatureGroup({
      sql: 'SELECT 1',
      columns: [{ name: 'user_id', type: 'bigint', nullable: false }],
      name: 'fg',
      entity: 'user',
      eventTime: '',
      tables: ['demo.users'],
      folder: 'features'
    });
    expect(paths).toEqual(['/ws/features/fg.yaml']);
    expect(kernel.comm?.sent[0]).toMatchObject({
      method: 'saveFeatureGroup',
      args: {
        sql: 'SELECT 1',
        name: 'fg',
        entity: 'user',
        tables: ['demo.users'],
        folder: 'features',
        overwrite: false
      }
    });
    expect(kernel.comm?.sent[0]).not.toHaveProperty('args.eventTime');
  });
});
