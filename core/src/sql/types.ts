/**
 * Spark SQL data types as the analyzer models them, with Spark's `simpleString` spelling and
 * the reader of `StructType.json()` (what `df.schema.json()` writes).
 */

export interface StructField {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
}

export type AtomicKind =
  | 'void'
  | 'boolean'
  | 'tinyint'
  | 'smallint'
  | 'int'
  | 'bigint'
  | 'float'
  | 'double'
  | 'string'
  | 'binary'
  | 'date'
  | 'timestamp'
  | 'timestamp_ntz';

export type DataType =
  | { readonly kind: AtomicKind }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'array'; readonly element: DataType; readonly containsNull: boolean }
  | {
      readonly kind: 'map';
      readonly key: DataType;
      readonly value: DataType;
      readonly valueContainsNull: boolean;
    }
  | { readonly kind: 'struct'; readonly fields: readonly StructField[] }
  /** ANSI intervals: year-month (`year`..`month`) or day-time (`day`..`second`). */
  | { readonly kind: 'interval'; readonly start: IntervalUnit; readonly end: IntervalUnit }
  /** A type the analyzer could not determine; it never causes a second diagnostic. */
  | { readonly kind: 'unknown' };

export type IntervalUnit = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

export type DecimalType = Extract<DataType, { kind: 'decimal' }>;
export type ArrayType = Extract<DataType, { kind: 'array' }>;
export type MapType = Extract<DataType, { kind: 'map' }>;
export type StructType = Extract<DataType, { kind: 'struct' }>;

const atomic = (kind: AtomicKind): DataType => ({ kind });

export const T = {
  void: atomic('void'),
  boolean: atomic('boolean'),
  tinyint: atomic('tinyint'),
  smallint: atomic('smallint'),
  int: atomic('int'),
  bigint: atomic('bigint'),
  float: atomic('float'),
  double: atomic('double'),
  string: atomic('string'),
  binary: atomic('binary'),
  date: atomic('date'),
  timestamp: atomic('timestamp'),
  timestampNtz: atomic('timestamp_ntz'),
  unknown: { kind: 'unknown' } as DataType,
  decimal: (precision: number, scale: number): DecimalType => ({
    kind: 'decimal',
    precision,
    scale
  }),
  array: (element: DataType, containsNull = true): ArrayType => ({
    kind: 'array',
    element,
    containsNull
  }),
  interval: (start: IntervalUnit, end: IntervalUnit): DataType => ({
    kind: 'interval',
    start,
    end
  }),
  map: (key: DataType, value: DataType, valueContainsNull = true): MapType => ({
    kind: 'map',
    key,
    value,
    valueContainsNull
  })
} as const;

/** Spark's maximum decimal precision. */
export const MAX_PRECISION = 38;

export const INTEGRAL_KINDS: ReadonlySet<string> = new Set([
  'tinyint',
  'smallint',
  'int',
  'bigint'
]);
/** Numeric precedence of Spark's legacy type coercion (decimal is handled apart). */
export const NUMERIC_ORDER: readonly string[] = [
  'tinyint',
  'smallint',
  'int',
  'bigint',
  'float',
  'double'
];

export const isIntegral = (t: DataType): boolean => INTEGRAL_KINDS.has(t.kind);
export const isNumeric = (t: DataType): boolean =>
  NUMERIC_ORDER.includes(t.kind) || t.kind === 'decimal';
export const isFractional = (t: DataType): boolean => t.kind === 'float' || t.kind === 'double';
export const isDatetime = (t: DataType): boolean =>
  t.kind === 'date' || t.kind === 'timestamp' || t.kind === 'timestamp_ntz';
export const isUnknown = (t: DataType): boolean => t.kind === 'unknown';

/** Spark's `DataType.simpleString`, e.g. `decimal(14,6)`, `array<string>`, `struct<a:int>`. */
export function simpleString(t: DataType): string {
  switch (t.kind) {
    case 'decimal':
      return `decimal(${t.precision},${t.scale})`;
    case 'array':
      return `array<${simpleString(t.element)}>`;
    case 'map':
      return `map<${simpleString(t.key)},${simpleString(t.value)}>`;
    case 'struct':
      return `struct<${t.fields.map(f => `${f.name}:${simpleString(f.type)}`).join(',')}>`;
    case 'interval':
      return t.start === t.end ? `interval ${t.start}` : `interval ${t.start} to ${t.end}`;
    default:
      return t.kind;
  }
}

