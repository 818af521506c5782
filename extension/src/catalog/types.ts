/**
 * The catalog API as the frontend sees it: the types generated from
 * `schemas/catalog-*.schema.json`, under the names this folder uses.
 */
export type {
  CatalogDetail as CatalogGetResult,
  CatalogDiffChange,
  CatalogDiffResult,
  CatalogEntry,
  CatalogEntryKind as CatalogKind,
  CatalogListResult,
  CatalogObjectRef as CatalogRef,
  CatalogSourceLocation,
  CatalogVersion,
  LineageEdge,
  LineageGraph,
  LineageNode,
  QualityStatus
} from '@featurelab/core';

export type {
  CatalogFacetValue as FacetCount,
  CatalogFacets,
  CatalogFilters as CatalogSearchFilters,
  CatalogSearchHit,
  CatalogSearchResult,
  CatalogWorkerRequest,
  CatalogWorkerResponse
} from '@featurelab/core/catalog';
