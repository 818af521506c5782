/**
 * The shared fixture of a benchmark run: one Chromium, and two JupyterLab servers from the same
 * venv, "with" Featurelab as installed and "without" it. The "without" server does not discover
 * the Featurelab labextension at all and has the server extension disabled; both are verified.
 */
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.ts';
import {
  FEATURELAB_LABEXTENSION,
  FEATURELAB_SERVER_EXTENSION,
  type Machine,
  machine,
  type PythonSide,
  probePython,
  type Versions
} from './environment.ts';
import { LabServer } from './jupyter.ts';

export interface RunOptions {
  trials: number;
  warmup: number;
  resultsDir: string;
}

export interface Setup {
  browser: Browser;
  machine: Machine;
  python: PythonSide;
  versions: Versions;
  featurelabInstalled: boolean;
  servers: { with: LabServer; without: LabServer };
  options: RunOptions;
  /** Facts established while setting up, copied into every result. */
  notes: string[];
}

/** Path prefix under which JupyterLab serves Featurelab's prebuilt JS. */
export const FEATURELAB_URL_PREFIX = `/lab/extensions/${FEATURELAB_LABEXTENSION}/`;

async function verifyVariants(servers: Setup['servers'], installed: boolean, notes: string[]): Promise<void> {
  const [withConfig, withoutConfig] = await Promise.all([servers.with.pageConfig(), servers.without.pageConfig()]);
  const names = (config: { federated_extensions?: { name: string }[] }): string[] =>
    (config.federated_extensions ?? []).map(extension => extension.name);

  if (names(withoutConfig).includes(FEATURELAB_LABEXTENSION)) {
    throw new Error(`"without" server still lists ${FEATURELAB_LABEXTENSION} among its federated extensions`);
  }
  const withoutApi = await servers.without.get('/featurelab/api/version');
  if (withoutApi.status !== 404) {
    throw new Error(`"without" server answers /featurelab/api/version with HTTP ${withoutApi.status}; the server extension is still loaded`);
  }
  // page_config.json disabledExtensions alone is not enough: JupyterLab 4 still fetches and
  // evaluates a disabled federated extension's remoteEntry and plugin chunk (it only skips its
  // style and activation), so the "without" server gets a labextensions_path without it.
  notes.push(`"without": ${FEATURELAB_LABEXTENSION} not discovered (own labextensions_path without it), ${FEATURELAB_SERVER_EXTENSION} disabled (/featurelab/api/version -> 404)`);

  const withNames = names(withConfig);
  if (installed) {
    if (!withNames.includes(FEATURELAB_LABEXTENSION)) {
      throw new Error(`"with" server does not list ${FEATURELAB_LABEXTENSION}; is it installed in this venv?`);
    }
    const withApi = await servers.with.get('/featurelab/api/version');
    if (withApi.status !== 200) {
      throw new Error(`"with" server answers /featurelab/api/version with HTTP ${withApi.status}; is ${FEATURELAB_SERVER_EXTENSION} enabled?`);
    }
    notes.push(`"with": ${FEATURELAB_LABEXTENSION} discovered and /featurelab/api/version -> 200`);
  } else {
    notes.push('Featurelab is not installed in this venv: both variants are plain JupyterLab');
  }
  const others = (list: string[]): string => list.filter(name => name !== FEATURELAB_LABEXTENSION).sort().join(',');
  if (others(withNames) !== others(names(withoutConfig))) {
    throw new Error(`the variants differ in other labextensions: with=[${others(withNames)}] without=[${others(names(withoutConfig))}]`);
  }
}

export async function createSetup(options: RunOptions): Promise<Setup> {
  const python = await probePython();
  const featurelabInstalled = python.featurelabLabextensionDir !== null;
  const notes: string[] = [];
  const [withServer, withoutServer] = await Promise.all([
    LabServer.start({ name: 'with' }),
    LabServer.start({
      name: 'without',
      hiddenLabextensions: [FEATURELAB_LABEXTENSION],
      labextensionsPath: python.labextensionsPath,
      disabledServerExtensions: [FEATURELAB_SERVER_EXTENSION]
    })
  ]);
  const servers = { with: withServer, without: withoutServer };
  let browser: Browser | undefined;
  try {
    await verifyVariants(servers, featurelabInstalled, notes);
    browser = await launchChromium();
  } catch (error) {
    await Promise.all([withServer.stop(), withoutServer.stop()]);
    throw error;
  }
  const playwright = (await import('playwright-core/package.json', { with: { type: 'json' } })).default as { version: string };
  return {
    browser,
    machine: machine(),
    python,
    versions: {
      node: process.version,
      python: python.python,
      jupyterlab: python.jupyterlab,
      jupyterServer: python.jupyterServer,
      chromium: browser.version(),
      playwright: playwright.version,
      featurelab: python.featurelab
    },
    featurelabInstalled,
    servers,
    options,
    notes
  };
}

export async function disposeSetup(setup: Setup, keepServerDirs: boolean): Promise<void> {
  await setup.browser.close();
  await Promise.all([setup.servers.with.stop(), setup.servers.without.stop()]);
  if (!keepServerDirs) {
    await Promise.all([setup.servers.with.remove(), setup.servers.without.remove()]);
  }
}

/** Trial order that alternates which variant goes first (ABBA...), against drift and order effects. */
export function interleaved<T>(first: T, second: T, trial: number): [T, T] {
  return trial % 2 === 0 ? [first, second] : [second, first];
}
