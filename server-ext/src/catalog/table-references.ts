import { referencedTables } from '@featurelab/core/sql';

/** Parsed SQL sources are cached by text: the grammar is slow and the same query is asked often. */
const MAX_CACHED = 2_000;
const cache = new Map<string, readonly string[]>();

/**
 * Tables a feature group's Spark SQL reads, as written (`demo.items`), through the SQL
 * analyzer's parser. Empty when the query does not parse; lineage then shows the declared
 * `source.tables` only.
 */
export function tablesOfSql(query: string): readonly string[] {
  const cached = cache.get(query);
  if (cached !== undefined) {
    return cached;
  }
  const tables = referencedTables(query);
  if (cache.size >= MAX_CACHED) {
    // Oldest first: Map keeps insertion order.
    cache.delete(cache.keys().next().value as string);
  }
  cache.set(query, tables);
  return tables;
}
