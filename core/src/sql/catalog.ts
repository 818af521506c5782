/**
 * Table schemas the analyzer resolves names against. The file form maps `db.table` to Spark's
 * `StructType.json()` (exactly what `df.schema.json()` writes).
 */
import { fromSparkJson, SparkTypeJsonError, type StructField } from './types.js';

export interface CatalogTable {
  /** `db.table` or `table`, as written in the catalog. */
  readonly name: string;
  readonly fields: readonly StructField[];
}

export class Catalog {
  private readonly byName = new Map<string, CatalogTable>();

  /**
   * @param currentDatabase the database of unqualified names; by default the only database the
   *   catalog mentions, if there is exactly one.
   */
  constructor(
    tables: readonly CatalogTable[],
    readonly currentDatabase?: string
  ) {
    for (const table of tables) {
      this.byName.set(table.name.toLowerCase(), table);
    }
    if (currentDatabase === undefined) {
      const databases = new Set(
        tables.filter(t => t.name.includes('.')).map(t => t.name.split('.')[0].toLowerCase())
      );
      this.currentDatabase = databases.size === 1 ? [...databases][0] : undefined;
    }
  }

  /** Case-insensitive lookup of `[table]` or `[db, table]`. */
  lookup(parts: readonly string[]): CatalogTable | undefined {
    const name = parts.join('.').toLowerCase();
    const direct = this.byName.get(name);
    if (direct !== undefined || parts.length !== 1 || this.currentDatabase === undefined) {
      return direct;
    }
    return this.byName.get(`${this.currentDatabase}.${name}`);
  }

  tableNames(): string[] {
    return [...this.byName.values()].map(t => t.name);
  }
}

/** Thrown by {@link catalogFromJson} with the JSON path of the problem. */
export class CatalogFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogFormatError';
  }
}

/** Read `{"db.table": <StructType JSON>, ...}`. */
export function catalogFromJson(value: unknown, currentDatabase?: string): Catalog {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CatalogFormatError(
      'the catalog must be a JSON object mapping "db.table" to a StructType JSON'
    );
  }
  const tables: CatalogTable[] = [];
  for (const [name, schema] of Object.entries(value)) {
    try {
      const type = fromSparkJson(schema, `$["${name}"]`);
      if (type.kind !== 'struct') {
        throw new CatalogFormatError(
          `$["${name}"]: expected a StructType ({"type": "struct", "fields": [...]})`
        );
      }
      tables.push({ name, fields: type.fields });
    } catch (error) {
      if (error instanceof SparkTypeJsonError) {
        throw new CatalogFormatError(error.message);
      }
      throw error;
    }
  }
  return new Catalog(tables, currentDatabase);
}
