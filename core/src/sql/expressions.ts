/**
 * Typing of expressions: resolution of column references against a scope, Spark's implicit
 * casts, result types and nullability, and the name Spark generates for an unaliased
 * expression (its "pretty SQL", e.g. `(a + 1)`, `count(1)`, `SQRT(x)`).
 */
import type { BinaryOp, Expr, Ident, LiteralValue, TextRange } from './ast.js';
import {
  arithmeticType,
  canCast,
  canImplicitlyCast,
  castForcesNullable,
  comparisonType,
  widerType,
  widerTypeOf,
  type ArithmeticOp
} from './coercion.js';
import { didYouMean } from './diagnostics.js';
import { callTyped, constantElementNullable } from './function-calls.js';
import { functionNames, lookupFunction, NOT_YET_ANALYZED, SPECIAL_FUNCTIONS } from './functions.js';
import { GENERATORS } from './generators.js';
import { HIGHER_ORDER_FUNCTIONS, higherOrderTyped } from './higher-order.js';
import { WINDOW_FUNCTIONS, windowTyped } from './windows.js';
import {
  derived,
  isColumnReference,
  isIntegerLiteral,
  isStringLiteral,
  unknownTyped,
  type Attribute,
  type ExpressionContext,
  type OuterScope,
  type Scope,
  type Typed
} from './typed.js';
import {
  T,
  isDatetime,
  isIntegral,
  isNumeric,
  simpleString,
  sqlTypeName,
  type DataType
} from './types.js';

export type { Attribute, ExpressionContext, Scope, Typed } from './typed.js';

/**
 * The first part of a column reference that names an attribute by id (`\u0002#12`, then the
 * column name): how the PySpark lowering refers to a DataFrame's column as Spark does, by
 * identity rather than by name. SQL text cannot produce it.
 */
export const ATTRIBUTE_ID_PREFIX = '\u0002#';

interface Ctx extends ExpressionContext {
  readonly insideAggregate: boolean;
}

export function analyzeExpression(expr: Expr, context: ExpressionContext): Typed {
  return typeOf(expr, { ...context, insideAggregate: false });
}

/** Type an expression in a context derived from one of `typeOf`'s (windows, lambdas). */
export function typeInContext(expr: Expr, context: ExpressionContext): Typed {
  const insideAggregate = (context as Partial<Ctx>).insideAggregate === true;
  return typeOf(expr, { ...context, insideAggregate });
}

function typeOf(expr: Expr, ctx: Ctx): Typed {
  switch (expr.k) {
    case 'literal':
      return literalTyped(expr.value, expr.range);
    case 'column':
      return columnTyped(expr.parts, expr.range, ctx);
    case 'star':
      ctx.diagnostics.error(
        'INVALID_USAGE_OF_STAR',
        'A star (*) is only allowed in a select list or in count(*)',
        expr.range
      );
      return unknownTyped(expr.range, '*');
    case 'unary':
      return unaryTyped(expr.op, typeOf(expr.arg, ctx), expr.range, ctx);
    case 'binary':
      return binaryTyped(expr.op, typeOf(expr.left, ctx), typeOf(expr.right, ctx), expr.range, ctx);
    case 'function':
      return expr.over === undefined
        ? functionTyped(expr, ctx)
        : windowTyped(expr, expr.over, ctx, typeInContext);
    case 'lambda':
      ctx.diagnostics.notAnalyzed('lambda functions outside higher-order functions', expr.range);
      return unknownTyped(expr.range);
    case 'subquery':
      return subqueryTyped(expr, ctx);
    case 'case':
      return caseTyped(expr, ctx);
    case 'cast':
      return castTyped(expr, ctx);
    case 'in':
      return inTyped(expr, ctx);
    case 'between': {
      const arg = typeOf(expr.arg, ctx);
      const low = binaryTyped('>=', arg, typeOf(expr.low, ctx), expr.range, ctx);
      const high = binaryTyped('<=', arg, typeOf(expr.high, ctx), expr.range, ctx);
      const both = binaryTyped('and', low, high, expr.range, ctx);
      return expr.not ? unaryTyped('not', both, expr.range, ctx) : both;
    }
    case 'like':
      return likeTyped(expr, ctx);
    case 'isNull': {
      const arg = typeOf(expr.arg, ctx);
      const sql = `(${arg.sql} IS ${expr.not ? 'NOT ' : ''}NULL)`;
      return derived(T.boolean, false, sql, [arg], expr.range);
    }
    case 'isBool': {
      const arg = typeOf(expr.arg, ctx);
      expectBoolean(arg, ctx, 'IS TRUE/FALSE');
      if (expr.value === null) {
        return derived(
          T.boolean,
          false,
          `(${arg.sql} IS ${expr.not ? 'NOT ' : ''}NULL)`,
          [arg],
          expr.range
        );
      }
      const inner = `(${arg.sql} <=> ${String(expr.value)})`;
      return derived(T.boolean, false, expr.not ? `(NOT ${inner})` : inner, [arg], expr.range);
    }
    case 'field':
      return fieldTyped(typeOf(expr.base, ctx), expr.field, expr.range, ctx);
    case 'index':
      return indexTyped(typeOf(expr.base, ctx), typeOf(expr.index, ctx), expr.range, ctx);
    case 'invalid':
      ctx.diagnostics.error(expr.code, expr.message, expr.range);
      return unknownTyped(expr.range);
    case 'unsupported':
      if (expr.what !== '') {
        ctx.diagnostics.notAnalyzed(expr.what, expr.range);
      }
      return unknownTyped(expr.range);
  }
}

// ---------------------------------------------------------------- literals

