import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  isFeaturelabError,
  type CatalogDetail,
  type CatalogEntry,
  type LineageGraph
} from '@featurelab/core';
import { CatalogSearchIndex, compareCatalogEntries } from '@featurelab/core/catalog';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogService } from '../src/catalog/catalog-service.js';
import type { CatalogQualitySource } from '../src/catalog/quality.js';
import { SpecSourceLocator } from '../src/catalog/source-locations.js';
import { applySpecs } from '../src/plan/run-plan.js';
import { RegistryHandle } from '../src/registry/registry-handle.js';
import { REPO_ROOT, memoryLogger, temporaryDirectory } from './helpers.js';
import type { BackendFactory, RegistryBackend } from './registry-backends.js';
import { writeHostileSpecs } from './specs-helpers.js';

const DEMO_FEATURES = path.join(REPO_ROOT, 'demo', 'features');
const ENGAGEMENT_FILE = path.join('feature_groups', 'user_engagement.yaml');

/** A workspace with the demo specs in `features/`, applied twice into a fresh registry. */
export interface CatalogFixture {
  readonly workspace: string;
  readonly backend: RegistryBackend;
  /** A catalog service on its own registry handle (closed in afterEach). */
  service(quality?: CatalogQualitySource): CatalogService;
  apply(author: string): Promise<number>;
}

/**
 * Version 1: demo/features as shipped (by "ada"). Version 2 (by "grace"): clicks_1d retyped to
 * int, avg_dwell_ms_1d removed, sessions_1d added, and a new feature group whose SQL reads a
 * table it does not declare (lineage must find it through the SQL analyzer).
 */
export async function demoFixture(dir: string, backend: RegistryBackend): Promise<CatalogFixture> {
  const workspace = path.join(dir, 'workspace');
  const features = path.join(workspace, 'features');
  cpSync(DEMO_FEATURES, features, { recursive: true });
  const handles: RegistryHandle[] = [];
  const fixture: CatalogFixture = {
    workspace,
    backend,
    service: quality => {
      const handle = new RegistryHandle(backend.config, memoryLogger().logger);
      handles.push(handle);
      return new CatalogService(handle, new SpecSourceLocator(workspace, features), quality);
    },
    apply: async author => {
      const store = await backend.openStore();
      try {
        // Forced: version 2 retypes a feature the sample set uses, on purpose.
        const result = await applySpecs({ folder: features, store, author, force: true });
        if (result.status !== 'ok' || result.appliedVersion === null) {
          throw new Error(`apply failed (${result.status}): ${JSON.stringify(result.problems)}`);
        }
        return result.appliedVersion.version;
      } finally {
        await store.close();
      }
    }
  };
  disposers.push(async () => {
    await Promise.all(handles.map(handle => handle.close()));
  });
  await fixture.apply('ada');
  const engagement = path.join(features, ENGAGEMENT_FILE);
  writeFileSync(
    engagement,
    readFileSync(engagement, 'utf8')
      .replace('  - name: clicks_1d\n    type: bigint', '  - name: clicks_1d\n    type: int')
      .replace(
        / {2}- name: avg_dwell_ms_1d\n( {4}.*\n)+/,
        '  - name: sessions_1d\n    type: bigint\n'
      )
  );
  writeFileSync(
    path.join(features, 'feature_groups', 'user_item_affinity.yaml'),
    `apiVersion: featurelab/v1
kind: FeatureGroup
name: user_item_affinity
owner: ranking-team
entity: user
eventTimeColumn: event_time
source:
  type: sql
  tables: [demo.orders]
  query: |
    SELECT o.user_id, o.event_time, count(DISTINCT i.category) AS categories_bought
    FROM demo.orders o JOIN demo.items i ON i.item_id = o.item_id
    GROUP BY o.user_id, o.event_time
features:
  - name: categories_bought
    type: bigint
`
  );
  await fixture.apply('grace');
  return fixture;
}

const disposers: (() => Promise<void>)[] = [];

/** Closes the registry handles of every service the fixtures made. */
export async function closeCatalogServices(): Promise<void> {
  for (const dispose of disposers.splice(0)) {
    await dispose();
  }
}

