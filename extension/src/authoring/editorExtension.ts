/**
 * The CodeMirror 6 side of notebook authoring, for one cell editor: sends
 * edits to the controller, and shows what comes back — squiggles (lint
 * diagnostics), schema panels under each CTE and the result (block widgets),
 * hover cards, and completion.
 */
import { autocompletion } from '@codemirror/autocomplete';
import { setDiagnostics } from '@codemirror/lint';
import {
  type EditorState,
  type Extension,
  type Range,
  StateEffect,
  StateField
} from '@codemirror/state';
import {
  Decoration,
  type DecorationSet,
  EditorView,
  hoverTooltip,
  type Tooltip,
  ViewPlugin,
  type ViewUpdate
} from '@codemirror/view';
import type { TranslationBundle } from '@jupyterlab/translation';

import { sqlCompletionSource } from './completion.js';
import type { AuthoringController } from './controller.js';
import { toEditorDiagnostics } from './editorDiagnostics.js';
import { describeAt, type HoverInfo } from './hoverInfo.js';
import type { ICellAnalysis, IRegionResult } from './model.js';
import type { IAnalysisDiagnostic, IRelationSchema } from './protocol.js';
import { SchemaPanelWidget } from './schemaPanel.js';

interface IPanelsState {
  readonly analysis: ICellAnalysis | null;
  readonly decorations: DecorationSet;
}

const setPanels = StateEffect.define<IPanelsState>();

/**
 * The shown analysis and its panels. Panels must come from a state field:
 * block widgets change the layout.
 */
const panelsField = StateField.define<IPanelsState>({
  create: () => ({ analysis: null, decorations: Decoration.none }),
  update(value, tr) {
    for (const effect of tr.effects) {
      if (effect.is(setPanels)) {
        return effect.value;
      }
    }
    return tr.docChanged ? { ...value, decorations: value.decorations.map(tr.changes) } : value;
  },
  provide: field => EditorView.decorations.from(field, value => value.decorations)
});

/**
 * Diagnostics of a relation: those inside a CTE belong to it, the rest to
 * the result.
 */
function diagnosticsOf(result: IRegionResult, relation: IRelationSchema): IAnalysisDiagnostic[] {
  const ctes = result.analysis.relations.filter(r => r.name !== '$result');
  const inside = (d: IAnalysisDiagnostic, r: IRelationSchema) =>
    d.range.from >= r.range.from && d.range.to <= r.range.to;
  return result.analysis.diagnostics.filter(d =>
    relation.name === '$result' ? !ctes.some(cte => inside(d, cte)) : inside(d, relation)
  );
}

function panelDecorations(
  state: EditorState,
  cellId: string,
  analysis: ICellAnalysis,
  controller: AuthoringController,
  trans: TranslationBundle
): DecorationSet {
  const ranges: Range<Decoration>[] = [];
  const doc = state.doc;
  const onToggle = (id: string, panel: string) => controller.model.toggleCollapsed(id, panel);
  for (const result of analysis.regions) {
    // DataFrame variables of a Python cell start folded: one line each until opened.
    const python = result.region.kind === 'python-cell';
    for (const relation of result.analysis.relations) {
      const panelKey = python ? `py:${relation.name}` : relation.name;
      const end =
        relation.name === '$result'
          ? result.region.sourceRange.to
          : result.region.toSource(relation.range.to);
      const line = doc.lineAt(Math.min(Math.max(0, end), doc.length));
      const widget = new SchemaPanelWidget(
        {
          cellId,
          panelKey,
          relation,
          diagnostics: diagnosticsOf(result, relation),
          confirmation: result.confirmation?.relations[relation.name] ?? null,
          collapsed: controller.model.isCollapsed(cellId, panelKey, python)
        },
        trans,
        onToggle
      );
      ranges.push(Decoration.widget({ widget, block: true, side: 1 }).range(line.to));
    }
  }
  return Decoration.set(ranges, true);
}

class CellAuthoringPlugin {
  constructor(
    private readonly _view: EditorView,
    private readonly _cellId: string,
    private readonly _controller: AuthoringController,
    private readonly _trans: TranslationBundle
  ) {
    this._controller.model.changed.connect(this._onModelChanged, this);
    this._controller.update(this._cellId, _view.state.doc.toString());
    // A re-created editor shows the stored results at once (after construction).
    queueMicrotask(() => this._apply());
  }

