import {
  assembleProfile,
  planProfile,
  renderProfileGroups,
  renderProfileStats,
  type MetricValue,
  type TableProfile
} from '@featurelab/core/validation';
import { metricValue, type ValidationEngine } from './engine.js';
import { ValidationEngineError } from './errors.js';
import { relationSource, type DataLocation } from './run-suite.js';

/**
 * Profile a table on an engine: schema (no scan), one fused statistics pass, one grouping-sets
 * pass for top values and histograms (per 50 such columns).
 */
export async function profileTable(
  engine: ValidationEngine,
  data: DataLocation,
  columns?: readonly string[]
): Promise<TableProfile> {
  const source = relationSource(engine, data);
  let schema = await engine.schema(source);
  if (columns !== undefined && columns.length > 0) {
    const wanted = new Set(columns.map(c => c.toLowerCase()));
    schema = schema.filter(field => wanted.has(field.name.toLowerCase()));
  }
  const plan = planProfile(schema);
  const stats = renderProfileStats(plan, engine.dialect, source);
  const [row] = await run(engine, stats.sql);
  const values: Record<string, MetricValue> = {};
  for (const output of stats.outputs) {
    values[output] = metricValue(row?.[output]);
  }
  const groupQueries = renderProfileGroups(plan, values, engine.dialect, source);
  const groupRows = [];
  for (const query of groupQueries) {
    const rows = await run(engine, query.sql);
    groupRows.push({
      groups: query.groups,
      rows: rows.map(r => ({
        gid: Number(metricValue(r.gid)),
        v: String(r.v),
        n: Number(metricValue(r.n))
      }))
    });
  }
  return assembleProfile(plan, values, groupRows, {
    engine: engine.name,
    scans: 1 + groupQueries.length
  });
}

async function run(engine: ValidationEngine, sql: string): Promise<Record<string, unknown>[]> {
  try {
    return (await engine.query(sql)) as Record<string, unknown>[];
  } catch (error) {
    throw new ValidationEngineError(
      `${engine.name} failed to profile: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      `The query was: ${sql.slice(0, 2000)}`,
      error
    );
  }
}
