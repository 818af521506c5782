/**
 * Time per analysis of a 239-line feature query (14 CTEs, subqueries, joins, aggregates, window
 * functions, LATERAL VIEW generators, a lambda and a correlated scalar subquery), the budget of a
 * keystroke in the editor. Bounds are loose for shared CI machines; the measured
 * numbers are attached to the test as annotations.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeSql, catalogFromJson } from '../../src/sql/index.js';

const dir = new URL('../fixtures/sql-corpus/', import.meta.url);
const catalog = catalogFromJson(JSON.parse(readFileSync(new URL('catalog.json', dir), 'utf8')));
const query = readFileSync(new URL('long-query.sql', dir), 'utf8');

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

describe('analysis time of a 239-line query', () => {
  it('cold, then warm: a full re-parse and a one-CTE edit', async ({ annotate }) => {
    const cold = time(() => expect(analyzeSql(query, catalog).diagnostics).toEqual([]));

    // Every CTE changed: nothing comes from the chunk cache.
    const full: number[] = [];
    for (let i = 0; i < 30; i++) {
      const edited = query.replace(/\) t\n/g, `) t -- edit ${i}\n`);
      full.push(time(() => analyzeSql(edited, catalog)));
    }
    // A keystroke: one CTE changes, the other chunks are reused. Enough samples for a p95 that
    // is not just the slowest run.
    const edit: number[] = [];
    for (let i = 0; i < 100; i++) {
      const edited = query.replace('HAVING count(*) > 0', `HAVING count(*) > ${i + 1}`);
      edit.push(time(() => analyzeSql(edited, catalog)));
    }
    const report = `cold ${cold.toFixed(0)} ms; full re-parse p50 ${percentile(full, 50).toFixed(1)} / p95 ${percentile(full, 95).toFixed(1)} ms; one-CTE edit p50 ${percentile(edit, 50).toFixed(1)} / p95 ${percentile(edit, 95).toFixed(1)} ms`;
    await annotate(report);
    expect(percentile(full, 50), report).toBeLessThan(100);
    expect(percentile(edit, 50), report).toBeLessThan(50);
  });
});
