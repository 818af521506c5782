/**
 * Seeded catalog data and query mix for the catalog-search benchmark: a registry of
 * `features` generated features in groups of ~20 (names like user_clicks_sum_7d), with their
 * feature groups, entities, sample sets and models, and realistic queries against them.
 * Shared by the worker (which builds the entries itself, so no 100k-entry message is timed)
 * and by the Node side (which builds the queries).
 */
import type { CatalogEntry } from '../../../core/src/generated/catalog-result.ts';

export interface BenchFilters {
  kinds?: string[];
  entities?: string[];
  owners?: string[];
  tags?: string[];
  online?: boolean;
  quality?: string[];
}

export type QueryCategory =
  'exact' | 'prefix' | 'typo' | 'multi-token' | 'filter-only' | 'filtered';

export interface BenchQuery {
  category: QueryCategory;
  query: string;
  filters: BenchFilters;
}

const ENTITIES = [
  'user',
  'item',
  'merchant',
  'session',
  'device',
  'store',
  'campaign',
  'seller',
  'order',
  'query',
  'region',
  'advertiser'
];
const DOMAINS = [
  'engagement',
  'orders',
  'payments',
  'search',
  'returns',
  'reviews',
  'browsing',
  'ads',
  'fraud',
  'loyalty',
  'shipping',
  'inventory',
  'pricing',
  'support',
  'referrals'
];
const METRICS = [
  'clicks',
  'impressions',
  'views',
  'purchases',
  'revenue',
  'refunds',
  'sessions',
  'dwell_ms',
  'add_to_cart',
  'conversions',
  'queries',
  'ratings',
  'returns',
  'chargebacks',
  'logins',
  'coupons',
  'discount',
  'basket_size',
  'latency_ms',
  'bounces',
  'scrolls',
  'shares',
  'wishlist_adds',
  'disputes',
  'page_depth'
];
const AGGREGATES = [
  'sum',
  'count',
  'avg',
  'max',
  'min',
  'stddev',
  'ratio',
  'distinct',
  'p90',
  'last'
];
const WINDOWS = ['1h', '6h', '1d', '3d', '7d', '14d', '28d', '90d'];
const TEAMS = [
  'growth-team',
  'ranking-team',
  'catalog-team',
  'payments-team',
  'risk-team',
  'search-team',
  'ads-team',
  'logistics-team',
  'crm-team',
  'pricing-team',
  'trust-safety',
  'data-platform',
  'marketplace',
  'recommendations',
  'support-analytics',
  'finance-analytics'
];
const TAGS = [
  'ctr',
  'revenue',
  'pii',
  'realtime',
  'batch',
  'experimental',
  'deprecated',
  'gold',
  'silver',
  'bronze',
  'fraud',
  'ranking',
  'forecasting',
  'embedding',
  'ratio',
  'counts',
  'latency',
  'churn',
  'ltv',
  'attribution',
  'seasonal',
  'sparse',
  'dense',
  'audited'
];
const QUALITY = [
  'unknown',
  'unknown',
  'unknown',
  'passing',
  'passing',
  'warning',
  'failing'
] as const;

