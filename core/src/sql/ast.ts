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
  | { readonly k: 'unsupported'; readonly what: string; readonly range: TextRange };

export interface SelectItem {
  readonly expr: Expr;
  readonly alias?: Ident;
  readonly range: TextRange;
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
      readonly range: TextRange;
    }
  | {
      readonly k: 'join';
      readonly type: JoinType;
      readonly left: Relation;
      readonly right: Relation;
      readonly on?: Expr;
      readonly using?: readonly Ident[];
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
  readonly having?: Expr;
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
  | { readonly k: 'unsupported'; readonly what: string; readonly range: TextRange };

export interface SortItem {
  readonly expr: Expr;
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
  readonly unsupported: readonly { readonly what: string; readonly range: TextRange }[];
  readonly range: TextRange;
}
