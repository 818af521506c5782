/**
 * Typed expressions: what the analyzer knows about an expression once resolved, and the scope
 * that column references resolve against.
 */
import type { LiteralValue, Query, TextRange, WindowSpec } from './ast.js';
import type { CoercionMode } from './coercion.js';
import type { DiagnosticSink } from './diagnostics.js';
import { T, isIntegral, type DataType } from './types.js';

/** A column of a relation, as seen by expressions above it. */
export interface Attribute {
  readonly id: number;
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
  /** Names that qualify it: `['demo', 'users']`, an alias `['u']`, or none. */
  readonly qualifier: readonly string[];
}

/** What column references resolve against. */
export interface Scope {
  readonly attributes: readonly Attribute[];
  /** Resolvable only with a qualifier (the right key of `JOIN ... USING`). */
  readonly hidden: readonly Attribute[];
  /** Some input columns are unknown (an unsupported construct): unresolved names are not errors. */
  readonly incomplete?: boolean;
  /** Variables of the enclosing lambda functions; they shadow columns of the same name. */
  readonly lambdas?: readonly LambdaVariable[];
  /** Inside a subquery expression: the enclosing query's scope, for correlated references. */
  readonly outer?: OuterScope;
}

export interface LambdaVariable {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
}

/** The scope around a subquery expression; `references` collects what the subquery uses of it. */
export interface OuterScope {
  readonly scope: Scope;
  readonly references: Attribute[];
}

/** What the analyzer reports about the query of a subquery expression. */
export interface SubqueryPlan {
  readonly attributes: readonly Attribute[];
  readonly complete: boolean;
  /** Columns of enclosing queries it references (a correlated subquery), in order of use. */
  readonly outerReferences: readonly Attribute[];
  /** Its top SELECT aggregates (Spark requires that of correlated scalar subqueries). */
  readonly aggregated: boolean;
}

/** A typed expression. */
export interface Typed {
  readonly type: DataType;
  readonly nullable: boolean;
  /** Spark's SQL text of the expression, used inside the names of enclosing expressions. */
  readonly sql: string;
  /** The column name Spark gives it as a top-level select item without alias. */
  readonly alias: string;
  /** Canonical form with attribute ids, to match GROUP BY expressions. */
  readonly key: string;
  readonly range: TextRange;
  readonly children: readonly Typed[];
  readonly isAggregate: boolean;
  readonly containsAggregate: boolean;
  /** A window function is in it (Spark computes those in a Window operator). */
  readonly containsWindow?: boolean;
  /** The resolved attribute of a plain column reference. */
  readonly attribute?: Attribute;
  readonly literal?: LiteralValue;
  /** The elements of an `array(...)` constructor. */
  readonly elements?: readonly Typed[];
  /** `grouping(...)` / `grouping_id(...)`: the arguments must be grouping columns. */
  readonly groupingFunction?: 'grouping' | 'grouping_id';
  /** A correlated scalar subquery: the outer columns it uses. */
  readonly outerReferences?: readonly Attribute[];
}

export interface ExpressionContext {
  readonly scope: Scope;
  readonly mode: CoercionMode;
  readonly diagnostics: DiagnosticSink;
  /** Aggregate functions are allowed here (select list, HAVING, ORDER BY of a SELECT). */
  readonly allowAggregates: boolean;
  /** Where aggregates are not allowed, the error class to report. */
  readonly aggregateError?: { readonly code: string; readonly message: string };
  /** Output aliases that HAVING and ORDER BY may reference when no column matches. */
  readonly aliases?: ReadonlyMap<string, Typed>;
  /** Names Spark suggests from for unresolved columns; defaults to the scope's columns. */
  readonly suggestionNames?: readonly string[];
  /** Window functions are allowed here (select list and ORDER BY). */
  readonly allowWindows?: boolean;
  /** Where window functions are not allowed, the error class to report (else a warning). */
  readonly windowError?: { readonly code: string; readonly message: string };
  /** The WINDOW clause's named windows, by lower-case name. */
  readonly windows?: ReadonlyMap<string, WindowSpec>;
  /** The GROUP BY has grouping sets: `grouping()` and `grouping_id()` are allowed. */
  readonly groupingAnalytics?: boolean;
  /** Analyses the query of a subquery expression with `scope` as its outer scope. */
  readonly subquery?: (query: Query, scope: Scope) => SubqueryPlan;
}

/** An expression whose type could not be determined; it causes no further diagnostics. */
export const unknownTyped = (range: TextRange, sql = '?'): Typed => ({
  type: T.unknown,
  nullable: true,
  sql,
  alias: sql,
  key: `?${range.from}`,
  range,
  children: [],
  isAggregate: false,
  containsAggregate: false
});

/** A typed node computed from children: aggregate flags and canonical key come from them. */
export function derived(
  type: DataType,
  nullable: boolean,
  sql: string,
  children: readonly Typed[],
  range: TextRange,
  extra: Partial<Typed> = {}
): Typed {
  const anyUnknown = children.some(c => c.type.kind === 'unknown');
  return {
    type: anyUnknown ? T.unknown : type,
    nullable,
    sql,
    alias: sql,
    key: keyOf(sql, children),
    range,
    children,
    isAggregate: false,
    containsAggregate: children.some(c => c.containsAggregate),
    containsWindow: children.some(c => c.containsWindow === true),
    ...extra
  };
}

/** The canonical key: the SQL text with each column replaced by its attribute id. */
function keyOf(sql: string, children: readonly Typed[]): string {
  return `${sql}|${children.map(c => c.key).join(',')}`;
}

/** A column or a (nested) field of one: Spark names expressions over these after the column. */
export const isColumnReference = (t: Typed): boolean => t.key.startsWith('#');

export const isIntegerLiteral = (t: Typed): boolean =>
  t.literal?.kind === 'number' && isIntegral(t.type);
export const isStringLiteral = (t: Typed): boolean => t.literal?.kind === 'string';
