/**
 * The inline schema panel shown under each CTE and under the query's result:
 * columns with types and nullability, the relation's errors, and Spark's
 * verdict. A CodeMirror block widget; its DOM is plain text content only.
 */
import { WidgetType } from '@codemirror/view';
import type { TranslationBundle } from '@jupyterlab/translation';

import type { IRelationConfirmation } from './model.js';
import type { IAnalysisDiagnostic, IColumnSchema, IRelationSchema } from './protocol.js';

export interface ISchemaPanelData {
  readonly cellId: string;
  /** The panel's key within the cell (for its folded state). */
  readonly panelKey: string;
  readonly relation: IRelationSchema;
  readonly diagnostics: readonly IAnalysisDiagnostic[];
  /** Spark's verdict; null while not asked (or not askable). */
  readonly confirmation: IRelationConfirmation | null;
  readonly collapsed: boolean;
}

export class SchemaPanelWidget extends WidgetType {
  constructor(
    readonly data: ISchemaPanelData,
    private readonly _trans: TranslationBundle,
    private readonly _onToggle: (cellId: string, relation: string) => void
  ) {
    super();
    this._key = JSON.stringify(data);
  }

  eq(other: SchemaPanelWidget): boolean {
    return other._key === this._key;
  }

  /**
   * Clicks and keys inside the panel are the panel's, not the editor's.
   */
  ignoreEvent(): boolean {
    return true;
  }

  toDOM(): HTMLElement {
    const trans = this._trans;
    const { relation, diagnostics, confirmation, collapsed, cellId, panelKey } = this.data;
    const label = relation.name === '$result' ? trans.__('Result') : relation.name;
    const root = el('div', 'fl-schema-panel');
    root.dataset.featurelabRelation = relation.name;
    root.dataset.featurelabConfirmation = confirmation?.status ?? 'pending';
    root.classList.toggle('fl-mod-collapsed', collapsed);
    root.classList.toggle(
      'fl-mod-error',
      diagnostics.some(d => d.severity === 'error')
    );

    const header = el('button', 'fl-schema-panel-header');
    header.type = 'button';
    header.setAttribute('aria-expanded', String(!collapsed));
    header.title = collapsed ? trans.__('Show the schema') : trans.__('Hide the schema');
    header.append(
      el('span', 'fl-schema-panel-caret', collapsed ? '▸' : '▾'),
      el('span', 'fl-schema-panel-name', label),
      el(
        'span',
        'fl-schema-panel-count',
        trans._n('%1 column', '%1 columns', relation.columns.length)
      )
    );
    const verdict = verdictText(confirmation, trans);
    if (verdict) {
      header.append(
        el('span', `fl-schema-panel-confirmation fl-mod-${confirmation?.status}`, verdict)
      );
    }
    if (!relation.complete) {
      header.append(el('span', 'fl-schema-panel-partial', trans.__('partly analyzed')));
    }
    header.addEventListener('click', event => {
      event.preventDefault();
      this._onToggle(cellId, panelKey);
    });
    root.append(header);
    if (collapsed) {
      return root;
    }

    const table = el('table', 'fl-schema-panel-columns');
    const spark = confirmation?.status === 'differs' ? (confirmation.spark ?? []) : [];
    const body = el('tbody');
    relation.columns.forEach((column, index) => {
      const row = el('tr');
      row.dataset.featurelabColumn = column.name;
      row.append(
        el('td', 'fl-schema-panel-column', column.name),
        el('td', 'fl-column-type', column.type),
        el(
          'td',
          'fl-schema-panel-nullable',
          column.nullable ? trans.__('nullable') : trans.__('not null')
        )
      );
      const theirs = spark[index];
      if (theirs && !sameColumn(theirs, column)) {
        row.classList.add('fl-mod-differs');
        row.append(
          el(
            'td',
            'fl-schema-panel-spark',
            trans.__(
              'Spark: %1 %2 %3',
              theirs.name,
              theirs.type,
              theirs.nullable ? trans.__('nullable') : trans.__('not null')
            )
          )
        );
      }
      body.append(row);
    });
    for (const extra of spark.slice(relation.columns.length)) {
      const row = el('tr', 'fl-mod-differs');
      row.append(
        el('td', 'fl-schema-panel-column'),
        el('td', 'fl-column-type'),
        el('td', 'fl-schema-panel-nullable'),
        el('td', 'fl-schema-panel-spark', trans.__('Spark: %1 %2', extra.name, extra.type))
      );
      body.append(row);
    }
    table.append(body);
    root.append(table);

    const problems = [
      ...diagnostics.map(d => ({ severity: d.severity, message: d.message })),
      ...(confirmation?.status === 'rejected' && confirmation.message
        ? [{ severity: 'error' as const, message: trans.__('Spark: %1', confirmation.message) }]
        : [])
    ];
    if (problems.length > 0) {
      const list = el('ul', 'fl-schema-panel-problems');
      for (const problem of problems) {
        const item = el('li', `fl-mod-${problem.severity}`, problem.message);
        list.append(item);
      }
      root.append(list);
    }
    return root;
  }

  private _key: string;
}

function sameColumn(a: IColumnSchema, b: IColumnSchema): boolean {
  return a.name === b.name && a.type === b.type && a.nullable === b.nullable;
}

function verdictText(confirmation: IRelationConfirmation | null, trans: TranslationBundle): string {
  switch (confirmation?.status) {
    case 'confirmed':
      return trans.__('✓ confirmed by Spark');
    case 'differs':
      return trans.__('Spark differs');
    case 'rejected':
      return trans.__('Spark rejects the query');
    default:
      return '';
  }
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}
