import { CatalogSearchIndex } from './search-index.js';
import type { CatalogWorkerRequest, CatalogWorkerResponse } from './types.js';

/**
 * The catalog index behind a Web Worker's message port. A worker file only wires it:
 *
 *   const host = new CatalogWorkerHost();
 *   self.onmessage = event => self.postMessage(host.handle(event.data));
 *
 * `now` is injectable so tests need no clock; in a worker it is performance.now.
 */
export class CatalogWorkerHost {
  private index: CatalogSearchIndex | null = null;
  private readonly now: () => number;

  constructor(now: () => number = defaultClock) {
    this.now = now;
  }

  handle(request: CatalogWorkerRequest): CatalogWorkerResponse {
    try {
      switch (request.type) {
        case 'load': {
          const started = this.now();
          this.index = new CatalogSearchIndex(request.entries);
          return {
            type: 'loaded',
            requestId: request.requestId,
            count: this.index.size,
            buildMs: this.now() - started
          };
        }
        case 'search': {
          const index = this.loaded();
          const started = this.now();
          const result = index.search(request.query, request.filters, request.limit);
          return {
            type: 'search',
            requestId: request.requestId,
            result,
            searchMs: this.now() - started
          };
        }
        case 'facets':
          return { type: 'facets', requestId: request.requestId, facets: this.loaded().facets() };
        default:
          return {
            type: 'error',
            requestId: (request as { requestId?: number }).requestId ?? -1,
            message: `unknown catalog worker request ${JSON.stringify((request as { type?: unknown }).type)}`
          };
      }
    } catch (error) {
      return {
        type: 'error',
        requestId: request.requestId,
        message: error instanceof Error ? error.message : String(error)
      };
    }
  }

  private loaded(): CatalogSearchIndex {
    if (this.index === null) {
      throw new Error('the catalog worker has no entries yet; send {"type": "load"} first');
    }
    return this.index;
  }
}

/** performance.now where there is one (workers, browsers, Node); core has no DOM typings. */
function defaultClock(): number {
  const clock = (globalThis as { performance?: { now(): number } }).performance;
  return clock === undefined ? Date.now() : clock.now();
}
