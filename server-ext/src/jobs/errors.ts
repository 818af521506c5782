import { FeaturelabError, type FeaturelabErrorOptions } from '@featurelab/core';

/**
 * No job with that id, or one the caller may not see: the two are reported alike so a user
 * cannot probe for other users' job ids.
 */
export class JobNotFoundError extends FeaturelabError {
  constructor(id: string, options: FeaturelabErrorOptions = {}) {
    super('JobNotFoundError', `no job ${JSON.stringify(id)}`, {
      hint: options.hint ?? 'List your jobs with `featurelab jobs list` or jobs.list.',
      cause: options.cause
    });
  }
}

/** The job or run is not in a state that allows the request (cancel a finished run...). */
export class JobStateError extends FeaturelabError {
  constructor(message: string, options: FeaturelabErrorOptions = {}) {
    super('JobStateError', message, options);
  }
}

/** The configured backend cannot run this kind of job or code. */
export class JobNotSupportedError extends FeaturelabError {
  constructor(message: string, options: FeaturelabErrorOptions = {}) {
    super('JobNotSupportedError', message, options);
  }
}

/** The job's code cannot be read or prepared (missing file, bad notebook, cell index...). */
export class JobCodeError extends FeaturelabError {
  constructor(message: string, options: FeaturelabErrorOptions = {}) {
    super('JobCodeError', message, options);
  }
}
