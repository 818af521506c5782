import type { CatalogEntry } from '../generated/index.js';

/** Fields of an entry the search looks at, in order of weight. */
export type CatalogSearchField = 'name' | 'tags' | 'owner' | 'description';

/**
 * Narrows the entries before (or instead of) a text query. Each given list keeps the entries
 * that match any of its values; the given lists and `online` must all hold.
 */
export interface CatalogFilters {
  /** CatalogEntry.kind values. */
  readonly kinds?: readonly string[];
  /** Entries keyed by any of these entities. */
  readonly entities?: readonly string[];
  readonly owners?: readonly string[];
  /** Entries carrying any of these tags. */
  readonly tags?: readonly string[];
  readonly online?: boolean;
  /** CatalogEntry.quality values. */
  readonly quality?: readonly string[];
}

/** Where a query matched one field: [from, to) UTF-16 offsets into the field's text. */
export interface CatalogSearchMatch {
  readonly field: CatalogSearchField;
  /**
   * Half-open ranges, sorted and not overlapping. For `tags` the text is the entry's tags
   * joined with ", " (CATALOG_TAG_SEPARATOR), so the UI can highlight one string.
   */
  readonly ranges: readonly (readonly [number, number])[];
}

export interface CatalogSearchHit {
  /** CatalogEntry.id */
  readonly id: string;
  /** Higher is better; only comparable within one result. */
  readonly score: number;
  /** Empty for a filter-only search (empty query). */
  readonly matches: readonly CatalogSearchMatch[];
}

export interface CatalogSearchResult {
  /** Entries that matched, before `limit`. */
  readonly total: number;
  /** Best first, at most `limit`. Ties: features grouped by name order, then id. */
  readonly hits: readonly CatalogSearchHit[];
}

export interface CatalogFacetValue {
  readonly value: string;
  /** Entries that carry the value. */
  readonly count: number;
}

/** Values to offer as filters, most frequent first (ties by value). */
export interface CatalogFacets {
  readonly entities: readonly CatalogFacetValue[];
  readonly owners: readonly CatalogFacetValue[];
  readonly tags: readonly CatalogFacetValue[];
}

/**
 * Messages to a Web Worker running the index (see worker-protocol.ts: handleCatalogWorkerRequest
 * answers them). `requestId` is chosen by the sender and echoed in the response.
 */
export type CatalogWorkerRequest =
  | {
      readonly type: 'load';
      readonly requestId: number;
      readonly entries: readonly CatalogEntry[];
    }
  | {
      readonly type: 'search';
      readonly requestId: number;
      readonly query: string;
      readonly filters: CatalogFilters;
      readonly limit: number;
    }
  | { readonly type: 'facets'; readonly requestId: number };

export type CatalogWorkerResponse =
  | {
      readonly type: 'loaded';
      readonly requestId: number;
      /** Entries indexed. */
      readonly count: number;
      /** Time spent building the index, in milliseconds. */
      readonly buildMs: number;
    }
  | {
      readonly type: 'search';
      readonly requestId: number;
      readonly result: CatalogSearchResult;
      /** Time spent searching, in milliseconds. */
      readonly searchMs: number;
    }
  | { readonly type: 'facets'; readonly requestId: number; readonly facets: CatalogFacets }
  | {
      readonly type: 'error';
      readonly requestId: number;
      /** One line; e.g. a search before any load. */
      readonly message: string;
    };
