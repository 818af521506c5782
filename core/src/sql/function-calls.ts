/**
 * Typing of calls to built-in functions from the data in `functions.ts`: arity, expected
 * argument types, result type, nullability, and the name Spark gives the call.
 */
import type { TextRange } from './ast.js';
import { canImplicitlyCast, widerType, widerTypeOf } from './coercion.js';
import { parseDdlType } from './ddl.js';
import { argKind, type ArgKind, type FunctionDef } from './functions.js';
import {
  derived,
  isColumnReference,
  isStringLiteral,
  type ExpressionContext,
  type Typed
} from './typed.js';
import { T, boundedDecimal, isIntegral, isNumeric, sqlTypeName, type DataType } from './types.js';

function displayName(def: FunctionDef, used: string): string {
  return used === def.name && def.prettyName !== undefined ? def.prettyName : used;
}

function callSql(
  def: FunctionDef,
  used: string,
  args: readonly Typed[],
  distinct: boolean
): string {
  let shown = args.map(a => a.sql);
  if (def.nameArgs !== undefined) {
    shown = shown.slice(0, def.nameArgs);
  }
  if (def.implicitLeading !== undefined && args.length === def.minArgs) {
    shown = [def.implicitLeading, ...shown];
  }
  if (def.defaults !== undefined) {
    const firstDefault = def.maxArgs - def.defaults.length;
    for (let i = args.length; i < def.maxArgs; i++) {
      if (i >= firstDefault) {
        shown.push(def.defaults[i - firstDefault]);
      }
    }
  }
  const text = `${displayName(def, used)}(${distinct ? 'DISTINCT ' : ''}${shown.join(', ')})`;
  return def.parenthesized === true ? `(${text})` : text;
}

export function callTyped(
  def: FunctionDef,
  used: string,
  args: readonly Typed[],
  distinct: boolean,
  range: TextRange,
  ctx: ExpressionContext
): Typed {
  const sql = callSql(def, used, args, distinct);
  const aggregateFlags = {
    isAggregate: def.kind === 'aggregate',
    containsAggregate: def.kind === 'aggregate' || args.some(a => a.containsAggregate)
  };
  const fail = (): Typed => ({ ...derived(T.unknown, true, sql, args, range), ...aggregateFlags });
  if (args.length < def.minArgs || args.length > def.maxArgs) {
    const expected =
      def.minArgs === def.maxArgs
        ? `${def.minArgs}`
        : def.maxArgs === Number.POSITIVE_INFINITY
          ? `at least ${def.minArgs}`
          : `[${def.minArgs}, ${def.maxArgs}]`;
    ctx.diagnostics.error(
      'WRONG_NUM_ARGS',
      `The \`${used}\` requires ${expected} parameters but the actual number is ${args.length}.`,
      range
    );
    return fail();
  }
  if (args.some(a => a.type.kind === 'unknown')) {
    return fail();
  }
  for (let i = 0; i < args.length; i++) {
    const kind = argKind(def, i);
    const problem = argumentProblem(kind, args[i], args, ctx);
    if (problem !== undefined && kind === 'days') {
      ctx.diagnostics.error(
        'SECOND_FUNCTION_ARGUMENT_NOT_INTEGER',
        `The second argument of ${used} function needs to be an integer, not "${args[i].sql}".`,
        args[i].range
      );
      return fail();
    }
    if (problem !== undefined) {
      ctx.diagnostics.error(
        'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
        `Cannot resolve "${sql}" due to data type mismatch: Parameter ${i + 1} requires the ${problem} type, however "${args[i].sql}" has the type "${sqlTypeName(args[i].type)}".`,
        args[i].range
      );
      return fail();
    }
  }
  const type = resultType(def, args, ctx, sql, range);
  if (type === undefined) {
    return fail();
  }
  const typed = derived(type, nullability(def, args, ctx), sql, args, range);
  // `array(...)` remembers its elements, for the nullability of constant subscripts.
  const elements = def.result === 'arrayOfCommon' ? args : undefined;
  return { ...typed, ...aggregateFlags, elements };
}

