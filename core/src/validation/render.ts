/**
 * Render a plan's queries as Spark SQL or DuckDB SQL. Relations (the table, reference tables)
 * are rendered from their sources by the same quoting functions as everything else.
 */
import { and, col, isNotNull, isNull, or, renderAgg, renderExpr } from './expr.js';
import type { PlanQuery, RelationId, SampleQuery, ValidationPlan } from './plan.js';
import { quoteIdentifier, quoteString, type Dialect } from './sql-text.js';

/** Where a relation's rows come from. */
export type RelationSource =
  /** A catalog table (Spark), as name parts: ["demo", "users"]. */
  | { readonly kind: 'table'; readonly parts: readonly string[] }
  /** Parquet files: one path (Spark reads a folder) or DuckDB globs. */
  | { readonly kind: 'parquet'; readonly paths: readonly string[] };

export type RelationSources = (relation: RelationId) => RelationSource;

/** One query of a rendered plan. */
export interface RenderedQuery {
  readonly id: string;
  readonly kind: PlanQuery['kind'];
  readonly sql: string;
  /** The output columns to read, in order. */
  readonly outputs: readonly string[];
  /** What the query computes, for people. */
  readonly description: string;
}

/** A plan in one dialect: what `--explain` prints and what engines execute. */
export interface RenderedPlan {
  readonly dialect: Dialect;
  /** Passes over the data when every check passes (failing-row samples add one each). */
  readonly scans: number;
  readonly queries: readonly RenderedQuery[];
}

export function renderRelation(source: RelationSource, d: Dialect): string {
  if (source.kind === 'table') {
    return source.parts.map(part => quoteIdentifier(part, d)).join('.');
  }
  if (d === 'spark') {
    if (source.paths.length !== 1) {
      throw new Error('Spark reads one Parquet path (a file or a folder)');
    }
    return `parquet.${quoteIdentifier(source.paths[0], d)}`;
  }
  return `read_parquet([${source.paths.map(p => quoteString(p, d)).join(', ')}])`;
}

export function renderPlan(
  plan: ValidationPlan,
  d: Dialect,
  sources: RelationSources
): RenderedPlan {
  const queries = plan.queries.map(query => renderQuery(query, d, sources));
  return { dialect: d, scans: queries.length, queries };
}

function renderQuery(query: PlanQuery, d: Dialect, sources: RelationSources): RenderedQuery {
  const q = (name: string): string => quoteIdentifier(name, d);
  const from = renderRelation(sources(query.relation), d);
  switch (query.kind) {
    case 'aggregate':
      return {
        id: query.id,
        kind: query.kind,
        sql: `SELECT ${query.metrics.map(m => `${renderAgg(m.agg, d)} AS ${q(m.id)}`).join(', ')} FROM ${from}`,
        outputs: query.metrics.map(m => m.id),
        description: `${query.metrics.length} metric(s) in one aggregation`
      };
    case 'grouping': {
      const keys = query.columns.map(c => renderExpr(col(c), d));
      const nullKey = renderExpr(or(...query.columns.map(c => isNull(col(c)))), d);
      const where = query.where === undefined ? '' : ` WHERE (${query.where})`;
      const inner = `SELECT ${nullKey} AS ${q('null_key')}, count(*) AS ${q('n')} FROM ${from}${where} GROUP BY ${keys.join(', ')}`;
      const nk = q('null_key');
      const n = q('n');
      return {
        id: query.id,
        kind: query.kind,
        sql:
          `SELECT coalesce(sum(CASE WHEN NOT ${nk} THEN ${n} END), 0) AS ${q('keyed_rows')}, ` +
          `count(CASE WHEN NOT ${nk} THEN 1 END) AS ${q('distinct_keys')}, ` +
          `count(CASE WHEN NOT ${nk} AND ${n} = 1 THEN 1 END) AS ${q('unique_keys')}, ` +
          `coalesce(sum(CASE WHEN ${nk} THEN ${n} END), 0) AS ${q('null_key_rows')}, ` +
          `coalesce(sum(CASE WHEN NOT ${nk} AND ${n} > 1 THEN ${n} END), 0) AS ${q('duplicate_rows')} ` +
          `FROM (${inner}) AS ${q('g')}`,
        outputs: ['keyed_rows', 'distinct_keys', 'unique_keys', 'null_key_rows', 'duplicate_rows'],
        description: `value counts of (${query.columns.join(', ')})${query.where === undefined ? '' : ' where ...'}`
      };
    }
    case 'referential': {
      const join = referentialJoin(query, d, sources);
      return {
        id: query.id,
        kind: query.kind,
        sql: `SELECT count(*) AS ${q('keyed_rows')}, count(CASE WHEN ${q('r')}.${q('present')} IS NULL THEN 1 END) AS ${q('missing_rows')} FROM ${join}`,
        outputs: ['keyed_rows', 'missing_rows'],
        description: `keys (${query.columns.join(', ')}) looked up in the reference table`
      };
    }
  }
}

