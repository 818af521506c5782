/**
 * Analysis results per notebook cell, kept outside the editors: a cell's
 * editor may be destroyed and re-created (windowed notebooks, re-render) and
 * shows the stored results again at once.
 */
import type { IAnalyzedRelation } from '@featurelab/kernel-bridge';
import { type ISignal, Signal } from '@lumino/signaling';

import type { AnalysisLanguage, IAnalysis, IColumnSchema } from './protocol.js';
import type { ISqlRegion } from './sqlRegions.js';

/**
 * Spark's verdict on one relation.
 */
export type ConfirmationStatus =
  /** Spark gives the same columns, types and nullability. */
  | 'confirmed'
  /** Spark's answer differs; see `spark`. */
  | 'differs'
  /** Spark rejected the query; see `message`. */
  | 'rejected';

export interface IRelationConfirmation {
  readonly status: ConfirmationStatus;
  /** Spark's columns, when it answered for this relation. */
  readonly spark?: readonly IColumnSchema[];
  /** Spark's error (for `rejected`). */
  readonly message?: string;
}

/**
 * Spark's answers for one region's text.
 */
export interface ISparkConfirmation {
  /** The SQL text Spark analyzed; stale when the region's text differs. */
  readonly text: string;
  /** By relation name (`$result` for the output). */
  readonly relations: Readonly<Record<string, IRelationConfirmation>>;
}

/**
 * One analyzed SQL region of a cell.
 */
export interface IRegionResult {
  readonly region: ISqlRegion;
  readonly language: AnalysisLanguage;
  readonly analysis: IAnalysis;
  readonly confirmation: ISparkConfirmation | null;
}

/**
 * Everything known about one cell.
 */
export interface ICellAnalysis {
  /** The cell source the results belong to. */
  readonly source: string;
  readonly regions: readonly IRegionResult[];
  readonly catalogVersion: number;
}

export class AuthoringModel {
  /**
   * Emitted with the cell id whenever its analysis, confirmation or panel
   * state changes.
   */
  get changed(): ISignal<this, string> {
    return this._changed;
  }

  get(cellId: string): ICellAnalysis | null {
    return this._cells.get(cellId) ?? null;
  }

  set(cellId: string, analysis: ICellAnalysis): void {
    this._cells.set(cellId, analysis);
    this._changed.emit(cellId);
  }

  /**
   * Record Spark's answer for region `index` of a cell, if the cell still
   * holds the text Spark analyzed.
   */
  setConfirmation(cellId: string, index: number, confirmation: ISparkConfirmation): boolean {
    const cell = this._cells.get(cellId);
    const region = cell?.regions[index];
    if (!cell || !region || region.region.text !== confirmation.text) {
      return false;
    }
    const regions = cell.regions.slice();
    regions[index] = { ...region, confirmation };
    this._cells.set(cellId, { ...cell, regions });
    this._changed.emit(cellId);
    return true;
  }

  delete(cellId: string): void {
    if (this._cells.delete(cellId)) {
      this._changed.emit(cellId);
    }
  }

  /**
   * Whether the schema panel `panel` of a cell is collapsed: its default,
   * unless the user toggled it.
   */
  isCollapsed(cellId: string, panel: string, collapsedByDefault = false): boolean {
    return this._collapsed.has(`${cellId}\u0000${panel}`) !== collapsedByDefault;
  }

  toggleCollapsed(cellId: string, relation: string): void {
    const key = `${cellId}\u0000${relation}`;
    if (!this._collapsed.delete(key)) {
      this._collapsed.add(key);
    }
    this._changed.emit(cellId);
  }

  private _cells = new Map<string, ICellAnalysis>();
  private _collapsed = new Set<string>();
  private _changed = new Signal<this, string>(this);
}

/**
 * Compare Spark's relations with the inferred ones, relation by relation
 * (by name, case-insensitively).
 */
export function confirmRelations(
  inferred: IAnalysis,
  spark: readonly IAnalyzedRelation[]
): Record<string, IRelationConfirmation> {
  const byName = new Map(spark.map(relation => [relation.name.toLowerCase(), relation]));
  const out: Record<string, IRelationConfirmation> = {};
  for (const relation of inferred.relations) {
    const answer = byName.get(relation.name.toLowerCase());
    if (!answer) {
      continue;
    }
    const same =
      answer.columns.length === relation.columns.length &&
      answer.columns.every((column, i) => {
        const mine = relation.columns[i];
        return (
          column.name === mine.name &&
          column.type === mine.type &&
          column.nullable === mine.nullable
        );
      });
    out[relation.name] = same
      ? { status: 'confirmed', spark: answer.columns }
      : { status: 'differs', spark: answer.columns };
  }
  return out;
}
