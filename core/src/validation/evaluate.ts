/**
 * Turn metric values into check results: the same code for every engine, so Spark and DuckDB
 * can only differ in the metric values they compute.
 */
import type { CheckValue, MetricRef, PlannedCheck, Threshold, ValidationPlan } from './plan.js';

/** A metric value as engines return it: numbers, arrays of numbers (quantiles), or NULL. */
export type MetricValue = number | null | readonly (number | null)[];

/** Query id -> output column -> value. */
export type MetricValues = ReadonlyMap<string, Readonly<Record<string, MetricValue>>>;

export type CheckStatus = 'pass' | 'fail';

export interface CheckResult {
  readonly id: string;
  readonly index: number;
  readonly type: string;
  /** JSON pointer of the check in the suite. */
  readonly pointer: string;
  readonly severity: 'warn' | 'block';
  readonly status: CheckStatus;
  readonly metric: string;
  /** The metric's value; null when it is undefined (no rows, or only nulls). NaN as "NaN". */
  readonly value: number | null | 'NaN' | 'Infinity' | '-Infinity';
  readonly threshold: Threshold;
  /** Why the status is what it is, in words. */
  readonly message: string;
  readonly extras?: Readonly<Record<string, number | null | 'NaN' | 'Infinity' | '-Infinity'>>;
  /** Up to `sampleRows` failing rows of a failed row-level check. */
  samples?: readonly Readonly<Record<string, unknown>>[];
}

export interface SuiteResult {
  readonly suite: string;
  readonly mode: 'monitor' | 'block';
  readonly engine: string;
  /** pass: all checks pass; warn: only warn-severity checks fail; fail: a blocking check fails. */
  readonly status: 'pass' | 'warn' | 'fail';
  /** True when the suite is in block mode and a blocking check failed: the run must fail. */
  readonly blocked: boolean;
  readonly scans: number;
  readonly rowCount: number | null;
  readonly checks: CheckResult[];
  readonly startedAt: string;
  readonly durationMs: number;
}

function read(values: MetricValues, ref: MetricRef): number | null {
  const row = values.get(ref.query);
  if (row === undefined || !(ref.column in row)) {
    throw new Error(`no value for ${ref.query}.${ref.column}`);
  }
  const value = row[ref.column];
  if (ref.index !== undefined) {
    return Array.isArray(value) ? ((value as (number | null)[])[ref.index] ?? null) : null;
  }
  return typeof value === 'number' ? value : null;
}

/** The check's value, or null when undefined; `empty` when there was nothing to check. */
function compute(
  value: CheckValue,
  values: MetricValues,
  nowMicros: number
): { value: number | null; empty: boolean; note?: string } {
  switch (value.op) {
    case 'ratio':
    case 'complementRatio': {
      const numerator = read(values, value.numerator) ?? 0;
      const denominator = read(values, value.denominator) ?? 0;
      if (denominator === 0) {
        return { value: null, empty: true };
      }
      const ratio = numerator / denominator;
      return { value: value.op === 'ratio' ? ratio : 1 - ratio, empty: false };
    }
    case 'metric': {
      const v = read(values, value.ref);
      return { value: v, empty: v === null };
    }
    case 'sum':
      return {
        value: value.refs.reduce((sum, ref) => sum + (read(values, ref) ?? 0), 0),
        empty: false
      };
    case 'lagSeconds': {
      const newest = read(values, value.ref);
      return newest === null
        ? { value: null, empty: true }
        : { value: (nowMicros - newest) / 1e6, empty: false };
    }
    case 'constant':
      return { value: value.value, empty: false, note: value.note };
  }
}

function within(value: number, threshold: Threshold): boolean {
  return (
    (threshold.min === undefined || value >= threshold.min) &&
    (threshold.max === undefined || value <= threshold.max)
  );
}

function describeThreshold(threshold: Threshold): string {
  if (threshold.min !== undefined && threshold.max !== undefined) {
    return threshold.min === threshold.max
      ? `= ${threshold.min}`
      : `in [${threshold.min}, ${threshold.max}]`;
  }
  if (threshold.min !== undefined) {
    return `>= ${threshold.min}`;
  }
  return threshold.max === undefined ? 'any value' : `<= ${threshold.max}`;
}

function printable(value: number | null): CheckResult['value'] {
  if (value === null) {
    return null;
  }
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? 'Infinity' : '-Infinity';
  }
  return value;
}

export function evaluateCheck(
  check: PlannedCheck,
  values: MetricValues,
  nowMicros: number
): CheckResult {
  const { value, empty, note } = compute(check.value, values, nowMicros);
  let status: CheckStatus;
  let message: string;
  const expected = describeThreshold(check.threshold);
  if (value === null) {
    status = empty && check.whenEmpty === 'pass' ? 'pass' : 'fail';
    message = empty
      ? `nothing to check (no rows, or only nulls): ${status === 'pass' ? 'passes vacuously' : 'the metric is undefined'}`
      : 'the metric is undefined';
  } else if (Number.isNaN(value)) {
    status = 'fail';
    message = `the metric is NaN (the data holds NaN); expected ${expected}`;
  } else {
    status = within(value, check.threshold) ? 'pass' : 'fail';
    message = `${check.metric} = ${value}, expected ${expected}${note ? ` (${note})` : ''}`;
  }
  const result: CheckResult = {
    id: check.id,
    index: check.index,
    type: check.type,
    pointer: check.pointer,
    severity: check.severity,
    status,
    metric: check.metric,
    value: printable(value),
    threshold: check.threshold,
    message
  };
  if (check.extras) {
    const extras: Record<string, CheckResult['value']> = {};
    for (const [name, ref] of Object.entries(check.extras)) {
      extras[name] = printable(read(values, ref));
    }
    return { ...result, extras };
  }
  return result;
}

export function evaluatePlan(
  plan: ValidationPlan,
  values: MetricValues,
  context: {
    engine: string;
    scans: number;
    startedAt: Date;
    durationMs: number;
    nowMicros?: number;
  }
): SuiteResult {
  const nowMicros = context.nowMicros ?? context.startedAt.getTime() * 1000;
  const checks = plan.checks.map(check => evaluateCheck(check, values, nowMicros));
  const failedBlocking = checks.some(c => c.status === 'fail' && c.severity === 'block');
  const failedAny = checks.some(c => c.status === 'fail');
  const rows = values.get('q0')?.[ROW_COUNT_METRIC];
  return {
    suite: plan.suite,
    mode: plan.mode,
    engine: context.engine,
    status: failedBlocking ? 'fail' : failedAny ? 'warn' : 'pass',
    blocked: failedBlocking && plan.mode === 'block',
    scans: context.scans,
    rowCount: typeof rows === 'number' ? rows : null,
    checks,
    startedAt: context.startedAt.toISOString(),
    durationMs: context.durationMs
  };
}

/** The fused aggregation always counts rows, under this output name. */
export const ROW_COUNT_METRIC = 'row_count';
