/**
 * Spark 3.5 built-in functions as data: arity, expected argument types (for implicit casts and
 * "wrong argument type" diagnostics), result type rule, nullability rule and how Spark prints
 * the call in generated column names. Extend by adding rows; the rules are shared.
 */
import type { AtomicKind } from './types.js';

/** What an argument position accepts. Implicit casts follow `coercion.canImplicitlyCast`. */
export type ArgKind =
  | 'any'
  | 'string'
  | 'int'
  | 'bigint'
  | 'double'
  | 'numeric'
  | 'integral'
  | 'boolean'
  /** A number of days: an integer, or a string literal holding one (`date_add`). */
  | 'days'
  | 'date'
  | 'timestamp'
  | 'array'
  | 'map'
  | 'arrayOrMap'
  /** The element type of the array in argument 0 (`array_contains`). */
  | 'elementOf0'
  /** An int index for an array in argument 0, or a key of a map (`element_at`). */
  | 'indexOrKeyOf0';

/** How the result type is computed from the (coerced) argument types. */
export type ResultRule =
  /** A fixed atomic type, spelled as `types.ts` spells its kinds (`timestamp_ntz`). */
  | { readonly type: Exclude<AtomicKind, 'void'> }
  | 'arg0'
  /** The common type of all arguments (coalesce, greatest). */
  | 'common'
  /** The common type of arguments 1.. (if, nvl2). */
  | 'commonFrom1'
  | 'arrayOfArg0'
  | 'elementOf0'
  | 'valueOf0'
  | 'mapKeys0'
  | 'mapValues0'
  | 'sum'
  | 'avg'
  | 'round'
  | 'floorCeil'
  | 'percentile'
  /** `percentile`: DOUBLE, or an array of them for an array of percentages. */
  | 'exactPercentile'
  | 'struct'
  | 'namedStruct'
  | 'arrayOfCommon'
  | 'mapOfPairs'
  | 'concat'
  | 'splitResult'
  /** `array<string>` (sentences-like results). */
  | 'stringArray'
  /** `array<array<string>>` (`sentences`). */
  | 'stringArrays'
  /** `map<string,string>` (`str_to_map`). */
  | 'stringMap'
  /** The element type of argument 0, an array of arrays (`flatten`). */
  | 'flatten'
  /** An array of the common type of arguments 0 and 1 (`sequence`). */
  | 'sequence'
  /** An array of structs of the arrays' elements (`arrays_zip`). */
  | 'arraysZip'
  /** A map from the elements of two arrays (`map_from_arrays`). */
  | 'mapFromArrays'
  /** A map from an array of key/value structs (`map_from_entries`). */
  | 'mapFromEntries'
  /** An array of key/value structs of a map (`map_entries`). */
  | 'mapEntries'
  /** The type of the DDL schema string in argument 1 (`from_json`). */
  | 'fromJson';

/** When the result can be NULL. */
export type NullRule =
  /** Null-intolerant: NULL if any argument can be NULL. */
  | 'any'
  /** NULL only if every argument can be NULL (coalesce, greatest). */
  | 'all'
  | 'never'
  | 'always'
  /** Arguments 1.. (if, nvl2). */
  | 'anyFrom1'
  /** NULL if argument 0 is nullable or a string (parsing can fail). */
  | 'parse'
  /** `size`: never NULL with the legacy `sizeOfNull`, like its input under ANSI. */
  | 'size'
  /** `array_contains`: also NULL when the array may hold NULLs. */
  | 'arrayContains'
  /** `concat_ws`: NULL only when the separator is. */
  | 'arg0'
  /**
   * `element_at` (1-based) / `get` (0-based) with a constant index into `array(...)`: the
   * element's nullability; NULL possible otherwise.
   */
  | 'elementAt'
  | 'getItem';

export interface FunctionDef {
  readonly name: string;
  readonly kind: 'scalar' | 'aggregate';
  readonly aliases?: readonly string[];
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Expected kinds by position; the last one repeats for variadic functions. */
  readonly args: readonly ArgKind[];
  readonly result: ResultRule;
  readonly nullable: NullRule;
  /** Spark's fixed display name when called by `name` (e.g. `SQRT`); otherwise the spelling used. */
  readonly prettyName?: string;
  /** Arguments Spark fills in, printed in generated names: index = position after the given ones. */
  readonly defaults?: readonly string[];
  /** Leading arguments Spark fills in when there are fewer than `minArgs + 1` (log → `LOG(E(), x)`). */
  readonly implicitLeading?: string;
  /** Printed as `(IF(a, b, c))`. */
  readonly parenthesized?: boolean;
  /** Only this many arguments appear in the generated name (`first(x, true)` → `first(x)`). */
  readonly nameArgs?: number;
}

