import { CATALOG_RESULT_SCHEMA } from '@featurelab/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { registerCatalogMethods } from '../src/catalog/service-methods.js';
import { Dispatcher } from '../src/jsonrpc/dispatcher.js';
import { RegistryHandle } from '../src/registry/registry-handle.js';
import { SchemaValidator } from '../src/schema-validation.js';
import { demoFixture, describeCatalogScenarios, type CatalogFixture } from './catalog-scenarios.js';
import { memoryLogger, temporaryDirectory } from './helpers.js';
import { sqliteBackend } from './registry-backends.js';

describe('catalog service: SQLite registry', () => {
  describeCatalogScenarios(sqliteBackend);
});

/** A validator for one definition of schemas/catalog-result.schema.json. */
function resultValidator(definition: string): SchemaValidator<unknown> {
  const { anyOf: _union, ...rest } = CATALOG_RESULT_SCHEMA as Record<string, unknown>;
  return new SchemaValidator({ ...rest, $ref: `#/definitions/${definition}` });
}

describe('catalog.* over JSON-RPC', () => {
  let cleanup: () => void;
  let fixture: CatalogFixture;
  let handle: RegistryHandle;
  let rpc: Dispatcher;
  let id = 0;

  beforeEach(async () => {
    let dir: string;
    ({ dir, cleanup } = temporaryDirectory('featurelab-catalog-rpc-'));
    fixture = await demoFixture(dir, await sqliteBackend(dir));
    const { logger } = memoryLogger();
    handle = new RegistryHandle(fixture.backend.config, logger);
    rpc = new Dispatcher(logger);
    registerCatalogMethods(rpc, {
      workspace: fixture.workspace,
      specsFolder: path.join(fixture.workspace, 'features'),
      registry: handle
    });
  });
  afterEach(async () => {
    await handle.close();
    await fixture.backend.dispose();
    cleanup();
  });

  async function call(method: string, args: unknown): Promise<Record<string, unknown>> {
    id += 1;
    const response = await rpc.handleBody(
      JSON.stringify({ jsonrpc: '2.0', id, method, params: { user: { username: 'ada' }, args } })
    );
    return response as unknown as Record<string, unknown>;
  }

  it('answers the four methods with results that match the schema', async () => {
    const list = await call('catalog.list', {});
    expect(resultValidator('CatalogListResult').validate(list.result)).toMatchObject({ ok: true });
    const get = await call('catalog.get', { kind: 'Feature', name: 'user_engagement_1d.ctr_1d' });
    expect(resultValidator('CatalogDetail').validate(get.result)).toMatchObject({ ok: true });
    const diff = await call('catalog.diff', {
      kind: 'FeatureGroup',
      name: 'user_engagement_1d',
      fromVersion: 0,
      toVersion: 2
    });
    expect(resultValidator('CatalogDiffResult').validate(diff.result)).toMatchObject({ ok: true });
    const lineage = await call('catalog.lineage', { kind: 'Model', name: 'ctr_ranker' });
    expect(resultValidator('LineageGraph').validate(lineage.result)).toMatchObject({ ok: true });
    // Default depth 2: the model's sample set and the sample set's inputs.
    expect((lineage.result as { nodes: { id: string }[] }).nodes.map(node => node.id)).toContain(
      'FeatureGroup:user_profile'
    );
  });

  it('reports unknown objects and bad arguments as typed errors with hints', async () => {
    expect(await call('catalog.get', { kind: 'Model', name: 'ctr_rankr' })).toMatchObject({
      error: {
        code: -32000,
        message: 'the registry (version 2) has no Model named "ctr_rankr"',
        data: {
          kind: 'CatalogNotFoundError',
          hint: expect.stringContaining('Did you mean "ctr_ranker"?')
        }
      }
    });
    for (const args of [
      { kind: 'Table', name: 'x' },
      { kind: 'Model' },
      { kind: 'Model', name: 'ctr_ranker', extra: 1 },
      { kind: 'Model', name: 'ctr_ranker', depth: 11 }
    ]) {
      const method = 'depth' in args ? 'catalog.lineage' : 'catalog.get';
      expect(await call(method, args)).toMatchObject({
        error: { data: { kind: 'InvalidArgumentsError', hint: expect.any(String) } }
      });
    }
    expect(
      await call('catalog.diff', {
        kind: 'Model',
        name: 'ctr_ranker',
        fromVersion: -1,
        toVersion: 1
      })
    ).toMatchObject({ error: { data: { kind: 'InvalidArgumentsError' } } });
  });
});
