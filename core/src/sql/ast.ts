/**
 * A small syntax tree of the Spark SQL subset the analyzer understands, built from
 * dt-sql-parser's concrete tree by `build-ast.ts`. Ranges are character offsets into the
 * analysed text (end exclusive). Constructs the analyzer does not handle yet are kept as
 * `unsupported` nodes, so that it can say so instead of guessing.
 */
import type { DataType } from './types.js';

export interface TextRange {
  readonly from: number;
  readonly to: number;
}

export interface Ident {
  readonly name: string;
  readonly range: TextRange;
}

export type LiteralValue =
  | { readonly kind: 'null' }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'number'; readonly type: DataType; readonly text: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'typed'; readonly type: DataType; readonly text: string };

export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | 'div'
  | '||'
  | '&'
  | '|'
  | '^'
  | '='
  | '=='
  | '<>'
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '<=>'
  | 'and'
  | 'or';

export type Expr =
  | { readonly k: 'literal'; readonly value: LiteralValue; readonly range: TextRange }
  | { readonly k: 'column'; readonly parts: readonly Ident[]; readonly range: TextRange }
  | { readonly k: 'star'; readonly qualifier: readonly Ident[]; readonly range: TextRange }
  | {
      readonly k: 'unary';
      readonly op: '-' | '+' | '~' | 'not';
      readonly arg: Expr;
      readonly range: TextRange;
    }
  | {
      readonly k: 'binary';
      readonly op: BinaryOp;
      readonly left: Expr;
      readonly right: Expr;
      readonly range: TextRange;
    }
  | {
      readonly k: 'function';
      readonly name: Ident;
      readonly args: readonly Expr[];
      readonly distinct: boolean;
      /** `count(*)`. */
      readonly star: boolean;
      /** `OVER (...)` or `OVER w`: a window function call. */
      readonly over?: WindowSpec;
      readonly range: TextRange;
    }
  | {
      /** `x -> body` or `(x, y) -> body`, an argument of a higher-order function. */
      readonly k: 'lambda';
      readonly params: readonly Ident[];
      readonly body: Expr;
      readonly range: TextRange;
    }
  | {
      /** `(SELECT ...)` as a value, `EXISTS (SELECT ...)` or `x IN (SELECT ...)`. */
      readonly k: 'subquery';
      readonly kind: 'scalar' | 'exists' | 'in';
      readonly query: Query;
      /** The left side of `IN`. */
      readonly arg?: Expr;
      readonly range: TextRange;
    }
  | {
      readonly k: 'case';
      readonly operand?: Expr;
      readonly whens: readonly (readonly [Expr, Expr])[];
      readonly otherwise?: Expr;
      readonly range: TextRange;
    }
  | {
      readonly k: 'cast';
      readonly arg: Expr;
      readonly to: DataType;
      readonly tryCast: boolean;
      readonly range: TextRange;
    }
  | {
      readonly k: 'in';
      readonly arg: Expr;
      readonly list: readonly Expr[];
      readonly not: boolean;
      readonly range: TextRange;
    }
  | {
      readonly k: 'between';
      readonly arg: Expr;
      readonly low: Expr;
      readonly high: Expr;
      readonly not: boolean;
      readonly range: TextRange;
    }
  | {
      readonly k: 'like';
      readonly op: 'like' | 'ilike' | 'rlike';
      readonly arg: Expr;
      readonly pattern: Expr;
      readonly not: boolean;
      readonly range: TextRange;
    }
  | { readonly k: 'isNull'; readonly arg: Expr; readonly not: boolean; readonly range: TextRange }
  | {
      readonly k: 'isBool';
      readonly arg: Expr;
      readonly value: boolean | null;
      readonly not: boolean;
      readonly range: TextRange;
    }
  | { readonly k: 'field'; readonly base: Expr; readonly field: Ident; readonly range: TextRange }
  | { readonly k: 'index'; readonly base: Expr; readonly index: Expr; readonly range: TextRange }
  /** Text Spark's parser rejects although the grammar accepts it (`INTERVAL 1 MONTH 1 DAY`). */
  | {
      readonly k: 'invalid';
      readonly code: string;
      readonly message: string;
      readonly range: TextRange;
    }
  /** Not analysed: a warning names `what`; an empty `what` was already reported (an error). */
  | { readonly k: 'unsupported'; readonly what: string; readonly range: TextRange };

/** A frame boundary: `UNBOUNDED PRECEDING`, `CURRENT ROW`, `n PRECEDING`, `n FOLLOWING`. */
export type FrameBound =
  | { readonly k: 'unbounded'; readonly preceding: boolean }
  | { readonly k: 'current' }
  | { readonly k: 'offset'; readonly preceding: boolean; readonly value: Expr };

export interface WindowFrame {
  readonly type: 'rows' | 'range';
  readonly start: FrameBound;
  readonly end: FrameBound;
  readonly range: TextRange;
}

export interface WindowSpec {
  /** `OVER w` / `OVER (w)`: a window of the WINDOW clause. */
  readonly name?: Ident;
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly SortItem[];
  readonly frame?: WindowFrame;
  readonly range: TextRange;
}

export interface NamedWindow {
  readonly name: Ident;
  readonly spec: WindowSpec;
}

export interface SelectItem {
  readonly expr: Expr;
  readonly alias?: Ident;
  /** `AS (a, b)`: the names of a generator's columns. */
  readonly aliases?: readonly Ident[];
  readonly range: TextRange;
}

/** `LATERAL VIEW [OUTER] generator(args) alias [AS c1, c2]`. */
export interface LateralView {
  readonly outer: boolean;
  readonly generator: Extract<Expr, { k: 'function' }>;
  readonly alias?: Ident;
  readonly columnAliases: readonly Ident[];
  readonly range: TextRange;
}

