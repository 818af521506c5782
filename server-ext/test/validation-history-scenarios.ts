import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SuiteResult } from '@featurelab/core/validation';
import { openRegistry, type OpenRegistry } from '../src/registry/open-registry.js';
import {
  validationHistoryStoreOf,
  type ValidationRunRecord
} from '../src/validation/history-store.js';
import { temporaryDirectory } from './helpers.js';
import type { BackendFactory, RegistryBackend } from './registry-backends.js';

function run(
  id: string,
  startedAt: string,
  partition: string | null,
  rows: number,
  extra: Partial<ValidationRunRecord> = {}
): ValidationRunRecord {
  const result: SuiteResult = {
    suite: 'items',
    mode: 'block',
    engine: 'duckdb',
    status: 'fail',
    blocked: true,
    scans: 2,
    rowCount: rows,
    startedAt,
    durationMs: 12,
    checks: [
      {
        id: 'rows',
        index: 0,
        type: 'rowCount',
        pointer: '/checks/0',
        severity: 'block',
        status: 'pass',
        metric: 'row_count',
        value: rows,
        threshold: { min: 1 },
        message: 'ok'
      },
      {
        id: "we'ird; --",
        index: 1,
        type: 'statistic',
        pointer: '/checks/1',
        severity: 'warn',
        status: 'fail',
        metric: 'mean(x)',
        value: 'NaN',
        threshold: { max: 1 },
        message: 'NaN'
      }
    ]
  };
  return {
    id,
    suite: 'items',
    suiteHash: 'a'.repeat(64),
    featureGroup: 'item_attributes',
    partition,
    data: '/data/items',
    createdBy: 'ana',
    result,
    ...extra
  };
}

/** Metric history round-trips through either registry backend. */
export function describeValidationHistoryScenarios(factory: BackendFactory): void {
  describe('validation metric history', () => {
    let backend: RegistryBackend;
    let registry: OpenRegistry;
    let cleanup: () => void;
    beforeEach(async () => {
      const dir = temporaryDirectory('featurelab-validation-history-');
      cleanup = dir.cleanup;
      backend = await factory(dir.dir);
      registry = await openRegistry(backend.config);
    });
    afterEach(async () => {
      await registry.close();
      await backend.dispose();
      cleanup();
    });

    it('records runs and reads one metric newest first, NaN kept as text', async () => {
      const store = validationHistoryStoreOf(registry);
      await store.record(run('r1', '2026-01-01T00:00:00.000Z', 'ds=1', 100));
      await store.record(run('r2', '2026-01-02T00:00:00.000Z', 'ds=2', 120));
      await store.record(run('r3', '2026-01-03T00:00:00.000Z', null, 5, { featureGroup: 'other' }));
      const rows = await store.history({
        suite: 'items',
        featureGroup: 'item_attributes',
        checkId: 'rows'
      });
      expect(rows.map(p => [p.runId, p.partition, p.value, p.status])).toEqual([
        ['r2', 'ds=2', 120, 'pass'],
        ['r1', 'ds=1', 100, 'pass']
      ]);
      expect(rows[0].startedAt).toBe('2026-01-02T00:00:00.000Z');
      const nan = await store.history({ suite: 'items', checkId: "we'ird; --", limit: 1 });
      expect(nan).toMatchObject([{ runId: 'r3', value: null, valueText: 'NaN', status: 'fail' }]);
    });

    it('writes nothing when a run cannot be recorded', async () => {
      const store = validationHistoryStoreOf(registry);
      await store.record(run('r1', '2026-01-01T00:00:00.000Z', null, 1));
      await expect(store.record(run('r1', '2026-01-05T00:00:00.000Z', null, 2))).rejects.toThrow();
      expect(await store.history({ suite: 'items' })).toHaveLength(2);
    });
  });
}
