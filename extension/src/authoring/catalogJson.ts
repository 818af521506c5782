/**
 * The analyzer's catalog from what the frontend knows: the live Spark catalog
 * (parsed schemas from the kernel bridge) and registry feature groups (Spark
 * `simpleString` types from `catalog.list`). The analyzer reads Spark's
 * `StructType.json()` form, so both are turned back into it here.
 */
import {
  type ICatalogListing,
  qualifiedTableName,
  type SparkDataType
} from '@featurelab/kernel-bridge';

import type { ICatalogTableJson, IColumnSchema } from './protocol.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Spark's JSON form of a parsed type.
 */
export function sparkTypeToJson(type: SparkDataType): Json {
  switch (type.kind) {
    case 'atomic':
      return type.name === 'null' ? 'void' : type.name;
    case 'decimal':
      return `decimal(${type.precision},${type.scale})`;
    case 'char':
    case 'varchar':
      return `${type.kind}(${type.length})`;
    case 'interval':
      return type.name;
    case 'array':
      return {
        type: 'array',
        elementType: sparkTypeToJson(type.elementType),
        containsNull: type.containsNull
      };
    case 'map':
      return {
        type: 'map',
        keyType: sparkTypeToJson(type.keyType),
        valueType: sparkTypeToJson(type.valueType),
        valueContainsNull: type.valueContainsNull
      };
    case 'struct':
      return {
        type: 'struct',
        fields: type.fields.map(field => ({
          name: field.name,
          type: sparkTypeToJson(field.type),
          nullable: field.nullable,
          metadata: {}
        }))
      };
    case 'udt':
      return sparkTypeToJson(type.sqlType);
    case 'unknown':
      try {
        return JSON.parse(type.raw) as Json;
      } catch {
        return type.raw;
      }
  }
}

const SIMPLE_TO_JSON: Readonly<Record<string, string>> = {
  bigint: 'long',
  int: 'integer',
  integer: 'integer',
  smallint: 'short',
  tinyint: 'byte',
  string: 'string',
  float: 'float',
  double: 'double',
  boolean: 'boolean',
  binary: 'binary',
  date: 'date',
  timestamp: 'timestamp',
  timestamp_ntz: 'timestamp_ntz',
  void: 'void',
  interval: 'calendarinterval',
  variant: 'variant'
};

/**
 * Spark's JSON form of a `simpleString` (`bigint`, `decimal(12,2)`,
 * `array<struct<a:int>>`); null when it cannot be read.
 */
export function simpleStringToJson(text: string): Json | null {
  const parser = new SimpleTypeParser(text.trim());
  try {
    const type = parser.type();
    return parser.done() ? type : null;
  } catch {
    return null;
  }
}

