/**
 * extension-payload: gzipped bytes of Featurelab's JS loaded at JupyterLab startup, against the
 * gzipped bytes of JupyterLab's own JS loaded at the same startup (the anchor). Lists the
 * chunks Featurelab loads lazily (after startup, or never during this benchmark) separately.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page, Response } from 'playwright-core';
import { freshContext, loadLab } from '../lib/browser.ts';
import { type BenchResult, variant } from '../lib/results.ts';
import { FEATURELAB_URL_PREFIX, interleaved, type Setup } from '../lib/setup.ts';
import { median } from '../lib/stats.ts';

/** zlib's default level, what a typical server or proxy applies. */
const GZIP_LEVEL = 6;
const OPEN_SIDEBAR = 'featurelab:open-sidebar';

type VariantName = 'with' | 'without';

interface ScriptFile {
  /** Path of the URL, e.g. /lab/extensions/jupyterlab-featurelab/static/remoteEntry.abc.js */
  path: string;
  bytes: number;
  gzipBytes: number;
  /** ms since navigation start at which the request was sent. */
  requestedAt: number;
}

interface Load {
  trial: number;
  variant: VariantName;
  readyAt: number;
  startup: ScriptFile[];
  afterStartup: ScriptFile[];
}

interface LazyChunk {
  file: string;
  gzipBytes: number;
  /** When it was seen loading in the first "with" trial: after startup (idle or sidebar opened), or never. */
  loaded: 'after-startup' | 'not-during-benchmark';
}

export interface PayloadDetails {
  gzipLevel: number;
  startupDefinition: string;
  featurelabStartupFiles: ScriptFile[];
  lazyChunks: LazyChunk[];
  /** Total startup JS: with Featurelab vs the "without" server; the delta is Featurelab's full cost. */
  totals: { withGzipBytes: number; withoutGzipBytes: number; deltaGzipBytes: number };
  loads: {
    trial: number;
    variant: VariantName;
    readyAt: number;
    startupFiles: number;
    startupGzipBytes: number;
  }[];
}

function isFeaturelab(file: ScriptFile): boolean {
  return file.path.startsWith(FEATURELAB_URL_PREFIX);
}

function sum(files: readonly ScriptFile[]): number {
  return files.reduce((total, file) => total + file.gzipBytes, 0);
}

async function scriptFile(response: Response, timeOrigin: number): Promise<ScriptFile | null> {
  const request = response.request();
  const pathname = new URL(response.url()).pathname;
  if (
    response.status() !== 200 ||
    !(request.resourceType() === 'script' || pathname.endsWith('.js'))
  ) {
    return null;
  }
  const body = await response.body();
  return {
    path: pathname,
    bytes: body.byteLength,
    gzipBytes: gzipSync(body, { level: GZIP_LEVEL }).byteLength,
    requestedAt: request.timing().startTime - timeOrigin
  };
}

/** Runs a command if the app has it; true when it ran. */
async function runCommandIfPresent(page: Page, id: string): Promise<boolean> {
  return page.evaluate(async command => {
    const app = (
      window as unknown as {
        jupyterapp?: {
          commands: { hasCommand(c: string): boolean; execute(c: string): Promise<unknown> };
        };
      }
    ).jupyterapp;
    if (!app?.commands.hasCommand(command)) {
      return false;
    }
    await app.commands.execute(command);
    return true;
  }, id);
}

async function load(setup: Setup, name: VariantName, trial: number): Promise<Load> {
  const context = await freshContext(setup.browser);
  try {
    const page = await context.newPage();
    const responses: Response[] = [];
    page.on('response', response => {
      responses.push(response);
    });
    const marks = await loadLab(page, setup.servers[name].url('/lab'));
    const timeOrigin = await page.evaluate(() => performance.timeOrigin);
    // Let deferred work settle, then trigger Featurelab's own lazy loading.
    await page.waitForLoadState('networkidle');
    if (await runCommandIfPresent(page, OPEN_SIDEBAR)) {
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
    }
    const files = (
      await Promise.all(responses.map(response => scriptFile(response, timeOrigin)))
    ).filter((file): file is ScriptFile => file !== null);
    return {
      trial,
      variant: name,
      readyAt: marks.readyAt,
      startup: files.filter(file => file.requestedAt <= marks.readyAt),
      afterStartup: files.filter(file => file.requestedAt > marks.readyAt)
    };
  } finally {
    await context.close();
  }
}

