/**
 * What the catalog's buttons do in JupyterLab: copy a snippet, insert a cell, open files.
 */
import { Clipboard, Notification } from '@jupyterlab/apputils';
import type { CodeEditor } from '@jupyterlab/codeeditor';
import type { IDocumentManager } from '@jupyterlab/docmanager';
import type { INotebookTracker } from '@jupyterlab/notebook';
import type { TranslationBundle } from '@jupyterlab/translation';

import { pysparkReadSnippet } from './snippets.js';
import type { CatalogGetResult } from './types.js';

/**
 * The cell that loads a feature group (or a feature of it), or null for other kinds.
 */
export function loadCellSource(detail: CatalogGetResult, database: string): string | null {
  const snippet = pysparkReadSnippet(detail.entry, database);
  if (!snippet) {
    return null;
  }
  // A Spark session first, so the cell runs in a fresh notebook too.
  return `import featurelab\nspark = featurelab.spark_session()\n${snippet}\ndf.printSchema()`;
}

export function copySnippet(
  detail: CatalogGetResult,
  database: string,
  trans: TranslationBundle
): void {
  const snippet = pysparkReadSnippet(detail.entry, database);
  if (!snippet) {
    return;
  }
  Clipboard.copyToSystem(snippet);
  Notification.success(trans.__('Copied: %1', snippet), { autoClose: 3000 });
}

/**
 * Insert the load cell below the active cell of the current notebook and select it.
 */
export function insertLoadCell(
  detail: CatalogGetResult,
  database: string,
  tracker: INotebookTracker,
  activate: (id: string) => void
): boolean {
  const panel = tracker.currentWidget;
  const model = panel?.content.model;
  const source = loadCellSource(detail, database);
  if (!panel || !model || !source) {
    return false;
  }
  const notebook = panel.content;
  const index = Math.min(notebook.activeCellIndex + 1, model.sharedModel.cells.length);
  model.sharedModel.insertCell(index, { cell_type: 'code', source });
  notebook.activeCellIndex = index;
  activate(panel.id);
  return true;
}

/**
 * Open a workspace file in JupyterLab and, for text files, put the cursor at line:column
 * (1-based).
 */
export async function openFileAt(
  docManager: IDocumentManager,
  path: string,
  line?: number,
  column?: number
): Promise<void> {
  const widget = docManager.openOrReveal(path);
  if (!widget || line === undefined) {
    return;
  }
  await widget.context.ready;
  const content: unknown = widget.content;
  const editor = (content as { editor?: CodeEditor.IEditor }).editor;
  if (!editor || typeof editor.setCursorPosition !== 'function') {
    return;
  }
  const position = { line: Math.max(0, line - 1), column: Math.max(0, (column ?? 1) - 1) };
  editor.setCursorPosition(position);
  editor.revealPosition(position);
  editor.focus();
}