  update(update: ViewUpdate): void {
    if (update.docChanged) {
      this._controller.update(this._cellId, update.state.doc.toString());
    }
  }

  destroy(): void {
    this._destroyed = true;
    this._controller.model.changed.disconnect(this._onModelChanged, this);
  }

  private _onModelChanged(_: unknown, cellId: string): void {
    if (cellId === this._cellId) {
      this._apply();
    }
  }

  private _apply(): void {
    if (this._destroyed) {
      return;
    }
    const analysis = this._controller.model.get(this._cellId);
    const state = this._view.state;
    if (analysis && analysis.source !== state.doc.toString()) {
      return; // results for an older text: the newer analysis is on its way
    }
    const empty = !analysis || analysis.regions.length === 0;
    if (empty && this._shownEmpty) {
      return;
    }
    this._shownEmpty = empty;
    const diagnostics = (analysis?.regions ?? []).flatMap(result =>
      toEditorDiagnostics(result.analysis, result.region, state.doc.length)
    );
    const decorations = analysis
      ? panelDecorations(state, this._cellId, analysis, this._controller, this._trans)
      : Decoration.none;
    this._view.dispatch(setDiagnostics(state, diagnostics), {
      effects: setPanels.of({ analysis, decorations })
    });
  }

  private _destroyed = false;
  private _shownEmpty = true;
}

function hoverDom(info: HoverInfo, trans: TranslationBundle): HTMLElement {
  const root = document.createElement('div');
  root.className = 'fl-sql-hover';
  const line = (className: string, text: string) => {
    const node = document.createElement('div');
    node.className = className;
    node.textContent = text;
    root.append(node);
  };
  const columnsList = (columns: readonly { name: string; type: string; nullable: boolean }[]) => {
    for (const column of columns.slice(0, 12)) {
      line(
        'fl-sql-hover-column',
        `${column.name}: ${column.type}${column.nullable ? '' : ' not null'}`
      );
    }
    if (columns.length > 12) {
      line('fl-sql-hover-more', trans.__('… and %1 more', columns.length - 12));
    }
  };
  switch (info.kind) {
    case 'column':
      line('fl-sql-hover-title', `${info.column.name}: ${info.column.type}`);
      line(
        'fl-sql-hover-nullable',
        info.column.nullable ? trans.__('nullable') : trans.__('not null')
      );
      line('fl-sql-hover-origin', trans.__('from %1', info.origin));
      break;
    case 'table':
      line('fl-sql-hover-title', info.name);
      columnsList(info.columns);
      break;
    case 'function':
      line('fl-sql-hover-title', info.info.signature);
      line(
        'fl-sql-hover-origin',
        info.info.kind === 'aggregate' ? trans.__('aggregate function') : trans.__('function')
      );
      break;
    case 'operator':
      line(
        'fl-sql-hover-title',
        info.relation === '$result'
          ? trans.__('%1 → %2 columns', info.op, info.columns.length)
          : trans.__('%1 in %2 → %3 columns', info.op, info.relation, info.columns.length)
      );
      columnsList(info.columns);
      break;
  }
  return root;
}

/**
 * The whole authoring extension for the editor of cell `cellId`.
 */
export function authoringExtension(
  cellId: string,
  controller: AuthoringController,
  trans: TranslationBundle
): Extension {
  const hover = hoverTooltip(
    (view, pos): Tooltip | null => {
      const { analysis } = view.state.field(panelsField);
      if (!analysis || analysis.source !== view.state.doc.toString()) {
        return null;
      }
      for (const result of analysis.regions) {
        const offset = result.region.fromSource(pos);
        if (offset < 0) {
          continue;
        }
        const found = describeAt(result.region.text, result.analysis, offset, controller.functions);
        if (!found) {
          return null;
        }
        return {
          pos: result.region.toSource(found.range.from),
          end: result.region.toSource(found.range.to),
          above: true,
          create: () => ({ dom: hoverDom(found.info, trans) })
        };
      }
      return null;
    },
    { hoverTime: 350 }
  );
  return [
    panelsField,
    ViewPlugin.define(view => new CellAuthoringPlugin(view, cellId, controller, trans)),
    hover,
    autocompletion({
      override: [
        sqlCompletionSource(() => ({
          tables: controller.tables,
          functions: controller.functions,
          analysis: controller.model.get(cellId)
        }))
      ],
      activateOnTyping: true,
      icons: false
    })
  ];
}
