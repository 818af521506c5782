import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRegistry, type OpenRegistry } from '../src/registry/open-registry.js';
import {
  listSampleBuilds,
  sampleBuildStoreOf,
  type SampleBuildRecord
} from '../src/samples/sample-build-store.js';
import { temporaryDirectory } from './helpers.js';
import type { BackendFactory, RegistryBackend } from './registry-backends.js';

function record(id: string, overrides: Partial<SampleBuildRecord> = {}): SampleBuildRecord {
  return {
    id,
    sampleSet: 'ctr_training',
    status: 'succeeded',
    createdBy: 'ana',
    startedAt: '2026-01-02T03:04:05.000Z',
    finishedAt: '2026-01-02T03:05:00.000Z',
    registryVersion: 1,
    specHash: 'a'.repeat(64),
    spec: { kind: 'SampleSet', name: 'ctr_training' },
    labelSource: { table: 'demo.impressions', eventTimeColumn: 'event_time', columns: ['clicked'] },
    inputs: [
      { featureGroup: 'user_profile', contentHash: 'b'.repeat(64), registryVersion: 1 },
      { featureGroup: 'item_attributes', contentHash: 'c'.repeat(64), registryVersion: null }
    ],
    timeRange: { min: '2025-06-01T06:27:24.608Z', max: '2025-06-30T22:13:19.769Z' },
    rows: { labels: 4000, output: 3990 },
    output: { path: '/w/.featurelab/samples/ctr_training/data' },
    result: { rows: { matched: { user_profile: 3990 } } },
    error: null,
    ...overrides
  };
}

/** Sample build records round-trip through either registry backend. */
export function describeSampleBuildStoreScenarios(factory: BackendFactory): void {
  describe('sample build store', () => {
    let backend: RegistryBackend;
    let registry: OpenRegistry;
    let cleanup: () => void;
    beforeEach(async () => {
      const dir = temporaryDirectory('featurelab-sample-builds-');
      cleanup = dir.cleanup;
      backend = await factory(dir.dir);
      registry = await openRegistry(backend.config);
    });
    afterEach(async () => {
      await registry.close();
      await backend.dispose();
      cleanup();
    });

    it('records builds with their inputs and lists them newest first, by sample set or feature group', async () => {
      const store = sampleBuildStoreOf(registry);
      await store.record(record('b1'));
      await store.record(
        record('b2', {
          startedAt: '2026-01-03T00:00:00.000Z',
          status: 'failed',
          rows: { labels: null, output: null },
          timeRange: { min: null, max: null },
          output: null,
          result: null,
          error: "SampleSpecError: unknown feature group 'x'",
          inputs: [
            { featureGroup: 'user_profile', contentHash: 'd'.repeat(64), registryVersion: 2 }
          ]
        })
      );
      await store.record(record('other', { sampleSet: 'fraud', inputs: [] }));

      const builds = await listSampleBuilds(store, 'ctr_training');
      expect(builds.map(build => build.id)).toEqual(['b2', 'b1']);
      expect(builds[1]).toEqual({
        ...record('b1'),
        // Inputs come back sorted by feature group.
        inputs: [...record('b1').inputs].sort((a, b) =>
          a.featureGroup.localeCompare(b.featureGroup)
        )
      });
      expect(builds[0]).toMatchObject({ status: 'failed', output: null, rows: { labels: null } });

      const usedBy = await store.list({ featureGroup: 'ITEM_ATTRIBUTES' });
      expect(usedBy.map(build => build.id)).toEqual(['b1']);
      expect((await store.list({ limit: 1 })).map(build => build.id)).toEqual(['b2']);
      expect(await store.get('other')).toMatchObject({ sampleSet: 'fraud', inputs: [] });
      expect(await store.get('missing')).toBeUndefined();
    });

    it('writes a build and its inputs atomically', async () => {
      const store = sampleBuildStoreOf(registry);
      const duplicateInput = {
        featureGroup: 'g',
        contentHash: 'e'.repeat(64),
        registryVersion: null
      };
      await expect(
        store.record(record('b3', { inputs: [duplicateInput, duplicateInput] }))
      ).rejects.toThrow();
      expect(await store.get('b3')).toBeUndefined();
    });

    it('reports the applied feature group versions (none in a fresh registry)', async () => {
      const applied = await sampleBuildStoreOf(registry).appliedFeatureGroups();
      expect(applied.version).toBe(0);
      expect(applied.groups.size).toBe(0);
    });
  });
}