class SimpleTypeParser {
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.pos === this.text.length;
  }

  type(): Json {
    const word = this.word().toLowerCase();
    if (word === 'array') {
      this.expect('<');
      const element = this.type();
      this.expect('>');
      return { type: 'array', elementType: element, containsNull: true };
    }
    if (word === 'map') {
      this.expect('<');
      const key = this.type();
      this.expect(',');
      const value = this.type();
      this.expect('>');
      return { type: 'map', keyType: key, valueType: value, valueContainsNull: true };
    }
    if (word === 'struct') {
      this.expect('<');
      const fields: Json[] = [];
      while (this.peek() !== '>') {
        const name = this.fieldName();
        this.expect(':');
        fields.push({ name, type: this.type(), nullable: true, metadata: {} });
        if (this.peek() === ',') {
          this.pos++;
        }
      }
      this.expect('>');
      return { type: 'struct', fields };
    }
    if (word === 'decimal' || word === 'char' || word === 'varchar') {
      const args = this.parenthesized();
      return `${word}(${args})`;
    }
    if (
      word === 'interval' &&
      this.text.slice(this.pos).match(/^\s+(year|month|day|hour|minute|second)/i)
    ) {
      const rest = /^[a-z ]+/i.exec(this.text.slice(this.pos));
      const phrase = (rest ? rest[0] : '').replace(/\s+$/, '');
      this.pos += phrase.length;
      return `interval${phrase.toLowerCase()}`;
    }
    const json = SIMPLE_TO_JSON[word];
    if (json === undefined) {
      throw new Error(`unknown type ${word}`);
    }
    return json;
  }

  private parenthesized(): string {
    this.expect('(');
    const end = this.text.indexOf(')', this.pos);
    if (end < 0) {
      throw new Error('unclosed (');
    }
    const inside = this.text.slice(this.pos, end).replace(/\s+/g, '');
    this.pos = end + 1;
    return inside;
  }

  private fieldName(): string {
    if (this.text[this.pos] === '`') {
      const end = this.text.indexOf('`', this.pos + 1);
      const name = this.text.slice(this.pos + 1, end);
      this.pos = end + 1;
      return name;
    }
    const start = this.pos;
    while (this.pos < this.text.length && this.text[this.pos] !== ':') {
      this.pos++;
    }
    return this.text.slice(start, this.pos);
  }

  private word(): string {
    const match = /^[A-Za-z_]+/.exec(this.text.slice(this.pos));
    if (!match) {
      throw new Error('type expected');
    }
    this.pos += match[0].length;
    return match[0];
  }

  private peek(): string {
    return this.text[this.pos] ?? '';
  }

  private expect(char: string): void {
    if (this.text[this.pos] !== char) {
      throw new Error(`${char} expected`);
    }
    this.pos++;
  }

  private pos = 0;
}

/**
 * A registry object seen as a table: a feature group and its typed features.
 */
export interface IRegistryTable {
  readonly name: string;
  readonly columns: readonly IColumnSchema[];
}

/**
 * The analyzer's tables: the Spark catalog first, then registry feature
 * groups whose names the Spark catalog does not use already.
 */
export function catalogTables(
  listing: ICatalogListing | null,
  registry: readonly IRegistryTable[]
): ICatalogTableJson[] {
  const tables: ICatalogTableJson[] = [];
  const seen = new Set<string>();
  for (const table of listing?.tables ?? []) {
    if (!table.schema) {
      continue;
    }
    const name = qualifiedTableName(table);
    seen.add(name.toLowerCase());
    tables.push({ name, schemaJson: sparkTypeToJson(table.schema) });
  }
  for (const group of registry) {
    if (seen.has(group.name.toLowerCase())) {
      continue;
    }
    const fields = group.columns.flatMap(column => {
      const type = simpleStringToJson(column.type);
      return type === null
        ? []
        : [{ name: column.name, type, nullable: column.nullable, metadata: {} }];
    });
    tables.push({ name: group.name, schemaJson: { type: 'struct', fields } });
  }
  return tables;
}

/**
 * Feature groups from a `catalog.list` result: entries of kind `Feature`
 * grouped by `featureGroup`, typed with their Spark `type`. Anything else in
 * the answer is ignored, so an older or newer service does no harm.
 */
export function registryTablesFromCatalogList(result: unknown): IRegistryTable[] {
  const entries =
    typeof result === 'object' &&
    result !== null &&
    Array.isArray((result as { entries?: unknown }).entries)
      ? (result as { entries: unknown[] }).entries
      : [];
  const groups = new Map<string, IColumnSchema[]>();
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) {
      continue;
    }
    const { kind, name, featureGroup, type } = entry as Record<string, unknown>;
    if (kind === 'FeatureGroup' && typeof name === 'string' && !groups.has(name)) {
      groups.set(name, []);
    } else if (
      kind === 'Feature' &&
      typeof name === 'string' &&
      typeof featureGroup === 'string' &&
      typeof type === 'string'
    ) {
      const columns = groups.get(featureGroup) ?? [];
      columns.push({ name, type, nullable: true });
      groups.set(featureGroup, columns);
    }
  }
  return [...groups]
    .filter(([, columns]) => columns.length > 0)
    .map(([name, columns]) => ({ name, columns }));
}
