import { describe, expect, it } from 'vitest';
import {
  CATALOG_TAG_SEPARATOR,
  CatalogSearchIndex,
  CatalogWorkerHost,
  compareCatalogEntries,
  tokenize,
  type CatalogSearchResult
} from '@featurelab/core/catalog';
import { entry, feature } from './entries.js';

const ids = (result: CatalogSearchResult): string[] => result.hits.map(hit => hit.id);

const demo = [
  entry({ kind: 'Entity', name: 'user', owner: 'growth-team', entities: ['user'] }),
  entry({
    kind: 'FeatureGroup',
    name: 'user_engagement_1d',
    owner: 'growth-team',
    tags: ['engagement', 'ctr'],
    entities: ['user'],
    online: true,
    description: 'Daily engagement of each user with the impressions they were shown.'
  }),
  feature('user_engagement_1d', 'clicks_1d', {
    owner: 'growth-team',
    entities: ['user'],
    online: true,
    description: 'Impressions the user clicked that day.'
  }),
  feature('user_engagement_1d', 'ctr_1d', {
    owner: 'growth-team',
    tags: ['ratio'],
    entities: ['user'],
    online: true,
    type: 'double'
  }),
  feature('item_popularity_1d', 'item_clicks_1d', {
    owner: 'catalog-team',
    entities: ['item'],
    quality: 'failing'
  }),
  feature('misc', 'clicks', { owner: 'ranking-team', entities: ['user'] }),
  feature('misc', 'clickstream_sessions', { owner: 'ranking-team', entities: ['user'] }),
  feature('misc', 'revenue_7d', {
    owner: 'clicks-team',
    entities: ['user'],
    description: 'Revenue; not about clicks at all.'
  }),
  feature('misc', 'orders_7d', { tags: ['clicks'], owner: 'sales', entities: ['user'] }),
  feature('misc', 'lifetimeValueUSD', { owner: 'sales', entities: ['user'] })
];

describe('CatalogSearchIndex ranking', () => {
  const index = new CatalogSearchIndex(demo);

  it('puts an exact name first, then name prefixes, then token prefixes, then other fields', () => {
    const result = index.search('clicks', {}, 20);
    expect(ids(result)).toEqual([
      'Feature:misc.clicks', // exact name
      'Feature:user_engagement_1d.clicks_1d', // name starts with the query
      'Feature:misc.clickstream_sessions', // name prefix, longer
      'Feature:item_popularity_1d.item_clicks_1d', // a token of the name
      'Feature:misc.orders_7d', // a tag
      'Feature:misc.revenue_7d' // owner (clicks-team) beats description
    ]);
    expect(result.total).toBe(6);
  });

  it('ranks name over tags over owner over description for the same token', () => {
    const entries = [
      entry({ kind: 'Model', name: 'a', description: 'churn model' }),
      entry({ kind: 'Model', name: 'b', owner: 'churn' }),
      entry({ kind: 'Model', name: 'c', tags: ['churn'] }),
      entry({ kind: 'Model', name: 'd_churn' })
    ];
    expect(ids(new CatalogSearchIndex(entries).search('churn', {}, 10))).toEqual([
      'Model:d_churn',
      'Model:c',
      'Model:b',
      'Model:a'
    ]);
  });

  it('requires every query token, in any field', () => {
    expect(ids(index.search('clicks user', {}, 10))).toEqual([
      'Feature:user_engagement_1d.clicks_1d'
    ]);
    expect(index.search('clicks nothingmatches', {}, 10)).toEqual({ total: 0, hits: [] });
  });

  it('finds a feature by its group-qualified name', () => {
    expect(ids(index.search('user_engagement_1d.ctr_1d', {}, 1))).toEqual([
      'Feature:user_engagement_1d.ctr_1d'
    ]);
  });

  it('splits snake_case, camelCase and dots', () => {
    expect(tokenize('user_engagement_1d.clicks')).toEqual(['user', 'engagement', '1d', 'clicks']);
    expect(tokenize('lifetimeValueUSD')).toEqual(['lifetime', 'value', 'usd']);
    expect(tokenize('HTTPServer2xx')).toEqual(['http', 'server2xx']);
    expect(ids(index.search('value', {}, 5))).toEqual(['Feature:misc.lifetimeValueUSD']);
    expect(ids(index.search('usd', {}, 5))).toEqual(['Feature:misc.lifetimeValueUSD']);
  });

  it('is case-insensitive', () => {
    expect(ids(index.search('CLICKS', {}, 1))).toEqual(['Feature:misc.clicks']);
  });

  it('respects the limit and still counts every match', () => {
    const result = index.search('clicks', {}, 2);
    expect(result.hits).toHaveLength(2);
    expect(result.total).toBe(6);
    expect(index.search('clicks', {}, 0)).toEqual({ total: 6, hits: [] });
  });
});