function literalTyped(value: LiteralValue, range: TextRange): Typed {
  const base = {
    range,
    children: [],
    isAggregate: false,
    containsAggregate: false,
    literal: value
  } as const;
  const make = (type: DataType, nullable: boolean, sql: string): Typed => ({
    ...base,
    type,
    nullable,
    sql,
    alias: sql,
    key: `lit:${sql}:${simpleString(type)}`
  });
  switch (value.kind) {
    case 'null':
      return make(T.void, true, 'NULL');
    case 'boolean':
      return make(T.boolean, false, String(value.value));
    case 'number':
    case 'typed':
      return make(value.type, false, value.text);
    case 'string':
      return make(T.string, false, value.value);
  }
}
// ---------------------------------------------------------------- columns

interface Candidate {
  readonly attribute: Attribute;
  readonly nested: readonly Ident[];
  readonly qualified: boolean;
}

function matchesQualifier(attribute: Attribute, parts: readonly Ident[], length: number): boolean {
  if (length > attribute.qualifier.length) {
    return false;
  }
  const suffix = attribute.qualifier.slice(attribute.qualifier.length - length);
  return suffix.every((q, i) => q.toLowerCase() === parts[i].name.toLowerCase());
}

/**
 * Spark's resolution of a multi-part name: the longest qualifier that matches wins, then the
 * column name, then nested fields; without a matching qualifier the first part is the column.
 */
export function resolveCandidates(parts: readonly Ident[], scope: Scope): Candidate[] {
  if (parts.length >= 2 && parts[0].name.startsWith(ATTRIBUTE_ID_PREFIX)) {
    // A PySpark `df.col` / `df["col"]`: the attribute of that DataFrame, wherever it flowed.
    const id = Number(parts[0].name.slice(ATTRIBUTE_ID_PREFIX.length));
    const attribute = [...scope.attributes, ...scope.hidden].find(a => a.id === id);
    return attribute !== undefined
      ? [{ attribute, nested: parts.slice(2), qualified: true }]
      : resolveCandidates(parts.slice(1), scope);
  }
  const qualified: Candidate[] = [];
  for (const [attributes, hidden] of [
    [scope.attributes, false],
    [scope.hidden, true]
  ] as const) {
    for (const attribute of attributes) {
      for (
        let length = Math.min(attribute.qualifier.length, parts.length - 1);
        length >= 1;
        length--
      ) {
        if (
          matchesQualifier(attribute, parts, length) &&
          parts[length].name.toLowerCase() === attribute.name.toLowerCase()
        ) {
          if (!hidden || !qualified.some(c => c.attribute.id === attribute.id)) {
            qualified.push({ attribute, nested: parts.slice(length + 1), qualified: true });
          }
          break;
        }
      }
    }
  }
  if (qualified.length > 0) {
    // Prefer the matches that used the longest qualifier.
    const longest = Math.max(...qualified.map(c => parts.length - c.nested.length));
    return dedupe(qualified.filter(c => parts.length - c.nested.length === longest));
  }
  const first = parts[0].name.toLowerCase();
  return dedupe(
    scope.attributes
      .filter(a => a.name.toLowerCase() === first)
      .map(attribute => ({ attribute, nested: parts.slice(1), qualified: false }))
  );
}

/**
 * A correlated reference: resolved in the scope of the query just around the subquery. Spark
 * 3.5 looks no further out: a column of the query two levels up is unresolved.
 */
function resolveOuter(parts: readonly Ident[], outer: OuterScope): Candidate | undefined {
  const candidates = resolveCandidates(parts, outer.scope);
  if (candidates.length !== 1) {
    return undefined;
  }
  const { attribute } = candidates[0];
  if (!outer.references.some(a => a.id === attribute.id)) {
    outer.references.push(attribute);
  }
  return candidates[0];
}

function dedupe(candidates: Candidate[]): Candidate[] {
  const seen = new Set<number>();
  return candidates.filter(
    c => !seen.has(c.attribute.id) && seen.add(c.attribute.id) !== undefined
  );
}

const quoteParts = (parts: readonly string[]): string => parts.map(p => `\`${p}\``).join('.');

/** The name of a column reference as the user wrote it (without an attribute id). */
function shownParts(parts: readonly Ident[]): string[] {
  const shown = parts[0].name.startsWith(ATTRIBUTE_ID_PREFIX) ? parts.slice(1) : parts;
  return shown.map(p => p.name);
}

