/**
 * Which rows of a fixed-row-height list are on screen. Pure, so it is unit tested.
 */

export interface IVirtualWindow {
  /** First row to render. */
  start: number;
  /** One past the last row to render. */
  end: number;
  /** Pixels above the first rendered row. */
  offset: number;
  /** Height of the whole list in pixels. */
  totalHeight: number;
}

/**
 * Rows visible in a viewport of `viewportHeight` scrolled to `scrollTop`, plus `overscan`
 * rows on each side so fast scrolling shows no gaps.
 */
export function virtualWindow(
  count: number,
  rowHeight: number,
  scrollTop: number,
  viewportHeight: number,
  overscan = 8
): IVirtualWindow {
  const totalHeight = count * rowHeight;
  if (count === 0 || rowHeight <= 0) {
    return { start: 0, end: 0, offset: 0, totalHeight };
  }
  const top = Math.max(0, Math.min(scrollTop, Math.max(0, totalHeight - viewportHeight)));
  const first = Math.floor(top / rowHeight);
  const visible = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end, offset: start * rowHeight, totalHeight };
}

/**
 * The scroll position that brings row `index` fully into view, or null when it already is.
 */
export function scrollToReveal(
  index: number,
  rowHeight: number,
  scrollTop: number,
  viewportHeight: number
): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) {
    return top;
  }
  if (bottom > scrollTop + viewportHeight) {
    return bottom - viewportHeight;
  }
  return null;
}

/**
 * The row a navigation key moves to from `active`, or null for other keys.
 */
export function navigate(
  key: string,
  active: number,
  count: number,
  pageSize: number
): number | null {
  if (count === 0) {
    return null;
  }
  const last = count - 1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(last, active + 1);
    case 'ArrowUp':
      return Math.max(0, active - 1);
    case 'PageDown':
      return Math.min(last, active + Math.max(1, pageSize));
    case 'PageUp':
      return Math.max(0, active - Math.max(1, pageSize));
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
