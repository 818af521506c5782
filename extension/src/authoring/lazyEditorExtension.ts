/**
 * The editor extension as cells see it at start-up: an empty compartment
 * and a tiny plugin that loads the real extension (`editorExtension.ts`,
 * with @codemirror/lint and @codemirror/autocomplete) on first use and
 * swaps it in. Keeps those modules out of JupyterLab's start-up payload;
 * they are fetched once, when the first notebook cell editor appears.
 */
import { Compartment, type Extension } from '@codemirror/state';
import { ViewPlugin } from '@codemirror/view';
import type { TranslationBundle } from '@jupyterlab/translation';

import type { AuthoringController } from './controller.js';

type EditorExtensionModule = typeof import('./editorExtension.js');

let loading: Promise<EditorExtensionModule> | null = null;

function loadEditorExtension(): Promise<EditorExtensionModule> {
  if (!loading) {
    loading = import('./editorExtension.js').catch((error: unknown) => {
      loading = null; // try again with the next editor
      throw error;
    });
  }
  return loading;
}

/**
 * Authoring for the editor of cell `cellId`, loaded lazily.
 */
export function lazyAuthoringExtension(
  cellId: string,
  controller: AuthoringController,
  trans: TranslationBundle
): Extension {
  const compartment = new Compartment();
  const loader = ViewPlugin.define(view => {
    let alive = true;
    loadEditorExtension().then(
      module => {
        if (alive) {
          view.dispatch({
            effects: compartment.reconfigure(module.authoringExtension(cellId, controller, trans))
          });
        }
      },
      () => {
        // Without the module the cell is a plain editor; nothing else breaks.
      }
    );
    return {
      destroy: () => {
        alive = false;
      }
    };
  });
  return [compartment.of([]), loader];
}
