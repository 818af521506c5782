import type { CatalogEntry } from '../generated/index.js';
import { boundedDistance, NO_MATCH, typoBudget } from './edit-distance.js';
import { FIELD_BITS, InvertedIndexBuilder } from './inverted-index.js';
import { tokenize, tokenizeWithPositions } from './tokenize.js';
import type {
  CatalogFacetValue,
  CatalogFacets,
  CatalogFilters,
  CatalogSearchField,
  CatalogSearchHit,
  CatalogSearchMatch,
  CatalogSearchResult
} from './types.js';

/** How the tags of an entry are joined into the one text that `tags` match ranges point into. */
export const CATALOG_TAG_SEPARATOR = ', ';

/**
 * Indexed fields. GROUP is a feature's feature group name: it makes "user_engagement clicks"
 * find the feature, but it is not a field of the contract, so it gets no highlight ranges.
 */
const NAME = 0;
const TAGS = 1;
const OWNER = 2;
const DESCRIPTION = 3;
const GROUP = 4;
const FIELD_MASK = (1 << FIELD_BITS) - 1;
/** name > tags > owner > description (> group). */
const FIELD_WEIGHT = [8, 4, 2, 1, 1];
const FIELD_NAMES: readonly CatalogSearchField[] = ['name', 'tags', 'owner', 'description'];

/** exact token > token prefix > typo (whole token) > typo of a prefix. */
const EXACT = 4;
const PREFIX = 3;
const FUZZY = 2;
const FUZZY_PREFIX = 1;

/** Whole-name bonuses: they put "exact name" and "name starts with the query" above the rest. */
const EXACT_NAME_BONUS = 10_000;
const NAME_PREFIX_BONUS = 1_000;

const NO_FILTERS: CatalogFilters = {};
const MAX_TERMS = 32;

/** A query token and the indexed tokens it matched, with how. */
interface QueryTerm {
  readonly text: string;
  /** Indexed token id -> match strength (EXACT...FUZZY_PREFIX). */
  readonly matched: Map<number, number>;
}

/**
 * In-memory search over catalog entries, built once per entry list (a catalog.list result).
 *
 * The index is an inverted list: each distinct token of the indexed fields maps to the
 * entries (and fields) containing it, stored flat in one Int32Array. A query is tokenized the
 * same way; each query token is matched against the sorted token dictionary (exact, prefix by
 * binary search, typos by a banded edit distance over tokens of a plausible length), and an
 * entry must match every query token in some field. Only the `limit` best entries are
 * selected (a bounded heap) and only they get highlight ranges, so a query costs time in the
 * number of matching postings, not in sorting everything.
 */
export class CatalogSearchIndex {
  private readonly entries: readonly CatalogEntry[];
  /** Distinct tokens, sorted (binary search for prefixes). */
  private readonly tokens: readonly string[];
  /** Token ids by token length, for the typo scan. */
  private readonly tokensByLength: number[][];
  /** postings of token t: postingData[postingStart[t] .. postingStart[t + 1]) = entry << 3 | field. */
  private readonly postingStart: Int32Array;
  private readonly postingData: Int32Array;
  private readonly lowerNames: string[];
  /** 1 where the entry is online. */
  private readonly online: Uint8Array;
  /** Entry index -> position in the browse order (kind, then name). */
  private readonly browseRank: Int32Array;
  private readonly browseOrder: Int32Array;
  private readonly valuePostings: {
    readonly kinds: Map<string, number[]>;
    readonly entities: Map<string, number[]>;
    readonly owners: Map<string, number[]>;
    readonly tags: Map<string, number[]>;
    readonly quality: Map<string, number[]>;
  };
  private readonly facetValues: CatalogFacets;
  private cachedFilterKey = '';
  private cachedFilterMask: Uint8Array | null = null;
  /** Scratch arrays, one slot per entry, reused across queries. */
  private readonly termScore: Float64Array;
  private readonly totalScore: Float64Array;
  private readonly termsMatched: Uint16Array;

