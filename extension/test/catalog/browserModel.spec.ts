import type { SpecPlanResult } from '@featurelab/core';
import { CatalogSearchIndex } from '@featurelab/core/catalog';
import { afterEach, describe, expect, it } from 'vitest';

import { CatalogBrowserModel } from '../../src/catalog/browserModel.js';
import type { ICatalogClient } from '../../src/catalog/client.js';
import type { ICatalogSearcher } from '../../src/catalog/searcher.js';
import type {
  CatalogEntry,
  CatalogFacets,
  CatalogListResult,
  CatalogSearchFilters,
  CatalogSearchResult
} from '../../src/catalog/types.js';

/** The real search index, in-process (the browser runs it in a worker). */
class InProcessSearcher implements ICatalogSearcher {
  index = new CatalogSearchIndex([]);
  searches = 0;
  async load(entries: readonly CatalogEntry[]): Promise<CatalogFacets> {
    this.index = new CatalogSearchIndex(entries);
    return this.index.facets();
  }
  async search(
    query: string,
    filters: CatalogSearchFilters,
    limit: number
  ): Promise<CatalogSearchResult> {
    this.searches++;
    return this.index.search(query, filters, limit);
  }
  dispose(): void {}
}

/** Serves listings; everything else is not needed by the browser model. */
class ListingClient implements ICatalogClient {
  constructor(public listing: CatalogListResult | Error) {}
  async list(): Promise<CatalogListResult> {
    if (this.listing instanceof Error) {
      throw this.listing;
    }
    return this.listing;
  }
  get(): never {
    throw new Error('not used');
  }
  diff(): never {
    throw new Error('not used');
  }
  lineage(): never {
    throw new Error('not used');
  }
  plan(): Promise<SpecPlanResult> {
    throw new Error('not used');
  }
  apply(): Promise<SpecPlanResult> {
    throw new Error('not used');
  }
}

function entry(partial: Partial<CatalogEntry> & Pick<CatalogEntry, 'kind' | 'name'>): CatalogEntry {
  const id =
    partial.kind === 'Feature'
      ? `Feature:${partial.featureGroup}.${partial.name}`
      : `${partial.kind}:${partial.name}`;
  return {
    id,
    description: '',
    owner: 'growth-team',
    tags: [],
    entities: ['user'],
    online: false,
    quality: 'unknown',
    updatedVersion: 1,
    ...partial
  };
}

const ENTRIES: CatalogEntry[] = [
  entry({ kind: 'Entity', name: 'user' }),
  entry({ kind: 'FeatureGroup', name: 'user_engagement_1d', tags: ['engagement'], online: true }),
  entry({
    kind: 'Feature',
    name: 'clicks_1d',
    featureGroup: 'user_engagement_1d',
    type: 'bigint',
    online: true
  }),
  entry({
    kind: 'FeatureGroup',
    name: 'item_attributes',
    owner: 'catalog-team',
    entities: ['item']
  }),
  entry({ kind: 'Model', name: 'ctr_ranker', owner: 'ranking-team', quality: 'passing' })
];

function until(model: CatalogBrowserModel, done: () => boolean): Promise<void> {
  return new Promise(resolve => {
    if (done()) {
      resolve();
      return;
    }
    const slot = () => {
      if (done()) {
        model.changed.disconnect(slot);
        resolve();
      }
    };
    model.changed.connect(slot);
  });
}

describe('CatalogBrowserModel', () => {
  let model: CatalogBrowserModel;
  afterEach(() => model?.dispose());

  it('loads the listing, counts facets and lists everything for an empty query', async () => {
    model = new CatalogBrowserModel({
      client: new ListingClient({ registryVersion: 3, entries: ENTRIES }),
      searcher: new InProcessSearcher(),
      debounceMs: 0
    });
    expect(model.status).toBe('idle');
    await model.refresh();
    expect(model.status).toBe('ready');
    expect(model.registryVersion).toBe(3);
    expect(model.total).toBe(ENTRIES.length);
    expect(model.facets.kinds).toEqual([
      { value: 'FeatureGroup', count: 2 },
      { value: 'Feature', count: 1 },
      { value: 'Entity', count: 1 },
      { value: 'Model', count: 1 }
    ]);
    expect(model.facets.online).toEqual([
      { value: 'online', count: 2 },
      { value: 'offline', count: 3 }
    ]);
    expect(model.facets.owners.map(facet => facet.value)).toContain('ranking-team');
  });

  it('finds a feature by a misspelt query, after the debounce', async () => {
    model = new CatalogBrowserModel({
      client: new ListingClient({ registryVersion: 1, entries: ENTRIES }),
      searcher: new InProcessSearcher(),
      debounceMs: 5
    });
    await model.refresh();
    model.setQuery('clikcs');
    await until(
      model,
      () => !model.busy && model.hits[0]?.id === 'Feature:user_engagement_1d.clicks_1d'
    );
    expect(model.hits[0].matches.some(match => match.field === 'name')).toBe(true);
  });

  it('only the last of several quick queries searches', async () => {
    const searcher = new InProcessSearcher();
    model = new CatalogBrowserModel({
      client: new ListingClient({ registryVersion: 1, entries: ENTRIES }),
      searcher,
      debounceMs: 20
    });
    await model.refresh();
    const before = searcher.searches;
    model.setQuery('c');
    model.setQuery('ct');
    model.setQuery('ctr');
    await until(model, () => !model.busy && searcher.searches > before);
    expect(searcher.searches).toBe(before + 1);
    expect(model.hits.map(hit => hit.id)).toContain('Model:ctr_ranker');
  });

  it('caps ranked results of a text query, not a filter-only listing', async () => {
    const many = Array.from({ length: 50 }, (_, index) =>
      entry({ kind: 'FeatureGroup', name: `clicks_group_${index}` })
    );
    model = new CatalogBrowserModel({
      client: new ListingClient({ registryVersion: 1, entries: many }),
      searcher: new InProcessSearcher(),
      debounceMs: 0,
      maxQueryResults: 10
    });
    await model.refresh();
    expect(model.hits).toHaveLength(50);
    model.setQuery('clicks');
    await until(model, () => !model.busy && model.hits.length === 10);
    expect(model.total).toBe(50);
  });

  it('filters by kind, owner and online', async () => {
    model = new CatalogBrowserModel({
      client: new ListingClient({ registryVersion: 1, entries: ENTRIES }),
      searcher: new InProcessSearcher()
    });
    await model.refresh();
    model.toggleFilter('kinds', 'FeatureGroup', true);
    await until(model, () => !model.busy);
    expect(model.hits.map(hit => hit.id).sort()).toEqual([
      'FeatureGroup:item_attributes',
      'FeatureGroup:user_engagement_1d'
    ]);
    model.setFilters({ ...model.filters, online: true });
    await until(model, () => !model.busy);
    expect(model.hits.map(hit => hit.id)).toEqual(['FeatureGroup:user_engagement_1d']);
    model.setFilters({});
    await until(model, () => !model.busy);
    expect(model.total).toBe(ENTRIES.length);
  });

  it('reports a failed listing and recovers on refresh', async () => {
    const client = new ListingClient(new Error('service_starting'));
    model = new CatalogBrowserModel({ client, searcher: new InProcessSearcher() });
    await model.refresh();
    expect(model.status).toBe('error');
    expect(model.error?.message).toBe('service_starting');
    client.listing = { registryVersion: 0, entries: [] };
    await model.refresh();
    expect(model.status).toBe('ready');
    expect(model.entryCount).toBe(0);
    expect(model.total).toBe(0);
  });
});
