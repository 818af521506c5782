/**
 * Smoke test of the test rig itself: Galata + Debian's Chromium + plain JupyterLab.
 * Passes without Featurelab installed, so a failure here points at the browser or the server.
 */
import { expect, test } from '@jupyterlab/galata';

test('JupyterLab starts and shows the launcher', async ({ page }) => {
  await expect(page.locator('#jp-main-dock-panel')).toBeVisible();
  await expect(page.locator('.jp-Launcher')).toBeVisible();
});

test('a Python 3 notebook runs a cell', async ({ page }) => {
  await page.notebook.createNew('smoke.ipynb', { kernel: 'python3' });
  await page.notebook.setCell(0, 'code', 'print(6 * 7)');
  await page.notebook.runCell(0);
  const output = await page.notebook.getCellTextOutput(0);
  expect(output?.join('').trim()).toBe('42');
});