  constructor(entries: readonly CatalogEntry[]) {
    this.entries = entries;
    const n = entries.length;
    this.termScore = new Float64Array(n);
    this.totalScore = new Float64Array(n);
    this.termsMatched = new Uint16Array(n);
    // Filled by push: V8 keeps `new Array(n)` beyond 100,000 slots as a slow dictionary.
    this.lowerNames = [];
    this.online = new Uint8Array(n);
    this.valuePostings = {
      kinds: new Map(),
      entities: new Map(),
      owners: new Map(),
      tags: new Map(),
      quality: new Map()
    };

    const builder = new InvertedIndexBuilder();
    for (let i = 0; i < n; i++) {
      const entry = entries[i];
      // Names and descriptions are mostly distinct: caching their tokens would cost more
      // (hashing whole texts) than it saves; owners, tags and groups repeat.
      builder.addText(i, NAME, entry.name, false);
      for (const tag of entry.tags) {
        builder.addText(i, TAGS, tag, true);
      }
      builder.addText(i, OWNER, entry.owner, true);
      if (entry.description !== '') {
        builder.addText(i, DESCRIPTION, entry.description, false);
      }
      if (entry.featureGroup !== undefined) {
        builder.addText(i, GROUP, entry.featureGroup, true);
      }
      const lower = entry.name.toLowerCase();
      this.lowerNames.push(lower);
      this.online[i] = entry.online ? 1 : 0;
      pushTo(this.valuePostings.kinds, entry.kind, i);
      pushTo(this.valuePostings.owners, entry.owner, i);
      pushTo(this.valuePostings.quality, entry.quality, i);
      pushDistinct(this.valuePostings.entities, entry.entities, i);
      pushDistinct(this.valuePostings.tags, entry.tags, i);
    }
    const inverted = builder.finish();
    this.tokens = inverted.tokens;
    this.postingStart = inverted.start;
    this.postingData = inverted.data;
    this.tokensByLength = [];
    for (let t = 0; t < this.tokens.length; t++) {
      const length = this.tokens[t].length;
      while (this.tokensByLength.length <= length) {
        this.tokensByLength.push([]);
      }
      this.tokensByLength[length].push(t);
    }

    // Browse order for filter-only searches and ties (see KIND_ORDER).
    // Numeric keys first (kind, name length), so most comparisons touch no string. A plain
    // array, not an Int32Array: Array.prototype.sort is adaptive (TimSort), and catalog.list
    // already sends entries in this order, which makes the sort linear.
    const numericKey = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      numericKey[i] = (KIND_ORDER[entries[i].kind] ?? 9) * 1e6 + entries[i].name.length;
    }
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) =>
        numericKey[a] - numericKey[b] ||
        compareStrings(entries[a].name, entries[b].name) ||
        compareStrings(entries[a].id, entries[b].id)
    );
    this.browseOrder = Int32Array.from(order);
    this.browseRank = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      this.browseRank[this.browseOrder[r]] = r;
    }

    this.facetValues = {
      entities: facetOf(this.valuePostings.entities),
      owners: facetOf(this.valuePostings.owners, value => value !== ''),
      tags: facetOf(this.valuePostings.tags)
    };
  }

  /** Number of entries indexed. */
  get size(): number {
    return this.entries.length;
  }

  /** The entry with this CatalogEntry.id's index position (hits carry ids; this maps back). */
  entryAt(index: number): CatalogEntry | undefined {
    return this.entries[index];
  }

  /** Values to offer as filters over all entries, most frequent first. */
  facets(): CatalogFacets {
    return this.facetValues;
  }

  /**
   * The best `limit` entries for `query` among those `filters` keep. An empty (or blank)
   * query lists the filtered entries in browse order (kind, then name) with score 0.
   */
  search(query: string, filters: CatalogFilters = NO_FILTERS, limit = 100): CatalogSearchResult {
    const max = Math.max(0, Math.floor(limit));
    const allowed = this.filterMask(filters);
    const trimmed = query.trim();
    if (trimmed === '') {
      return this.browse(allowed, max);
    }
    // Distinct tokens, at most MAX_TERMS of them: a pasted paragraph is not a query.
    const terms = [...new Set(tokenize(trimmed))]
      .slice(0, MAX_TERMS)
      .map(text => this.matchTerm(text));
    const lowerQuery = trimmed.toLowerCase();
    const candidates =
      terms.length > 0 ? this.scoreTerms(terms) : this.scoreNameSubstring(lowerQuery);
    const heap = new TopHits(max, this.browseRank);
    let total = 0;
    // Per candidate only string comparisons on lowerNames: touching the entry objects here
    // (megamorphic loads over 100,000 objects) would cost more than the scoring.
    const qualified = lowerQuery.includes('.');
    for (const entry of candidates) {
      if (allowed !== null && allowed[entry] === 0) {
        continue;
      }
      total++;
      const name = this.lowerNames[entry];
      let bonus = 0;
      if (name.length >= lowerQuery.length) {
        bonus =
          name === lowerQuery
            ? EXACT_NAME_BONUS
            : name.startsWith(lowerQuery)
              ? NAME_PREFIX_BONUS
              : 0;
      } else if (qualified && this.isQualifiedName(entry, lowerQuery)) {
        bonus = EXACT_NAME_BONUS;
      }
      heap.offer(entry, this.totalScore[entry] + bonus);
    }
    const hits: CatalogSearchHit[] = heap.sorted().map(({ entry, score }) => ({
      id: this.entries[entry].id,
      score,
      matches: this.highlight(entry, terms, lowerQuery)
    }));
    this.resetScores(candidates);
    return { total, hits };
  }

  /** Entries allowed by the filters, as a mask (null: no filter, everything allowed). */
  private filterMask(filters: CatalogFilters): Uint8Array | null {
    const lists: Array<[Map<string, number[]>, readonly string[] | undefined]> = [
      [this.valuePostings.kinds, filters.kinds],
      [this.valuePostings.entities, filters.entities],
      [this.valuePostings.owners, filters.owners],
      [this.valuePostings.tags, filters.tags],
      [this.valuePostings.quality, filters.quality]
    ];
    const active = lists.filter(([, values]) => values !== undefined);
    if (active.length === 0 && filters.online === undefined) {
      return null;
    }
    const key = JSON.stringify([
      ...lists.map(([, values]) => values ?? null),
      filters.online ?? null
    ]);
    if (key === this.cachedFilterKey && this.cachedFilterMask !== null) {
      return this.cachedFilterMask;
    }
    const n = this.entries.length;
    // Each active condition adds 1 for an entry it keeps; an entry is kept by all of them.
    const votes = new Uint8Array(n);
    let needed = 0;
    for (const [postings, values] of active) {
      needed++;
      const seen = new Uint8Array(n);
      for (const value of new Set(values)) {
        for (const entry of postings.get(value) ?? []) {
          if (seen[entry] === 0) {
            seen[entry] = 1;
            votes[entry]++;
          }
        }
      }
    }
    if (filters.online !== undefined) {
      needed++;
      const wanted = filters.online ? 1 : 0;
      for (let i = 0; i < n; i++) {
        if (this.online[i] === wanted) {
          votes[i]++;
        }
      }
    }
    const mask = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      mask[i] = votes[i] === needed ? 1 : 0;
    }
    this.cachedFilterKey = key;
    this.cachedFilterMask = mask;
    return mask;
  }

  private browse(allowed: Uint8Array | null, limit: number): CatalogSearchResult {
    const hits: CatalogSearchHit[] = [];
    let total = 0;
    for (let r = 0; r < this.browseOrder.length; r++) {
      const entry = this.browseOrder[r];
      if (allowed !== null && allowed[entry] === 0) {
        continue;
      }
      total++;
      if (hits.length < limit) {
        hits.push({ id: this.entries[entry].id, score: 0, matches: [] });
      }
    }
    return { total, hits };
  }

  /** The indexed tokens one query token matches: itself, those it prefixes, near typos. */
  private matchTerm(text: string): QueryTerm {
    const matched = new Map<number, number>();
    let t = lowerBound(this.tokens, text);
    while (t < this.tokens.length && this.tokens[t].startsWith(text)) {
      matched.set(t, this.tokens[t].length === text.length ? EXACT : PREFIX);
      t++;
    }
    const budget = typoBudget(text.length);
    if (budget > 0) {
      const shortest = Math.max(1, text.length - budget);
      for (let length = shortest; length < this.tokensByLength.length; length++) {
        for (const id of this.tokensByLength[length]) {
          if (matched.has(id)) {
            continue;
          }
          const distance = boundedDistance(text, this.tokens[id], budget);
          if (distance.full !== NO_MATCH) {
            matched.set(id, FUZZY);
          } else if (distance.prefix !== NO_MATCH && length > text.length) {
            matched.set(id, FUZZY_PREFIX);
          }
        }
      }
    }
    return { text, matched };
  }

  /**
   * Scores every entry that matches all terms into totalScore and returns them. Per term, an
   * entry counts its best (strength x field weight) match.
   */
  private scoreTerms(terms: readonly QueryTerm[]): number[] {
    let candidates: number[] = [];
    const touched: number[] = [];
    for (let q = 0; q < terms.length; q++) {
      touched.length = 0;
      for (const [token, strength] of terms[q].matched) {
        const end = this.postingStart[token + 1];
        for (let p = this.postingStart[token]; p < end; p++) {
          const posting = this.postingData[p];
          const entry = posting >>> FIELD_BITS;
          if (this.termsMatched[entry] !== q) {
            continue;
          }
          const score = strength * FIELD_WEIGHT[posting & FIELD_MASK];
          const current = this.termScore[entry];
          if (current === 0) {
            touched.push(entry);
          }
          if (score > current) {
            this.termScore[entry] = score;
          }
        }
      }
      for (const entry of touched) {
        this.totalScore[entry] += this.termScore[entry];
        this.termScore[entry] = 0;
        this.termsMatched[entry] = q + 1;
      }
      if (q === 0) {
        candidates = touched.slice();
      } else {
        const survivors: number[] = [];
        for (const entry of candidates) {
          if (this.termsMatched[entry] === q + 1) {
            survivors.push(entry);
          } else {
            this.totalScore[entry] = 0;
            this.termsMatched[entry] = 0;
          }
        }
        candidates = survivors;
      }
      if (candidates.length === 0) {
        break;
      }
    }
    return candidates;
  }

  /** A query without letters or digits ("```", "'"): names that contain it. */
  private scoreNameSubstring(lowerQuery: string): number[] {
    const candidates: number[] = [];
    for (let i = 0; i < this.lowerNames.length; i++) {
      if (this.lowerNames[i].includes(lowerQuery)) {
        candidates.push(i);
        this.totalScore[i] = FIELD_WEIGHT[NAME];
        this.termsMatched[i] = 1;
      }
    }
    return candidates;
  }

  private resetScores(candidates: readonly number[]): void {
    for (const entry of candidates) {
      this.totalScore[entry] = 0;
      this.termsMatched[entry] = 0;
    }
  }

  /** Whether `lowerQuery` is the feature's "group.feature" name. */
  private isQualifiedName(entry: number, lowerQuery: string): boolean {
    const name = this.lowerNames[entry];
    if (!lowerQuery.endsWith(name)) {
      return false;
    }
    const group = this.entries[entry].featureGroup;
    return (
      group !== undefined &&
      lowerQuery.length === group.length + 1 + name.length &&
      lowerQuery[group.length] === '.' &&
      lowerQuery.startsWith(group.toLowerCase())
    );
  }

  /** Highlight ranges of one hit, per contract field. */
  private highlight(
    entry: number,
    terms: readonly QueryTerm[],
    lowerQuery: string
  ): CatalogSearchMatch[] {
    const source = this.entries[entry];
    const matches: CatalogSearchMatch[] = [];
    const texts = [
      source.name,
      source.tags.join(CATALOG_TAG_SEPARATOR),
      source.owner,
      source.description
    ];
    for (let field = NAME; field <= DESCRIPTION; field++) {
      const text = texts[field];
      const ranges: Array<[number, number]> = [];
      if (field === NAME && this.lowerNames[entry].startsWith(lowerQuery)) {
        ranges.push([0, Math.min(text.length, lowerQuery.length)]);
      } else if (field === NAME && terms.length === 0) {
        const at = this.lowerNames[entry].indexOf(lowerQuery);
        if (at >= 0) {
          ranges.push([at, at + lowerQuery.length]);
        }
      }
      if (text !== '' && terms.length > 0) {
        for (const token of tokenizeWithPositions(text)) {
          const id = this.tokenId(token.text);
          if (id < 0) {
            continue;
          }
          let best = 0;
          let length = 0;
          for (const term of terms) {
            const strength = term.matched.get(id) ?? 0;
            if (strength > best) {
              best = strength;
              length = strength === PREFIX ? term.text.length : token.end - token.start;
            }
          }
          if (best > 0) {
            ranges.push([token.start, Math.min(token.end, token.start + length)]);
          }
        }
      }
      if (ranges.length > 0) {
        matches.push({ field: FIELD_NAMES[field], ranges: mergeRanges(ranges) });
      }
    }
    return matches;
  }

  private tokenId(token: string): number {
    const at = lowerBound(this.tokens, token);
    return at < this.tokens.length && this.tokens[at] === token ? at : -1;
  }
}