/** `PIVOT (agg [AS a], ... FOR col IN (value [AS v], ...))`. */
export interface Pivot {
  readonly aggregates: readonly SelectItem[];
  readonly columns: readonly Ident[];
  /** Each value: one expression per pivot column. */
  readonly values: readonly {
    readonly exprs: readonly Expr[];
    readonly alias?: Ident;
    readonly range: TextRange;
  }[];
  readonly range: TextRange;
}

/**
 * `UNPIVOT [INCLUDE | EXCLUDE NULLS] (v FOR k IN (a [AS x], b))`, or with several value columns
 * `((v1, v2) FOR k IN ((a, b) [AS x], (c, d)))`, optionally aliased.
 */
export interface Unpivot {
  readonly includeNulls: boolean;
  readonly valueColumns: readonly Ident[];
  readonly nameColumn: Ident;
  /** Each set: one column per value column, and the name it gets in the name column. */
  readonly sets: readonly {
    readonly columns: readonly Expr[];
    readonly alias?: Ident;
    readonly range: TextRange;
  }[];
  readonly alias?: Ident;
  readonly range: TextRange;
}

/**
 * One element of a GROUP BY with grouping analytics: a plain expression is one set of one
 * expression; `ROLLUP (a, b)` is the sets `(a, b), (a), ()`; the query's grouping sets are the
 * cross product of its elements.
 */
export interface GroupingElement {
  readonly sets: readonly (readonly Expr[])[];
}

export type JoinType = 'inner' | 'cross' | 'left' | 'right' | 'full' | 'semi' | 'anti';

export type Relation =
  | {
      readonly k: 'table';
      readonly name: readonly Ident[];
      readonly alias?: Ident;
      readonly columnAliases?: readonly Ident[];
      readonly range: TextRange;
    }
  | {
      readonly k: 'subquery';
      readonly query: Query;
      readonly alias?: Ident;
      readonly columnAliases?: readonly Ident[];
      /** `LATERAL (SELECT ...)`: it may reference the relations to its left. */
      readonly lateral?: boolean;
      readonly range: TextRange;
    }
  | {
      readonly k: 'pivot';
      readonly input: Relation;
      readonly pivot: Pivot;
      readonly range: TextRange;
    }
  | {
      readonly k: 'unpivot';
      readonly input: Relation;
      readonly unpivot: Unpivot;
      readonly range: TextRange;
    }
  | {
      readonly k: 'join';
      readonly type: JoinType;
      readonly left: Relation;
      readonly right: Relation;
      readonly on?: Expr;
      readonly using?: readonly Ident[];
      readonly natural?: boolean;
      readonly range: TextRange;
    }
  | {
      /** `VALUES (1, 'a'), (2, 'b') AS t(id, name)`; each row a list of expressions. */
      readonly k: 'values';
      readonly rows: readonly (readonly Expr[])[];
      readonly alias?: Ident;
      readonly columnAliases?: readonly Ident[];
      readonly range: TextRange;
    }
  | { readonly k: 'unsupported'; readonly what: string; readonly range: TextRange };

export interface Select {
  readonly k: 'select';
  readonly distinct: boolean;
  readonly items: readonly SelectItem[];
  readonly from: readonly Relation[];
  readonly where?: Expr;
  /** Undefined without GROUP BY; GROUP BY expressions otherwise. */
  readonly groupBy?: readonly Expr[];
  /** With ROLLUP, CUBE or GROUPING SETS: the elements whose sets are combined. */
  readonly grouping?: readonly GroupingElement[];
  readonly having?: Expr;
  readonly lateralViews: readonly LateralView[];
  /** A PIVOT after the FROM clause's relations and lateral views. */
  readonly pivot?: Pivot;
  /** The WINDOW clause. */
  readonly windows: readonly NamedWindow[];
  /** Clauses present but not analysed yet (LATERAL VIEW, WINDOW, grouping sets, ...). */
  readonly unsupported: readonly { readonly what: string; readonly range: TextRange }[];
  readonly range: TextRange;
}

export type SetOp = 'union' | 'intersect' | 'except';

export type QueryTerm =
  | Select
  | {
      readonly k: 'setOp';
      readonly op: SetOp;
      readonly all: boolean;
      readonly left: QueryTerm;
      readonly right: QueryTerm;
      readonly range: TextRange;
    }
  | { readonly k: 'nested'; readonly query: Query; readonly range: TextRange }
  | {
      readonly k: 'values';
      readonly relation: Extract<Relation, { k: 'values' }>;
      readonly range: TextRange;
    }
  /** Not analysed: a warning names `what`; an empty `what` was already reported (a syntax error). */
  | { readonly k: 'unsupported'; readonly what: string; readonly range: TextRange };

export interface SortItem {
  readonly expr: Expr;
  readonly descending: boolean;
  /** Explicit `NULLS FIRST` / `NULLS LAST`; Spark's default is first for ASC, last for DESC. */
  readonly nullsFirst?: boolean;
  readonly range: TextRange;
}

export interface Cte {
  readonly name: Ident;
  readonly columnAliases?: readonly Ident[];
  /** Undefined when the body did not parse. */
  readonly query?: Query;
  readonly range: TextRange;
}

export interface Query {
  readonly k: 'query';
  readonly ctes: readonly Cte[];
  readonly body: QueryTerm;
  readonly orderBy: readonly SortItem[];
  readonly limit?: Expr;
  /** A WINDOW clause after ORDER BY; it serves the body's SELECT like its own. */
  readonly windows: readonly NamedWindow[];
  readonly unsupported: readonly { readonly what: string; readonly range: TextRange }[];
  readonly range: TextRange;
}
