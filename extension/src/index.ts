/**
 * Featurelab's JupyterLab plugins. This module only wires plugins together;
 * models, widgets and commands live in their own modules.
 */
import {
  ILabShell,
  ILayoutRestorer,
  type JupyterFrontEnd,
  type JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { ILauncher } from '@jupyterlab/launcher';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { IEditorExtensionRegistry } from '@jupyterlab/codemirror';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';

// Autostart plugins build the service, catalog and sidebar in activate(), and service.js
// imports handshake.js, so deferring these imports would only add chunks to fetch.
/* eslint-disable jupyter/prefer-lazy-imports -- activation needs them at once */
import { catalogBrowserPlugin } from './catalog/plugin.js';
import { SparkCatalogModel } from './catalogModel.js';
import { addCommands } from './commands.js';
import { describeHandshake } from './handshake.js';
import { FeaturelabService } from './service.js';
import { IFeatureCatalog, IFeaturelabService, ISparkCatalog } from './tokens.js';
import { CLIENT_VERSION } from './version.js';
import { FeaturelabSidebar, SIDEBAR_ID } from './widgets/sidebar.js';
import { type IAuthoringSettings, setUpAuthoring } from './authoring/setup.js';
import { tableRendererFactory } from './authoring/grid/tableRenderer.js';
/* eslint-enable jupyter/prefer-lazy-imports */

export * from './tokens.js';

const SERVICE_PLUGIN_ID = 'jupyterlab-featurelab:service';
const CATALOG_PLUGIN_ID = 'jupyterlab-featurelab:catalog';
const SIDEBAR_PLUGIN_ID = 'jupyterlab-featurelab:sidebar';
const AUTHORING_PLUGIN_ID = 'jupyterlab-featurelab:authoring';
const SQL_TABLE_PLUGIN_ID = 'jupyterlab-featurelab:sql-table';

/**
 * The server connection: version handshake, then status polling.
 */
const servicePlugin: JupyterFrontEndPlugin<IFeaturelabService> = {
  id: SERVICE_PLUGIN_ID,
  description: 'Checks that the Featurelab server extension matches and polls its status.',
  autoStart: true,
  provides: IFeaturelabService,
  optional: [ISettingRegistry, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    settingRegistry: ISettingRegistry | null,
    translator: ITranslator | null
  ): IFeaturelabService => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_featurelab');
    const service = new FeaturelabService({
      serverSettings: app.serviceManager.serverSettings,
      clientVersion: CLIENT_VERSION
    });
    if (settingRegistry) {
      void settingRegistry.load(SERVICE_PLUGIN_ID).then(settings => {
        const apply = () => {
          service.pollIntervalMs = settings.get('statusPollIntervalMs').composite as number;
        };
        apply();
        settings.changed.connect(apply);
      });
    }
    // Not awaited: panels render the handshake state themselves, and start-up
    // must not wait on the server.
    void service.start().then(outcome => {
      const problem = describeHandshake(outcome, CLIENT_VERSION, trans);
      if (problem && outcome.kind !== 'service-unavailable') {
        Notification.error(`${problem.message} ${problem.fix}`, { autoClose: false });
      }
    });
    return service;
  }
};

/**
 * The Spark catalog of the active notebook's kernel.
 */
const catalogPlugin: JupyterFrontEndPlugin<ISparkCatalog> = {
  id: CATALOG_PLUGIN_ID,
  description: "Keeps the Spark catalog of the active notebook's kernel up to date.",
  autoStart: true,
  provides: ISparkCatalog,
  requires: [INotebookTracker],
  optional: [ISettingRegistry],
  activate: (
    _app: JupyterFrontEnd,
    tracker: INotebookTracker,
    settingRegistry: ISettingRegistry | null
  ): ISparkCatalog => {
    const catalog = new SparkCatalogModel({ tracker });
    if (settingRegistry) {
      void settingRegistry.load(CATALOG_PLUGIN_ID).then(settings => {
        const apply = () => {
          catalog.debounceMs = settings.get('refreshDebounceMs').composite as number;
          catalog.bridgeTimeoutMs = settings.get('bridgeTimeoutMs').composite as number;
        };
        apply();
        settings.changed.connect(apply);
      });
    }
    return catalog;
  }
};

