/**
 * Featurelab's catalog sidebar against a live SparkSession in the user's own kernel.
 *
 * DOM contract (implemented by extension/):
 * - the sidebar root is `#featurelab-sidebar` in the left area, opened by `featurelab:open-sidebar`;
 * - a table row carries `data-featurelab-table="<db>.<name>"`;
 * - a column row carries `data-featurelab-column="<name>"`, its type text in `.fl-column-type`;
 * - the status element carries `data-featurelab-status="ok|degraded|error|unknown"`.
 *
 * Needs the demo workspace (`python -m featurelab.demo --workspace DIR --size tiny`) as the
 * server's root; scripts/test-ui.sh prepares it.
 */
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import { expect, test } from '@jupyterlab/galata';
import type * as nbformat from '@jupyterlab/nbformat';
import type { Locator } from '@playwright/test';

const OPEN_SIDEBAR = 'featurelab:open-sidebar';
const DEMO_TABLES = ['demo.users', 'demo.items', 'demo.impressions', 'demo.orders'] as const;
const TEMP_VIEW = 'fl_tmp';
const NOTEBOOK = 'featurelab-sidebar.ipynb';

/** What the demo generator promises about `demo.items` (types in Spark's simpleString form). */
const ITEMS_COLUMN_TYPES: Readonly<Record<string, string>> = {
  price: 'decimal(12,2)',
  embedding: 'array<float>'
};

const CELLS = {
  session: 'import featurelab\nspark = featurelab.spark_session()',
  itemsSchema: [
    'import json',
    'print(json.dumps({f.name: f.dataType.simpleString() for f in spark.table("demo.items").schema.fields}))'
  ].join('\n'),
  tempView: `spark.range(3).createOrReplaceTempView("${TEMP_VIEW}")`
} as const;

/** Spark's first session in a fresh kernel (JVM start) is slow on small machines. */
const SPARK_TIMEOUT = 120_000;
/** Catalog refresh after the kernel goes idle. */
const REFRESH_TIMEOUT = 30_000;

function sidebar(page: IJupyterLabPageFixture): Locator {
  return page.locator('#featurelab-sidebar');
}

/** A table row by qualified name; a temporary view may be listed with or without a database. */
function tableRow(root: Locator, name: string): Locator {
  return name.includes('.')
    ? root.locator(`[data-featurelab-table="${name}"]`)
    : root.locator(`[data-featurelab-table="${name}"], [data-featurelab-table$=".${name}"]`);
}

function columnRow(root: Locator, name: string): Locator {
  return root.locator(`[data-featurelab-column="${name}"]`);
}

async function openSidebar(page: IJupyterLabPageFixture): Promise<Locator> {
  const registered = await page.evaluate(
    id => window.jupyterapp.commands.hasCommand(id),
    OPEN_SIDEBAR
  );
  expect(
    registered,
    `command ${OPEN_SIDEBAR} is not registered: is the jupyterlab-featurelab labextension installed and enabled? (jupyter labextension list)`
  ).toBe(true);
  await page.evaluate(async id => {
    await window.jupyterapp.commands.execute(id);
  }, OPEN_SIDEBAR);
  const root = sidebar(page);
  await expect(page.locator('#jp-left-stack').locator('#featurelab-sidebar')).toBeVisible();
  return root;
}

/** The notebook as saved on the server, read through the contents API. */
async function savedNotebook(
  page: IJupyterLabPageFixture,
  path: string
): Promise<nbformat.INotebookContent> {
  expect(await page.notebook.save(), `saving ${path}`).toBe(true);
  const response = await page.request.get(
    `/api/contents/${encodeURI(path)}?type=notebook&content=1`
  );
  expect(response.ok(), `GET /api/contents/${path}: HTTP ${response.status()}`).toBe(true);
  const model = (await response.json()) as { content: nbformat.INotebookContent };
  return model.content;
}

function codeCells(notebook: nbformat.INotebookContent): nbformat.ICodeCell[] {
  return notebook.cells.filter((cell): cell is nbformat.ICodeCell => cell.cell_type === 'code');
}

