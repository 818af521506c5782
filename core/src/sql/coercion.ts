/**
 * Spark 3.5's implicit type rules: common ("wider") types for set operations, CASE, coalesce and
 * comparisons; decimal precision and scale of arithmetic (`DecimalPrecision`); what an
 * implicit or explicit cast accepts and when a cast makes a value nullable. Both the legacy
 * rules (`spark.sql.ansi.enabled=false`, the 3.5 default) and the ANSI rules, where they differ
 * in the supported subset.
 */
import {
  NUMERIC_ORDER,
  T,
  adjustedDecimal,
  boundedDecimal,
  decimalFor,
  isDatetime,
  isFractional,
  isIntegral,
  isNumeric,
  type DataType,
  type DecimalType
} from './types.js';

export interface CoercionMode {
  readonly ansi: boolean;
}

/** Is decimal `a` able to hold every value of decimal `b`? */
function decimalHolds(a: DecimalType, b: DecimalType): boolean {
  return a.precision - a.scale >= b.precision - b.scale && a.scale >= b.scale;
}

/** `DecimalPrecision.widerDecimalType`. */
export function widerDecimal(a: DecimalType, b: DecimalType): DecimalType {
  const scale = Math.max(a.scale, b.scale);
  const range = Math.max(a.precision - a.scale, b.precision - b.scale);
  return boundedDecimal(range + scale, scale);
}

function numericRank(t: DataType): number {
  return NUMERIC_ORDER.indexOf(t.kind);
}

/** `TypeCoercion.findTightestCommonType`: no precision loss, no string promotion. */
export function tightestCommonType(a: DataType, b: DataType): DataType | undefined {
  if (a.kind === 'unknown' || b.kind === 'unknown') {
    return T.unknown;
  }
  if (sameShape(a, b)) {
    return mergeNullability(a, b);
  }
  if (a.kind === 'void') {
    return b;
  }
  if (b.kind === 'void') {
    return a;
  }
  if (isIntegral(a) && b.kind === 'decimal') {
    return decimalHolds(b, decimalFor(a)!) ? b : undefined;
  }
  if (isIntegral(b) && a.kind === 'decimal') {
    return decimalHolds(a, decimalFor(b)!) ? a : undefined;
  }
  if (numericRank(a) >= 0 && numericRank(b) >= 0) {
    return numericRank(a) >= numericRank(b) ? a : b;
  }
  if (
    (a.kind === 'date' && b.kind === 'timestamp') ||
    (a.kind === 'timestamp' && b.kind === 'date')
  ) {
    return T.timestamp;
  }
  return complexCommon(a, b, tightestCommonType);
}

/** `findWiderTypeForTwo` (legacy) / `AnsiTypeCoercion.findWiderTypeForTwo`. */
export function widerType(
  a: DataType,
  b: DataType,
  mode: CoercionMode,
  stringPromotion = true
): DataType | undefined {
  if (mode.ansi) {
    return ansiWiderType(a, b);
  }
  const tight = tightestCommonType(a, b);
  if (tight !== undefined) {
    return tight;
  }
  if (a.kind === 'decimal' || b.kind === 'decimal') {
    const da = decimalFor(a);
    const db = decimalFor(b);
    if (da !== undefined && db !== undefined) {
      return widerDecimal(da, db);
    }
    if (isFractional(a) || isFractional(b)) {
      if (isNumeric(a) && isNumeric(b)) {
        return T.double;
      }
    }
  }
  if (
    stringPromotion &&
    isAtomic(a) &&
    isAtomic(b) &&
    (a.kind === 'string' || b.kind === 'string')
  ) {
    return T.string;
  }
  return complexCommon(a, b, (x, y) => widerType(x, y, mode, stringPromotion));
}

function ansiWiderType(a: DataType, b: DataType): DataType | undefined {
  if (a.kind === 'unknown' || b.kind === 'unknown') {
    return T.unknown;
  }
  if (sameShape(a, b)) {
    return mergeNullability(a, b);
  }
  if (a.kind === 'void') {
    return b;
  }
  if (b.kind === 'void') {
    return a;
  }
  if (isNumeric(a) && isNumeric(b)) {
    if (a.kind === 'double' || b.kind === 'double') {
      return T.double;
    }
    if (a.kind === 'float' || b.kind === 'float') {
      // ANSI: FLOAT with BIGINT or DECIMAL widens to DOUBLE; with smaller integers stays FLOAT.
      const other = a.kind === 'float' ? b : a;
      return other.kind === 'bigint' || other.kind === 'decimal' || other.kind === 'int'
        ? T.double
        : T.float;
    }
    if (a.kind === 'decimal' || b.kind === 'decimal') {
      return widerDecimal(decimalFor(a)!, decimalFor(b)!);
    }
    return numericRank(a) >= numericRank(b) ? a : b;
  }
  if (isDatetime(a) && isDatetime(b)) {
    return T.timestamp;
  }
  return complexCommon(a, b, ansiWiderType);
}

