/**
 * The Web Worker of the catalog-search benchmark (bundled by esbuild in catalog-search.ts).
 * It builds the catalog from a seed itself, so no 100,000-entry message is part of any
 * measurement, then answers searches with the real index (through CatalogWorkerHost, the
 * protocol the JupyterLab catalog worker speaks) or with the substring baseline, timing the
 * work inside the worker.
 */
import { CatalogWorkerHost, compareCatalogEntries } from '../../../core/src/catalog/index.ts';
import { SubstringFilter } from './catalog-search-baseline.ts';
import { generateCatalog, type BenchFilters } from './catalog-search-data.ts';

export type BenchWorkerRequest =
  | { type: 'init'; features: number; seed: number }
  | {
      type: 'query';
      engine: 'index' | 'baseline';
      query: string;
      filters: BenchFilters;
      limit: number;
    };

export type BenchWorkerResponse =
  | { type: 'ready'; entries: number; generateMs: number; buildMs: number; baselineBuildMs: number }
  | { type: 'result'; engine: 'index' | 'baseline'; ms: number; total: number; hits: number }
  | { type: 'error'; message: string };

interface WorkerScope {
  onmessage: ((event: { data: BenchWorkerRequest }) => void) | null;
  postMessage(message: BenchWorkerResponse): void;
}

const scope = globalThis as unknown as WorkerScope;
const host = new CatalogWorkerHost(() => performance.now());
let baseline: SubstringFilter | undefined;
let nextId = 1;

scope.onmessage = ({ data }) => {
  try {
    scope.postMessage(handle(data));
  } catch (error) {
    scope.postMessage({
      type: 'error',
      message: error instanceof Error ? error.message : String(error)
    });
  }
};

function handle(request: BenchWorkerRequest): BenchWorkerResponse {
  if (request.type === 'init') {
    const generated = performance.now();
    // In the order catalog.list sends them.
    const entries = generateCatalog(request.features, request.seed).sort(compareCatalogEntries);
    const generateMs = performance.now() - generated;
    const loaded = host.handle({ type: 'load', requestId: nextId++, entries });
    if (loaded.type !== 'loaded') {
      throw new Error(`load failed: ${JSON.stringify(loaded)}`);
    }
    const started = performance.now();
    baseline = new SubstringFilter(entries);
    return {
      type: 'ready',
      entries: loaded.count,
      generateMs,
      buildMs: loaded.buildMs,
      baselineBuildMs: performance.now() - started
    };
  }
  if (request.engine === 'index') {
    const response = host.handle({
      type: 'search',
      requestId: nextId++,
      query: request.query,
      filters: request.filters,
      limit: request.limit
    });
    if (response.type !== 'search') {
      throw new Error(`search failed: ${JSON.stringify(response)}`);
    }
    return {
      type: 'result',
      engine: 'index',
      ms: response.searchMs,
      total: response.result.total,
      hits: response.result.hits.length
    };
  }
  if (baseline === undefined) {
    throw new Error('init first');
  }
  const started = performance.now();
  const result = baseline.search(request.query, request.filters, request.limit);
  return {
    type: 'result',
    engine: 'baseline',
    ms: performance.now() - started,
    total: result.total,
    hits: result.ids.length
  };
}
