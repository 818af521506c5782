import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type {
  JobEvent,
  JobKind,
  JobRun,
  JobRunHandle,
  JobRunState,
  JobSpec,
  SchedulePolicy
} from '@featurelab/core';
import type { SqliteRegistry } from '../registry/sqlite-registry.js';
import { JobNotFoundError, JobStateError } from './errors.js';
import { ACTIVE_STATES, assertTransition, isTerminal } from './job-states.js';
import type {
  CreateJobResult,
  JobBackendName,
  JobFilter,
  JobRecord,
  JobStore,
  NewRun,
  RunPatch
} from './job-store.js';

type Row = Record<string, SQLInputValue>;

const SUPERSEDED_REASON = 'superseded by a newer submission (LAST_ONLY)';

/**
 * Jobs in the SQLite registry (tables of migration 3). Each write is one `BEGIN IMMEDIATE`
 * transaction: it takes the write lock before reading, so the check (is the run still queued?)
 * and the write cannot be separated by another process's write.
 */
export class SqliteJobStore implements JobStore {
  private readonly db: DatabaseSync;

  /**
   * @param registry an open, migrated registry.
   * @param ownsRegistry close the registry with the store (the CLI); the service keeps its own.
   */
  constructor(
    private readonly registry: SqliteRegistry,
    private readonly ownsRegistry: boolean
  ) {
    this.db = registry.database();
  }

