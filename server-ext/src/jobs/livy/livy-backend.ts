import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { JobRun, JobRunHandle, JobSpec, LivyRunHandle } from '@featurelab/core';
import type { Logger } from '../../logger.js';
import type { JobBackend, RunProbe } from '../backend.js';
import { JobNotSupportedError } from '../errors.js';
import type { JobRecord } from '../job-store.js';
import {
  LivyClient,
  type CreateBatchRequest,
  type LivyBatch,
  type LivyLogPage,
  type LivyState,
  type LivyStatement
} from './livy-client.js';
import { LivyUnreachableError } from './livy-errors.js';
import { LivyRunFiles, type LivyRunState } from './livy-run-files.js';
import { isLive, LivySessions } from './livy-sessions.js';
import { stringsOnly, type ResolvedLivySettings } from './livy-settings.js';

export interface LivyBackendOptions {
  readonly settings: ResolvedLivySettings;
  readonly workspace: string;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** Livy's log lists stdout, then this marker, then stderr. */
const STDOUT_HEADER = 'stdout: ';
const STDERR_MARKER = '\nstderr: ';
const LOG_PAGE = 1000;
/** One listing of Livy's batches serves the probes of one scheduler pass. */
const LISTING_MAX_AGE_MS = 250;
/** A spark-statement run's code, in its folder until the session is ready for it. */
const STATEMENT_FILE = 'statement.py';

const FINISHED_OK: ReadonlySet<LivyState> = new Set(['success']);
const FINISHED_BAD: ReadonlySet<LivyState> = new Set(['dead', 'killed', 'error']);

/**
 * Runs jobs on Apache Livy. spark-batch jobs become Livy batches (POST /batches with the
 * code's file and the parameters as an argument array); spark-statement jobs become
 * statements in the owner's interactive session (see LivySessions). The owner is Livy's
 * proxyUser. Each run is named `featurelab-<run-id>` on Livy, and its handle keeps Livy's id
 * and that name, so a restarted service re-attaches (and a Livy that restarted and reuses ids
 * is noticed). Livy's log is copied into the run's own log file as the run is probed, so logs
 * page, follow and survive like a local run's.
 */
export class LivyJobBackend implements JobBackend {
  readonly name = 'livy';
  readonly client: LivyClient;
  readonly sessions: LivySessions;
  private readonly now: () => Date;
  private listing: { at: number; batches: Map<number, LivyBatch> } | undefined;
  private listingPending: Promise<unknown> | undefined;
  /** Last log lines of each followed batch as last seen, to skip unchanged logs. */
  private readonly logTails = new Map<number, string>();

  constructor(private readonly options: LivyBackendOptions) {
    const { settings, logger } = options;
    this.now = options.now ?? (() => new Date());
    this.client = new LivyClient({
      url: settings.url,
      timeoutMs: settings.requestTimeoutMs,
      maxBackoffMs: settings.maxBackoffMs,
      requestedBy: settings.requestedBy,
      onReachability: (reachable, error) => this.reportReachability(reachable, error)
    });
    this.sessions = new LivySessions(this.client, settings, logger);
  }

  check(spec: JobSpec): void {
    if (spec.kind === 'training') {
      throw new JobNotSupportedError('the Livy backend runs Spark jobs, not training jobs', {
        hint: 'Submit training jobs to the Kubernetes backend, or run the code as a spark-batch job.'
      });
    }
    if (spec.code.type === 'git') {
      throw new JobNotSupportedError('code from a git revision is not supported yet', {
        hint: 'Check the revision out in the workspace and submit the file.'
      });
    }
  }

  async start(job: JobRecord, run: JobRun): Promise<JobRunHandle> {
    const files = new LivyRunFiles(run);
    files.ensureDir();
    if (job.spec.kind === 'spark-statement') {
      // The statement is sent once the session is idle (probe); its code waits in the folder.
      writeFileSync(path.join(files.dir, STATEMENT_FILE), this.statementSource(job));
      const session = await this.sessions.ensure(job.owner);
      files.writeState({ stdoutLines: 0, stderrLines: 0, owner: job.owner });
      files.note(
        `running in Livy session ${session.id} (${session.name ?? ''}) at ${this.client.url}`
      );
      return this.handle('session', session.id, session.name ?? '');
    }
    const name = batchName(run);
    const request: CreateBatchRequest = {
      file: this.codeFile(job, run, files),
      args: Object.entries(job.spec.parameters ?? {}).map(([key, value]) => `--${key}=${value}`),
      name,
      ...(this.options.settings.impersonate ? { proxyUser: job.owner } : {}),
      ...sparkResources(job.spec, this.options.settings.conf)
    };
    const batch = await this.client.createBatch(request);
    files.note(`submitted to Livy at ${this.client.url} as batch ${batch.id} (${name})`);
    this.options.logger.info('Livy batch submitted', { runId: run.id, batchId: batch.id });
    return this.handle('batch', batch.id, name);
  }

