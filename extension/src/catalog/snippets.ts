/**
 * Code that reads catalog objects in PySpark. Names are quoted by construction: each part
 * a backquoted Spark identifier, the whole a Python string literal.
 */
import type { CatalogEntry } from './types.js';

/** A Spark SQL identifier in backquotes; a backquote inside is doubled. */
export function quoteSparkIdentifier(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}

/**
 * A Python string literal of `text`. JSON's escapes (\" \\ \n \uXXXX ...) all mean the same
 * in Python, and JSON.stringify escapes every control character and lone surrogate.
 */
export function pythonStringLiteral(text: string): string {
  return JSON.stringify(text);
}

/** `database.table` (or `table`) with each part quoted. */
export function qualifiedTable(database: string, table: string): string {
  return database
    ? `${quoteSparkIdentifier(database)}.${quoteSparkIdentifier(table)}`
    : quoteSparkIdentifier(table);
}

/** The feature group a catalog entry lives in, if it is a feature group or a feature. */
export function featureGroupOf(
  entry: Pick<CatalogEntry, 'kind' | 'name' | 'featureGroup'>
): { group: string; feature?: string } | null {
  if (entry.kind === 'FeatureGroup') {
    return { group: entry.name };
  }
  if (entry.kind === 'Feature' && entry.featureGroup) {
    const prefix = `${entry.featureGroup}.`;
    const feature = entry.name.startsWith(prefix) ? entry.name.slice(prefix.length) : entry.name;
    return { group: entry.featureGroup, feature };
  }
  return null;
}

/**
 * PySpark that reads a feature group (or one feature of it) into `df`; null for other kinds.
 * `database` is where feature group tables live ('' for the current database).
 */
export function pysparkReadSnippet(
  entry: Pick<CatalogEntry, 'kind' | 'name' | 'featureGroup'>,
  database: string
): string | null {
  const target = featureGroupOf(entry);
  if (!target) {
    return null;
  }
  const table = pythonStringLiteral(qualifiedTable(database, target.group));
  const read = `spark.table(${table})`;
  if (target.feature === undefined) {
    return `df = ${read}`;
  }
  return `df = ${read}.select(${pythonStringLiteral(quoteSparkIdentifier(target.feature))})`;
}

/**
 * The name `catalog.get` takes for an entry: "<group>.<feature>" for a feature, the name
 * for every other kind.
 */
export function catalogName(entry: Pick<CatalogEntry, 'kind' | 'name' | 'featureGroup'>): string {
  return entry.kind === 'Feature' && entry.featureGroup
    ? `${entry.featureGroup}.${entry.name}`
    : entry.name;
}
