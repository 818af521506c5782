/**
 * The main thread's handle on the analysis worker.
 *
 * `analyze()` never blocks: it posts the text and resolves when the worker
 * answers. Latest edit wins: a newer request for the same key resolves the
 * older one with `null` at once, and a late answer to a superseded request
 * is dropped.
 */
import type { IDisposable } from '@lumino/disposable';
import { type ISignal, Signal } from '@lumino/signaling';

import type { IFunctionInfo } from './functionInfo.js';
import type {
  AnalysisLanguage,
  IAnalysis,
  ICatalogTableJson,
  WorkerReply,
  WorkerRequest
} from './protocol.js';

/**
 * The part of `Worker` the client uses; tests pass a fake.
 */
export interface IWorkerLike {
  postMessage(message: WorkerRequest): void;
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/**
 * A finished analysis.
 */
export interface IAnalysisOutcome {
  readonly analysis: IAnalysis;
  /** The catalog version the worker used. */
  readonly catalogVersion: number;
  readonly elapsedMs: number;
}

/**
 * The worker failed to analyze (an analyzer bug or a missing language).
 */
export class AnalysisFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnalysisFailedError';
  }
}

interface IWaiting {
  readonly seq: number;
  resolve(outcome: IAnalysisOutcome | null): void;
  reject(error: Error): void;
}

export class AnalysisClient implements IDisposable {
  constructor(options: AnalysisClient.IOptions) {
    this._createWorker = options.createWorker;
  }

  /**
   * The current catalog version (bumped by every `setCatalog`).
   */
  get catalogVersion(): number {
    return this._catalogVersion;
  }

  /**
   * How long the worker took to warm the grammar up, once it said so.
   */
  get warmUpMs(): number | null {
    return this._warmUpMs;
  }

  /**
   * Built-in functions with signatures; empty until the worker is ready.
   */
  get functions(): readonly IFunctionInfo[] {
    return this._functions;
  }

  /**
   * Emitted when the worker has warmed up.
   */
  get ready(): ISignal<this, void> {
    return this._ready;
  }

  /**
   * Start the worker now (it warms the grammar up) instead of at the first
   * request.
   */
  start(): void {
    if (!this._isDisposed) {
      this._ensureWorker();
    }
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Replace the catalog the worker analyzes against.
   */
  setCatalog(tables: readonly ICatalogTableJson[], currentDatabase?: string): number {
    this._catalogVersion++;
    this._catalog = { tables, currentDatabase };
    if (this._worker) {
      this._postCatalog(this._worker);
    }
    return this._catalogVersion;
  }

  /**
   * Analyze `text` for `key` (a cell id plus region). Resolves with `null`
   * when a newer request for the same key superseded this one.
   */
  analyze(
    key: string,
    language: AnalysisLanguage,
    text: string,
    options: { ansi?: boolean; precedingCells?: readonly string[] } = {}
  ): Promise<IAnalysisOutcome | null> {
    if (this._isDisposed) {
      return Promise.resolve(null);
    }
    const worker = this._ensureWorker();
    const seq = ++this._seq;
    this._waiting.get(key)?.resolve(null);
    return new Promise<IAnalysisOutcome | null>((resolve, reject) => {
      this._waiting.set(key, { seq, resolve, reject });
      worker.postMessage({
        type: 'analyze',
        key,
        seq,
        language,
        text,
        catalogVersion: this._catalogVersion,
        ansi: options.ansi,
        precedingCells: options.precedingCells
      });
    });
  }

  /**
   * Stop caring about `key` (the cell was deleted).
   */
  forget(key: string): void {
    this._waiting.get(key)?.resolve(null);
    this._waiting.delete(key);
    this._worker?.postMessage({ type: 'forget', key });
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    for (const waiting of this._waiting.values()) {
      waiting.resolve(null);
    }
    this._waiting.clear();
    this._worker?.terminate();
    this._worker = null;
    Signal.clearData(this);
  }

  private _ensureWorker(): IWorkerLike {
    if (!this._worker) {
      const worker = this._createWorker();
      worker.onmessage = event => this._onReply(event.data);
      worker.onerror = event => this._onWorkerError(event);
      this._worker = worker;
      this._postCatalog(worker);
    }
    return this._worker;
  }

  private _postCatalog(worker: IWorkerLike): void {
    worker.postMessage({
      type: 'catalog',
      version: this._catalogVersion,
      tables: this._catalog.tables,
      currentDatabase: this._catalog.currentDatabase
    });
  }

  private _onReply(reply: WorkerReply): void {
    if (reply.type === 'ready') {
      this._warmUpMs = reply.warmUpMs;
      this._functions = reply.functions;
      this._ready.emit();
      return;
    }
    const waiting = this._waiting.get(reply.key);
    if (!waiting || waiting.seq !== reply.seq) {
      return; // superseded: a newer request for this key is on its way
    }
    this._waiting.delete(reply.key);
    if (reply.type === 'error') {
      waiting.reject(new AnalysisFailedError(reply.message));
      return;
    }
    waiting.resolve({
      analysis: reply.analysis,
      catalogVersion: reply.catalogVersion,
      elapsedMs: reply.elapsedMs
    });
  }

  private _onWorkerError(event: ErrorEvent): void {
    // A worker that failed to load cannot answer: fail everyone waiting and
    // start a fresh worker on the next request.
    event.preventDefault?.();
    const error = new AnalysisFailedError(
      `The analysis worker failed: ${event.message || 'it could not be loaded'}.`
    );
    for (const waiting of this._waiting.values()) {
      waiting.reject(error);
    }
    this._waiting.clear();
    this._worker?.terminate();
    this._worker = null;
  }

  private _createWorker: () => IWorkerLike;
  private _worker: IWorkerLike | null = null;
  private _waiting = new Map<string, IWaiting>();
  private _seq = 0;
  private _catalogVersion = 0;
  private _catalog: { tables: readonly ICatalogTableJson[]; currentDatabase?: string } = {
    tables: []
  };
  private _warmUpMs: number | null = null;
  private _functions: readonly IFunctionInfo[] = [];
  private _ready = new Signal<this, void>(this);
  private _isDisposed = false;
}

export namespace AnalysisClient {
  export interface IOptions {
    createWorker: () => IWorkerLike;
  }
}

/**
 * Start the bundled analysis worker. The `new URL(..., import.meta.url)` form
 * is what makes the bundler emit the worker as a chunk of its own.
 */
export function createAnalysisWorker(): IWorkerLike {
  return new Worker(new URL('./analysis.worker.js', import.meta.url)) as unknown as IWorkerLike;
}
