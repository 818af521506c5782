import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzePySpark } from '@featurelab/core/pyspark';
import {
  analyzeSql,
  catalogFromJson,
  CatalogFormatError,
  type AnalysisResult,
  type Catalog
} from '@featurelab/core/sql';
import { UsageError } from '../errors.js';
import { printOut } from './terminal.js';

export interface InferCommandArgs {
  /** The SQL file, or a Python file (`.py`) whose PySpark DataFrame chains are analysed. */
  readonly query: string;
  /** The catalog file: `{"db.table": <StructType JSON>}`. */
  readonly catalog?: string;
  readonly ansi: boolean;
}

/** A text range as the command prints it: character (code point) offsets into the file. */
interface PrintedRange {
  readonly from: number;
  readonly to: number;
}

/**
 * `featurelab infer --catalog CATALOG.json QUERY.sql|CELL.py [--ansi]`: print the inferred schema
 * of every relation and operator of the query (for Python: of every DataFrame variable, then the
 * last statement's DataFrame as `$result`), and its diagnostics, as one JSON object. Exit 0
 * whenever the input was analysed, diagnostics or not.
 */
export function runInferCommand(args: InferCommandArgs): number {
  if (args.catalog === undefined) {
    throw new UsageError('"featurelab infer" needs --catalog CATALOG.json', {
      hint: 'Pass a JSON file mapping "db.table" to the table schema as df.schema.json() writes it.'
    });
  }
  const catalog = readCatalog(args.catalog);
  const text = readText(args.query, 'query');
  const options = { ansi: args.ansi };
  const result = isPython(args.query)
    ? analyzePySpark(text, catalog, options)
    : analyzeSql(text, catalog, options);
  printOut(JSON.stringify(printable(result, text)));
  return 0;
}

/** Python cells are recognised by their extension: `.py` (or `.ipy`). */
function isPython(file: string): boolean {
  return /\.i?py$/i.test(file);
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as { code?: unknown }).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new UsageError(`the ${what} file ${path.resolve(file)} ${reason}`, { cause: error });
  }
}

function readCatalog(file: string): Catalog {
  const text = readText(file, 'catalog');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `the catalog file ${path.resolve(file)} is not JSON: ${(error as Error).message}`,
      { cause: error }
    );
  }
  try {
    return catalogFromJson(json);
  } catch (error) {
    if (error instanceof CatalogFormatError) {
      throw new UsageError(`the catalog file ${path.resolve(file)} is invalid: ${error.message}`, {
        hint: 'Each entry maps "db.table" to a StructType JSON: {"type": "struct", "fields": [{"name", "type", "nullable", "metadata"}]}.',
        cause: error
      });
    }
    throw error;
  }
}

/** The command's stable JSON contract (issue 4), with ranges in code points. */
function printable(result: AnalysisResult, text: string): object {
  const toPoints = codePointOffsets(text);
  const range = (r: { from: number; to: number }): PrintedRange => ({
    from: toPoints(r.from),
    to: toPoints(r.to)
  });
  return {
    relations: result.relations.map(r => ({ name: r.name, columns: r.columns })),
    operators: result.operators.map(o => ({
      op: o.op,
      relation: o.relation,
      range: range(o.range),
      columns: o.columns
    })),
    diagnostics: result.diagnostics.map(d => ({
      severity: d.severity,
      message: d.message,
      range: range(d.range)
    }))
  };
}

/** Maps UTF-16 offsets (what JavaScript strings use) to code point offsets. */
function codePointOffsets(text: string): (offset: number) => number {
  if (!/[\uD800-\uDBFF]/.test(text)) {
    return offset => offset;
  }
  const points: number[] = [];
  let point = 0;
  for (let i = 0; i <= text.length; i++) {
    points.push(point);
    const code = text.charCodeAt(i);
    if (!(code >= 0xd800 && code <= 0xdbff)) {
      point++;
    }
  }
  return offset => points[Math.max(0, Math.min(points.length - 1, offset))];
}
