/**
 * One keystroke must not hide the whole query: while a CTE header, a body's parentheses or the
 * main query are broken, the other CTEs keep their schemas, and the error points at the break.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeSql, catalogFromJson } from '../../src/sql/index.js';

const catalog = catalogFromJson(
  JSON.parse(readFileSync(new URL('../fixtures/sql-corpus/catalog.json', import.meta.url), 'utf8'))
);

const query = (first: string, second: string, main: string): string =>
  `WITH ${first},\n${second}\n${main}`;
const FIRST = 'a AS (SELECT user_id, country FROM demo.users)';
const SECOND = 'b AS (SELECT user_id, count(*) AS n FROM demo.orders GROUP BY user_id)';
const MAIN = 'SELECT a.user_id, b.n FROM a JOIN b ON a.user_id = b.user_id';

const errorsOf = (text: string): string[] =>
  analyzeSql(text, catalog)
    .diagnostics.filter(d => d.severity === 'error')
    .map(d => `${d.code} ${text.slice(d.range.from, d.range.to)}`);
const namesOf = (text: string): string[] =>
  analyzeSql(text, catalog).relations.map(r => `${r.name}:${r.columns.length}`);

describe('recovery while typing in a WITH query', () => {
  it('keeps the CTEs when the main query does not parse', () => {
    const text = query(FIRST, SECOND, 'SELECT a.user_id, FROM a WHERE');
    expect(namesOf(text)).toEqual(['a:2', 'b:2', '$result:0']);
    expect(errorsOf(text).length).toBeGreaterThan(0);
  });

  it('reports a word typed into a CTE header and keeps splitting', () => {
    const text = query('a ASx (SELECT user_id, country FROM demo.users)', SECOND, MAIN);
    expect(errorsOf(text)).toEqual(['PARSE_SYNTAX_ERROR ASx']);
    expect(namesOf(text)).toEqual(['a:2', 'b:2', '$result:2']);
  });

  it('ends a body with unbalanced parentheses at the next CTE header', () => {
    const text = query('a AS (SELECT user_id, (country FROM demo.users)', SECOND, MAIN);
    expect(errorsOf(text).every(e => e.startsWith('PARSE_SYNTAX_ERROR'))).toBe(true);
    expect(namesOf(text)).toContain('b:2');
  });

  it("reports a body's missing opening parenthesis", () => {
    const text = query('a AS SELECT user_id, country FROM demo.users)', SECOND, MAIN);
    expect(errorsOf(text)).toEqual(['PARSE_SYNTAX_ERROR SELECT']);
    expect(namesOf(text)).toEqual(['a:2', 'b:2', '$result:2']);
  });
});