/** Runs a cell and fails with the kernel's traceback if it raised. */
async function runCellExpectingSuccess(
  page: IJupyterLabPageFixture,
  path: string,
  index: number
): Promise<void> {
  // In place (Ctrl+Enter): Shift+Enter on the last cell would append an empty cell.
  expect(await page.notebook.runCell(index, { inplace: true }), `running cell ${index}`).toBe(true);
  const cell = codeCells(await savedNotebook(page, path))[index];
  const errors = cell.outputs
    .filter((output): output is nbformat.IError => output.output_type === 'error')
    .map(output => `${output.ename}: ${output.evalue}`);
  const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
  expect(errors, `cell ${index} raised:\n${source}`).toEqual([]);
}

test.describe('Featurelab sidebar', () => {
  test.describe.configure({ timeout: 300_000 });

  test('reports a healthy service', async ({ page }) => {
    const root = await openSidebar(page);
    const status = page.locator('[data-featurelab-status]');
    await expect(status.first()).toBeVisible();
    await expect(status.first()).toHaveAttribute('data-featurelab-status', 'ok', {
      timeout: 60_000
    });
    // Every status indicator (sidebar, status bar) agrees.
    for (const indicator of await status.all()) {
      await expect(indicator).toHaveAttribute('data-featurelab-status', 'ok');
    }
    await expect(root).toBeVisible();
  });

  test('lists the live SparkSession catalog and follows the kernel', async ({ page, tmpPath }) => {
    const root = await openSidebar(page);
    await expect(page.locator('[data-featurelab-status]').first()).toHaveAttribute(
      'data-featurelab-status',
      'ok',
      {
        timeout: 60_000
      }
    );

    expect(await page.notebook.createNew(NOTEBOOK, { kernel: 'python3' })).toBe(NOTEBOOK);
    await page.notebook.setCell(0, 'code', CELLS.session);
    await page.notebook.addCell('code', CELLS.itemsSchema);
    await page.notebook.addCell('code', CELLS.tempView);

    const path = `${tmpPath}/${NOTEBOOK}`;

    // 1. Start Spark in the user's kernel; the demo tables appear once the kernel is idle again.
    await runCellExpectingSuccess(page, path, 0);
    for (const table of DEMO_TABLES) {
      await expect(tableRow(root, table), `${table} is not listed`).toBeVisible({
        timeout: SPARK_TIMEOUT
      });
    }

    // 2. Column types shown for demo.items are Spark's own.
    await runCellExpectingSuccess(page, path, 1);
    const printed = (await page.notebook.getCellTextOutput(1))?.join('').trim() ?? '';
    const kernelTypes = JSON.parse(printed) as Record<string, string>;
    await tableRow(root, 'demo.items').click();
    for (const [column, expectedType] of Object.entries(ITEMS_COLUMN_TYPES)) {
      expect(kernelTypes[column], `demo data: demo.items.${column}`).toBe(expectedType);
      const row = columnRow(root, column);
      await expect(row, `column ${column} of demo.items is not shown`).toBeVisible({
        timeout: REFRESH_TIMEOUT
      });
      await expect(row.locator('.fl-column-type')).toHaveText(kernelTypes[column]);
    }

    // 3. A temporary view created in a cell shows up after the cell finishes (busy -> idle).
    await expect(tableRow(root, TEMP_VIEW)).toHaveCount(0);
    await runCellExpectingSuccess(page, path, 2);
    await expect(
      tableRow(root, TEMP_VIEW),
      `temporary view ${TEMP_VIEW} is not listed`
    ).toBeVisible({
      timeout: REFRESH_TIMEOUT
    });

    // 4. Featurelab's traffic with the kernel left no trace in the document.
    const notebook = await savedNotebook(page, path);
    const cells = codeCells(notebook);
    expect(
      notebook.cells.map(cell => cell.cell_type),
      'cells added or removed'
    ).toEqual(['code', 'code', 'code']);
    // Only the three user runs count; background executes are silent and out of history.
    expect(cells.map(cell => cell.execution_count)).toEqual([1, 2, 3]);
    // The temp-view cell prints nothing itself, so any output there would be Featurelab's.
    expect(cells[2].outputs).toEqual([]);
    for (const [index, cell] of cells.entries()) {
      const foreign = cell.outputs.filter(output => /featurelab/i.test(JSON.stringify(output)));
      expect(foreign, `cell ${index} has Featurelab output`).toEqual([]);
    }
  });
});
