import { isFeaturelabError, type JobRun } from '@featurelab/core';
import type { Logger } from '../logger.js';
import type { JobBackend, RunProbe } from './backend.js';
import { JobStateError } from './errors.js';
import { newRun } from './job-ids.js';
import type { ResolvedJobSettings } from './job-settings.js';
import type { JobRecord, JobStore, NewRun } from './job-store.js';

/**
 * A run left in `submitting` this long without a handle was being started by a process that
 * died: starting a local run takes milliseconds. Younger ones may be another process's (a CLI
 * next to the service) start in progress, and are left alone.
 */
const SUBMIT_TIMEOUT_MS = 15_000;

const DEFAULT_BACKOFF_SECONDS = 10;
const DEFAULT_MAX_BACKOFF_SECONDS = 600;

export interface SchedulerOptions {
  readonly store: JobStore;
  readonly backend: JobBackend;
  readonly settings: ResolvedJobSettings;
  readonly workspace: string;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/**
 * Drives runs through their states. Every pass first reconciles the active runs with the
 * backend (a run that ended is finished from its recorded exit status, one that cannot be
 * found is marked lost, a cancel past its grace period is forced), then starts queued runs
 * while fewer than `concurrency` are active. The first pass after a restart is the reconciler:
 * it re-attaches to whatever the previous service left running.
 *
 * Nothing here is in-memory only: several schedulers on one registry (the service, a CLI
 * waiting for a job) cooperate through the store's compare-and-set transitions.
 */
export class JobScheduler {
  private readonly store: JobStore;
  private readonly backend: JobBackend;
  private readonly logger: Logger;
  private readonly now: () => Date;
  /** Runs this process is starting right now; others must not judge them abandoned. */
  private readonly starting = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private again = false;
  private running = false;

  constructor(private readonly options: SchedulerOptions) {
    this.store = options.store;
    this.backend = options.backend;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  /** Reconcile now, then keep scheduling every pollIntervalMs (or sooner when woken). */
  start(): void {
    this.running = true;
    this.schedule(0);
  }

  /** Stop scheduling; resolves when a pass in progress has finished. Runs keep running. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.current;
  }

  /** Look at the runs soon: something changed (a submission, a cancel, a process exit). */
  wake(): void {
    if (this.running) {
      this.schedule(0);
    }
  }

  /** One pass; concurrent calls share it (and one more pass follows, to see the latest). */
  tick(): Promise<void> {
    if (this.current) {
      this.again = true;
      return this.current;
    }
    this.current = (async () => {
      do {
        this.again = false;
        try {
          await this.reconcile();
          await this.startQueued();
        } catch (error) {
          // An unusable registry is reported by health; repeating it every pass adds nothing.
          const unavailable = isFeaturelabError(error) && error.kind === 'RegistryUnavailableError';
          this.logger[unavailable ? 'debug' : 'error']('job scheduler pass failed', { error });
        }
      } while (this.again);
    })().finally(() => {
      this.current = undefined;
    });
    return this.current;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.tick().finally(() => {
        if (this.running) {
          this.schedule(this.options.settings.pollIntervalMs);
        }
      });
    }, delayMs);
    // The service lives as long as its stdin; this timer must not keep a CLI alive.
    this.timer.unref();
  }

  private async reconcile(): Promise<void> {
    for (const run of await this.store.activeRuns()) {
      if (this.starting.has(run.id)) {
        continue;
      }
      const job = await this.store.getJob(run.jobId);
      if (!job || job.backend !== this.backend.name) {
        continue;
      }
      await this.guard(run, () => this.reconcileRun(job, run));
    }
  }

  private async reconcileRun(job: JobRecord, run: JobRun): Promise<void> {
    if (run.state === 'submitting' && !run.handle) {
      if (this.now().getTime() - Date.parse(run.updatedAt) < SUBMIT_TIMEOUT_MS) {
        return;
      }
    }
    const probe = await this.backend.probe(run);
    if (probe.status === 'running') {
      if (run.state === 'cancelling') {
        await this.forceCancelWhenDue(run);
      }
      return;
    }
    await this.finish(job, run, probe);
  }

  private async forceCancelWhenDue(run: JobRun): Promise<void> {
    const requested = Date.parse(run.cancelRequestedAt ?? run.updatedAt);
    if (this.now().getTime() - requested >= this.options.settings.cancelGraceMs) {
      this.logger.warn('run did not stop within the grace period; killing it', { runId: run.id });
      await this.backend.cancel(run, true);
    }
  }

