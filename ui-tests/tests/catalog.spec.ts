/**
 * The feature catalog in JupyterLab: search, detail views with schema and lineage, sanitized
 * markdown, plan/apply, light and dark themes.
 *
 * Needs the test workspace that scripts/test-ui.sh prepares: the demo specs and
 * ui-tests/fixtures/catalog/ in `features/`, applied to the registry before the server starts.
 *
 * DOM contract (extension/src/catalog):
 * - the search box is `.fl-CatalogQuery input` in `#featurelab-sidebar`; a result row carries
 *   `data-featurelab-catalog-entry="<entry id>"` inside `role=option`;
 * - a detail view carries `data-featurelab-detail="<kind>:<name>"`; its schema rows
 *   `data-featurelab-field`, lineage nodes `data-featurelab-node="<node id>"`, edges
 *   `data-featurelab-edge="<from>-><to>"`;
 * - the Plan/Apply panel is `#featurelab-plan-apply`; a planned change carries
 *   `data-featurelab-change="<action>:<kind>:<name>"`.
 */
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import { expect, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';

const OPEN_CATALOG = 'featurelab:open-catalog';
const OPEN_ENTRY = 'featurelab:open-catalog-entry';
const OPEN_PLAN_APPLY = 'featurelab:open-plan-apply';
const HOSTILE_ENTITY = 'visitor "ü" `tick` \'x\'';
const USER_PROFILE_SPEC = 'features/feature_groups/user_profile.yaml';
const ENTITIES_SPEC = 'features/entities.yaml';

/** The service starts with the server; its first answers can take a while on a busy machine. */
const SERVICE_TIMEOUT = 60_000;

declare global {
  interface Window {
    __featurelabPwned?: string;
  }
}

async function openCatalog(page: IJupyterLabPageFixture): Promise<Locator> {
  await expect
    .poll(() => page.evaluate(id => window.jupyterapp.commands.hasCommand(id), OPEN_CATALOG), {
      message: `command ${OPEN_CATALOG} is not registered: is the jupyterlab-featurelab labextension installed and enabled?`
    })
    .toBe(true);
  await page.evaluate(async id => {
    await window.jupyterapp.commands.execute(id);
  }, OPEN_CATALOG);
  const sidebar = page.locator('#featurelab-sidebar');
  await expect(sidebar.locator('.fl-CatalogBrowser')).toHaveAttribute(
    'data-featurelab-catalog-status',
    'ready',
    { timeout: SERVICE_TIMEOUT }
  );
  return sidebar;
}

async function search(sidebar: Locator, query: string): Promise<void> {
  const box = sidebar.locator('.fl-CatalogQuery input');
  await box.fill(query);
}

function resultRow(sidebar: Locator, id: string): Locator {
  return sidebar.locator(`[role="option"]:has([data-featurelab-catalog-entry="${id}"])`);
}

/** A CSS attribute value in double quotes, for names with quotes and backslashes. */
function cssString(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

function detailView(page: IJupyterLabPageFixture, kind: string, name: string): Locator {
  return page.locator(
    `#jp-main-dock-panel [data-featurelab-detail=${cssString(`${kind}:${name}`)}]`
  );
}

async function openEntry(
  page: IJupyterLabPageFixture,
  kind: string,
  name: string
): Promise<Locator> {
  await page.evaluate(
    async ({ command, args }) => {
      await window.jupyterapp.commands.execute(command, args);
    },
    { command: OPEN_ENTRY, args: { kind, name } }
  );
  const view = detailView(page, kind, name);
  await expect(view.locator('.fl-DetailTitle')).toBeVisible({ timeout: SERVICE_TIMEOUT });
  return view;
}

/** A workspace file through the contents API. */
async function readFile(page: IJupyterLabPageFixture, path: string): Promise<string> {
  const response = await page.request.get(
    `/api/contents/${encodeURI(path)}?type=file&format=text&content=1`
  );
  expect(response.ok(), `GET /api/contents/${path}: HTTP ${response.status()}`).toBe(true);
  return ((await response.json()) as { content: string }).content;
}

async function writeFile(
  page: IJupyterLabPageFixture,
  path: string,
  content: string
): Promise<void> {
  const response = await page.request.put(`/api/contents/${encodeURI(path)}`, {
    data: { type: 'file', format: 'text', content }
  });
  expect(response.ok(), `PUT /api/contents/${path}: HTTP ${response.status()}`).toBe(true);
}

test.describe('Feature catalog', () => {
  test.describe.configure({ timeout: 240_000 });

  test('search finds a feature despite a typo, ranked first, with the match marked', async ({
    page
  }) => {
    const sidebar = await openCatalog(page);
    // Every demo object and the fixture are listed before searching.
    await expect(sidebar.locator('.fl-CatalogCount')).toContainText('results');
    // The command unfolds the section and puts the cursor in the search box.
    const query = sidebar.locator('.fl-CatalogQuery input');
    await expect(query).toBeFocused();
    await sidebar.getByRole('button', { name: 'Feature catalog', exact: true }).click();
    await expect(query).toHaveCount(0);
    await openCatalog(page);
    await expect(query).toBeFocused();
    await search(sidebar, 'clikcs_1d');
    const first = sidebar.locator('[role="option"]').first();
    await expect(first.locator('[data-featurelab-catalog-entry]')).toHaveAttribute(
      'data-featurelab-catalog-entry',
      'Feature:user_engagement_1d.clicks_1d'
    );
    await expect(first.locator('mark.fl-Match').first()).toBeVisible();

    // Keyboard: down from the search box into the list, Enter opens the active result.
    await sidebar.locator('.fl-CatalogQuery input').press('ArrowDown');
    await expect(sidebar.locator('[role="listbox"]')).toBeFocused();
    await page.keyboard.press('Enter');
    const view = detailView(page, 'Feature', 'user_engagement_1d.clicks_1d');
    await expect(view.locator('[data-featurelab-field="clicks_1d"] .fl-FieldType')).toHaveText(
      'bigint'
    );
  });

  test('filters narrow the results and show counts', async ({ page }) => {
    const sidebar = await openCatalog(page);
    await search(sidebar, '');
    await sidebar.getByRole('button', { name: /^Filters/ }).click();
    const kinds = sidebar.locator('[data-featurelab-facet="kinds"]');
    const modelFilter = kinds.locator('label', { hasText: 'Model' });
    await expect(modelFilter.locator('.fl-FacetCount')).toHaveText('1');
    await modelFilter.locator('input').check();
    await expect(sidebar.locator('.fl-CatalogCount')).toHaveText(/^1 result/);
    await expect(resultRow(sidebar, 'Model:ctr_ranker')).toBeVisible();
    await sidebar.getByRole('button', { name: 'Clear filters' }).click();
    await expect(sidebar.locator('.fl-CatalogCount')).not.toHaveText(/^1 result/);
  });

  test('a feature group shows its schema and lineage; lineage edges lead to the sample set and model', async ({
    page
  }) => {
    const sidebar = await openCatalog(page);
    await search(sidebar, 'user_engagement_1d');
    await resultRow(sidebar, 'FeatureGroup:user_engagement_1d').click();
    const group = detailView(page, 'FeatureGroup', 'user_engagement_1d');
    await expect(group.locator('.fl-DetailTitle')).toHaveText('user_engagement_1d');

    // Schema: the features with their Spark types.
    await expect(group.locator('[data-featurelab-field="clicks_1d"] .fl-FieldType')).toHaveText(
      'bigint'
    );
    await expect(group.locator('[data-featurelab-field="ctr_1d"] .fl-FieldType')).toHaveText(
      'double'
    );
    // Source SQL, highlighted by the editor.
    await expect(group.locator('.fl-Source .cm-content')).toContainText('FROM demo.impressions');
    await expect(group.locator('.fl-Source .cm-content span').first()).toBeVisible();

    // Lineage: source table -> this group -> the sample set -> the model.
    const lineage = group.locator('[data-featurelab-lineage]');
    await expect(lineage.locator('[data-featurelab-node="table:demo.impressions"]')).toBeVisible();
    await expect(
      lineage.locator(
        '[data-featurelab-edge="table:demo.impressions->FeatureGroup:user_engagement_1d"]'
      )
    ).toHaveCount(1);
    await expect(
      lineage.locator(
        '[data-featurelab-edge="FeatureGroup:user_engagement_1d->SampleSet:ctr_training"]'
      )
    ).toHaveCount(1);

    // Zoom with the buttons and the wheel; pan by dragging the background.
    const canvas = lineage.locator('svg.fl-LineageCanvas');
    const scale = async () => Number(await canvas.getAttribute('data-featurelab-scale'));
    const fitted = await scale();
    await lineage.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(scale).toBeCloseTo(fitted * 1.25, 2);
    await canvas.hover();
    await page.mouse.wheel(0, 200);
    await expect.poll(scale).toBeCloseTo(fitted, 2);
    const viewport = lineage.locator('.fl-LineageViewport');
    const before = await viewport.getAttribute('transform');
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + 5, box.y + box.height - 5);
    await page.mouse.down();
    await page.mouse.move(box.x + 60, box.y + box.height - 25, { steps: 4 });
    await page.mouse.up();
    expect(await viewport.getAttribute('transform')).not.toBe(before);
    // Fit brings the whole graph back into view.
    await lineage.getByRole('button', { name: 'Fit' }).click();
    await expect.poll(scale).toBeCloseTo(fitted, 2);

    // Follow the edge: click the sample set node.
    await lineage.locator('[data-featurelab-node="SampleSet:ctr_training"]').click();
    const sampleSet = detailView(page, 'SampleSet', 'ctr_training');
    await expect(sampleSet.locator('.fl-DetailTitle')).toHaveText('ctr_training');
    await expect(sampleSet.locator('[data-featurelab-used-by="Model:ctr_ranker"]')).toBeVisible();

    // ...and on with the keyboard: focus the model node, Enter.
    const model = sampleSet.locator('[data-featurelab-node="Model:ctr_ranker"]');
    await model.focus();
    await page.keyboard.press('Enter');
    await expect(detailView(page, 'Model', 'ctr_ranker').locator('.fl-DetailTitle')).toHaveText(
      'ctr_ranker'
    );
  });

  test('markdown descriptions render inert, and hostile names round-trip', async ({ page }) => {
    await openCatalog(page);
    const view = await openEntry(page, 'FeatureGroup', 'hostile_markdown');
    const description = view.locator('[data-featurelab-section="description"] .fl-Markdown');
    await expect(description).toContainText('Hostile');
    await expect(description.locator('strong')).toHaveText('Hostile');
    // The payloads are gone or defused.
    await expect(description.locator('script')).toHaveCount(0);
    await expect(description.locator('[onerror], [onmouseover], [onclick], [onload]')).toHaveCount(
      0
    );
    await expect(description.locator('a[href^="javascript:" i]')).toHaveCount(0);
    // Whatever is left of the links and the div does nothing when used.
    for (const link of await description.locator('a').all()) {
      await link.click({ modifiers: [], force: true }).catch(() => undefined);
    }
    await description.getByText('hover me').hover();
    // The feature's description is plain text in the schema table.
    await expect(view.locator('[data-featurelab-field="visitor_country"]')).toContainText(
      'onerror'
    );
    await expect(view.locator('[data-featurelab-field="visitor_country"] img')).toHaveCount(0);
    expect(await page.evaluate(() => window.__featurelabPwned)).toBeUndefined();

    // The hostile entity name is shown and followed exactly.
    await view.getByRole('button', { name: HOSTILE_ENTITY, exact: true }).click();
    const entity = detailView(page, 'Entity', HOSTILE_ENTITY);
    await expect(entity.locator('.fl-DetailTitle')).toHaveText(HOSTILE_ENTITY);
    await expect(entity.locator('[data-featurelab-field="visitor_id"]')).toBeVisible();
    expect(await page.evaluate(() => window.__featurelabPwned)).toBeUndefined();
  });

  test('a PySpark source is read from its file, relative to the spec, and highlighted', async ({
    page
  }) => {
    await openCatalog(page);
    const view = await openEntry(page, 'FeatureGroup', 'user_spend_pyspark');
    const source = view.locator('.fl-Source[data-featurelab-source="text/x-python"]');
    await expect(source.locator('.cm-content')).toContainText('def build(spark: SparkSession)');
    await expect(
      view.getByRole('button', { name: 'features/sources/user_spend.py' })
    ).toBeVisible();
  });

  test('actions: open the spec file at its line, insert a cell that loads the group', async ({
    page
  }) => {
    await openCatalog(page);
    // Where the service says the spec is declared.
    const response = await page.request.post('/featurelab/api/rpc/catalog.get', {
      data: { args: { kind: 'FeatureGroup', name: 'item_popularity_1d' } }
    });
    expect(response.ok(), `catalog.get: HTTP ${response.status()}`).toBe(true);
    const { sourceFile } = (
      (await response.json()) as {
        result: { sourceFile: { path: string; line: number; column: number } };
      }
    ).result;
    expect(sourceFile.path).toBe('features/feature_groups/items.yaml');
    const lines = (await readFile(page, sourceFile.path)).split('\n');
    expect(lines[sourceFile.line - 1]).toContain('item_popularity_1d');

    const view = await openEntry(page, 'FeatureGroup', 'item_popularity_1d');
    await view.locator('[data-featurelab-action="open-spec"]').click();
    // The editor opened with its cursor on the declaration (the status bar shows where).
    await expect(page.locator('.lm-TabBar-tab.jp-mod-current')).toContainText('items.yaml');
    await expect(page.locator('#jp-main-statusbar')).toContainText(
      `Ln ${sourceFile.line}, Col ${sourceFile.column}`
    );

    // A cell below the active one reads the group, quoted.
    expect(await page.notebook.createNew('catalog-actions.ipynb', { kernel: null })).toBe(
      'catalog-actions.ipynb'
    );
    await page.notebook.setCell(0, 'code', 'first = 1');
    await openEntry(page, 'FeatureGroup', 'item_popularity_1d');
    await view.locator('[data-featurelab-action="insert-cell"]').click();
    await expect.poll(() => page.notebook.getCellCount()).toBe(2);
    expect(await page.notebook.getCellTextInput(1)).toContain(
      'df = spark.table("`item_popularity_1d`")'
    );
  });

  test('the catalog renders in the light and the dark theme', async ({ page }, testInfo) => {
    const sidebar = await openCatalog(page);
    const view = await openEntry(page, 'FeatureGroup', 'user_engagement_1d');
    const colors: Record<string, string> = {};
    for (const theme of ['JupyterLab Light', 'JupyterLab Dark']) {
      await page.theme.setTheme(theme);
      expect(await page.theme.getTheme()).toBe(theme);
      await expect(view.locator('[data-featurelab-node="SampleSet:ctr_training"]')).toBeVisible();
      await expect(sidebar.locator('[role="option"]').first()).toBeVisible();
      // The panel follows the theme's own layout colour.
      const [background, themeColor] = await view.evaluate(node => [
        getComputedStyle(node).backgroundColor,
        getComputedStyle(document.body).getPropertyValue('--jp-layout-color1').trim()
      ]);
      colors[theme] = background;
      expect(themeColor, `${theme} defines --jp-layout-color1`).not.toBe('');
      for (const [name, target] of [
        ['sidebar', sidebar],
        ['detail', view]
      ] as const) {
        await testInfo.attach(`${name} (${theme})`, {
          body: await target.screenshot(),
          contentType: 'image/png'
        });
      }
    }
    expect(colors['JupyterLab Dark']).not.toBe(colors['JupyterLab Light']);
    await page.theme.setTheme('JupyterLab Light');
  });

  test('plan/apply shows the diff field by field, flags destructive changes and applies', async ({
    page
  }, testInfo) => {
    const original = await readFile(page, USER_PROFILE_SPEC);
    try {
      // 1. A destructive change: retyping a feature the ctr_training sample set uses.
      const retyped = original.replace(/(- name: country\n\s+type:) string/, '$1 int');
      expect(retyped, 'the demo spec declares country as a string').not.toBe(original);
      await writeFile(page, USER_PROFILE_SPEC, retyped);
      await page.evaluate(async command => {
        await window.jupyterapp.commands.execute(command, { folder: 'features' });
      }, OPEN_PLAN_APPLY);
      const panel = page.locator('#featurelab-plan-apply');
      const change = panel.locator('[data-featurelab-change="update:FeatureGroup:user_profile"]');
      await expect(change).toBeVisible({ timeout: SERVICE_TIMEOUT });
      await expect(change.locator('[data-featurelab-destructive]')).toBeVisible();
      await expect(panel.locator('[data-featurelab-plan-refused]')).toBeVisible();
      const typeRow = change.locator('tr.fl-mod-destructive');
      await expect(typeRow).toContainText('string');
      await expect(typeRow).toContainText('int');
      const apply = panel.locator('[data-featurelab-action="apply"]');
      await expect(apply).toBeDisabled();
      // Forcing takes the explicit checkbox.
      await panel.getByLabel(/force these destructive changes/).check();
      await expect(apply).toBeEnabled();
      await testInfo.attach('plan with a destructive change', {
        body: await panel.screenshot(),
        contentType: 'image/png'
      });

      // 2. A harmless change: a new description is planned, confirmed and applied.
      // Unique per run, so a retry still has something to apply.
      const note = `reviewed in UI test run ${Date.now()}`;
      const described = original.replace(
        /^description: .*$/m,
        `description: Profile attributes, ${note}.`
      );
      expect(described).not.toBe(original);
      await writeFile(page, USER_PROFILE_SPEC, described);
      await panel.locator('[data-featurelab-action="plan"]').click();
      await expect(change.locator('[data-featurelab-destructive]')).toHaveCount(0);
      const field = change.locator('[data-featurelab-field-change="description"]');
      await expect(field).toContainText(note);
      await expect(apply).toBeEnabled();
      await apply.click();
      const dialog = page.locator('.jp-Dialog');
      await expect(dialog).toContainText('Apply the plan?');
      await dialog.getByRole('button', { name: 'Apply' }).click();
      await expect(panel.locator('.fl-Applied')).toContainText('Applied as registry version');

      // 3. The catalog follows: the group's versions now diff the description.
      const view = await openEntry(page, 'FeatureGroup', 'user_profile');
      // The newest version first; Compare diffs it against the one before.
      const versions = view.locator('[data-featurelab-versions] tbody tr');
      await expect(versions.first()).toContainText('update');
      await view.getByRole('button', { name: 'Compare' }).click();
      await expect(view.locator('[data-featurelab-diff]')).toContainText(note);
    } finally {
      await writeFile(page, USER_PROFILE_SPEC, original);
    }
  });

  test('an apply that lost the race to another apply shows the conflict, then plans again', async ({
    page
  }) => {
    const original = await readFile(page, ENTITIES_SPEC);
    try {
      const note = `race test ${Date.now()}`;
      const changed = original.replace(
        'description: A product of the demo catalog',
        `description: A product (${note}) of the demo catalog`
      );
      expect(changed, 'entities.yaml describes the item entity').not.toBe(original);
      await writeFile(page, ENTITIES_SPEC, changed);
      await page.evaluate(async command => {
        await window.jupyterapp.commands.execute(command, { folder: 'features' });
      }, OPEN_PLAN_APPLY);
      const panel = page.locator('#featurelab-plan-apply');
      const change = panel.locator('[data-featurelab-change="update:Entity:item"]');
      await expect(change).toBeVisible({ timeout: SERVICE_TIMEOUT });
      // The change names its file and line; the link opens the file there.
      await change.locator('button.fl-PlanChangeFile').click();
      await expect(page.locator('.lm-TabBar-tab.jp-mod-current')).toContainText('entities.yaml');
      await page.evaluate(() => window.jupyterapp.shell.activateById('featurelab-plan-apply'));

      // Someone else applies the same folder first.
      const other = await page.request.post('/featurelab/api/rpc/specs.apply', {
        data: { args: { folder: 'features', force: true } }
      });
      expect(other.ok(), `specs.apply: HTTP ${other.status()}`).toBe(true);

      await panel.locator('[data-featurelab-action="apply"]').click();
      await page.locator('.jp-Dialog').getByRole('button', { name: 'Apply' }).click();
      const conflict = panel.locator('[data-featurelab-plan-error="conflict"]');
      await expect(conflict).toContainText('Another apply changed the registry');
      await expect(conflict).toContainText('plan was made against version');
      await conflict.getByRole('button', { name: 'Plan again' }).click();
      await expect(panel.locator('[data-featurelab-plan-summary]')).toBeVisible();
      await expect(change).toHaveCount(0);
    } finally {
      await writeFile(page, ENTITIES_SPEC, original);
    }
  });
});