describe('CatalogSearchIndex typo tolerance', () => {
  const index = new CatalogSearchIndex(demo);

  it('forgives one transposition in a token of 4+ characters', () => {
    const result = index.search('clikcs', {}, 10);
    expect(ids(result)).toContain('Feature:user_engagement_1d.clicks_1d');
    expect(ids(result)).toContain('Feature:misc.clicks');
  });

  it('forgives one substitution, insertion or deletion', () => {
    expect(ids(index.search('clicka', {}, 10))).toContain('Feature:misc.clicks');
    expect(ids(index.search('cliicks', {}, 10))).toContain('Feature:misc.clicks');
    expect(ids(index.search('clcks', {}, 10))).toContain('Feature:misc.clicks');
  });

  it('allows two edits from 8 characters on, and none below 4', () => {
    expect(ids(index.search('engagmnet', {}, 10))).toContain('FeatureGroup:user_engagement_1d');
    expect(ids(index.search('engagemnet', {}, 10))).toContain('FeatureGroup:user_engagement_1d');
    // 3 characters: exact or prefix only.
    expect(ids(index.search('ctx', {}, 10))).toEqual([]);
    // 4-7 characters: one edit, not two.
    expect(ids(index.search('clkcsx', {}, 10))).toEqual([]);
  });

  it('ranks exact matches above typo matches', () => {
    const entries = [
      entry({ kind: 'Model', name: 'click' }),
      entry({ kind: 'Model', name: 'clock' })
    ];
    expect(ids(new CatalogSearchIndex(entries).search('clock', {}, 10))).toEqual([
      'Model:clock',
      'Model:click'
    ]);
  });

  it('matches a typo in a half-typed token', () => {
    expect(ids(index.search('clikcst', {}, 10))).toContain('Feature:misc.clickstream_sessions');
  });
});

describe('CatalogSearchIndex filters', () => {
  const index = new CatalogSearchIndex(demo);

  it('lists everything in browse order for an empty query', () => {
    const result = index.search('  ', {}, 3);
    expect(result.total).toBe(demo.length);
    expect(ids(result)).toEqual([
      'Entity:user',
      'FeatureGroup:user_engagement_1d',
      'Feature:misc.clicks'
    ]);
    expect(result.hits.every(hit => hit.score === 0 && hit.matches.length === 0)).toBe(true);
    // compareCatalogEntries is that order (catalog.list sends entries in it).
    expect(ids(index.search('', {}, 100))).toEqual(
      [...demo].sort(compareCatalogEntries).map(entry => entry.id)
    );
  });

  it('filters by kind, entity, owner, tag, online and quality, all together', () => {
    expect(index.search('', { kinds: ['FeatureGroup', 'Entity'] }, 10).total).toBe(2);
    expect(ids(index.search('', { entities: ['item'] }, 10))).toEqual([
      'Feature:item_popularity_1d.item_clicks_1d'
    ]);
    expect(index.search('', { owners: ['sales', 'ranking-team'] }, 10).total).toBe(4);
    expect(ids(index.search('', { tags: ['ratio'] }, 10))).toEqual([
      'Feature:user_engagement_1d.ctr_1d'
    ]);
    expect(index.search('', { online: true }, 10).total).toBe(3);
    expect(index.search('', { online: false }, 10).total).toBe(demo.length - 3);
    expect(ids(index.search('', { quality: ['failing'] }, 10))).toEqual([
      'Feature:item_popularity_1d.item_clicks_1d'
    ]);
    expect(ids(index.search('clicks', { online: true, kinds: ['Feature'] }, 10))).toEqual([
      'Feature:user_engagement_1d.clicks_1d'
    ]);
    expect(index.search('', { owners: [] }, 10).total).toBe(0);
  });

  it('does not let a cached filter leak into the next search', () => {
    expect(index.search('', { online: true }, 10).total).toBe(3);
    expect(index.search('', {}, 10).total).toBe(demo.length);
    expect(index.search('', { online: false }, 10).total).toBe(demo.length - 3);
  });
});

describe('CatalogSearchIndex facets', () => {
  it('counts entities, owners and tags, most frequent first', () => {
    const facets = new CatalogSearchIndex(demo).facets();
    expect(facets.entities).toEqual([
      { value: 'user', count: 9 },
      { value: 'item', count: 1 }
    ]);
    expect(facets.owners[0]).toEqual({ value: 'growth-team', count: 4 });
    expect(facets.owners.map(owner => owner.value)).toEqual([
      'growth-team',
      'ranking-team',
      'sales',
      'catalog-team',
      'clicks-team'
    ]);
    expect(facets.tags).toEqual([
      { value: 'clicks', count: 1 },
      { value: 'ctr', count: 1 },
      { value: 'engagement', count: 1 },
      { value: 'ratio', count: 1 }
    ]);
  });

  it('leaves out entries without an owner', () => {
    const facets = new CatalogSearchIndex([entry({ kind: 'Model', name: 'm' })]).facets();
    expect(facets.owners).toEqual([]);
  });
});

