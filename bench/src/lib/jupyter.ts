/**
 * A throw-away `jupyter lab` server on 127.0.0.1 for benchmarks: own config, runtime, workspace
 * and root directories under a temporary folder, a random token, stopped with its process group.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';

export interface LabServerOptions {
  /** Label used in directory names and messages. */
  name: string;
  /** Labextension names this server must not discover at all (neither load nor evaluate). */
  hiddenLabextensions?: readonly string[];
  /** Labextensions search path to shadow when hiding (from the Python probe). */
  labextensionsPath?: readonly string[];
  /** Server extensions to disable through this server's own JUPYTER_CONFIG_DIR. */
  disabledServerExtensions?: readonly string[];
  /** Labextensions (or plugin ids) listed in page_config.json `disabledExtensions`. */
  disabledLabextensions?: readonly string[];
  startTimeoutMs?: number;
}

/** Page config as JupyterLab embeds it in /lab (the parts we check). */
export interface PageConfig {
  federated_extensions?: { name: string }[];
  disabledExtensions?: string[];
  appVersion?: string;
}

/** This server's own jupyter_server_config.json (highest priority: its JUPYTER_CONFIG_DIR). */
interface ServerConfigFile {
  ServerApp: { jpserver_extensions: Record<string, boolean> };
  LabApp?: { labextensions_path: string[] };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') {
    throw new Error('could not get a free port on 127.0.0.1');
  }
  return address.port;
}

async function sleep(ms: number): Promise<void> {
  await new Promise(resolve => setTimeout(resolve, ms));
}

/**
 * Builds a labextensions directory holding every extension of `searchPath` except `hidden`
 * (first match wins, as in JupyterLab). Copies, so the server needs no symlink following.
 */
async function shadowLabextensions(target: string, searchPath: readonly string[], hidden: readonly string[]): Promise<void> {
  await mkdir(target, { recursive: true });
  const seen = new Set<string>(hidden);
  for (const dir of searchPath) {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isDirectory()) {
        continue;
      }
      const scoped = entry.name.startsWith('@');
      const names = scoped
        ? (await readdir(path.join(dir, entry.name))).map(child => `${entry.name}/${child}`)
        : [entry.name];
      for (const name of names) {
        if (seen.has(name)) {
          continue;
        }
        seen.add(name);
        await cp(path.join(dir, name), path.join(target, name), { recursive: true });
      }
    }
  }
}

export class LabServer {
  readonly name: string;
  readonly port: number;
  readonly token: string;
  readonly baseUrl: string;
  readonly dir: string;
  readonly logFile: string;
  private readonly child: ChildProcess;
  private exited = false;

  private constructor(name: string, port: number, token: string, dir: string, logFile: string, child: ChildProcess) {
    this.name = name;
    this.port = port;
    this.token = token;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.dir = dir;
    this.logFile = logFile;
    this.child = child;
    child.once('exit', () => {
      this.exited = true;
    });
  }

  static async start(options: LabServerOptions): Promise<LabServer> {
    const dir = await mkdtemp(path.join(os.tmpdir(), `featurelab-bench-${options.name}-`));
    const configDir = path.join(dir, 'config');
    const dirs = {
      config: configDir,
      runtime: path.join(dir, 'runtime'),
      workspaces: path.join(dir, 'workspaces'),
      root: path.join(dir, 'root'),
      labconfig: path.join(configDir, 'labconfig')
    };
    await Promise.all(Object.values(dirs).map(d => mkdir(d, { recursive: true })));

    const serverConfig: ServerConfigFile = {
      ServerApp: {
        jpserver_extensions: Object.fromEntries((options.disabledServerExtensions ?? []).map(name => [name, false]))
      }
    };
    if (options.hiddenLabextensions && options.hiddenLabextensions.length > 0) {
      const shadow = path.join(dir, 'labextensions');
      await shadowLabextensions(shadow, options.labextensionsPath ?? [], options.hiddenLabextensions);
      serverConfig.LabApp = { labextensions_path: [shadow] };
    }
    await writeFile(path.join(configDir, 'jupyter_server_config.json'), JSON.stringify(serverConfig, null, 2));
    await writeFile(
      path.join(dirs.labconfig, 'page_config.json'),
      JSON.stringify({ disabledExtensions: Object.fromEntries((options.disabledLabextensions ?? []).map(n => [n, true])) }, null, 2)
    );

    const port = await freePort();
    const token = randomBytes(24).toString('hex');
    const args = [
      'lab',
      '--no-browser',
      '--ServerApp.ip=127.0.0.1',
      `--ServerApp.port=${port}`,
      '--ServerApp.port_retries=0',
      `--ServerApp.root_dir=${dirs.root}`,
      `--IdentityProvider.token=${token}`,
      `--LabApp.workspaces_dir=${dirs.workspaces}`,
      '--LabApp.expose_app_in_browser=True',
      '--LabApp.news_url=',
      '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate'
    ];
    if (process.getuid?.() === 0) {
      args.push('--ServerApp.allow_root=True');
    }

    const logFile = path.join(dir, 'server.log');
    const log = createWriteStream(logFile);
    const child = spawn('jupyter', args, {
      cwd: dirs.root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        JUPYTER_CONFIG_DIR: dirs.config,
        JUPYTER_RUNTIME_DIR: dirs.runtime,
        JUPYTER_PLATFORM_DIRS: '1'
      }
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const server = new LabServer(options.name, port, token, dir, logFile, child);
    if (child.pid !== undefined) {
      liveServers.set(server, child.pid);
    }
    try {
      await server.waitUntilUp(options.startTimeoutMs ?? 60_000);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  /** URL of a page or API path with the token, so a fresh browser context is logged in. */
  url(pathname: string): string {
    const url = new URL(pathname, this.baseUrl);
    url.searchParams.set('token', this.token);
    return url.toString();
  }

  async get(pathname: string): Promise<Response> {
    return fetch(new URL(pathname, this.baseUrl), { headers: { Authorization: `token ${this.token}` } });
  }

  async pageConfig(): Promise<PageConfig> {
    const response = await this.get('/lab');
    const html = await response.text();
    const match = /<script id="jupyter-config-data" type="application\/json">([\s\S]*?)<\/script>/.exec(html);
    if (!match) {
      throw new Error(`${this.name}: no jupyter-config-data in /lab (HTTP ${response.status})`);
    }
    return JSON.parse(match[1]) as PageConfig;
  }

  private async waitUntilUp(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) {
        throw new Error(`${this.name}: jupyter lab exited during start; see ${this.logFile}`);
      }
      const ok = await this.get('/api/status')
        .then(response => response.ok)
        .catch(() => false);
      if (ok) {
        return;
      }
      await sleep(200);
    }
    throw new Error(`${this.name}: jupyter lab did not answer on ${this.baseUrl} within ${timeoutMs} ms; see ${this.logFile}`);
  }

  async stop(): Promise<void> {
    liveServers.delete(this);
    if (!this.exited && this.child.pid !== undefined) {
      signalGroup(this.child.pid, 'SIGTERM');
      const exited = once(this.child, 'exit').then(() => true);
      if (!(await Promise.race([exited, sleep(10_000).then(() => false)]))) {
        signalGroup(this.child.pid, 'SIGKILL');
        await exited;
      }
    }
  }

  /** Removes the temporary folder (config, runtime, log). */
  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Process groups of servers still running, killed if the harness exits abruptly. */
const liveServers = new Map<LabServer, number>();
process.once('exit', () => {
  for (const pid of liveServers.values()) {
    signalGroup(pid, 'SIGKILL');
  }
});