  async probe(run: JobRun): Promise<RunProbe> {
    try {
      return await this.probeOnLivy(run);
    } catch (error) {
      if (error instanceof LivyUnreachableError) {
        // Unknown while Livy does not answer: the run is kept as it is (not lost), and the
        // outage was reported once when it began (reportReachability), not on every pass.
        return { status: 'running' };
      }
      throw error;
    }
  }

  private async probeOnLivy(run: JobRun): Promise<RunProbe> {
    const handle = await this.handleOf(run);
    if (handle === undefined) {
      return {
        status: 'gone',
        reason: 'the service stopped while submitting this run, and Livy has no batch of it'
      };
    }
    const files = new LivyRunFiles(run);
    return handle.type === 'batch'
      ? this.probeBatch(handle, files)
      : this.probeStatement(run, handle, files);
  }

  async cancel(run: JobRun, force: boolean): Promise<void> {
    const handle = await this.handleOf(run);
    if (handle === undefined) {
      return;
    }
    const files = new LivyRunFiles(run);
    if (handle.type === 'batch') {
      // Livy kills the batch's spark-submit; there is no gentler stop, so force changes nothing.
      files.note(`asking Livy to kill batch ${handle.id}${force ? ' (forced)' : ''}`);
      await this.client.deleteBatch(handle.id);
      return;
    }
    const state = files.readState();
    if (state.statementId === undefined) {
      files.writeState({ ...state, cancelledBeforeStatement: true });
      return;
    }
    files.note(`cancelling statement ${state.statementId} in Livy session ${handle.id}`);
    await this.client.cancelStatement(handle.id, state.statementId);
  }

  /** Stop the heartbeats (the sessions stay, for the users' next statements). */
  close(): void {
    this.sessions.stop();
  }

  private async probeBatch(handle: LivyRunHandle, files: LivyRunFiles): Promise<RunProbe> {
    const batch = await this.batchOf(handle.id);
    if (batch === undefined || batch.name !== handle.name) {
      this.logTails.delete(handle.id);
      return this.forgotten(handle, files);
    }
    const finished = FINISHED_OK.has(batch.state) || FINISHED_BAD.has(batch.state);
    // The listing carries each batch's last log lines: unchanged, there is nothing to copy.
    const tail = JSON.stringify(batch.log ?? null);
    if (!finished && this.logTails.get(handle.id) === tail) {
      return { status: 'running' };
    }
    this.logTails.set(handle.id, tail);
    await this.copyLog(handle.id, files);
    if (!finished) {
      return { status: 'running' };
    }
    this.logTails.delete(handle.id);
    const ok = FINISHED_OK.has(batch.state);
    files.note(`Livy batch ${handle.id} ended: ${batch.state}`);
    return {
      status: 'exited',
      exitCode: ok ? 0 : 1,
      signal: null,
      endedAt: this.now().toISOString(),
      ...(ok
        ? {}
        : { error: failureSummary(`Livy batch ${handle.id} ended ${batch.state}`, files) })
    };
  }

  /**
   * A batch's state from one listing of all batches per scheduler pass (at most one list
   * request per LISTING_MAX_AGE_MS however many runs are followed); a batch missing from the
   * listing, e.g. created after it, is asked for alone before it is judged forgotten.
   */
  private async batchOf(id: number): Promise<LivyBatch | undefined> {
    const now = this.now().getTime();
    if (this.listing === undefined || now - this.listing.at > LISTING_MAX_AGE_MS) {
      this.listingPending ??= this.client
        .listBatches()
        .then(batches => {
          this.listing = {
            at: this.now().getTime(),
            batches: new Map(batches.map(b => [b.id, b]))
          };
          return this.listing;
        })
        .finally(() => {
          this.listingPending = undefined;
        });
      await this.listingPending;
    }
    return this.listing?.batches.get(id) ?? (await this.client.getBatch(id));
  }

