/**
 * A small, dialect-free expression tree: the compiler builds metrics from it and `renderExpr`
 * writes it as Spark SQL or DuckDB SQL. Identifiers and literals only enter SQL through
 * sql-text.ts; user-written predicates enter as `raw`, checked by `checkPredicate` first.
 */
import type { DataType } from '../sql/types.js';
import {
  doubleLiteral,
  numberLiteral,
  quoteIdentifier,
  quoteString,
  type Dialect
} from './sql-text.js';

export type Expr =
  | { readonly k: 'col'; readonly name: string; readonly qualifier?: string }
  /** A lambda variable (the compiler names them, never a suite). */
  | { readonly k: 'var'; readonly name: 'x' }
  | { readonly k: 'num'; readonly value: number }
  | { readonly k: 'str'; readonly value: string }
  | { readonly k: 'bool'; readonly value: boolean }
  | { readonly k: 'raw'; readonly sql: string }
  | { readonly k: 'not'; readonly e: Expr }
  | { readonly k: 'and' | 'or'; readonly args: readonly Expr[] }
  | {
      readonly k: 'cmp';
      readonly op: '=' | '<' | '<=' | '>' | '>=';
      readonly l: Expr;
      readonly r: Expr;
    }
  | { readonly k: 'isNull' | 'isNotNull'; readonly e: Expr }
  | { readonly k: 'in'; readonly e: Expr; readonly list: readonly Expr[] }
  | { readonly k: 'coalesceFalse'; readonly e: Expr }
  | { readonly k: 'castDouble' | 'castString'; readonly e: Expr }
  | { readonly k: 'tryCast'; readonly e: Expr; readonly type: DataType }
  | { readonly k: 'charLength'; readonly e: Expr }
  | { readonly k: 'regexMatch'; readonly e: Expr; readonly pattern: string }
  | { readonly k: 'isNaN' | 'isInf' | 'sqrt'; readonly e: Expr }
  | { readonly k: 'epochMicros'; readonly e: Expr }
  /** Array length (callers guard against null arrays). */
  | { readonly k: 'size'; readonly arr: Expr }
  /** The elements of `arr` for which `pred` (over `x`) holds. */
  | { readonly k: 'filter'; readonly arr: Expr; readonly pred: Expr }
  /** Sum of squares of the non-null elements, as DOUBLE; 0 for an empty array. */
  | { readonly k: 'sumSquares'; readonly arr: Expr }
  | { readonly k: 'mapContains'; readonly map: Expr; readonly key: Expr }
  | { readonly k: 'mapValue'; readonly map: Expr; readonly key: Expr }
  | { readonly k: 'mapValues'; readonly map: Expr }
  | { readonly k: 'case'; readonly when: Expr; readonly then: Expr };

/** Aggregates; every numeric result is DOUBLE (or an array of DOUBLE), counts BIGINT. */
export type Agg =
  | { readonly k: 'countStar' }
  | { readonly k: 'countIf'; readonly cond: Expr }
  | { readonly k: 'sum' | 'avg' | 'min' | 'max' | 'stddev'; readonly e: Expr }
  | { readonly k: 'quantiles'; readonly e: Expr; readonly quantiles: readonly number[] }
  | { readonly k: 'approxDistinct'; readonly e: Expr };

export const col = (name: string, qualifier?: string): Expr =>
  qualifier === undefined ? { k: 'col', name } : { k: 'col', name, qualifier };
export const X: Expr = { k: 'var', name: 'x' };
export const num = (value: number): Expr => ({ k: 'num', value });
export const str = (value: string): Expr => ({ k: 'str', value });
export const not = (e: Expr): Expr => ({ k: 'not', e });
export const isNotNull = (e: Expr): Expr => ({ k: 'isNotNull', e });
export const isNull = (e: Expr): Expr => ({ k: 'isNull', e });

/** AND of the defined operands; TRUE when there are none. */
export function and(...args: readonly (Expr | undefined)[]): Expr {
  const present = args.filter((arg): arg is Expr => arg !== undefined);
  if (present.length === 0) {
    return { k: 'bool', value: true };
  }
  return present.length === 1 ? present[0] : { k: 'and', args: present };
}

export function or(...args: readonly Expr[]): Expr {
  return args.length === 1 ? args[0] : { k: 'or', args };
}

/** `lo <= e AND e <= hi` for the bounds given; TRUE when neither is. */
export function within(e: Expr, lo: number | undefined, hi: number | undefined): Expr {
  return and(
    lo === undefined ? undefined : { k: 'cmp', op: '>=', l: e, r: num(lo) },
    hi === undefined ? undefined : { k: 'cmp', op: '<=', l: e, r: num(hi) }
  );
}

/** A literal for an allowed-set member, typed like the column it is compared with. */
export function literal(value: string | number | boolean): Expr {
  if (typeof value === 'string') {
    return str(value);
  }
  return typeof value === 'number' ? num(value) : { k: 'bool', value };
}

