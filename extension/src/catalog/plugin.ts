/**
 * The feature catalog plugin: catalog model and search worker, detail views, the
 * Plan/Apply panel, and their commands.
 */
import {
  ILayoutRestorer,
  type JupyterFrontEnd,
  type JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, WidgetTracker } from '@jupyterlab/apputils';
import { IEditorServices } from '@jupyterlab/codeeditor';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator } from '@jupyterlab/translation';
import { refreshIcon } from '@jupyterlab/ui-components';

import { featurelabIcon } from '../icons.js';
import { IFeatureCatalog } from '../tokens.js';
// The model, client and worker are built in activate(); views load when first opened.
/* eslint-disable jupyter/prefer-lazy-imports -- activation needs them at once */
import { CatalogBrowserModel } from './browserModel.js';
import { CatalogClient } from './client.js';
import { FeatureCatalog } from './featureCatalog.js';
import { WorkerSearcher } from './searcher.js';
/* eslint-enable jupyter/prefer-lazy-imports */
import type { CatalogDetailWidget } from './detail.js';
import type { PlanApplyWidget } from './planApply.js';
import type { CatalogGetResult } from './types.js';

export const CATALOG_BROWSER_PLUGIN_ID = 'jupyterlab-featurelab:catalog-browser';

/** The id of the Plan/Apply panel (one per application). */
const PLAN_APPLY_ID = 'featurelab-plan-apply';

/** The sidebar the browser lives in (widgets/sidebar.tsx). */
const SIDEBAR_ID = 'featurelab-sidebar';

/**
 * Command ids of the catalog.
 */
export namespace CatalogCommandIDs {
  export const openCatalog = 'featurelab:open-catalog';
  export const refreshCatalog = 'featurelab:refresh-catalog';
  export const openEntry = 'featurelab:open-catalog-entry';
  export const openPlanApply = 'featurelab:open-plan-apply';
}

const CATALOG_KINDS = ['Entity', 'FeatureGroup', 'Feature', 'SampleSet', 'Model'];

interface ISettings {
  searchDebounceMs: number;
  maxResults: number;
  maxQueryResults: number;
  specFolder: string;
  featureTableDatabase: string;
}

const DEFAULT_SETTINGS: ISettings = {
  searchDebounceMs: 120,
  maxResults: 100_000,
  maxQueryResults: 1_000,
  specFolder: 'features',
  featureTableDatabase: ''
};