function isAtomic(t: DataType): boolean {
  return t.kind !== 'array' && t.kind !== 'map' && t.kind !== 'struct' && t.kind !== 'unknown';
}

function sameShape(a: DataType, b: DataType): boolean {
  if (a.kind !== b.kind) {
    return false;
  }
  if (a.kind === 'decimal' && b.kind === 'decimal') {
    return a.precision === b.precision && a.scale === b.scale;
  }
  if (a.kind === 'array' && b.kind === 'array') {
    return sameShape(a.element, b.element);
  }
  if (a.kind === 'map' && b.kind === 'map') {
    return sameShape(a.key, b.key) && sameShape(a.value, b.value);
  }
  if (a.kind === 'struct' && b.kind === 'struct') {
    return (
      a.fields.length === b.fields.length &&
      a.fields.every(
        (f, i) =>
          f.name.toLowerCase() === b.fields[i].name.toLowerCase() &&
          sameShape(f.type, b.fields[i].type)
      )
    );
  }
  return true;
}

function mergeNullability(a: DataType, b: DataType): DataType {
  if (a.kind === 'array' && b.kind === 'array') {
    return T.array(mergeNullability(a.element, b.element), a.containsNull || b.containsNull);
  }
  if (a.kind === 'map' && b.kind === 'map') {
    return T.map(
      a.key,
      mergeNullability(a.value, b.value),
      a.valueContainsNull || b.valueContainsNull
    );
  }
  if (a.kind === 'struct' && b.kind === 'struct') {
    return {
      kind: 'struct',
      fields: a.fields.map((f, i) => ({
        ...f,
        type: mergeNullability(f.type, b.fields[i].type),
        nullable: f.nullable || b.fields[i].nullable
      }))
    };
  }
  return a;
}

function complexCommon(
  a: DataType,
  b: DataType,
  common: (x: DataType, y: DataType) => DataType | undefined
): DataType | undefined {
  if (a.kind === 'array' && b.kind === 'array') {
    const element = common(a.element, b.element);
    return element === undefined ? undefined : T.array(element, a.containsNull || b.containsNull);
  }
  if (a.kind === 'map' && b.kind === 'map') {
    const key = common(a.key, b.key);
    const value = common(a.value, b.value);
    return key === undefined || value === undefined
      ? undefined
      : T.map(key, value, a.valueContainsNull || b.valueContainsNull);
  }
  if (a.kind === 'struct' && b.kind === 'struct' && a.fields.length === b.fields.length) {
    const fields = [];
    for (let i = 0; i < a.fields.length; i++) {
      if (a.fields[i].name.toLowerCase() !== b.fields[i].name.toLowerCase()) {
        return undefined;
      }
      const type = common(a.fields[i].type, b.fields[i].type);
      if (type === undefined) {
        return undefined;
      }
      fields.push({
        name: a.fields[i].name,
        type,
        nullable: a.fields[i].nullable || b.fields[i].nullable
      });
    }
    return { kind: 'struct', fields };
  }
  return undefined;
}

/** The common type of many values (CASE branches, coalesce arguments, IN lists). */
export function widerTypeOf(
  types: readonly DataType[],
  mode: CoercionMode,
  stringPromotion = true
): DataType | undefined {
  let acc: DataType | undefined = T.void;
  for (const t of types) {
    acc = acc === undefined ? undefined : widerType(acc, t, mode, stringPromotion);
  }
  return acc;
}

// ---------------------------------------------------------------- arithmetic

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | 'div';

export interface Operand {
  readonly type: DataType;
  /** An integer literal: `DecimalPrecision` gives it the smallest decimal that holds it. */
  readonly integerLiteral?: string;
  /** A string literal (ANSI promotes those in arithmetic). */
  readonly stringLiteral?: boolean;
}

export type ArithmeticResult =
  | { readonly ok: true; readonly type: DataType }
  | { readonly ok: false; readonly reason: 'diffTypes' | 'wrongType' };

function literalDecimal(operand: Operand): DecimalType | undefined {
  if (operand.integerLiteral !== undefined) {
    const digits = operand.integerLiteral.replace(/^-/, '').replace(/^0+(?=\d)/, '');
    return T.decimal(Math.max(1, digits.length), 0);
  }
  return decimalFor(operand.type);
}