/**
 * The sidebar, its commands, palette and launcher entries.
 */
const sidebarPlugin: JupyterFrontEndPlugin<void> = {
  id: SIDEBAR_PLUGIN_ID,
  description: 'The Featurelab sidebar: Spark tables of the active notebook and service status.',
  autoStart: true,
  requires: [
    ILabShell,
    INotebookTracker,
    ITranslator,
    ISettingRegistry,
    ISparkCatalog,
    IFeaturelabService
  ],
  optional: [ILayoutRestorer, ICommandPalette, ILauncher, IFeatureCatalog],
  activate: (
    app: JupyterFrontEnd,
    shell: ILabShell,
    tracker: INotebookTracker,
    translator: ITranslator,
    settingRegistry: ISettingRegistry,
    catalog: ISparkCatalog,
    service: IFeaturelabService,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    launcher: ILauncher | null,
    featureCatalog: IFeatureCatalog | null
  ): void => {
    const trans = translator.load('jupyterlab_featurelab');
    const sidebar = new FeaturelabSidebar({
      catalog,
      featureCatalog,
      service,
      commands: app.commands,
      translator
    });
    shell.add(sidebar, 'left', { rank: 600 });
    restorer?.add(sidebar, SIDEBAR_ID);
    addCommands({
      commands: app.commands,
      shell,
      tracker,
      catalog,
      sidebarId: SIDEBAR_ID,
      defaultKernelName: () => app.serviceManager.kernelspecs.specs?.default,
      focusStatus: () => sidebar.focusStatus(),
      trans,
      palette,
      launcher
    });
    // Loading the plugin's settings registers its keyboard shortcut schema.
    void settingRegistry.load(SIDEBAR_PLUGIN_ID);
  }
};

/**
 * Notebook authoring: live schema inference in `%%sql` cells and
 * `spark.sql("...")` strings (squiggles, schema panels, hover, completion),
 * Spark confirmation, and "Save SQL Cell as Feature Group".
 */
const authoringPlugin: JupyterFrontEndPlugin<void> = {
  id: AUTHORING_PLUGIN_ID,
  description: 'Live Spark SQL schema inference in notebook cells.',
  autoStart: true,
  requires: [IEditorExtensionRegistry, INotebookTracker, ISparkCatalog, ITranslator],
  optional: [ISettingRegistry, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    editorExtensions: IEditorExtensionRegistry,
    tracker: INotebookTracker,
    catalog: ISparkCatalog,
    translator: ITranslator,
    settingRegistry: ISettingRegistry | null,
    palette: ICommandPalette | null
  ): void => {
    const trans = translator.load('jupyterlab_featurelab');
    const authoring = setUpAuthoring({
      editorExtensions,
      tracker,
      catalog,
      commands: app.commands,
      serverSettings: app.serviceManager.serverSettings,
      trans
    });
    palette?.addItem({
      command: 'featurelab:save-sql-as-feature-group',
      category: trans.__('Featurelab')
    });
    if (settingRegistry) {
      void settingRegistry.load(AUTHORING_PLUGIN_ID).then(settings => {
        const apply = () =>
          authoring.applySettings(settings.composite as unknown as Partial<IAuthoringSettings>);
        apply();
        settings.changed.connect(apply);
      });
    }
  }
};

/**
 * The typed, virtualized grid for `%%sql` results.
 */
const sqlTablePlugin: JupyterFrontEndPlugin<void> = {
  id: SQL_TABLE_PLUGIN_ID,
  description: 'Renders %%sql results (Arrow) as a virtualized grid with Spark types.',
  autoStart: true,
  requires: [IRenderMimeRegistry],
  optional: [ITranslator],
  activate: (
    _app: JupyterFrontEnd,
    rendermime: IRenderMimeRegistry,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_featurelab');
    rendermime.addFactory(tableRendererFactory(trans));
  }
};

export default [
  servicePlugin,
  catalogPlugin,
  catalogBrowserPlugin,
  sidebarPlugin,
  authoringPlugin,
  sqlTablePlugin
];
