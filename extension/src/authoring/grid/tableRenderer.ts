/**
 * The MIME renderer of `%%sql` results: `application/vnd.featurelab.table+arrow`
 * (base64 Arrow IPC plus the Spark schema) as a virtualized grid with the
 * Spark type of each column in its header.
 */
import { decodeArrowIPC } from '@featurelab/kernel-bridge';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { nullTranslator, type TranslationBundle } from '@jupyterlab/translation';
import { Panel, Widget } from '@lumino/widgets';

import { formatArrowValue, type IArrowTypeLike } from './formatValue.js';
import { type IGridSource, VirtualGrid } from './virtualGrid.js';

export const TABLE_MIME_TYPE = 'application/vnd.featurelab.table+arrow';

/**
 * The MIME bundle's payload, as the kernel helper writes it.
 */
export interface ITablePayload {
  readonly arrow: string;
  readonly columns: readonly { name: string; type: string; nullable: boolean }[];
  readonly rowCount: number;
  readonly truncated: boolean;
  readonly limit: number;
}

export function readPayload(data: unknown): ITablePayload | null {
  if (typeof data !== 'object' || data === null) {
    return null;
  }
  const value = data as Record<string, unknown>;
  if (typeof value.arrow !== 'string' || !Array.isArray(value.columns)) {
    return null;
  }
  const columns = value.columns.flatMap(column => {
    if (typeof column !== 'object' || column === null) {
      return [];
    }
    const c = column as Record<string, unknown>;
    return typeof c.name === 'string' && typeof c.type === 'string'
      ? [{ name: c.name, type: c.type, nullable: c.nullable !== false }]
      : [];
  });
  return {
    arrow: value.arrow,
    columns,
    rowCount: typeof value.rowCount === 'number' ? value.rowCount : 0,
    truncated: value.truncated === true,
    limit: typeof value.limit === 'number' ? value.limit : 0
  };
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

/**
 * Grid rows read from an Arrow table, typed by the Spark schema of the
 * payload (Arrow types only steer formatting).
 */
export async function gridSourceOf(payload: ITablePayload): Promise<IGridSource> {
  const table = await decodeArrowIPC(base64ToBytes(payload.arrow));
  const vectors = table.schema.fields.map((_, index) => table.getChildAt(index));
  const types = table.schema.fields.map(field => field.type as unknown as IArrowTypeLike);
  const columns =
    payload.columns.length === table.numCols
      ? payload.columns
      : table.schema.fields.map(field => ({
          name: field.name,
          type: String(field.type),
          nullable: field.nullable
        }));
  return {
    rowCount: table.numRows,
    columns,
    cell: (row, column) => {
      const value: unknown = vectors[column]?.get(row);
      return value === null || value === undefined ? null : formatArrowValue(value, types[column]);
    }
  };
}

export class TableRenderer extends Panel implements IRenderMime.IRenderer {
  constructor(options: IRenderMime.IRendererOptions, trans: TranslationBundle) {
    super();
    this._mimeType = options.mimeType;
    this._trans = trans;
    this.addClass('fl-table-output');
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const payload = readPayload(model.data[this._mimeType]);
    for (const widget of [...this.widgets]) {
      widget.dispose();
    }
    const trans = this._trans;
    if (!payload) {
      this.addWidget(textWidget('fl-table-error', trans.__('The table output is malformed.')));
      return;
    }
    let source: IGridSource;
    try {
      source = await gridSourceOf(payload);
    } catch (error) {
      this.addWidget(
        textWidget(
          'fl-table-error',
          trans.__(
            'The table could not be decoded: %1',
            error instanceof Error ? error.message : String(error)
          )
        )
      );
      return;
    }
    const grid = new VirtualGrid(source, { nullText: trans.__('null') });
    grid.node.setAttribute('aria-label', trans.__('Query result'));
    this.addWidget(grid);
    const summary = payload.truncated
      ? trans.__(
          'First %1 rows shown (--limit %2); the result has more.',
          source.rowCount,
          payload.limit
        )
      : trans._n('%1 row', '%1 rows', source.rowCount);
    this.addWidget(textWidget('fl-table-summary', summary));
  }

  private _mimeType: string;
  private _trans: TranslationBundle;
}

function textWidget(className: string, text: string): Widget {
  const widget = new Widget();
  widget.addClass(className);
  widget.node.textContent = text;
  return widget;
}

/**
 * The renderer factory for the rendermime registry.
 */
export function tableRendererFactory(
  trans: TranslationBundle = nullTranslator.load('jupyterlab_featurelab')
): IRenderMime.IRendererFactory {
  return {
    safe: true,
    mimeTypes: [TABLE_MIME_TYPE],
    defaultRank: 40,
    createRenderer: options => new TableRenderer(options, trans)
  };
}
