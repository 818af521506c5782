/**
 * Type names as text: Spark's (`bigint`, `decimal(12,2)`, `array<float>`, as in a suite's
 * typeConformance check) and DuckDB's (`BIGINT`, `DECIMAL(12,2)`, `FLOAT[]`, `MAP(VARCHAR,
 * DOUBLE)`, as DESCRIBE prints them), both read into the analyzer's DataType.
 */
import { T, type DataType, type StructField } from '../sql/types.js';

const SPARK_NAMES: Readonly<Record<string, DataType>> = {
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
  string: T.string,
  binary: T.binary,
  date: T.date,
  timestamp: T.timestamp,
  timestamp_ltz: T.timestamp,
  timestamp_ntz: T.timestampNtz,
  void: T.void
};

const DUCKDB_NAMES: Readonly<Record<string, DataType>> = {
  BOOLEAN: T.boolean,
  TINYINT: T.tinyint,
  SMALLINT: T.smallint,
  INTEGER: T.int,
  BIGINT: T.bigint,
  // Unsigned and huge integers have no Spark type; the nearest wider one keeps checks working.
  UTINYINT: T.smallint,
  USMALLINT: T.int,
  UINTEGER: T.bigint,
  UBIGINT: T.decimal(20, 0),
  HUGEINT: T.decimal(38, 0),
  FLOAT: T.float,
  DOUBLE: T.double,
  VARCHAR: T.string,
  BLOB: T.binary,
  DATE: T.date,
  'TIMESTAMP WITH TIME ZONE': T.timestamp,
  TIMESTAMP: T.timestampNtz,
  TIMESTAMP_NS: T.timestampNtz,
  TIMESTAMP_MS: T.timestampNtz,
  TIMESTAMP_S: T.timestampNtz
};

/** Thrown for a type name that cannot be read. */
export class TypeTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TypeTextError';
  }
}

/** Read a Spark type name; throws TypeTextError. */
export function parseSparkTypeText(text: string): DataType {
  const reader = new Reader(text);
  const type = readSpark(reader);
  reader.end();
  return type;
}

/** Read a DuckDB type as DESCRIBE prints it; throws TypeTextError. */
export function parseDuckdbTypeText(text: string): DataType {
  const reader = new Reader(text);
  const type = readDuckdb(reader);
  reader.end();
  return type;
}

/** The columns of a DuckDB DESCRIBE, as Spark-typed fields. */
export function duckdbSchema(rows: readonly { name: string; type: string }[]): StructField[] {
  return rows.map(row => ({ name: row.name, type: parseDuckdbTypeText(row.type), nullable: true }));
}

class Reader {
  private pos = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) {
      this.pos++;
    }
  }
  peek(): string {
    this.skipSpace();
    return this.text[this.pos] ?? '';
  }
  accept(char: string): boolean {
    if (this.peek() === char) {
      this.pos++;
      return true;
    }
    return false;
  }
  expect(char: string): void {
    if (!this.accept(char)) {
      throw new TypeTextError(`expected "${char}" at offset ${this.pos} of "${this.text}"`);
    }
  }
  word(): string {
    this.skipSpace();
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (!match) {
      throw new TypeTextError(`expected a type name at offset ${this.pos} of "${this.text}"`);
    }
    this.pos += match[0].length;
    return match[0];
  }
  integer(): number {
    this.skipSpace();
    const match = /^\d+/.exec(this.text.slice(this.pos));
    if (!match) {
      throw new TypeTextError(`expected a number at offset ${this.pos} of "${this.text}"`);
    }
    this.pos += match[0].length;
    return Number(match[0]);
  }
  /** A field name: a word, a "quoted" or `quoted` name. */
  fieldName(): string {
    const quote = this.peek();
    if (quote === '"' || quote === '`') {
      this.pos++;
      let name = '';
      while (this.pos < this.text.length) {
        const char = this.text[this.pos++];
        if (char === quote) {
          if (this.text[this.pos] === quote) {
            name += quote;
            this.pos++;
            continue;
          }
          return name;
        }
        name += char;
      }
      throw new TypeTextError(`unterminated quoted name in "${this.text}"`);
    }
    return this.word();
  }
  lookingAt(words: string): boolean {
    this.skipSpace();
    return this.text.slice(this.pos, this.pos + words.length).toUpperCase() === words;
  }
  advance(n: number): void {
    this.pos += n;
  }
  end(): void {
    this.skipSpace();
    if (this.pos !== this.text.length) {
      throw new TypeTextError(`unexpected "${this.text.slice(this.pos)}" in "${this.text}"`);
    }
  }
}

function readSpark(reader: Reader): DataType {
  const name = reader.word().toLowerCase();
  if (name === 'decimal' || name === 'dec' || name === 'numeric') {
    if (!reader.accept('(')) {
      return T.decimal(10, 0);
    }
    const precision = reader.integer();
    const scale = reader.accept(',') ? reader.integer() : 0;
    reader.expect(')');
    return T.decimal(precision, scale);
  }
  if (name === 'array') {
    reader.expect('<');
    const element = readSpark(reader);
    reader.expect('>');
    return T.array(element, true);
  }
  if (name === 'map') {
    reader.expect('<');
    const key = readSpark(reader);
    reader.expect(',');
    const value = readSpark(reader);
    reader.expect('>');
    return T.map(key, value, true);
  }
  if (name === 'struct') {
    reader.expect('<');
    const fields: StructField[] = [];
    if (!reader.accept('>')) {
      do {
        const fieldName = reader.fieldName();
        reader.expect(':');
        fields.push({ name: fieldName, type: readSpark(reader), nullable: true });
      } while (reader.accept(','));
      reader.expect('>');
    }
    return { kind: 'struct', fields };
  }
  if ((name === 'varchar' || name === 'char') && reader.accept('(')) {
    reader.integer();
    reader.expect(')');
    return T.string;
  }
  const known = SPARK_NAMES[name];
  if (known === undefined) {
    throw new TypeTextError(`unknown Spark type "${name}"`);
  }
  return known;
}

function readDuckdb(reader: Reader): DataType {
  let type: DataType;
  if (reader.lookingAt('TIMESTAMP WITH TIME ZONE')) {
    reader.advance('TIMESTAMP WITH TIME ZONE'.length);
    type = T.timestamp;
  } else {
    const name = reader.word().toUpperCase();
    if (name === 'DECIMAL') {
      reader.expect('(');
      const precision = reader.integer();
      reader.expect(',');
      const scale = reader.integer();
      reader.expect(')');
      type = T.decimal(precision, scale);
    } else if (name === 'MAP') {
      reader.expect('(');
      const key = readDuckdb(reader);
      reader.expect(',');
      const value = readDuckdb(reader);
      reader.expect(')');
      type = T.map(key, value, true);
    } else if (name === 'STRUCT') {
      reader.expect('(');
      const fields: StructField[] = [];
      do {
        const fieldName = reader.fieldName();
        fields.push({ name: fieldName, type: readDuckdb(reader), nullable: true });
      } while (reader.accept(','));
      reader.expect(')');
      type = { kind: 'struct', fields };
    } else {
      const known = DUCKDB_NAMES[name];
      if (known === undefined) {
        throw new TypeTextError(`DuckDB type "${name}" has no Spark equivalent`);
      }
      type = known;
    }
  }
  // Lists: FLOAT[] (and fixed-size arrays FLOAT[768]).
  while (reader.accept('[')) {
    if (!reader.accept(']')) {
      reader.integer();
      reader.expect(']');
    }
    type = T.array(type, true);
  }
  return type;
}