/** Spark's string promotion in arithmetic: legacy to double; ANSI to bigint/double/decimal by the other side. */
function promoteString(operand: Operand, other: DataType, mode: CoercionMode): DataType {
  if (operand.type.kind !== 'string') {
    return operand.type;
  }
  if (!mode.ansi) {
    return T.double;
  }
  if (isIntegral(other)) {
    return T.bigint;
  }
  if (other.kind === 'decimal') {
    return T.decimal(38, 18);
  }
  return T.double;
}

/** The result type of `l op r`, as Spark's type coercion and `DecimalPrecision` compute it. */
export function arithmeticType(
  op: ArithmeticOp,
  l: Operand,
  r: Operand,
  mode: CoercionMode
): ArithmeticResult {
  if (l.type.kind === 'unknown' || r.type.kind === 'unknown') {
    return { ok: true, type: T.unknown };
  }
  const left: Operand = { ...l, type: promoteString(l, r.type, mode) };
  const right: Operand = { ...r, type: promoteString(r, l.type, mode) };
  const lt =
    left.type.kind === 'void' ? (right.type.kind === 'void' ? T.double : right.type) : left.type;
  const rt = right.type.kind === 'void' ? lt : right.type;
  if (!isNumeric(lt) || !isNumeric(rt)) {
    return { ok: false, reason: lt.kind === rt.kind ? 'wrongType' : 'diffTypes' };
  }
  if (op === 'div') {
    return { ok: true, type: T.bigint };
  }
  if (lt.kind === 'decimal' || rt.kind === 'decimal') {
    if (isFractional(lt) || isFractional(rt)) {
      return { ok: true, type: T.double };
    }
    const a = lt.kind === 'decimal' ? lt : literalDecimal({ ...left, type: lt })!;
    const b = rt.kind === 'decimal' ? rt : literalDecimal({ ...right, type: rt })!;
    return { ok: true, type: decimalArithmetic(op, a, b) };
  }
  if (op === '/') {
    return { ok: true, type: T.double };
  }
  return { ok: true, type: numericRank(lt) >= numericRank(rt) ? lt : rt };
}

function decimalArithmetic(op: ArithmeticOp, a: DecimalType, b: DecimalType): DecimalType {
  const [p1, s1, p2, s2] = [a.precision, a.scale, b.precision, b.scale];
  switch (op) {
    case '+':
    case '-':
      return adjustedDecimal(Math.max(s1, s2) + Math.max(p1 - s1, p2 - s2) + 1, Math.max(s1, s2));
    case '*':
      return adjustedDecimal(p1 + p2 + 1, s1 + s2);
    case '/': {
      const scale = Math.max(6, s1 + p2 + 1);
      return adjustedDecimal(p1 - s1 + s2 + scale, scale);
    }
    case '%':
      return adjustedDecimal(Math.min(p1 - s1, p2 - s2) + Math.max(s1, s2), Math.max(s1, s2));
    default:
      return a;
  }
}

// ---------------------------------------------------------------- comparisons

/**
 * The type both sides of a comparison are cast to, or undefined when Spark rejects the pair.
 * Legacy `PromoteStrings`: string vs date → date, vs timestamp → timestamp, vs decimal or
 * fractional → double, vs other atomic → that type.
 */
export function comparisonType(a: DataType, b: DataType, mode: CoercionMode): DataType | undefined {
  if (a.kind === 'unknown' || b.kind === 'unknown') {
    return T.unknown;
  }
  const stringSide = a.kind === 'string' ? b : b.kind === 'string' ? a : undefined;
  if (stringSide !== undefined && stringSide.kind !== 'string' && isAtomic(stringSide)) {
    if (stringSide.kind === 'void') {
      return T.string;
    }
    if (mode.ansi) {
      if (isIntegral(stringSide)) {
        return T.bigint;
      }
      return stringSide.kind === 'boolean' || isDatetime(stringSide) || isNumeric(stringSide)
        ? stringSide.kind === 'decimal'
          ? T.double
          : stringSide
        : undefined;
    }
    if (stringSide.kind === 'decimal' || isFractional(stringSide)) {
      return T.double;
    }
    if (stringSide.kind === 'binary') {
      return T.binary;
    }
    return stringSide;
  }
  if (isNumeric(a) && isNumeric(b)) {
    if ((a.kind === 'decimal' && isFractional(b)) || (b.kind === 'decimal' && isFractional(a))) {
      return T.double;
    }
    return widerType(a, b, mode);
  }
  if (isDatetime(a) && isDatetime(b)) {
    return a.kind === b.kind ? a : T.timestamp;
  }
  return tightestCommonType(a, b);
}

