/**
 * Where catalog searches run: a Web Worker in the browser, so typing never waits on a
 * 100,000-entry index; any other `ICatalogSearcher` (the index in-process) in unit tests.
 */
import type {
  CatalogEntry,
  CatalogFacets,
  CatalogSearchFilters,
  CatalogSearchResult,
  CatalogWorkerRequest,
  CatalogWorkerResponse
} from './types.js';

/**
 * A search index over catalog entries.
 */
export interface ICatalogSearcher {
  /** Replace the indexed entries; resolves with their facets. */
  load(entries: readonly CatalogEntry[]): Promise<CatalogFacets>;
  /** Ranked hits for `query` among the entries that pass `filters`. */
  search(query: string, filters: CatalogSearchFilters, limit: number): Promise<CatalogSearchResult>;
  dispose(): void;
}

type Pending = {
  resolve: (response: CatalogWorkerResponse) => void;
  reject: (error: Error) => void;
};

/**
 * The searcher over a dedicated worker speaking `CatalogWorkerRequest`/`CatalogWorkerResponse`.
 */
export class WorkerSearcher implements ICatalogSearcher {
  constructor(worker: Worker) {
    this._worker = worker;
    this._worker.onmessage = (event: MessageEvent<CatalogWorkerResponse>) => {
      const pending = this._pending.get(event.data.requestId);
      if (pending) {
        this._pending.delete(event.data.requestId);
        if (event.data.type === 'error') {
          pending.reject(new Error(event.data.message));
        } else {
          pending.resolve(event.data);
        }
      }
    };
    this._worker.onerror = (event: ErrorEvent) => {
      // A worker whose script failed never answers: fail every waiting request at once.
      this._rejectAll(new Error(event.message || 'the catalog search worker failed'));
    };
  }

  async load(entries: readonly CatalogEntry[]): Promise<CatalogFacets> {
    await this._send(requestId => ({ type: 'load', requestId, entries }));
    const response = await this._send(requestId => ({ type: 'facets', requestId }));
    if (response.type !== 'facets') {
      throw new Error(`the catalog search worker answered '${response.type}' to 'facets'`);
    }
    return response.facets;
  }

  async search(
    query: string,
    filters: CatalogSearchFilters,
    limit: number
  ): Promise<CatalogSearchResult> {
    const response = await this._send(requestId => ({
      type: 'search',
      requestId,
      query,
      filters,
      limit
    }));
    if (response.type !== 'search') {
      throw new Error(`the catalog search worker answered '${response.type}' to 'search'`);
    }
    return response.result;
  }

  dispose(): void {
    this._worker.terminate();
    this._rejectAll(new Error('the catalog search worker was stopped'));
  }

  private _send(
    message: (requestId: number) => CatalogWorkerRequest
  ): Promise<CatalogWorkerResponse> {
    const requestId = ++this._requestId;
    return new Promise<CatalogWorkerResponse>((resolve, reject) => {
      this._pending.set(requestId, { resolve, reject });
      this._worker.postMessage(message(requestId));
    });
  }

  private _rejectAll(error: Error): void {
    for (const pending of this._pending.values()) {
      pending.reject(error);
    }
    this._pending.clear();
  }

  private _worker: Worker;
  private _requestId = 0;
  private _pending = new Map<number, Pending>();
}
