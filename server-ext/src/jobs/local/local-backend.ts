import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { JobRun, JobRunHandle, JobSpec } from '@featurelab/core';
import type { Logger } from '../../logger.js';
import type { JobBackend, RunProbe } from '../backend.js';
import { JobNotSupportedError } from '../errors.js';
import type { JobRecord } from '../job-store.js';
import { findPrograms, type Programs } from './executables.js';
import { launchArguments } from './launch-command.js';
import { isAlive, processStartTime } from './process-identity.js';
import { COMMAND_FILE, EXIT_FILE, RUNNER_SCRIPT, type RecordedExit } from './runner-script.js';

export interface LocalBackendOptions {
  readonly workspace: string;
  readonly programs: {
    readonly sparkSubmit: string | undefined;
    readonly python: string | undefined;
  };
  /** Master for spark-submit (the service's spark.master; local[*] by default). */
  readonly sparkMaster: string;
  readonly logger: Logger;
  /** Called when a run started by this process exits, so the scheduler looks at once. */
  readonly onExit?: () => void;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs jobs as local process groups (see runner-script.ts). Each run's files live in the
 * folder of its log file, `.featurelab/jobs/<run-id>/`: output.log, exit.json, command.json
 * and, for notebook and inline code, main.py.
 */
export class LocalJobBackend implements JobBackend {
  readonly name = 'local';
  private readonly programs: Programs;
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly options: LocalBackendOptions) {
    this.env = options.env ?? process.env;
    this.programs = findPrograms(options.programs, this.env);
  }

  check(spec: JobSpec): void {
    if (spec.kind === 'spark-statement') {
      throw new JobNotSupportedError('the local backend runs no interactive Spark statements', {
        hint: 'Submit the code as a spark-batch job, or configure the Livy backend.'
      });
    }
    if (spec.code.type === 'git') {
      throw new JobNotSupportedError('code from a git revision is not supported yet', {
        hint: 'Check the revision out in the workspace and submit the file.'
      });
    }
    // Finds the launcher now, so a missing spark-submit fails the submission, not the run.
    launchArguments({
      spec,
      name: 'check',
      script: 'check.py',
      programs: this.programs,
      sparkMaster: 'local'
    });
  }

  start(job: JobRecord, run: JobRun): Promise<JobRunHandle> {
    const runDir = runDirectory(run);
    mkdirSync(runDir, { recursive: true });
    const argv = launchArguments({
      spec: job.spec,
      name: job.name,
      script: this.scriptOf(job, runDir),
      programs: this.programs,
      sparkMaster: this.options.sparkMaster
    });
    // For people reading the run folder; the runner does not read it.
    writeFileSync(
      path.join(runDir, COMMAND_FILE),
      `${JSON.stringify({ argv, cwd: this.options.workspace }, null, 2)}\n`
    );
    const child = spawn(process.execPath, ['-e', RUNNER_SCRIPT, '--', runDir, ...argv], {
      cwd: this.options.workspace,
      env: this.jobEnvironment(job, run),
      // Its own process group (and session): cancel signals the group, and stopping the
      // service, or its supervisor killing the service's group, leaves the run alone.
      detached: true,
      stdio: 'ignore'
    });
    const pid = child.pid;
    if (pid === undefined) {
      return Promise.reject(new Error(`could not start the job runner (${process.execPath})`));
    }
    child.once('exit', () => this.options.onExit?.());
    child.unref();
    // Read at once: the runner lives at least as long as the program it starts.
    const startTime = processStartTime(pid) ?? '';
    this.options.logger.info('local run started', { runId: run.id, pid, argv });
    return Promise.resolve({ backend: 'local', pid, startTime });
  }

  probe(run: JobRun): Promise<RunProbe> {
    const handle = run.handle?.backend === 'local' ? run.handle : undefined;
    if (handle && isAlive(handle.pid, handle.startTime)) {
      return Promise.resolve({ status: 'running' });
    }
    // Checked after liveness: the runner writes exit.json before it exits.
    const recorded = readRecordedExit(runDirectory(run));
    if (recorded) {
      return Promise.resolve({
        status: 'exited',
        exitCode: recorded.exitCode,
        signal: recorded.signal,
        endedAt: recorded.endedAt,
        ...(recorded.error === undefined ? {} : { error: recorded.error })
      });
    }
    return Promise.resolve({
      status: 'gone',
      reason: handle
        ? `process group ${handle.pid} ended without recording an exit status (killed with SIGKILL?)`
        : 'the service stopped while starting this run, and no process of it was found'
    });
  }

  cancel(run: JobRun, force: boolean): Promise<void> {
    const handle = run.handle?.backend === 'local' ? run.handle : undefined;
    // The identity check keeps a reused pid (an unrelated process) from being signalled.
    if (handle && isAlive(handle.pid, handle.startTime)) {
      try {
        process.kill(-handle.pid, force ? 'SIGKILL' : 'SIGTERM');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') {
          throw error;
        }
      }
    }
    return Promise.resolve();
  }

  private scriptOf(job: JobRecord, runDir: string): string {
    const code = job.spec.code;
    if (code.type === 'file') {
      return path.resolve(this.options.workspace, code.path);
    }
    const script = path.join(runDir, 'main.py');
    writeFileSync(script, job.codeSnapshot ?? '');
    return script;
  }

  private jobEnvironment(job: JobRecord, run: JobRun): NodeJS.ProcessEnv {
    return {
      ...this.env,
      FEATURELAB_WORKSPACE: this.options.workspace,
      FEATURELAB_JOB_ID: job.id,
      FEATURELAB_RUN_ID: run.id,
      FEATURELAB_JOB_PARAMETERS: JSON.stringify(job.spec.parameters ?? {}),
      // Output reaches the log as it is printed, so following it shows progress.
      PYTHONUNBUFFERED: '1',
      ...(this.env.PYSPARK_PYTHON || !this.programs.python
        ? {}
        : { PYSPARK_PYTHON: this.programs.python })
    };
  }
}

/** The run's folder: where its log file is. */
export function runDirectory(run: JobRun): string {
  if (!run.logFile) {
    throw new Error(`run ${run.id} has no log file`);
  }
  return path.dirname(run.logFile);
}

function readRecordedExit(runDir: string): RecordedExit | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(runDir, EXIT_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as RecordedExit;
  } catch {
    // Written to a temporary file and renamed, so never half-written; unreadable means damaged.
    return undefined;
  }
}
