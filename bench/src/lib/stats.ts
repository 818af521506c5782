/** Small, dependency-free statistics for benchmark samples. */

export interface Summary {
  n: number;
  median: number;
  mean: number;
  min: number;
  max: number;
  /** Interquartile range, q3 - q1 (linear interpolation between closest ranks). */
  iqr: number;
  /** Median absolute deviation from the median (unscaled). */
  mad: number;
  /** iqr / median: the spread relative to the typical value. */
  relativeIqr: number;
}

function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Quantile q in [0, 1] of ascending-sorted values, linear interpolation (type 7). */
export function quantile(ascending: readonly number[], q: number): number {
  if (ascending.length === 0) {
    throw new Error('quantile of an empty sample');
  }
  const position = (ascending.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const weight = position - lower;
  return ascending[lower] * (1 - weight) + ascending[upper] * weight;
}

export function median(values: readonly number[]): number {
  return quantile(sorted(values), 0.5);
}

export function summarize(values: readonly number[]): Summary {
  const ascending = sorted(values);
  const mid = quantile(ascending, 0.5);
  const iqr = quantile(ascending, 0.75) - quantile(ascending, 0.25);
  return {
    n: ascending.length,
    median: mid,
    mean: ascending.reduce((sum, value) => sum + value, 0) / ascending.length,
    min: ascending[0],
    max: ascending[ascending.length - 1],
    iqr,
    mad: median(ascending.map(value => Math.abs(value - mid))),
    relativeIqr: mid === 0 ? 0 : iqr / mid
  };
}

/** Rounds for stable, readable JSON. */
export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
