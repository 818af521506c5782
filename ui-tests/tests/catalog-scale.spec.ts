/**
 * The catalog browser with 100,000 entries: the listing is served by the page's router
 * (a registry of that size is the bench's job), the search runs in the real worker, and
 * only the rows in view are in the DOM.
 */
import { expect, test } from '@jupyterlab/galata';

const ENTRY_COUNT = 100_000;
const NEEDLE_ID = 'Feature:customer_value.customer_lifetime_value';

/** 1,000 feature groups of 100 features, and one feature to find. */
function listing(): unknown {
  const entries = [];
  for (let index = 0; index < ENTRY_COUNT - 1; index++) {
    const group = `group_${Math.floor(index / 100)}`;
    entries.push({
      id: `Feature:${group}.feature_${index}`,
      kind: 'Feature',
      name: `feature_${index}`,
      featureGroup: group,
      description: `Synthetic feature ${index}`,
      owner: `team_${index % 37}`,
      tags: [`tag_${index % 11}`],
      entities: [`entity_${index % 5}`],
      online: index % 2 === 0,
      type: 'double',
      quality: 'unknown',
      updatedVersion: 1
    });
  }
  entries.push({
    id: NEEDLE_ID,
    kind: 'Feature',
    name: 'customer_lifetime_value',
    featureGroup: 'customer_value',
    description: 'Predicted revenue of a customer over the next year.',
    owner: 'finance-team',
    tags: ['revenue'],
    entities: ['customer'],
    online: true,
    type: 'double',
    quality: 'passing',
    updatedVersion: 1
  });
  return { result: { registryVersion: 1, entries } };
}

test('100,000 entries: a few rows in the DOM, keyboard to the end, typo search', async ({
  page
}) => {
  test.setTimeout(180_000);
  const body = JSON.stringify(listing());
  await page.route('**/featurelab/api/rpc/catalog.list*', route =>
    route.fulfill({ status: 200, contentType: 'application/json', body })
  );
  await expect
    .poll(() =>
      page.evaluate(() => window.jupyterapp.commands.hasCommand('featurelab:open-catalog'))
    )
    .toBe(true);
  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute('featurelab:refresh-catalog');
    await window.jupyterapp.commands.execute('featurelab:open-catalog');
  });
  const sidebar = page.locator('#featurelab-sidebar');
  await expect(sidebar.locator('.fl-CatalogCount')).toHaveText(`${ENTRY_COUNT} results`, {
    timeout: 60_000
  });

  // Virtualized: the listbox knows all rows, the DOM holds only those in view.
  const options = sidebar.locator('[role="option"]');
  await expect(options.first()).toHaveAttribute('aria-setsize', String(ENTRY_COUNT));
  expect(await options.count()).toBeLessThan(60);

  // The keyboard reaches the last row.
  const list = sidebar.locator('[role="listbox"]');
  await list.focus();
  await page.keyboard.press('End');
  const last = sidebar.locator(`[role="option"][aria-posinset="${ENTRY_COUNT}"]`);
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(list).toHaveAttribute(
    'aria-activedescendant',
    `featurelab-catalog-option-${ENTRY_COUNT - 1}`
  );
  expect(await options.count()).toBeLessThan(60);

  // A misspelt query finds the one feature among 100,000.
  await sidebar.locator('.fl-CatalogQuery input').fill('custmer lifetime');
  await expect(options.first().locator('[data-featurelab-catalog-entry]')).toHaveAttribute(
    'data-featurelab-catalog-entry',
    NEEDLE_ID
  );
});
