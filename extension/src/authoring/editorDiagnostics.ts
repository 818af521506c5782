/**
 * Analyzer diagnostics -> CodeMirror lint diagnostics on the cell's source.
 */
import type { Diagnostic as EditorDiagnostic } from '@codemirror/lint';

import type { IAnalysis, IAnalysisDiagnostic } from './protocol.js';
import { type ISqlRegion, looksLikeQuery, rangeToSource } from './sqlRegions.js';

/**
 * Where diagnostics come from, shown in the lint tooltip.
 */
export const DIAGNOSTIC_SOURCE = 'Spark SQL';

/**
 * The diagnostics of `analysis` (of `region.text`) as editor diagnostics on a
 * document of `docLength` characters. Ranges are mapped through the region,
 * kept inside it and inside the document; an empty range is widened to one
 * character so the squiggle is visible.
 */
export function toEditorDiagnostics(
  analysis: IAnalysis,
  region: ISqlRegion,
  docLength: number
): EditorDiagnostic[] {
  const low = Math.min(region.sourceRange.from, docLength);
  const high = Math.min(region.sourceRange.to, docLength);
  const clamp = (value: number) => Math.max(low, Math.min(high, value));
  return analysis.diagnostics
    .filter(d => !isStatementNotAnalyzed(d, region))
    .map(diagnostic => {
      const mapped = rangeToSource(region, diagnostic.range);
      let from = clamp(mapped.from);
      let to = clamp(mapped.to);
      if (to <= from) {
        if (from < high) {
          to = from + 1;
        } else if (from > low) {
          from = from - 1;
          to = from + 1;
        } else {
          to = from;
        }
      }
      return {
        from,
        to,
        severity: diagnostic.severity,
        message: diagnostic.message,
        source: diagnostic.code ? `${DIAGNOSTIC_SOURCE} ${diagnostic.code}` : DIAGNOSTIC_SOURCE
      };
    });
}

/**
 * DDL and DML in a `%%sql` cell are run, not analyzed: the analyzer's
 * "not analyzed yet" warning over a whole non-query statement would only be
 * noise. Warnings inside queries (unsupported constructs) stay.
 */
function isStatementNotAnalyzed(diagnostic: IAnalysisDiagnostic, region: ISqlRegion): boolean {
  return (
    diagnostic.code === 'NOT_ANALYZED_YET' &&
    !looksLikeQuery(region.text.slice(diagnostic.range.from, diagnostic.range.to))
  );
}