/** Entries without the fields the two backends may legitimately differ in. */
export function comparable(detail: CatalogDetail): unknown {
  return {
    ...detail,
    versions: detail.versions.map(version => ({ ...version, createdAt: '<time>' }))
  };
}

function nodeIds(graph: LineageGraph): string[] {
  return graph.nodes.map(node => node.id).sort();
}

function edgeList(graph: LineageGraph): string[] {
  return graph.edges.map(edge => `${edge.from} -${edge.kind}-> ${edge.to}`).sort();
}

async function rejection(
  promise: Promise<unknown>
): Promise<{ kind: string; message: string; hint?: string }> {
  try {
    await promise;
  } catch (error) {
    if (isFeaturelabError(error)) {
      return { kind: error.kind, message: error.message, hint: error.hint };
    }
    throw error;
  }
  throw new Error('expected a rejection');
}

/**
 * The catalog.* behaviours every registry backend must show: run against SQLite by
 * catalog-sqlite.spec.ts and against a real PostgreSQL server by
 * test-postgres/catalog-postgresql.spec.ts.
 */
export function describeCatalogScenarios(createBackend: BackendFactory): void {
  let dir: string;
  let cleanup: () => void;
  let fixture: CatalogFixture;

  beforeEach(async () => {
    ({ dir, cleanup } = temporaryDirectory('featurelab-catalog-'));
    fixture = await demoFixture(dir, await createBackend(dir));
  });
  afterEach(async () => {
    await closeCatalogServices();
    await fixture?.backend.dispose();
    cleanup();
  });

  describe('catalog.list', () => {
    it('lists every spec and feature of the registry with its version', async () => {
      const { registryVersion, entries } = await fixture.service().list();
      expect(registryVersion).toBe(2);
      const byId = new Map(entries.map(entry => [entry.id, entry]));
      expect(new Set(entries.map(entry => entry.id)).size).toBe(entries.length);
      // Already in the search index's browse order.
      expect([...entries].sort(compareCatalogEntries)).toEqual(entries);
      // 2 entities, 6 groups, 1 sample set, 1 model; 19 + 1 features.
      expect(entries.filter(entry => entry.kind === 'Feature')).toHaveLength(20);
      expect(entries).toHaveLength(30);
      expect(byId.get('Feature:user_engagement_1d.clicks_1d')).toEqual<CatalogEntry>({
        id: 'Feature:user_engagement_1d.clicks_1d',
        kind: 'Feature',
        name: 'clicks_1d',
        featureGroup: 'user_engagement_1d',
        description: 'Impressions the user clicked that day.',
        owner: 'growth-team',
        tags: ['engagement', 'ctr'],
        entities: ['user'],
        online: true,
        type: 'int',
        quality: 'unknown',
        updatedVersion: 2
      });
      expect(byId.get('Feature:item_attributes.embedding')).toMatchObject({
        tags: ['embedding', 'catalog'],
        type: 'array<float>',
        updatedVersion: 1
      });
      expect(byId.get('FeatureGroup:user_engagement_1d')).toMatchObject({
        kind: 'FeatureGroup',
        owner: 'growth-team',
        tags: ['engagement', 'ctr'],
        entities: ['user'],
        online: true,
        updatedVersion: 2
      });
      expect(byId.get('FeatureGroup:user_engagement_1d')?.description).toContain(
        'Daily engagement'
      );
      expect(byId.get('Entity:item')).toMatchObject({
        entities: ['item'],
        tags: [],
        online: false
      });
      expect(byId.get('SampleSet:ctr_training')).toMatchObject({
        entities: ['user', 'item'],
        owner: 'ranking-team',
        tags: ['ctr']
      });
      expect(byId.get('Model:ctr_ranker')).toMatchObject({ entities: ['user', 'item'] });
      expect(byId.has('Feature:user_engagement_1d.avg_dwell_ms_1d')).toBe(false);
      // What the sidebar's worker does with it.
      const index = new CatalogSearchIndex(entries);
      expect(index.search('clikcs', {}, 3).hits.map(hit => hit.id)).toContain(
        'Feature:user_engagement_1d.clicks_1d'
      );
      expect(index.search('', { entities: ['item'], kinds: ['FeatureGroup'] }, 10).total).toBe(2);
    });

    it('takes quality statuses from the registered quality source', async () => {
      const service = fixture.service({
        statuses: () =>
          Promise.resolve(new Map([['Feature:user_engagement_1d.ctr_1d', 'failing' as const]]))
      });
      const { entries } = await service.list();
      const quality = new Map(entries.map(entry => [entry.id, entry.quality]));
      expect(quality.get('Feature:user_engagement_1d.ctr_1d')).toBe('failing');
      expect(quality.get('Feature:user_engagement_1d.clicks_1d')).toBe('unknown');
      const detail = await service.get('Feature', 'user_engagement_1d.ctr_1d');
      expect(detail.entry.quality).toBe('failing');
    });

    it('sees a new apply at once', async () => {
      const service = fixture.service();
      expect((await service.list()).registryVersion).toBe(2);
      writeFileSync(
        path.join(fixture.workspace, 'features', 'extra.yaml'),
        'apiVersion: featurelab/v1\nkind: Entity\nname: store\njoinKeys:\n  - name: store_id\n    type: int\n'
      );
      await fixture.apply('ada');
      const after = await service.list();
      expect(after.registryVersion).toBe(3);
      expect(after.entries.map(entry => entry.id)).toContain('Entity:store');
    });
  });

  describe('catalog.get', () => {
    it('returns a feature group with its spec, file, versions, users and lineage', async () => {
      const detail = await fixture.service().get('FeatureGroup', 'user_engagement_1d');
      expect(detail.entry.id).toBe('FeatureGroup:user_engagement_1d');
      expect(detail.spec).toMatchObject({
        kind: 'FeatureGroup',
        name: 'user_engagement_1d',
        source: { type: 'sql', tables: ['demo.impressions'] }
      });
      expect(detail.sourceFile).toEqual({
        path: 'features/feature_groups/user_engagement.yaml',
        line: 3,
        column: 7
      });
      expect(detail.versions).toEqual([
        {
          version: 2,
          action: 'update',
          author: 'grace',
          createdAt: expect.any(String),
          gitCommit: null
        },
        {
          version: 1,
          action: 'create',
          author: 'ada',
          createdAt: expect.any(String),
          gitCommit: null
        }
      ]);
      expect(new Date(detail.versions[0].createdAt).toISOString()).toBe(
        detail.versions[0].createdAt
      );
      expect(detail.usedBy).toEqual([
        { kind: 'SampleSet', name: 'ctr_training' },
        { kind: 'Model', name: 'ctr_ranker' }
      ]);
      expect(detail.lineage.root).toBe('FeatureGroup:user_engagement_1d');
      expect(edgeList(detail.lineage)).toEqual([
        'Entity:user -keyedBy-> FeatureGroup:user_engagement_1d',
        'FeatureGroup:user_engagement_1d -uses-> SampleSet:ctr_training',
        'SampleSet:ctr_training -trainedOn-> Model:ctr_ranker',
        'table:demo.impressions -reads-> FeatureGroup:user_engagement_1d'
      ]);
      expect(detail.lineage.nodes).toContainEqual({
        id: 'table:demo.impressions',
        kind: 'table',
        name: 'demo.impressions',
        label: 'demo.impressions'
      });
    });

    it('returns a feature with its line in the group file and the sample sets that select it', async () => {
      const service = fixture.service();
      const clicks = await service.get('Feature', 'user_engagement_1d.clicks_1d');
      expect(clicks.entry).toMatchObject({ kind: 'Feature', name: 'clicks_1d', type: 'int' });
      expect(clicks.sourceFile).toEqual({
        path: 'features/feature_groups/user_engagement.yaml',
        line: 29,
        column: 11
      });
      expect(clicks.usedBy).toEqual([
        { kind: 'SampleSet', name: 'ctr_training' },
        { kind: 'Model', name: 'ctr_ranker' }
      ]);
      expect(clicks.lineage.root).toBe('FeatureGroup:user_engagement_1d');
      // Not selected by the sample set (it lists clicks_1d and ctr_1d only).
      const impressions = await service.get('Feature', 'user_engagement_1d.impressions_1d');
      expect(impressions.usedBy).toEqual([]);
      // A group selected without a feature list: every feature is used.
      const orders = await service.get('Feature', 'user_orders_1d.units_1d');
      expect(orders.usedBy).toHaveLength(2);
    });

    it('finds entities, sample sets and models, and their users', async () => {
      const service = fixture.service();
      const user = await service.get('Entity', 'user');
      expect(user.sourceFile).toEqual({ path: 'features/entities.yaml', line: 4, column: 7 });
      expect(user.usedBy).toEqual([
        { kind: 'SampleSet', name: 'ctr_training' },
        { kind: 'Model', name: 'ctr_ranker' }
      ]);
      const set = await service.get('SampleSet', 'ctr_training');
      expect(set.usedBy).toEqual([{ kind: 'Model', name: 'ctr_ranker' }]);
      expect(edgeList(set.lineage)).toContain(
        'table:demo.impressions -uses-> SampleSet:ctr_training'
      );
      const model = await service.get('Model', 'ctr_ranker');
      expect(model.usedBy).toEqual([]);
      expect(model.sourceFile).toEqual({ path: 'features/training.yaml', line: 24, column: 7 });
    });

    it('reports null for an object the spec folder no longer declares', async () => {
      writeFileSync(path.join(fixture.workspace, 'features', 'training.yaml'), '');
      const detail = await fixture.service().get('Model', 'ctr_ranker');
      expect(detail.sourceFile).toBeNull();
    });

    it('refuses unknown objects with a typed error and a hint', async () => {
      const service = fixture.service();
      const missing = await rejection(service.get('FeatureGroup', 'user_engagement_7d'));
      expect(missing.kind).toBe('CatalogNotFoundError');
      expect(missing.message).toBe(
        'the registry (version 2) has no FeatureGroup named "user_engagement_7d"'
      );
      expect(missing.hint).toContain('Did you mean "user_engagement_1d"?');
      const feature = await rejection(service.get('Feature', 'clicks_1d'));
      expect(feature.kind).toBe('CatalogNotFoundError');
      expect(feature.hint).toContain('"<feature group>.<feature>"');
      // Feature group names are Spark table names: case does not matter.
      expect((await service.get('FeatureGroup', 'USER_ENGAGEMENT_1D')).entry.name).toBe(
        'user_engagement_1d'
      );
    });
  });

  describe('catalog.diff', () => {
    it('diffs a feature group between versions, field by field', async () => {
      const diff = await fixture.service().diff('FeatureGroup', 'user_engagement_1d', 1, 2);
      expect(diff).toMatchObject({
        kind: 'FeatureGroup',
        name: 'user_engagement_1d',
        fromVersion: 1,
        toVersion: 2
      });
      expect(diff.changes).toContainEqual({
        pointer: '/features/1/type',
        action: 'change',
        before: 'bigint',
        after: 'int'
      });
      expect(diff.changes).toContainEqual(
        expect.objectContaining({ pointer: '/features/3', action: 'remove' })
      );
      expect(diff.changes).toContainEqual({
        pointer: '/features/3',
        action: 'add',
        after: { name: 'sessions_1d', type: 'bigint' }
      });
      const reverse = await fixture.service().diff('FeatureGroup', 'user_engagement_1d', 2, 1);
      expect(reverse.changes).toContainEqual({
        pointer: '/features/1/type',
        action: 'change',
        before: 'int',
        after: 'bigint'
      });
      const same = await fixture.service().diff('FeatureGroup', 'user_engagement_1d', 2, 2);
      expect(same.changes).toEqual([]);
    });

    it('diffs one feature inside its group, and from version 0 as a creation', async () => {
      const service = fixture.service();
      const clicks = await service.diff('Feature', 'user_engagement_1d.clicks_1d', 1, 2);
      expect(clicks.changes).toEqual([
        { pointer: '/features/1/type', action: 'change', before: 'bigint', after: 'int' }
      ]);
      const created = await service.diff('FeatureGroup', 'user_item_affinity', 0, 2);
      expect(created.changes.map(change => change.action)).toEqual(
        created.changes.map(() => 'add')
      );
      expect(created.changes.map(change => change.pointer)).toContain('/source');
      const removed = await service.diff('Feature', 'user_engagement_1d.avg_dwell_ms_1d', 1, 2);
      expect(removed.changes.every(change => change.action === 'remove')).toBe(true);
      expect(removed.changes.map(change => change.pointer)).toContain('/features/3/name');
    });

    it('refuses versions after the latest and objects that never existed', async () => {
      const service = fixture.service();
      const late = await rejection(service.diff('FeatureGroup', 'user_engagement_1d', 1, 9));
      expect(late.kind).toBe('InvalidArgumentsError');
      expect(late.message).toContain("after the registry's latest version 2");
      const never = await rejection(service.diff('Model', 'nope', 0, 2));
      expect(never.kind).toBe('CatalogNotFoundError');
      const noFeature = await rejection(service.diff('Feature', 'user_engagement_1d.nope', 1, 2));
      expect(noFeature.kind).toBe('CatalogNotFoundError');
    });
  });

  describe('catalog.lineage', () => {
    it('walks depth steps each way and finds tables through the SQL analyzer', async () => {
      const service = fixture.service();
      const affinity = await service.lineage('FeatureGroup', 'user_item_affinity', 2);
      expect(edgeList(affinity)).toEqual(
        [
          'Entity:user -keyedBy-> FeatureGroup:user_item_affinity',
          // Declared in source.tables...
          'table:demo.orders -reads-> FeatureGroup:user_item_affinity',
          // ...and only read by the SQL.
          'table:demo.items -reads-> FeatureGroup:user_item_affinity'
        ].sort()
      );
      const model = await service.lineage('Model', 'ctr_ranker', 1);
      expect(nodeIds(model)).toEqual(['Model:ctr_ranker', 'SampleSet:ctr_training']);
      const deep = await service.lineage('Model', 'ctr_ranker', 3);
      expect(nodeIds(deep)).toEqual(
        expect.arrayContaining([
          'Entity:item',
          'Entity:user',
          'FeatureGroup:item_attributes',
          'FeatureGroup:user_profile',
          'table:demo.impressions',
          'table:demo.users'
        ])
      );
      const none = await service.lineage('Entity', 'user', 0);
      expect(none).toEqual({
        root: 'Entity:user',
        nodes: [{ id: 'Entity:user', kind: 'Entity', name: 'user', label: 'user' }],
        edges: []
      });
    });
  });

  describe('hostile names', () => {
    it('round-trip through list, get, diff and lineage', async () => {
      const folder = path.join(fixture.workspace, 'features');
      const { hostile, prefix } = writeHostileSpecs(path.join(folder, 'hostile'));
      await fixture.apply(hostile);
      const service = fixture.service();
      const { entries } = await service.list();
      const ids = entries.map(entry => entry.id);
      expect(ids).toEqual(
        expect.arrayContaining([
          `Entity:${hostile}`,
          `SampleSet:${hostile}`,
          `Model:${hostile}`,
          'FeatureGroup:g',
          'Feature:g.f'
        ])
      );
      const group = entries.find(entry => entry.id === 'FeatureGroup:g');
      expect(group?.description).toBe(`${hostile}\n<script>alert(1)</script>`);
      expect(group?.tags).toEqual([prefix]);
      expect(group?.entities).toEqual([hostile]);
      for (const kind of ['Entity', 'SampleSet', 'Model'] as const) {
        const detail = await service.get(kind, hostile);
        expect(detail.entry.name).toBe(hostile);
        expect(detail.versions[0]).toMatchObject({ version: 3, action: 'create', author: hostile });
        expect(detail.sourceFile?.path.startsWith('features/hostile/')).toBe(true);
      }
      const model = await service.lineage('Model', hostile, 2);
      expect(edgeList(model)).toEqual([
        `FeatureGroup:g -uses-> SampleSet:${hostile}`,
        `SampleSet:${hostile} -trainedOn-> Model:${hostile}`
      ]);
      const diff = await service.diff('Entity', hostile, 2, 3);
      expect(diff.changes).toContainEqual({ pointer: '/name', action: 'add', after: hostile });
    });
  });
}