  createJob(job: JobRecord, run: NewRun, at: string): Promise<CreateJobResult> {
    return this.write(() => {
      if (job.idempotencyKey !== undefined) {
        const existing = this.db
          .prepare('SELECT * FROM jobs WHERE owner = ? AND idempotency_key = ?')
          .get(job.owner, job.idempotencyKey);
        if (existing) {
          return { job: toJob(existing), created: false, superseded: [] };
        }
      }
      this.db
        .prepare(
          `INSERT INTO jobs (id, owner, name, kind, backend, policy, spec_json, code_snapshot, idempotency_key, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        )
        .run(
          job.id,
          job.owner,
          job.name,
          job.kind,
          job.backend,
          job.policy,
          JSON.stringify(job.spec),
          job.codeSnapshot ?? null,
          job.idempotencyKey ?? null,
          job.createdAt
        );
      const superseded = job.policy === 'LAST_ONLY' ? this.supersede(job, at) : [];
      this.insertRun(job.id, 1, run, at, 'submitted');
      return { job, created: true, superseded };
    });
  }

  addRun(
    jobId: string,
    run: NewRun,
    at: string,
    reason: string,
    supersede: boolean
  ): Promise<JobRun> {
    return this.write(() => {
      const jobRow = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(jobId);
      if (!jobRow) {
        throw new JobNotFoundError(jobId);
      }
      const latest = this.latestRunRow(jobId);
      if (latest && !isTerminal(latest.state as JobRunState)) {
        throw new JobStateError(`job ${jobId} is still ${String(latest.state)}`, {
          hint: 'Wait for the run to end, or cancel it, before retrying.'
        });
      }
      if (supersede) {
        this.supersede(toJob(jobRow), at);
      }
      const attempt = latest ? Number(latest.attempt) + 1 : 1;
      return this.insertRun(jobId, attempt, run, at, reason);
    });
  }

  getJob(id: string): Promise<JobRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id);
    return Promise.resolve(row ? toJob(row) : undefined);
  }

  listJobs(filter: JobFilter): Promise<JobRecord[]> {
    const where: string[] = [];
    const values: SQLInputValue[] = [];
    if (filter.owner !== undefined) {
      where.push('j.owner = ?');
      values.push(filter.owner);
    }
    if (filter.name !== undefined) {
      where.push('j.name = ?');
      values.push(filter.name);
    }
    if (filter.states !== undefined) {
      // The job's state is its latest run's.
      where.push(
        `(SELECT r.state FROM job_runs r WHERE r.job_id = j.id ORDER BY r.attempt DESC LIMIT 1) IN (${filter.states.map(() => '?').join(', ')})`
      );
      values.push(...filter.states);
    }
    const sql = `SELECT j.* FROM jobs j ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
                 ORDER BY j.created_at DESC, j.rowid DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...values, filter.limit);
    return Promise.resolve(rows.map(toJob));
  }

  runsOf(jobId: string): Promise<JobRun[]> {
    const rows = this.db
      .prepare('SELECT * FROM job_runs WHERE job_id = ? ORDER BY attempt')
      .all(jobId);
    return Promise.resolve(rows.map(toRun));
  }

  eventsOf(jobId: string): Promise<JobEvent[]> {
    const rows = this.db
      .prepare(
        `SELECT e.* FROM job_events e JOIN job_runs r ON r.id = e.run_id
         WHERE r.job_id = ? ORDER BY e.seq`
      )
      .all(jobId);
    return Promise.resolve(rows.map(toEvent));
  }

  getRun(runId: string): Promise<JobRun | undefined> {
    const row = this.db.prepare('SELECT * FROM job_runs WHERE id = ?').get(runId);
    return Promise.resolve(row ? toRun(row) : undefined);
  }

  activeRuns(): Promise<JobRun[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM job_runs WHERE state IN (${ACTIVE_STATES.map(() => '?').join(', ')}) ORDER BY created_at`
      )
      .all(...ACTIVE_STATES);
    return Promise.resolve(rows.map(toRun));
  }

  claimQueued(concurrency: number, at: string): Promise<JobRun[]> {
    return this.write(() => {
      const active = Number(
        this.db
          .prepare(
            `SELECT COUNT(*) AS n FROM job_runs WHERE state IN (${ACTIVE_STATES.map(() => '?').join(', ')})`
          )
          .get(...ACTIVE_STATES)?.n ?? 0
      );
      const free = concurrency - active;
      if (free <= 0) {
        return [];
      }
      const rows = this.db
        .prepare(
          `SELECT * FROM job_runs WHERE state = 'queued' AND (not_before IS NULL OR not_before <= ?)
           ORDER BY created_at, rowid LIMIT ?`
        )
        .all(at, free);
      return rows.map(row =>
        this.changeState(toRun(row), 'submitting', at, {}, 'claimed by the scheduler')
      );
    });
  }

  transition(
    runId: string,
    from: JobRunState,
    to: JobRunState,
    at: string,
    patch: RunPatch = {},
    next?: NewRun
  ): Promise<JobRun> {
    return this.write(() => {
      const row = this.db.prepare('SELECT * FROM job_runs WHERE id = ?').get(runId);
      if (!row) {
        throw new JobNotFoundError(runId);
      }
      const run = toRun(row);
      if (run.state !== from) {
        throw new JobStateError(`run ${runId} is ${run.state}, not ${from}`, {
          hint: 'Refresh the job: its state changed meanwhile.'
        });
      }
      const changed = this.changeState(run, to, at, patch, patch.reason);
      if (next) {
        this.insertRun(run.jobId, run.attempt + 1, next, at, `retry of attempt ${run.attempt}`);
      }
      return changed;
    });
  }

  close(): Promise<void> {
    if (this.ownsRegistry) {
      this.registry.close();
    }
    return Promise.resolve();
  }

  /** Cancel the owner's queued runs of other jobs named like `job`. */
  private supersede(job: JobRecord, at: string): string[] {
    const rows = this.db
      .prepare(
        `SELECT r.* FROM job_runs r JOIN jobs j ON j.id = r.job_id
         WHERE j.owner = ? AND j.name = ? AND j.id <> ? AND r.state = 'queued'`
      )
      .all(job.owner, job.name, job.id);
    const patch = { endedAt: at, reason: SUPERSEDED_REASON };
    return rows.map(
      row => this.changeState(toRun(row), 'cancelled', at, patch, SUPERSEDED_REASON).id
    );
  }

  private insertRun(
    jobId: string,
    attempt: number,
    run: NewRun,
    at: string,
    reason: string
  ): JobRun {
    this.db
      .prepare(
        `INSERT INTO job_runs (id, job_id, attempt, state, created_at, updated_at, not_before, log_file)
         VALUES (?, ?, ?, 'queued', ?, ?, ?, ?)`
      )
      .run(run.id, jobId, attempt, at, at, run.notBefore ?? null, run.logFile);
    this.recordEvent(run.id, at, null, 'queued', reason);
    return toRun(this.db.prepare('SELECT * FROM job_runs WHERE id = ?').get(run.id) as Row);
  }

  /** The one place a run's state is written; callers hold the write transaction. */
  private changeState(
    run: JobRun,
    to: JobRunState,
    at: string,
    patch: RunPatch,
    reason: string | undefined
  ): JobRun {
    assertTransition(run.id, run.state, to);
    const columns: [string, SQLInputValue][] = [
      ['state', to],
      ['updated_at', at]
    ];
    const optional: [string, SQLInputValue | undefined][] = [
      ['handle_json', patch.handle === undefined ? undefined : JSON.stringify(patch.handle)],
      ['started_at', patch.startedAt],
      ['ended_at', patch.endedAt],
      ['cancel_requested_at', patch.cancelRequestedAt],
      ['exit_code', patch.exitCode],
      ['signal', patch.signal],
      ['reason', patch.reason]
    ];
    for (const [column, value] of optional) {
      if (value !== undefined) {
        columns.push([column, value]);
      }
    }
    const result = this.db
      .prepare(
        `UPDATE job_runs SET ${columns.map(([column]) => `${column} = ?`).join(', ')} WHERE id = ? AND state = ?`
      )
      .run(...columns.map(([, value]) => value), run.id, run.state);
    if (Number(result.changes) !== 1) {
      throw new JobStateError(`run ${run.id} changed state meanwhile`);
    }
    this.recordEvent(run.id, at, run.state, to, reason);
    return toRun(this.db.prepare('SELECT * FROM job_runs WHERE id = ?').get(run.id) as Row);
  }

  private recordEvent(
    runId: string,
    at: string,
    from: JobRunState | null,
    to: JobRunState,
    reason: string | undefined
  ): void {
    this.db
      .prepare(
        'INSERT INTO job_events (run_id, at, from_state, to_state, reason) VALUES (?, ?, ?, ?, ?)'
      )
      .run(runId, at, from, to, reason ?? null);
  }

  private latestRunRow(jobId: string): Row | undefined {
    return this.db
      .prepare('SELECT * FROM job_runs WHERE job_id = ? ORDER BY attempt DESC LIMIT 1')
      .get(jobId);
  }

  /** Run `body` in one IMMEDIATE transaction; roll back if it throws. */
  private write<T>(body: () => T): Promise<T> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = body();
      this.db.exec('COMMIT');
      return Promise.resolve(result);
    } catch (error) {
      if (this.db.isTransaction) {
        this.db.exec('ROLLBACK');
      }
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

function toJob(row: Row): JobRecord {
  const job: JobRecord = {
    id: String(row.id),
    name: String(row.name),
    owner: String(row.owner),
    kind: row.kind as JobKind,
    backend: row.backend as JobBackendName,
    policy: row.policy as SchedulePolicy,
    spec: JSON.parse(String(row.spec_json)) as JobSpec,
    createdAt: String(row.created_at)
  };
  return {
    ...job,
    ...(row.idempotency_key === null ? {} : { idempotencyKey: String(row.idempotency_key) }),
    ...(row.code_snapshot === null ? {} : { codeSnapshot: String(row.code_snapshot) })
  };
}

function toRun(row: Row): JobRun {
  const handle = optionalText(row.handle_json);
  return withoutUndefined({
    id: String(row.id),
    jobId: String(row.job_id),
    attempt: Number(row.attempt),
    state: row.state as JobRunState,
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    notBefore: optionalText(row.not_before),
    startedAt: optionalText(row.started_at),
    endedAt: optionalText(row.ended_at),
    cancelRequestedAt: optionalText(row.cancel_requested_at),
    exitCode: row.exit_code === null ? undefined : Number(row.exit_code),
    signal: optionalText(row.signal),
    reason: optionalText(row.reason),
    handle: handle === undefined ? undefined : (JSON.parse(handle) as JobRunHandle),
    logFile: optionalText(row.log_file)
  });
}

function optionalText(value: SQLInputValue | undefined): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

/** Results are JSON: absent fields are left out rather than sent as null or undefined. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

function toEvent(row: Row): JobEvent {
  const event: JobEvent = {
    runId: String(row.run_id),
    at: String(row.at),
    to: row.to_state as JobRunState
  };
  return {
    ...event,
    ...(row.from_state === null ? {} : { from: row.from_state as JobRunState }),
    ...(row.reason === null ? {} : { reason: String(row.reason) })
  };
}
