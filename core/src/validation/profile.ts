/**
 * Profiling a table in two scans: one fused aggregation (nulls, approximate distinct counts,
 * min/max/mean/stddev, quantiles, NaN counts, string and array lengths), then one GROUPING SETS
 * pass that counts the top values of categorical columns and the equal-width histogram buckets
 * of numeric columns (its bucket edges come from the first pass).
 */
import {
  isDatetime,
  isIntegral,
  isNumeric,
  simpleString,
  type DataType,
  type StructField
} from '../sql/types.js';
import {
  and,
  col,
  isNotNull,
  not,
  or,
  renderAgg,
  renderExpr,
  type Agg,
  type Expr
} from './expr.js';
import type { MetricValue } from './evaluate.js';
import { renderRelation, type RelationSource } from './render.js';
import { doubleLiteral, quoteIdentifier, type Dialect } from './sql-text.js';

export const PROFILE_QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;
export const HISTOGRAM_BUCKETS = 20;
export const TOP_VALUES = 10;
/** grouping_id() bits stay below 2^53 (exact in JavaScript numbers). */
const GROUPING_CHUNK = 50;

type Role = 'numeric' | 'string' | 'boolean' | 'datetime' | 'array' | 'other';

interface ColumnPlan {
  readonly field: StructField;
  readonly role: Role;
  /** Output name -> aggregate, in pass 1. */
  readonly metrics: Readonly<Record<string, Agg>>;
}

export interface ProfilePlan {
  readonly columns: readonly ColumnPlan[];
}

export interface ColumnProfile {
  readonly name: string;
  readonly type: string;
  readonly nulls: number;
  readonly nullRatio: number | null;
  readonly approxDistinct?: number | null;
  readonly min?: number | string | null;
  readonly max?: number | string | null;
  readonly mean?: number | null;
  readonly stddev?: number | null;
  readonly quantiles?: Readonly<Record<string, number | null>>;
  readonly nanCount?: number;
  readonly infiniteCount?: number;
  readonly trueCount?: number;
  readonly length?: {
    readonly min: number | null;
    readonly max: number | null;
    readonly mean: number | null;
  };
  readonly emptyArrays?: number;
  readonly histogram?: readonly {
    readonly low: number;
    readonly high: number;
    readonly count: number;
  }[];
  readonly topValues?: readonly { readonly value: string; readonly count: number }[];
}

export interface TableProfile {
  readonly engine: string;
  readonly rowCount: number;
  readonly scans: number;
  readonly columns: readonly ColumnProfile[];
}

function roleOf(type: DataType): Role {
  if (isNumeric(type)) {
    return 'numeric';
  }
  if (isDatetime(type)) {
    return 'datetime';
  }
  if (type.kind === 'string' || type.kind === 'boolean' || type.kind === 'array') {
    return type.kind;
  }
  return 'other';
}

const fractional = (type: DataType): boolean => type.kind === 'float' || type.kind === 'double';

export function planProfile(schema: readonly StructField[]): ProfilePlan {
  return {
    columns: schema.map(field => {
      const c = col(field.name);
      const role = roleOf(field.type);
      const metrics: Record<string, Agg> = { non_null: { k: 'countIf', cond: isNotNull(c) } };
      const finite: Expr | undefined = fractional(field.type)
        ? not(or({ k: 'isNaN', e: c }, { k: 'isInf', e: c }))
        : undefined;
      const finiteValue: Expr = finite ? { k: 'case', when: finite, then: c } : c;
      if (role !== 'array' && role !== 'other') {
        metrics.approx_distinct = { k: 'approxDistinct', e: c };
      }
      if (role === 'numeric') {
        Object.assign(metrics, {
          min: { k: 'min', e: finiteValue },
          max: { k: 'max', e: finiteValue },
          mean: { k: 'avg', e: finiteValue },
          stddev: { k: 'stddev', e: finiteValue },
          quantiles: { k: 'quantiles', e: finiteValue, quantiles: [...PROFILE_QUANTILES] }
        } satisfies Record<string, Agg>);
        if (finite) {
          metrics.nan = { k: 'countIf', cond: { k: 'isNaN', e: c } };
          metrics.infinite = { k: 'countIf', cond: { k: 'isInf', e: c } };
        }
      } else if (role === 'string') {
        const length: Expr = { k: 'charLength', e: c };
        Object.assign(metrics, {
          min_length: { k: 'min', e: length },
          max_length: { k: 'max', e: length },
          mean_length: { k: 'avg', e: length }
        } satisfies Record<string, Agg>);
      } else if (role === 'datetime') {
        const micros: Expr = { k: 'epochMicros', e: c };
        Object.assign(metrics, {
          min: { k: 'min', e: micros },
          max: { k: 'max', e: micros }
        } satisfies Record<string, Agg>);
      } else if (role === 'boolean') {
        metrics.true_count = {
          k: 'countIf',
          cond: { k: 'cmp', op: '=', l: c, r: { k: 'bool', value: true } }
        };
      } else if (role === 'array') {
        const size: Expr = { k: 'case', when: isNotNull(c), then: { k: 'size', arr: c } };
        Object.assign(metrics, {
          min_length: { k: 'min', e: size },
          max_length: { k: 'max', e: size },
          mean_length: { k: 'avg', e: size },
          empty: {
            k: 'countIf',
            cond: and(isNotNull(c), {
              k: 'cmp',
              op: '=',
              l: { k: 'size', arr: c },
              r: { k: 'num', value: 0 }
            })
          }
        } satisfies Record<string, Agg>);
      }
      return { field, role, metrics };
    })
  };
}

