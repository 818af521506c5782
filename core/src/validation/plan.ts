/**
 * The dialect-free validation plan: which queries run (each one pass over the data), which
 * metrics each computes, and how each check turns metric values into its result.
 */
import type { ValidationCheck } from '../generated/validation-suite.js';
import type { Agg, Expr } from './expr.js';

/** The table under validation, or a reference table of a referentialIntegrity check. */
export type RelationId = 'main' | `reference${number}`;

/** A metric computed by a query: one output column. */
export interface PlanMetric {
  /** The output column, m0, m1, ... (unique in the plan). */
  readonly id: string;
  /** What the metric is, for people: `count_if(...)`-free words. */
  readonly description: string;
}

/** One fused aggregation: every scalar metric of the suite in one SELECT. */
export interface AggregateQuery {
  readonly kind: 'aggregate';
  readonly id: string;
  readonly relation: 'main';
  readonly metrics: readonly (PlanMetric & { readonly agg: Agg })[];
}

/** Outputs of a grouping pass, per distinct (key columns, where). */
export const GROUPING_OUTPUTS = [
  'keyed_rows',
  'distinct_keys',
  'unique_keys',
  'null_key_rows',
  'duplicate_rows'
] as const;
export type GroupingOutput = (typeof GROUPING_OUTPUTS)[number];

/** Count occurrences of each key value, then summarize the counts. */
export interface GroupingQuery {
  readonly kind: 'grouping';
  readonly id: string;
  readonly relation: 'main';
  readonly columns: readonly string[];
  readonly where?: string;
}

/** Outputs of a referential pass. */
export const REFERENTIAL_OUTPUTS = ['keyed_rows', 'missing_rows'] as const;
export type ReferentialOutput = (typeof REFERENTIAL_OUTPUTS)[number];

/** Rows of the main table whose key is missing from a reference table (one join). */
export interface ReferentialQuery {
  readonly kind: 'referential';
  readonly id: string;
  readonly relation: 'main';
  readonly columns: readonly string[];
  readonly where?: string;
  readonly reference: RelationId;
  readonly referenceColumns: readonly string[];
}

export type PlanQuery = AggregateQuery | GroupingQuery | ReferentialQuery;

/** A value read from a query's result row. */
export interface MetricRef {
  readonly query: string;
  readonly column: string;
  /** For array-valued outputs (quantiles): the element. */
  readonly index?: number;
}

/** How a check's value is computed from metric values. */
export type CheckValue =
  /** numerator / denominator; no value when the denominator is 0 (nothing to check). */
  | { readonly op: 'ratio'; readonly numerator: MetricRef; readonly denominator: MetricRef }
  /** 1 - numerator / denominator (shares of failing things), same empty rule. */
  | {
      readonly op: 'complementRatio';
      readonly numerator: MetricRef;
      readonly denominator: MetricRef;
    }
  | { readonly op: 'metric'; readonly ref: MetricRef }
  | { readonly op: 'sum'; readonly refs: readonly MetricRef[] }
  /** Seconds from the newest event time (epoch microseconds) to the time of the check. */
  | { readonly op: 'lagSeconds'; readonly ref: MetricRef }
  /** Known before any scan (a column's declared type). */
  | { readonly op: 'constant'; readonly value: number; readonly note: string };

/** Inclusive bounds the value must be within. */
export interface Threshold {
  readonly min?: number;
  readonly max?: number;
}

/** Failing rows of a row-level check: run only when the check fails, bounded by `limit`. */
export type SampleQuery =
  | { readonly kind: 'rows'; readonly columns: readonly string[] | 'all'; readonly failing: Expr }
  | { readonly kind: 'duplicateKeys'; readonly columns: readonly string[]; readonly where?: string }
  | {
      readonly kind: 'missingReferences';
      readonly columns: readonly string[];
      readonly where?: string;
      readonly reference: RelationId;
      readonly referenceColumns: readonly string[];
    };

export interface PlannedCheck {
  /** The check's id, or `<index>:<type>`. */
  readonly id: string;
  readonly index: number;
  readonly type: ValidationCheck['type'];
  /** JSON pointer of the check in the suite document. */
  readonly pointer: string;
  readonly severity: 'warn' | 'block';
  /** The metric's name in results, e.g. `completeness(email)`. */
  readonly metric: string;
  readonly value: CheckValue;
  readonly threshold: Threshold;
  /** Extra values reported with the result (mean length, mean norm, quantile sets). */
  readonly extras?: Readonly<Record<string, MetricRef>>;
  /** Value reported when there was nothing to check (empty ratio): pass or fail. */
  readonly whenEmpty: 'pass' | 'fail';
  readonly sample?: SampleQuery;
}

/** A reference table a check needs, as the suite names it. */
export interface PlannedReference {
  readonly id: RelationId;
  readonly table?: string;
  readonly data?: string;
  /** JSON pointer of the `reference` object. */
  readonly pointer: string;
}

export interface ValidationPlan {
  readonly suite: string;
  readonly mode: 'monitor' | 'block';
  readonly sampleRows: number;
  readonly queries: readonly PlanQuery[];
  readonly checks: readonly PlannedCheck[];
  readonly references: readonly PlannedReference[];
}
