import { FeaturelabError, type FeaturelabErrorOptions } from '@featurelab/core';

/**
 * Livy did not answer: connection refused, a timeout, a name that does not resolve, or a
 * request refused without trying because an earlier one failed moments ago (backoff).
 */
export class LivyUnreachableError extends FeaturelabError {
  constructor(
    readonly url: string,
    readonly detail: string,
    /** When the next real attempt will be made. */
    readonly retryAt: Date,
    options: FeaturelabErrorOptions = {}
  ) {
    super('LivyUnreachableError', `Livy at ${url} is unreachable: ${detail}`, {
      hint:
        options.hint ??
        `Check that Livy runs and that jobs.livy.url in the configuration is right (locally: scripts/livy.sh status). Runs already submitted are kept and followed again once Livy answers; the next attempt is at ${retryAt.toISOString()}.`,
      cause: options.cause
    });
  }
}

/** Livy answered with an error status; `livyMessage` is Livy's own `msg` when it sent one. */
export class LivyRequestError extends FeaturelabError {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly livyMessage: string,
    options: FeaturelabErrorOptions = {}
  ) {
    super(
      'LivyRequestError',
      `Livy refused ${method} ${path} (HTTP ${status}): ${livyMessage}`,
      options.hint === undefined ? { ...options, hint: hintFor(status, livyMessage) } : options
    );
  }
}

function hintFor(status: number, message: string): string {
  if (/CSRF/i.test(message)) {
    return 'Livy requires the X-Requested-By header; set jobs.livy.requestedBy if your Livy checks its value.';
  }
  if (/local path .* cannot be added|local-dir-whitelist/i.test(message)) {
    return "The code file is outside Livy's livy.file.local-dir-whitelist: add the workspace (or jobs.livy.stagingDir) to it.";
  }
  if (/REPL jars/i.test(message)) {
    return 'This Livy has no interactive-session (REPL) jars for its Spark: run the code as a spark-batch job, or install a Livy whose repl jars match Spark.';
  }
  if (/impersonat|proxy user|not allowed/i.test(message) || status === 403) {
    return "Livy does not let the service act for this user: enable livy.impersonation.enabled and add the service's user to livy.superusers, or set jobs.livy.impersonate to false.";
  }
  if (status === 404) {
    return 'Livy no longer knows it (a restarted Livy forgets batches and sessions unless it recovers them).';
  }
  return "See Livy's server log for details.";
}
