import { describe, expect, it } from 'vitest';

import {
  isNestedSparkType,
  parseSparkSchemaJson,
  parseSparkType,
  renderSparkType,
  SparkTypeParseError
} from '../src/index.js';

/**
 * A schema as PySpark 3.5 prints it with `df.schema.json()` for
 * `emb array<float>, attrs map<string,string>, price decimal(12,2),
 *  user struct<a:int,b:string>` (field order and key order kept verbatim).
 */
const FEATURE_SCHEMA =
  '{"fields":[' +
  '{"metadata":{},"name":"emb","nullable":true,"type":{"containsNull":true,"elementType":"float","type":"array"}},' +
  '{"metadata":{},"name":"attrs","nullable":true,"type":{"keyType":"string","type":"map","valueContainsNull":true,"valueType":"string"}},' +
  '{"metadata":{"comment":"unit price"},"name":"price","nullable":false,"type":"decimal(12,2)"},' +
  '{"metadata":{},"name":"user","nullable":true,"type":{"fields":[' +
  '{"metadata":{},"name":"a","nullable":true,"type":"integer"},' +
  '{"metadata":{},"name":"b","nullable":true,"type":"string"}],"type":"struct"}}' +
  '],"type":"struct"}';

describe('parseSparkSchemaJson', () => {
  it('parses arrays, maps, decimals and nested structs', () => {
    const schema = parseSparkSchemaJson(FEATURE_SCHEMA);
    expect(schema.fields.map(field => field.name)).toEqual(['emb', 'attrs', 'price', 'user']);
    expect(schema.fields[0].type).toEqual({
      kind: 'array',
      containsNull: true,
      elementType: { kind: 'atomic', name: 'float' }
    });
    expect(schema.fields[1].type).toEqual({
      kind: 'map',
      keyType: { kind: 'atomic', name: 'string' },
      valueType: { kind: 'atomic', name: 'string' },
      valueContainsNull: true
    });
    expect(schema.fields[2]).toMatchObject({
      nullable: false,
      comment: 'unit price',
      type: { kind: 'decimal', precision: 12, scale: 2 }
    });
    expect(schema.fields.map(field => renderSparkType(field.type))).toEqual([
      'array<float>',
      'map<string,string>',
      'decimal(12,2)',
      'struct<a:int,b:string>'
    ]);
    expect(renderSparkType(schema)).toBe(
      'struct<emb:array<float>,attrs:map<string,string>,price:decimal(12,2),user:struct<a:int,b:string>>'
    );
  });

  it('renders every atomic type the way Spark prints it', () => {
    const cases: [string, string][] = [
      ['string', 'string'],
      ['integer', 'int'],
      ['long', 'bigint'],
      ['short', 'smallint'],
      ['byte', 'tinyint'],
      ['float', 'float'],
      ['double', 'double'],
      ['boolean', 'boolean'],
      ['binary', 'binary'],
      ['date', 'date'],
      ['timestamp', 'timestamp'],
      ['timestamp_ntz', 'timestamp_ntz'],
      ['void', 'void'],
      ['null', 'void'],
      ['calendarinterval', 'interval'],
      ['variant', 'variant'],
      ['decimal(38,18)', 'decimal(38,18)'],
      ['decimal', 'decimal(10,0)'],
      ['char(3)', 'char(3)'],
      ['varchar(255)', 'varchar(255)'],
      ['interval day to second', 'interval day to second'],
      ['interval year to month', 'interval year to month']
    ];
    for (const [json, printed] of cases) {
      expect(renderSparkType(parseSparkType(json)), json).toBe(printed);
    }
  });

  it('parses deeply nested types', () => {
    // array<map<string,array<struct<x:double,tags:array<string>>>>> from a
    // PySpark `ArrayType(MapType(...)).jsonValue()`.
    const json = {
      type: 'array',
      containsNull: false,
      elementType: {
        type: 'map',
        keyType: 'string',
        valueContainsNull: true,
        valueType: {
          type: 'array',
          containsNull: true,
          elementType: {
            type: 'struct',
            fields: [
              { metadata: {}, name: 'x', nullable: false, type: 'double' },
              {
                metadata: {},
                name: 'tags',
                nullable: true,
                type: { type: 'array', containsNull: true, elementType: 'string' }
              }
            ]
          }
        }
      }
    };
    const type = parseSparkType(json);
    expect(renderSparkType(type)).toBe(
      'array<map<string,array<struct<x:double,tags:array<string>>>>>'
    );
    expect(type.kind === 'array' && type.containsNull).toBe(false);
    expect(isNestedSparkType(type)).toBe(true);
    expect(isNestedSparkType(parseSparkType('long'))).toBe(false);
  });

  it('names user defined types after their class, like Spark', () => {
    const vector = parseSparkType({
      type: 'udt',
      class: 'org.apache.spark.ml.linalg.VectorUDT',
      pyClass: 'pyspark.ml.linalg.VectorUDT',
      sqlType: {
        type: 'struct',
        fields: [
          { name: 'type', type: 'byte', nullable: false, metadata: {} },
          { name: 'size', type: 'integer', nullable: true, metadata: {} },
          {
            name: 'indices',
            type: { type: 'array', elementType: 'integer', containsNull: false },
            nullable: true,
            metadata: {}
          },
          {
            name: 'values',
            type: { type: 'array', elementType: 'double', containsNull: false },
            nullable: true,
            metadata: {}
          }
        ]
      }
    });
    expect(vector.kind).toBe('udt');
    expect(renderSparkType(vector)).toBe('vector');
  });

  it('keeps types it does not know instead of failing', () => {
    expect(parseSparkType('geography')).toEqual({ kind: 'unknown', raw: 'geography' });
    expect(renderSparkType(parseSparkType({ type: 'quantum', bits: 2 }))).toBe(
      '{"type":"quantum","bits":2}'
    );
  });

  it('reports malformed schemas with a typed error', () => {
    expect(() => parseSparkSchemaJson('{not json')).toThrow(SparkTypeParseError);
    expect(() => parseSparkSchemaJson('"string"')).toThrow(SparkTypeParseError);
    expect(() => parseSparkSchemaJson('{"type":"struct"}')).toThrow(SparkTypeParseError);
    expect(() => parseSparkSchemaJson('{"type":"struct","fields":[{"type":"string"}]}')).toThrow(
      SparkTypeParseError
    );
    expect(() => parseSparkType(42)).toThrow(SparkTypeParseError);
  });

  it('treats an empty struct as a struct', () => {
    const schema = parseSparkSchemaJson('{"fields":[],"type":"struct"}');
    expect(schema.fields).toEqual([]);
    expect(renderSparkType(schema)).toBe('struct<>');
  });
});