/** Undefined when `arg` fits `kind`; otherwise the expected type in Spark's words. */
function argumentProblem(
  kind: ArgKind,
  arg: Typed,
  args: readonly Typed[],
  ctx: ExpressionContext
): string | undefined {
  const t = arg.type;
  const literal = isStringLiteral(arg);
  const fits = (target: DataType): boolean => canImplicitlyCast(t, target, ctx.mode, literal);
  switch (kind) {
    case 'any':
      return undefined;
    case 'string':
      return fits(T.string) ? undefined : '"STRING"';
    case 'int':
    case 'bigint':
    case 'integral':
      // Legacy mode casts any number or string to the integer; ANSI only widens.
      return fits(T.int) ? undefined : '"INT"';
    case 'double':
    case 'numeric':
      return isNumeric(t) ||
        t.kind === 'void' ||
        (t.kind === 'string' && (!ctx.mode.ansi || literal || kind === 'numeric'))
        ? undefined
        : '"NUMERIC"';
    case 'days':
      return isIntegral(t) || t.kind === 'void' || (literal && /^\s*[+-]?\d+\s*$/.test(arg.sql))
        ? undefined
        : '"INT"';
    case 'boolean':
      return t.kind === 'boolean' || t.kind === 'void' ? undefined : '"BOOLEAN"';
    case 'date':
      return fits(T.date) ? undefined : '"DATE"';
    case 'timestamp':
      return fits(T.timestamp) ? undefined : '"TIMESTAMP"';
    case 'array':
      return t.kind === 'array' || t.kind === 'void' ? undefined : '"ARRAY"';
    case 'map':
      return t.kind === 'map' || t.kind === 'void' ? undefined : '"MAP"';
    case 'arrayOrMap':
      return t.kind === 'array' || t.kind === 'map' || t.kind === 'void'
        ? undefined
        : '("ARRAY" or "MAP")';
    case 'elementOf0': {
      const container = args[0].type;
      if (container.kind !== 'array') {
        return undefined;
      }
      return widerType(container.element, t, ctx.mode) !== undefined
        ? undefined
        : `"${sqlTypeName(container.element)}"`;
    }
    case 'indexOrKeyOf0': {
      const container = args[0].type;
      if (container.kind === 'array') {
        return isIntegral(t) || t.kind === 'void' ? undefined : '"INT"';
      }
      if (container.kind === 'map') {
        return canImplicitlyCast(t, container.key, ctx.mode, literal)
          ? undefined
          : `"${sqlTypeName(container.key)}"`;
      }
      return undefined;
    }
  }
}

