import { scan, tokenize } from './tokenize.js';

/**
 * The inverted index of the catalog search: distinct tokens in sorted order, and for each
 * token the postings (entry << FIELD_BITS | field) of the entries whose field contains it, in
 * entry order, laid out flat in one Int32Array.
 */
export interface InvertedIndex {
  readonly tokens: readonly string[];
  /** Postings of token t: data[start[t] .. start[t + 1]). */
  readonly start: Int32Array;
  readonly data: Int32Array;
}

export const FIELD_BITS = 3;

/**
 * Builds an InvertedIndex without a growing array per token: postings are appended as
 * (token id, posting) pairs to one typed buffer and placed by a counting sort at the end, which
 * keeps building 100,000 entries mostly free of garbage collection.
 */
export class InvertedIndexBuilder {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];
  private counts = new Int32Array(1024);
  private pairs = new Int32Array(1 << 16);
  private length = 0;
  private scratch = new Int32Array(64);
  /** Distinct texts (owners, tags, templated descriptions) -> their distinct token ids. */
  private readonly textCache = new Map<string, Int32Array>();

  /** Adds the tokens of `text` to `entry`'s `field`; `cache` for texts that repeat. */
  addText(entry: number, field: number, text: string, cache: boolean): void {
    const posting = (entry << FIELD_BITS) | field;
    if (!cache) {
      this.addDirect(text, posting);
      return;
    }
    const ids = this.cachedIds(text);
    for (let i = 0; i < ids.length; i++) {
      this.push(ids[i], posting);
    }
  }

  /**
   * Interns and posts the tokens of a text seen once (a name) without building arrays for it;
   * `scratch` holds the ids already posted, so a repeated token is posted once.
   */
  private addDirect(text: string, posting: number): void {
    const lower = text.toLowerCase();
    const sameLength = lower.length === text.length;
    let count = 0;
    scan(text, (start, end) => {
      const id = this.intern(
        sameLength ? lower.slice(start, end) : text.slice(start, end).toLowerCase()
      );
      for (let i = 0; i < count; i++) {
        if (this.scratch[i] === id) {
          return;
        }
      }
      if (count === this.scratch.length) {
        const grown = new Int32Array(count * 2);
        grown.set(this.scratch);
        this.scratch = grown;
      }
      this.scratch[count++] = id;
      this.push(id, posting);
    });
  }

  finish(): InvertedIndex {
    const count = this.strings.length;
    const order = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      order[i] = i;
    }
    const strings = this.strings;
    order.sort((a, b) => (strings[a] < strings[b] ? -1 : strings[a] > strings[b] ? 1 : 0));
    const rank = new Int32Array(count);
    // Filled by push: V8 keeps `new Array(n)` beyond 100,000 slots as a slow dictionary.
    const tokens: string[] = [];
    const start = new Int32Array(count + 1);
    let offset = 0;
    for (let r = 0; r < count; r++) {
      const id = order[r];
      rank[id] = r;
      tokens.push(strings[id]);
      start[r] = offset;
      offset += this.counts[id];
    }
    start[count] = offset;
    const data = new Int32Array(offset);
    const next = start.slice(0, count);
    for (let p = 0; p < this.length; p += 2) {
      const r = rank[this.pairs[p]];
      data[next[r]++] = this.pairs[p + 1];
    }
    return { tokens, start, data };
  }

  private cachedIds(text: string): Int32Array {
    let ids = this.textCache.get(text);
    if (ids === undefined) {
      ids = this.distinctIds(text);
      this.textCache.set(text, ids);
    }
    return ids;
  }

  /** Token ids of the text, each once: a field lists a token once however often it repeats. */
  private distinctIds(text: string): Int32Array {
    const tokens = tokenize(text);
    const ids = new Int32Array(tokens.length);
    let length = 0;
    for (const token of tokens) {
      const id = this.intern(token);
      let seen = false;
      for (let i = 0; i < length && !seen; i++) {
        seen = ids[i] === id;
      }
      if (!seen) {
        ids[length++] = id;
      }
    }
    return length === ids.length ? ids : ids.slice(0, length);
  }

  private intern(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.strings.length;
      this.ids.set(token, id);
      this.strings.push(token);
      if (id >= this.counts.length) {
        const grown = new Int32Array(this.counts.length * 2);
        grown.set(this.counts);
        this.counts = grown;
      }
    }
    return id;
  }

  private push(id: number, posting: number): void {
    if (this.length + 2 > this.pairs.length) {
      const grown = new Int32Array(this.pairs.length * 2);
      grown.set(this.pairs);
      this.pairs = grown;
    }
    this.pairs[this.length++] = id;
    this.pairs[this.length++] = posting;
    this.counts[id]++;
  }
}
