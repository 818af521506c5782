/**
 * Wiring of notebook authoring, called by the `authoring` plugin: the worker
 * client, the controller, the editor extension and the save command.
 */
import type { ICellModel } from '@jupyterlab/cells';
import { EditorExtensionRegistry, type IEditorExtensionRegistry } from '@jupyterlab/codemirror';
import type { INotebookTracker } from '@jupyterlab/notebook';
import type { ServerConnection } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { CommandRegistry } from '@lumino/commands';
import { DisposableSet, type IDisposable } from '@lumino/disposable';

import { requestAPI } from '../request.js';
import type { ISparkCatalog } from '../tokens.js';
import { AnalysisClient, createAnalysisWorker } from './analysisClient.js';
import { registryTablesFromCatalogList } from './catalogJson.js';
import { AuthoringController } from './controller.js';
import { lazyAuthoringExtension } from './lazyEditorExtension.js';
import { AuthoringModel } from './model.js';
import { saveAsFeatureGroup, saveBlocker } from './saveFeatureGroup.js';

export const EDITOR_EXTENSION_NAME = 'featurelab:sql-authoring';
export const SAVE_FEATURE_GROUP_COMMAND = 'featurelab:save-sql-as-feature-group';

/**
 * Settings of the authoring plugin.
 */
export interface IAuthoringSettings {
  /** Spec folder for "Save as feature group", relative to the workspace. */
  specFolder: string;
  /** Ask Spark to confirm inferred schemas when the kernel is idle. */
  confirmWithSpark: boolean;
  /** Delay between an edit and its analysis, in ms. */
  debounceMs: number;
  /** Analyze the DataFrame chains of Python cells too. */
  pysparkChains: boolean;
}

export interface IAuthoringOptions {
  editorExtensions: IEditorExtensionRegistry;
  tracker: INotebookTracker;
  catalog: ISparkCatalog;
  commands: CommandRegistry;
  serverSettings: ServerConnection.ISettings;
  trans: TranslationBundle;
}

async function catalogList(serverSettings: ServerConnection.ISettings): Promise<unknown> {
  const answer = await requestAPI<{ result?: unknown }>('rpc/catalog.list', serverSettings, {
    method: 'POST',
    body: JSON.stringify({ args: {} })
  });
  return answer.result;
}

function entityNames(result: unknown): string[] {
  const entries =
    typeof result === 'object' &&
    result !== null &&
    Array.isArray((result as { entries?: unknown }).entries)
      ? (result as { entries: unknown[] }).entries
      : [];
  return entries.flatMap(entry => {
    const e = entry as { kind?: unknown; name?: unknown };
    return e && e.kind === 'Entity' && typeof e.name === 'string' ? [e.name] : [];
  });
}

const SESSION_ASSIGNMENT = /^[ \t]*spark[ \t]*=(?!=)[^\n]*$/gm;

/**
 * The sources of the Python code cells above `cellId` in its notebook, in
 * order (cells starting with a magic or shell escape are not Python).
 */
function precedingPythonCells(tracker: INotebookTracker, cellId: string): string[] {
  let found: string[] = [];
  tracker.forEach(panel => {
    const sources: string[] = [];
    for (const cell of panel.content.model?.cells ?? []) {
      if (cell.id === cellId) {
        found = sources;
        return;
      }
      const source = cell.sharedModel.getSource();
      if (cell.type === 'code' && !/^\s*[%!]/.test(source)) {
        // The PySpark lowering knows `spark` as the session until it is assigned; an
        // assignment it cannot follow (`spark = featurelab.spark_session()`) would make it
        // unknown for every later cell, so such lines are left out of the context.
        sources.push(source.replace(SESSION_ASSIGNMENT, ''));
      }
    }
  });
  return found;
}

/**
 * Set everything up; returns the controller and a handle to apply settings.
 */
export function setUpAuthoring(options: IAuthoringOptions): {
  controller: AuthoringController;
  applySettings: (settings: Partial<IAuthoringSettings>) => void;
  disposable: IDisposable;
} {
  const { editorExtensions, tracker, catalog, commands, serverSettings, trans } = options;
  const settings: IAuthoringSettings = {
    pysparkChains: true,
    specFolder: 'features',
    confirmWithSpark: true,
    debounceMs: 120
  };
  const client = new AnalysisClient({ createWorker: createAnalysisWorker });
  const model = new AuthoringModel();
  const controller = new AuthoringController({
    client,
    model,
    catalog,
    fetchRegistry: async () => registryTablesFromCatalogList(await catalogList(serverSettings)),
    precedingCells: cellId => precedingPythonCells(tracker, cellId)
  });
  const disposable = new DisposableSet();
  disposable.add(controller);
  disposable.add(client);

  editorExtensions.addExtension({
    name: EDITOR_EXTENSION_NAME,
    default: true,
    factory: ({ model: editorModel }) => {
      const cell = editorModel as Partial<ICellModel>;
      if (cell.type !== 'code' || typeof cell.id !== 'string') {
        return null; // not a notebook code cell (file editors, markdown)
      }
      return EditorExtensionRegistry.createConditionalExtension(
        lazyAuthoringExtension(cell.id, controller, trans)
      );
    },
    schema: {
      type: 'boolean',
      title: trans.__('Spark SQL authoring'),
      description: trans.__(
        'Schema inference, squiggles, hover and completion in %%sql cells and spark.sql strings.'
      )
    }
  });

  // Warm the grammar up as soon as a notebook opens, not on the first keystroke.
  tracker.widgetAdded.connect((_, panel) => {
    client.start();
    const cells = panel.content.model?.cells;
    cells?.changed.connect((__, change) => {
      if (change.type === 'remove') {
        for (const removed of change.oldValues) {
          // A moved cell is removed and inserted again: only forget cells that are gone.
          queueMicrotask(() => {
            const stillThere = [...(panel.content.model?.cells ?? [])].some(
              c => c.id === removed.id
            );
            if (!stillThere) {
              controller.forget(removed.id);
            }
          });
        }
      }
    });
  });

  const activeAnalysis = () => {
    const cell = tracker.activeCell;
    return cell ? controller.model.get(cell.model.id) : null;
  };
  commands.addCommand(SAVE_FEATURE_GROUP_COMMAND, {
    label: trans.__('Save SQL Cell as Feature Group…'),
    caption: trans.__('Write a FeatureGroup spec with the inferred schema of this %%sql cell'),
    describedBy: { args: { type: 'object', properties: {} } },
    isEnabled: () => saveBlocker(activeAnalysis(), trans) === null,
    execute: async () => {
      const analysis = activeAnalysis();
      let entities: string[] = [];
      try {
        entities = entityNames(await catalogList(serverSettings));
      } catch {
        // No registry: the user types the entity (declared in the spec folder).
      }
      if (!analysis) {
        return saveAsFeatureGroup({
          analysis: { source: '', regions: [], catalogVersion: 0 },
          bridge: null,
          tables: [],
          entities,
          defaultFolder: settings.specFolder,
          trans
        });
      }
      return saveAsFeatureGroup({
        analysis,
        bridge: catalog.bridge,
        tables: controller.tables,
        entities,
        defaultFolder: settings.specFolder,
        trans
      });
    }
  });

  return {
    controller,
    disposable,
    applySettings: next => {
      Object.assign(settings, next);
      controller.debounceMs = settings.debounceMs;
      controller.confirmDelayMs = settings.confirmWithSpark ? 1000 : -1;
      controller.pysparkChains = settings.pysparkChains;
    }
  };
}