const VARIADIC = Number.POSITIVE_INFINITY;

function scalar(
  name: string,
  args: readonly ArgKind[],
  result: ResultRule,
  nullable: NullRule,
  more: Partial<FunctionDef> = {}
): FunctionDef {
  return {
    name,
    kind: 'scalar',
    minArgs: args.length,
    maxArgs: args.length,
    args,
    result,
    nullable,
    ...more
  };
}

function aggregate(
  name: string,
  args: readonly ArgKind[],
  result: ResultRule,
  nullable: NullRule,
  more: Partial<FunctionDef> = {}
): FunctionDef {
  return {
    name,
    kind: 'aggregate',
    minArgs: args.length,
    maxArgs: args.length,
    args,
    result,
    nullable,
    ...more
  };
}

const BOOLEAN = { type: 'boolean' } as const;
const BINARY = { type: 'binary' } as const;
const INT = { type: 'int' } as const;
const BIGINT = { type: 'bigint' } as const;
const DOUBLE = { type: 'double' } as const;
const STRING = { type: 'string' } as const;
const DATE = { type: 'date' } as const;
const TIMESTAMP = { type: 'timestamp' } as const;
const TIMESTAMP_NTZ = { type: 'timestamp_ntz' } as const;
const DEFAULT_TIME_FORMAT = 'yyyy-MM-dd HH:mm:ss';

function variadic(
  name: string,
  minArgs: number,
  args: readonly ArgKind[],
  result: ResultRule,
  nullable: NullRule,
  more: Partial<FunctionDef> = {}
): FunctionDef {
  return { name, kind: 'scalar', minArgs, maxArgs: VARIADIC, args, result, nullable, ...more };
}

