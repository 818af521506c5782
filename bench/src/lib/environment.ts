/** What a result was measured on: the machine and the versions of everything involved. */
import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  platform: string;
  release: string;
  arch: string;
}

export interface PythonSide {
  python: string;
  jupyterlab: string;
  jupyterServer: string;
  /** Version of the jupyterlab-featurelab distribution, or null when it is not installed. */
  featurelab: string | null;
  /** Directories JupyterLab searches for prebuilt labextensions, in priority order. */
  labextensionsPath: string[];
  /** The installed Featurelab labextension directory, or null. */
  featurelabLabextensionDir: string | null;
}

export interface Versions {
  node: string;
  python: string;
  jupyterlab: string;
  jupyterServer: string;
  chromium: string;
  playwright: string;
  featurelab: string | null;
}

export const FEATURELAB_LABEXTENSION = 'jupyterlab-featurelab';
export const FEATURELAB_SERVER_EXTENSION = 'jupyterlab_featurelab';

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    platform: os.platform(),
    release: os.release(),
    arch: os.arch()
  };
}

const PYTHON_PROBE = `
import json, os, platform
from importlib import metadata
from jupyter_core.paths import jupyter_path

def version(dist):
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None

paths = jupyter_path("labextensions")
found = [os.path.join(p, "${FEATURELAB_LABEXTENSION}") for p in paths]
found = [p for p in found if os.path.isfile(os.path.join(p, "package.json"))]
print(json.dumps({
    "python": platform.python_version(),
    "jupyterlab": version("jupyterlab"),
    "jupyterServer": version("jupyter_server"),
    "featurelab": version("jupyterlab-featurelab"),
    "labextensionsPath": paths,
    "featurelabLabextensionDir": found[0] if found else None,
}))
`;

/** Asks the venv's Python (first `python` on PATH) about JupyterLab and Featurelab. */
export async function probePython(python = 'python'): Promise<PythonSide> {
  const { stdout } = await run(python, ['-c', PYTHON_PROBE], { encoding: 'utf8' });
  const side = JSON.parse(stdout) as PythonSide;
  if (!side.jupyterlab) {
    throw new Error(`jupyterlab is not installed for ${python}; source scripts/env.sh first`);
  }
  return side;
}
