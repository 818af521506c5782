/**
 * The rows of a detail view's schema table, read from a stored spec document.
 */

export interface ISchemaRow {
  name: string;
  type: string;
  /** null when the spec does not say. */
  nullable: boolean | null;
  description: string;
  /** Why the row is there: a join key, the event-time column or a feature. */
  role: 'key' | 'event-time' | 'feature';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function fieldRow(value: unknown, role: ISchemaRow['role']): ISchemaRow | null {
  if (!isRecord(value) || typeof value.name !== 'string') {
    return null;
  }
  return {
    name: value.name,
    type: text(value.type),
    nullable: typeof value.nullable === 'boolean' ? value.nullable : null,
    description: text(value.description),
    role
  };
}

/**
 * Schema rows of a spec: an entity's join keys, a feature group's event-time column and
 * features, or one feature (`feature` names it inside its group's spec).
 */
export function schemaRows(spec: Record<string, unknown>, feature?: string): ISchemaRow[] {
  const rows: ISchemaRow[] = [];
  if (Array.isArray(spec.joinKeys)) {
    for (const key of spec.joinKeys) {
      const row = fieldRow(key, 'key');
      if (row) {
        rows.push(row);
      }
    }
  }
  if (Array.isArray(spec.features)) {
    if (typeof spec.eventTimeColumn === 'string' && feature === undefined) {
      rows.push({
        name: spec.eventTimeColumn,
        type: 'timestamp',
        nullable: null,
        description: '',
        role: 'event-time'
      });
    }
    for (const item of spec.features) {
      const row = fieldRow(item, 'feature');
      if (row && row.type && (feature === undefined || row.name === feature)) {
        rows.push(row);
      }
    }
  } else if (typeof spec.name === 'string' && typeof spec.type === 'string') {
    // The spec of a single feature.
    const row = fieldRow(spec, 'feature');
    if (row) {
      rows.push(row);
    }
  }
  return rows;
}

/**
 * The source of a feature group spec: SQL text, a PySpark file, or a notebook cell.
 */
export type SpecSource =
  | { type: 'sql'; query: string; tables: string[] }
  | { type: 'pyspark'; file: string; function?: string; tables: string[] }
  | { type: 'notebook'; notebook: string; cell: string; tables: string[] };

export function specSource(spec: Record<string, unknown>): SpecSource | null {
  const source = spec.source;
  if (!isRecord(source)) {
    return null;
  }
  const tables = Array.isArray(source.tables)
    ? source.tables.filter((table): table is string => typeof table === 'string')
    : [];
  switch (source.type) {
    case 'sql':
      return typeof source.query === 'string' ? { type: 'sql', query: source.query, tables } : null;
    case 'pyspark':
      return typeof source.file === 'string'
        ? {
            type: 'pyspark',
            file: source.file,
            function: typeof source.function === 'string' ? source.function : undefined,
            tables
          }
        : null;
    case 'notebook':
      return typeof source.notebook === 'string' && typeof source.cell === 'string'
        ? { type: 'notebook', notebook: source.notebook, cell: source.cell, tables }
        : null;
    default:
      return null;
  }
}
