import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SpecPlanResult } from '@featurelab/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REGISTRY_MIGRATIONS } from '../src/registry/migrations.js';
import { applySpecs, planSpecs } from '../src/plan/run-plan.js';
import { ServiceProcess, runBundledCli, temporaryDirectory } from './helpers.js';
import type { BackendFactory, RegistryBackend } from './registry-backends.js';
import {
  USER_ENTITY,
  featureGroup,
  model,
  sampleSet,
  writeBaselineSpecs,
  writeHostileSpecs,
  writeSpecs
} from './specs-helpers.js';

/**
 * The plan/apply scenarios every registry backend must pass, through the bundled CLI and
 * service (real processes) where the behaviour is user-visible. Written once, run against
 * SQLite by registry-sqlite.spec.ts and against a real PostgreSQL server by
 * test-postgres/registry-postgresql.spec.ts.
 */
export function describeRegistryScenarios(createBackend: BackendFactory): void {
  let dir: string;
  let cleanup: () => void;
  let backend: RegistryBackend;
  let configFile: string;
  let workspace: string;

  beforeEach(async () => {
    ({ dir, cleanup } = temporaryDirectory('featurelab-registry-'));
    backend = await createBackend(dir);
    workspace = path.join(dir, 'workspace');
    writeSpecs(workspace, { '.keep': '' });
    configFile = path.join(dir, 'config.json');
    writeFileSync(configFile, JSON.stringify({ registry: backend.config }));
  });
  afterEach(async () => {
    await backend.dispose();
    cleanup();
  });

  const folder = (name: string): string => path.join(dir, name);

  async function cli(
    ...args: string[]
  ): Promise<{ code: number | null; stdout: string; stderr: string; json: () => SpecPlanResult }> {
    const result = await runBundledCli([...args, '--workspace', workspace, '--config', configFile]);
    return { ...result, json: () => JSON.parse(result.stdout) as SpecPlanResult };
  }

  const count = async (table: string): Promise<number> =>
    (await backend.rows(`SELECT * FROM ${table}`)).length;

  const objects = async (): Promise<string[]> =>
    (await backend.rows('SELECT kind, name, content_hash, updated_version FROM spec_objects'))
      .map(row => `${String(row.kind)} ${String(row.name)} v${String(row.updated_version)}`)
      .sort();

  describe('plan / apply', () => {
    beforeEach(() => {
      writeBaselineSpecs(folder('v1'));
    });

    it('creates, updates field by field and deletes, recording one version per apply', async () => {
      const plan = await cli('plan', folder('v1'), '--json');
      expect(plan.code).toBe(0);
      expect(plan.json()).toMatchObject({
        status: 'ok',
        baseVersion: 0,
        registry: { kind: backend.kind, location: backend.location },
        summary: { create: 5, update: 0, delete: 0, destructive: 0 }
      });
      expect(await count('spec_objects')).toBe(0);

      const applied = await cli('apply', folder('v1'), '--author', 'ada', '--json');
      expect(applied.code).toBe(0);
      expect(applied.json().appliedVersion).toMatchObject({ version: 1, author: 'ada' });
      expect(await objects()).toEqual([
        'Entity user v1',
        'FeatureGroup clicks v1',
        'FeatureGroup views v1',
        'Model ranker v1',
        'SampleSet ctr v1'
      ]);
      expect((await cli('plan', folder('v1'))).stdout).toMatch(
        /No changes: 0 to create, 0 to update, 0 to delete, 5 unchanged\./
      );

      // A feature added to clicks, views deleted (nothing uses it), a new group created.
      writeSpecs(folder('v2'), {
        'entity.yaml': USER_ENTITY,
        'groups.yaml': `${featureGroup('clicks', { clicks_7d: 'bigint', ctr_7d: 'double', ctr_30d: 'double' })}---\n${featureGroup('Orders', { orders_7d: 'bigint' })}`,
        'training.yaml': `${sampleSet('ctr', 'clicks', ['ctr_7d'])}---\n${model('ranker', 'ctr')}`
      });
      const second = await cli('apply', folder('v2'), '--author', 'grace', '--json');
      expect(second.code).toBe(0);
      const result = second.json();
      expect(result).toMatchObject({
        status: 'ok',
        baseVersion: 1,
        summary: { create: 1, update: 1, delete: 1, unchanged: 3 },
        appliedVersion: { version: 2, author: 'grace' }
      });
      expect(result.changes.find(change => change.action === 'update')?.fields).toEqual([
        {
          op: 'add',
          pointer: '/features/2',
          label: 'features[ctr_30d]',
          new: { name: 'ctr_30d', type: 'double' }
        }
      ]);
      expect(await objects()).toEqual([
        'Entity user v1',
        'FeatureGroup Orders v2',
        'FeatureGroup clicks v2',
        'Model ranker v1',
        'SampleSet ctr v1'
      ]);
      const history = await backend.rows(
        'SELECT version, kind, name, action, content_hash FROM spec_changes WHERE version = 2'
      );
      expect(
        history
          .map(row => `${String(row.action)} ${String(row.name)} ${row.content_hash === null}`)
          .sort()
      ).toEqual(['create Orders false', 'delete views true', 'update clicks false']);
      expect(
        (
          await backend.rows(
            'SELECT version, author, creates, updates, deletes FROM registry_versions'
          )
        )
          .map(row => Object.values(row).join(' '))
          .sort()
      ).toEqual(['1 ada 5 0 0', '2 grace 1 1 1']);
    });

    it('refuses a destructive apply with exit 1 and writes nothing; --force applies it', async () => {
      expect((await cli('apply', folder('v1'))).code).toBe(0);
      writeSpecs(folder('v1'), {
        'groups.yaml': `${featureGroup('clicks', { clicks_7d: 'bigint', ctr_7d: 'float' })}---\n${featureGroup('views', { views_7d: 'bigint' })}`
      });
      const refused = await cli('apply', folder('v1'));
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain(
        '! changes the type of feature "ctr_7d" from double to float, used by SampleSet "ctr", Model "ranker"'
      );
      expect(await count('registry_versions')).toBe(1);

      const forced = await cli('apply', folder('v1'), '--force', '--json');
      expect(forced.code).toBe(0);
      expect(forced.json()).toMatchObject({
        status: 'ok',
        forced: true,
        summary: { destructive: 1 },
        appliedVersion: { version: 2 }
      });
      expect(await count('registry_versions')).toBe(2);
    });

    it('applies all or nothing: a failure inside the database leaves every table as it was', async () => {
      expect((await cli('apply', folder('v1'))).code).toBe(0);
      const groups = Object.fromEntries(
        Array.from({ length: 50 }, (_, index) => [
          `g/${index}.yaml`,
          featureGroup(`g_${index}`, { f: 'int' })
        ])
      );
      // An update (clicks), a delete (views) and 50 creates; the 26th create fails.
      writeSpecs(folder('big'), {
        'entity.yaml': USER_ENTITY,
        'groups.yaml': featureGroup('clicks', { clicks_7d: 'bigint', ctr_7d: 'double', x: 'int' }),
        'training.yaml': `${sampleSet('ctr', 'clicks', ['ctr_7d'])}---\n${model('ranker', 'ctr')}`,
        ...groups
      });
      const before = await objects();
      await backend.failInsertsOf('g_25');

      const failed = await cli('apply', folder('big'));
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain('injected failure');
      expect(await objects()).toEqual(before);
      expect(await count('registry_versions')).toBe(1);
      expect(await count('spec_changes')).toBe(5);
    });

    it('lets one of two concurrent apply processes win; the other exits with 3 naming both versions', async () => {
      for (const side of ['left', 'right']) {
        writeSpecs(folder(side), {
          'e.yaml': USER_ENTITY,
          'g.yaml': featureGroup(side, { f: 'int' })
        });
      }
      const results = await Promise.all(
        ['left', 'right'].map(side => cli('apply', folder(side), '--base-version', '0', '--json'))
      );
      expect(results.map(result => result.code).sort()).toEqual([0, 3]);
      const loser = results.find(result => result.code === 3);
      expect(loser?.json()).toMatchObject({
        status: 'conflict',
        conflict: { expectedVersion: 0, actualVersion: 1 },
        appliedVersion: null
      });
      const winner = results.find(result => result.code === 0)?.json();
      const winnerGroup = winner?.changes.find(change => change.kind === 'FeatureGroup')?.name;
      expect(
        (await backend.rows("SELECT name FROM spec_objects WHERE kind = 'FeatureGroup'")).map(
          row => row.name
        )
      ).toEqual([winnerGroup]);
      expect(await count('registry_versions')).toBe(1);
      expect(await count('spec_changes')).toBe(2);
    });

    it('lets one of two concurrent commits from the same version win on separate connections', async () => {
      expect((await cli('apply', folder('v1'))).code).toBe(0);
      for (const side of ['left', 'right']) {
        writeSpecs(folder(side), {
          'entity.yaml': USER_ENTITY,
          'g.yaml': featureGroup(side, { f: 'int' })
        });
      }
      const stores = [await backend.openStore(), await backend.openStore()];
      try {
        const results = await Promise.all(
          ['left', 'right'].map((side, index) =>
            applySpecs({
              folder: folder(side),
              store: stores[index],
              author: side,
              force: true,
              expectedVersion: 1
            })
          )
        );
        expect(results.map(result => result.status).sort()).toEqual(['conflict', 'ok']);
        expect(results.find(result => result.status === 'conflict')?.conflict).toEqual({
          expectedVersion: 1,
          actualVersion: 2
        });
      } finally {
        await Promise.all(stores.map(store => store.close()));
      }
      expect(await count('registry_versions')).toBe(2);
    });

    it('round-trips hostile names, authors and text', async () => {
      const { prefix, hostile } = writeHostileSpecs(folder('hostile'));
      const applied = await cli('apply', folder('hostile'), '--author', hostile, '--json');
      expect(applied.code).toBe(0);
      expect(applied.json().appliedVersion?.author).toBe(hostile);
      expect(
        (await backend.rows("SELECT name FROM spec_objects WHERE kind <> 'FeatureGroup'")).map(
          row => row.name
        )
      ).toEqual([hostile, hostile, hostile]);
      const [group] = await backend.rows(
        "SELECT spec_json FROM spec_objects WHERE kind = 'FeatureGroup'"
      );
      expect(JSON.parse(String(group.spec_json))).toMatchObject({
        entity: hostile,
        description: `${hostile}\n<script>alert(1)</script>`,
        tags: [prefix]
      });
      expect((await backend.rows('SELECT author FROM registry_versions'))[0].author).toBe(hostile);
      const again = await cli('plan', folder('hostile'), '--json');
      expect(again.json().summary).toMatchObject({ unchanged: 4, create: 0, update: 0 });
      // The store reads the same names back for a plan in-process too.
      const store = await backend.openStore();
      try {
        const plan = await planSpecs({ folder: folder('hostile'), store });
        expect(plan.summary.unchanged).toBe(4);
      } finally {
        await store.close();
      }
    });
  });

  describe('service', () => {
    it('reports the registry in health and applies through specs.apply', async () => {
      writeSpecs(path.join(workspace, 'features'), {
        'e.yaml': USER_ENTITY,
        'g.yaml': featureGroup('clicks', { f: 'int' })
      });
      const service = ServiceProcess.serve(workspace, ['--config', configFile]);
      try {
        await service.next(message => message.method === 'featurelab/ready');
        const health = await service.request(1, 'health');
        expect(health.result).toMatchObject({
          status: 'ok',
          registry: {
            kind: backend.kind,
            location: backend.location,
            schemaVersion: REGISTRY_MIGRATIONS.length,
            ok: true
          },
          backends: expect.arrayContaining([
            expect.objectContaining({ name: 'registry', kind: backend.kind, configured: true })
          ])
        });
        if (backend.config.kind === 'postgresql') {
          const password = new URL(backend.config.url).password;
          expect(password).not.toBe('');
          expect(JSON.stringify(health)).not.toContain(password);
        }
        const apply = await service.request(2, 'specs.apply', { folder: 'features' });
        expect(apply.result).toMatchObject({
          status: 'ok',
          appliedVersion: { version: 1, author: 'ada' }
        });
      } finally {
        await service.close();
      }
      expect(await count('spec_objects')).toBe(2);
    });
  });
}