/** Featurelab JS files on disk (the installed labextension's static/), gzipped. */
async function installedChunks(dir: string | null): Promise<Map<string, number>> {
  const chunks = new Map<string, number>();
  if (dir === null) {
    return chunks;
  }
  const staticDir = path.join(dir, 'static');
  for (const entry of await readdir(staticDir).catch(() => [])) {
    if (entry.endsWith('.js')) {
      chunks.set(
        `${FEATURELAB_URL_PREFIX}static/${entry}`,
        gzipSync(await readFile(path.join(staticDir, entry)), { level: GZIP_LEVEL }).byteLength
      );
    }
  }
  return chunks;
}

export async function extensionPayload(setup: Setup): Promise<BenchResult<PayloadDetails>> {
  const { trials } = setup.options;
  const loads: Load[] = [];
  for (let index = 0; index < trials; index += 1) {
    for (const name of interleaved<VariantName>('with', 'without', index)) {
      loads.push(await load(setup, name, index));
    }
  }
  const withLoads = loads.filter(entry => entry.variant === 'with');
  const withoutLoads = loads.filter(entry => entry.variant === 'without');
  const featurelabSamples = withLoads.map(entry => sum(entry.startup.filter(isFeaturelab)));
  const anchorSamples = withLoads.map(entry =>
    sum(entry.startup.filter(file => !isFeaturelab(file)))
  );
  const ratio = median(featurelabSamples) / median(anchorSamples);

  const first = withLoads[0];
  const startupPaths = new Set(first.startup.map(file => file.path));
  const afterPaths = new Set(first.afterStartup.map(file => file.path));
  const lazyChunks: LazyChunk[] = [
    ...(await installedChunks(setup.python.featurelabLabextensionDir)).entries()
  ]
    .filter(([file]) => !startupPaths.has(file))
    .map(([file, gzipBytes]) => ({
      file,
      gzipBytes,
      loaded: afterPaths.has(file) ? 'after-startup' : 'not-during-benchmark'
    }));
  // Chunks served from elsewhere (not in static/) but requested under the prefix after startup.
  for (const file of first.afterStartup.filter(isFeaturelab)) {
    if (!lazyChunks.some(chunk => chunk.file === file.path)) {
      lazyChunks.push({ file: file.path, gzipBytes: file.gzipBytes, loaded: 'after-startup' });
    }
  }

  const withTotal = median(withLoads.map(entry => sum(entry.startup)));
  const withoutTotal = median(withoutLoads.map(entry => sum(entry.startup)));
  const notes = [...setup.notes];
  if (!setup.featurelabInstalled) {
    notes.push('no Featurelab JS to measure: the featurelab variant is 0 bytes');
  }
  if (withTotal !== withoutTotal && median(featurelabSamples) === 0) {
    notes.push(
      'startup JS differs between the variants although no Featurelab file loaded; see details.loads'
    );
  }
  if (new Set(featurelabSamples).size > 1 || new Set(anchorSamples).size > 1) {
    notes.push(
      'startup JS differed between trials (a race in what loads before restored); see details.loads'
    );
  }
  return {
    name: 'extension-payload',
    description:
      "gzipped bytes of Featurelab's JS loaded at startup vs JupyterLab's own JS loaded at the same startup",
    createdAt: new Date().toISOString(),
    machine: setup.machine,
    versions: setup.versions,
    featurelabInstalled: setup.featurelabInstalled,
    trials,
    warmup: 0,
    ratioDefinition:
      'median(featurelab startup JS, gzip) / median(JupyterLab startup JS without Featurelab files, gzip), same page loads',
    ratio,
    goal: null,
    goalMet: null,
    variants: {
      featurelab: variant(
        `JS under ${FEATURELAB_URL_PREFIX} requested before ready`,
        'gzip bytes',
        featurelabSamples
      ),
      jupyterlab: variant(
        'all other JS requested before ready (the anchor)',
        'gzip bytes',
        anchorSamples
      )
    },
    details: {
      gzipLevel: GZIP_LEVEL,
      startupDefinition:
        'requests sent before readyAt (app.restored and launcher visible); each body gzipped on its own',
      featurelabStartupFiles: first.startup.filter(isFeaturelab),
      lazyChunks,
      totals: {
        withGzipBytes: withTotal,
        withoutGzipBytes: withoutTotal,
        deltaGzipBytes: withTotal - withoutTotal
      },
      loads: loads.map(entry => ({
        trial: entry.trial,
        variant: entry.variant,
        readyAt: entry.readyAt,
        startupFiles: entry.startup.length,
        startupGzipBytes: sum(entry.startup)
      }))
    },
    notes
  };
}
