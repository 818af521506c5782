/**
 * Messages between the main thread and the analysis worker, and the analysis
 * result both sides share. Plain JSON-compatible data: it crosses
 * `postMessage`.
 */

import type { IFunctionInfo } from './functionInfo.js';

/**
 * A `[from, to)` range of character offsets.
 */
export interface ITextRange {
  readonly from: number;
  readonly to: number;
}

/**
 * One column of a relation, as Spark prints it.
 */
export interface IColumnSchema {
  readonly name: string;
  /** Spark's `simpleString`, or `unknown`. */
  readonly type: string;
  readonly nullable: boolean;
}

/**
 * A CTE, an aliased subquery or `$result`, with its range in the analyzed text.
 */
export interface IRelationSchema {
  readonly name: string;
  readonly columns: readonly IColumnSchema[];
  readonly range: ITextRange;
  /** False when part of the relation could not be analyzed. */
  readonly complete: boolean;
}

/**
 * One operator (scan, filter, project, aggregate, join...) and its output.
 */
export interface IOperatorSchema {
  readonly op: string;
  /** The enclosing relation's name. */
  readonly relation: string;
  readonly range: ITextRange;
  readonly columns: readonly IColumnSchema[];
}

/**
 * A problem found by the analyzer.
 */
export interface IAnalysisDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly range: ITextRange;
  readonly code: string;
}

/**
 * What an analyzer answers for one text. Ranges are offsets into that text.
 */
export interface IAnalysis {
  readonly relations: readonly IRelationSchema[];
  readonly operators: readonly IOperatorSchema[];
  readonly diagnostics: readonly IAnalysisDiagnostic[];
}

/**
 * Which analyzer handles a text. `sql` is Spark SQL; other analyzers (PySpark
 * chains) register under their own name.
 */
export type AnalysisLanguage = string;

/**
 * A catalog table: `db.name` (or `name`) and Spark's `StructType.json()`.
 */
export interface ICatalogTableJson {
  readonly name: string;
  readonly schemaJson: unknown;
}

/**
 * Main thread -> worker.
 */
export type WorkerRequest =
  | {
      readonly type: 'catalog';
      readonly version: number;
      readonly tables: readonly ICatalogTableJson[];
      readonly currentDatabase?: string;
    }
  | {
      readonly type: 'analyze';
      /** Requests with the same key replace each other (latest wins). */
      readonly key: string;
      readonly seq: number;
      readonly language: AnalysisLanguage;
      readonly text: string;
      readonly catalogVersion: number;
      readonly ansi?: boolean;
      /** Sources of the cells run before this one (PySpark: their DataFrame variables). */
      readonly precedingCells?: readonly string[];
    }
  | { readonly type: 'forget'; readonly key: string };

/**
 * Worker -> main thread.
 */
export type WorkerReply =
  | {
      readonly type: 'ready';
      readonly warmUpMs: number;
      readonly languages: readonly string[];
      /** Built-in functions with signatures, for completion and hover. */
      readonly functions: readonly IFunctionInfo[];
    }
  | {
      readonly type: 'analysis';
      readonly key: string;
      readonly seq: number;
      /** The catalog version the analysis used. */
      readonly catalogVersion: number;
      readonly analysis: IAnalysis;
      readonly elapsedMs: number;
    }
  | {
      readonly type: 'error';
      readonly key: string;
      readonly seq: number;
      readonly message: string;
    };
