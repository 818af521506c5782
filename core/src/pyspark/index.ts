/**
 * `@featurelab/core/pyspark`: live schema inference for PySpark DataFrame chains in Python
 * cells. The chain is lowered to the SQL analyzer's plan, so the result has the same shape as
 * `analyzeSql`'s: relations (every DataFrame variable, then `$result`), operators and
 * diagnostics with ranges into the cell text. Pure TypeScript, no Python runtime.
 *
 * ```ts
 * const result = analyzePySpark('df = spark.table("demo.users").select("user_id")', catalog);
 * ```
 */
import { columnsOf, FrameAnalyzer } from '../sql/analyzer.js';
import type { Catalog } from '../sql/catalog.js';
import { DiagnosticSink } from '../sql/diagnostics.js';
import type { AnalysisResult, AnalyzeOptions } from '../sql/index.js';
import { Lowering } from './lower.js';
import { parsePython } from './python.js';

export { parsePython, tokenize, type PyExpr, type PyStatement } from './python.js';

export interface PySparkAnalyzeOptions extends AnalyzeOptions {
  /**
   * The texts of the cells run before this one, in order: their imports and DataFrame variables
   * are known here. Their own diagnostics and operators are not reported.
   */
  readonly precedingCells?: readonly string[];
}

/**
 * Analyse the DataFrame chains of a Python cell against `catalog`. Never throws: what cannot be
 * read or is not followed yet becomes a diagnostic or is skipped quietly (plain Python).
 */
export function analyzePySpark(
  text: string,
  catalog: Catalog,
  options: PySparkAnalyzeOptions = {}
): AnalysisResult {
  const diagnostics = new DiagnosticSink();
  const analyzer = new FrameAnalyzer(catalog, { ansi: options.ansi === true }, diagnostics);
  const lowering = new Lowering(analyzer, catalog, diagnostics);
  try {
    for (const earlier of options.precedingCells ?? []) {
      lowering.run(parsePython(earlier), new DiagnosticSink(), false);
    }
    analyzer.operators.length = 0;
    lowering.run(parsePython(text), diagnostics, true);
  } catch (error) {
    // A bug must not take the editor down; it becomes a diagnostic on the whole text.
    const reason = error instanceof Error ? error.message : String(error);
    diagnostics.error('ANALYZER_INTERNAL_ERROR', `Internal analyzer error: ${reason}`, {
      from: 0,
      to: text.length
    });
  }
  const relations = lowering.relations.map(r => ({
    name: r.name,
    columns: columnsOf(r.frame.attributes),
    range: r.range,
    complete: r.frame.complete
  }));
  if (lowering.result !== undefined) {
    const result = lowering.result;
    relations.push({
      name: '$result',
      columns: columnsOf(result.frame.attributes),
      range: result.range,
      complete: result.frame.complete
    });
  }
  const length = text.length;
  const clamp = (n: number): number => Math.max(0, Math.min(length, n));
  const inside = <R extends { range: { from: number; to: number } }>(item: R): R => ({
    ...item,
    range: {
      from: clamp(item.range.from),
      to: Math.max(clamp(item.range.from), clamp(item.range.to))
    }
  });
  return {
    relations: relations.map(inside),
    operators: analyzer.operators.map(inside),
    diagnostics: diagnostics.items.map(inside)
  };
}
