import { describe, expect, it } from 'vitest';

import {
  findSqlRegions,
  parseMagicOptions,
  rangeToSource
} from '../../src/authoring/sqlRegions.js';

/** The source text a SQL range maps to. */
function sourceOf(source: string, sql: string, needle: string): string {
  const [region] = findSqlRegions(source);
  const from = sql.indexOf(needle);
  const range = rangeToSource(region, { from, to: from + needle.length });
  return source.slice(range.from, range.to);
}

describe('findSqlRegions: %%sql cells', () => {
  it('takes the lines after the magic line, offsets shifted', () => {
    const source = '%%sql --limit 10 -o df\nSELECT a\nFROM t';
    const [region] = findSqlRegions(source);
    expect(region.kind).toBe('magic');
    expect(region.text).toBe('SELECT a\nFROM t');
    expect(region.magic).toEqual({ limit: 10, output: 'df' });
    expect(region.toSource(0)).toBe(source.indexOf('SELECT'));
    expect(region.fromSource(source.indexOf('FROM'))).toBe(region.text.indexOf('FROM'));
    expect(region.fromSource(3)).toBe(-1);
    expect(sourceOf(source, region.text, 'FROM t')).toBe('FROM t');
  });

  it('ignores other magics and a body-less %%sql', () => {
    expect(findSqlRegions('%%sql')).toEqual([]);
    expect(findSqlRegions('%%sqlite\nSELECT 1')).toEqual([]);
    expect(findSqlRegions('%%bash\nspark.sql("SELECT 1")')).toEqual([]);
  });

  it('parses --limit=N and -l N, ignores bad values', () => {
    expect(parseMagicOptions('--limit=5')).toEqual({ limit: 5, output: undefined });
    expect(parseMagicOptions('-l 7 --output x')).toEqual({ limit: 7, output: 'x' });
    expect(parseMagicOptions('--limit nope')).toEqual({ limit: undefined, output: undefined });
  });
});

describe('findSqlRegions: spark.sql strings in Python', () => {
  it('finds triple-quoted and plain literals, any receiver', () => {
    const source = [
      'df = spark.sql("""',
      'SELECT user_id',
      'FROM demo.users""")',
      "other = self.session.sql ( 'SELECT 1' , args)",
      'x = "spark.sql(\'SELECT nope\')"  # spark.sql("SELECT comment")'
    ].join('\n');
    const regions = findSqlRegions(source);
    expect(regions.map(r => r.text)).toEqual(['\nSELECT user_id\nFROM demo.users', 'SELECT 1']);
    expect(source.slice(regions[1].sourceRange.from, regions[1].sourceRange.to)).toBe('SELECT 1');
  });

  it('leaves f-strings and byte strings alone, keeps raw strings as written', () => {
    const source = 'spark.sql(f"SELECT {x}")\nspark.sql(b"SELECT 1")\nspark.sql(r"SELECT \'\\n\'")';
    const regions = findSqlRegions(source);
    expect(regions.map(r => r.text)).toEqual(["SELECT '\\n'"]);
  });

  it('maps offsets through escapes and line continuations', () => {
    const source = 'spark.sql("SELECT \\"a\\tb\\" AS x, \\\n  y FROM t WHERE z = \'\\u00e9\'")';
    const [region] = findSqlRegions(source);
    expect(region.text).toBe('SELECT "a\tb" AS x,   y FROM t WHERE z = \'é\'');
    for (const needle of ['AS x', 'y FROM t', 'WHERE z']) {
      expect(sourceOf(source, region.text, needle)).toBe(needle);
    }
    // An escape maps to its whole spelling.
    expect(sourceOf(source, region.text, '"a\tb"')).toBe('\\"a\\tb\\"');
    expect(sourceOf(source, region.text, "'é'")).toBe("'\\u00e9'");
    // Round trip at every offset of the value.
    for (let i = 0; i <= region.text.length; i++) {
      expect(region.fromSource(region.toSource(i))).toBe(i);
    }
    expect(region.toSource(region.text.length)).toBe(region.sourceRange.to);
    expect(region.fromSource(0)).toBe(-1);
  });

  it('treats an unterminated literal as ending at the end of the line or cell', () => {
    const [single] = findSqlRegions('spark.sql("SELECT a FROM\nx = 1');
    expect(single.text).toBe('SELECT a FROM');
    const [triple] = findSqlRegions('spark.sql("""SELECT a\nFROM t');
    expect(triple.text).toBe('SELECT a\nFROM t');
  });
});