/** mulberry32: small, fast, seeded. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, values: readonly T[]): T {
  return values[Math.floor(rnd() * values.length)];
}

function pickSome<T>(rnd: () => number, values: readonly T[], max: number): T[] {
  const count = Math.floor(rnd() * (max + 1));
  return [...new Set(Array.from({ length: count }, () => pick(rnd, values)))];
}

const AGGREGATE_WORDS: Record<string, string> = {
  sum: 'Total',
  count: 'Number of',
  avg: 'Mean',
  max: 'Largest',
  min: 'Smallest',
  stddev: 'Standard deviation of',
  ratio: 'Share of',
  distinct: 'Distinct',
  p90: '90th percentile of',
  last: 'Latest'
};

/** `features` features plus their groups, entities, sample sets and models. */
export function generateCatalog(features: number, seed = 42): CatalogEntry[] {
  const rnd = random(seed);
  const entries: CatalogEntry[] = [];
  for (const entity of ENTITIES) {
    entries.push({
      id: `Entity:${entity}`,
      kind: 'Entity',
      name: entity,
      description: `A ${entity} of the marketplace.`,
      owner: pick(rnd, TEAMS),
      tags: [],
      entities: [entity],
      online: false,
      quality: 'unknown',
      updatedVersion: 1
    });
  }
  const groups: string[] = [];
  let made = 0;
  for (let g = 0; made < features; g++) {
    const entity = pick(rnd, ENTITIES);
    const domain = pick(rnd, DOMAINS);
    const window = pick(rnd, WINDOWS);
    const group = `${entity}_${domain}_${window}_v${g}`;
    groups.push(group);
    const owner = pick(rnd, TEAMS);
    const groupTags = pickSome(rnd, TAGS, 3);
    const online = rnd() < 0.3;
    const version = 1 + Math.floor(rnd() * 500);
    const quality = pick(rnd, QUALITY);
    entries.push({
      id: `FeatureGroup:${group}`,
      kind: 'FeatureGroup',
      name: group,
      description: `${domain[0].toUpperCase()}${domain.slice(1)} features of each ${entity} over ${window}, rebuilt daily from the ${domain} events.`,
      owner,
      tags: groupTags,
      entities: [entity],
      online,
      quality,
      updatedVersion: version
    });
    const size = 10 + Math.floor(rnd() * 21);
    const used = new Set<string>();
    for (let f = 0; f < size && made < features; f++) {
      const metric = pick(rnd, METRICS);
      const aggregate = pick(rnd, AGGREGATES);
      const featureWindow = rnd() < 0.7 ? window : pick(rnd, WINDOWS);
      let name = `${entity}_${metric}_${aggregate}_${featureWindow}`;
      if (rnd() < 0.15) {
        // Some teams write camelCase.
        name = `${entity}${cap(metric)}${cap(aggregate)}${cap(featureWindow)}`;
      }
      if (used.has(name)) {
        continue;
      }
      used.add(name);
      const description =
        rnd() < 0.2
          ? ''
          : `${AGGREGATE_WORDS[aggregate]} ${metric.replace(/_/g, ' ')} per ${entity} over the last ${featureWindow}.${rnd() < 0.3 ? ' Nulls mean no activity in the window.' : ''}`;
      entries.push({
        id: `Feature:${group}.${name}`,
        kind: 'Feature',
        name,
        featureGroup: group,
        description,
        owner: rnd() < 0.9 ? owner : pick(rnd, TEAMS),
        tags: [...new Set([...groupTags, ...pickSome(rnd, TAGS, 1)])],
        entities: [entity],
        online,
        type: pick(rnd, ['bigint', 'double', 'float', 'int', 'string', 'array<float>']),
        quality,
        updatedVersion: version
      });
      made++;
    }
  }
  for (let s = 0; s < 200; s++) {
    const entity = pick(rnd, ENTITIES);
    entries.push({
      id: `SampleSet:${entity}_training_${s}`,
      kind: 'SampleSet',
      name: `${entity}_training_${s}`,
      description: `Labelled ${entity} events joined point-in-time with ${pick(rnd, DOMAINS)} features.`,
      owner: pick(rnd, TEAMS),
      tags: pickSome(rnd, TAGS, 2),
      entities: [entity],
      online: false,
      quality: 'unknown',
      updatedVersion: 1 + Math.floor(rnd() * 500)
    });
    entries.push({
      id: `Model:${entity}_model_${s}`,
      kind: 'Model',
      name: `${entity}_model_${s}`,
      description: `Predicts ${pick(rnd, METRICS).replace(/_/g, ' ')} of a ${entity}.`,
      owner: pick(rnd, TEAMS),
      tags: pickSome(rnd, TAGS, 2),
      entities: [entity],
      online: false,
      quality: 'unknown',
      updatedVersion: 1 + Math.floor(rnd() * 500)
    });
  }
  return entries;
}

function cap(word: string): string {
  return word
    .split('_')
    .map(part => `${part[0].toUpperCase()}${part.slice(1)}`)
    .join('');
}

/** Swaps two adjacent letters inside the word: the most common typo. */
function transpose(rnd: () => number, word: string): string {
  if (word.length < 4) {
    return word;
  }
  const at = 1 + Math.floor(rnd() * (word.length - 3));
  return `${word.slice(0, at)}${word[at + 1]}${word[at]}${word.slice(at + 2)}`;
}

/**
 * The query mix, `count` queries: exact names (20%), name prefixes as typed (25%), a typo in
 * a word (15%), several words (20%), filters alone (10%), words with filters (10%).
 */
export function generateQueries(
  entries: readonly CatalogEntry[],
  count: number,
  seed = 7
): BenchQuery[] {
  const rnd = random(seed);
  const features = entries.filter(entry => entry.kind === 'Feature');
  const queries: BenchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const roll = rnd();
    const target = pick(rnd, features);
    if (roll < 0.2) {
      queries.push({ category: 'exact', query: target.name, filters: {} });
    } else if (roll < 0.45) {
      const length = 2 + Math.floor(rnd() * 8);
      queries.push({ category: 'prefix', query: target.name.slice(0, length), filters: {} });
    } else if (roll < 0.6) {
      const word = pick(
        rnd,
        METRICS.filter(metric => metric.length >= 5 && !metric.includes('_'))
      );
      queries.push({ category: 'typo', query: transpose(rnd, word), filters: {} });
    } else if (roll < 0.8) {
      const words = [pick(rnd, ENTITIES), pick(rnd, METRICS).split('_')[0], pick(rnd, WINDOWS)];
      queries.push({
        category: 'multi-token',
        query: words.slice(0, 2 + Math.floor(rnd() * 2)).join(' '),
        filters: {}
      });
    } else if (roll < 0.9) {
      queries.push({
        category: 'filter-only',
        query: '',
        filters: {
          entities: [pick(rnd, ENTITIES)],
          online: rnd() < 0.5 ? true : undefined,
          tags: rnd() < 0.5 ? [pick(rnd, TAGS)] : undefined
        }
      });
    } else {
      queries.push({
        category: 'filtered',
        query: pick(rnd, METRICS).split('_')[0],
        filters: { owners: [pick(rnd, TEAMS)], kinds: ['Feature'] }
      });
    }
  }
  return queries;
}
