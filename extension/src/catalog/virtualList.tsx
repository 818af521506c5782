/**
 * A virtualized listbox: fixed row height, only the rows on screen are in the DOM, so
 * 100,000 results scroll as smoothly as 10. Keyboard: arrows, Page Up/Down, Home/End move the
 * active row; Enter opens it.
 */
import * as React from 'react';

import { navigate, scrollToReveal, virtualWindow } from './virtualWindow.js';

export interface IVirtualListProps {
  /** Number of rows. */
  count: number;
  /** Row height in pixels; the CSS must agree. */
  rowHeight: number;
  /** Stable key of a row. */
  rowKey: (index: number) => string;
  /** The content of a row. */
  renderRow: (index: number, active: boolean) => React.ReactNode;
  /** Enter or a click on a row. */
  onOpen: (index: number) => void;
  /** Accessible name of the list. */
  label: string;
  /** Prefix of the options' element ids. */
  idPrefix: string;
  className?: string;
}

/**
 * The list. The active row is announced through `aria-activedescendant`, so the focus stays
 * on the list while it scrolls.
 */
export function VirtualList(props: IVirtualListProps): React.ReactElement {
  const { count, rowHeight } = props;
  const viewport = React.useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = React.useState(0);
  const [height, setHeight] = React.useState(0);
  const [active, setActive] = React.useState(0);

  React.useEffect(() => {
    const node = viewport.current;
    if (!node) {
      return;
    }
    setHeight(node.clientHeight);
    const observer = new ResizeObserver(() => setHeight(node.clientHeight));
    observer.observe(node);
    return () => observer.disconnect();
  }, []);

  // New results start at the top.
  React.useEffect(() => {
    setActive(current => (current < count ? current : 0));
  }, [count]);

  const reveal = (index: number) => {
    const node = viewport.current;
    if (!node) {
      return;
    }
    const target = scrollToReveal(index, rowHeight, node.scrollTop, node.clientHeight);
    if (target !== null) {
      node.scrollTop = target;
      setScrollTop(target);
    }
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter') {
      if (count > 0) {
        event.preventDefault();
        props.onOpen(active);
      }
      return;
    }
    const pageSize = Math.floor(height / rowHeight) - 1;
    const next = navigate(event.key, active, count, pageSize);
    if (next === null) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    setActive(next);
    reveal(next);
  };

  const win = virtualWindow(count, rowHeight, scrollTop, height);
  const rows: React.ReactNode[] = [];
  for (let index = win.start; index < win.end; index++) {
    const isActive = index === active;
    rows.push(
      <div
        key={props.rowKey(index)}
        id={`${props.idPrefix}-${index}`}
        role="option"
        aria-selected={isActive}
        aria-setsize={count}
        aria-posinset={index + 1}
        className={`fl-VirtualRow${isActive ? ' jp-mod-selected' : ''}`}
        style={{ height: rowHeight }}
        onMouseDown={() => setActive(index)}
        onClick={() => props.onOpen(index)}
      >
        {props.renderRow(index, isActive)}
      </div>
    );
  }

  return (
    <div
      ref={viewport}
      className={`fl-VirtualList${props.className ? ` ${props.className}` : ''}`}
      role="listbox"
      aria-label={props.label}
      aria-activedescendant={count > 0 ? `${props.idPrefix}-${active}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={event => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div className="fl-VirtualSpacer" style={{ height: win.totalHeight }}>
        <div className="fl-VirtualRows" style={{ transform: `translateY(${win.offset}px)` }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
