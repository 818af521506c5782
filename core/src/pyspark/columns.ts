/**
 * PySpark column expressions as SQL syntax trees: `F.*` functions, Column operators and
 * methods, Python literals. Names come out the way Spark names the same Column (`(a + 1)`,
 * `sum(x)`, `CASE WHEN ... END`) because the SQL analyzer types and names the tree.
 */
import type { Expr, Ident, SortItem, TextRange } from '../sql/ast.js';
import { javaDoubleString } from '../sql/build-ast.js';
import { T } from '../sql/types.js';
import type { ColumnValue, PyLiteral, Value } from './values.js';

export const column = (expr: Expr, extra: Partial<ColumnValue> = {}): ColumnValue => ({
  k: 'column',
  expr,
  ...extra
});

export function unsupportedExpr(what: string, range: TextRange): Expr {
  return { k: 'unsupported', what, range };
}

/** `"a.b"`, `` "`odd name`.x" ``, `"*"`, `"t.*"` as a column reference or star. */
export function columnFromName(name: string, range: TextRange): Expr {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '`') {
      if (quoted && name[i + 1] === '`') {
        current += '`';
        i++;
      } else {
        quoted = !quoted;
      }
    } else if (c === '.' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  const idents: Ident[] = parts.map(p => ({ name: p, range }));
  if (parts[parts.length - 1] === '*' && !name.endsWith('`')) {
    return { k: 'star', qualifier: idents.slice(0, -1), range };
  }
  return { k: 'column', parts: idents, range };
}

/** A Python literal as Spark's `lit()` types it. */
export function literalExpr(
  value: PyLiteral,
  range: TextRange,
  float = false,
  text?: string
): Expr {
  if (value === null) {
    return { k: 'literal', value: { kind: 'null' }, range };
  }
  if (typeof value === 'boolean') {
    return { k: 'literal', value: { kind: 'boolean', value }, range };
  }
  if (typeof value === 'string') {
    return { k: 'literal', value: { kind: 'string', value }, range };
  }
  if (float || !Number.isInteger(value)) {
    return {
      k: 'literal',
      value: { kind: 'number', type: T.double, text: javaDoubleString(value) },
      range
    };
  }
  const fitsInt = value >= -2147483648 && value <= 2147483647;
  const digits = text !== undefined && /^[0-9]+$/.test(text) ? text : String(value);
  return {
    k: 'literal',
    value: { kind: 'number', type: fitsInt ? T.int : T.bigint, text: digits },
    range
  };
}

/** How PySpark turns an argument into a Column: names are columns, other values literals. */
export function asColumnExpr(value: Value, range: TextRange, stringsAreNames: boolean): Expr {
  switch (value.k) {
    case 'column':
      return value.whens !== undefined ? caseOf(value.whens, undefined, range) : value.expr;
    case 'literal':
      if (typeof value.value === 'string' && stringsAreNames) {
        return columnFromName(value.value, value.range);
      }
      return literalExpr(value.value, value.range, value.float, value.text);
    default:
      return unsupportedExpr('this Python value as a column', range);
  }
}

export function caseOf(
  whens: readonly (readonly [Expr, Expr])[],
  otherwise: Expr | undefined,
  range: TextRange
): Expr {
  return { k: 'case', whens, otherwise, range };
}

/** The sort a column asks for, as an ORDER BY item. */
export function sortItem(value: Value, range: TextRange, descendingByDefault = false): SortItem {
  const expr = asColumnExpr(value, range, true);
  const sort = value.k === 'column' ? value.sort : undefined;
  return {
    expr,
    descending: sort?.descending ?? descendingByDefault,
    nullsFirst: sort?.nullsFirst,
    range
  };
}

/**
 * Arguments of `F.*` functions that PySpark passes as literals although they are strings
 * (formats, patterns, separators, JSON paths): by function, the positions.
 */
export const LITERAL_STRING_ARGS: Readonly<Record<string, readonly number[]>> = {
  to_date: [1],
  to_timestamp: [1],
  date_format: [1],
  from_unixtime: [1],
  unix_timestamp: [1],
  to_utc_timestamp: [1],
  from_utc_timestamp: [1],
  date_trunc: [0],
  trunc: [1],
  concat_ws: [0],
  split: [1],
  regexp_replace: [1, 2],
  regexp_extract: [1],
  regexp_extract_all: [1],
  rlike: [1],
  get_json_object: [1],
  json_tuple: [1, 2, 3, 4, 5, 6, 7, 8],
  format_string: [0],
  instr: [1],
  locate: [0],
  lpad: [2],
  rpad: [2],
  translate: [1, 2],
  substring_index: [1],
  array_contains: [1],
  array_position: [1],
  array_remove: [1],
  array_join: [1, 2],
  element_at: [1],
  like: [1],
  next_day: [1],
  months_between: [],
  conv: [],
  encode: [1],
  decode: [1]
};

/**
 * `F.*` names whose Column Spark builds from another function (`mean` is `avg`), and the
 * DISTINCT variants.
 */
export const FUNCTION_RENAMES: Readonly<Record<string, { name: string; distinct?: boolean }>> = {
  mean: { name: 'avg' },
  countDistinct: { name: 'count', distinct: true },
  count_distinct: { name: 'count', distinct: true },
  sumDistinct: { name: 'sum', distinct: true },
  sum_distinct: { name: 'sum', distinct: true },
  approxCountDistinct: { name: 'approx_count_distinct' },
  variance: { name: 'var_samp' },
  toDegrees: { name: 'degrees' },
  toRadians: { name: 'radians' },
  bitwiseNOT: { name: 'bitwise_not' },
  shiftLeft: { name: 'shiftleft' },
  shiftRight: { name: 'shiftright' },
  dayofmonth: { name: 'dayofmonth' },
  isnull: { name: 'isnull' }
};

/** Column operators: Python's operator to the SQL tree Spark builds. */
export function binaryColumnExpr(
  op: string,
  left: Expr,
  right: Expr,
  range: TextRange
): Expr | undefined {
  const bin = (o: Extract<Expr, { k: 'binary' }>['op']): Expr => ({
    k: 'binary',
    op: o,
    left,
    right,
    range
  });
  switch (op) {
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return bin(op);
    case '==':
      return bin('=');
    case '!=':
      // Column.__ne__ is NOT (a = b).
      return { k: 'unary', op: 'not', arg: bin('='), range };
    case '&':
      return bin('and');
    case '|':
      return bin('or');
    case '**':
      return {
        k: 'function',
        name: { name: 'POWER', range },
        args: [left, right],
        distinct: false,
        star: false,
        range
      };
    default:
      return undefined;
  }
}

/** Comparisons with a non-Column on the left: Python asks the Column with the mirrored operator. */
export const MIRRORED: Readonly<Record<string, string>> = {
  '<': '>',
  '>': '<',
  '<=': '>=',
  '>=': '<=',
  '==': '==',
  '!=': '!=',
  // Column.__radd__ / __rmul__ / __rand__ / __ror__ put the Column first.
  '+': '+',
  '*': '*',
  '&': '&',
  '|': '|'
};