  private async probeStatement(
    run: JobRun,
    handle: LivyRunHandle,
    files: LivyRunFiles
  ): Promise<RunProbe> {
    const session = await this.client.getSession(handle.id);
    if (session === undefined || session.name !== handle.name) {
      return this.forgotten(handle, files);
    }
    const state = files.readState();
    const owner = state.owner ?? session.proxyUser ?? '';
    if (state.statementId === undefined) {
      if (state.cancelledBeforeStatement) {
        return this.exited(null, 'cancelled before the session was ready');
      }
      if (!isLive(session.state)) {
        const log = await this.client.sessionLog(handle.id, 0, 200);
        files.appendLog(
          (log?.log ?? []).filter(line => line !== STDOUT_HEADER && line !== STDERR_MARKER)
        );
        return this.exited(
          1,
          `Livy session ${handle.id} is ${session.state}; see the run's log for why`
        );
      }
      if (session.state !== 'idle') {
        const started = Date.parse(run.startedAt ?? run.updatedAt);
        if (this.now().getTime() - started > this.options.settings.sessionStartTimeoutMs) {
          return this.exited(
            1,
            `Livy session ${handle.id} was still ${session.state} after ${this.options.settings.sessionStartTimeoutMs / 1000} s`
          );
        }
        return { status: 'running' };
      }
      const code = readFileSync(path.join(files.dir, STATEMENT_FILE), 'utf8');
      const statement = await this.client.createStatement(handle.id, code);
      files.writeState({ ...state, statementId: statement.id });
      files.note(`statement ${statement.id} sent to Livy session ${handle.id}`);
      this.sessions.keepAlive(owner, handle.id);
      return { status: 'running' };
    }
    this.sessions.keepAlive(owner, handle.id);
    const statement = await this.client.getStatement(handle.id, state.statementId);
    if (statement === undefined) {
      return this.forgotten(handle, files);
    }
    return this.statementProbe(statement, state, files);
  }

  private statementProbe(
    statement: LivyStatement,
    state: LivyRunState,
    files: LivyRunFiles
  ): RunProbe {
    const progress = statement.progress ?? 0;
    if (progress !== (state.progress ?? 0) && statement.state === 'running') {
      files.note(`progress ${Math.round(progress * 100)}%`);
      files.writeState({ ...state, progress });
    }
    switch (statement.state) {
      case 'waiting':
      case 'running':
      case 'cancelling':
        return { status: 'running' };
      case 'cancelled':
        return this.exited(null, `statement ${statement.id} was cancelled`);
      case 'available':
      case 'error': {
        const output = statement.output;
        if (output?.status === 'ok') {
          files.appendLog(outputText(output.data));
          return this.exited(0);
        }
        const error = `${output?.ename ?? 'Error'}: ${output?.evalue ?? 'the statement failed'}`;
        files.appendLog([...(output?.traceback ?? []).map(line => line.replace(/\n$/, '')), error]);
        return this.exited(1, error);
      }
    }
  }

  private exited(exitCode: number | null, error?: string): RunProbe {
    return {
      status: 'exited',
      exitCode,
      signal: exitCode === null ? 'SIGTERM' : null,
      endedAt: this.now().toISOString(),
      ...(error === undefined ? {} : { error })
    };
  }

  /**
   * Livy has no such batch or session, or one of another name under that id: a restarted
   * Livy forgets its batches (0.7.1 recovers only on YARN). That is a failure of the run, so
   * the job's retry policy applies.
   */
  private forgotten(handle: LivyRunHandle, files: LivyRunFiles): RunProbe {
    const reason = `Livy at ${handle.url} no longer knows ${handle.type} ${handle.id} (${handle.name}); was Livy restarted?`;
    files.note(reason);
    return this.exited(1, reason);
  }

  /** The run's handle; for a run whose start was interrupted, found on Livy by its name. */
  private async handleOf(run: JobRun): Promise<LivyRunHandle | undefined> {
    const handle = run.handle;
    if (handle !== undefined) {
      if (handle.backend !== 'livy') {
        throw new Error(`run ${run.id} has a ${handle.backend} handle, not a Livy one`);
      }
      return handle;
    }
    const name = batchName(run);
    const batch = (await this.client.listBatches()).find(b => b.name === name);
    return batch === undefined ? undefined : this.handle('batch', batch.id, name);
  }

