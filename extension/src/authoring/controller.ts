/**
 * Keeps every SQL cell's analysis up to date: debounces edits per cell, sends
 * the SQL regions to the worker, stores results in the model, follows the
 * live catalog, and asks Spark to confirm when the kernel is idle.
 */
import {
  BridgeCancelledError,
  BridgeRemoteError,
  type ICatalogListing,
  qualifiedTableName,
  renderSparkType
} from '@featurelab/kernel-bridge';
import type { IDisposable } from '@lumino/disposable';

import type { ISparkCatalog } from '../tokens.js';
import type { AnalysisClient } from './analysisClient.js';
import { catalogTables, type IRegistryTable } from './catalogJson.js';
import type { IFunctionInfo } from './functionInfo.js';
import {
  type AuthoringModel,
  confirmRelations,
  type IRegionResult,
  type ISparkConfirmation
} from './model.js';
import type { IAnalysis, IColumnSchema } from './protocol.js';
import { findSqlRegions, type ISqlRegion, looksLikeQuery, pythonCellRegion } from './sqlRegions.js';

/**
 * A table as completion shows it.
 */
export interface ICompletionTable {
  readonly name: string;
  readonly columns: readonly IColumnSchema[];
  readonly source: 'spark' | 'registry';
}

export { looksLikeQuery };

export class AuthoringController implements IDisposable {
  constructor(options: AuthoringController.IOptions) {
    this.model = options.model;
    this._client = options.client;
    this._catalog = options.catalog;
    this._fetchRegistry = options.fetchRegistry ?? null;
    this._precedingCells = options.precedingCells ?? null;
    this.debounceMs = options.debounceMs ?? 120;
    this.confirmDelayMs = options.confirmDelayMs ?? 1000;
    this._catalog.changed.connect(this._onCatalogChanged, this);
    this._onCatalogChanged();
  }

  readonly model: AuthoringModel;

  /** Delay between an edit and its analysis, in ms. */
  debounceMs: number;

  /** Quiet time after an analysis before Spark is asked, in ms; < 0 disables it. */
  confirmDelayMs: number;

  /** Analyze the DataFrame chains of Python cells too. */
  pysparkChains = true;

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Tables for completion: the live Spark catalog and registry feature groups.
   */
  get tables(): readonly ICompletionTable[] {
    return this._tables;
  }

  get functions(): readonly IFunctionInfo[] {
    return this._client.functions;
  }

  /**
   * A cell's source changed (or its editor was created): analyze it soon.
   */
  update(cellId: string, source: string): void {
    if (this._isDisposed) {
      return;
    }
    this._sources.set(cellId, source);
    this._confirming.get(cellId)?.abort();
    const current = this.model.get(cellId);
    if (
      current &&
      current.source === source &&
      current.catalogVersion === this._client.catalogVersion
    ) {
      return; // nothing new to say
    }
    clearTimeout(this._timers.get(cellId));
    this._timers.set(
      cellId,
      setTimeout(() => {
        this._timers.delete(cellId);
        void this.analyzeNow(cellId, source);
      }, this.debounceMs)
    );
  }

  /**
   * The cell is gone: drop its state.
   */
  forget(cellId: string): void {
    clearTimeout(this._timers.get(cellId));
    this._timers.delete(cellId);
    this._confirming.get(cellId)?.abort();
    this._sources.delete(cellId);
    this.model.delete(cellId);
  }

