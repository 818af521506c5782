/**
 * Bounded optimal-string-alignment distance (Levenshtein plus adjacent transpositions, so
 * "clikcs" is one edit from "clicks"), computed only inside the diagonal band that can stay
 * within the bound.
 */

/** Largest edit distance a query token of this length may be from an indexed token. */
export function typoBudget(length: number): number {
  if (length >= 8) {
    return 2;
  }
  return length >= 4 ? 1 : 0;
}

const NONE = 0xff;

/** Reused rows: the search runs on one thread and never re-enters this function. */
let rows: Uint8Array[] = [new Uint8Array(0), new Uint8Array(0), new Uint8Array(0)];

/**
 * Distance between `query` and all of `candidate` (`full`), and between `query` and the
 * closest prefix of `candidate` (`prefix`, for a query typed half-way); either is NONE (255)
 * when it exceeds `bound`.
 */
export function boundedDistance(
  query: string,
  candidate: string,
  bound: number
): { full: number; prefix: number } {
  const m = query.length;
  const n = Math.min(candidate.length, m + bound);
  if (candidate.length < m - bound) {
    return { full: NONE, prefix: NONE };
  }
  if (rows[0].length < n + 1) {
    rows = [new Uint8Array(n + 1), new Uint8Array(n + 1), new Uint8Array(n + 1)];
  }
  let before = rows[0];
  let previous = rows[1];
  let current = rows[2];
  for (let j = 0; j <= n; j++) {
    previous[j] = j <= bound ? j : NONE;
  }
  for (let i = 1; i <= m; i++) {
    const from = Math.max(1, i - bound);
    const to = Math.min(n, i + bound);
    current[0] = i <= bound ? i : NONE;
    if (from > 1) {
      current[from - 1] = NONE;
    }
    let rowMin = current[0];
    const q = query.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const c = candidate.charCodeAt(j - 1);
      let best = previous[j - 1] + (q === c ? 0 : 1);
      const deletion = previous[j] + 1;
      if (deletion < best) {
        best = deletion;
      }
      const insertion = current[j - 1] + 1;
      if (insertion < best) {
        best = insertion;
      }
      if (
        i > 1 &&
        j > 1 &&
        q === candidate.charCodeAt(j - 2) &&
        query.charCodeAt(i - 2) === c &&
        before[j - 2] + 1 < best
      ) {
        best = before[j - 2] + 1;
      }
      current[j] = best > bound ? NONE : best;
      if (current[j] < rowMin) {
        rowMin = current[j];
      }
    }
    if (to < n) {
      current[to + 1] = NONE;
    }
    if (rowMin > bound) {
      return { full: NONE, prefix: NONE };
    }
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  let prefix: number = NONE;
  for (let j = Math.max(0, m - bound); j <= n; j++) {
    if (previous[j] < prefix) {
      prefix = previous[j];
    }
  }
  const full = candidate.length <= m + bound ? previous[candidate.length] : NONE;
  return { full: full > bound ? NONE : full, prefix: prefix > bound ? NONE : prefix };
}

/** Marks "no match within the bound" in boundedDistance's results. */
export const NO_MATCH = NONE;
