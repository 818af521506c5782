import { parseArgs } from 'node:util';
import type { ColumnProfile, TableProfile } from '@featurelab/core/validation';
import { UsageError } from '../errors.js';
import type { ValidationEngine } from '../validation/engine.js';
import { profileTable } from '../validation/profile-table.js';
import { resolveData } from '../validation/resolve-data.js';
import { printOut } from './terminal.js';
import { engineOf, openEngine, reportError, ValidateExit, workspaceOf } from './validate.js';

export const PROFILE_HELP = `Usage: featurelab profile --data PARQUET_PATH_OR_TABLE [--engine duckdb|spark]
                          [--columns A,B,...] [--json] [--python PYTHON] [--workspace DIR]

Profile a table in two scans: per column its type, nulls, approximate distinct count,
min/max/mean/stddev and quantiles (numbers), NaN and infinity counts, lengths (strings,
arrays), a 20-bucket histogram (numbers) and the top 10 values (strings, booleans, integers,
dates).

Options:
  --data X            a Parquet file or folder, or a table (see featurelab validate --help)
  --engine E          duckdb (default for paths) or spark (default for tables)
  --columns A,B       only these columns
  --python PYTHON     Python with pyspark and featurelab for --engine spark
  --workspace DIR     the workspace (default: $FEATURELAB_WORKSPACE or the current directory)
  --json              print the profile as JSON
  -h, --help          show this help

Exit status: 0 profiled; 2 usage error; 4 the data cannot be found; 5 the engine failed.
`;

export async function runProfileCommand(args: readonly string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...args],
      options: {
        help: { type: 'boolean', short: 'h' },
        data: { type: 'string' },
        engine: { type: 'string' },
        columns: { type: 'string' },
        python: { type: 'string' },
        workspace: { type: 'string' },
        json: { type: 'boolean' }
      },
      strict: true,
      allowPositionals: false
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (featurelab profile)`, {
      hint: PROFILE_HELP,
      cause: error
    });
  }
  if (values.help === true) {
    printOut(PROFILE_HELP);
    return ValidateExit.Ok;
  }
  if (typeof values.data !== 'string') {
    throw new UsageError('"featurelab profile" needs --data', { hint: PROFILE_HELP });
  }
  const json = values.json === true;
  const workspace = workspaceOf(values.workspace);
  let engine: ValidationEngine | undefined;
  try {
    const engineName = await engineOf(values.engine, values.data);
    const location = resolveData(values.data, { workspace, filesOnly: engineName === 'duckdb' });
    engine = await openEngine(engineName, values.python, workspace);
    const columns =
      typeof values.columns === 'string'
        ? values.columns
            .split(',')
            .map(c => c.trim())
            .filter(Boolean)
        : undefined;
    const profile = await profileTable(engine, location, columns);
    printOut(json ? JSON.stringify(profile, null, 2) : profileText(profile));
    return ValidateExit.Ok;
  } catch (error) {
    return reportError(error, json);
  } finally {
    await engine?.close();
  }
}

function profileText(profile: TableProfile): string {
  const short = (value: unknown): string =>
    typeof value === 'number' ? String(Number(value.toPrecision(6))) : String(value);
  const line = (c: ColumnProfile): string => {
    const parts = [`nulls ${c.nulls}`];
    if (c.approxDistinct !== undefined) {
      parts.push(`~${short(c.approxDistinct)} distinct`);
    }
    if (c.min !== undefined) {
      parts.push(`min ${short(c.min)}`, `max ${short(c.max)}`);
    }
    if (c.mean !== undefined && c.mean !== null) {
      parts.push(`mean ${short(c.mean)}`);
    }
    if (c.length) {
      parts.push(`length ${short(c.length.min)}..${short(c.length.max)}`);
    }
    if (c.topValues && c.topValues.length > 0) {
      parts.push(
        `top ${c.topValues
          .slice(0, 3)
          .map(t => `${JSON.stringify(t.value)} (${t.count})`)
          .join(', ')}`
      );
    }
    return `  ${c.name} ${c.type}: ${parts.join(', ')}`;
  };
  return [
    `${profile.rowCount} rows, ${profile.columns.length} columns (${profile.engine}, ${profile.scans} scans)`,
    ...profile.columns.map(line)
  ].join('\n');
}
