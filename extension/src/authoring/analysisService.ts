/**
 * The analysis worker's logic, free of worker globals so tests can drive it:
 * holds the catalog and the analyzers, and answers `analyze` requests with
 * the latest text per key only.
 *
 * Latest edit wins: requests wait in a map keyed by cell, so a newer request
 * for the same cell replaces one still waiting, and the worker yields to its
 * message queue between analyses so replacements arrive in time.
 */
import { Catalog, type CatalogTable, catalogFromJson } from '@featurelab/core/sql';

import type { IAnalysis, ICatalogTableJson, WorkerReply, WorkerRequest } from './protocol.js';

/**
 * An analysis entry: text and catalog in, schemas and diagnostics out. Must
 * not throw (the service turns a throw into an error reply anyway).
 */
export type Analyzer = (
  text: string,
  catalog: Catalog,
  options: { readonly ansi: boolean; readonly precedingCells?: readonly string[] }
) => IAnalysis;

type AnalyzeRequest = Extract<WorkerRequest, { type: 'analyze' }>;

export class AnalysisService {
  constructor(options: AnalysisService.IOptions) {
    this._post = options.post;
    this._schedule = options.schedule ?? (run => setTimeout(run, 0));
    this._now = options.now ?? (() => Date.now());
    this._analyzers = new Map(Object.entries(options.analyzers));
  }

  /**
   * The languages this worker can analyze.
   */
  get languages(): string[] {
    return [...this._analyzers.keys()];
  }

  /**
   * Plug in another analysis entry (e.g. PySpark chains) under `language`.
   */
  register(language: string, analyzer: Analyzer): void {
    this._analyzers.set(language, analyzer);
  }

  /**
   * Requests still waiting, by key (for tests and diagnostics).
   */
  get pendingKeys(): string[] {
    return [...this._pending.keys()];
  }

  handle(request: WorkerRequest): void {
    switch (request.type) {
      case 'catalog':
        this._catalog = buildCatalog(request.tables, request.currentDatabase);
        this._catalogVersion = request.version;
        return;
      case 'forget':
        this._pending.delete(request.key);
        return;
      case 'analyze':
        // Delete first so the replaced key moves to the back of the queue.
        this._pending.delete(request.key);
        this._pending.set(request.key, request);
        this._ensureScheduled();
        return;
    }
  }

  /**
   * Analyze one waiting request now (the scheduled step; tests call it directly).
   */
  step(): void {
    this._scheduled = false;
    const next = this._pending.entries().next();
    if (next.done) {
      return;
    }
    const [key, request] = next.value;
    this._pending.delete(key);
    this._post(this._analyze(request));
    this._ensureScheduled();
  }

  private _analyze(request: AnalyzeRequest): WorkerReply {
    const analyzer = this._analyzers.get(request.language);
    if (!analyzer) {
      return {
        type: 'error',
        key: request.key,
        seq: request.seq,
        message: `No analyzer for "${request.language}" in this worker (known: ${this.languages.join(', ')}).`
      };
    }
    const started = this._now();
    try {
      const analysis = analyzer(request.text, this._catalog, {
        ansi: request.ansi === true,
        precedingCells: request.precedingCells
      });
      return {
        type: 'analysis',
        key: request.key,
        seq: request.seq,
        catalogVersion: this._catalogVersion,
        analysis,
        elapsedMs: this._now() - started
      };
    } catch (error) {
      return {
        type: 'error',
        key: request.key,
        seq: request.seq,
        message: error instanceof Error ? error.message : String(error)
      };
    }
  }

  private _ensureScheduled(): void {
    if (!this._scheduled && this._pending.size > 0) {
      this._scheduled = true;
      this._schedule(() => this.step());
    }
  }

  private _post: (reply: WorkerReply) => void;
  private _schedule: (run: () => void) => void;
  private _now: () => number;
  private _analyzers: Map<string, Analyzer>;
  private _catalog = new Catalog([]);
  private _catalogVersion = 0;
  private _pending = new Map<string, AnalyzeRequest>();
  private _scheduled = false;
}

export namespace AnalysisService {
  export interface IOptions {
    post: (reply: WorkerReply) => void;
    analyzers: Readonly<Record<string, Analyzer>>;
    /** Runs a step later, after pending messages (default: `setTimeout(run, 0)`). */
    schedule?: (run: () => void) => void;
    now?: () => number;
  }
}

/**
 * Build the analyzer's catalog, table by table: one malformed schema leaves
 * only its own table out.
 */
export function buildCatalog(
  tables: readonly ICatalogTableJson[],
  currentDatabase?: string
): Catalog {
  const parsed: CatalogTable[] = [];
  for (const table of tables) {
    try {
      parsed.push(...tablesOf(catalogFromJson({ [table.name]: table.schemaJson }), table.name));
    } catch {
      // Unreadable schema: the table stays unknown, as if it were not there.
    }
  }
  return new Catalog(parsed, currentDatabase);
}

function tablesOf(catalog: Catalog, name: string): CatalogTable[] {
  const table = catalog.lookup(name.split('.'));
  return table ? [table] : [];
}
