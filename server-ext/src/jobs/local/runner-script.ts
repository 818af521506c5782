/**
 * The program that stands between the service and a local job: `node -e RUNNER_SCRIPT --
 * RUN_DIR PROGRAM ARG...`. It is spawned detached, so it leads its own process group, starts
 * the job's program in that group with its output appended to RUN_DIR/output.log, and records
 * how the program ended in RUN_DIR/exit.json. That file is what lets a service that restarted
 * (or a CLI run later) finish the run correctly: the exit status of a process that is not
 * one's child cannot be read any other way.
 *
 * Cancelling signals the whole group. The runner ignores SIGTERM/SIGINT/SIGHUP so that it
 * outlives the program and records the signal that ended it; SIGKILL ends both, and then the
 * missing exit.json tells that the run was killed.
 *
 * Plain CommonJS for `node -e`, in a string so the bundler leaves it as written. The program
 * and its arguments arrive as an argument array and reach spawn unchanged: no shell anywhere.
 */
export const RUNNER_SCRIPT = `'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const [runDir, program, ...args] = process.argv.slice(1);
const log = fs.openSync(path.join(runDir, 'output.log'), 'a');
let recorded = false;
function record(status) {
  if (recorded) return;
  recorded = true;
  const file = path.join(runDir, 'exit.json');
  fs.writeFileSync(file + '.tmp', JSON.stringify({ ...status, endedAt: new Date().toISOString() }));
  fs.renameSync(file + '.tmp', file);
}
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => {});
const child = spawn(program, args, { stdio: ['ignore', log, log] });
child.on('error', error => {
  fs.writeSync(log, 'featurelab: cannot start ' + program + ': ' + error.message + '\\n');
  record({ exitCode: 127, signal: null, error: error.message });
  process.exit(127);
});
child.on('exit', (code, signal) => {
  record({ exitCode: code, signal });
  process.exit(code === null ? 1 : code);
});
`;

/** What RUN_DIR/exit.json holds. */
export interface RecordedExit {
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly endedAt: string;
  /** Set when the program could not be started at all. */
  readonly error?: string;
}

export const EXIT_FILE = 'exit.json';
export const LOG_FILE = 'output.log';
export const COMMAND_FILE = 'command.json';
