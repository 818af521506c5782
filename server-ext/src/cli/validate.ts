import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isFeaturelabError } from '@featurelab/core';
import {
  ValidationSuiteError,
  type CheckResult,
  type SuiteResult
} from '@featurelab/core/validation';
import { loadServiceConfig } from '../config/service-config.js';
import { UsageError } from '../errors.js';
import { openRegistry } from '../registry/open-registry.js';
import { canonicalJson, contentHash } from '../specs/canonical.js';
import { DuckdbEngine } from '../validation/duckdb-engine.js';
import type { ValidationEngine } from '../validation/engine.js';
import { validationHistoryStoreOf } from '../validation/history-store.js';
import {
  loadSuiteFile,
  SuiteFileError,
  type LocatedSuiteProblem
} from '../validation/load-suite.js';
import { resolveData } from '../validation/resolve-data.js';
import { runSuite } from '../validation/run-suite.js';
import { SparkEngine } from '../validation/spark-engine.js';
import { printErr, printOut } from './terminal.js';

export const VALIDATE_HELP = `Usage: featurelab validate --suite SUITE.yaml --data PARQUET_PATH_OR_TABLE
                           [--engine duckdb|spark] [--json] [--explain]
                           [--python PYTHON] [--workspace DIR] [--now ISO_TIME]
                           [--record [--feature-group G] [--partition P] [--user NAME]
                            [--config FILE]]

Run a validation suite (docs/validation.md) on a table. The suite is compiled into the fewest
scans (one fused aggregation, one pass per distinct key of uniqueness-type checks); a check on
a missing column or of the wrong type fails before anything is read.

Options:
  --suite FILE        the suite: a YAML document with kind: ValidationSuite
  --data X            a Parquet file or folder, or a table (Spark catalog, or a table of the
                      workspace manifest for DuckDB); default: the suite's \`table\`
  --engine E          duckdb (in this process, local Parquet; default for paths) or spark
                      (python -m featurelab.validation; default for tables)
  --explain           print the plan (queries, scans) without running it
  --python PYTHON     Python with pyspark and featurelab for --engine spark
                      (default: $FEATURELAB_PYTHON or python3)
  --workspace DIR     the workspace (default: $FEATURELAB_WORKSPACE or the current directory)
  --now ISO_TIME      the time freshness is measured against (default: now)
  --record            store the result and every metric in the registry (metric history per
                      suite version, feature group and partition)
  --feature-group G   record under feature group G (default: the suite's featureGroup)
  --partition P       record under partition P (e.g. ds=2024-05-01)
  --user NAME         record as NAME (default: the login name)
  --config FILE       the service configuration naming the registry
                      (default: WORKSPACE/.featurelab/config.json)
  --json              print the result (or the plan) as JSON
  -h, --help          show this help

Exit status: 0 every blocking check passed (or the suite is in monitor mode); 1 a blocking
check failed; 2 usage error; 4 the suite is invalid or cannot run on this data (nothing was
scanned); 5 the engine failed.
`;

/** Exit statuses of validate and profile. */
export const ValidateExit = { Ok: 0, Failed: 1, Usage: 2, InvalidSuite: 4, Engine: 5 } as const;

export async function runValidateCommand(args: readonly string[]): Promise<number> {
  const values = parseValidateArgs(args);
  if (values.help === true) {
    printOut(VALIDATE_HELP);
    return ValidateExit.Ok;
  }
  if (typeof values.suite !== 'string') {
    throw new UsageError('"featurelab validate" needs --suite SUITE.yaml', { hint: VALIDATE_HELP });
  }
  const json = values.json === true;
  const workspace = workspaceOf(values.workspace);
  let engine: ValidationEngine | undefined;
  try {
    const loaded = loadSuiteFile(values.suite);
    const data = typeof values.data === 'string' ? values.data : loaded.suite.table;
    if (data === undefined) {
      throw new UsageError('"featurelab validate" needs --data (the suite names no table)', {
        hint: VALIDATE_HELP
      });
    }
    const engineName = await engineOf(values.engine, data);
    const location = resolveData(data, { workspace, filesOnly: engineName === 'duckdb' });
    engine = await openEngine(engineName, values.python, workspace);
    const now = typeof values.now === 'string' ? parseNow(values.now) : undefined;
    let outcome;
    try {
      outcome = await runSuite({
        engine,
        suite: loaded.suite,
        data: location,
        resolvePath: relative =>
          path.resolve(path.dirname(path.resolve(values.suite as string)), relative),
        now,
        explainOnly: values.explain === true
      });
    } catch (error) {
      if (error instanceof ValidationSuiteError) {
        throw new SuiteFileError(loaded.locate(error.problems));
      }
      throw error;
    }
    if (outcome.result === undefined) {
      printOut(
        json
          ? JSON.stringify({ plan: outcome.plan, rendered: outcome.rendered }, null, 2)
          : explainText(outcome.rendered)
      );
      return ValidateExit.Ok;
    }
    if (values.record === true) {
      const text = (v: string | boolean | undefined): string | undefined =>
        typeof v === 'string' ? v : undefined;
      const config = loadServiceConfig({ workspace, configFile: text(values.config) });
      const registry = await openRegistry(config.registry);
      try {
        await validationHistoryStoreOf(registry).record({
          id: randomUUID(),
          suite: loaded.suite.name,
          suiteHash: contentHash(canonicalJson(loaded.suite)),
          featureGroup: text(values['feature-group']) ?? loaded.suite.featureGroup ?? null,
          partition: text(values.partition) ?? null,
          data,
          createdBy: text(values.user) ?? userInfo().username,
          result: outcome.result
        });
      } finally {
        await registry.close();
      }
    }
    printOut(json ? JSON.stringify(outcome.result, null, 2) : resultText(outcome.result));
    return outcome.result.status === 'fail' && outcome.result.mode === 'block'
      ? ValidateExit.Failed
      : ValidateExit.Ok;
  } catch (error) {
    return reportError(error, json);
  } finally {
    await engine?.close();
  }
}