/** The upper-case name Spark prints in `CAST(x AS BIGINT)` and in error messages. */
export function sqlTypeName(t: DataType): string {
  switch (t.kind) {
    case 'decimal':
      return `DECIMAL(${t.precision},${t.scale})`;
    case 'array':
      return `ARRAY<${sqlTypeName(t.element)}>`;
    case 'map':
      return `MAP<${sqlTypeName(t.key)}, ${sqlTypeName(t.value)}>`;
    case 'struct':
      return `STRUCT<${t.fields.map(f => `${f.name}: ${sqlTypeName(f.type)}`).join(', ')}>`;
    case 'interval':
      return simpleString(t).toUpperCase();
    default:
      return t.kind.toUpperCase();
  }
}

/** Structural equality ignoring nullability flags inside complex types. */
export function sameType(a: DataType, b: DataType): boolean {
  return simpleString(a) === simpleString(b);
}

export function decimalFor(t: DataType): DecimalType | undefined {
  switch (t.kind) {
    case 'decimal':
      return t;
    case 'tinyint':
      return T.decimal(3, 0);
    case 'smallint':
      return T.decimal(5, 0);
    case 'int':
      return T.decimal(10, 0);
    case 'bigint':
      return T.decimal(20, 0);
    default:
      return undefined;
  }
}

/**
 * A decimal type within Spark's limits, the way `DecimalType.adjustPrecisionScale` shrinks
 * results of arithmetic (the default `allowPrecisionLoss` mode): keep at least 6 digits of scale.
 */
export function adjustedDecimal(precision: number, scale: number): DecimalType {
  if (precision <= MAX_PRECISION) {
    return T.decimal(precision, scale);
  }
  const intDigits = precision - scale;
  const minScale = Math.min(scale, 6);
  return T.decimal(MAX_PRECISION, Math.max(MAX_PRECISION - intDigits, minScale));
}

/** `DecimalType.bounded`: clamp both to 38. */
export function boundedDecimal(precision: number, scale: number): DecimalType {
  return T.decimal(Math.min(precision, MAX_PRECISION), Math.min(scale, MAX_PRECISION));
}

/** Thrown by {@link fromSparkJson} for JSON that is not a Spark data type. */
export class SparkTypeJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SparkTypeJsonError';
  }
}

const JSON_ATOMIC: Readonly<Record<string, DataType>> = {
  null: T.void,
  void: T.void,
  boolean: T.boolean,
  byte: T.tinyint,
  short: T.smallint,
  integer: T.int,
  long: T.bigint,
  float: T.float,
  double: T.double,
  string: T.string,
  binary: T.binary,
  date: T.date,
  timestamp: T.timestamp,
  timestamp_ntz: T.timestampNtz
};

/** Read Spark's JSON form of a data type (`DataType.json()`); throws {@link SparkTypeJsonError}. */
export function fromSparkJson(value: unknown, path = '$'): DataType {
  if (typeof value === 'string') {
    const known = JSON_ATOMIC[value];
    if (known !== undefined) {
      return known;
    }
    const decimal = /^decimal\((\d+),\s*(\d+)\)$/.exec(value);
    if (decimal !== null) {
      return T.decimal(Number(decimal[1]), Number(decimal[2]));
    }
    if (value === 'decimal') {
      return T.decimal(10, 0);
    }
    if (/^(var)?char\(\d+\)$/.test(value)) {
      return T.string;
    }
    throw new SparkTypeJsonError(`${path}: unknown Spark type "${value}"`);
  }
  if (typeof value !== 'object' || value === null) {
    throw new SparkTypeJsonError(`${path}: expected a Spark type (string or object)`);
  }
  const record = value as Record<string, unknown>;
  switch (record.type) {
    case 'array':
      return T.array(
        fromSparkJson(record.elementType, `${path}.elementType`),
        record.containsNull !== false
      );
    case 'map':
      return T.map(
        fromSparkJson(record.keyType, `${path}.keyType`),
        fromSparkJson(record.valueType, `${path}.valueType`),
        record.valueContainsNull !== false
      );
    case 'struct': {
      if (!Array.isArray(record.fields)) {
        throw new SparkTypeJsonError(`${path}.fields: expected an array`);
      }
      const fields = record.fields.map((field: unknown, index: number): StructField => {
        const fieldPath = `${path}.fields[${index}]`;
        if (
          typeof field !== 'object' ||
          field === null ||
          typeof (field as { name?: unknown }).name !== 'string'
        ) {
          throw new SparkTypeJsonError(`${fieldPath}: expected {"name", "type", "nullable"}`);
        }
        const f = field as { name: string; type: unknown; nullable?: unknown };
        return {
          name: f.name,
          type: fromSparkJson(f.type, `${fieldPath}.type`),
          nullable: f.nullable !== false
        };
      });
      return { kind: 'struct', fields };
    }
    case 'udt':
      return fromSparkJson(record.sqlType, `${path}.sqlType`);
    default:
      throw new SparkTypeJsonError(`${path}: unknown Spark type ${JSON.stringify(record.type)}`);
  }
}
