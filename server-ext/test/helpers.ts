import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from '../src/logger.js';
import { MessageReader, encodeMessage } from '../src/jsonrpc/framing.js';

export const BUNDLE = fileURLToPath(new URL('../dist/featurelab.mjs', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A fresh temporary directory, removed by the returned cleanup. */
export function temporaryDirectory(prefix = 'featurelab-test-'): {
  dir: string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A logger that keeps its lines for assertions. */
export function memoryLogger(level: 'debug' | 'info' | 'warn' | 'error' = 'debug'): {
  logger: Logger;
  lines: Record<string, unknown>[];
} {
  const lines: Record<string, unknown>[] = [];
  const logger = new Logger({
    level,
    sink: line => lines.push(JSON.parse(line) as Record<string, unknown>)
  });
  return { logger, lines };
}

export type WireMessage = Record<string, unknown>;

/** The bundled service as a child process, speaking framed JSON-RPC. */
export class ServiceProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stderrLines: string[] = [];
  private readonly reader = new MessageReader();
  private readonly received: WireMessage[] = [];
  private readonly waiters: {
    match: (message: WireMessage) => boolean;
    resolve: (message: WireMessage) => void;
  }[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
    this.child = spawn(process.execPath, [BUNDLE, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env
    });
    this.child.stdout.on('data', (chunk: Buffer) => {
      for (const event of this.reader.push(chunk)) {
        if (event.type === 'error') {
          throw new Error(`service wrote an unframed stdout: ${event.message}`);
        }
        this.deliver(JSON.parse(event.body) as WireMessage);
      }
    });
    let partial = '';
    this.child.stderr.setEncoding('utf8').on('data', (text: string) => {
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      this.stderrLines.push(...lines);
    });
    this.exited = new Promise(resolve =>
      this.child.once('exit', (code, signal) => resolve({ code, signal }))
    );
  }

  static serve(workspace: string, extraArgs: readonly string[] = []): ServiceProcess {
    return new ServiceProcess(['serve', '--stdio', '--workspace', workspace, ...extraArgs]);
  }

  write(bytes: Buffer | string): void {
    this.child.stdin.write(bytes);
  }

  send(message: WireMessage): void {
    this.write(encodeMessage(message));
  }

  /** Send a request with a caller (none when user is null) and wait for its response. */
  request(
    id: number | string,
    method: string,
    args: WireMessage = {},
    user: WireMessage | null = { username: 'ada', displayName: 'Ada' }
  ): Promise<WireMessage> {
    const params = user === null ? { args } : { user, args };
    this.send({ jsonrpc: '2.0', id, method, params });
    return this.next(message => message.id === id);
  }

  /** The first message (already received or future) that matches. */
  next(match: (message: WireMessage) => boolean, timeoutMs = 15_000): Promise<WireMessage> {
    const index = this.received.findIndex(match);
    if (index >= 0) {
      return Promise.resolve(this.received.splice(index, 1)[0]);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no matching message within ${timeoutMs} ms; stderr:\n${this.stderrLines.join('\n')}`
            )
          ),
        timeoutMs
      );
      this.waiters.push({
        match,
        resolve: message => {
          clearTimeout(timer);
          resolve(message);
        }
      });
    });
  }

  async close(): Promise<void> {
    this.child.stdin.end();
    await this.exited;
  }

  private deliver(message: WireMessage): void {
    const index = this.waiters.findIndex(waiter => waiter.match(message));
    if (index >= 0) {
      this.waiters.splice(index, 1)[0].resolve(message);
    } else {
      this.received.push(message);
    }
  }
}

/** Run the bundled CLI to completion. */
export function runBundledCli(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.once('error', reject);
    child.once('close', code => resolve({ code, stdout, stderr }));
  });
}