function parseValidateArgs(args: readonly string[]): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({
      args: [...args],
      options: {
        help: { type: 'boolean', short: 'h' },
        suite: { type: 'string' },
        data: { type: 'string' },
        engine: { type: 'string' },
        python: { type: 'string' },
        workspace: { type: 'string' },
        now: { type: 'string' },
        explain: { type: 'boolean' },
        json: { type: 'boolean' },
        record: { type: 'boolean' },
        'feature-group': { type: 'string' },
        partition: { type: 'string' },
        user: { type: 'string' },
        config: { type: 'string' }
      },
      strict: true,
      allowPositionals: false
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (featurelab validate)`, {
      hint: VALIDATE_HELP,
      cause: error
    });
  }
}

export function workspaceOf(value: string | boolean | undefined): string {
  return path.resolve(
    typeof value === 'string' ? value : (process.env.FEATURELAB_WORKSPACE ?? process.cwd())
  );
}

/**
 * The engine: the one asked for, else DuckDB for paths (Spark where this installation has no
 * DuckDB, as in the wheel) and Spark for table names.
 */
export async function engineOf(
  value: string | boolean | undefined,
  data: string
): Promise<'duckdb' | 'spark'> {
  if (value === undefined) {
    const isPath = /[\\/]|\.parquet$/i.test(data);
    return isPath && (await DuckdbEngine.available()) ? 'duckdb' : 'spark';
  }
  if (value !== 'duckdb' && value !== 'spark') {
    throw new UsageError(`unknown engine "${String(value)}"`, {
      hint: 'Use --engine duckdb or --engine spark.'
    });
  }
  return value;
}

export async function openEngine(
  name: 'duckdb' | 'spark',
  python: string | boolean | undefined,
  workspace: string
): Promise<ValidationEngine> {
  if (name === 'duckdb') {
    return DuckdbEngine.open();
  }
  return SparkEngine.open({
    python: typeof python === 'string' ? python : undefined,
    // The helper registers the workspace's tables, so --data can name them.
    env: existsSync(workspace) ? { ...process.env, FEATURELAB_WORKSPACE: workspace } : process.env
  });
}

function parseNow(text: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    throw new UsageError(`--now "${text}" is not a time`, {
      hint: 'Write an ISO time such as 2024-05-01T12:00:00Z.'
    });
  }
  return date;
}

/** Print a typed error (JSON with --json) and map it to an exit status. */
export function reportError(error: unknown, json: boolean): number {
  if (error instanceof UsageError) {
    throw error;
  }
  if (!isFeaturelabError(error)) {
    throw error;
  }
  const problems: readonly LocatedSuiteProblem[] =
    error instanceof SuiteFileError ? error.problems : [];
  if (json) {
    printOut(
      JSON.stringify(
        { error: { kind: error.kind, message: error.message, hint: error.hint, problems } },
        null,
        2
      )
    );
  } else if (problems.length > 0) {
    printErr(
      problems
        .map(
          p =>
            `${p.file}:${p.line}:${p.column}: ${p.message} (at ${p.pointer || '/'})\n  fix: ${p.hint}`
        )
        .join('\n')
    );
  } else {
    printErr(`featurelab: ${error.message}${error.hint ? `\nfix: ${error.hint}` : ''}`);
  }
  return error.kind === 'SuiteFileError' || error.kind === 'ValidationDataError'
    ? ValidateExit.InvalidSuite
    : ValidateExit.Engine;
}

function resultText(result: SuiteResult): string {
  const line = (check: CheckResult): string => {
    const mark = check.status === 'pass' ? 'PASS' : check.severity === 'warn' ? 'WARN' : 'FAIL';
    const samples =
      check.samples && check.samples.length > 0
        ? `\n        e.g. ${check.samples
            .slice(0, 3)
            .map(s => JSON.stringify(s))
            .join('\n             ')}`
        : '';
    return `  ${mark}  ${check.id}: ${check.message}${samples}`;
  };
  return [
    `suite ${result.suite} on ${result.engine}: ${result.status.toUpperCase()} (${result.rowCount ?? '?'} rows, ${result.scans} scan(s), ${result.durationMs} ms)`,
    ...result.checks.map(line)
  ].join('\n');
}

function explainText(rendered: {
  dialect: string;
  scans: number;
  queries: readonly { id: string; description: string; sql: string }[];
}): string {
  return [
    `${rendered.scans} scan(s) in ${rendered.dialect} SQL:`,
    ...rendered.queries.map(q => `-- ${q.id}: ${q.description}\n${q.sql};`)
  ].join('\n');
}