  /**
   * Copy Livy's new log lines into the run's log. Livy 0.7 redirects spark-submit's stderr
   * into stdout, so lines are appended in order; stderr lines, when a Livy keeps them apart,
   * follow. Livy keeps livy.cache-log.size lines per batch (scripts/livy.sh: 10000).
   */
  private async copyLog(
    id: number,
    files: LivyRunFiles,
    known: LivyRunState = files.readState()
  ): Promise<LivyRunState> {
    let state = known;
    for (;;) {
      const page: LivyLogPage | undefined = await this.client.batchLog(
        id,
        1 + state.stdoutLines,
        LOG_PAGE
      );
      if (page === undefined || page.log.length === 0) {
        break;
      }
      const marker = page.log.indexOf(STDERR_MARKER);
      const stdout = marker < 0 ? page.log : page.log.slice(0, marker);
      const stderr = marker < 0 ? [] : page.log.slice(marker + 1);
      const newStderr = stderr.slice(state.stderrLines);
      files.appendLog([...stdout, ...newStderr]);
      state = {
        ...state,
        stdoutLines: state.stdoutLines + stdout.length,
        stderrLines: state.stderrLines + newStderr.length
      };
      if (marker >= 0 || page.log.length < LOG_PAGE) {
        break;
      }
    }
    if (state !== known) {
      files.writeState(state);
    }
    return state;
  }

  /** The file Livy runs: the job's own file, or the code snapshot written for this run. */
  private codeFile(job: JobRecord, run: JobRun, files: LivyRunFiles): string {
    const code = job.spec.code;
    const stagingDir = this.options.settings.stagingDir;
    if (code.type === 'file') {
      const file = path.resolve(this.options.workspace, code.path);
      if (stagingDir === undefined) {
        return file;
      }
      const staged = path.join(stagingDir, run.id, path.basename(file));
      mkdirSync(path.dirname(staged), { recursive: true });
      copyFileSync(file, staged);
      return staged;
    }
    const dir = stagingDir === undefined ? files.dir : path.join(stagingDir, run.id);
    mkdirSync(dir, { recursive: true });
    const script = path.join(dir, 'main.py');
    writeFileSync(script, job.codeSnapshot ?? '');
    return script;
  }

  private statementSource(job: JobRecord): string {
    const code = job.spec.code;
    if (code.type === 'file') {
      return readFileSync(path.resolve(this.options.workspace, code.path), 'utf8');
    }
    return job.codeSnapshot ?? '';
  }

  private handle(type: 'batch' | 'session', id: number, name: string): LivyRunHandle {
    return { backend: 'livy', url: this.client.url, type, id, name };
  }

  private reportReachability(reachable: boolean, error?: LivyUnreachableError): void {
    if (reachable) {
      this.options.logger.info('Livy answers again; following its runs', { url: this.client.url });
    } else {
      this.options.logger.warn('Livy is unreachable; backing off', {
        url: this.client.url,
        error: error?.message
      });
    }
  }
}

/** Livy's name of a run: unique per run, so a run is never submitted twice under two names. */
export function batchName(run: JobRun): string {
  return `featurelab-${run.id}`;
}

function sparkResources(
  spec: JobSpec,
  defaults: Readonly<Record<string, string>>
): Partial<CreateBatchRequest> {
  const spark = spec.spark ?? {};
  const conf = { ...defaults, ...stringsOnly(spark.conf ?? {}) };
  return {
    ...(Object.keys(conf).length > 0 ? { conf } : {}),
    ...(spark.driverMemory === undefined ? {} : { driverMemory: spark.driverMemory }),
    ...(spark.executorMemory === undefined ? {} : { executorMemory: spark.executorMemory }),
    ...(spark.driverCores === undefined ? {} : { driverCores: spark.driverCores }),
    ...(spark.executorCores === undefined ? {} : { executorCores: spark.executorCores }),
    ...(spark.numExecutors === undefined ? {} : { numExecutors: spark.numExecutors })
  };
}

/** What a statement returned, as log lines: text first, other types as JSON. */
function outputText(data: Record<string, unknown> | undefined): string[] {
  if (data === undefined) {
    return [];
  }
  const text = data['text/plain'];
  if (typeof text === 'string') {
    return text.split('\n');
  }
  return Object.entries(data).map(([mime, value]) => `${mime}: ${JSON.stringify(value)}`);
}

/** The error a failed batch reports: Spark's or Python's last error line from its log. */
function failureSummary(prefix: string, files: LivyRunFiles): string {
  const lines = files.tail(200);
  const error = [...lines]
    .reverse()
    .find(
      line =>
        /^(\w+\.)*\w*(Error|Exception)\b(:|$)/.test(line.trim()) && !line.startsWith('[featurelab]')
    );
  return error === undefined ? prefix : `${prefix}: ${error.trim()}`;
}
