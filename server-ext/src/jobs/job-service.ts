import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  InvalidArgumentsError,
  JOB_SPEC_SCHEMA,
  type JobLogsResult,
  type JobRunState,
  type JobSpec
} from '@featurelab/core';
import { SchemaValidator } from '../schema-validation.js';
import { JobAccess } from './access.js';
import type { JobBackend } from './backend.js';
import { JobCodeError, JobNotFoundError, JobStateError } from './errors.js';
import { newJobId, newRun } from './job-ids.js';
import type { JobScheduler } from './job-scheduler.js';
import type { ResolvedJobSettings } from './job-settings.js';
import { ACTIVE_STATES, isTerminal } from './job-states.js';
import type { JobRecord, JobStore } from './job-store.js';
import { jobView, type JobDetails } from './job-view.js';
import { readLogPage } from './log-reader.js';
import { notebookSource } from './notebook-code.js';

export interface JobServiceOptions {
  readonly store: JobStore;
  readonly backend: JobBackend;
  readonly scheduler: JobScheduler;
  readonly settings: ResolvedJobSettings;
  readonly workspace: string;
  /**
   * Code paths must resolve inside the workspace (requests from JupyterLab). The CLI, run by
   * someone who can read any file anyway, may name files anywhere.
   */
  readonly confineCodeToWorkspace: boolean;
  readonly now?: () => Date;
}

export interface SubmitResult {
  readonly job: JobDetails;
  /** False when an earlier submission with the same idempotency key is returned. */
  readonly created: boolean;
}

export interface ListQuery {
  /** Another user's jobs: admins only (others always get their own). */
  readonly owner?: string;
  readonly name?: string;
  readonly states?: readonly JobRunState[];
  readonly limit?: number;
}

export interface LogsQuery {
  /** A run of the job; default: its latest. */
  readonly runId?: string;
  readonly offset?: number;
  readonly limit?: number;
  /** One pod's log (Kubernetes runs: `backendStatus.pods[].name`); default: the run's log. */
  readonly pod?: string;
}

const specValidator = new SchemaValidator<JobSpec>(JOB_SPEC_SCHEMA);

/**
 * The job service as users see it: submit, list, get, logs, cancel, retry. `username` is
 * always the authenticated caller (never a field of the request); JobAccess decides what each
 * caller may see and touch.
 */
export class JobService {
  private readonly store: JobStore;
  private readonly access: JobAccess;
  private readonly now: () => Date;

