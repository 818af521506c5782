/**
 * The catalog search worker: the search index off the main thread. webpack bundles this
 * file as its own chunk from `new Worker(new URL('./search.worker.js', import.meta.url))`
 * in plugin.ts; `CatalogWorkerHost` answers each request in order.
 */
import {
  CatalogWorkerHost,
  type CatalogWorkerRequest,
  type CatalogWorkerResponse
} from '@featurelab/core/catalog';

interface IWorkerScope {
  onmessage: ((event: MessageEvent<CatalogWorkerRequest>) => void) | null;
  postMessage(message: CatalogWorkerResponse): void;
}

const scope = self as unknown as IWorkerScope;
const host = new CatalogWorkerHost();

scope.onmessage = event => {
  scope.postMessage(host.handle(event.data));
};