/** The functions added with windows, generators and lambdas: what feature engineers use most. */
const EXTENDED_FUNCTIONS: readonly FunctionDef[] = [
  // ---- aggregates
  aggregate('median', ['numeric'], DOUBLE, 'always'),
  aggregate('percentile', ['numeric', 'any', 'integral'], 'exactPercentile', 'always', {
    minArgs: 2,
    defaults: ['1']
  }),
  aggregate('mode', ['any'], 'arg0', 'always'),
  aggregate('try_sum', ['numeric'], 'sum', 'always'),
  aggregate('try_avg', ['numeric'], 'avg', 'always'),
  aggregate('bit_and', ['integral'], 'arg0', 'always'),
  aggregate('bit_or', ['integral'], 'arg0', 'always'),
  aggregate('bit_xor', ['integral'], 'arg0', 'always'),
  aggregate('regr_count', ['double', 'double'], BIGINT, 'never'),
  aggregate('regr_slope', ['double', 'double'], DOUBLE, 'always'),
  aggregate('regr_intercept', ['double', 'double'], DOUBLE, 'always'),
  aggregate('regr_r2', ['double', 'double'], DOUBLE, 'always'),

  // ---- conditional and null handling
  scalar('isnan', ['double'], BOOLEAN, 'never'),
  scalar('nanvl', ['double', 'double'], DOUBLE, 'any'),
  scalar('equal_null', ['any', 'any'], BOOLEAN, 'never'),

  // ---- strings
  scalar('left', ['string', 'int'], STRING, 'any'),
  scalar('right', ['string', 'int'], STRING, 'always'),
  scalar('repeat', ['string', 'int'], STRING, 'any'),
  scalar('translate', ['string', 'string', 'string'], STRING, 'any'),
  scalar('substring_index', ['string', 'string', 'int'], STRING, 'any'),
  scalar('ascii', ['string'], INT, 'any'),
  scalar('chr', ['bigint'], STRING, 'any', { aliases: ['char'] }),
  scalar('base64', ['any'], STRING, 'any'),
  scalar('unbase64', ['string'], BINARY, 'any'),
  scalar('hex', ['any'], STRING, 'any'),
  scalar('unhex', ['string'], BINARY, 'always'),
  scalar('levenshtein', ['string', 'string', 'int'], INT, 'any', { minArgs: 2 }),
  scalar('soundex', ['string'], STRING, 'any'),
  scalar('startswith', ['string', 'string'], BOOLEAN, 'any'),
  scalar('endswith', ['string', 'string'], BOOLEAN, 'any'),
  scalar('contains', ['string', 'string'], BOOLEAN, 'any'),
  scalar('split_part', ['string', 'string', 'int'], STRING, 'always'),
  scalar('find_in_set', ['string', 'string'], INT, 'any'),
  scalar('space', ['int'], STRING, 'any'),
  scalar('octet_length', ['string'], INT, 'any'),
  scalar('bit_length', ['string'], INT, 'any'),
  scalar('btrim', ['string', 'string'], STRING, 'any', { minArgs: 1 }),
  scalar('format_number', ['numeric', 'any'], STRING, 'always'),
  variadic('format_string', 1, ['string', 'any'], STRING, 'arg0', { aliases: ['printf'] }),
  variadic('elt', 2, ['int', 'string'], STRING, 'always'),
  scalar('regexp_extract_all', ['string', 'string', 'int'], 'stringArray', 'any', {
    minArgs: 2,
    defaults: ['1']
  }),
  scalar('regexp_like', ['string', 'string'], BOOLEAN, 'any', { prettyName: 'REGEXP_LIKE' }),
  scalar('regexp_count', ['string', 'string'], INT, 'any'),
  scalar('regexp_substr', ['string', 'string'], STRING, 'always'),
  scalar('str_to_map', ['string', 'string', 'string'], 'stringMap', 'any', {
    minArgs: 1,
    defaults: [',', ':']
  }),
  scalar('crc32', ['any'], BIGINT, 'any'),
  scalar('uuid', [], STRING, 'never'),

  // ---- math
  scalar('pmod', ['numeric', 'numeric'], 'common', 'always'),
  scalar('mod', ['numeric', 'numeric'], 'common', 'always'),
  scalar('negative', ['numeric'], 'arg0', 'any'),
  scalar('expm1', ['double'], DOUBLE, 'always', { prettyName: 'EXPM1' }),
  scalar('log1p', ['double'], DOUBLE, 'always', { prettyName: 'LOG1P' }),
  scalar('sin', ['double'], DOUBLE, 'always', { prettyName: 'SIN' }),
  scalar('cos', ['double'], DOUBLE, 'always', { prettyName: 'COS' }),
  scalar('tan', ['double'], DOUBLE, 'always', { prettyName: 'TAN' }),
  scalar('asin', ['double'], DOUBLE, 'always', { prettyName: 'ASIN' }),
  scalar('acos', ['double'], DOUBLE, 'always', { prettyName: 'ACOS' }),
  scalar('atan', ['double'], DOUBLE, 'always', { prettyName: 'ATAN' }),
  scalar('atan2', ['double', 'double'], DOUBLE, 'any', { prettyName: 'ATAN2' }),
  scalar('tanh', ['double'], DOUBLE, 'always', { prettyName: 'TANH' }),
  scalar('degrees', ['double'], DOUBLE, 'always', { prettyName: 'DEGREES' }),
  scalar('radians', ['double'], DOUBLE, 'always', { prettyName: 'RADIANS' }),
  scalar('hypot', ['double', 'double'], DOUBLE, 'any', { prettyName: 'HYPOT' }),
  scalar('pi', [], DOUBLE, 'never', { prettyName: 'PI' }),
  scalar('e', [], DOUBLE, 'never', { prettyName: 'E' }),
  scalar('factorial', ['int'], BIGINT, 'always'),
  scalar('width_bucket', ['double', 'double', 'double', 'bigint'], BIGINT, 'always'),
  scalar('try_divide', ['numeric', 'numeric'], DOUBLE, 'always'),
  scalar('bin', ['bigint'], STRING, 'any'),
  scalar('shiftleft', ['integral', 'int'], 'arg0', 'any'),
  scalar('shiftright', ['integral', 'int'], 'arg0', 'any'),
  scalar('bit_count', ['integral'], INT, 'any'),

  // ---- dates and times
  scalar('next_day', ['date', 'string'], DATE, 'always'),
  scalar('make_date', ['int', 'int', 'int'], DATE, 'always'),
  scalar('to_unix_timestamp', ['any', 'string'], BIGINT, 'always', {
    minArgs: 1,
    defaults: [DEFAULT_TIME_FORMAT]
  }),
  scalar('from_utc_timestamp', ['timestamp', 'string'], TIMESTAMP, 'any'),
  scalar('to_utc_timestamp', ['timestamp', 'string'], TIMESTAMP, 'any'),
  scalar('date_from_unix_date', ['int'], DATE, 'any'),
  scalar('unix_date', ['date'], INT, 'any'),
  scalar('unix_seconds', ['timestamp'], BIGINT, 'any'),
  scalar('unix_millis', ['timestamp'], BIGINT, 'any'),
  scalar('unix_micros', ['timestamp'], BIGINT, 'any'),
  scalar('timestamp_seconds', ['numeric'], TIMESTAMP, 'any'),
  scalar('timestamp_millis', ['integral'], TIMESTAMP, 'any'),
  scalar('timestamp_micros', ['integral'], TIMESTAMP, 'any'),
  scalar('current_timezone', [], STRING, 'never'),

  // ---- arrays
  scalar('array_position', ['array', 'elementOf0'], BIGINT, 'any'),
  scalar('array_remove', ['array', 'elementOf0'], 'arg0', 'any'),
  scalar('array_repeat', ['any', 'int'], 'arrayOfArg0', 'anyFrom1'),
  scalar('array_join', ['array', 'string', 'string'], STRING, 'any', { minArgs: 2 }),
  scalar('arrays_overlap', ['array', 'array'], BOOLEAN, 'always'),
  scalar('array_union', ['array', 'array'], 'common', 'any'),
  scalar('array_intersect', ['array', 'array'], 'common', 'any'),
  scalar('array_except', ['array', 'array'], 'common', 'any'),
  scalar('flatten', ['array'], 'flatten', 'arrayContains'),
  scalar('slice', ['array', 'int', 'int'], 'arg0', 'any'),
  scalar('sequence', ['any', 'any', 'any'], 'sequence', 'any', { minArgs: 2 }),
  scalar('shuffle', ['array'], 'arg0', 'any'),
  scalar('array_append', ['array', 'elementOf0'], 'arg0', 'arg0'),
  scalar('array_prepend', ['array', 'elementOf0'], 'arg0', 'arg0'),
  scalar('array_compact', ['array'], 'arg0', 'any'),
  scalar('array_size', ['array'], INT, 'any'),
  scalar('try_element_at', ['arrayOrMap', 'indexOrKeyOf0'], 'elementOf0', 'elementAt'),
  scalar('get', ['array', 'int'], 'elementOf0', 'getItem'),
  scalar('array_sort', ['array', 'any'], 'arg0', 'any', {
    minArgs: 1,
    // Spark fills in its default comparator, and names the call with it.
    defaults: [
      'lambdafunction((IF(((namedlambdavariable() IS NULL) AND (namedlambdavariable() IS NULL)), 0, (IF((namedlambdavariable() IS NULL), 1, (IF((namedlambdavariable() IS NULL), -1, (IF((namedlambdavariable() < namedlambdavariable()), -1, (IF((namedlambdavariable() > namedlambdavariable()), 1, 0)))))))))), namedlambdavariable(), namedlambdavariable())'
    ]
  }),
  variadic('arrays_zip', 0, ['array'], 'arraysZip', 'any'),

  // ---- maps
  scalar('map_from_arrays', ['array', 'array'], 'mapFromArrays', 'any'),
  scalar('map_from_entries', ['array'], 'mapFromEntries', 'any'),
  scalar('map_entries', ['map'], 'mapEntries', 'any'),
  variadic('map_concat', 0, ['map'], 'common', 'any'),
  scalar('map_contains_key', ['map', 'any'], BOOLEAN, 'any'),

  // ---- JSON
  scalar('get_json_object', ['string', 'string'], STRING, 'always'),
  scalar('from_json', ['string', 'string', 'map'], 'fromJson', 'always', {
    minArgs: 2,
    nameArgs: 1
  }),
  scalar('to_json', ['any', 'map'], STRING, 'always', { minArgs: 1, nameArgs: 1 }),
  scalar('schema_of_json', ['string'], STRING, 'never'),
  scalar('json_array_length', ['string'], INT, 'always'),
  scalar('json_object_keys', ['string'], 'stringArray', 'always'),

  // ---- more math, strings and dates
  scalar('rint', ['double'], DOUBLE, 'always'),
  scalar('cot', ['double'], DOUBLE, 'always', { prettyName: 'COT' }),
  scalar('sec', ['double'], DOUBLE, 'always', { prettyName: 'SEC' }),
  scalar('csc', ['double'], DOUBLE, 'always', { prettyName: 'CSC' }),
  scalar('sinh', ['double'], DOUBLE, 'always', { prettyName: 'SINH' }),
  scalar('cosh', ['double'], DOUBLE, 'always', { prettyName: 'COSH' }),
  scalar('asinh', ['double'], DOUBLE, 'always', { prettyName: 'ASINH' }),
  scalar('acosh', ['double'], DOUBLE, 'always', { prettyName: 'ACOSH' }),
  scalar('atanh', ['double'], DOUBLE, 'always', { prettyName: 'ATANH' }),
  scalar('conv', ['string', 'int', 'int'], STRING, 'always'),
  scalar('encode', ['string', 'string'], BINARY, 'any'),
  scalar('decode', ['any', 'string'], STRING, 'any'),
  scalar('sentences', ['string', 'string', 'string'], 'stringArrays', 'always', {
    minArgs: 1,
    defaults: ['', '']
  }),
  scalar('url_decode', ['string'], STRING, 'always'),
  scalar('url_encode', ['string'], STRING, 'always'),
  scalar('parse_url', ['string', 'string', 'string'], STRING, 'always', { minArgs: 2 }),
  scalar('to_char', ['numeric', 'string'], STRING, 'any', { aliases: ['to_varchar'] }),
  scalar('mask', ['string', 'string', 'string', 'string', 'string'], STRING, 'always', {
    minArgs: 1,
    defaults: ['X', 'x', 'n', 'NULL']
  }),
  scalar(
    'make_timestamp',
    ['int', 'int', 'int', 'int', 'int', 'numeric', 'string'],
    TIMESTAMP,
    'always',
    {
      minArgs: 6
    }
  ),
  scalar('to_timestamp_ntz', ['any', 'string'], TIMESTAMP_NTZ, 'parse', { minArgs: 1 }),
  scalar('try_to_timestamp', ['any', 'string'], TIMESTAMP, 'always', { minArgs: 1 }),
  scalar('convert_timezone', ['string', 'string', 'timestamp'], TIMESTAMP_NTZ, 'any'),
  scalar('timestampadd', ['string', 'bigint', 'timestamp'], TIMESTAMP, 'any'),
  scalar('timestampdiff', ['string', 'timestamp', 'timestamp'], BIGINT, 'any'),
  scalar('current_user', [], STRING, 'never'),
  scalar('current_catalog', [], STRING, 'never'),
  scalar('input_file_name', [], STRING, 'never'),

  // ---- misc
  scalar('typeof', ['any'], STRING, 'never'),
  scalar('monotonically_increasing_id', [], BIGINT, 'never'),
  scalar('spark_partition_id', [], INT, 'never', { prettyName: 'SPARK_PARTITION_ID' }),
  scalar('current_database', [], STRING, 'never'),
  // An alias Spark prints under the function's own name.
  scalar('current_schema', [], STRING, 'never', { prettyName: 'current_database' }),
  scalar('version', [], STRING, 'never')
];