function resultType(
  def: FunctionDef,
  args: readonly Typed[],
  ctx: ExpressionContext,
  sql: string,
  range: TextRange
): DataType | undefined {
  const rule = def.result;
  const arg0 = args[0]?.type ?? T.unknown;
  if (typeof rule === 'object') {
    return { kind: rule.type };
  }
  const common = (from: number): DataType | undefined => {
    const types = args.slice(from).map(a => a.type);
    const type = widerTypeOf(types, ctx.mode);
    if (type === undefined) {
      ctx.diagnostics.error(
        'DATATYPE_MISMATCH.DATA_DIFF_TYPES',
        `Cannot resolve "${sql}" due to data type mismatch: Input to \`${def.name}\` should all be the same type, but it's [${types.map(t => `"${sqlTypeName(t)}"`).join(', ')}].`,
        range
      );
    }
    return type;
  };
  switch (rule) {
    case 'arg0':
      return arg0;
    case 'common':
      return common(0);
    case 'commonFrom1':
      return common(1);
    case 'arrayOfArg0':
      return T.array(arg0, false);
    case 'arrayOfCommon': {
      const element = common(0);
      return element === undefined
        ? undefined
        : T.array(
            element.kind === 'void' && args.length === 0 ? T.void : element,
            args.some(a => a.nullable)
          );
    }
    case 'elementOf0':
      return arg0.kind === 'array' ? arg0.element : arg0.kind === 'map' ? arg0.value : T.unknown;
    case 'valueOf0':
      return arg0.kind === 'map' ? arg0.value : T.unknown;
    case 'mapKeys0':
      return arg0.kind === 'map' ? T.array(arg0.key, false) : T.unknown;
    case 'mapValues0':
      return arg0.kind === 'map' ? T.array(arg0.value, arg0.valueContainsNull) : T.unknown;
    case 'splitResult':
      return T.array(T.string, false);
    case 'stringArray':
      return T.array(T.string);
    case 'stringArrays':
      return T.array(T.array(T.string));
    case 'stringMap':
      return T.map(T.string, T.string);
    case 'flatten':
      if (arg0.kind !== 'array' || arg0.element.kind !== 'array') {
        return argumentError(ctx, sql, 0, '"ARRAY<ARRAY>"', args[0]);
      }
      return arg0.element;
    case 'sequence': {
      const element = common(0);
      return element === undefined ? undefined : T.array(element, false);
    }
    case 'arraysZip':
      return T.array(
        {
          kind: 'struct',
          fields: args.map((a, i) => ({
            // Spark names each field after its column, or by position.
            name: isColumnReference(a) ? a.alias : String(i),
            type: a.type.kind === 'array' ? a.type.element : T.unknown,
            nullable: true
          }))
        },
        false
      );
    case 'mapFromArrays': {
      const [keys, values] = [arg0, args[1].type];
      if (keys.kind !== 'array' || values.kind !== 'array') {
        return T.unknown;
      }
      return T.map(keys.element, values.element, values.containsNull);
    }
    case 'mapFromEntries': {
      const entry = arg0.kind === 'array' ? arg0.element : undefined;
      if (entry?.kind !== 'struct' || entry.fields.length !== 2) {
        return argumentError(ctx, sql, 0, '"ARRAY<STRUCT<KEY, VALUE>>"', args[0]);
      }
      return T.map(entry.fields[0].type, entry.fields[1].type, entry.fields[1].nullable);
    }
    case 'mapEntries':
      if (arg0.kind !== 'map') {
        return T.unknown;
      }
      return T.array(
        {
          kind: 'struct',
          fields: [
            { name: 'key', type: arg0.key, nullable: false },
            { name: 'value', type: arg0.value, nullable: arg0.valueContainsNull }
          ]
        },
        false
      );
    case 'fromJson': {
      const schema = args[1];
      if (schema.literal?.kind !== 'string') {
        ctx.diagnostics.error(
          'INVALID_SCHEMA.NON_STRING_LITERAL',
          `The input schema "${schema.sql}" is not a valid schema string: it must be a string literal.`,
          schema.range
        );
        return undefined;
      }
      const parsed = parseDdlType(schema.literal.value);
      if (parsed === undefined) {
        ctx.diagnostics.error(
          'PARSE_SYNTAX_ERROR',
          `Cannot parse the schema "${schema.literal.value}".`,
          schema.range
        );
        return undefined;
      }
      // Parsed JSON may lack any field: every field becomes nullable.
      return asNullable(parsed);
    }
    case 'sum':
      if (arg0.kind === 'decimal') {
        return boundedDecimal(arg0.precision + 10, arg0.scale);
      }
      return isIntegral(arg0) ? T.bigint : T.double;
    case 'avg':
      if (arg0.kind === 'decimal') {
        return boundedDecimal(arg0.precision + 4, arg0.scale + 4);
      }
      return T.double;
    case 'round': {
      if (arg0.kind !== 'decimal') {
        return arg0.kind === 'string' ? T.double : arg0;
      }
      const requested = args[1]?.literal?.kind === 'number' ? Number(args[1].sql) : 0;
      const scale = Math.max(0, Math.min(arg0.scale, requested));
      return boundedDecimal(arg0.precision - arg0.scale + 1 + scale, scale);
    }
    case 'floorCeil':
      if (arg0.kind === 'decimal') {
        return boundedDecimal(arg0.precision - arg0.scale + (arg0.scale > 0 ? 1 : 0), 0);
      }
      return T.bigint;
    case 'exactPercentile':
      return args[1]?.type.kind === 'array' ? T.array(T.double, false) : T.double;
    case 'percentile': {
      const second = args[1]?.type;
      const valueType = arg0.kind === 'string' ? T.double : arg0;
      return second?.kind === 'array' ? T.array(valueType, false) : valueType;
    }
    case 'struct':
      return {
        kind: 'struct',
        fields: args.map((a, i) => ({
          name: isColumnReference(a) ? a.alias : `col${i + 1}`,
          type: a.type,
          nullable: a.nullable
        }))
      };
    case 'namedStruct': {
      if (args.length % 2 !== 0) {
        ctx.diagnostics.error(
          'WRONG_NUM_ARGS',
          'named_struct expects an even number of arguments: name, value, ...',
          range
        );
        return undefined;
      }
      const fields = [];
      for (let i = 0; i < args.length; i += 2) {
        if (args[i].literal?.kind !== 'string') {
          ctx.diagnostics.error(
            'DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING',
            'named_struct field names must be string literals.',
            args[i].range
          );
          return undefined;
        }
        fields.push({ name: args[i].sql, type: args[i + 1].type, nullable: args[i + 1].nullable });
      }
      return { kind: 'struct', fields };
    }
    case 'mapOfPairs': {
      if (args.length % 2 !== 0) {
        ctx.diagnostics.error(
          'WRONG_NUM_ARGS',
          'map expects a positive even number of arguments.',
          range
        );
        return undefined;
      }
      const keys = widerTypeOf(
        args.filter((_, i) => i % 2 === 0).map(a => a.type),
        ctx.mode
      );
      const values = widerTypeOf(
        args.filter((_, i) => i % 2 === 1).map(a => a.type),
        ctx.mode
      );
      if (keys === undefined || values === undefined) {
        ctx.diagnostics.error(
          'DATATYPE_MISMATCH.CREATE_MAP_KEY_DIFF_TYPES',
          `Cannot resolve "${sql}": keys and values must each share a type.`,
          range
        );
        return undefined;
      }
      return T.map(
        keys,
        values,
        args.some((a, i) => i % 2 === 1 && a.nullable)
      );
    }
    case 'concat': {
      if (args.length > 0 && args.every(a => a.type.kind === 'array' || a.type.kind === 'void')) {
        return common(0);
      }
      return T.string;
    }
  }
}

