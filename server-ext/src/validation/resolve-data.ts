import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ValidationDataError } from './errors.js';
import type { DataLocation } from './run-suite.js';

/**
 * What `--data` names: an existing path is Parquet; anything else is a table. For engines that
 * read only files (DuckDB), a table of the workspace's warehouse manifest
 * (`.featurelab/warehouse.json`, written by the demo and by imports) resolves to its files.
 */
export function resolveData(
  data: string,
  options: { workspace?: string; filesOnly: boolean }
): DataLocation {
  if (existsSync(data)) {
    return { parquet: path.resolve(data) };
  }
  if (!options.filesOnly) {
    return { table: data };
  }
  const workspace = options.workspace;
  const manifest =
    workspace === undefined ? undefined : path.join(workspace, '.featurelab', 'warehouse.json');
  if (manifest !== undefined && existsSync(manifest)) {
    let tables: { database?: unknown; name?: unknown; location?: unknown; format?: unknown }[] = [];
    try {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { tables?: unknown };
      tables = Array.isArray(parsed.tables) ? (parsed.tables as typeof tables) : [];
    } catch (error) {
      throw new ValidationDataError(
        `the warehouse manifest ${manifest} is not valid JSON`,
        'Regenerate it, or pass a Parquet path.',
        error
      );
    }
    const wanted = data.toLowerCase();
    const table = tables.find(
      t =>
        `${String(t.database)}.${String(t.name)}`.toLowerCase() === wanted ||
        String(t.name).toLowerCase() === wanted
    );
    if (table && typeof table.location === 'string' && (table.format ?? 'parquet') === 'parquet') {
      return { parquet: path.resolve(workspace as string, table.location) };
    }
  }
  throw new ValidationDataError(
    `"${data}" is neither a file or folder nor a table of the workspace manifest`,
    'Pass a Parquet path, a table listed in WORKSPACE/.featurelab/warehouse.json (--workspace), or use --engine spark for catalog tables.'
  );
}