export const FUNCTIONS: readonly FunctionDef[] = [
  // ---- aggregates
  {
    name: 'count',
    kind: 'aggregate',
    minArgs: 1,
    maxArgs: VARIADIC,
    args: ['any'],
    result: BIGINT,
    nullable: 'never'
  },
  aggregate('count_if', ['boolean'], BIGINT, 'never'),
  aggregate('approx_count_distinct', ['any'], BIGINT, 'never', {
    maxArgs: 2,
    args: ['any', 'double'],
    nameArgs: 1
  }),
  aggregate('sum', ['numeric'], 'sum', 'always'),
  aggregate('avg', ['numeric'], 'avg', 'always', { aliases: ['mean'] }),
  aggregate('min', ['any'], 'arg0', 'always'),
  aggregate('max', ['any'], 'arg0', 'always'),
  aggregate('max_by', ['any', 'any'], 'arg0', 'always'),
  aggregate('min_by', ['any', 'any'], 'arg0', 'always'),
  aggregate('first', ['any'], 'arg0', 'always', {
    aliases: ['first_value'],
    maxArgs: 2,
    args: ['any', 'boolean'],
    nameArgs: 1
  }),
  aggregate('last', ['any'], 'arg0', 'always', {
    aliases: ['last_value'],
    maxArgs: 2,
    args: ['any', 'boolean'],
    nameArgs: 1
  }),
  aggregate('any_value', ['any'], 'arg0', 'always', {
    maxArgs: 2,
    args: ['any', 'boolean'],
    nameArgs: 1
  }),
  aggregate('collect_list', ['any'], 'arrayOfArg0', 'never', { aliases: ['array_agg'] }),
  aggregate('collect_set', ['any'], 'arrayOfArg0', 'never'),
  aggregate('percentile_approx', ['any', 'any'], 'percentile', 'always', {
    aliases: ['approx_percentile'],
    maxArgs: 3,
    args: ['any', 'any', 'int'],
    defaults: ['10000']
  }),
  aggregate('stddev', ['double'], DOUBLE, 'always', { aliases: ['std'] }),
  aggregate('stddev_samp', ['double'], DOUBLE, 'always'),
  aggregate('stddev_pop', ['double'], DOUBLE, 'always'),
  aggregate('variance', ['double'], DOUBLE, 'always'),
  aggregate('var_samp', ['double'], DOUBLE, 'always'),
  aggregate('var_pop', ['double'], DOUBLE, 'always'),
  aggregate('corr', ['double', 'double'], DOUBLE, 'always'),
  aggregate('covar_pop', ['double', 'double'], DOUBLE, 'always'),
  aggregate('covar_samp', ['double', 'double'], DOUBLE, 'always'),
  aggregate('skewness', ['double'], DOUBLE, 'always'),
  aggregate('kurtosis', ['double'], DOUBLE, 'always'),
  aggregate('bool_and', ['boolean'], BOOLEAN, 'always', { aliases: ['every'] }),
  aggregate('bool_or', ['boolean'], BOOLEAN, 'always', { aliases: ['some', 'any'] }),

  // ---- conditional
  {
    name: 'coalesce',
    kind: 'scalar',
    minArgs: 1,
    maxArgs: VARIADIC,
    args: ['any'],
    result: 'common',
    nullable: 'all'
  },
  scalar('nvl', ['any', 'any'], 'common', 'all', { aliases: ['ifnull'] }),
  scalar('nvl2', ['any', 'any', 'any'], 'commonFrom1', 'anyFrom1'),
  scalar('nullif', ['any', 'any'], 'arg0', 'always'),
  scalar('if', ['boolean', 'any', 'any'], 'commonFrom1', 'anyFrom1', {
    parenthesized: true,
    prettyName: 'IF'
  }),
  {
    name: 'greatest',
    kind: 'scalar',
    minArgs: 2,
    maxArgs: VARIADIC,
    args: ['any'],
    result: 'common',
    nullable: 'all'
  },
  {
    name: 'least',
    kind: 'scalar',
    minArgs: 2,
    maxArgs: VARIADIC,
    args: ['any'],
    result: 'common',
    nullable: 'all'
  },

  // ---- strings
  scalar('lower', ['string'], STRING, 'any', { aliases: ['lcase'] }),
  scalar('upper', ['string'], STRING, 'any', { aliases: ['ucase'] }),
  scalar('length', ['string'], INT, 'any', { aliases: ['char_length', 'character_length', 'len'] }),
  scalar('substr', ['string', 'int', 'int'], STRING, 'any', {
    aliases: ['substring'],
    minArgs: 2,
    defaults: ['2147483647']
  }),
  {
    name: 'concat',
    kind: 'scalar',
    minArgs: 0,
    maxArgs: VARIADIC,
    args: ['any'],
    result: 'concat',
    nullable: 'any'
  },
  {
    name: 'concat_ws',
    kind: 'scalar',
    minArgs: 1,
    maxArgs: VARIADIC,
    args: ['string', 'any'],
    result: STRING,
    nullable: 'arg0'
  },
  scalar('trim', ['string'], STRING, 'any'),
  scalar('ltrim', ['string'], STRING, 'any'),
  scalar('rtrim', ['string'], STRING, 'any'),
  scalar('lpad', ['string', 'int', 'string'], STRING, 'any', { minArgs: 2, defaults: [' '] }),
  scalar('rpad', ['string', 'int', 'string'], STRING, 'any', { minArgs: 2, defaults: [' '] }),
  scalar('replace', ['string', 'string', 'string'], STRING, 'any', { minArgs: 2, defaults: [''] }),
  scalar('reverse', ['string'], STRING, 'any'),
  scalar('initcap', ['string'], STRING, 'any'),
  scalar('instr', ['string', 'string'], INT, 'any'),
  scalar('locate', ['string', 'string', 'int'], INT, 'any', { minArgs: 2, defaults: ['1'] }),
  scalar('split', ['string', 'string', 'int'], 'splitResult', 'any', {
    minArgs: 2,
    defaults: ['-1']
  }),
  scalar('regexp_extract', ['string', 'string', 'int'], STRING, 'any', {
    minArgs: 2,
    defaults: ['1']
  }),
  scalar('regexp_replace', ['string', 'string', 'string', 'int'], STRING, 'any', {
    minArgs: 3,
    defaults: ['1']
  }),
  scalar('md5', ['any'], STRING, 'any'),
  scalar('sha1', ['any'], STRING, 'any', { aliases: ['sha'] }),
  scalar('sha2', ['any', 'int'], STRING, 'always'),
  {
    name: 'hash',
    kind: 'scalar',
    minArgs: 1,
    maxArgs: VARIADIC,
    args: ['any'],
    result: INT,
    nullable: 'never'
  },
  {
    name: 'xxhash64',
    kind: 'scalar',
    minArgs: 1,
    maxArgs: VARIADIC,
    args: ['any'],
    result: BIGINT,
    nullable: 'never'
  },

  // ---- math (Spark's one-argument math functions are always nullable, whatever the input)
  scalar('abs', ['numeric'], 'arg0', 'any'),
  scalar('round', ['numeric', 'int'], 'round', 'any', { minArgs: 1, defaults: ['0'] }),
  scalar('bround', ['numeric', 'int'], 'round', 'any', { minArgs: 1, defaults: ['0'] }),
  scalar('floor', ['numeric'], 'floorCeil', 'always', { prettyName: 'FLOOR' }),
  scalar('ceil', ['numeric'], 'floorCeil', 'always', { prettyName: 'CEIL', aliases: ['ceiling'] }),
  scalar('sqrt', ['double'], DOUBLE, 'always', { prettyName: 'SQRT' }),
  scalar('cbrt', ['double'], DOUBLE, 'always', { prettyName: 'CBRT' }),
  scalar('exp', ['double'], DOUBLE, 'always', { prettyName: 'EXP' }),
  scalar('ln', ['double'], DOUBLE, 'always'),
  scalar('log10', ['double'], DOUBLE, 'always', { prettyName: 'LOG10' }),
  scalar('log2', ['double'], DOUBLE, 'always', { prettyName: 'LOG2' }),
  scalar('log', ['double', 'double'], DOUBLE, 'always', {
    prettyName: 'LOG',
    minArgs: 1,
    implicitLeading: 'E()'
  }),
  scalar('power', ['double', 'double'], DOUBLE, 'any', { prettyName: 'POWER', aliases: ['pow'] }),
  scalar('signum', ['double'], DOUBLE, 'always', { prettyName: 'SIGNUM', aliases: ['sign'] }),

  // ---- dates and times
  scalar('to_date', ['any', 'string'], DATE, 'parse', { minArgs: 1 }),
  scalar('to_timestamp', ['any', 'string'], TIMESTAMP, 'parse', { minArgs: 1 }),
  scalar('date_trunc', ['string', 'timestamp'], TIMESTAMP, 'always'),
  scalar('trunc', ['date', 'string'], DATE, 'always'),
  scalar('datediff', ['date', 'date'], INT, 'any', { aliases: ['date_diff'] }),
  scalar('date_add', ['date', 'days'], DATE, 'any'),
  scalar('date_sub', ['date', 'days'], DATE, 'any'),
  scalar('add_months', ['date', 'int'], DATE, 'any'),
  scalar('last_day', ['date'], DATE, 'any'),
  scalar('months_between', ['timestamp', 'timestamp', 'boolean'], DOUBLE, 'any', {
    minArgs: 2,
    defaults: ['true']
  }),
  scalar('date_format', ['timestamp', 'string'], STRING, 'any'),
  scalar('current_date', [], DATE, 'never', { aliases: ['curdate'] }),
  scalar('current_timestamp', [], TIMESTAMP, 'never', { aliases: ['now'] }),
  scalar('unix_timestamp', ['any', 'string'], BIGINT, 'always', {
    minArgs: 0,
    defaults: ['current_timestamp()', DEFAULT_TIME_FORMAT]
  }),
  scalar('from_unixtime', ['bigint', 'string'], STRING, 'always', {
    minArgs: 1,
    defaults: [DEFAULT_TIME_FORMAT]
  }),
  scalar('year', ['date'], INT, 'any'),
  scalar('quarter', ['date'], INT, 'any'),
  scalar('month', ['date'], INT, 'any'),
  scalar('dayofmonth', ['date'], INT, 'any', { aliases: ['day'] }),
  scalar('dayofweek', ['date'], INT, 'any'),
  scalar('weekday', ['date'], INT, 'any'),
  scalar('dayofyear', ['date'], INT, 'any'),
  scalar('weekofyear', ['date'], INT, 'any'),
  scalar('hour', ['timestamp'], INT, 'any'),
  scalar('minute', ['timestamp'], INT, 'any'),
  scalar('second', ['timestamp'], INT, 'any'),

  // ---- arrays, maps, structs
  scalar('size', ['arrayOrMap'], INT, 'size', { aliases: ['cardinality'] }),
  scalar('array_contains', ['array', 'elementOf0'], BOOLEAN, 'arrayContains'),
  scalar('element_at', ['arrayOrMap', 'indexOrKeyOf0'], 'elementOf0', 'elementAt'),
  scalar('map_keys', ['map'], 'mapKeys0', 'any'),
  scalar('map_values', ['map'], 'mapValues0', 'any'),
  scalar('sort_array', ['array', 'boolean'], 'arg0', 'any', { minArgs: 1, defaults: ['true'] }),
  scalar('array_distinct', ['array'], 'arg0', 'any'),
  scalar('array_max', ['array'], 'elementOf0', 'always'),
  scalar('array_min', ['array'], 'elementOf0', 'always'),
  {
    name: 'array',
    kind: 'scalar',
    minArgs: 0,
    maxArgs: VARIADIC,
    args: ['any'],
    result: 'arrayOfCommon',
    nullable: 'never'
  },
  {
    name: 'map',
    kind: 'scalar',
    minArgs: 0,
    maxArgs: VARIADIC,
    args: ['any'],
    result: 'mapOfPairs',
    nullable: 'never'
  },
  {
    name: 'struct',
    kind: 'scalar',
    minArgs: 0,
    maxArgs: VARIADIC,
    args: ['any'],
    result: 'struct',
    nullable: 'never'
  },
  {
    name: 'named_struct',
    kind: 'scalar',
    minArgs: 2,
    maxArgs: VARIADIC,
    args: ['string', 'any'],
    result: 'namedStruct',
    nullable: 'never'
  },
  ...EXTENDED_FUNCTIONS
];

