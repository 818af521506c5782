import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { JobRun } from '@featurelab/core';

/** Progress of a run against Livy, kept in its folder so a restarted service carries on. */
export interface LivyRunState {
  /** Lines of Livy's log already copied into the run's log, per stream. */
  readonly stdoutLines: number;
  readonly stderrLines: number;
  /** spark-statement: the statement once Livy accepted it. */
  readonly statementId?: number;
  /** spark-statement: cancelled before the statement was sent. */
  readonly cancelledBeforeStatement?: boolean;
  /** spark-statement: the job's owner, whose session this is. */
  readonly owner?: string;
  /** Last progress written to the log, 0..1. */
  readonly progress?: number;
}

const STATE_FILE = 'livy.json';
const EMPTY: LivyRunState = { stdoutLines: 0, stderrLines: 0 };

/**
 * The run's folder (`.featurelab/jobs/<run-id>/`, where its log file is): output.log gets
 * Livy's log lines and the service's notes, livy.json the state above.
 */
export class LivyRunFiles {
  readonly dir: string;
  readonly logFile: string;

  constructor(run: JobRun) {
    if (!run.logFile) {
      throw new Error(`run ${run.id} has no log file`);
    }
    this.logFile = run.logFile;
    this.dir = path.dirname(run.logFile);
  }

  ensureDir(): void {
    mkdirSync(this.dir, { recursive: true });
  }

  readState(): LivyRunState {
    try {
      return {
        ...EMPTY,
        ...(JSON.parse(readFileSync(path.join(this.dir, STATE_FILE), 'utf8')) as LivyRunState)
      };
    } catch {
      return EMPTY;
    }
  }

  /** Written whole and renamed into place, so a reader never sees half of it. */
  writeState(state: LivyRunState): void {
    this.ensureDir();
    const file = path.join(this.dir, STATE_FILE);
    writeFileSync(`${file}.tmp`, `${JSON.stringify(state)}\n`);
    renameSync(`${file}.tmp`, file);
  }

  appendLog(lines: readonly string[]): void {
    if (lines.length > 0) {
      this.ensureDir();
      appendFileSync(this.logFile, lines.map(line => `${line}\n`).join(''));
    }
  }

  /** A line from the service itself, marked so it is not mistaken for the job's output. */
  note(message: string): void {
    this.appendLog([`[featurelab] ${message}`]);
  }

  /** Last lines of the run's log, for error summaries. */
  tail(count: number): string[] {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').filter(Boolean).slice(-count);
    } catch {
      return [];
    }
  }
}
