import {
  Field,
  Int32,
  List,
  Struct,
  tableFromArrays,
  tableFromIPC,
  tableToIPC,
  Utf8,
  vectorFromArray
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';

import {
  decimalToString,
  formatArrowValue,
  type IArrowTypeLike
} from '../../src/authoring/grid/formatValue.js';

describe('formatArrowValue', () => {
  it('puts the decimal point by scale, for negative values too', () => {
    expect(decimalToString(new Uint32Array([12345, 0, 0, 0]), 2)).toBe('123.45');
    expect(
      decimalToString(new Uint32Array([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]), 2)
    ).toBe('-0.01');
    expect(decimalToString(7n, 3)).toBe('0.007');
  });

  it('formats nested lists and structs compactly, with nulls', () => {
    const struct = new Struct([new Field('a', new Int32()), new Field('b', new Utf8())]);
    const vector = vectorFromArray(
      [
        { a: 1, b: 'x' },
        { a: null, b: null }
      ],
      struct
    );
    const type = vector.type as unknown as IArrowTypeLike;
    expect(formatArrowValue(vector.get(0), type)).toBe('{a: 1, b: "x"}');
    expect(formatArrowValue(vector.get(1), type)).toBe('{a: null, b: null}');
    const list = vectorFromArray([['p', null]], new List(new Field('item', new Utf8(), true)));
    expect(formatArrowValue(list.get(0), list.type as unknown as IArrowTypeLike)).toBe(
      '["p", null]'
    );
  });

  it('reads an IPC round trip of strings as plain text', () => {
    const table = tableFromIPC(tableToIPC(tableFromArrays({ s: ['hello'] }), 'stream'));
    const column = table.getChild('s')!;
    expect(formatArrowValue(column.get(0), column.type as unknown as IArrowTypeLike)).toBe('hello');
  });
});