function columnTyped(parts: readonly Ident[], range: TextRange, ctx: Ctx): Typed {
  const lambda = ctx.scope.lambdas?.find(v => v.name.toLowerCase() === parts[0].name.toLowerCase());
  if (lambda !== undefined) {
    // Spark prints every lambda variable as `namedlambdavariable()` in generated names.
    let current: Typed = {
      type: lambda.type,
      nullable: lambda.nullable,
      sql: 'namedlambdavariable()',
      alias: 'namedlambdavariable()',
      key: `λ:${lambda.name.toLowerCase()}`,
      range,
      children: [],
      isAggregate: false,
      containsAggregate: false
    };
    for (const field of parts.slice(1)) {
      current = fieldTyped(current, field, range, ctx);
    }
    return current;
  }
  let candidates = resolveCandidates(parts, ctx.scope);
  if (candidates.length === 0 && ctx.scope.outer !== undefined && ctx.scope.incomplete !== true) {
    const outer = resolveOuter(parts, ctx.scope.outer);
    if (outer !== undefined) {
      candidates = [outer];
    }
  }
  if (candidates.length > 1) {
    const options = candidates
      .map(c => quoteParts([...c.attribute.qualifier.slice(-1), c.attribute.name]))
      .sort();
    ctx.diagnostics.error(
      'AMBIGUOUS_REFERENCE',
      `Reference ${quoteParts(shownParts(parts))} is ambiguous, could be: [${options.join(', ')}].`,
      range
    );
    return unknownTyped(range, parts[parts.length - 1].name);
  }
  if (candidates.length === 0) {
    const alias = parts.length === 1 ? ctx.aliases?.get(parts[0].name.toLowerCase()) : undefined;
    if (alias !== undefined) {
      return { ...alias, range, sql: parts[0].name, alias: parts[0].name };
    }
    if (ctx.scope.incomplete === true) {
      return unknownTyped(range, parts[parts.length - 1].name);
    }
    const names = ctx.suggestionNames ?? ctx.scope.attributes.map(a => a.name);
    const hint = didYouMean(parts[parts.length - 1].name, names);
    ctx.diagnostics.error(
      'UNRESOLVED_COLUMN',
      `A column or function parameter with name ${quoteParts(shownParts(parts))} cannot be resolved.${hint}`,
      range
    );
    return unknownTyped(range, parts[parts.length - 1].name);
  }
  const { attribute, nested } = candidates[0];
  // Spark names the column as the query spells it (`SELECT USER_ID` gives `USER_ID`).
  const spelled = parts[parts.length - 1 - nested.length].name;
  let current: Typed = {
    type: attribute.type,
    nullable: attribute.nullable,
    sql: spelled,
    alias: spelled,
    key: `#${attribute.id}`,
    range,
    children: [],
    isAggregate: false,
    containsAggregate: false,
    attribute
  };
  for (const field of nested) {
    current = fieldTyped(current, field, range, ctx);
  }
  return current;
}

/** `base.field` on a struct, an array of structs or a map. */
function fieldTyped(base: Typed, field: Ident, range: TextRange, ctx: Ctx): Typed {
  const t = base.type;
  const sql = `${base.sql}.${field.name}`;
  // A field of a column is named by the field; of any other expression by its SQL text.
  const alias = isColumnReference(base) ? field.name : sql;
  const keyed = (type: DataType, nullable: boolean): Typed => ({
    ...derived(type, nullable, sql, [base], range),
    alias,
    key: `${base.key}.${field.name.toLowerCase()}`
  });
  if (t.kind === 'unknown') {
    return keyed(T.unknown, true);
  }
  if (t.kind === 'struct' || (t.kind === 'array' && t.element.kind === 'struct')) {
    const struct = t.kind === 'struct' ? t : (t.element as Extract<DataType, { kind: 'struct' }>);
    const found = struct.fields.filter(f => f.name.toLowerCase() === field.name.toLowerCase());
    if (found.length !== 1) {
      const names = struct.fields.map(f => `\`${f.name}\``).join(', ');
      ctx.diagnostics.error(
        'FIELD_NOT_FOUND',
        `No such struct field \`${field.name}\` in ${names}.${didYouMean(
          field.name,
          struct.fields.map(f => f.name)
        )}`,
        field.range
      );
      return keyed(T.unknown, true);
    }
    const f = found[0];
    if (t.kind === 'struct') {
      return keyed(f.type, base.nullable || f.nullable);
    }
    return keyed(T.array(f.type, t.containsNull || f.nullable), base.nullable);
  }
  if (t.kind === 'map') {
    return keyed(t.value, true);
  }
  ctx.diagnostics.error(
    'INVALID_EXTRACT_BASE_FIELD_TYPE',
    `Can't extract a value from "${base.sql}". Need a complex type [STRUCT, ARRAY, MAP] but got "${sqlTypeName(t)}".`,
    range
  );
  return keyed(T.unknown, true);
}

function indexTyped(base: Typed, index: Typed, range: TextRange, ctx: Ctx): Typed {
  const sql = `${base.sql}[${index.sql}]`;
  const t = base.type;
  if (t.kind === 'array') {
    const indexType = index.type.kind;
    const validIndex =
      isIntegral(index.type) ||
      indexType === 'unknown' ||
      indexType === 'void' ||
      (indexType === 'string' && (!ctx.mode.ansi || isStringLiteral(index)));
    if (!validIndex) {
      ctx.diagnostics.error(
        'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
        `Cannot resolve "${sql}": the array index must be an integer, not ${sqlTypeName(index.type)}.`,
        index.range
      );
    }
    const nullable = constantElementNullable([base, index], 0) ?? true;
    return derived(t.element, nullable, sql, [base, index], range);
  }
  if (t.kind === 'map') {
    return derived(t.value, true, sql, [base, index], range);
  }
  if (t.kind === 'struct' && index.literal?.kind === 'string') {
    // `s['f']` (PySpark's `s.f`, `s['f']`, `getField`): a struct field, named by its SQL text.
    const field = fieldTyped(base, { name: index.literal.value, range: index.range }, range, ctx);
    return { ...field, alias: field.sql };
  }
  if (t.kind !== 'unknown') {
    ctx.diagnostics.error(
      'INVALID_EXTRACT_BASE_FIELD_TYPE',
      `Can't extract a value from "${base.sql}". Need a complex type [STRUCT, ARRAY, MAP] but got "${sqlTypeName(t)}".`,
      range
    );
  }
  return derived(T.unknown, true, sql, [base, index], range);
}

// ---------------------------------------------------------------- operators

function expectBoolean(t: Typed, ctx: Ctx, where: string): void {
  if (t.type.kind !== 'boolean' && t.type.kind !== 'unknown' && t.type.kind !== 'void') {
    ctx.diagnostics.error(
      'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
      `${where} needs a BOOLEAN, but "${t.sql}" is ${sqlTypeName(t.type)}.`,
      t.range
    );
  }
}