/** Keeps the `limit` best (score desc, then browse rank asc) of a stream of scored entries. */
class TopHits {
  private readonly entries: number[] = [];
  private readonly scores: number[] = [];

  private readonly limit: number;
  private readonly rank: Int32Array;

  constructor(limit: number, rank: Int32Array) {
    this.limit = limit;
    this.rank = rank;
  }

  offer(entry: number, score: number): void {
    if (this.limit === 0) {
      return;
    }
    if (this.entries.length < this.limit) {
      this.entries.push(entry);
      this.scores.push(score);
      this.siftUp(this.entries.length - 1);
    } else if (this.better(entry, score, this.entries[0], this.scores[0])) {
      this.entries[0] = entry;
      this.scores[0] = score;
      this.siftDown(0);
    }
  }

  sorted(): Array<{ entry: number; score: number }> {
    const all = this.entries.map((entry, i) => ({ entry, score: this.scores[i] }));
    return all.sort((a, b) => (this.better(a.entry, a.score, b.entry, b.score) ? -1 : 1));
  }

  /** The heap's root is its worst element. */
  private better(a: number, scoreA: number, b: number, scoreB: number): boolean {
    return scoreA !== scoreB ? scoreA > scoreB : this.rank[a] < this.rank[b];
  }

  private siftUp(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (
        !this.better(this.entries[parent], this.scores[parent], this.entries[i], this.scores[i])
      ) {
        break;
      }
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(index: number): void {
    let i = index;
    const n = this.entries.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (
        left < n &&
        this.better(this.entries[worst], this.scores[worst], this.entries[left], this.scores[left])
      ) {
        worst = left;
      }
      if (
        right < n &&
        this.better(
          this.entries[worst],
          this.scores[worst],
          this.entries[right],
          this.scores[right]
        )
      ) {
        worst = right;
      }
      if (worst === i) {
        return;
      }
      this.swap(i, worst);
      i = worst;
    }
  }