export const catalogBrowserPlugin: JupyterFrontEndPlugin<IFeatureCatalog> = {
  id: CATALOG_BROWSER_PLUGIN_ID,
  description:
    "The feature catalog: search over the registry's features, detail views with lineage, and plan/apply of spec folders.",
  autoStart: true,
  provides: IFeatureCatalog,
  requires: [ITranslator, IRenderMimeRegistry, IEditorServices, IDocumentManager, INotebookTracker],
  optional: [ISettingRegistry, ICommandPalette, ILayoutRestorer],
  activate: (
    app: JupyterFrontEnd,
    translator: ITranslator,
    rendermime: IRenderMimeRegistry,
    editorServices: IEditorServices,
    docManager: IDocumentManager,
    notebooks: INotebookTracker,
    settingRegistry: ISettingRegistry | null,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null
  ): IFeatureCatalog => {
    const trans = translator.load('jupyterlab_featurelab');
    const { commands, shell } = app;
    const settings: ISettings = { ...DEFAULT_SETTINGS };
    const client = new CatalogClient(app.serviceManager.serverSettings);
    // webpack bundles the worker as its own chunk from this exact expression.
    const worker = new Worker(new URL('./search.worker.js', import.meta.url));
    const model = new CatalogBrowserModel({ client, searcher: new WorkerSearcher(worker) });

    const details = new WidgetTracker<CatalogDetailWidget>({ namespace: 'featurelab-catalog' });
    const plans = new WidgetTracker<PlanApplyWidget>({ namespace: 'featurelab-plan-apply' });

    const catalog = new FeatureCatalog({
      model,
      client,
      open: async (kind, name) => {
        await commands.execute(CatalogCommandIDs.openEntry, { kind, name });
      }
    });

    const openFile = (path: string, line?: number, column?: number) =>
      void import('./actions.js').then(({ openFileAt }) =>
        openFileAt(docManager, path, line, column)
      );

    const actions = {
      open: (kind: string, name: string) => void catalog.open(kind, name),
      copySnippet: (detail: CatalogGetResult) =>
        void import('./actions.js').then(({ copySnippet }) =>
          copySnippet(detail, settings.featureTableDatabase, trans)
        ),
      insertCell: (detail: CatalogGetResult) =>
        void import('./actions.js').then(({ insertLoadCell }) =>
          insertLoadCell(detail, settings.featureTableDatabase, notebooks, id =>
            shell.activateById(id)
          )
        ),
      canInsertCell: () => notebooks.currentWidget !== null,
      openSpecFile: (detail: CatalogGetResult) => {
        if (detail.sourceFile) {
          openFile(detail.sourceFile.path, detail.sourceFile.line, detail.sourceFile.column);
        }
      },
      openFile: (path: string) => openFile(path),
      readFile: async (path: string) => {
        const model = await app.serviceManager.contents.get(path, {
          type: 'file',
          format: 'text',
          content: true
        });
        return typeof model.content === 'string' ? model.content : '';
      },
      openPlanApply: () => void commands.execute(CatalogCommandIDs.openPlanApply)
    };

    const afterApply = () => {
      void model.refresh();
      details.forEach(widget => void widget.reload());
    };

    commands.addCommand(CatalogCommandIDs.openCatalog, {
      label: trans.__('Search Feature Catalog'),
      caption: trans.__("Search the registry's features, feature groups, sample sets and models"),
      icon: featurelabIcon,
      describedBy: { args: { type: 'object', properties: {} } },
      execute: () => {
        shell.activateById(SIDEBAR_ID);
        if (model.status === 'idle' || model.status === 'error') {
          void model.refresh();
        }
        catalog.requestSearch();
      }
    });

    commands.addCommand(CatalogCommandIDs.refreshCatalog, {
      label: trans.__('Refresh Feature Catalog'),
      caption: trans.__('Reload the catalog from the registry'),
      icon: args => (args.toolbar ? refreshIcon : undefined),
      describedBy: { args: { type: 'object', properties: { toolbar: { type: 'boolean' } } } },
      execute: () => model.refresh()
    });

    commands.addCommand(CatalogCommandIDs.openEntry, {
      label: args =>
        typeof args.name === 'string'
          ? trans.__('Open %1 in the Feature Catalog', args.name)
          : trans.__('Open Catalog Entry'),
      describedBy: {
        args: {
          type: 'object',
          required: ['kind', 'name'],
          properties: {
            kind: { type: 'string', enum: CATALOG_KINDS },
            name: {
              type: 'string',
              description: trans.__('The object\'s name; "<group>.<feature>" for a feature')
            }
          }
        }
      },
      execute: async args => {
        const kind = String(args.kind ?? '');
        const name = String(args.name ?? '');
        if (!CATALOG_KINDS.includes(kind) || !name) {
          throw new Error(
            `featurelab:open-catalog-entry needs a kind (${CATALOG_KINDS.join(', ')}) and a name`
          );
        }
        const { CatalogDetailWidget, detailWidgetId } = await import('./detail.js');
        const id = detailWidgetId(kind, name);
        let widget = details.find(candidate => candidate.id === id);
        if (!widget) {
          widget = new CatalogDetailWidget({
            kind,
            name,
            client,
            rendermime,
            editorServices,
            actions,
            trans
          });
          void details.add(widget);
          shell.add(widget, 'main');
        }
        shell.activateById(widget.id);
        return widget;
      }
    });

    commands.addCommand(CatalogCommandIDs.openPlanApply, {
      label: trans.__('Plan / Apply Feature Specs'),
      caption: trans.__('Compare a folder of feature specs with the registry and apply it'),
      icon: featurelabIcon,
      describedBy: {
        args: {
          type: 'object',
          properties: {
            folder: {
              type: 'string',
              description: trans.__('The spec folder, relative to the workspace')
            }
          }
        }
      },
      execute: async args => {
        const folder = typeof args.folder === 'string' && args.folder ? args.folder : undefined;
        let widget = plans.find(candidate => candidate.id === PLAN_APPLY_ID);
        if (!widget) {
          const { PlanApplyWidget } = await import('./planApply.js');
          widget = new PlanApplyWidget({
            client,
            folder: folder ?? settings.specFolder,
            trans,
            onApplied: afterApply,
            openFile
          });
          void plans.add(widget);
          shell.add(widget, 'main');
        } else if (folder) {
          widget.folder = folder;
        }
        shell.activateById(widget.id);
        await widget.plan();
        return widget;
      }
    });

    for (const command of [
      CatalogCommandIDs.openCatalog,
      CatalogCommandIDs.refreshCatalog,
      CatalogCommandIDs.openPlanApply
    ]) {
      palette?.addItem({ command, category: trans.__('Featurelab') });
    }

    if (restorer) {
      void restorer.restore(details, {
        command: CatalogCommandIDs.openEntry,
        args: widget => ({ kind: widget.kind, name: widget.objectName }),
        name: widget => widget.id
      });
      void restorer.restore(plans, {
        command: CatalogCommandIDs.openPlanApply,
        args: widget => ({ folder: widget.folder }),
        name: () => PLAN_APPLY_ID
      });
    }

    if (settingRegistry) {
      void settingRegistry.load(CATALOG_BROWSER_PLUGIN_ID).then(loaded => {
        const apply = () => {
          const composite = loaded.composite as Partial<ISettings>;
          Object.assign(settings, DEFAULT_SETTINGS, composite);
          model.debounceMs = settings.searchDebounceMs;
          model.maxResults = settings.maxResults;
          model.maxQueryResults = settings.maxQueryResults;
        };
        apply();
        loaded.changed.connect(apply);
      });
    }
    // The insert-cell button follows the current notebook.
    notebooks.currentChanged.connect(() => details.forEach(widget => widget.update()));
    return catalog;
  }
};
