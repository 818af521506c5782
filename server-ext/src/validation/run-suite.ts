import {
  compileSuite,
  evaluatePlan,
  renderPlan,
  renderSample,
  suiteReferences,
  type MetricValue,
  type RelationId,
  type RelationSource,
  type RenderedPlan,
  type StructField,
  type SuiteResult,
  type ValidationPlan
} from '@featurelab/core/validation';
import type { ValidationSuite } from '@featurelab/core';
import { metricValue, type EngineRow, type ValidationEngine } from './engine.js';
import { ValidationEngineError } from './errors.js';

/** Names data the way a command line or a suite does: a Parquet path or a table name. */
export type DataLocation = { readonly parquet: string } | { readonly table: string };

export interface RunSuiteOptions {
  readonly engine: ValidationEngine;
  readonly suite: ValidationSuite;
  readonly data: DataLocation;
  /** Resolves a reference's `data` path (relative to the suite file). */
  readonly resolvePath?: (relative: string) => string;
  /** The time freshness is measured against (default: now). */
  readonly now?: Date;
  /** Compile and render only. */
  readonly explainOnly?: boolean;
}

export interface RunSuiteOutcome {
  readonly plan: ValidationPlan;
  readonly rendered: RenderedPlan;
  readonly result?: SuiteResult;
}

/** The relation source of a data location for an engine. */
export function relationSource(engine: ValidationEngine, data: DataLocation): RelationSource {
  if ('parquet' in data) {
    return engine.parquetSource(data.parquet);
  }
  return { kind: 'table', parts: data.table.split('.') };
}

/**
 * Read the schemas (no scan), compile (a bad check fails here), run each query once, and
 * evaluate. Failing rows are fetched, bounded, only for failed row-level checks.
 */
export async function runSuite(options: RunSuiteOptions): Promise<RunSuiteOutcome> {
  const { engine, suite } = options;
  const started = options.now ?? new Date();
  const t0 = performance.now();
  const sources = new Map<RelationId, RelationSource>([
    ['main', relationSource(engine, options.data)]
  ]);
  for (const reference of suiteReferences(suite)) {
    sources.set(
      reference.id,
      reference.table !== undefined
        ? { kind: 'table', parts: reference.table.split('.') }
        : engine.parquetSource((options.resolvePath ?? (p => p))(reference.data ?? ''))
    );
  }
  const schemas = new Map<RelationId, StructField[]>();
  for (const [id, source] of sources) {
    schemas.set(id, await engine.schema(source));
  }
  const plan = compileSuite(suite, relation => schemas.get(relation));
  const sourceOf = (relation: RelationId): RelationSource => {
    const source = sources.get(relation);
    if (source === undefined) {
      throw new Error(`no source for relation ${relation}`);
    }
    return source;
  };
  const rendered = renderPlan(plan, engine.dialect, sourceOf);
  if (options.explainOnly) {
    return { plan, rendered };
  }
  const values = new Map<string, Record<string, MetricValue>>();
  for (const query of rendered.queries) {
    const rows = await runQuery(engine, query.sql);
    const row: EngineRow = rows[0] ?? {};
    const decoded: Record<string, MetricValue> = {};
    for (const output of query.outputs) {
      decoded[output] = metricValue(row[output]);
    }
    values.set(query.id, decoded);
  }
  const result = evaluatePlan(plan, values, {
    engine: engine.name,
    scans: rendered.scans,
    startedAt: started,
    durationMs: 0
  });
  for (const check of result.checks) {
    const planned = plan.checks[check.index];
    if (check.status === 'fail' && planned.sample !== undefined && plan.sampleRows > 0) {
      const rows = await runQuery(
        engine,
        renderSample(planned.sample, engine.dialect, sourceOf, plan.sampleRows)
      );
      check.samples = rows.map(boundedRow);
    }
  }
  return { plan, rendered, result: { ...result, durationMs: Math.round(performance.now() - t0) } };
}

async function runQuery(engine: ValidationEngine, sql: string): Promise<EngineRow[]> {
  try {
    return await engine.query(sql);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ValidationEngineError(
      `${engine.name} failed to run a validation query: ${message}`,
      `The query was: ${sql.length > 2000 ? sql.slice(0, 2000) + '...' : sql}`,
      error
    );
  }
}

const MAX_CELL_CHARS = 256;

/** A sample row with long strings and arrays cut, so a result stays small. */
function boundedRow(row: EngineRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = boundedValue(value);
  }
  return out;
}

function boundedValue(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.length > MAX_CELL_CHARS
      ? `${value.slice(0, MAX_CELL_CHARS)}… (${value.length} chars)`
      : value;
  }
  if (Array.isArray(value)) {
    const head = value.slice(0, 16).map(boundedValue);
    return value.length > 16 ? [...head, `… (${value.length} items)`] : head;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).slice(0, 32);
    return Object.fromEntries(entries.map(([k, v]) => [k, boundedValue(v)]));
  }
  return value;
}