function argumentError(
  ctx: ExpressionContext,
  sql: string,
  index: number,
  expected: string,
  arg: Typed
): undefined {
  ctx.diagnostics.error(
    'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
    `Cannot resolve "${sql}" due to data type mismatch: Parameter ${index + 1} requires the ${expected} type, however "${arg.sql}" has the type "${sqlTypeName(arg.type)}".`,
    arg.range
  );
  return undefined;
}

/** `DataType.asNullable`: every nested field, element and value nullable. */
function asNullable(t: DataType): DataType {
  switch (t.kind) {
    case 'array':
      return T.array(asNullable(t.element), true);
    case 'map':
      return T.map(asNullable(t.key), asNullable(t.value), true);
    case 'struct':
      return {
        kind: 'struct',
        fields: t.fields.map(f => ({ ...f, type: asNullable(f.type), nullable: true }))
      };
    default:
      return t;
  }
}

/**
 * Spark knows the nullability of `array(a, b, ...)[i]` for a constant `i`: that of the element.
 * `base` is the index of the first element (1 for `element_at`, 0 for `get` and `[]`).
 */
export function constantElementNullable(args: readonly Typed[], base: number): boolean | undefined {
  const [array, index] = args;
  const elements = array?.elements;
  if (elements === undefined || index?.literal?.kind !== 'number' || !isIntegral(index.type)) {
    return undefined;
  }
  const n = Number(index.sql);
  const position = n < 0 && base === 1 ? elements.length + n : n - base;
  return position >= 0 && position < elements.length ? elements[position].nullable : undefined;
}

function nullability(def: FunctionDef, args: readonly Typed[], ctx: ExpressionContext): boolean {
  switch (def.nullable) {
    case 'never':
      return false;
    case 'always':
      return true;
    case 'any':
      return args.some(a => a.nullable);
    case 'all':
      return args.every(a => a.nullable);
    case 'anyFrom1':
      return args.slice(1).some(a => a.nullable);
    case 'arg0':
      return args[0]?.nullable ?? true;
    case 'parse':
      return args.length > 1 || args.some(a => a.nullable || a.type.kind === 'string');
    case 'size':
      return ctx.mode.ansi ? args.some(a => a.nullable) : false;
    case 'elementAt':
      return constantElementNullable(args, 1) ?? true;
    case 'getItem':
      return constantElementNullable(args, 0) ?? true;
    case 'arrayContains': {
      const container = args[0].type;
      return args.some(a => a.nullable) || (container.kind === 'array' && container.containsNull);
    }
  }
}
