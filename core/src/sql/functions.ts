/**
 * Spark 3.5 built-in functions as data: arity, expected argument types (for implicit casts and
 * "wrong argument type" diagnostics), result type rule, nullability rule and how Spark prints
 * the call in generated column names. Extend by adding rows; the rules are shared.
 */

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
  | { readonly type: 'boolean' | 'int' | 'bigint' | 'double' | 'string' | 'date' | 'timestamp' }
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
  | 'struct'
  | 'namedStruct'
  | 'arrayOfCommon'
  | 'mapOfPairs'
  | 'concat'
  | 'splitResult';

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
  | 'arg0';

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
const INT = { type: 'int' } as const;
const BIGINT = { type: 'bigint' } as const;
const DOUBLE = { type: 'double' } as const;
const STRING = { type: 'string' } as const;
const DATE = { type: 'date' } as const;
const TIMESTAMP = { type: 'timestamp' } as const;
const DEFAULT_TIME_FORMAT = 'yyyy-MM-dd HH:mm:ss';

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

  // ---- math
  scalar('abs', ['numeric'], 'arg0', 'any'),
  scalar('round', ['numeric', 'int'], 'round', 'any', { minArgs: 1, defaults: ['0'] }),
  scalar('bround', ['numeric', 'int'], 'round', 'any', { minArgs: 1, defaults: ['0'] }),
  scalar('floor', ['numeric'], 'floorCeil', 'always', { prettyName: 'FLOOR' }),
  scalar('ceil', ['numeric'], 'floorCeil', 'always', { prettyName: 'CEIL', aliases: ['ceiling'] }),
  scalar('sqrt', ['double'], DOUBLE, 'any', { prettyName: 'SQRT' }),
  scalar('cbrt', ['double'], DOUBLE, 'any', { prettyName: 'CBRT' }),
  scalar('exp', ['double'], DOUBLE, 'any', { prettyName: 'EXP' }),
  scalar('ln', ['double'], DOUBLE, 'always'),
  scalar('log10', ['double'], DOUBLE, 'always', { prettyName: 'LOG10' }),
  scalar('log2', ['double'], DOUBLE, 'always', { prettyName: 'LOG2' }),
  scalar('log', ['double', 'double'], DOUBLE, 'always', {
    prettyName: 'LOG',
    minArgs: 1,
    implicitLeading: 'E()'
  }),
  scalar('power', ['double', 'double'], DOUBLE, 'any', { prettyName: 'POWER', aliases: ['pow'] }),
  scalar('signum', ['double'], DOUBLE, 'any', { prettyName: 'SIGNUM', aliases: ['sign'] }),

  // ---- dates and times
  scalar('to_date', ['any', 'string'], DATE, 'parse', { minArgs: 1 }),
  scalar('to_timestamp', ['any', 'string'], TIMESTAMP, 'parse', { minArgs: 1 }),
  scalar('date_trunc', ['string', 'timestamp'], TIMESTAMP, 'always'),
  scalar('trunc', ['date', 'string'], DATE, 'always'),
  scalar('datediff', ['date', 'date'], INT, 'any'),
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
  scalar('element_at', ['arrayOrMap', 'indexOrKeyOf0'], 'elementOf0', 'always'),
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
  }
];

/** Functions the analyzer knows exist but does not type yet: it says so instead of guessing. */
export const NOT_YET_ANALYZED: ReadonlySet<string> = new Set([
  'explode',
  'explode_outer',
  'posexplode',
  'posexplode_outer',
  'inline',
  'inline_outer',
  'stack',
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
  'from_json',
  'to_json',
  'get_json_object',
  'json_tuple',
  'schema_of_json',
  'window',
  'session_window',
  'grouping',
  'grouping_id'
]);

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
  return [...BY_NAME.keys(), ...NOT_YET_ANALYZED];
}

/** The expected kind of argument `i`. */
export function argKind(def: FunctionDef, i: number): ArgKind {
  if (def.args.length === 0) {
    return 'any';
  }
  return def.args[Math.min(i, def.args.length - 1)];
}
