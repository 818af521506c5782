/**
 * Notebook authoring against a live SparkSession in the user's own kernel: a `%%sql` cell gets
 * squiggles and an inline schema panel while it is typed, Spark confirms the inferred schema
 * when the kernel is idle, and running the cell shows a typed, virtualized grid.
 *
 * DOM contract (implemented by extension/src/authoring):
 * - the schema panel of a relation is `.fl-schema-panel[data-featurelab-relation="<name>"]`
 *   (`$result` for the query's output), with `data-featurelab-confirmation` =
 *   `pending|confirmed|differs|rejected`; a column row carries `data-featurelab-column`, its
 *   type in `.fl-column-type`; problems are listed in `.fl-schema-panel-problems`;
 * - the result grid is `.fl-grid`; a header cell carries `data-featurelab-column`, its Spark
 *   type in `.fl-column-type`; a null value is `.fl-grid-null`.
 *
 * Needs the demo workspace as the server's root; scripts/test-ui.sh prepares it.
 */
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import { expect, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';

const NOTEBOOK = 'authoring.ipynb';
const SESSION = 'import featurelab\nspark = featurelab.spark_session()';
const TYPO_QUERY = '%%sql\nSELECT user_id, countyr\nFROM demo.users';
const FIXED_QUERY =
  '%%sql --limit 5\nSELECT user_id, country, tags, CAST(NULL AS STRING) AS missing\nFROM demo.users';

const PYTHON_CELL = 'frame = spark.sql("SELECT user_id, \\"x\\" AS x, countyr FROM demo.users")';
const CHAIN_CELL = 'users = spark.table("demo.users")\nsmall = users.select("user_id", "contry")';
const BIG_QUERY = [
  '%%sql --limit 100000',
  'SELECT id, CAST(id AS STRING) AS label',
  'FROM (SELECT explode(sequence(1, 100000)) AS id) t'
].join('\n');

const FEATURE_QUERY = [
  '%%sql',
  'SELECT user_id, signup_time, country, size(tags) AS n_tags',
  'FROM demo.users'
].join('\n');
const SAVE_COMMAND = 'featurelab:save-sql-as-feature-group';
const FEATURE_GROUP = 'ui_user_signup';

/** Spark's first session in a fresh kernel (JVM start) is slow on small machines. */
const SPARK_TIMEOUT = 120_000;
/** Catalog refresh after the kernel goes idle, then analysis in the worker. */
const ANALYSIS_TIMEOUT = 45_000;

async function runCell(page: IJupyterLabPageFixture, index: number): Promise<void> {
  expect(await page.notebook.runCell(index, { inplace: true }), `running cell ${index}`).toBe(true);
}

async function cellLocator(page: IJupyterLabPageFixture, index: number): Promise<Locator> {
  const cell = await page.notebook.getCellLocator(index);
  expect(cell, `cell ${index} exists`).not.toBeNull();
  return cell!;
}

test.describe('Notebook authoring', () => {
  test.describe.configure({ timeout: 300_000 });

  test('a %%sql cell: squiggle with a suggestion, schema panel, Spark confirmation, typed grid', async ({
    page
  }) => {
    expect(await page.notebook.createNew(NOTEBOOK, { kernel: 'python3' })).toBe(NOTEBOOK);
    await page.notebook.setCell(0, 'code', SESSION);
    await runCell(page, 0);

    // 1. Typing a query with an unknown column: squiggle, "did you mean", typed schema panel.
    await page.notebook.addCell('code', TYPO_QUERY);
    const cell = await cellLocator(page, 1);
    const result = cell.locator('.fl-schema-panel[data-featurelab-relation="$result"]');
    await expect(
      result.locator('[data-featurelab-column="user_id"] .fl-column-type'),
      'the schema panel shows the inferred type of user_id (needs the live catalog)'
    ).toHaveText('bigint', { timeout: SPARK_TIMEOUT });
    const squiggle = cell.locator('.cm-lintRange-error');
    await expect(squiggle).toHaveCount(1, { timeout: ANALYSIS_TIMEOUT });
    await expect(squiggle).toHaveText('countyr');
    await expect(result.locator('.fl-schema-panel-problems')).toContainText(
      'Did you mean `country`?'
    );
    await squiggle.hover();
    await expect(page.locator('.cm-tooltip-lint')).toContainText('Did you mean `country`?');
    // Spark, asked while the kernel is idle, rejects the query too.
    await expect(result).toHaveAttribute('data-featurelab-confirmation', 'rejected', {
      timeout: ANALYSIS_TIMEOUT
    });

    // 2. The fixed query: no squiggle, Spark confirms the inferred schema.
    // Typed like a user would (setCell clicks the middle of the cell, which may be a panel).
    await cell.locator('.cm-line').first().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(FIXED_QUERY);
    await expect(cell.locator('.cm-line')).toHaveText(FIXED_QUERY.split('\n'));
    await expect(squiggle).toHaveCount(0, { timeout: ANALYSIS_TIMEOUT });
    await expect(result.locator('[data-featurelab-column="tags"] .fl-column-type')).toHaveText(
      'array<string>'
    );
    await expect(result).toHaveAttribute('data-featurelab-confirmation', 'confirmed', {
      timeout: ANALYSIS_TIMEOUT
    });
    // Hover on a column reference: its type, nullability and where it comes from.
    const point = await cell
      .locator('.cm-line')
      .nth(1)
      .evaluate((line, word) => {
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent?.indexOf(word) ?? -1;
          if (at >= 0) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + word.length);
            const box = range.getBoundingClientRect();
            return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
          }
        }
        return null;
      }, 'country');
    expect(point, 'the word "country" is on the second line').not.toBeNull();
    await page.mouse.move(point!.x, point!.y);
    const hover = page.locator('.fl-sql-hover');
    await expect(hover).toContainText('country: string');
    await expect(hover).toContainText('from demo.users');
    await page.mouse.move(0, 0);

    // The panel folds and unfolds, and keeps its state.
    await result.locator('.fl-schema-panel-header').click();
    await expect(result.locator('[data-featurelab-column]')).toHaveCount(0);
    await result.locator('.fl-schema-panel-header').click();
    await expect(result.locator('[data-featurelab-column]')).toHaveCount(4);

    // 3. Running the cell: a grid with Spark types in the header and nulls shown as such.
    await runCell(page, 1);
    const grid = cell.locator('.fl-grid');
    await expect(grid).toBeVisible({ timeout: SPARK_TIMEOUT });
    const header = (name: string) =>
      grid.locator(`.fl-grid-header-cell[data-featurelab-column="${name}"] .fl-column-type`);
    await expect(header('user_id')).toHaveText(/^bigint/);
    await expect(header('tags')).toHaveText(/^array<string>/);
    await expect(header('missing')).toHaveText(/^string/);
    await expect(grid.locator('.fl-grid-row')).toHaveCount(5);
    await expect(grid.locator('.fl-grid-null')).toHaveCount(5);
    await expect(cell.locator('.fl-table-summary')).toContainText('First 5 rows');

    // 4. A spark.sql string in a Python cell is analyzed too, at the right offsets.
    await page.notebook.addCell('code', PYTHON_CELL);
    const python = await cellLocator(page, 2);
    await expect(python.locator('.cm-lintRange-error')).toHaveText('countyr', {
      timeout: ANALYSIS_TIMEOUT
    });

    // 4b. DataFrame chains of a Python cell: the PySpark analyzer, panels folded per variable.
    await page.notebook.addCell('code', CHAIN_CELL);
    const chain = await cellLocator(page, 3);
    await expect(chain.locator('.cm-lintRange-error')).toHaveText('"contry"', {
      timeout: ANALYSIS_TIMEOUT
    });
    const small = chain.locator('.fl-schema-panel[data-featurelab-relation="small"]');
    await expect(small).toHaveClass(/fl-mod-collapsed/);
    await expect(small.locator('.fl-schema-panel-count')).toHaveText('2 columns');
    await small.locator('.fl-schema-panel-header').click();
    await expect(small.locator('[data-featurelab-column="user_id"] .fl-column-type')).toHaveText(
      'bigint'
    );

    // 5. 100,000 rows: only the rows in view are in the DOM, and the last row can be reached.
    await page.notebook.addCell('code', BIG_QUERY);
    await runCell(page, 4);
    const big = (await cellLocator(page, 4)).locator('.fl-grid');
    await expect(big).toBeVisible({ timeout: SPARK_TIMEOUT });
    await expect((await cellLocator(page, 4)).locator('.fl-table-summary')).toHaveText(
      '100000 rows'
    );
    const rendered = await big.locator('.fl-grid-row').count();
    expect(rendered, 'rows in the DOM').toBeGreaterThan(0);
    expect(rendered, 'rows in the DOM').toBeLessThan(100);
    await big.evaluate(node => {
      node.scrollTop = node.scrollHeight;
    });
    await expect(big.locator('.fl-grid-row[aria-rowindex="100001"]')).toContainText('100000');

    // 6. Save a %%sql cell as a feature group: the spec lands in the workspace's spec folder.
    await page.notebook.addCell('code', FEATURE_QUERY);
    const featureCell = await cellLocator(page, 5);
    await expect(
      featureCell.locator(
        '.fl-schema-panel[data-featurelab-relation="$result"] [data-featurelab-column="n_tags"] .fl-column-type'
      )
    ).toHaveText('int', { timeout: ANALYSIS_TIMEOUT });
    await page.notebook.selectCells(5);
    await page.evaluate(id => {
      void window.jupyterapp.commands.execute(id);
    }, SAVE_COMMAND);
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toBeVisible();
    await dialog.locator('input[name="name"]').fill(FEATURE_GROUP);
    await dialog.locator('input[name="entity"]').fill('user');
    await expect(dialog.locator('select[name="eventTime"]')).toHaveValue('signup_time');
    await dialog.locator('.jp-mod-accept').click();
    await expect(
      page.locator('.Toastify__toast').filter({ hasText: `${FEATURE_GROUP}.yaml` })
    ).toBeVisible({
      timeout: ANALYSIS_TIMEOUT
    });
    const response = await page.request.get(
      `/api/contents/features/${FEATURE_GROUP}.yaml?content=1`
    );
    expect(response.ok(), 'the spec file exists in the spec folder').toBe(true);
    const spec = ((await response.json()) as { content: string }).content;
    expect(spec).toContain('kind: FeatureGroup');
    expect(spec).toContain('eventTimeColumn: signup_time');
    expect(spec).toContain('- name: n_tags\n    type: int');
    expect(spec).toContain('- demo.users');
  });
});