/** `(keys of t) t LEFT JOIN (distinct keys of the reference, present) r ON ...`. */
function referentialJoin(
  query: {
    columns: readonly string[];
    where?: string;
    reference: RelationId;
    referenceColumns: readonly string[];
  },
  d: Dialect,
  sources: RelationSources
): string {
  const q = (name: string): string => quoteIdentifier(name, d);
  const from = renderRelation(sources('main'), d);
  const referenceFrom = renderRelation(sources(query.reference), d);
  const keyNames = query.columns.map((_, i) => `k${i}`);
  const selectKeys = query.columns
    .map((c, i) => `${renderExpr(col(c), d)} AS ${q(keyNames[i])}`)
    .join(', ');
  const notNull = renderExpr(and(...query.columns.map(c => isNotNull(col(c)))), d);
  const where = query.where === undefined ? '' : ` AND (${query.where})`;
  const left = `SELECT ${selectKeys} FROM ${from} WHERE ${notNull}${where}`;
  const referenceKeys = query.referenceColumns
    .map((c, i) => `${renderExpr(col(c), d)} AS ${q(keyNames[i])}`)
    .join(', ');
  const referenceNotNull = renderExpr(
    and(...query.referenceColumns.map(c => isNotNull(col(c)))),
    d
  );
  const right = `SELECT DISTINCT ${referenceKeys}, TRUE AS ${q('present')} FROM ${referenceFrom} WHERE ${referenceNotNull}`;
  const on = keyNames.map(k => `${q('t')}.${q(k)} = ${q('r')}.${q(k)}`).join(' AND ');
  return `(${left}) AS ${q('t')} LEFT JOIN (${right}) AS ${q('r')} ON ${on}`;
}

/** SQL for at most `limit` failing rows of a check. */
export function renderSample(
  sample: SampleQuery,
  d: Dialect,
  sources: RelationSources,
  limit: number
): string {
  const q = (name: string): string => quoteIdentifier(name, d);
  const from = renderRelation(sources('main'), d);
  const bounded = Math.max(0, Math.floor(limit));
  switch (sample.kind) {
    case 'rows': {
      const columns =
        sample.columns === 'all' ? '*' : sample.columns.map(c => renderExpr(col(c), d)).join(', ');
      return `SELECT ${columns} FROM ${from} WHERE ${renderExpr(sample.failing, d)} LIMIT ${bounded}`;
    }
    case 'duplicateKeys': {
      const keys = sample.columns.map(c => renderExpr(col(c), d));
      const anyNull = renderExpr(or(...sample.columns.map(c => isNull(col(c)))), d);
      const where = sample.where === undefined ? '' : ` WHERE (${sample.where})`;
      return `SELECT ${keys.join(', ')}, count(*) AS ${q('occurrences')} FROM ${from}${where} GROUP BY ${keys.join(', ')} HAVING count(*) > 1 OR ${anyNull} LIMIT ${bounded}`;
    }
    case 'missingReferences': {
      const keys = sample.columns
        .map((_, i) => `${q('t')}.${q(`k${i}`)} AS ${q(sample.columns[i])}`)
        .join(', ');
      const join = referentialJoin(sample, d, sources);
      return `SELECT ${keys} FROM ${join} WHERE ${q('r')}.${q('present')} IS NULL LIMIT ${bounded}`;
    }
  }
}
