/**
 * Spark's DDL type strings, as `from_json(json, 'a INT, b ARRAY<STRING>')` takes them: a
 * single type (`array<int>`, `struct<a:int>`) or a column list (`a INT, b STRING`), which is a
 * struct. Spark's own parser tries the type first, then the column list.
 */
import { T, type DataType, type StructField } from './types.js';

const PRIMITIVES: Readonly<Record<string, DataType>> = {
  boolean: T.boolean,
  tinyint: T.tinyint,
  byte: T.tinyint,
  smallint: T.smallint,
  short: T.smallint,
  int: T.int,
  integer: T.int,
  bigint: T.bigint,
  long: T.bigint,
  float: T.float,
  real: T.float,
  double: T.double,
  date: T.date,
  timestamp: T.timestamp,
  timestamp_ltz: T.timestamp,
  timestamp_ntz: T.timestampNtz,
  string: T.string,
  char: T.string,
  varchar: T.string,
  binary: T.binary,
  void: T.void
};

/** The type a DDL string describes, or undefined when it does not parse. */
export function parseDdlType(text: string): DataType | undefined {
  const tokens = text.match(/`(?:[^`]|``)*`|[A-Za-z_][A-Za-z0-9_]*|\d+|[<>(),:]|\S/g) ?? [];
  const single = new DdlParser(tokens).typeOnly();
  if (single !== undefined) {
    return single;
  }
  const fields = new DdlParser(tokens).columnList();
  return fields === undefined ? undefined : { kind: 'struct', fields };
}

class DdlParser {
  private index = 0;

  constructor(private readonly tokens: readonly string[]) {}

  typeOnly(): DataType | undefined {
    const type = this.type();
    return type !== undefined && this.index === this.tokens.length ? type : undefined;
  }

  columnList(): StructField[] | undefined {
    const fields: StructField[] = [];
    do {
      const field = this.field(false);
      if (field === undefined) {
        return undefined;
      }
      fields.push(field);
    } while (this.accept(','));
    return this.index === this.tokens.length ? fields : undefined;
  }

  private peek(): string | undefined {
    return this.tokens[this.index];
  }

  private accept(token: string): boolean {
    if (this.peek()?.toLowerCase() === token) {
      this.index++;
      return true;
    }
    return false;
  }

  private name(): string | undefined {
    const token = this.peek();
    if (token === undefined || !/^[A-Za-z_`]/.test(token)) {
      return undefined;
    }
    this.index++;
    return token.startsWith('`') ? token.slice(1, -1).replace(/``/g, '`') : token;
  }

  /** `name [:] type [NOT NULL]`; struct fields may use a colon, columns may not need it. */
  private field(colon: boolean): StructField | undefined {
    const name = this.name();
    if (name === undefined) {
      return undefined;
    }
    if (colon) {
      this.accept(':');
    }
    const type = this.type();
    if (type === undefined) {
      return undefined;
    }
    const notNull = this.accept('not') && this.accept('null');
    return { name, type, nullable: !notNull };
  }

  private type(): DataType | undefined {
    const word = this.name()?.toLowerCase();
    if (word === undefined) {
      return undefined;
    }
    if (word === 'array') {
      const element = this.accept('<') ? this.type() : undefined;
      return element !== undefined && this.accept('>') ? T.array(element) : undefined;
    }
    if (word === 'map') {
      const key = this.accept('<') ? this.type() : undefined;
      const value = key !== undefined && this.accept(',') ? this.type() : undefined;
      return value !== undefined && this.accept('>') ? T.map(key!, value) : undefined;
    }
    if (word === 'struct') {
      if (!this.accept('<')) {
        return undefined;
      }
      const fields: StructField[] = [];
      if (!this.accept('>')) {
        do {
          const field = this.field(true);
          if (field === undefined) {
            return undefined;
          }
          fields.push(field);
        } while (this.accept(','));
        if (!this.accept('>')) {
          return undefined;
        }
      }
      return { kind: 'struct', fields };
    }
    const params: number[] = [];
    if (this.accept('(')) {
      do {
        const n = this.peek();
        if (n === undefined || !/^\d+$/.test(n)) {
          return undefined;
        }
        this.index++;
        params.push(Number(n));
      } while (this.accept(','));
      if (!this.accept(')')) {
        return undefined;
      }
    }
    if (word === 'decimal' || word === 'dec' || word === 'numeric') {
      return T.decimal(params[0] ?? 10, params[1] ?? 0);
    }
    return PRIMITIVES[word];
  }
}