  /** Record how a run that is no longer running ended, and queue its retry if one is due. */
  private async finish(
    job: JobRecord,
    run: JobRun,
    probe: Exclude<RunProbe, { status: 'running' }>
  ): Promise<void> {
    const at = this.now().toISOString();
    if (probe.status === 'gone') {
      const cancelled = run.state === 'cancelling';
      await this.store.transition(run.id, run.state, cancelled ? 'cancelled' : 'lost', at, {
        endedAt: at,
        reason: cancelled ? 'cancelled; the process group was killed' : probe.reason
      });
      this.logger.warn('run finished without an exit status', {
        runId: run.id,
        reason: probe.reason
      });
      return;
    }
    const how = describeExit(probe.exitCode, probe.signal);
    const exit = {
      endedAt: probe.endedAt,
      ...(probe.exitCode === null ? {} : { exitCode: probe.exitCode }),
      ...(probe.signal === null ? {} : { signal: probe.signal })
    };
    if (run.state === 'cancelling') {
      await this.store.transition(run.id, run.state, 'cancelled', at, {
        ...exit,
        reason: `cancelled (${how})`
      });
      return;
    }
    if (probe.exitCode === 0) {
      await this.store.transition(run.id, run.state, 'succeeded', at, exit);
      return;
    }
    const next = this.retryOf(job, run, at);
    await this.store.transition(
      run.id,
      run.state,
      'failed',
      at,
      { ...exit, reason: probe.error ?? how },
      next
    );
  }

  /** The next run when the retry policy allows another attempt, delayed by the backoff. */
  private retryOf(job: JobRecord, run: JobRun, at: string): NewRun | undefined {
    const retries = job.spec.retries ?? {};
    if (run.attempt > (retries.max ?? 0)) {
      return undefined;
    }
    const seconds = Math.min(
      retries.maxBackoffSeconds ?? DEFAULT_MAX_BACKOFF_SECONDS,
      (retries.backoffSeconds ?? DEFAULT_BACKOFF_SECONDS) * 2 ** (run.attempt - 1)
    );
    return newRun(this.options.workspace, new Date(Date.parse(at) + seconds * 1000).toISOString());
  }

  private async startQueued(): Promise<void> {
    const claimed = await this.store.claimQueued(
      this.options.settings.concurrency,
      this.now().toISOString()
    );
    for (const run of claimed) {
      this.starting.add(run.id);
      try {
        await this.guard(run, () => this.startRun(run));
      } finally {
        this.starting.delete(run.id);
      }
    }
  }

  private async startRun(run: JobRun): Promise<void> {
    const job = await this.store.getJob(run.jobId);
    if (!job) {
      return;
    }
    let handle;
    try {
      handle = await this.backend.start(job, run);
    } catch (error) {
      const at = this.now().toISOString();
      const reason = `could not start: ${error instanceof Error ? error.message : String(error)}`;
      this.logger.warn('run could not start', { runId: run.id, error });
      await this.store.transition(
        run.id,
        'submitting',
        'failed',
        at,
        { endedAt: at, reason },
        this.retryOf(job, run, at)
      );
      return;
    }
    const at = this.now().toISOString();
    try {
      await this.store.transition(run.id, 'submitting', 'running', at, { handle, startedAt: at });
    } catch (error) {
      // Cancelled while it was being started: stop what was just started, and say so.
      const current = await this.store.getRun(run.id);
      if (!(error instanceof JobStateError) || current?.state !== 'cancelling') {
        throw error;
      }
      await this.backend.cancel({ ...current, handle }, true);
      await this.store.transition(run.id, 'cancelling', 'cancelled', at, {
        handle,
        startedAt: at,
        endedAt: at,
        reason: 'cancelled while starting'
      });
    }
  }

  /**
   * Run one step for one run. Losing a race (another process moved the run first) is normal
   * and leaves the run to the winner; any other failure is logged and retried next pass.
   */
  private async guard(run: JobRun, step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      if (error instanceof JobStateError) {
        this.logger.debug('run changed meanwhile', { runId: run.id, error: error.message });
        return;
      }
      this.logger.error('job step failed', { runId: run.id, error });
    }
  }
}

function describeExit(exitCode: number | null, signal: string | null): string {
  if (signal !== null) {
    return `killed by ${signal}`;
  }
  return `exit code ${exitCode ?? 'unknown'}`;
}
