import {
  Bool,
  Float32,
  List,
  Field,
  tableFromArrays,
  tableToIPC,
  Utf8,
  vectorFromArray,
  Table
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';

import { catalogTablesFromArrow, decodeArrowIPC, toUint8Array } from '../src/index.js';

describe('decodeArrowIPC', () => {
  it('decodes the stream format pyarrow writes', async () => {
    const source = tableFromArrays({
      id: BigInt64Array.from([1n, 2n, 3n]),
      score: Float32Array.from([0.5, 1.5, 2.5]),
      label: ['a', 'b', 'c']
    });
    const bytes = tableToIPC(source, 'stream');
    const table = await decodeArrowIPC(bytes);
    expect(table.numRows).toBe(3);
    expect(table.schema.fields.map(field => field.name)).toEqual(['id', 'score', 'label']);
    expect(String(table.getChild('id')?.type)).toBe('Int64');
    expect(table.getChild('id')?.get(2)).toBe(3n);
    expect(table.getChild('label')?.toArray()).toEqual(['a', 'b', 'c']);
    expect(table.getChild('score')?.get(1)).toBe(1.5);
  });

  it('decodes the file format and nested lists', async () => {
    const emb = vectorFromArray(
      [[0.1, 0.2], null, [0.3]],
      new List(new Field('item', new Float32(), true))
    );
    const source = new Table({ emb: emb });
    const table = await decodeArrowIPC(tableToIPC(source, 'file'));
    expect(table.numRows).toBe(3);
    expect(table.getChild('emb')?.get(1)).toBeNull();
    expect(Array.from(table.getChild('emb')?.get(2) ?? [])).toEqual([Math.fround(0.3)]);
  });

  it('accepts a view into a larger buffer, as websocket frames arrive', async () => {
    const bytes = tableToIPC(tableFromArrays({ x: [1, 2] }), 'stream');
    const padded = new Uint8Array(bytes.byteLength + 16);
    padded.set(bytes, 8);
    const view = new DataView(padded.buffer, 8, bytes.byteLength);
    expect(toUint8Array(view).byteLength).toBe(bytes.byteLength);
    const table = await decodeArrowIPC(view);
    expect(table.numRows).toBe(2);
  });
});

describe('catalogTablesFromArrow', () => {
  it('turns the catalog reply into typed tables', async () => {
    const schemaJson =
      '{"fields":[{"metadata":{},"name":"emb","nullable":true,"type":{"containsNull":true,"elementType":"float","type":"array"}}],"type":"struct"}';
    const source = new Table({
      database: vectorFromArray(['default', null, 'default'], new Utf8()),
      name: vectorFromArray(['users', 'tmp_view', 'broken'], new Utf8()),
      table_type: vectorFromArray(['MANAGED', 'TEMPORARY', 'EXTERNAL'], new Utf8()),
      is_temporary: vectorFromArray([false, true, false], new Bool()),
      schema_json: vectorFromArray([schemaJson, schemaJson, null], new Utf8()),
      error: vectorFromArray([null, null, 'Path does not exist'], new Utf8())
    });
    const table = await decodeArrowIPC(tableToIPC(source, 'stream'));
    const tables = catalogTablesFromArrow(table);
    expect(tables).toHaveLength(3);
    expect(tables[0]).toMatchObject({
      database: 'default',
      name: 'users',
      tableType: 'MANAGED',
      isTemporary: false,
      error: null
    });
    expect(tables[0].schema?.fields[0].name).toBe('emb');
    expect(tables[1]).toMatchObject({ database: '', isTemporary: true });
    expect(tables[2]).toMatchObject({ schema: null, error: 'Path does not exist' });
  });

  it('marks only the table whose schema does not parse', async () => {
    const source = tableFromArrays({
      database: ['db', 'db'],
      name: ['good', 'bad'],
      table_type: ['MANAGED', 'MANAGED'],
      is_temporary: [false, false],
      schema_json: ['{"fields":[],"type":"struct"}', '{oops'],
      error: ['', '']
    });
    const tables = catalogTablesFromArrow(await decodeArrowIPC(tableToIPC(source)));
    expect(tables[0].error).toBeNull();
    expect(tables[0].schema?.fields).toEqual([]);
    expect(tables[1].schema).toBeNull();
    expect(tables[1].error).toMatch(/not valid JSON/);
  });
});
