import { rmSync } from 'node:fs';
import path from 'node:path';
import type { SpecPlanResult } from '@featurelab/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applySpecs, planSpecs } from '../src/plan/run-plan.js';
import { SqliteRegistry } from '../src/registry/sqlite-registry.js';
import { SqliteSpecStore } from '../src/specs/store/sqlite-spec-store.js';
import { temporaryDirectory } from './helpers.js';
import {
  USER_ENTITY,
  featureGroup,
  model,
  sampleSet,
  writeBaselineSpecs,
  writeHostileSpecs,
  writeSpecs
} from './specs-helpers.js';

let dir: string;
let cleanup: () => void;
let registryFile: string;
const open: SqliteRegistry[] = [];

beforeEach(() => {
  ({ dir, cleanup } = temporaryDirectory('featurelab-plan-'));
  registryFile = path.join(dir, 'registry.db');
});
afterEach(() => {
  open.splice(0).forEach(registry => registry.close());
  cleanup();
});

/** A store on its own connection to the test registry (two of them are two real connections). */
function connect(): SqliteSpecStore {
  const registry = SqliteRegistry.open({ path: registryFile });
  open.push(registry);
  return new SqliteSpecStore(registry, false);
}

const folder = (name: string): string => path.join(dir, name);
const clock = (): Date => new Date('2025-06-01T12:00:00Z');

async function apply(
  name: string,
  options: { force?: boolean; author?: string; store?: SqliteSpecStore } = {}
): Promise<SpecPlanResult> {
  return applySpecs({
    folder: folder(name),
    store: options.store ?? connect(),
    author: options.author ?? 'ada',
    force: options.force,
    now: clock
  });
}

function rows(sql: string): Record<string, unknown>[] {
  const registry = SqliteRegistry.open({ path: registryFile });
  try {
    return registry.database().prepare(sql).all() as Record<string, unknown>[];
  } finally {
    registry.close();
  }
}