/** Output column of a column's metric in pass 1: c<index>_<metric>. */
const outputName = (index: number, metric: string): string => `c${index}_${metric}`;

export function renderProfileStats(
  plan: ProfilePlan,
  d: Dialect,
  source: RelationSource
): { sql: string; outputs: string[] } {
  const parts = ['count(*) AS ' + quoteIdentifier('row_count', d)];
  const outputs = ['row_count'];
  plan.columns.forEach((column, index) => {
    for (const [metric, agg] of Object.entries(column.metrics)) {
      const name = outputName(index, metric);
      parts.push(`${renderAgg(agg, d)} AS ${quoteIdentifier(name, d)}`);
      outputs.push(name);
    }
  });
  return { sql: `SELECT ${parts.join(', ')} FROM ${renderRelation(source, d)}`, outputs };
}

type Stats = Readonly<Record<string, MetricValue>>;

const num = (value: MetricValue | undefined): number | null =>
  typeof value === 'number' ? value : null;

interface Grouped {
  readonly column: number;
  readonly kind: 'top' | 'histogram';
  readonly expr: Expr | string;
  readonly low?: number;
  readonly width?: number;
}

/** The grouped columns of pass 2: categorical ones (top values), numeric ones with a range (histogram). */
function groupedColumns(plan: ProfilePlan, stats: Stats): Grouped[] {
  const grouped: Grouped[] = [];
  plan.columns.forEach((column, index) => {
    const type = column.field.type;
    if (
      column.role === 'string' ||
      column.role === 'boolean' ||
      isIntegral(type) ||
      type.kind === 'date'
    ) {
      grouped.push({
        column: index,
        kind: 'top',
        expr: { k: 'castString', e: col(column.field.name) }
      });
    }
    if (column.role === 'numeric') {
      const low = num(stats[outputName(index, 'min')]);
      const high = num(stats[outputName(index, 'max')]);
      if (
        low !== null &&
        high !== null &&
        Number.isFinite(low) &&
        Number.isFinite(high) &&
        high > low
      ) {
        grouped.push({
          column: index,
          kind: 'histogram',
          expr: '',
          low,
          width: (high - low) / HISTOGRAM_BUCKETS
        });
      }
    }
  });
  return grouped;
}

function bucketSql(column: StructField, low: number, width: number, d: Dialect): string {
  const value = `CAST(${renderExpr(col(column.name), d)} AS DOUBLE)`;
  const finite = fractional(column.type)
    ? ` AND NOT isnan(${value}) AND ${d === 'spark' ? `abs(${value}) <> CAST('Infinity' AS DOUBLE)` : `NOT isinf(${value})`}`
    : '';
  const bucket = `least(CAST(floor((${value} - ${doubleLiteral(low)}) / ${doubleLiteral(width)}) AS BIGINT), ${HISTOGRAM_BUCKETS - 1})`;
  return `CAST(CASE WHEN ${value} IS NOT NULL${finite} THEN ${bucket} END AS ${d === 'spark' ? 'STRING' : 'VARCHAR'})`;
}

