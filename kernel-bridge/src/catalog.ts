/**
 * The Spark catalog as seen through the kernel bridge.
 */
import type { ArrowTable } from './arrow.js';
import { SparkTypeParseError } from './errors.js';
import { type ISparkStructType, parseSparkSchemaJson } from './sparkTypes.js';

/**
 * One table or view of the kernel's SparkSession catalog.
 */
export interface ISparkTable {
  /** Database (namespace); empty for local temporary views. */
  readonly database: string;
  readonly name: string;
  /** Spark's table type: `MANAGED`, `EXTERNAL`, `VIEW`, `TEMPORARY`... */
  readonly tableType: string;
  readonly isTemporary: boolean;
  /** The parsed schema; null when it could not be read. */
  readonly schema: ISparkStructType | null;
  /** Why the schema could not be read, or null. */
  readonly error: string | null;
}

/**
 * The answer of the `catalog` method.
 */
export interface ICatalogListing {
  /** Whether the kernel holds an active SparkSession. */
  readonly sessionActive: boolean;
  /** The Spark version of the session, null without a session. */
  readonly sparkVersion: string | null;
  readonly tables: readonly ISparkTable[];
}

/**
 * The name a table is addressed by: `db.name`, or `name` for a local
 * temporary view.
 */
export function qualifiedTableName(table: Pick<ISparkTable, 'database' | 'name'>): string {
  return table.database ? `${table.database}.${table.name}` : table.name;
}

/**
 * Convert the Arrow table of the `catalog` reply into typed tables.
 *
 * A schema that fails to parse only marks its own table as failed, so one
 * odd table never hides the rest of the catalog.
 */
export function catalogTablesFromArrow(table: ArrowTable): ISparkTable[] {
  const column = (name: string) => table.getChild(name);
  const database = column('database');
  const name = column('name');
  const tableType = column('table_type');
  const isTemporary = column('is_temporary');
  const schemaJson = column('schema_json');
  const error = column('error');
  const tables: ISparkTable[] = [];
  for (let row = 0; row < table.numRows; row++) {
    const tableName = asString(name?.get(row));
    if (!tableName) {
      continue;
    }
    let schema: ISparkStructType | null = null;
    let schemaError = asString(error?.get(row)) || null;
    const json = asString(schemaJson?.get(row));
    if (json && !schemaError) {
      try {
        schema = parseSparkSchemaJson(json);
      } catch (reason) {
        schemaError = reason instanceof SparkTypeParseError ? reason.message : String(reason);
      }
    }
    tables.push({
      database: asString(database?.get(row)),
      name: tableName,
      tableType: asString(tableType?.get(row)),
      isTemporary: isTemporary?.get(row) === true,
      schema,
      error: schemaError
    });
  }
  return tables;
}

function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