function unaryTyped(op: '-' | '+' | '~' | 'not', arg: Typed, range: TextRange, ctx: Ctx): Typed {
  if (op === 'not') {
    expectBoolean(arg, ctx, 'NOT');
    return derived(T.boolean, arg.nullable, `(NOT ${arg.sql})`, [arg], range);
  }
  const numeric =
    isNumeric(arg.type) ||
    arg.type.kind === 'unknown' ||
    arg.type.kind === 'void' ||
    (op === '-' && arg.type.kind === 'interval');
  const stringPromoted = arg.type.kind === 'string' && !ctx.mode.ansi;
  if (!numeric && !stringPromoted) {
    ctx.diagnostics.error(
      'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
      `Cannot resolve "(${op} ${arg.sql})": the operand must be numeric, not ${sqlTypeName(arg.type)}.`,
      range
    );
    return derived(T.unknown, true, `(${op} ${arg.sql})`, [arg], range);
  }
  const type = stringPromoted ? T.double : arg.type;
  const sql = op === '~' ? `~${arg.sql}` : `(${op} ${arg.sql})`;
  return derived(type, arg.nullable, sql, [arg], range);
}

const COMPARISONS: ReadonlySet<string> = new Set([
  '=',
  '==',
  '<>',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '<=>'
]);
const ARITHMETIC: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%', 'div']);

function binaryTyped(op: BinaryOp, left: Typed, right: Typed, range: TextRange, ctx: Ctx): Typed {
  if (op === 'and' || op === 'or') {
    expectBoolean(left, ctx, op.toUpperCase());
    expectBoolean(right, ctx, op.toUpperCase());
    return derived(
      T.boolean,
      left.nullable || right.nullable,
      `(${left.sql} ${op.toUpperCase()} ${right.sql})`,
      [left, right],
      range
    );
  }
  if (COMPARISONS.has(op)) {
    return comparisonTyped(op, left, right, range, ctx);
  }
  if (op === '||') {
    return callTyped(lookupFunction('concat')!, 'concat', [left, right], false, range, ctx);
  }
  const sql = `(${left.sql} ${op} ${right.sql})`;
  if (op === '&' || op === '|' || op === '^') {
    const type = widerType(left.type, right.type, ctx.mode);
    if (type === undefined || (!isIntegral(type) && type.kind !== 'unknown')) {
      ctx.diagnostics.error(
        'DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE',
        `Cannot resolve "${sql}": bitwise operators need integral operands.`,
        range
      );
      return derived(T.unknown, true, sql, [left, right], range);
    }
    return derived(type, left.nullable || right.nullable, sql, [left, right], range);
  }
  if (ARITHMETIC.has(op)) {
    const temporal = intervalArithmetic(op, left, right, range, ctx);
    if (temporal !== undefined) {
      return temporal;
    }
    const dateResult = dateArithmetic(op, left, right);
    if (dateResult !== undefined) {
      return derived(
        dateResult,
        left.nullable || right.nullable,
        dateSql(op, left, right),
        [left, right],
        range
      );
    }
    const result = arithmeticType(
      op as ArithmeticOp,
      {
        type: left.type,
        integerLiteral: isIntegerLiteral(left) ? left.sql : undefined,
        stringLiteral: isStringLiteral(left)
      },
      {
        type: right.type,
        integerLiteral: isIntegerLiteral(right) ? right.sql : undefined,
        stringLiteral: isStringLiteral(right)
      },
      ctx.mode
    );
    if (!result.ok) {
      const message =
        result.reason === 'diffTypes'
          ? `Cannot resolve "${sql}" due to data type mismatch: the left and right operands of the binary operator have incompatible types ("${sqlTypeName(left.type)}" and "${sqlTypeName(right.type)}").`
          : `Cannot resolve "${sql}" due to data type mismatch: the binary operator requires numeric input, not "${sqlTypeName(left.type)}".`;
      ctx.diagnostics.error(
        result.reason === 'diffTypes'
          ? 'DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES'
          : 'DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE',
        message,
        range
      );
      return derived(T.unknown, true, sql, [left, right], range);
    }
    // Division and remainder return NULL for a zero divisor; legacy decimal arithmetic returns
    // NULL on overflow. String operands are cast, which can fail.
    const alwaysNull =
      op === '/' ||
      op === '%' ||
      op === 'div' ||
      (!ctx.mode.ansi && result.type.kind === 'decimal') ||
      left.type.kind === 'string' ||
      right.type.kind === 'string';
    return derived(
      result.type,
      alwaysNull || left.nullable || right.nullable,
      sql,
      [left, right],
      range
    );
  }
  return derived(T.unknown, true, sql, [left, right], range);
}

const isInterval = (t: DataType): t is Extract<DataType, { kind: 'interval' }> =>
  t.kind === 'interval';
const isYearMonth = (t: Extract<DataType, { kind: 'interval' }>): boolean =>
  t.start === 'year' || t.start === 'month';
const isTimestamp = (t: DataType): boolean => t.kind === 'timestamp' || t.kind === 'timestamp_ntz';
const INTERVAL_UNITS = ['year', 'month', 'day', 'hour', 'minute', 'second'] as const;

/**
 * Arithmetic with ANSI intervals and between datetimes: `ts ± interval`, `date ± interval`,
 * `ts - ts`, `date - date`, `interval ± interval`, `interval * n`. Spark names `ts + interval`
 * without parentheses, and `date ± INTERVAL n DAY` as a `date_add`. Combinations not listed
 * here are left unanalysed rather than guessed. Undefined when no operand is temporal.
 */