describe('plan and apply', () => {
  beforeEach(() => {
    writeBaselineSpecs(folder('v1'));
  });

  it('creates everything into an empty registry, records version 1, then plans nothing', async () => {
    const planned = await planSpecs({ folder: folder('v1'), store: connect() });
    expect(planned).toMatchObject({
      mode: 'plan',
      status: 'ok',
      baseVersion: 0,
      summary: { create: 5, update: 0, delete: 0, unchanged: 0, destructive: 0 },
      appliedVersion: null
    });
    expect(
      planned.changes.map(
        change => `${change.action} ${change.kind} ${change.name} ${change.file}:${change.line}`
      )
    ).toEqual([
      'create Entity user entity.yaml:1',
      'create FeatureGroup clicks groups.yaml:1',
      'create FeatureGroup views groups.yaml:16',
      'create SampleSet ctr training.yaml:1',
      'create Model ranker training.yaml:8'
    ]);
    expect(rows('SELECT COUNT(*) AS n FROM spec_objects')).toEqual([{ n: 0 }]);

    const applied = await apply('v1');
    expect(applied.status).toBe('ok');
    // Outside a git repository the commit is null.
    expect(applied.appliedVersion).toEqual({
      version: 1,
      author: 'ada',
      createdAt: '2025-06-01T12:00:00.000Z',
      gitCommit: null
    });
    expect(
      rows('SELECT version, author, git_commit, creates, updates, deletes FROM registry_versions')
    ).toEqual([
      { version: 1, author: 'ada', git_commit: null, creates: 5, updates: 0, deletes: 0 }
    ]);
    const stored = rows(
      "SELECT spec_json, content_hash FROM spec_objects WHERE kind = 'FeatureGroup' AND name = 'clicks'"
    )[0];
    expect(JSON.parse(String(stored.spec_json))).toMatchObject({
      kind: 'FeatureGroup',
      name: 'clicks',
      features: [
        { name: 'clicks_7d', type: 'bigint' },
        { name: 'ctr_7d', type: 'double' }
      ]
    });
    expect(stored.content_hash).toMatch(/^[0-9a-f]{64}$/);

    const again = await apply('v1');
    expect(again).toMatchObject({
      status: 'ok',
      baseVersion: 1,
      changes: [],
      summary: { unchanged: 5 },
      appliedVersion: null
    });
    expect(rows('SELECT COUNT(*) AS n FROM registry_versions')).toEqual([{ n: 1 }]);
  });

  it('diffs updates field by field, deletes what left the folder, and refuses destructive changes unless forced', async () => {
    await apply('v1');
    writeSpecs(folder('v2'), {
      'entity.yaml': USER_ENTITY,
      // ctr_7d changes type (used by sample set ctr and so by model ranker); clicks_7d is
      // removed but unused; a feature is added; views is deleted (unused).
      'groups.yaml': featureGroup(
        'clicks',
        { ctr_7d: 'float', impressions_7d: 'bigint' },
        'tags: [ctr]\n'
      ),
      'training.yaml': `${sampleSet('ctr', 'clicks', ['ctr_7d'])}---\n${model('ranker', 'ctr')}`
    });
    const refused = await apply('v2', { author: 'grace' });
    expect(refused).toMatchObject({
      status: 'refused',
      baseVersion: 1,
      summary: { create: 0, update: 1, delete: 1, unchanged: 3, destructive: 1 },
      appliedVersion: null
    });
    const update = refused.changes.find(change => change.action === 'update');
    expect(update?.fields).toEqual([
      {
        op: 'remove',
        pointer: '/features/0',
        label: 'features[clicks_7d]',
        old: { name: 'clicks_7d', type: 'bigint' }
      },
      {
        op: 'replace',
        pointer: '/features/0/type',
        label: 'features[ctr_7d].type',
        old: 'double',
        new: 'float'
      },
      {
        op: 'add',
        pointer: '/features/1',
        label: 'features[impressions_7d]',
        new: { name: 'impressions_7d', type: 'bigint' }
      },
      { op: 'add', pointer: '/tags', label: 'tags', new: ['ctr'] }
    ]);
    expect(update?.breaks).toEqual([
      {
        reason:
          'changes the type of feature "ctr_7d" from double to float, used by SampleSet "ctr", Model "ranker"',
        pointer: '/features/0/type',
        consumers: [
          { kind: 'SampleSet', name: 'ctr' },
          { kind: 'Model', name: 'ranker' }
        ]
      }
    ]);
    expect(refused.changes.find(change => change.action === 'delete')).toMatchObject({
      kind: 'FeatureGroup',
      name: 'views',
      breaks: []
    });
    expect(rows('SELECT COUNT(*) AS n FROM registry_versions')).toEqual([{ n: 1 }]);

    const forced = await apply('v2', { author: 'grace', force: true });
    expect(forced).toMatchObject({
      status: 'ok',
      forced: true,
      appliedVersion: { version: 2, author: 'grace' }
    });
    expect(
      rows(
        'SELECT kind, name, created_version, updated_version FROM spec_objects ORDER BY kind, name'
      )
    ).toEqual([
      { kind: 'Entity', name: 'user', created_version: 1, updated_version: 1 },
      { kind: 'FeatureGroup', name: 'clicks', created_version: 1, updated_version: 2 },
      { kind: 'Model', name: 'ranker', created_version: 1, updated_version: 1 },
      { kind: 'SampleSet', name: 'ctr', created_version: 1, updated_version: 1 }
    ]);
    expect(
      rows(
        'SELECT version, kind, name, action, content_hash IS NULL AS gone FROM spec_changes WHERE version = 2 ORDER BY name'
      )
    ).toEqual([
      { version: 2, kind: 'FeatureGroup', name: 'clicks', action: 'update', gone: 0 },
      { version: 2, kind: 'FeatureGroup', name: 'views', action: 'delete', gone: 1 }
    ]);
  });

  it('flags deleting a feature group or sample set that registered consumers use, but not deleting them together', async () => {
    await apply('v1');
    writeSpecs(folder('no-clicks'), {
      'entity.yaml': USER_ENTITY,
      'views.yaml': featureGroup('views', { views_7d: 'bigint' })
    });
    const plan = await planSpecs({ folder: folder('no-clicks'), store: connect() });
    // The sample set and model are deleted too, so nothing registered is left broken.
    expect(plan).toMatchObject({ status: 'ok', summary: { delete: 3, destructive: 0 } });

    writeSpecs(folder('keep-model'), {
      'entity.yaml': USER_ENTITY,
      'groups.yaml': featureGroup('views', { views_7d: 'bigint' }),
      'training.yaml': `${sampleSet('views_set', 'views')}---\n${model('ranker', 'views_set')}`
    });
    const breaking = await planSpecs({ folder: folder('keep-model'), store: connect() });
    expect(breaking.status).toBe('refused');
    expect(
      breaking.changes
        .filter(change => change.breaks.length > 0)
        .map(change => `${change.action} ${change.name}: ${change.breaks[0].reason}`)
    ).toEqual([
      // clicks is used by ctr only, which goes too; ctr is used by a model that stays.
      'delete ctr: deletes SampleSet "ctr", used by Model "ranker"'
    ]);
  });

  it('applies all or nothing: a failure in the middle leaves the registry as it was', async () => {
    await apply('v1');
    const groups = Object.fromEntries(
      Array.from({ length: 50 }, (_, index) => [
        `g/${index}.yaml`,
        featureGroup(`g_${index}`, { f: 'int' })
      ])
    );
    writeSpecs(folder('big'), { 'entity.yaml': USER_ENTITY, ...groups });
    const before = rows('SELECT kind, name, content_hash FROM spec_objects ORDER BY kind, name');
    // A real failure inside SQLite, half-way through the inserts.
    const registry = SqliteRegistry.open({ path: registryFile });
    registry
      .database()
      .exec(
        "CREATE TRIGGER fail_half_way BEFORE INSERT ON spec_objects WHEN NEW.name = 'g_25' BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
      );
    registry.close();

    await expect(apply('big')).rejects.toThrow(/injected failure/);
    expect(rows('SELECT kind, name, content_hash FROM spec_objects ORDER BY kind, name')).toEqual(
      before
    );
    expect(rows('SELECT MAX(version) AS version FROM registry_versions')).toEqual([{ version: 1 }]);
    expect(rows('SELECT COUNT(*) AS n FROM spec_changes WHERE version > 1')).toEqual([{ n: 0 }]);
  });

  it('lets one of two concurrent applies from the same version win; the other conflicts and writes nothing', async () => {
    await apply('v1');
    writeSpecs(folder('left'), {
      'entity.yaml': USER_ENTITY,
      'g.yaml': featureGroup('left', { f: 'int' })
    });
    writeSpecs(folder('right'), {
      'entity.yaml': USER_ENTITY,
      'g.yaml': featureGroup('right', { f: 'int' })
    });
    const [first, second] = [connect(), connect()];
    // Both plan against version 1 before either commits.
    const leftPlan = await planSpecs({ folder: folder('left'), store: first, force: true });
    const rightPlan = await planSpecs({ folder: folder('right'), store: second, force: true });
    expect([leftPlan.baseVersion, rightPlan.baseVersion]).toEqual([1, 1]);
    const left = await applySpecs({
      folder: folder('left'),
      store: first,
      author: 'ada',
      force: true,
      expectedVersion: 1
    });
    const right = await applySpecs({
      folder: folder('right'),
      store: second,
      author: 'grace',
      force: true,
      expectedVersion: 1
    });
    expect(left).toMatchObject({ status: 'ok', appliedVersion: { version: 2, author: 'ada' } });
    expect(right).toMatchObject({
      status: 'conflict',
      conflict: { expectedVersion: 1, actualVersion: 2 },
      appliedVersion: null
    });
    expect(rows("SELECT name FROM spec_objects WHERE kind = 'FeatureGroup'")).toEqual([
      { name: 'left' }
    ]);
    expect(rows('SELECT version, author FROM registry_versions ORDER BY version')).toEqual([
      { version: 1, author: 'ada' },
      { version: 2, author: 'ada' }
    ]);
  });

  it('round-trips hostile names and text through the registry', async () => {
    const { prefix, hostile } = writeHostileSpecs(folder('hostile'));
    const applied = await apply('hostile', { author: hostile });
    expect(applied.problems).toEqual([]);
    expect(applied.status).toBe('ok');
    expect(rows("SELECT DISTINCT name FROM spec_objects WHERE kind <> 'FeatureGroup'")).toEqual([
      { name: hostile }
    ]);
    const group = JSON.parse(
      String(rows("SELECT spec_json FROM spec_objects WHERE kind = 'FeatureGroup'")[0].spec_json)
    ) as { entity: string; description: string; tags: string[] };
    expect(group).toMatchObject({
      entity: hostile,
      description: `${hostile}\n<script>alert(1)</script>`,
      tags: [prefix]
    });
    expect(rows('SELECT author FROM registry_versions')).toEqual([{ author: hostile }]);
    // Unchanged on the next plan: names compare exactly as stored.
    expect(
      (await planSpecs({ folder: folder('hostile'), store: connect() })).summary
    ).toMatchObject({ unchanged: 4, create: 0, update: 0, delete: 0 });
  });

  it('reports an invalid folder without touching the registry', async () => {
    writeSpecs(folder('broken'), { 'g.yaml': featureGroup('g', { f: 'nope' }) });
    const result = await apply('broken');
    expect(result).toMatchObject({ status: 'invalid', changes: [], appliedVersion: null });
    expect(result.problems.map(problem => problem.pointer)).toEqual([
      '/entity',
      '/features/0/type'
    ]);
    expect(rows('SELECT COUNT(*) AS n FROM registry_versions')).toEqual([{ n: 0 }]);
  });

  // Its time is measured in bench/ (registry-apply), side by side on both backends.
  it('plans 1,000 unchanged feature groups as unchanged', async () => {
    const groups = Array.from({ length: 1000 }, (_, index) =>
      featureGroup(
        `group_${index}`,
        { a: 'bigint', b: 'double', c: 'array<float>', d: 'string', e: 'map<string,int>' },
        `description: Group ${index}\ntags: [bench]\n`
      )
    );
    writeSpecs(folder('thousand'), {
      'entity.yaml': USER_ENTITY,
      'groups.yaml': groups.join('---\n')
    });
    const applied = await apply('thousand');
    expect(applied.summary.create).toBe(1001);
    const plan = await planSpecs({ folder: folder('thousand'), store: connect() });
    expect(plan.summary).toMatchObject({ unchanged: 1001, create: 0, update: 0, delete: 0 });
    rmSync(folder('thousand'), { recursive: true });
  });
});