// ---------------------------------------------------------------- casts

/** Can `from` be cast to `to` explicitly (`Cast.canCast` / `canAnsiCast`)? */
export function canCast(from: DataType, to: DataType, mode: CoercionMode): boolean {
  if (from.kind === 'unknown' || to.kind === 'unknown' || from.kind === 'void') {
    return true;
  }
  if (sameShape(from, to)) {
    return true;
  }
  if (to.kind === 'string') {
    return true;
  }
  if (from.kind === 'string') {
    return isAtomic(to);
  }
  if (from.kind === 'array' && to.kind === 'array') {
    return canCast(from.element, to.element, mode);
  }
  if (from.kind === 'map' && to.kind === 'map') {
    return canCast(from.key, to.key, mode) && canCast(from.value, to.value, mode);
  }
  if (from.kind === 'struct' && to.kind === 'struct') {
    return (
      from.fields.length === to.fields.length &&
      from.fields.every((f, i) => canCast(f.type, to.fields[i].type, mode))
    );
  }
  const numericLike = (t: DataType): boolean => isNumeric(t) || t.kind === 'boolean';
  if (numericLike(from) && numericLike(to)) {
    return true;
  }
  if (isDatetime(from) && isDatetime(to)) {
    return true;
  }
  if (from.kind === 'timestamp' && isNumeric(to)) {
    return true;
  }
  if (isNumeric(from) && to.kind === 'timestamp') {
    return true;
  }
  if (from.kind === 'date' && (isNumeric(to) || to.kind === 'boolean')) {
    return !mode.ansi;
  }
  return false;
}

function nullSafeToDecimal(from: DataType, to: DecimalType): boolean {
  if (from.kind === 'boolean') {
    return to.precision - to.scale >= 1;
  }
  const d = decimalFor(from);
  return d !== undefined && decimalHolds(to, d);
}

/** `Cast.forceNullable`: casts that can produce NULL from a non-null value. */
export function castForcesNullable(from: DataType, to: DataType): boolean {
  if (from.kind === 'void') {
    return false;
  }
  if (from.kind === 'string') {
    return to.kind !== 'string' && to.kind !== 'binary';
  }
  if (to.kind === 'string') {
    return false;
  }
  if (isFractional(from) && to.kind === 'timestamp') {
    return true;
  }
  if (from.kind === 'timestamp' && to.kind === 'date') {
    return false;
  }
  if (to.kind === 'date') {
    return from.kind !== 'date';
  }
  if (from.kind === 'date' && to.kind === 'timestamp') {
    return false;
  }
  if (from.kind === 'date') {
    return true;
  }
  if (to.kind === 'decimal') {
    return !nullSafeToDecimal(from, to);
  }
  if (isFractional(from) && isIntegral(to)) {
    return true;
  }
  return false;
}

/**
 * Can a value of `from` be passed where a function expects `to` (`ImplicitTypeCasts`)? Legacy:
 * numbers, strings, dates and timestamps convert among each other; ANSI allows only widening
 * and string literals.
 */
export function canImplicitlyCast(
  from: DataType,
  to: DataType,
  mode: CoercionMode,
  isStringLiteral = false
): boolean {
  if (from.kind === 'unknown' || from.kind === 'void' || sameShape(from, to)) {
    return true;
  }
  if (mode.ansi) {
    if (isStringLiteral && isAtomic(to)) {
      return true;
    }
    if (isNumeric(from) && isNumeric(to)) {
      return ansiWiderType(from, to) !== undefined && sameShape(ansiWiderType(from, to)!, to);
    }
    if (from.kind === 'date' && to.kind === 'timestamp') {
      return true;
    }
    if (to.kind === 'string') {
      return from.kind === 'string';
    }
    return false;
  }
  if (to.kind === 'string') {
    return isAtomic(from) && from.kind !== 'binary' ? true : from.kind === 'binary';
  }
  if (isNumeric(to)) {
    return isNumeric(from) || from.kind === 'string';
  }
  if (to.kind === 'date' || to.kind === 'timestamp') {
    return from.kind === 'string' || isDatetime(from);
  }
  if (to.kind === 'binary') {
    return from.kind === 'string';
  }
  return false;
}

/** Same type up to the nullability of nested fields and elements (`DataType.sameType`). */
export function sameTypeIgnoringNullability(a: DataType, b: DataType): boolean {
  return sameShape(a, b);
}