  constructor(private readonly options: JobServiceOptions) {
    this.store = options.store;
    this.access = new JobAccess(options.settings.admins);
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Validate and record a job and its first run, queued; the scheduler starts it.
   *
   * @throws InvalidArgumentsError (schema), JobCodeError, JobNotSupportedError
   */
  async submit(username: string, document: unknown): Promise<SubmitResult> {
    const spec = this.validSpec(document);
    this.options.backend.check(spec, username);
    const codeSnapshot = this.prepareCode(spec);
    const name = spec.name ?? defaultName(spec);
    const at = this.now().toISOString();
    const job: JobRecord = {
      id: newJobId(),
      name,
      owner: username,
      kind: spec.kind,
      backend: this.options.backend.name,
      policy: spec.policy ?? 'FIFO',
      spec: { ...spec, name },
      createdAt: at,
      ...(spec.idempotencyKey === undefined ? {} : { idempotencyKey: spec.idempotencyKey }),
      ...(codeSnapshot === undefined ? {} : { codeSnapshot })
    };
    const result = await this.store.createJob(job, newRun(this.options.workspace), at);
    this.options.scheduler.wake();
    return { job: await this.view(result.job), created: result.created };
  }

  async list(username: string, query: ListQuery = {}): Promise<JobDetails[]> {
    const owner = this.access.listOwner(username, query.owner);
    const jobs = await this.store.listJobs({
      ...(owner === undefined ? {} : { owner }),
      ...(query.name === undefined ? {} : { name: query.name }),
      ...(query.states === undefined ? {} : { states: query.states }),
      limit: query.limit ?? 100
    });
    return Promise.all(jobs.map(job => this.view(job)));
  }

  /** The job with every run and state change. */
  async get(username: string, id: string): Promise<JobDetails> {
    const job = await this.permitted(username, id);
    const runs = await this.store.runsOf(job.id);
    const view = jobView(job, runs, { events: await this.store.eventsOf(job.id) });
    const latest = runs[runs.length - 1];
    const backend = this.options.backend;
    if (backend.describe && job.backend === backend.name && ACTIVE_STATES.includes(latest.state)) {
      try {
        return { ...view, backendStatus: await backend.describe(latest) };
      } catch {
        // The job is still shown when the backend cannot be asked; the scheduler logs why.
      }
    }
    return view;
  }

  async logs(username: string, id: string, query: LogsQuery = {}): Promise<JobLogsResult> {
    const job = await this.permitted(username, id);
    const runs = await this.store.runsOf(job.id);
    const run =
      query.runId === undefined ? runs[runs.length - 1] : runs.find(r => r.id === query.runId);
    if (!run) {
      throw new JobNotFoundError(`${id}/${query.runId ?? ''}`, {
        hint: `Pick one of the runs of job ${id}.`
      });
    }
    const file = query.pod === undefined ? run.logFile : podLogFile(run.logFile, query.pod);
    // The state is read before the file: a run that had ended by then has its whole log there.
    const page = file
      ? readLogPage(file, query.offset ?? 0, query.limit ?? 64 * 1024)
      : { offset: 0, nextOffset: 0, size: 0, data: '' };
    return {
      jobId: job.id,
      runId: run.id,
      state: run.state,
      ...page,
      complete: isTerminal(run.state) && page.nextOffset >= page.size
    };
  }

  /**
   * Cancel the job's latest run: a queued one at once; an active one is signalled and becomes
   * cancelled when its process has ended (forced after the grace period).
   *
   * @throws JobStateError when the latest run has already ended.
   */
  async cancel(username: string, id: string): Promise<JobDetails> {
    const job = await this.permitted(username, id);
    const runs = await this.store.runsOf(job.id);
    const run = runs[runs.length - 1];
    const at = this.now().toISOString();
    if (run.state === 'queued') {
      await this.store.transition(run.id, 'queued', 'cancelled', at, {
        endedAt: at,
        reason: `cancelled by ${username} before it started`
      });
    } else if (run.state === 'submitting' || run.state === 'running') {
      const cancelling = await this.store.transition(run.id, run.state, 'cancelling', at, {
        cancelRequestedAt: at,
        reason: `cancelled by ${username}`
      });
      await this.options.backend.cancel(cancelling, false);
      this.options.scheduler.wake();
    } else if (isTerminal(run.state)) {
      throw new JobStateError(`job ${id} has already ended (${run.state})`, {
        hint: 'Nothing to cancel; retry it to run it again.'
      });
    }
    return this.get(username, id);
  }

  /**
   * Queue a new run of a job whose latest run failed, was cancelled or was lost.
   *
   * @throws JobStateError when it is still active or succeeded.
   */
  async retry(username: string, id: string): Promise<JobDetails> {
    const job = await this.permitted(username, id);
    const runs = await this.store.runsOf(job.id);
    const latest = runs[runs.length - 1];
    if (!isTerminal(latest.state) || latest.state === 'succeeded') {
      throw new JobStateError(
        `job ${id} is ${latest.state}; only a failed, cancelled or lost job can be retried`,
        {
          hint:
            latest.state === 'succeeded'
              ? 'Submit it again to run it once more.'
              : 'Cancel it first, or wait for it to end.'
        }
      );
    }
    const at = this.now().toISOString();
    await this.store.addRun(
      job.id,
      newRun(this.options.workspace),
      at,
      `retried by ${username}`,
      job.policy === 'LAST_ONLY'
    );
    this.options.scheduler.wake();
    return this.get(username, id);
  }

  /** Wait until the job has ended (no retry pending), driving the scheduler meanwhile. */
  async waitFor(
    username: string,
    id: string,
    pollMs = this.options.settings.pollIntervalMs
  ): Promise<JobDetails> {
    for (;;) {
      await this.options.scheduler.tick();
      const job = await this.get(username, id);
      if (isTerminal(job.state)) {
        return job;
      }
      await new Promise(resolve => setTimeout(resolve, pollMs));
    }
  }

  private async permitted(username: string, id: string): Promise<JobRecord> {
    return this.access.permit(username, id, await this.store.getJob(id));
  }

  private async view(job: JobRecord): Promise<JobDetails> {
    return jobView(job, await this.store.runsOf(job.id));
  }

  private validSpec(document: unknown): JobSpec {
    const outcome = specValidator.validate(document);
    if (!outcome.ok) {
      throw new InvalidArgumentsError(
        `invalid job: ${outcome.problems.map(p => `${p.pointer || '/'}: ${p.message}`).join('; ')}`,
        { hint: 'schemas/job-spec.schema.json describes a job.' }
      );
    }
    return outcome.value;
  }

  /** Check the code exists; return the source to keep for notebook and inline code. */
  private prepareCode(spec: JobSpec): string | undefined {
    const code = spec.code;
    switch (code.type) {
      case 'inline':
        return code.source;
      case 'notebook':
        return notebookSource(this.codeFile(code.path), code);
      case 'file':
        this.codeFile(code.path);
        return undefined;
      case 'git':
        return undefined;
    }
  }

  /** The absolute path of an existing code file, inside the workspace when required. */
  private codeFile(relative: string): string {
    const workspace = this.options.workspace;
    const file = path.resolve(workspace, relative);
    if (this.options.confineCodeToWorkspace) {
      // Resolved with links, so a link cannot lead outside.
      const real = (target: string): string => {
        try {
          return realpathSync(target);
        } catch {
          return target;
        }
      };
      const inside = path.relative(real(workspace), real(file));
      if (inside.startsWith('..') || path.isAbsolute(inside)) {
        throw new JobCodeError(`${relative} is outside the workspace`, {
          hint: 'Jobs run code from files inside the workspace JupyterLab serves.'
        });
      }
    }
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) {
      throw new JobCodeError(`the code file ${relative} does not exist`, {
        hint: 'Give the path of a file, relative to the workspace.'
      });
    }
    return file;
  }
}

/** A pod's log next to the run's (see kubernetes/pod-logs.ts); the name is checked, not trusted. */
function podLogFile(logFile: string | undefined, pod: string): string | undefined {
  if (!/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(pod)) {
    throw new InvalidArgumentsError(`${JSON.stringify(pod)} is not a pod name`, {
      hint: 'Use a name from backendStatus.pods of jobs.get.'
    });
  }
  return logFile === undefined ? undefined : path.join(path.dirname(logFile), 'pods', `${pod}.log`);
}

function defaultName(spec: JobSpec): string {
  return spec.code.type === 'inline' ? 'inline' : path.basename(spec.code.path);
}
