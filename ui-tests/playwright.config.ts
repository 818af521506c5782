/**
 * Playwright configuration for Featurelab's Galata tests.
 *
 * Extends JupyterLab's Galata defaults, drives Debian's Chromium (never a Playwright download)
 * and starts its own `jupyter lab` bound to 127.0.0.1 with `jupyter_server_test_config.py`.
 *
 * Environment:
 * - CHROMIUM_BIN: the browser binary (default /usr/bin/chromium).
 * - FEATURELAB_UI_PORT: the server port (default 8898; scripts/test-ui.sh picks a free one).
 * - FEATURELAB_UI_WORKSPACE: the server's root_dir (the demo workspace; see scripts/test-ui.sh).
 * - CI: when set, never reuse a server that is already listening on the port.
 */
import type { PlaywrightTestConfig } from '@playwright/test';
import galataConfig from '@jupyterlab/galata/lib/playwright-config';

const base = galataConfig as PlaywrightTestConfig;

const host = '127.0.0.1';
const port = Number.parseInt(process.env.FEATURELAB_UI_PORT ?? '8898', 10);
const baseURL = `http://${host}:${port}`;
// Galata's fixtures also read TARGET_URL; keep both in agreement (workers inherit this).
process.env.TARGET_URL = baseURL;
process.env.FEATURELAB_UI_PORT = String(port);

/** Flags for a root user on a closed network: no sandbox, no GPU, nothing phoning home. */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic'
];

const config: PlaywrightTestConfig = {
  ...base,
  testDir: './tests',
  // One JupyterLab server and one Spark-backed kernel per test: run tests one at a time.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  // A first SparkSession in a fresh kernel takes tens of seconds on a small machine.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [[process.env.CI ? 'line' : 'list'], ['html', { open: 'never' }]],
  use: {
    ...base.use,
    baseURL,
    browserName: 'chromium',
    // Galata records video on failure, which needs Playwright's downloaded ffmpeg; we never
    // download Playwright binaries, so keep traces and screenshots (no ffmpeg needed) instead.
    video: 'off',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
      args: [...chromiumArgs]
    }
  },
  webServer: {
    command: 'jupyter lab --config jupyter_server_test_config.py',
    url: `${baseURL}/lab`,
    timeout: 120_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'pipe',
    stderr: 'pipe'
  }
};

export default config;