/**
 * Functions typed outside this table, by their own modules: window functions (`windows.ts`),
 * generators (`generators.ts`), higher-order functions (`higher-order.ts`) and the grouping
 * functions. Listed here for "did you mean" and completion.
 */
export const SPECIAL_FUNCTIONS: ReadonlySet<string> = new Set([
  'explode',
  'explode_outer',
  'posexplode',
  'posexplode_outer',
  'inline',
  'inline_outer',
  'stack',
  'json_tuple',
  'row_number',
  'rank',
  'dense_rank',
  'percent_rank',
  'ntile',
  'cume_dist',
  'lag',
  'lead',
  'nth_value',
  'transform',
  'filter',
  'exists',
  'forall',
  'aggregate',
  'reduce',
  'zip_with',
  'map_filter',
  'transform_keys',
  'transform_values',
  'grouping',
  'grouping_id',
  'extract',
  'date_part',
  'datepart'
]);

/** Functions the analyzer knows exist but does not type yet: it says so instead of guessing. */
export const NOT_YET_ANALYZED: ReadonlySet<string> = new Set(['window', 'session_window']);

/** Functions Spark rewrites into operators (`isnull(x)` is `x IS NULL`): typed as those. */
export const OPERATOR_FUNCTIONS: ReadonlySet<string> = new Set(['isnull', 'isnotnull', 'positive']);

const BY_NAME: ReadonlyMap<string, FunctionDef> = new Map(
  FUNCTIONS.flatMap(def => [
    [def.name, def] as const,
    ...(def.aliases ?? []).map(alias => [alias, def] as const)
  ])
);

export function lookupFunction(name: string): FunctionDef | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** Every callable name, for "did you mean" and completion. */
export function functionNames(): string[] {
  return [...BY_NAME.keys(), ...SPECIAL_FUNCTIONS, ...OPERATOR_FUNCTIONS, ...NOT_YET_ANALYZED];
}

/** The expected kind of argument `i`. */
export function argKind(def: FunctionDef, i: number): ArgKind {
  if (def.args.length === 0) {
    return 'any';
  }
  return def.args[Math.min(i, def.args.length - 1)];
}