  private swap(a: number, b: number): void {
    [this.entries[a], this.entries[b]] = [this.entries[b], this.entries[a]];
    [this.scores[a], this.scores[b]] = [this.scores[b], this.scores[a]];
  }
}

/**
 * Browse order (and the tie-break of equal scores): kind in this order, shorter names first
 * (the closest match among equals), name, id.
 */
const KIND_ORDER: Readonly<Record<string, number>> = {
  Entity: 0,
  FeatureGroup: 1,
  Feature: 2,
  SampleSet: 3,
  Model: 4
};

/**
 * The browse order of CatalogSearchIndex: kind (Entity, FeatureGroup, Feature, SampleSet,
 * Model), shorter names first, name, id (code-unit order). catalog.list returns entries in this
 * order, so building the index sorts an already sorted list.
 */
export function compareCatalogEntries(a: CatalogEntry, b: CatalogEntry): number {
  return (
    (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) ||
    a.name.length - b.name.length ||
    compareStrings(a.name, b.name) ||
    compareStrings(a.id, b.id)
  );
}

/** Code-unit order: the same everywhere, unlike localeCompare. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] < value) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

function pushTo(map: Map<string, number[]>, key: string, entry: number): void {
  const list = map.get(key);
  if (list === undefined) {
    map.set(key, [entry]);
  } else {
    list.push(entry);
  }
}

/** Adds `entry` under each distinct value (lists are short: a loop beats a Set). */
function pushDistinct(map: Map<string, number[]>, values: readonly string[], entry: number): void {
  for (let v = 0; v < values.length; v++) {
    if (values.indexOf(values[v]) === v) {
      pushTo(map, values[v], entry);
    }
  }
}

function facetOf(
  postings: ReadonlyMap<string, readonly number[]>,
  keep: (value: string) => boolean = () => true
): CatalogFacetValue[] {
  return [...postings]
    .filter(([value]) => keep(value))
    .map(([value, list]) => ({ value, count: list.length }))
    .sort((a, b) => b.count - a.count || compareStrings(a.value, b.value));
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range[0] <= last[1]) {
      last[1] = Math.max(last[1], range[1]);
    } else {
      merged.push([range[0], range[1]]);
    }
  }
  return merged;
}
