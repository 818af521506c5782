/**
 * Re-analysis after an edit reuses the parse of unchanged CTE chunks. Whatever is reused, the
 * answer must equal the one for the same text analyzed on its own. Time per edit is measured in
 * bench/, not here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeSql, catalogFromJson, type RelationSchema } from '../../src/sql/index.js';

const dir = new URL('../fixtures/sql-corpus/', import.meta.url);
const catalog = catalogFromJson(JSON.parse(readFileSync(new URL('catalog.json', dir), 'utf8')));
const query = readFileSync(new URL('long-query.sql', dir), 'utf8');

/** Names and columns only: ranges move when an edit changes the text's length. */
function schemas(relations: readonly RelationSchema[]): unknown[] {
  return relations.map(relation => ({ name: relation.name, columns: relation.columns }));
}

describe('incremental re-analysis of a 239-line query', () => {
  it('analyzes the long query with no diagnostics', () => {
    expect(analyzeSql(query, catalog).diagnostics).toEqual([]);
  });

  it('gives the same relations after one-CTE edits as a first analysis', () => {
    const baseline = schemas(analyzeSql(query, catalog).relations);
    for (let i = 1; i <= 20; i++) {
      const edited = query.replace('HAVING count(*) > 0', `HAVING count(*) > ${i}`);
      expect(edited).not.toEqual(query);
      const result = analyzeSql(edited, catalog);
      expect(result.diagnostics).toEqual([]);
      expect(schemas(result.relations)).toEqual(baseline);
    }
  });

  it('keeps an error local to the edited CTE and recovers when it is fixed', () => {
    const broken = query.replace('HAVING count(*) > 0', 'HAVING count(*) >');
    const result = analyzeSql(broken, catalog);
    expect(result.diagnostics.some(d => d.severity === 'error')).toBe(true);
    for (const d of result.diagnostics) {
      expect(d.range.from).toBeGreaterThanOrEqual(0);
      expect(d.range.to).toBeLessThanOrEqual(broken.length);
    }
    expect(analyzeSql(query, catalog).relations).toEqual(analyzeSql(query, catalog).relations);
    expect(analyzeSql(query, catalog).diagnostics).toEqual([]);
  });
});
