/**
 * Spark SQL types as written in specs, in the form Spark prints them
 * (`DataType.simpleString`): `bigint`, `decimal(12,2)`, `array<float>`,
 * `map<string,string>`, `struct<a:int,b:string>`.
 *
 * Specs are compared by their canonical form, so `BIGINT`, `long` and `bigint` must be one
 * type; otherwise a harmless spelling change would be planned as a destructive type change.
 */

export type SparkTypeParse =
  { readonly ok: true; readonly type: string } | { readonly ok: false; readonly message: string };

/** Spark's own aliases, mapped to the name simpleString prints. */
const PRIMITIVES: Readonly<Record<string, string>> = {
  boolean: 'boolean',
  tinyint: 'tinyint',
  byte: 'tinyint',
  smallint: 'smallint',
  short: 'smallint',
  int: 'int',
  integer: 'int',
  bigint: 'bigint',
  long: 'bigint',
  float: 'float',
  real: 'float',
  double: 'double',
  string: 'string',
  binary: 'binary',
  date: 'date',
  timestamp: 'timestamp',
  timestamp_ltz: 'timestamp',
  timestamp_ntz: 'timestamp_ntz',
  void: 'void'
};

const INTERVALS = new Set([
  'interval year to month',
  'interval day to second',
  'interval year',
  'interval month',
  'interval day',
  'interval hour',
  'interval minute',
  'interval second'
]);

const MAX_DECIMAL_PRECISION = 38;

/** Parse a Spark type and return its canonical spelling, or why it is not a Spark type. */
export function parseSparkType(text: string): SparkTypeParse {
  try {
    const parser = new TypeParser(text);
    const type = parser.parseType();
    parser.expectEnd();
    return { ok: true, type };
  } catch (error) {
    if (error instanceof TypeSyntaxError) {
      return { ok: false, message: error.message };
    }
    throw error;
  }
}

class TypeSyntaxError extends Error {}

class TypeParser {
  private position = 0;

  constructor(private readonly text: string) {}

  parseType(): string {
    const word = this.word().toLowerCase();
    if (word in PRIMITIVES) {
      return PRIMITIVES[word];
    }
    switch (word) {
      case 'decimal':
      case 'dec':
      case 'numeric':
        return this.decimal();
      case 'char':
      case 'varchar':
        return `${word}(${this.lengthArgument(word)})`;
      case 'array': {
        this.expect('<');
        const element = this.parseType();
        this.expect('>');
        return `array<${element}>`;
      }
      case 'map': {
        this.expect('<');
        const key = this.parseType();
        this.expect(',');
        const value = this.parseType();
        this.expect('>');
        return `map<${key},${value}>`;
      }
      case 'struct':
        return this.struct();
      case 'interval':
        return this.interval();
      default:
        throw new TypeSyntaxError(`unknown type "${word}"`);
    }
  }

  expectEnd(): void {
    this.skipSpaces();
    if (this.position < this.text.length) {
      throw new TypeSyntaxError(`unexpected "${this.text.slice(this.position)}" after the type`);
    }
  }

  private decimal(): string {
    if (!this.peek('(')) {
      return 'decimal(10,0)';
    }
    this.expect('(');
    const precision = this.integer();
    let scale = 0;
    if (this.peek(',')) {
      this.expect(',');
      scale = this.integer();
    }
    this.expect(')');
    if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale > precision) {
      throw new TypeSyntaxError(
        `decimal(${precision},${scale}) is out of range: precision 1 to ${MAX_DECIMAL_PRECISION}, scale at most the precision`
      );
    }
    return `decimal(${precision},${scale})`;
  }

  private lengthArgument(word: string): number {
    this.expect('(');
    const length = this.integer();
    this.expect(')');
    if (length < 1) {
      throw new TypeSyntaxError(`${word} needs a length of at least 1`);
    }
    return length;
  }

  private struct(): string {
    this.expect('<');
    const fields: string[] = [];
    if (!this.peek('>')) {
      do {
        if (fields.length > 0) {
          this.expect(',');
        }
        const name = this.fieldName();
        this.expect(':');
        fields.push(`${name}:${this.parseType()}`);
      } while (this.peek(','));
    }
    this.expect('>');
    return `struct<${fields.join(',')}>`;
  }

  private interval(): string {
    const words = ['interval', this.word().toLowerCase()];
    this.skipSpaces();
    if (/^to\b/i.test(this.text.slice(this.position))) {
      words.push(this.word().toLowerCase(), this.word().toLowerCase());
    }
    const spelled = words.join(' ');
    if (!INTERVALS.has(spelled)) {
      throw new TypeSyntaxError(`unknown type "${spelled}"`);
    }
    return spelled;
  }

  /** A struct field name: an identifier, or any text in backquotes (`` doubles a backquote). */
  private fieldName(): string {
    this.skipSpaces();
    if (this.text[this.position] !== '`') {
      return this.word();
    }
    let name = '';
    this.position += 1;
    while (this.position < this.text.length) {
      const char = this.text[this.position];
      this.position += 1;
      if (char === '`') {
        if (this.text[this.position] !== '`') {
          return `\`${name.replace(/`/g, '``')}\``;
        }
        this.position += 1;
      }
      name += char;
    }
    throw new TypeSyntaxError('unterminated ` in a struct field name');
  }

  private word(): string {
    this.skipSpaces();
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.position));
    if (!match) {
      throw new TypeSyntaxError(
        this.position >= this.text.length
          ? 'the type ends too early'
          : `expected a type name at "${this.text.slice(this.position)}"`
      );
    }
    this.position += match[0].length;
    return match[0];
  }

  private integer(): number {
    this.skipSpaces();
    const match = /^[0-9]{1,9}/.exec(this.text.slice(this.position));
    if (!match) {
      throw new TypeSyntaxError(`expected a number at "${this.text.slice(this.position)}"`);
    }
    this.position += match[0].length;
    return Number(match[0]);
  }

  private peek(token: string): boolean {
    this.skipSpaces();
    return this.text.startsWith(token, this.position);
  }

  private expect(token: string): void {
    if (!this.peek(token)) {
      const rest = this.text.slice(this.position);
      throw new TypeSyntaxError(
        rest === ''
          ? `the type ends where "${token}" was expected`
          : `expected "${token}" at "${rest}"`
      );
    }
    this.position += token.length;
  }

  private skipSpaces(): void {
    while (this.position < this.text.length && /\s/.test(this.text[this.position])) {
      this.position += 1;
    }
  }
}