function intervalArithmetic(
  op: BinaryOp,
  left: Typed,
  right: Typed,
  range: TextRange,
  ctx: Ctx
): Typed | undefined {
  const l = left.type;
  const r = right.type;
  const temporal = isInterval(l) || isInterval(r) || (isDatetime(l) && isDatetime(r));
  if (!temporal) {
    return undefined;
  }
  const nullable = left.nullable || right.nullable;
  const children = [left, right];
  const make = (type: DataType, sql: string): Typed =>
    derived(type, nullable, sql, children, range);
  const plain = `${left.sql} ${op} ${right.sql}`;
  const parenthesized = `(${plain})`;
  if ((op === '+' || op === '-') && isInterval(r) && isDatetime(l)) {
    if (isTimestamp(l)) {
      return make(l, plain);
    }
    if (isYearMonth(r)) {
      return make(T.date, plain);
    }
    if (r.start === 'day' && r.end === 'day') {
      const days = `extractansiintervaldays(${right.sql})`;
      return make(T.date, `date_add(${left.sql}, ${op === '+' ? days : `(- ${days})`})`);
    }
    return make(T.timestamp, plain);
  }
  if (op === '-' && isDatetime(l) && isDatetime(r)) {
    const days = l.kind === 'date' && r.kind === 'date';
    return make(T.interval('day', days ? 'day' : 'second'), parenthesized);
  }
  if ((op === '+' || op === '-') && isInterval(l) && isInterval(r)) {
    if (isYearMonth(l) === isYearMonth(r)) {
      const units = [l.start, l.end, r.start, r.end].map(u => INTERVAL_UNITS.indexOf(u));
      const start = INTERVAL_UNITS[Math.min(...units)];
      const end = INTERVAL_UNITS[Math.max(...units)];
      return make(T.interval(start, end), parenthesized);
    }
  }
  if (op === '*') {
    const [interval, factor] = isInterval(l) ? [left, right] : [right, left];
    if (isInterval(interval.type) && isNumeric(factor.type)) {
      const type = isYearMonth(interval.type)
        ? T.interval('year', 'month')
        : T.interval('day', 'second');
      return make(type, `(${interval.sql} * ${factor.sql})`);
    }
  }
  ctx.diagnostics.notAnalyzed(`this arithmetic with intervals or datetimes`, range);
  return derived(T.unknown, true, parenthesized, children, range);
}

/** `date + int`, `date - int` (DateAdd/DateSub). */
function dateArithmetic(op: BinaryOp, left: Typed, right: Typed): DataType | undefined {
  if ((op === '+' || op === '-') && left.type.kind === 'date' && isIntegral(right.type)) {
    return T.date;
  }
  if (op === '+' && right.type.kind === 'date' && isIntegral(left.type)) {
    return T.date;
  }
  return undefined;
}

function dateSql(op: BinaryOp, left: Typed, right: Typed): string {
  return op === '+'
    ? left.type.kind === 'date'
      ? `date_add(${left.sql}, ${right.sql})`
      : `date_add(${right.sql}, ${left.sql})`
    : `date_sub(${left.sql}, ${right.sql})`;
}

function comparisonTyped(
  op: BinaryOp,
  left: Typed,
  right: Typed,
  range: TextRange,
  ctx: Ctx
): Typed {
  const bounded = integralAgainstDecimalLiteral(op, left, right, range);
  if (bounded !== undefined) {
    return bounded;
  }
  const symbol = op === '==' ? '=' : op === '!=' || op === '<>' ? '=' : op;
  const inner = `(${left.sql} ${symbol} ${right.sql})`;
  const sql = op === '!=' || op === '<>' ? `(NOT ${inner})` : inner;
  const common = comparisonType(left.type, right.type, ctx.mode);
  const children = [left, right];
  if (common === undefined || common.kind === 'map') {
    ctx.diagnostics.error(
      'DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES',
      `Cannot resolve "${sql}" due to data type mismatch: the left and right operands of the binary operator have incompatible types ("${sqlTypeName(left.type)}" and "${sqlTypeName(right.type)}").`,
      range
    );
    return derived(T.unknown, true, sql, children, range);
  }
  const castNullable = (t: Typed): boolean =>
    t.nullable || (t.type.kind !== 'void' && castForcesNullable(t.type, common));
  const nullable = op === '<=>' ? false : castNullable(left) || castNullable(right);
  return derived(T.boolean, nullable, sql, children, range);
}

const MIN_LONG = -(2n ** 63n);
const MAX_LONG = 2n ** 63n - 1n;

/**
 * Spark's type coercion compares an integral value with a decimal literal by rounding the
 * literal to a whole number in the direction that keeps the result: `i >= 1.5` becomes
 * `i >= 2`, `i < 2.5` becomes `i < 3`, `i > 1.25` becomes `i > 1` (a BIGINT literal, named
 * without suffix). A literal beyond the BIGINT range turns the comparison into `true` or
 * `false`. Equality comparisons are left alone.
 */
function integralAgainstDecimalLiteral(
  op: BinaryOp,
  left: Typed,
  right: Typed,
  range: TextRange
): Typed | undefined {
  const isDecimalLiteral = (t: Typed): boolean =>
    t.literal?.kind === 'number' && t.type.kind === 'decimal';
  let symbol: '<' | '<=' | '>' | '>=';
  let column: Typed;
  let literal: Typed;
  const flipped = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;
  if (op !== '<' && op !== '<=' && op !== '>' && op !== '>=') {
    return undefined;
  }
  if (isIntegral(left.type) && isDecimalLiteral(right)) {
    [symbol, column, literal] = [op, left, right];
  } else if (isIntegral(right.type) && isDecimalLiteral(left)) {
    [symbol, column, literal] = [flipped[op], right, left];
  } else {
    return undefined;
  }
  const [whole, fraction = ''] = literal.sql.replace(/^-/, '').split('.');
  const negative = literal.sql.startsWith('-');
  const truncated = (negative ? -1n : 1n) * BigInt(whole === '' ? '0' : whole);
  const exact = /^0*$/.test(fraction);
  // `>` and `<=` round down, `>=` and `<` round up.
  const roundDown = symbol === '>' || symbol === '<=';
  let bound = truncated;
  if (!exact) {
    bound = roundDown
      ? negative
        ? truncated - 1n
        : truncated
      : negative
        ? truncated
        : truncated + 1n;
  }
  const constant = (value: boolean): Typed => ({
    ...literalTyped({ kind: 'boolean', value }, range),
    children: [column, literal]
  });
  if (bound > MAX_LONG) {
    return constant(symbol === '<' || symbol === '<=');
  }
  if (bound < MIN_LONG) {
    return constant(symbol === '>' || symbol === '>=');
  }
  const rounded = literalTyped(
    { kind: 'number', type: T.bigint, text: bound.toString() },
    literal.range
  );
  const [l, r] = column === left ? [column, rounded] : [rounded, column];
  return derived(T.boolean, column.nullable, `(${l.sql} ${op} ${r.sql})`, [l, r], range);
}