describe('CatalogSearchIndex highlight ranges', () => {
  const index = new CatalogSearchIndex(demo);

  it('marks the matched part of each field', () => {
    const [hit] = index.search('user_engagement_1d', { kinds: ['FeatureGroup'] }, 1).hits;
    expect(hit.matches).toEqual([
      { field: 'name', ranges: [[0, 18]] },
      { field: 'tags', ranges: [[0, 10]] },
      {
        field: 'description',
        ranges: [
          [6, 16],
          [25, 29]
        ]
      }
    ]);
  });

  it('marks only the typed prefix of a token, the whole token for a typo', () => {
    const [prefix] = index.search('clickst', {}, 1).hits;
    expect(prefix.id).toBe('Feature:misc.clickstream_sessions');
    expect(prefix.matches).toEqual([{ field: 'name', ranges: [[0, 7]] }]);
    const typo = index.search('clikcs', {}, 10).hits.find(hit => hit.id === 'Feature:misc.clicks');
    expect(typo?.matches).toEqual([{ field: 'name', ranges: [[0, 6]] }]);
  });

  it('points tag ranges into the tags joined with the separator', () => {
    const [hit] = index.search('ctr', { kinds: ['FeatureGroup'] }, 1).hits;
    const tagText = ['engagement', 'ctr'].join(CATALOG_TAG_SEPARATOR);
    const tags = hit.matches.find(match => match.field === 'tags');
    expect(tags?.ranges).toEqual([[12, 15]]);
    expect(tagText.slice(12, 15)).toBe('ctr');
  });

  it('marks camelCase parts in the original text', () => {
    const [hit] = index.search('value', {}, 1).hits;
    const [range] = hit.matches[0].ranges;
    expect('lifetimeValueUSD'.slice(range[0], range[1])).toBe('Value');
  });
});

describe('CatalogSearchIndex with hostile names', () => {
  const long = `f${'x'.repeat(298)}y`;
  const hostile = [
    entry({ kind: 'SampleSet', name: `o'brien "quoted" set` }),
    entry({ kind: 'SampleSet', name: 'back`tick`; DROP TABLE spec_objects; --' }),
    entry({ kind: 'Model', name: 'Ünïcödé Modèl 日本語 🚀', owner: 'équipe-données' }),
    entry({ kind: 'Model', name: '```' }),
    entry({ kind: 'Model', name: '<img src=x onerror=alert(1)>' }),
    entry({ kind: 'Model', name: long, description: long })
  ];
  const index = new CatalogSearchIndex(hostile);

  it('finds names with quotes and backticks by their words', () => {
    expect(ids(index.search('brien', {}, 5))).toEqual([`SampleSet:o'brien "quoted" set`]);
    expect(ids(index.search('tick', {}, 5))).toEqual([
      'SampleSet:back`tick`; DROP TABLE spec_objects; --'
    ]);
    expect(ids(index.search(`o'brien "quoted" set`, {}, 5))[0]).toBe(
      `SampleSet:o'brien "quoted" set`
    );
  });

  it('finds names that are only punctuation', () => {
    expect(ids(index.search('```', {}, 5))).toEqual(['Model:```']);
    const [hit] = index.search('`', {}, 5).hits.filter(h => h.id === 'Model:```');
    expect(hit.matches).toEqual([{ field: 'name', ranges: [[0, 1]] }]);
  });

  it('handles unicode letters, case and emoji', () => {
    expect(ids(index.search('ünïcödé', {}, 5))).toEqual(['Model:Ünïcödé Modèl 日本語 🚀']);
    expect(ids(index.search('日本語', {}, 5))).toEqual(['Model:Ünïcödé Modèl 日本語 🚀']);
    expect(ids(index.search('données', {}, 5))).toEqual(['Model:Ünïcödé Modèl 日本語 🚀']);
    const [hit] = index.search('modèl', {}, 5).hits;
    const name = 'Ünïcödé Modèl 日本語 🚀';
    const [range] = hit.matches[0].ranges;
    expect(name.slice(range[0], range[1])).toBe('Modèl');
  });

  it('handles a 300-character name and markup as plain text', () => {
    expect(ids(index.search(long, {}, 5))).toEqual([`Model:${long}`]);
    expect(ids(index.search(long.slice(0, 40), {}, 5))).toEqual([`Model:${long}`]);
    expect(ids(index.search('onerror', {}, 5))).toEqual(['Model:<img src=x onerror=alert(1)>']);
  });
});

describe('CatalogWorkerHost', () => {
  it('answers load, search and facets, and reports a search before load', () => {
    let clock = 0;
    const host = new CatalogWorkerHost(() => (clock += 5));
    expect(host.handle({ type: 'facets', requestId: 1 })).toMatchObject({
      type: 'error',
      requestId: 1
    });
    expect(host.handle({ type: 'load', requestId: 2, entries: demo })).toEqual({
      type: 'loaded',
      requestId: 2,
      count: demo.length,
      buildMs: 5
    });
    const search = host.handle({
      type: 'search',
      requestId: 3,
      query: 'clicks',
      filters: {},
      limit: 1
    });
    expect(search).toMatchObject({
      type: 'search',
      requestId: 3,
      result: { total: 6, hits: [{ id: 'Feature:misc.clicks' }] }
    });
    expect(host.handle({ type: 'facets', requestId: 4 })).toMatchObject({
      type: 'facets',
      requestId: 4
    });
  });
});
