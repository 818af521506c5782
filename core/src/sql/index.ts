/**
 * `@featurelab/core/sql`: live schema inference for Spark SQL. Pure TypeScript with no DOM or
 * Node APIs, so it runs in a Web Worker as well as in the service.
 *
 * ```ts
 * const catalog = catalogFromJson(JSON.parse(text));
 * const result = analyzeSql('SELECT user_id, count(*) FROM demo.users GROUP BY 1', catalog);
 * ```
 */
import { analyzeQueryStatement, type OperatorSchema, type RelationSchema } from './analyzer.js';
import type { Catalog } from './catalog.js';
import { DiagnosticSink, type Diagnostic } from './diagnostics.js';
import { parseStatements, warmUpParser } from './parse.js';

export type { TextRange } from './ast.js';
export type { Column, OperatorSchema, RelationSchema } from './analyzer.js';
export { Catalog, CatalogFormatError, catalogFromJson, type CatalogTable } from './catalog.js';
export type { Diagnostic, Severity } from './diagnostics.js';
export { FUNCTIONS, lookupFunction, type FunctionDef } from './functions.js';
export { fromSparkJson, simpleString, type DataType, type StructField } from './types.js';
export { referencedTables } from './table-references.js';
export { warmUpParser };

export interface AnalyzeOptions {
  /** `spark.sql.ansi.enabled`; false (Spark 3.5's default) unless set. */
  readonly ansi?: boolean;
}

export interface AnalysisResult {
  /** Every CTE and aliased subquery, then `$result` (the last query's output). */
  readonly relations: readonly RelationSchema[];
  readonly operators: readonly OperatorSchema[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parse and analyse `text` (one or more `;`-separated statements) against `catalog`. Never
 * throws: syntax errors, unknown names and unsupported constructs are diagnostics.
 */
export function analyzeSql(
  text: string,
  catalog: Catalog,
  options: AnalyzeOptions = {}
): AnalysisResult {
  const diagnostics = new DiagnosticSink();
  const relations: RelationSchema[] = [];
  const operators: OperatorSchema[] = [];
  const mode = { ansi: options.ansi === true };
  try {
    const statements = parseStatements(text);
    statements.forEach((statement, index) => {
      for (const error of statement.syntaxErrors) {
        diagnostics.error('PARSE_SYNTAX_ERROR', error.message, error.range);
      }
      if (statement.notAQuery !== undefined) {
        diagnostics.notAnalyzed(`${statement.notAQuery} statements`, statement.range);
        return;
      }
      if (statement.notAnalyzed !== undefined) {
        diagnostics.notAnalyzed(statement.notAnalyzed, statement.range);
        return;
      }
      if (statement.query === undefined) {
        return;
      }
      const analysis = analyzeQueryStatement(statement.query, catalog, mode, diagnostics);
      const isLast = index === statements.length - 1;
      relations.push(...analysis.relations.filter(r => isLast || r.name !== '$result'));
      operators.push(...analysis.operators);
    });
  } catch (error) {
    // A bug must not take the editor down; it becomes a diagnostic on the whole text.
    const reason = error instanceof Error ? error.message : String(error);
    diagnostics.error('ANALYZER_INTERNAL_ERROR', `Internal analyzer error: ${reason}`, {
      from: 0,
      to: text.length
    });
  }
  return { relations, operators, diagnostics: clampRanges(diagnostics.items, text.length) };
}

/** Ranges always lie inside the text, whatever went wrong. */
function clampRanges(items: readonly Diagnostic[], length: number): Diagnostic[] {
  const clamp = (n: number): number => Math.max(0, Math.min(length, n));
  return items.map(d => ({
    ...d,
    range: { from: clamp(d.range.from), to: Math.max(clamp(d.range.from), clamp(d.range.to)) }
  }));
}
