import { spawn } from 'node:child_process';

/** How a child process ended. */
export type ProcessOutcome =
  | {
      readonly kind: 'exited';
      readonly code: number | null;
      readonly signal: NodeJS.Signals | null;
      readonly stdout: string;
      readonly stderr: string;
    }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'timed-out'; readonly timeoutMs: number }
  | { readonly kind: 'failed'; readonly message: string };

export interface RunProcessOptions {
  readonly timeoutMs: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** Output kept per stream; version probes print a few lines. */
const MAX_OUTPUT_CHARS = 64 * 1024;

/**
 * Run a program with an argument array (never through a shell) and collect its output, killing
 * it after timeoutMs.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: RunProcessOptions
): Promise<ProcessOutcome> {
  return new Promise(resolve => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const settle = (outcome: ProcessOutcome): void => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      }
    };
    const child = spawn(command, args, {
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: options.env ?? process.env,
      windowsHide: true
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout = (stdout + text).slice(0, MAX_OUTPUT_CHARS);
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr = (stderr + text).slice(0, MAX_OUTPUT_CHARS);
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      settle(
        error.code === 'ENOENT' ? { kind: 'not-found' } : { kind: 'failed', message: error.message }
      );
    });
    child.once('close', (code, signal) => {
      settle(
        timedOut
          ? { kind: 'timed-out', timeoutMs: options.timeoutMs }
          : { kind: 'exited', code, signal, stdout, stderr }
      );
    });
  });
}
