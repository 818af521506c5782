/**
 * Spark SQL data types as TypeScript values, parsed from the JSON that
 * PySpark's `StructType.json()` (Scala `DataType.json`) produces, and rendered
 * back the way Spark prints them in `DataFrame.dtypes` and `DESCRIBE`
 * (`DataType.simpleString`).
 */
import { SparkTypeParseError } from './errors.js';

/**
 * JSON names of Spark's atomic (non-parameterised) types, mapped to the name
 * Spark prints for them (`simpleString`). They differ for the integral types.
 */
const ATOMIC_NAMES = {
  string: 'string',
  integer: 'int',
  long: 'bigint',
  short: 'smallint',
  byte: 'tinyint',
  float: 'float',
  double: 'double',
  boolean: 'boolean',
  binary: 'binary',
  date: 'date',
  timestamp: 'timestamp',
  timestamp_ntz: 'timestamp_ntz',
  // `NullType` is "void" since Spark 3.0; older writers said "null".
  void: 'void',
  null: 'void',
  calendarinterval: 'interval',
  variant: 'variant'
} as const;

/**
 * JSON name of an atomic Spark type.
 */
export type SparkAtomicName = keyof typeof ATOMIC_NAMES;

/**
 * A Spark type without parameters (`string`, `integer`, `timestamp`...).
 */
export interface ISparkAtomicType {
  readonly kind: 'atomic';
  readonly name: SparkAtomicName;
}

/**
 * `DecimalType(precision, scale)`.
 */
export interface ISparkDecimalType {
  readonly kind: 'decimal';
  readonly precision: number;
  readonly scale: number;
}

/**
 * `CharType(n)` / `VarcharType(n)`.
 */
export interface ISparkCharType {
  readonly kind: 'char' | 'varchar';
  readonly length: number;
}

/**
 * ANSI interval types, e.g. `interval day to second`, `interval year`.
 */
export interface ISparkIntervalType {
  readonly kind: 'interval';
  /** Spark's own spelling, kept verbatim. */
  readonly name: string;
}

/**
 * `ArrayType(elementType, containsNull)`.
 */
export interface ISparkArrayType {
  readonly kind: 'array';
  readonly elementType: SparkDataType;
  readonly containsNull: boolean;
}

/**
 * `MapType(keyType, valueType, valueContainsNull)`.
 */
export interface ISparkMapType {
  readonly kind: 'map';
  readonly keyType: SparkDataType;
  readonly valueType: SparkDataType;
  readonly valueContainsNull: boolean;
}

/**
 * One field of a `StructType`.
 */
export interface ISparkStructField {
  readonly name: string;
  readonly type: SparkDataType;
  readonly nullable: boolean;
  /** Field metadata as Spark stores it (JSON object). */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** The column comment (`metadata.comment`), when there is one. */
  readonly comment?: string;
}

/**
 * `StructType(fields)`.
 */
export interface ISparkStructType {
  readonly kind: 'struct';
  readonly fields: readonly ISparkStructField[];
}

/**
 * A user defined type such as `pyspark.ml.linalg.VectorUDT`.
 */
export interface ISparkUserDefinedType {
  readonly kind: 'udt';
  /** The JVM class (`class`), empty when only a Python class is known. */
  readonly className: string;
  /** The Python class (`pyClass`), when given. */
  readonly pyClass?: string;
  /** The type the UDT is stored as. */
  readonly sqlType: SparkDataType;
}

/**
 * A type this version of Featurelab does not know (e.g. one added by a newer
 * Spark). Kept so that one unfamiliar column does not hide a whole table.
 */
export interface ISparkUnknownType {
  readonly kind: 'unknown';
  /** The JSON the type was described with. */
  readonly raw: string;
}

/**
 * Any Spark SQL data type.
 */
export type SparkDataType =
  | ISparkAtomicType
  | ISparkDecimalType
  | ISparkCharType
  | ISparkIntervalType
  | ISparkArrayType
  | ISparkMapType
  | ISparkStructType
  | ISparkUserDefinedType
  | ISparkUnknownType;

const DECIMAL = /^decimal\(\s*(\d+)\s*,\s*(-?\d+)\s*\)$/;
const CHAR = /^(char|varchar)\(\s*(\d+)\s*\)$/;

/**
 * Parse the JSON text of a Spark schema (`StructType.json()`).
 *
 * @throws SparkTypeParseError when the text is not JSON or not a Spark type.
 */
export function parseSparkSchemaJson(text: string): ISparkStructType {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SparkTypeParseError('The Spark schema is not valid JSON.', {
      cause: error
    });
  }
  const type = parseSparkType(value);
  if (type.kind !== 'struct') {
    throw new SparkTypeParseError(`Expected a Spark struct schema, got ${renderSparkType(type)}.`);
  }
  return type;
}

/**
 * Convert the JSON value of one Spark data type (`DataType.jsonValue()`).
 *
 * @throws SparkTypeParseError on malformed input.
 */