/** The pass-2 queries (one per 50 grouped columns; usually one). */
export function renderProfileGroups(
  plan: ProfilePlan,
  stats: Stats,
  d: Dialect,
  source: RelationSource
): { sql: string; groups: Grouped[] }[] {
  const grouped = groupedColumns(plan, stats);
  const queries: { sql: string; groups: Grouped[] }[] = [];
  const q = (name: string): string => quoteIdentifier(name, d);
  for (let start = 0; start < grouped.length; start += GROUPING_CHUNK) {
    const groups = grouped.slice(start, start + GROUPING_CHUNK);
    const names = groups.map((_, i) => q(`g${i}`));
    const selects = groups.map((g, i) => {
      const field = plan.columns[g.column].field;
      const sql =
        g.kind === 'top'
          ? renderExpr(g.expr as Expr, d)
          : bucketSql(field, g.low as number, g.width as number, d);
      return `${sql} AS ${names[i]}`;
    });
    const inner = `SELECT ${selects.join(', ')} FROM ${renderRelation(source, d)}`;
    const aggregated =
      `SELECT grouping_id(${names.join(', ')}) AS ${q('gid')}, coalesce(${names.join(', ')}) AS ${q('v')}, count(*) AS ${q('n')} ` +
      `FROM (${inner}) AS ${q('s')} GROUP BY GROUPING SETS (${names.map(n => `(${n})`).join(', ')})`;
    const ranked =
      `SELECT ${q('gid')}, ${q('v')}, ${q('n')}, row_number() OVER (PARTITION BY ${q('gid')} ORDER BY ${q('n')} DESC, ${q('v')} ASC) AS ${q('rk')} ` +
      `FROM (${aggregated}) AS ${q('a')} WHERE ${q('v')} IS NOT NULL`;
    queries.push({
      sql: `SELECT ${q('gid')}, ${q('v')}, ${q('n')} FROM (${ranked}) AS ${q('r')} WHERE ${q('rk')} <= ${HISTOGRAM_BUCKETS} ORDER BY ${q('gid')}, ${q('rk')}`,
      groups
    });
  }
  return queries;
}

/** grouping_id of the set holding only the i-th of n columns: every other bit set. */
function groupingId(i: number, n: number): number {
  return 2 ** n - 1 - 2 ** (n - 1 - i);
}

export function assembleProfile(
  plan: ProfilePlan,
  stats: Stats,
  groupRows: readonly {
    groups: readonly Grouped[];
    rows: readonly { gid: number; v: string; n: number }[];
  }[],
  context: { engine: string; scans: number }
): TableProfile {
  const rowCount = num(stats.row_count) ?? 0;
  const histograms = new Map<number, { low: number; high: number; count: number }[]>();
  const tops = new Map<number, { value: string; count: number }[]>();
  for (const { groups, rows } of groupRows) {
    groups.forEach((group, i) => {
      const gid = groupingId(i, groups.length);
      const mine = rows.filter(row => row.gid === gid);
      if (group.kind === 'top') {
        tops.set(
          group.column,
          mine.slice(0, TOP_VALUES).map(row => ({ value: row.v, count: row.n }))
        );
      } else {
        const counts = new Array<number>(HISTOGRAM_BUCKETS).fill(0);
        for (const row of mine) {
          counts[Number(row.v)] = row.n;
        }
        const low = group.low as number;
        const width = group.width as number;
        histograms.set(
          group.column,
          counts.map((count, b) => ({
            low: low + b * width,
            high:
              b === HISTOGRAM_BUCKETS - 1 ? low + HISTOGRAM_BUCKETS * width : low + (b + 1) * width,
            count
          }))
        );
      }
    });
  }
  const columns = plan.columns.map((column, index): ColumnProfile => {
    const get = (metric: string): number | null => num(stats[outputName(index, metric)]);
    const nonNull = get('non_null') ?? 0;
    const profile: Record<string, unknown> = {
      name: column.field.name,
      type: simpleString(column.field.type),
      nulls: rowCount - nonNull,
      nullRatio: rowCount === 0 ? null : (rowCount - nonNull) / rowCount
    };
    if ('approx_distinct' in column.metrics) {
      profile.approxDistinct = get('approx_distinct');
    }
    if (column.role === 'numeric') {
      Object.assign(profile, {
        min: get('min'),
        max: get('max'),
        mean: get('mean'),
        stddev: get('stddev')
      });
      const quantiles = stats[outputName(index, 'quantiles')];
      profile.quantiles = Object.fromEntries(
        PROFILE_QUANTILES.map((quantile, i) => [
          `p${Math.round(quantile * 100)}`,
          Array.isArray(quantiles) ? ((quantiles as (number | null)[])[i] ?? null) : null
        ])
      );
      if ('nan' in column.metrics) {
        Object.assign(profile, { nanCount: get('nan') ?? 0, infiniteCount: get('infinite') ?? 0 });
      }
    } else if (column.role === 'datetime') {
      const iso = (micros: number | null): string | null =>
        micros === null ? null : new Date(micros / 1000).toISOString();
      Object.assign(profile, { min: iso(get('min')), max: iso(get('max')) });
    } else if (column.role === 'boolean') {
      profile.trueCount = get('true_count') ?? 0;
    }
    if (column.role === 'string' || column.role === 'array') {
      profile.length = { min: get('min_length'), max: get('max_length'), mean: get('mean_length') };
    }
    if (column.role === 'array') {
      profile.emptyArrays = get('empty') ?? 0;
    }
    if (histograms.has(index)) {
      profile.histogram = histograms.get(index);
    }
    if (tops.has(index)) {
      profile.topValues = tops.get(index);
    }
    return profile as unknown as ColumnProfile;
  });
  return { engine: context.engine, rowCount, scans: context.scans, columns };
}
