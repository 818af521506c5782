import type { JobRecord } from './job-store.js';
import { JobNotFoundError } from './errors.js';

/**
 * Who may see and control which jobs: the owner, and the configured admins. Every request of
 * the job service goes through here, and nowhere else decides.
 */
export class JobAccess {
  private readonly admins: ReadonlySet<string>;

  constructor(admins: readonly string[]) {
    this.admins = new Set(admins);
  }

  isAdmin(username: string): boolean {
    return this.admins.has(username);
  }

  /** The owner to restrict a listing to: the caller, or nobody for an admin. */
  listOwner(username: string, requestedOwner: string | undefined): string | undefined {
    return this.isAdmin(username) ? requestedOwner : username;
  }

  /**
   * The job, if the caller may use it.
   *
   * @throws JobNotFoundError for a missing job and for another user's job alike.
   */
  permit(username: string, id: string, job: JobRecord | undefined): JobRecord {
    if (!job || (job.owner !== username && !this.isAdmin(username))) {
      throw new JobNotFoundError(id);
    }
    return job;
  }
}
