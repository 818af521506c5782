/**
 * The model of the catalog browser: the registry's entries, the query and filters, and the
 * ranked results of the latest search. Views listen to `changed`.
 */
import type { IDisposable } from '@lumino/disposable';
import { type ISignal, Signal } from '@lumino/signaling';

import type { ICatalogClient } from './client.js';
import type { ICatalogSearcher } from './searcher.js';
import type {
  CatalogEntry,
  CatalogFacets,
  CatalogKind,
  CatalogSearchFilters,
  CatalogSearchHit,
  FacetCount,
  QualityStatus
} from './types.js';

/**
 * What the browser shows.
 */
export type CatalogBrowserStatus =
  /** Nothing loaded yet. */
  | 'idle'
  /** The first listing is on its way. */
  | 'loading'
  /** Entries are indexed; `hits` are the results of the current query and filters. */
  | 'ready'
  /** Loading or searching failed; see `error`. */
  | 'error';

/** Filter values counted over all entries, for the filter menus. */
export interface ICatalogFacetCounts extends CatalogFacets {
  kinds: FacetCount[];
  quality: FacetCount[];
  online: FacetCount[];
}

const EMPTY_FACETS: ICatalogFacetCounts = {
  entities: [],
  owners: [],
  tags: [],
  kinds: [],
  quality: [],
  online: []
};

/**
 * The catalog browser model.
 */
export class CatalogBrowserModel implements IDisposable {
  constructor(options: CatalogBrowserModel.IOptions) {
    this._client = options.client;
    this._searcher = options.searcher;
    this.debounceMs = options.debounceMs ?? 120;
    this.maxResults = options.maxResults ?? 100_000;
    this.maxQueryResults = options.maxQueryResults ?? 1_000;
  }

  /** Delay between the last keystroke and the search. */
  debounceMs: number;
  /** The most hits a filter-only listing (empty query) returns: all of them, to scroll. */
  maxResults: number;
  /**
   * The most hits a text query returns. Ranked hits carry match ranges, and making and
   * posting those for every entry costs far more than the search (seconds at 100,000).
   */
  maxQueryResults: number;

  get changed(): ISignal<this, void> {
    return this._changed;
  }
  get status(): CatalogBrowserStatus {
    return this._status;
  }
  get error(): Error | null {
    return this._error;
  }
  /** Whether a listing or search is in flight. */
  get busy(): boolean {
    return this._loading > 0 || this._searching > 0;
  }
  get query(): string {
    return this._query;
  }
  get filters(): Readonly<CatalogSearchFilters> {
    return this._filters;
  }
  get hits(): readonly CatalogSearchHit[] {
    return this._hits;
  }
  /** Matches before the `maxResults` cut. */
  get total(): number {
    return this._total;
  }
  get facets(): ICatalogFacetCounts {
    return this._facets;
  }
  get entryCount(): number {
    return this._entries.size;
  }
  get registryVersion(): number | null {
    return this._registryVersion;
  }
  get isDisposed(): boolean {
    return this._disposed;
  }

  entry(id: string): CatalogEntry | undefined {
    return this._entries.get(id);
  }

  /**
   * Load the registry's entries again and repeat the current search.
   */
  async refresh(): Promise<void> {
    const generation = ++this._generation;
    this._loading++;
    if (this._status === 'idle' || this._status === 'error') {
      this._status = 'loading';
    }
    this._emit();
    try {
      const listing = await this._client.list();
      if (generation !== this._generation || this._disposed) {
        return;
      }
      const facets = await this._searcher.load(listing.entries);
      if (generation !== this._generation || this._disposed) {
        return;
      }
      this._entries = new Map(listing.entries.map(entry => [entry.id, entry]));
      this._registryVersion = listing.registryVersion;
      this._facets = { ...facets, ...countOwnFacets(listing.entries) };
      this._error = null;
      this._status = 'ready';
      await this._search();
    } catch (error) {
      if (generation === this._generation) {
        this._fail(error);
      }
    } finally {
      this._loading--;
      this._emit();
    }
  }

  /**
   * Set the query; the search runs `debounceMs` after the last change.
   */
  setQuery(query: string): void {
    if (query === this._query) {
      return;
    }
    this._query = query;
    this._emit();
    if (this._timer !== undefined) {
      clearTimeout(this._timer);
    }
    this._timer = setTimeout(() => {
      this._timer = undefined;
      void this._search();
    }, this.debounceMs);
  }

