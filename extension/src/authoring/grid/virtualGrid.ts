/**
 * A virtualized, read-only data grid: only the rows in view (plus a margin)
 * exist in the DOM, so 100k rows scroll like 100. Column headers stay on
 * top and carry the Spark type. Cell text is set with `textContent` only.
 */
import { Widget } from '@lumino/widgets';

/**
 * What the grid shows; values are read lazily, per visible cell.
 */
export interface IGridSource {
  readonly rowCount: number;
  readonly columns: readonly {
    readonly name: string;
    readonly type: string;
    readonly nullable: boolean;
  }[];
  /** The text of a cell, or null for a null value. */
  cell(row: number, column: number): string | null;
}

export const ROW_HEIGHT = 24;
/** Rows rendered above and below the visible ones. */
const OVERSCAN = 8;
const MIN_WIDTH = 72;
const MAX_WIDTH = 360;
const CHAR_WIDTH = 7.5;

export class VirtualGrid extends Widget {
  constructor(source: IGridSource, options: { nullText: string }) {
    super();
    this._source = source;
    this._nullText = options.nullText;
    this.addClass('fl-grid');
    this.node.tabIndex = 0;
    this.node.setAttribute('role', 'grid');
    this.node.setAttribute('aria-rowcount', String(source.rowCount + 1));
    this.node.setAttribute('aria-colcount', String(source.columns.length));
    this._widths = this._measureColumns();
    const total = this._widths.reduce((a, b) => a + b, 0);

    this._header = document.createElement('div');
    this._header.className = 'fl-grid-header';
    this._header.setAttribute('role', 'row');
    this._header.style.width = `${total}px`;
    source.columns.forEach((column, index) => {
      const cell = document.createElement('div');
      cell.className = 'fl-grid-header-cell';
      cell.setAttribute('role', 'columnheader');
      cell.style.width = `${this._widths[index]}px`;
      cell.dataset.featurelabColumn = column.name;
      const name = document.createElement('span');
      name.className = 'fl-grid-column-name';
      name.textContent = column.name;
      const type = document.createElement('span');
      type.className = 'fl-grid-column-type fl-column-type';
      type.textContent = column.nullable ? column.type : `${column.type} not null`;
      cell.title = `${column.name}: ${type.textContent}`;
      cell.append(name, type);
      this._header.append(cell);
    });

    this._body = document.createElement('div');
    this._body.className = 'fl-grid-body';
    this._body.style.height = `${source.rowCount * ROW_HEIGHT}px`;
    this._body.style.width = `${total}px`;
    this.node.append(this._header, this._body);
    this.node.addEventListener('scroll', this._onScroll, { passive: true });
    this.node.addEventListener('keydown', this._onKeyDown);
  }

  /**
   * The rows now in the DOM (for tests and debugging): `[first, last)`.
   */
  get renderedRows(): [number, number] {
    return [this._first, this._last];
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.node.removeEventListener('scroll', this._onScroll);
    this.node.removeEventListener('keydown', this._onKeyDown);
    if (this._frame !== null) {
      cancelAnimationFrame(this._frame);
    }
    super.dispose();
  }

  protected onAfterAttach(): void {
    this._render();
  }

  protected onResize(): void {
    this._render();
  }

  private _measureColumns(): number[] {
    const sample = Math.min(this._source.rowCount, 50);
    return this._source.columns.map((column, index) => {
      let chars = Math.max(column.name.length, column.type.length + (column.nullable ? 0 : 9));
      for (let row = 0; row < sample; row++) {
        chars = Math.max(chars, (this._source.cell(row, index) ?? this._nullText).length);
      }
      return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, chars * CHAR_WIDTH + 20)));
    });
  }

  private _onScroll = (): void => {
    if (this._frame === null) {
      this._frame = requestAnimationFrame(() => {
        this._frame = null;
        this._render();
      });
    }
  };

  private _onKeyDown = (event: KeyboardEvent): void => {
    const page = Math.max(1, Math.floor(this.node.clientHeight / ROW_HEIGHT) - 1) * ROW_HEIGHT;
    const moves: Record<string, number> = {
      ArrowDown: ROW_HEIGHT,
      ArrowUp: -ROW_HEIGHT,
      PageDown: page,
      PageUp: -page
    };
    if (event.key in moves) {
      this.node.scrollTop += moves[event.key];
      event.preventDefault();
    } else if (event.key === 'Home') {
      this.node.scrollTop = 0;
      event.preventDefault();
    } else if (event.key === 'End') {
      this.node.scrollTop = this.node.scrollHeight;
      event.preventDefault();
    }
  };

  private _render(): void {
    const height = this.node.clientHeight || 400;
    const top = this.node.scrollTop;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this._source.rowCount, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    if (first === this._first && last === this._last) {
      return;
    }
    this._first = first;
    this._last = last;
    const fragment = document.createDocumentFragment();
    for (let row = first; row < last; row++) {
      fragment.append(this._row(row));
    }
    this._body.replaceChildren(fragment);
  }

  private _row(row: number): HTMLElement {
    const node = document.createElement('div');
    node.className = 'fl-grid-row';
    node.setAttribute('role', 'row');
    node.setAttribute('aria-rowindex', String(row + 2));
    node.style.transform = `translateY(${row * ROW_HEIGHT}px)`;
    node.classList.toggle('fl-mod-odd', row % 2 === 1);
    this._source.columns.forEach((_, column) => {
      const cell = document.createElement('div');
      cell.className = 'fl-grid-cell';
      cell.setAttribute('role', 'gridcell');
      cell.style.width = `${this._widths[column]}px`;
      const text = this._source.cell(row, column);
      if (text === null) {
        cell.classList.add('fl-grid-null');
        cell.textContent = this._nullText;
      } else {
        cell.textContent = text;
        cell.title = text.length > 40 ? text : '';
      }
      node.append(cell);
    });
    return node;
  }

  private _source: IGridSource;
  private _nullText: string;
  private _widths: number[];
  private _header: HTMLElement;
  private _body: HTMLElement;
  private _first = -1;
  private _last = -1;
  private _frame: number | null = null;
}