export function parseSparkType(value: unknown): SparkDataType {
  if (typeof value === 'string') {
    return parseNamedType(value);
  }
  if (!isObject(value)) {
    throw new SparkTypeParseError(
      `Expected a Spark type name or object, got ${JSON.stringify(value)}.`
    );
  }
  switch (value.type) {
    case 'array':
      return {
        kind: 'array',
        elementType: parseSparkType(value.elementType),
        containsNull: readBoolean(value, 'containsNull', true)
      };
    case 'map':
      return {
        kind: 'map',
        keyType: parseSparkType(value.keyType),
        valueType: parseSparkType(value.valueType),
        valueContainsNull: readBoolean(value, 'valueContainsNull', true)
      };
    case 'struct':
      return parseStruct(value);
    case 'udt':
      return parseUserDefinedType(value);
    default:
      return { kind: 'unknown', raw: JSON.stringify(value) };
  }
}

/**
 * Render a type the way Spark prints it (`DataType.simpleString`), e.g.
 * `array<float>`, `map<string,string>`, `decimal(12,2)`, `struct<a:int,b:string>`.
 */
export function renderSparkType(type: SparkDataType): string {
  switch (type.kind) {
    case 'atomic':
      return ATOMIC_NAMES[type.name];
    case 'decimal':
      return `decimal(${type.precision},${type.scale})`;
    case 'char':
    case 'varchar':
      return `${type.kind}(${type.length})`;
    case 'interval':
      return type.name;
    case 'array':
      return `array<${renderSparkType(type.elementType)}>`;
    case 'map':
      return `map<${renderSparkType(type.keyType)},${renderSparkType(type.valueType)}>`;
    case 'struct':
      return `struct<${type.fields
        .map(field => `${field.name}:${renderSparkType(field.type)}`)
        .join(',')}>`;
    case 'udt':
      return udtName(type);
    case 'unknown':
      return type.raw;
  }
}

/**
 * Whether a type holds other types (and so can be expanded in a tree).
 */
export function isNestedSparkType(
  type: SparkDataType
): type is ISparkArrayType | ISparkMapType | ISparkStructType {
  return type.kind === 'array' || type.kind === 'map' || type.kind === 'struct';
}

function parseNamedType(name: string): SparkDataType {
  if (Object.prototype.hasOwnProperty.call(ATOMIC_NAMES, name)) {
    return { kind: 'atomic', name: name as SparkAtomicName };
  }
  // Spark writes `DecimalType` without a parameter list as plain "decimal".
  if (name === 'decimal') {
    return { kind: 'decimal', precision: 10, scale: 0 };
  }
  const decimal = DECIMAL.exec(name);
  if (decimal) {
    return {
      kind: 'decimal',
      precision: Number(decimal[1]),
      scale: Number(decimal[2])
    };
  }
  const char = CHAR.exec(name);
  if (char) {
    return { kind: char[1] as 'char' | 'varchar', length: Number(char[2]) };
  }
  if (name.startsWith('interval ')) {
    return { kind: 'interval', name };
  }
  return { kind: 'unknown', raw: name };
}

function parseStruct(value: Record<string, unknown>): ISparkStructType {
  const fields = value.fields;
  if (!Array.isArray(fields)) {
    throw new SparkTypeParseError('A Spark struct type has no "fields" list.');
  }
  return { kind: 'struct', fields: fields.map(parseField) };
}

function parseField(value: unknown): ISparkStructField {
  if (!isObject(value) || typeof value.name !== 'string') {
    throw new SparkTypeParseError(`A Spark struct field has no name: ${JSON.stringify(value)}.`);
  }
  const metadata = isObject(value.metadata) ? value.metadata : {};
  const field: ISparkStructField = {
    name: value.name,
    type: parseSparkType(value.type),
    nullable: readBoolean(value, 'nullable', true),
    metadata
  };
  return typeof metadata.comment === 'string' ? { ...field, comment: metadata.comment } : field;
}

function parseUserDefinedType(value: Record<string, unknown>): ISparkUserDefinedType {
  const className = typeof value.class === 'string' ? value.class : '';
  const pyClass = typeof value.pyClass === 'string' ? value.pyClass : undefined;
  if (!className && !pyClass) {
    throw new SparkTypeParseError('A Spark user defined type has no class.');
  }
  const udt: ISparkUserDefinedType = {
    kind: 'udt',
    className,
    sqlType: parseSparkType(value.sqlType)
  };
  return pyClass === undefined ? udt : { ...udt, pyClass };
}

/**
 * Spark names a UDT after its class: `...VectorUDT` prints as `vector`.
 */
function udtName(type: ISparkUserDefinedType): string {
  const qualified = type.className || type.pyClass || '';
  const simple = qualified.slice(qualified.lastIndexOf('.') + 1);
  return simple.replace(/(UDT|Type)\$?$/, '').toLowerCase() || 'udt';
}

function readBoolean(value: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const flag = value[key];
  return typeof flag === 'boolean' ? flag : fallback;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