  /**
   * Replace the filters and search at once.
   */
  setFilters(filters: CatalogSearchFilters): void {
    this._filters = normalizeFilters(filters);
    this._emit();
    void this._search();
  }

  /** Add or remove one value of a multi-value filter. */
  toggleFilter(
    key: 'kinds' | 'entities' | 'owners' | 'tags' | 'quality',
    value: string,
    on: boolean
  ): void {
    const current = new Set<string>((this._filters[key] as string[] | undefined) ?? []);
    if (on) {
      current.add(value);
    } else {
      current.delete(value);
    }
    this.setFilters({ ...this._filters, [key]: [...current] });
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    if (this._timer !== undefined) {
      clearTimeout(this._timer);
    }
    Signal.clearData(this);
  }

  /** Run the current query; results of an older search never replace newer ones. */
  private async _search(): Promise<void> {
    if (this._entries.size === 0 && this._registryVersion === null) {
      return;
    }
    const seq = ++this._searchSeq;
    this._searching++;
    this._emit();
    try {
      const limit = this._query.trim() ? this.maxQueryResults : this.maxResults;
      const result = await this._searcher.search(this._query, this._filters, limit);
      if (seq !== this._searchSeq || this._disposed) {
        return;
      }
      this._hits = result.hits;
      this._total = result.total;
      if (this._status === 'error') {
        this._status = 'ready';
        this._error = null;
      }
    } catch (error) {
      if (seq === this._searchSeq) {
        this._fail(error);
      }
    } finally {
      this._searching--;
      this._emit();
    }
  }

  private _fail(error: unknown): void {
    this._status = 'error';
    this._error = error instanceof Error ? error : new Error(String(error));
  }

  private _emit(): void {
    if (!this._disposed) {
      this._changed.emit();
    }
  }

  private _client: ICatalogClient;
  private _searcher: ICatalogSearcher;
  private _changed = new Signal<this, void>(this);
  private _status: CatalogBrowserStatus = 'idle';
  private _error: Error | null = null;
  private _entries = new Map<string, CatalogEntry>();
  private _registryVersion: number | null = null;
  private _facets: ICatalogFacetCounts = EMPTY_FACETS;
  private _query = '';
  private _filters: CatalogSearchFilters = {};
  private _hits: readonly CatalogSearchHit[] = [];
  private _total = 0;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _generation = 0;
  private _searchSeq = 0;
  private _loading = 0;
  private _searching = 0;
  private _disposed = false;
}

/**
 * A namespace for `CatalogBrowserModel` statics.
 */
export namespace CatalogBrowserModel {
  export interface IOptions {
    client: ICatalogClient;
    searcher: ICatalogSearcher;
    debounceMs?: number;
    maxResults?: number;
    maxQueryResults?: number;
  }
}

/** Drop empty filter lists, so "no filter" has one spelling. */
function normalizeFilters(filters: CatalogSearchFilters): CatalogSearchFilters {
  const result: Record<string, unknown> = {};
  for (const key of ['kinds', 'entities', 'owners', 'tags', 'quality'] as const) {
    const values = filters[key];
    if (values && values.length > 0) {
      result[key] = [...values];
    }
  }
  if (filters.online !== undefined) {
    result.online = filters.online;
  }
  return result as CatalogSearchFilters;
}

const KIND_ORDER: readonly CatalogKind[] = [
  'FeatureGroup',
  'Feature',
  'Entity',
  'SampleSet',
  'Model'
];
const QUALITY_ORDER: readonly QualityStatus[] = ['passing', 'warning', 'failing', 'unknown'];

/** Kind, quality and online counts (the search index counts entities, owners and tags). */
function countOwnFacets(
  entries: readonly CatalogEntry[]
): Pick<ICatalogFacetCounts, 'kinds' | 'quality' | 'online'> {
  const kinds = new Map<string, number>();
  const quality = new Map<string, number>();
  let online = 0;
  for (const entry of entries) {
    kinds.set(entry.kind, (kinds.get(entry.kind) ?? 0) + 1);
    quality.set(entry.quality, (quality.get(entry.quality) ?? 0) + 1);
    if (entry.online) {
      online++;
    }
  }
  const ordered = (order: readonly string[], counts: Map<string, number>) =>
    order.filter(value => counts.has(value)).map(value => ({ value, count: counts.get(value)! }));
  return {
    kinds: ordered(KIND_ORDER, kinds),
    quality: ordered(QUALITY_ORDER, quality),
    online: [
      { value: 'online', count: online },
      { value: 'offline', count: entries.length - online }
    ]
  };
}
