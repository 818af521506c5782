/**
 * Catalog search (`@featurelab/core/catalog`): a pure in-memory index over CatalogEntry
 * values, with no DOM and no Node APIs, so it runs in a Web Worker as well as in tests.
 */
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