  /**
   * Analyze a cell's source now; results land in the model unless a newer
   * edit superseded them.
   */
  async analyzeNow(cellId: string, source: string): Promise<void> {
    const sqlRegions = findSqlRegions(source);
    const regions: { region: ISqlRegion; language: string }[] = sqlRegions.map(region => ({
      region,
      language: 'sql'
    }));
    // Python cells: the DataFrame chains too, after the SQL strings (which win for hover).
    const pythonCell = this.pysparkChains ? pythonCellRegion(source) : null;
    if (pythonCell && MENTIONS_SPARK.test(source)) {
      regions.push({ region: pythonCell, language: 'pyspark' });
    }
    const catalogVersion = this._client.catalogVersion;
    const previous = this.model.get(cellId);
    const results: IRegionResult[] = [];
    for (let index = 0; index < regions.length; index++) {
      const { region, language } = regions[index];
      let outcome;
      try {
        outcome = await this._client.analyze(`${cellId}#${index}`, language, region.text, {
          precedingCells:
            language === 'pyspark' ? (this._precedingCells?.(cellId) ?? []) : undefined
        });
      } catch {
        outcome = null; // the worker failed; keep the editor usable without analysis
      }
      if (outcome === null || this._sources.get(cellId) !== source) {
        return; // superseded
      }
      const earlier = previous?.regions[index]?.confirmation ?? null;
      let analysis =
        this._catalog.status === 'ready'
          ? outcome.analysis
          : withoutCatalogErrors(outcome.analysis);
      if (language === 'pyspark') {
        analysis = withoutStringDiagnostics(analysis, sqlRegions);
      }
      results.push({
        region,
        language,
        analysis,
        confirmation: earlier && earlier.text === region.text ? earlier : null
      });
    }
    this.model.set(cellId, { source, regions: results, catalogVersion });
    this._scheduleConfirmation(cellId, source);
  }

  /**
   * Ask Spark for the schemas of the cell's queries (when the kernel is idle)
   * and record where it agrees.
   */
  async confirmWithSpark(cellId: string): Promise<void> {
    const cell = this.model.get(cellId);
    const bridge = this._catalog.bridge;
    if (!cell || !bridge || this._catalog.status !== 'ready') {
      return;
    }
    this._confirming.get(cellId)?.abort();
    const controller = new AbortController();
    this._confirming.set(cellId, controller);
    for (let index = 0; index < cell.regions.length; index++) {
      const { region, analysis, confirmation, language } = cell.regions[index];
      if (
        language !== 'sql' ||
        confirmation?.text === region.text ||
        !looksLikeQuery(region.text)
      ) {
        continue;
      }
      let answer: ISparkConfirmation;
      try {
        const result = await bridge.analyze(region.text, {
          signal: controller.signal,
          idleWaitMs: AuthoringController.IDLE_WAIT_MS
        });
        answer = { text: region.text, relations: confirmRelations(analysis, result.relations) };
      } catch (error) {
        if (controller.signal.aborted || error instanceof BridgeCancelledError) {
          return;
        }
        if (error instanceof BridgeRemoteError && error.kind === 'SparkAnalysisError') {
          answer = {
            text: region.text,
            relations: { $result: { status: 'rejected', message: error.remoteMessage } }
          };
        } else {
          continue; // busy, no session, refused: nothing to say about this region
        }
      }
      if (controller.signal.aborted) {
        return;
      }
      this.model.setConfirmation(cellId, index, answer);
    }
    if (this._confirming.get(cellId) === controller) {
      this._confirming.delete(cellId);
    }
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    for (const timer of this._timers.values()) {
      clearTimeout(timer);
    }
    for (const controller of this._confirming.values()) {
      controller.abort();
    }
    this._catalog.changed.disconnect(this._onCatalogChanged, this);
  }

  private _scheduleConfirmation(cellId: string, source: string): void {
    if (this.confirmDelayMs < 0) {
      return;
    }
    clearTimeout(this._confirmTimers.get(cellId));
    this._confirmTimers.set(
      cellId,
      setTimeout(() => {
        this._confirmTimers.delete(cellId);
        if (this._sources.get(cellId) === source) {
          void this.confirmWithSpark(cellId);
        }
      }, this.confirmDelayMs)
    );
  }

  private _onCatalogChanged(): void {
    const listing = this._catalog.listing;
    if (listing === this._listing) {
      return;
    }
    this._listing = listing;
    this._applyCatalog();
    void this._refreshRegistry();
  }