function inTyped(expr: Extract<Expr, { k: 'in' }>, ctx: Ctx): Typed {
  const arg = typeOf(expr.arg, ctx);
  const list = expr.list.map(e => typeOf(e, ctx));
  const inner = `(${arg.sql} IN (${list.map(l => l.sql).join(', ')}))`;
  const sql = expr.not ? `(NOT ${inner})` : inner;
  const all = [arg, ...list];
  const common = widerTypeOf(
    all.map(t => t.type),
    ctx.mode
  );
  if (common === undefined) {
    ctx.diagnostics.error(
      'DATATYPE_MISMATCH.DATA_DIFF_TYPES',
      `Cannot resolve "${inner}" due to data type mismatch: Input to \`in\` should all be the same type, but it's [${all.map(t => `"${sqlTypeName(t.type)}"`).join(', ')}].`,
      expr.range
    );
    return derived(T.unknown, true, sql, all, expr.range);
  }
  const nullable = all.some(
    t => t.nullable || (t.type.kind !== 'void' && castForcesNullable(t.type, common))
  );
  return derived(T.boolean, nullable, sql, all, expr.range);
}

function likeTyped(expr: Extract<Expr, { k: 'like' }>, ctx: Ctx): Typed {
  const arg = typeOf(expr.arg, ctx);
  const pattern = typeOf(expr.pattern, ctx);
  for (const operand of [arg, pattern]) {
    if (!canImplicitlyCast(operand.type, T.string, ctx.mode, isStringLiteral(operand))) {
      ctx.diagnostics.error(
        'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
        `${expr.op.toUpperCase()} needs STRING operands, but "${operand.sql}" is ${sqlTypeName(operand.type)}.`,
        operand.range
      );
    }
  }
  const inner =
    expr.op === 'like'
      ? `${arg.sql} LIKE ${pattern.sql}`
      : `${expr.op === 'rlike' ? 'RLIKE' : 'ilike'}(${arg.sql}, ${pattern.sql})`;
  const sql = expr.not ? `(NOT ${inner})` : inner;
  return derived(T.boolean, arg.nullable || pattern.nullable, sql, [arg, pattern], expr.range);
}

function caseTyped(expr: Extract<Expr, { k: 'case' }>, ctx: Ctx): Typed {
  const operand = expr.operand === undefined ? undefined : typeOf(expr.operand, ctx);
  const children: Typed[] = operand === undefined ? [] : [operand];
  const parts: string[] = [];
  const values: Typed[] = [];
  for (const [when, then] of expr.whens) {
    let condition = typeOf(when, ctx);
    if (operand !== undefined) {
      condition = comparisonTyped('=', operand, condition, when.range, ctx);
    } else {
      expectBoolean(condition, ctx, 'CASE WHEN');
    }
    const value = typeOf(then, ctx);
    children.push(condition, value);
    values.push(value);
    parts.push(`WHEN ${condition.sql} THEN ${value.sql}`);
  }
  const otherwise = expr.otherwise === undefined ? undefined : typeOf(expr.otherwise, ctx);
  if (otherwise !== undefined) {
    children.push(otherwise);
    values.push(otherwise);
  }
  const sql = `CASE ${parts.join(' ')}${otherwise === undefined ? '' : ` ELSE ${otherwise.sql}`} END`;
  const common = widerTypeOf(
    values.map(v => v.type),
    ctx.mode
  );
  if (common === undefined) {
    ctx.diagnostics.error(
      'DATATYPE_MISMATCH.DATA_DIFF_TYPES',
      `Cannot resolve "${sql}" due to data type mismatch: Input to \`casewhen\` should all be the same type, but it's [${values.map(v => `"${sqlTypeName(v.type)}"`).join(', ')}].`,
      expr.range
    );
    return derived(T.unknown, true, sql, children, expr.range);
  }
  const nullable = otherwise === undefined || values.some(v => v.nullable);
  return derived(common, nullable, sql, children, expr.range);
}

function castTyped(expr: Extract<Expr, { k: 'cast' }>, ctx: Ctx): Typed {
  const arg = typeOf(expr.arg, ctx);
  const keyword = expr.tryCast ? 'TRY_CAST' : 'CAST';
  if (expr.to.kind === 'unknown') {
    ctx.diagnostics.notAnalyzed('this data type', expr.range);
    return derived(T.unknown, true, `${keyword}(${arg.sql} AS ?)`, [arg], expr.range);
  }
  const sql = `${keyword}(${arg.sql} AS ${sqlTypeName(expr.to)})`;
  if (arg.literal?.kind === 'null') {
    // The parser folds `CAST(NULL AS t)` into a typed NULL literal.
    return {
      ...literalTyped({ kind: 'null' }, expr.range),
      type: expr.to,
      key: `lit:NULL:${simpleString(expr.to)}`
    };
  }
  if (!canCast(arg.type, expr.to, ctx.mode)) {
    ctx.diagnostics.error(
      'DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION',
      `Cannot resolve "${sql}" due to data type mismatch: cannot cast "${sqlTypeName(arg.type)}" to "${sqlTypeName(expr.to)}".`,
      expr.range
    );
    return derived(T.unknown, true, sql, [arg], expr.range);
  }
  // TRY_CAST returns NULL exactly where CAST may: on values that do not convert.
  const nullable = arg.nullable || castForcesNullable(arg.type, expr.to);
  // Spark names a cast of a column after the column.
  const alias = isColumnReference(arg) ? arg.alias : sql;
  return { ...derived(expr.to, nullable, sql, [arg], expr.range), alias };
}

