/**
 * Text with the search's matched ranges marked.
 */
import * as React from 'react';

/**
 * `text` split at `ranges` ([from, to) character offsets), matched parts in `<mark>`.
 * Overlapping, unsorted or out-of-range ranges are tolerated.
 */
export function Highlighted(props: {
  text: string;
  ranges: readonly (readonly [number, number])[] | undefined;
}): React.ReactElement {
  const { text } = props;
  const ranges = mergeRanges(props.ranges ?? [], text.length);
  if (ranges.length === 0) {
    return <>{text}</>;
  }
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [from, to] of ranges) {
    if (from > at) {
      parts.push(text.slice(at, from));
    }
    parts.push(
      <mark key={from} className="fl-Match">
        {text.slice(from, to)}
      </mark>
    );
    at = to;
  }
  if (at < text.length) {
    parts.push(text.slice(at));
  }
  return <>{parts}</>;
}

/** Sorted, clamped, non-overlapping ranges. */
export function mergeRanges(
  ranges: readonly (readonly [number, number])[],
  length: number
): [number, number][] {
  const clamped = ranges
    .map(([from, to]): [number, number] => [
      Math.max(0, Math.min(from, length)),
      Math.max(0, Math.min(to, length))
    ])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of clamped) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) {
      last[1] = Math.max(last[1], range[1]);
    } else {
      merged.push([...range]);
    }
  }
  return merged;
}