  private async _refreshRegistry(): Promise<void> {
    if (!this._fetchRegistry) {
      return;
    }
    try {
      this._registry = await this._fetchRegistry();
    } catch {
      this._registry = []; // no registry (or no catalog methods yet): Spark tables only
    }
    if (!this._isDisposed) {
      this._applyCatalog();
    }
  }

  private _applyCatalog(): void {
    const tables = catalogTables(this._listing, this._registry);
    // Whether the catalog is live changes which errors are shown (withoutCatalogErrors).
    const key = JSON.stringify([this._catalog.status === 'ready', tables]);
    if (key === this._catalogKey) {
      return;
    }
    this._catalogKey = key;
    this._client.setCatalog(tables);
    this._tables = [
      ...(this._listing?.tables ?? []).flatMap(table =>
        table.schema
          ? [
              {
                name: qualifiedTableName(table),
                source: 'spark' as const,
                columns: table.schema.fields.map(field => ({
                  name: field.name,
                  type: renderSparkType(field.type),
                  nullable: field.nullable
                }))
              }
            ]
          : []
      ),
      ...this._registry.map(group => ({ ...group, source: 'registry' as const }))
    ];
    // Every analysis so far used the old catalog.
    for (const [cellId, source] of this._sources) {
      this.update(cellId, source);
    }
  }

  private _client: AnalysisClient;
  private _catalog: ISparkCatalog;
  private _fetchRegistry: (() => Promise<IRegistryTable[]>) | null;
  private _precedingCells: ((cellId: string) => string[]) | null;
  private _listing: ICatalogListing | null = null;
  private _registry: IRegistryTable[] = [];
  private _catalogKey = '';
  private _tables: ICompletionTable[] = [];
  private _sources = new Map<string, string>();
  private _timers = new Map<string, ReturnType<typeof setTimeout>>();
  private _confirmTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private _confirming = new Map<string, AbortController>();
  private _isDisposed = false;
}

/**
 * Without a live catalog (no kernel, no SparkSession yet, listing failed) every
 * table would be "not found"; that says nothing about the query, so those
 * errors are left out until the catalog is known.
 */
export function withoutCatalogErrors(analysis: IAnalysis): IAnalysis {
  const diagnostics = analysis.diagnostics.filter(d => d.code !== 'TABLE_OR_VIEW_NOT_FOUND');
  return diagnostics.length === analysis.diagnostics.length
    ? analysis
    : { ...analysis, diagnostics };
}

/**
 * The PySpark analysis of a cell without what it says about `spark.sql`
 * strings: those are analyzed as SQL regions, with offsets mapped through
 * escapes.
 */
export function withoutStringDiagnostics(
  analysis: IAnalysis,
  sqlRegions: readonly ISqlRegion[]
): IAnalysis {
  const overlaps = (from: number, to: number) =>
    sqlRegions.some(r => from <= r.sourceRange.to && to >= r.sourceRange.from);
  const diagnostics = analysis.diagnostics.filter(d => !overlaps(d.range.from, d.range.to));
  return diagnostics.length === analysis.diagnostics.length
    ? analysis
    : { ...analysis, diagnostics };
}

/** Cheap pre-check: Python cells that never mention Spark are not sent for PySpark analysis. */
const MENTIONS_SPARK = /\bspark\b|DataFrame|\.table\(|\.read\b|\.select\(|\.sql\(/;

export namespace AuthoringController {
  export interface IOptions {
    client: AnalysisClient;
    model: AuthoringModel;
    catalog: ISparkCatalog;
    /** Feature groups of the registry; absent or failing means none. */
    fetchRegistry?: () => Promise<IRegistryTable[]>;
    /** Sources of the Python cells before a cell, in order (PySpark context). */
    precedingCells?: (cellId: string) => string[];
    debounceMs?: number;
    confirmDelayMs?: number;
  }

  /** How long a confirmation waits for a busy kernel. */
  export const IDLE_WAIT_MS = 120_000;
}
