/* eslint-disable */
/**
 * GENERATED FILE, DO NOT EDIT. Source: schemas/job-logs-result.schema.json
 * Regenerate with `npm run build:schemas` (scripts/gen-schema-types.mjs).
 */

/**
 * A page of a run's output log (`jobs.logs`). To follow a log, ask again from nextOffset until complete is true.
 */
export interface JobLogsResult {
  jobId: string;
  runId: string;
  /**
   * State of the run when the page was read.
   */
  state:
    | 'queued'
    | 'submitting'
    | 'running'
    | 'succeeded'
    | 'failed'
    | 'cancelling'
    | 'cancelled'
    | 'lost';
  /**
   * Byte offset of the first byte of data (moved forward to a UTF-8 character boundary when needed).
   */
  offset: number;
  /**
   * Byte offset to ask for next; always on a UTF-8 character boundary.
   */
  nextOffset: number;
  /**
   * Size of the log in bytes when it was read.
   */
  size: number;
  /**
   * The log text from offset to nextOffset.
   */
  data: string;
  /**
   * The run has ended and nothing follows nextOffset: a follower can stop.
   */
  complete: boolean;
}
