import type { BackendRunStatus, JobRun, JobRunHandle, JobSpec } from '@featurelab/core';
import type { JobBackendName, JobRecord } from './job-store.js';

/** What a backend knows about a run it was given. */
export type RunProbe =
  | { readonly status: 'running' }
  | {
      readonly status: 'exited';
      readonly exitCode: number | null;
      readonly signal: string | null;
      readonly endedAt: string;
      readonly error?: string;
    }
  /** Neither running nor with a recorded end: it cannot be found. */
  | { readonly status: 'gone'; readonly reason: string };

/**
 * Where runs execute: `local` processes now; Livy batches and Kubernetes Jobs implement the
 * same interface. A backend keeps no state that a restart would lose: everything it needs to
 * find a run again is in the handle it returns from start() (stored with the run) or derived
 * from the run itself.
 */
export interface JobBackend {
  readonly name: JobBackendName;

  /**
   * Refuse, at submission, a job this backend cannot run, or that `owner` may not run
   * (submission policy).
   *
   * @throws JobNotSupportedError, JobCodeError
   */
  check(spec: JobSpec, owner: string): void;

  /** Start a run; resolves once the backend has it, with the handle to find it again. */
  start(job: JobRecord, run: JobRun): Promise<JobRunHandle>;

  /** Where the run is now. Must not throw for a run that simply ended or vanished. */
  probe(run: JobRun): Promise<RunProbe>;

  /** Ask the run to stop (force: make it stop). No-op when it has already ended. */
  cancel(run: JobRun, force: boolean): Promise<void>;

  /** What the backend sees of an active run (pods, why they wait), for jobs.get. Optional. */
  describe?(run: JobRun): Promise<BackendRunStatus>;

  /** Stop background work (watches, log streams) when the service stops. Optional. */
  stop?(): Promise<void>;
}