// ---------------------------------------------------------------- functions

function functionTyped(expr: Extract<Expr, { k: 'function' }>, ctx: Ctx): Typed {
  const name = expr.name.name.toLowerCase();
  if (WINDOW_FUNCTIONS.has(name)) {
    ctx.diagnostics.error(
      'WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE',
      `Window function "${name}()" requires an OVER clause.`,
      expr.range
    );
    return unknownTyped(expr.range, `${name}()`);
  }
  if (GENERATORS.has(name)) {
    ctx.diagnostics.error(
      'UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS',
      `The generator is not supported: nested in expressions "${name}(...)"; use it alone as a select item or in LATERAL VIEW.`,
      expr.range
    );
    return unknownTyped(expr.range, `${name}(...)`);
  }
  if (HIGHER_ORDER_FUNCTIONS.has(name) && expr.args.some(a => a.k === 'lambda')) {
    return higherOrderTyped(expr, ctx, typeInContext);
  }
  if (
    HIGHER_ORDER_FUNCTIONS.has(name) &&
    lookupFunction(name) === undefined &&
    expr.args.length < 2
  ) {
    ctx.diagnostics.error(
      'WRONG_NUM_ARGS',
      `The \`${expr.name.name}\` requires 2 parameters but the actual number is ${expr.args.length}.`,
      expr.range
    );
    return unknownTyped(expr.range, `${name}(...)`);
  }
  if (name === 'grouping' || name === 'grouping_id') {
    return groupingTyped(expr, name, ctx);
  }
  if (
    (name === 'extract' || name === 'date_part' || name === 'datepart') &&
    expr.args.length === 2
  ) {
    return datePartTyped(expr, name, ctx);
  }
  if ((name === 'isnull' || name === 'isnotnull') && expr.args.length === 1) {
    // Spark rewrites them into the IS [NOT] NULL predicates, and names them so.
    return typeOf(
      { k: 'isNull', arg: expr.args[0], not: name === 'isnotnull', range: expr.range },
      ctx
    );
  }
  if (name === 'positive' && expr.args.length === 1) {
    // Likewise `positive(x)` is the unary plus `(+ x)`.
    return typeOf({ k: 'unary', op: '+', arg: expr.args[0], range: expr.range }, ctx);
  }
  const def = lookupFunction(name);
  if (def === undefined) {
    // A special form used in a way not analysed yet (`filter(xs)` without a lambda, say).
    if (NOT_YET_ANALYZED.has(name) || SPECIAL_FUNCTIONS.has(name)) {
      ctx.diagnostics.notAnalyzed(`function ${name}`, expr.range);
    } else {
      ctx.diagnostics.error(
        'UNRESOLVED_ROUTINE',
        `Cannot resolve function \`${expr.name.name}\`.${didYouMean(name, functionNames())}`,
        expr.name.range
      );
    }
    // Still type the arguments, for their own diagnostics.
    for (const arg of expr.args) {
      typeOf(arg, ctx);
    }
    return unknownTyped(expr.range, `${name}(...)`);
  }
  if (def.kind === 'aggregate' && ctx.insideAggregate) {
    ctx.diagnostics.error(
      'NESTED_AGGREGATE_FUNCTION',
      'It is not allowed to use an aggregate function in the argument of another aggregate function. Please use the inner aggregate function in a sub-query.',
      expr.range
    );
  } else if (def.kind === 'aggregate' && !ctx.allowAggregates && ctx.aggregateError !== undefined) {
    ctx.diagnostics.error(ctx.aggregateError.code, ctx.aggregateError.message, expr.range);
  }
  const inner: Ctx = def.kind === 'aggregate' ? { ...ctx, insideAggregate: true } : ctx;
  if (expr.star) {
    if (def.name !== 'count') {
      ctx.diagnostics.error(
        'INVALID_USAGE_OF_STAR',
        `${name}(*) is not allowed; only count(*) takes a star.`,
        expr.range
      );
    }
    return {
      ...derived(T.bigint, false, 'count(1)', [], expr.range, {
        isAggregate: true,
        containsAggregate: true
      }),
      key: 'count(1)'
    };
  }
  const args = expr.args.map(a => typeOf(a, inner));
  return callTyped(def, name, args, expr.distinct, expr.range, ctx);
}

/** `grouping(c)` and `grouping_id(...)`: which grouping columns a row of a grouping set nulls. */
function groupingTyped(
  expr: Extract<Expr, { k: 'function' }>,
  name: 'grouping' | 'grouping_id',
  ctx: Ctx
): Typed {
  const args = expr.args.map(a => typeOf(a, ctx));
  const sql = `${name}(${args.map(a => a.sql).join(', ')})`;
  if (ctx.groupingAnalytics !== true) {
    ctx.diagnostics.error(
      'UNSUPPORTED_GROUPING_EXPRESSION',
      'grouping()/grouping_id() can only be used with GroupingSets/Cube/Rollup.',
      expr.range
    );
    return unknownTyped(expr.range, sql);
  }
  if (name === 'grouping' && args.length !== 1) {
    ctx.diagnostics.error(
      'WRONG_NUM_ARGS',
      `The \`grouping\` requires 1 parameters but the actual number is ${args.length}.`,
      expr.range
    );
    return unknownTyped(expr.range, sql);
  }
  // Like an aggregate, it is computed per group: its argument must be grouped, not aggregated.
  return derived(name === 'grouping' ? T.tinyint : T.bigint, false, sql, args, expr.range, {
    isAggregate: true,
    containsAggregate: true,
    groupingFunction: name
  });
}

