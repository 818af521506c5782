import path from 'node:path';
import type { EntitySpec, FeatureGroupSpec, SampleSetSpec } from '@featurelab/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inferSampleOutputSchema } from '../src/samples/output-schema.js';
import { resolveSampleSet, SampleSpecError } from '../src/samples/resolve-sample-set.js';
import { REPO_ROOT, temporaryDirectory } from './helpers.js';
import { sqliteBackend } from './registry-backends.js';
import { describeSampleBuildStoreScenarios } from './samples-store-scenarios.js';
import { USER_ENTITY, featureGroup, writeSpecs } from './specs-helpers.js';

const user: EntitySpec = {
  apiVersion: 'featurelab/v1',
  kind: 'Entity',
  name: 'user',
  joinKeys: [{ name: 'user_id', type: 'bigint' }]
};

function group(name: string, features: Record<string, string>, ttl?: string): FeatureGroupSpec {
  const [first, ...rest] = Object.entries(features).map(([feature, type]) => ({
    name: feature,
    type
  }));
  return {
    apiVersion: 'featurelab/v1',
    kind: 'FeatureGroup',
    name,
    owner: 'team',
    entity: 'user',
    eventTimeColumn: 'event_time',
    source: { type: 'sql', query: 'SELECT 1' },
    features: [first, ...rest],
    ...(ttl === undefined ? {} : { ttl })
  };
}

const groups = new Map([
  ['clicks', group('clicks', { clicks_7d: 'bigint', ctr_7d: 'double' })],
  ['profile', group('profile', { country: 'string' })]
]);

function sampleSet(overrides: Partial<SampleSetSpec> = {}): SampleSetSpec {
  return {
    apiVersion: 'featurelab/v1',
    kind: 'SampleSet',
    name: 's',
    labels: { table: 'db.labels', eventTimeColumn: 'ts', columns: ['clicked'] },
    features: [
      { featureGroup: 'clicks', keys: { user_id: 'viewer_id' } },
      { featureGroup: 'Profile' }
    ],
    ...overrides
  };
}

describe('inferSampleOutputSchema', () => {
  it('lists keys, label time, labels and features in build order, before running anything', () => {
    const schema = inferSampleOutputSchema(
      sampleSet({ output: { includeFeatureTimestamps: true } }),
      groups,
      new Map([['user', user]])
    );
    expect(schema.problems).toEqual([]);
    expect(schema.columns).toEqual([
      { name: 'viewer_id', type: 'bigint', role: 'key' },
      { name: 'user_id', type: 'bigint', role: 'key' },
      { name: 'ts', type: null, role: 'eventTime' },
      { name: 'clicked', type: null, role: 'label' },
      { name: 'clicks_7d', type: 'bigint', role: 'feature', featureGroup: 'clicks' },
      { name: 'ctr_7d', type: 'double', role: 'feature', featureGroup: 'clicks' },
      {
        name: 'clicks__event_time',
        type: 'timestamp',
        role: 'featureTime',
        featureGroup: 'clicks'
      },
      { name: 'country', type: 'string', role: 'feature', featureGroup: 'profile' },
      {
        name: 'profile__event_time',
        type: 'timestamp',
        role: 'featureTime',
        featureGroup: 'profile'
      }
    ]);
  });

  it('reports what the schema cannot check, by JSON pointer', () => {
    const schema = inferSampleOutputSchema(
      sampleSet({
        labels: {
          table: 'db.labels',
          query: 'SELECT 1',
          eventTimeColumn: 'ts',
          columns: ['country']
        },
        features: [
          { featureGroup: 'clicks', keys: { item_id: 'x' }, features: ['clicks_7d', 'nope'] },
          { featureGroup: 'profile', missing: { policy: 'default', defaults: { ctr_7d: 0 } } },
          { featureGroup: 'ghost' }
        ]
      }),
      groups,
      new Map([['user', user]])
    );
    expect(schema.problems.map(problem => problem.pointer)).toEqual([
      '/labels',
      '/features/0/keys/item_id',
      '/features/2/featureGroup',
      '/features/0/features/1',
      '/features/1/features',
      '/features/1/missing/defaults'
    ]);
    expect(schema.problems[4].message).toContain('second output column');
  });
});

describe('resolveSampleSet', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = temporaryDirectory('featurelab-samples-'));
  });
  afterEach(() => cleanup());

  it('resolves the demo sample set with its feature groups and entities', () => {
    const resolved = resolveSampleSet(path.join(REPO_ROOT, 'demo', 'features', 'training.yaml'));
    expect(resolved.sampleSet.name).toBe('ctr_training');
    expect(resolved.featureGroups.map(spec => spec.name)).toEqual([
      'user_engagement_1d',
      'user_orders_1d',
      'user_profile',
      'item_attributes',
      'item_popularity_1d'
    ]);
    expect(resolved.entities.map(entity => entity.name)).toEqual(['user', 'item']);
    expect(resolved.featureGroups.every(spec => /^[0-9a-f]{64}$/.test(spec.hash))).toBe(true);
  });

  it('locates problems at file:line:column of the SampleSet document', () => {
    writeSpecs(dir, {
      'user.yaml': USER_ENTITY,
      'clicks.yaml': featureGroup('clicks', { clicks_7d: 'bigint' }),
      'set.yaml': `apiVersion: featurelab/v1
kind: SampleSet
name: s
labels:
  table: db.labels
  eventTimeColumn: ts
  columns: [clicks_7d]
features:
  - featureGroup: clicks
    keys:
      item_id: viewer
`
    });
    let caught: unknown;
    try {
      resolveSampleSet(path.join(dir, 'set.yaml'));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SampleSpecError);
    const problems = (caught as SampleSpecError).problems;
    expect(problems.map(problem => [problem.file, problem.line, problem.pointer])).toEqual([
      ['set.yaml', 11, '/features/0/keys/item_id'],
      ['set.yaml', 9, '/features/0/features']
    ]);
  });

  it('rejects a label source with both a table and a query through the schema', () => {
    writeSpecs(dir, {
      'user.yaml': USER_ENTITY,
      'clicks.yaml': featureGroup('clicks', { clicks_7d: 'bigint' }),
      'set.yaml': `apiVersion: featurelab/v1
kind: SampleSet
name: s
labels: {table: db.labels, query: SELECT 1, eventTimeColumn: ts, columns: [y]}
features: [{featureGroup: clicks}]
`
    });
    expect(() => resolveSampleSet(path.join(dir, 'set.yaml'))).toThrow(/problem/);
  });
});

describe('sample build store: SQLite', () => {
  describeSampleBuildStoreScenarios(sqliteBackend);
});
