/**
 * What a Python expression of a PySpark cell evaluates to, as far as schema inference cares:
 * DataFrames (as analysed frames), columns (as SQL expressions), grouped data, window specs,
 * plain Python literals, and the modules and names that build them.
 */
import type { Expr, SortItem, TextRange, WindowFrame } from '../sql/ast.js';
import type { Attribute } from '../sql/expressions.js';
import type { DataType } from '../sql/types.js';

/** An analysed DataFrame: its binding name for the analyzer, and its output. */
export interface Frame {
  /** The key it is bound under in `FrameAnalyzer.analyze`'s frames. */
  readonly binding: string;
  readonly attributes: readonly Attribute[];
  /** False when something unsupported hides (some of) its columns. */
  readonly complete: boolean;
}

export interface ColumnValue {
  readonly k: 'column';
  readonly expr: Expr;
  /** `.alias(...)`: the name(s) it gets as a select item. */
  readonly alias?: readonly { readonly name: string; readonly range: TextRange }[];
  /** `.desc()`, `.asc_nulls_last()`, ...: how it sorts. */
  readonly sort?: { readonly descending: boolean; readonly nullsFirst?: boolean };
  /** `F.when(...)` chains: the branches so far, for `.when` and `.otherwise`. */
  readonly whens?: readonly (readonly [Expr, Expr])[];
}

export type PyLiteral = string | number | boolean | null;

export interface WindowValue {
  readonly k: 'window';
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly SortItem[];
  readonly frame?: WindowFrame;
}

export type Value =
  | { readonly k: 'session' }
  | { readonly k: 'reader' }
  | { readonly k: 'frame'; readonly frame: Frame }
  | {
      readonly k: 'grouped';
      readonly frame: Frame;
      readonly keys: readonly ColumnValue[];
      readonly analytics: 'groupBy' | 'rollup' | 'cube';
      readonly range: TextRange;
    }
  | ColumnValue
  | { readonly k: 'functions' }
  /** A function of `pyspark.sql.functions` (`F.sum`, or `sum` imported from it). */
  | { readonly k: 'function'; readonly name: string }
  | { readonly k: 'windowClass' }
  | WindowValue
  | { readonly k: 'typesModule' }
  /** A type class of `pyspark.sql.types` (`IntegerType`), not yet instantiated. */
  | { readonly k: 'typeClass'; readonly name: string }
  | { readonly k: 'dataType'; readonly type: DataType }
  | {
      readonly k: 'literal';
      readonly value: PyLiteral;
      /** Python floats are doubles, ints are ints or longs. */
      readonly float?: boolean;
      readonly text?: string;
      /** For strings that map one to one onto the text: where their content starts. */
      readonly contentFrom?: number;
      readonly range: TextRange;
    }
  | { readonly k: 'list'; readonly items: readonly Value[]; readonly range: TextRange }
  | {
      readonly k: 'dict';
      readonly entries: readonly (readonly [Value, Value])[];
      readonly range: TextRange;
    }
  /** A bound method waiting for its call: `df.select`, `F.col("a").alias`. */
  | {
      readonly k: 'method';
      readonly target: Value;
      readonly name: string;
      readonly nameRange: TextRange;
    }
  /** Anything else: not followed, and never the cause of a diagnostic. */
  | { readonly k: 'unknown' };

export const UNKNOWN: Value = { k: 'unknown' };
