/**
 * "Save as feature group" for a `%%sql` cell: asks for the name, entity,
 * event-time column and spec folder, then has the kernel helper write the
 * FeatureGroup spec with the inferred schema (ready for `featurelab plan`).
 */
import type { ISaveFeatureGroupArgs, KernelBridge } from '@featurelab/kernel-bridge';
import { Dialog, Notification, showDialog, showErrorMessage } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import type { ICompletionTable } from './controller.js';
import { scanNames } from './hoverInfo.js';
import type { ICellAnalysis, IRegionResult } from './model.js';

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TIME_TYPES = new Set(['timestamp', 'timestamp_ntz', 'date']);

/**
 * Why a cell cannot be saved, or null when it can.
 */
export function saveBlocker(
  analysis: ICellAnalysis | null,
  trans: TranslationBundle
): string | null {
  const region = analysis?.regions[0];
  if (!analysis || !region || region.region.kind !== 'magic') {
    return trans.__('Only a %%sql cell can be saved as a feature group.');
  }
  if (region.analysis.diagnostics.some(d => d.severity === 'error')) {
    return trans.__('Fix the errors of the query first.');
  }
  const result = region.analysis.relations.find(r => r.name === '$result');
  if (!result || result.columns.length === 0) {
    return trans.__('The query has no analyzed result columns.');
  }
  if (result.columns.some(c => c.type === 'unknown')) {
    return trans.__('Some result column types are unknown; the spec needs every type.');
  }
  return null;
}

/**
 * The catalog tables a query reads, for the spec's lineage.
 */
export function sourceTables(result: IRegionResult, tables: readonly ICompletionTable[]): string[] {
  const known = new Map(tables.map(t => [t.name.toLowerCase(), t.name]));
  const out = new Set<string>();
  for (const op of result.analysis.operators) {
    if (op.op !== 'scan') {
      continue;
    }
    const name = scanNames(result.region.text, op).table;
    const found = known.get(name.toLowerCase());
    if (found && TABLE_NAME.test(found)) {
      out.add(found);
    }
  }
  return [...out].sort();
}

interface IFormValues {
  name: string;
  entity: string;
  eventTime: string;
  folder: string;
  overwrite: boolean;
}

class SaveForm extends Widget {
  constructor(
    defaults: IFormValues,
    timeColumns: readonly string[],
    entities: readonly string[],
    trans: TranslationBundle
  ) {
    super();
    this.addClass('fl-save-fg-form');
    const field = (label: string, input: HTMLElement) => {
      const row = document.createElement('label');
      row.className = 'fl-save-fg-field';
      const text = document.createElement('span');
      text.textContent = label;
      row.append(text, input);
      this.node.append(row);
    };
    this._name = input('name', defaults.name);
    this._entity = input('entity', defaults.entity);
    if (entities.length > 0) {
      const list = document.createElement('datalist');
      list.id = `fl-save-fg-entities-${Math.random().toString(36).slice(2)}`;
      for (const entity of entities) {
        const option = document.createElement('option');
        option.value = entity;
        list.append(option);
      }
      this._entity.setAttribute('list', list.id);
      this.node.append(list);
    }
    this._eventTime = document.createElement('select');
    this._eventTime.name = 'eventTime';
    this._eventTime.className = 'jp-mod-styled';
    const auto = document.createElement('option');
    auto.value = '';
    auto.textContent = trans.__('(choose by name)');
    this._eventTime.append(auto);
    for (const column of timeColumns) {
      const option = document.createElement('option');
      option.value = column;
      option.textContent = column;
      this._eventTime.append(option);
    }
    this._eventTime.value = defaults.eventTime;
    this._folder = input('folder', defaults.folder);
    this._overwrite = document.createElement('input');
    this._overwrite.type = 'checkbox';
    this._overwrite.name = 'overwrite';
    field(trans.__('Feature group name'), this._name);
    field(trans.__('Entity'), this._entity);
    field(trans.__('Event-time column'), this._eventTime);
    field(trans.__('Spec folder (relative to the workspace)'), this._folder);
    field(trans.__('Replace an existing spec'), this._overwrite);
  }

  getValue(): IFormValues {
    return {
      name: this._name.value.trim(),
      entity: this._entity.value.trim(),
      eventTime: this._eventTime.value,
      folder: this._folder.value.trim(),
      overwrite: this._overwrite.checked
    };
  }

  private _name: HTMLInputElement;
  private _entity: HTMLInputElement;
  private _eventTime: HTMLSelectElement;
  private _folder: HTMLInputElement;
  private _overwrite: HTMLInputElement;
}

function input(name: string, value: string): HTMLInputElement {
  const node = document.createElement('input');
  node.type = 'text';
  node.name = name;
  node.value = value;
  node.className = 'jp-mod-styled';
  node.spellcheck = false;
  return node;
}

/**
 * Run the dialog for one analyzed `%%sql` cell and write the spec.
 */
export async function saveAsFeatureGroup(options: {
  analysis: ICellAnalysis;
  bridge: KernelBridge | null;
  tables: readonly ICompletionTable[];
  entities: readonly string[];
  defaultFolder: string;
  trans: TranslationBundle;
}): Promise<readonly string[] | null> {
  const { analysis, bridge, trans } = options;
  const blocker = saveBlocker(analysis, trans);
  if (blocker) {
    await showErrorMessage(trans.__('Cannot save as feature group'), blocker);
    return null;
  }
  if (!bridge) {
    await showErrorMessage(
      trans.__('Cannot save as feature group'),
      trans.__('The notebook has no running kernel; start it and run featurelab.spark_session().')
    );
    return null;
  }
  const region = analysis.regions[0];
  const result = region.analysis.relations.find(r => r.name === '$result')!;
  const timeColumns = result.columns.filter(c => TIME_TYPES.has(c.type)).map(c => c.name);
  const form = new SaveForm(
    {
      name:
        region.region.magic?.output && IDENTIFIER.test(region.region.magic.output)
          ? region.region.magic.output
          : '',
      entity: options.entities[0] ?? '',
      eventTime: timeColumns[0] ?? '',
      folder: options.defaultFolder,
      overwrite: false
    },
    timeColumns,
    options.entities,
    trans
  );
  const answer = await showDialog<IFormValues>({
    title: trans.__('Save as feature group'),
    body: form,
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      Dialog.okButton({ label: trans.__('Save') })
    ],
    focusNodeSelector: 'input[name="name"]'
  });
  const values = answer.value;
  if (!answer.button.accept || !values) {
    return null;
  }
  if (!IDENTIFIER.test(values.name)) {
    await showErrorMessage(
      trans.__('Cannot save as feature group'),
      trans.__(
        'The name must be letters, digits and underscores, starting with a letter or underscore.'
      )
    );
    return null;
  }
  const args: ISaveFeatureGroupArgs = {
    sql: region.region.text,
    columns: result.columns,
    name: values.name,
    entity: values.entity,
    eventTime: values.eventTime || undefined,
    tables: sourceTables(region, options.tables),
    folder: values.folder || options.defaultFolder,
    overwrite: values.overwrite
  };
  try {
    const paths = await bridge.saveFeatureGroup(args);
    Notification.success(
      trans.__('Saved %1; run featurelab plan to review it.', paths.join(', ')),
      {
        autoClose: 8000
      }
    );
    return paths;
  } catch (error) {
    await showErrorMessage(
      trans.__('Cannot save as feature group'),
      error instanceof Error ? error.message : String(error)
    );
    return null;
  }
}
