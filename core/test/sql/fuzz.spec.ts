/**
 * Bad input never breaks the analyzers: truncations and byte mutations of every corpus query
 * (SQL and PySpark), random text, a 1 MB input and deep nesting. Whatever the text, analysis
 * returns (never throws) and every range it reports lies inside the text. Seeded, so a failure
 * reproduces; time per edit is measured in bench/, not here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzePySpark } from '../../src/pyspark/index.js';
import {
  analyzeSql,
  catalogFromJson,
  warmUpParser,
  type AnalysisResult
} from '../../src/sql/index.js';

const fixtures = new URL('../fixtures/', import.meta.url);
const catalog = catalogFromJson(
  JSON.parse(readFileSync(new URL('sql-corpus/catalog.json', fixtures), 'utf8'))
);
const sqlCorpus = (
  JSON.parse(readFileSync(new URL('sql-corpus/expected.json', fixtures), 'utf8')) as {
    queries: { id: string; sql: string }[];
  }
).queries;
const pysparkCorpus = (
  JSON.parse(readFileSync(new URL('pyspark-corpus/expected.json', fixtures), 'utf8')) as {
    chains: { id: string; code: string }[];
  }
).chains;

/** mulberry32: a small seeded generator, so every run fuzzes the same inputs. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET =
  '()[]{},.;:\'"`*+-/%<>=!|&^~ \n\tabcxyzSELECTFROMWHEREJOIN0123456789_\\#$@🙂é\u0000';

function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const pick = (): string => ALPHABET[Math.floor(next() * ALPHABET.length)];
  switch (Math.floor(next() * 4)) {
    case 0: // delete a few characters
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3));
    case 1: // insert one
      return text.slice(0, at) + pick() + text.slice(at);
    case 2: // replace one
      return text.slice(0, at) + pick() + text.slice(at + 1);
    default: // duplicate a slice (unbalanced brackets, repeated clauses)
      return text.slice(0, at) + text.slice(Math.max(0, at - 12), at) + text.slice(at);
  }
}

function randomText(next: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out +=
      next() < 0.7
        ? ALPHABET[Math.floor(next() * ALPHABET.length)]
        : String.fromCharCode(Math.floor(next() * 0x10000));
  }
  return out;
}

/** The problems of one result: ranges outside the text or inverted. */
function badRanges(result: AnalysisResult, length: number): string[] {
  const items = [
    ...result.diagnostics.map(d => ['diagnostic', d.range] as const),
    ...result.operators.map(o => ['operator', o.range] as const),
    ...result.relations.map(
      r => ['relation', (r as { range?: { from: number; to: number } }).range] as const
    )
  ];
  return items
    .filter(([, r]) => r !== undefined && !(r.from >= 0 && r.from <= r.to && r.to <= length))
    .map(([what, r]) => `${what} ${JSON.stringify(r)} of ${length}`);
}

type Analyze = (text: string) => AnalysisResult;
const sql: Analyze = text => analyzeSql(text, catalog);
const pyspark: Analyze = text => analyzePySpark(text, catalog);

function check(analyze: Analyze, text: string): void {
  let result: AnalysisResult | undefined;
  expect(() => (result = analyze(text)), JSON.stringify(text.slice(0, 200))).not.toThrow();
  expect(badRanges(result!, text.length), JSON.stringify(text.slice(0, 200))).toEqual([]);
}

warmUpParser();
// Generous limits: the machine may be shared; these tests assert behaviour, never time.
const LIMIT = { timeout: 120_000 };

describe('fuzzing the SQL analyzer', () => {
  it('survives truncations and mutations of every corpus query', LIMIT, () => {
    const next = random(4);
    for (const { sql: text } of sqlCorpus) {
      check(sql, text.slice(0, Math.floor(next() * text.length)));
      let mutated = text;
      for (let round = 0; round < 2; round++) {
        mutated = mutate(mutated, next);
        check(sql, mutated);
      }
    }
  });

  it('survives random text', () => {
    const next = random(7);
    for (let i = 0; i < 40; i++) {
      check(sql, randomText(next, Math.floor(next() * 400)));
    }
  });

  it('survives deep nesting', LIMIT, () => {
    const depth = 500;
    check(sql, `SELECT ${'('.repeat(depth)}1${')'.repeat(depth)}`);
    check(sql, `SELECT ${'('.repeat(depth)}1`);
    check(sql, `SELECT * FROM ${'(SELECT * FROM '.repeat(depth)}demo.users${') t'.repeat(depth)}`);
    check(sql, `SELECT ${'abs('.repeat(depth)}1${')'.repeat(depth)}`);
    check(sql, `SELECT 1 ${'+ 1 '.repeat(5000)}`);
  });

  it('survives a 1 MB input', LIMIT, () => {
    // 100 distinct statements repeated: the chunk cache makes repeats cheap, as in an editor.
    const block = `${sqlCorpus
      .slice(0, 100)
      .map(q => q.sql)
      .join(';\n')};\n`;
    const text = block.repeat(Math.ceil(1_000_000 / block.length)).slice(0, 1_000_000);
    check(sql, text);
  });
});

describe('fuzzing the PySpark lowering', () => {
  it('survives truncations and mutations of every corpus chain', LIMIT, () => {
    const next = random(11);
    for (const { code } of pysparkCorpus) {
      for (let i = 0; i < 6; i++) {
        check(pyspark, code.slice(0, Math.floor(next() * code.length)));
      }
      let mutated = code;
      for (let round = 0; round < 8; round++) {
        mutated = mutate(mutated, next);
        check(pyspark, mutated);
      }
    }
  });

  it('survives random text, deep nesting and a 1 MB input', LIMIT, () => {
    const next = random(13);
    for (let i = 0; i < 40; i++) {
      check(pyspark, randomText(next, Math.floor(next() * 400)));
    }
    const depth = 500;
    check(pyspark, `df = ${'('.repeat(depth)}spark.table("demo.users")${')'.repeat(depth)}`);
    check(pyspark, `x = F.col("a")${' + F.col("a")'.repeat(depth)}`);
    check(pyspark, `x = ${'F.abs('.repeat(depth)}F.col("a")${')'.repeat(depth)}`);
    check(pyspark, `df = spark.table("demo.users")${'.filter(F.col("age") > 1)'.repeat(200)}`);
    check(pyspark, `${'['.repeat(depth)}`);
    const block = `${pysparkCorpus.map(c => c.code).join('\n')}\n`;
    check(pyspark, block.repeat(Math.ceil(1_000_000 / block.length)).slice(0, 1_000_000));
  });
});