/** SQL of an expression in one dialect. */
export function renderExpr(e: Expr, d: Dialect): string {
  const r = (inner: Expr): string => renderExpr(inner, d);
  switch (e.k) {
    case 'col':
      return (
        (e.qualifier === undefined ? '' : quoteIdentifier(e.qualifier, d) + '.') +
        quoteIdentifier(e.name, d)
      );
    case 'var':
      return e.name;
    case 'num':
      return numberLiteral(e.value);
    case 'str':
      return quoteString(e.value, d);
    case 'bool':
      return e.value ? 'TRUE' : 'FALSE';
    case 'raw':
      return `(${e.sql})`;
    case 'not':
      return `(NOT ${r(e.e)})`;
    case 'and':
    case 'or':
      return `(${e.args.map(r).join(e.k === 'and' ? ' AND ' : ' OR ')})`;
    case 'cmp':
      return `(${r(e.l)} ${e.op} ${r(e.r)})`;
    case 'isNull':
      return `(${r(e.e)} IS NULL)`;
    case 'isNotNull':
      return `(${r(e.e)} IS NOT NULL)`;
    case 'in':
      return `(${r(e.e)} IN (${e.list.map(r).join(', ')}))`;
    case 'coalesceFalse':
      return `coalesce(${r(e.e)}, FALSE)`;
    case 'castDouble':
      return `CAST(${r(e.e)} AS DOUBLE)`;
    case 'castString':
      return `CAST(${r(e.e)} AS ${d === 'spark' ? 'STRING' : 'VARCHAR'})`;
    case 'tryCast':
      return d === 'spark'
        ? `try_cast(${r(e.e)} AS ${typeName(e.type, d)})`
        : `TRY_CAST(${r(e.e)} AS ${typeName(e.type, d)})`;
    case 'charLength':
      return d === 'spark' ? `char_length(${r(e.e)})` : `length(${r(e.e)})`;
    case 'regexMatch':
      return d === 'spark'
        ? `(${r(e.e)} RLIKE ${quoteString(e.pattern, d)})`
        : `regexp_matches(${r(e.e)}, ${quoteString(e.pattern, d)})`;
    case 'isNaN':
      return `isnan(${r(e.e)})`;
    case 'isInf':
      return d === 'spark' ? `(abs(${r(e.e)}) = CAST('Infinity' AS DOUBLE))` : `isinf(${r(e.e)})`;
    case 'sqrt':
      return `sqrt(${r(e.e)})`;
    case 'epochMicros':
      return d === 'spark'
        ? `unix_micros(CAST(${r(e.e)} AS TIMESTAMP))`
        : `epoch_us(CAST(${r(e.e)} AS TIMESTAMPTZ))`;
    case 'size':
      return d === 'spark' ? `size(${r(e.arr)})` : `len(${r(e.arr)})`;
    case 'filter':
      return d === 'spark'
        ? `filter(${r(e.arr)}, x -> ${r(e.pred)})`
        : `list_filter(${r(e.arr)}, x -> ${r(e.pred)})`;
    case 'sumSquares': {
      const sq = 'CAST(x AS DOUBLE) * CAST(x AS DOUBLE)';
      return d === 'spark'
        ? `aggregate(filter(${r(e.arr)}, x -> x IS NOT NULL), CAST(0 AS DOUBLE), (acc, x) -> acc + ${sq})`
        : `coalesce(list_sum(list_transform(list_filter(${r(e.arr)}, x -> x IS NOT NULL), x -> ${sq})), CAST(0 AS DOUBLE))`;
    }
    case 'mapContains':
      return d === 'spark'
        ? `map_contains_key(${r(e.map)}, ${r(e.key)})`
        : `map_contains(${r(e.map)}, ${r(e.key)})`;
    case 'mapValue':
      return d === 'spark'
        ? `try_element_at(${r(e.map)}, ${r(e.key)})`
        : `map_extract_value(${r(e.map)}, ${r(e.key)})`;
    case 'mapValues':
      return `map_values(${r(e.map)})`;
    case 'case':
      return `(CASE WHEN ${r(e.when)} THEN ${r(e.then)} END)`;
  }
}

/** SQL of an aggregate in one dialect. */
export function renderAgg(a: Agg, d: Dialect): string {
  switch (a.k) {
    case 'countStar':
      return 'count(*)';
    case 'countIf':
      // Not count_if: DuckDB's is NULL over no rows, Spark's 0; count(CASE ...) is 0 on both.
      return `count(CASE WHEN ${renderExpr(a.cond, d)} THEN 1 END)`;
    case 'sum':
    case 'avg':
    case 'min':
    case 'max':
      return `${a.k}(CAST(${renderExpr(a.e, d)} AS DOUBLE))`;
    case 'stddev':
      return `stddev_samp(CAST(${renderExpr(a.e, d)} AS DOUBLE))`;
    case 'quantiles': {
      const value = `CAST(${renderExpr(a.e, d)} AS DOUBLE)`;
      const qs = a.quantiles.map(doubleLiteral).join(', ');
      // Spark: a GK sketch with relative rank error 1/10000; DuckDB: exact, and like Spark's
      // sketch it returns values that occur in the data (no interpolation).
      return d === 'spark'
        ? `percentile_approx(${value}, array(${qs}), 10000)`
        : `quantile_disc(${value}, [${qs}])`;
    }
    case 'approxDistinct':
      return `approx_count_distinct(${renderExpr(a.e, d)})`;
  }
}

/** A type name for casts. */
export function typeName(t: DataType, d: Dialect): string {
  switch (t.kind) {
    case 'tinyint':
      return 'TINYINT';
    case 'smallint':
      return 'SMALLINT';
    case 'int':
      return d === 'spark' ? 'INT' : 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'float':
      return 'FLOAT';
    case 'double':
      return 'DOUBLE';
    case 'decimal':
      return `DECIMAL(${t.precision},${t.scale})`;
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return d === 'spark' ? 'TIMESTAMP' : 'TIMESTAMPTZ';
    case 'timestamp_ntz':
      return d === 'spark' ? 'TIMESTAMP_NTZ' : 'TIMESTAMP';
    case 'string':
      return d === 'spark' ? 'STRING' : 'VARCHAR';
    case 'binary':
      return d === 'spark' ? 'BINARY' : 'BLOB';
    default:
      throw new Error(`no cast target for type ${t.kind}`);
  }
}
