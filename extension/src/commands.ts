/**
 * All Featurelab commands, in one module.
 */
import type { ILabShell } from '@jupyterlab/application';
import type { ICommandPalette } from '@jupyterlab/apputils';
import type { ILauncher } from '@jupyterlab/launcher';
import { type INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import type { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon } from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';

import { featurelabIcon } from './icons.js';
import type { ISparkCatalog } from './tokens.js';

/**
 * Command ids.
 */
export namespace CommandIDs {
  export const openSidebar = 'featurelab:open-sidebar';
  export const refreshTables = 'featurelab:refresh-tables';
  export const showStatus = 'featurelab:show-status';
  export const newNotebook = 'featurelab:new-notebook';
  export const insertSparkSessionCell = 'featurelab:insert-spark-session-cell';
}

/**
 * The cell that gives a notebook its SparkSession.
 */
export const SPARK_SESSION_CELL = 'import featurelab\nspark = featurelab.spark_session()';

/**
 * What the commands act on.
 */
export interface ICommandContext {
  commands: CommandRegistry;
  shell: ILabShell;
  tracker: INotebookTracker;
  catalog: ISparkCatalog;
  /** Id of the sidebar widget in the left area. */
  sidebarId: string;
  /** The server's default kernel, so new notebooks need no kernel dialog. */
  defaultKernelName: () => string | undefined;
  /** Moves the keyboard focus to the sidebar's status area. */
  focusStatus: () => void;
  trans: TranslationBundle;
  palette: ICommandPalette | null;
  launcher: ILauncher | null;
}

/**
 * Add the commands, and their palette and launcher entries.
 */
export function addCommands(context: ICommandContext): void {
  const { commands, shell, tracker, catalog, sidebarId, trans } = context;
  // The palette and launcher category.
  const category = trans.__('Featurelab');
  // `describedBy` documents each command's arguments as a JSON schema.
  const noArgs = { args: { type: 'object', properties: {} } };

  commands.addCommand(CommandIDs.openSidebar, {
    label: trans.__('Open Featurelab Sidebar'),
    caption: trans.__('Show the Spark tables of the active notebook and the service status'),
    icon: featurelabIcon,
    describedBy: noArgs,
    execute: () => {
      shell.activateById(sidebarId);
    }
  });

  commands.addCommand(CommandIDs.refreshTables, {
    label: trans.__('Refresh Spark Tables'),
    caption: trans.__("Reload the tables of the active notebook's SparkSession"),
    icon: args => (args.toolbar ? refreshIcon : undefined),
    isEnabled: () => catalog.bridge !== null,
    describedBy: {
      args: {
        type: 'object',
        properties: {
          toolbar: {
            type: 'boolean',
            description: trans.__('Whether the command is shown in a toolbar, with an icon')
          }
        }
      }
    },
    execute: () => catalog.refresh()
  });

  commands.addCommand(CommandIDs.showStatus, {
    label: trans.__('Show Featurelab Service Status'),
    describedBy: noArgs,
    execute: () => {
      shell.activateById(sidebarId);
      context.focusStatus();
    }
  });

  commands.addCommand(CommandIDs.newNotebook, {
    label: args =>
      args.isLauncher ? trans.__('Featurelab Notebook') : trans.__('New Featurelab Notebook'),
    caption: trans.__('Create a notebook that starts a SparkSession with Featurelab'),
    icon: featurelabIcon,
    describedBy: {
      args: {
        type: 'object',
        properties: {
          cwd: {
            type: 'string',
            description: trans.__('The folder to create the notebook in')
          },
          isLauncher: {
            type: 'boolean',
            description: trans.__('Whether the command is run from the launcher')
          }
        }
      }
    },
    execute: async args => {
      // The launcher passes the folder it shows as `cwd`.
      const cwd = typeof args.cwd === 'string' ? args.cwd : '';
      const kernelName = context.defaultKernelName();
      const widget: unknown = await commands.execute(
        'notebook:create-new',
        kernelName ? { cwd, kernelName } : { cwd }
      );
      if (!(widget instanceof NotebookPanel)) {
        return;
      }
      await widget.context.ready;
      const model = widget.content.model;
      if (!model) {
        return;
      }
      const first = model.sharedModel.cells[0];
      if (first && first.cell_type === 'code' && first.getSource() === '') {
        first.setSource(SPARK_SESSION_CELL);
      } else {
        model.sharedModel.insertCell(0, { cell_type: 'code', source: SPARK_SESSION_CELL });
      }
    }
  });

  commands.addCommand(CommandIDs.insertSparkSessionCell, {
    label: trans.__('Insert SparkSession Cell'),
    caption: trans.__('Insert a cell that starts a SparkSession with Featurelab'),
    isEnabled: () => tracker.currentWidget !== null,
    describedBy: noArgs,
    execute: () => {
      const panel = tracker.currentWidget;
      const model = panel?.content.model;
      if (!panel || !model) {
        return;
      }
      const notebook = panel.content;
      // Insert below the active cell, where the user is working.
      const index = Math.min(notebook.activeCellIndex + 1, model.sharedModel.cells.length);
      model.sharedModel.insertCell(index, { cell_type: 'code', source: SPARK_SESSION_CELL });
      notebook.activeCellIndex = index;
      shell.activateById(panel.id);
    }
  });

  catalog.changed.connect(() => {
    commands.notifyCommandChanged(CommandIDs.refreshTables);
  });
  tracker.currentChanged.connect(() => {
    commands.notifyCommandChanged(CommandIDs.insertSparkSessionCell);
  });

  for (const command of [
    CommandIDs.openSidebar,
    CommandIDs.refreshTables,
    CommandIDs.showStatus,
    CommandIDs.newNotebook,
    CommandIDs.insertSparkSessionCell
  ]) {
    context.palette?.addItem({ command, category });
  }
  context.launcher?.add({
    command: CommandIDs.newNotebook,
    args: { isLauncher: true },
    category,
    rank: 1
  });
}