// ---------------------------------------------------------------- subquery expressions

function subqueryTyped(expr: Extract<Expr, { k: 'subquery' }>, ctx: Ctx): Typed {
  const arg = expr.arg === undefined ? undefined : typeOf(expr.arg, ctx);
  const plan = ctx.subquery?.(expr.query, ctx.scope);
  if (plan === undefined) {
    ctx.diagnostics.notAnalyzed('subquery expressions here', expr.range);
    return unknownTyped(expr.range);
  }
  const references = plan.outerReferences.map(a => a.name).join(', ');
  const children = arg === undefined ? [] : [arg];
  // Two subqueries print alike (`scalarsubquery()`): tell them apart by position.
  const key = `subquery@${expr.range.from}:${expr.range.to}`;
  const columns = plan.attributes;
  switch (expr.kind) {
    case 'exists':
      return { ...derived(T.boolean, false, `exists(${references})`, children, expr.range), key };
    case 'scalar': {
      const sql = `scalarsubquery(${references})`;
      if (plan.complete && columns.length !== 1) {
        ctx.diagnostics.error(
          'INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN',
          `Invalid subquery: Scalar subquery must return only one column, but got ${columns.length}.`,
          expr.range
        );
        return unknownTyped(expr.range, sql);
      }
      if (plan.complete && plan.outerReferences.length > 0 && !plan.aggregated) {
        ctx.diagnostics.error(
          'UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.MUST_AGGREGATE_CORRELATED_SCALAR_SUBQUERY',
          'Unsupported subquery expression: Correlated scalar subqueries must be aggregated to return at most one row.',
          expr.range
        );
      }
      const type = plan.complete ? columns[0].type : T.unknown;
      // A scalar subquery is NULL when it returns no row.
      const outerReferences = plan.outerReferences.length > 0 ? plan.outerReferences : undefined;
      return { ...derived(type, true, sql, children, expr.range), key, outerReferences };
    }
    case 'in': {
      const inner = `(${arg?.sql ?? '?'} IN (listquery(${references})))`;
      if (arg === undefined || !plan.complete) {
        return { ...derived(T.boolean, true, inner, children, expr.range), key };
      }
      if (columns.length !== 1) {
        ctx.diagnostics.error(
          'DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH',
          `Cannot resolve "${inner}" due to data type mismatch: The number of columns in the left hand side of an IN subquery does not match the number of columns in the output of subquery. Left hand side columns(length: 1), right hand side columns(length: ${columns.length}).`,
          expr.range
        );
        return unknownTyped(expr.range, inner);
      }
      if (widerType(arg.type, columns[0].type, ctx.mode) === undefined) {
        ctx.diagnostics.error(
          'DATATYPE_MISMATCH.IN_SUBQUERY_DATA_TYPE_MISMATCH',
          `Cannot resolve "${inner}" due to data type mismatch: The data type of one or more elements in the left hand side of an IN subquery is not compatible with the data type of the output of the subquery. Mismatched columns: [${sqlTypeName(arg.type)}, ${sqlTypeName(columns[0].type)}].`,
          expr.range
        );
        return unknownTyped(expr.range, inner);
      }
      const nullable = arg.nullable || columns[0].nullable;
      return { ...derived(T.boolean, nullable, inner, children, expr.range), key };
    }
  }
}

/** The field names `extract` / `date_part` accept, by the type they return. */
const DATE_FIELDS: ReadonlySet<string> = new Set(
  (
    'year y years yr yrs quarter qtr month mon mons months week w weeks day d days ' +
    'dayofweek dow dayofweek_iso dow_iso doy hour h hours hr hrs minute m min mins minutes'
  ).split(' ')
);
const SECOND_FIELDS: ReadonlySet<string> = new Set(['second', 's', 'sec', 'seconds', 'secs']);

/**
 * `EXTRACT(field FROM source)`, `date_part('field', source)`, `datepart('field', source)`: an INT,
 * or a DECIMAL(8,6) for seconds (with their fraction). Spark prints each its own way.
 */
function datePartTyped(expr: Extract<Expr, { k: 'function' }>, name: string, ctx: Ctx): Typed {
  const [field, source] = expr.args.map(a => typeOf(a, ctx));
  const text = field.literal?.kind === 'string' ? field.literal.value : field.sql;
  const sql =
    name === 'date_part'
      ? `date_part(${text}, ${source.sql})`
      : `${name}(${text} FROM ${source.sql})`;
  const key = text.toLowerCase();
  const known = DATE_FIELDS.has(key) || SECOND_FIELDS.has(key);
  if (!isDatetime(source.type) || !known) {
    if (source.type.kind !== 'unknown' && source.type.kind !== 'string') {
      ctx.diagnostics.notAnalyzed(`${name} of this field or type`, expr.range);
    } else if (source.type.kind === 'string') {
      ctx.diagnostics.notAnalyzed(`${name} of a string`, expr.range);
    }
    return unknownTyped(expr.range, sql);
  }
  const type = SECOND_FIELDS.has(key) ? T.decimal(8, 6) : T.int;
  return derived(type, source.nullable, sql, [source], expr.range);
}
