/**
 * Catalog search (`@featurelab/core/catalog`): a pure in-memory index over CatalogEntry
 * values, with no DOM and no Node APIs, so it runs in a Web Worker as well as in tests.
 */
export {
  CATALOG_TAG_SEPARATOR,
  CatalogSearchIndex,
  compareCatalogEntries
} from './search-index.js';
export { CatalogWorkerHost } from './worker-protocol.js';
export { tokenize, tokenizeWithPositions, type TextToken } from './tokenize.js';
export type {
  CatalogFacetValue,
  CatalogFacets,
  CatalogFilters,
  CatalogSearchField,
  CatalogSearchHit,
  CatalogSearchMatch,
  CatalogSearchResult,
  CatalogWorkerRequest,
  CatalogWorkerResponse
} from './types.js';
