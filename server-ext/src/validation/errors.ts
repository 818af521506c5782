import { FeaturelabError } from '@featurelab/core';

/** The data to validate cannot be found or read. */
export class ValidationDataError extends FeaturelabError {
  constructor(message: string, hint: string, cause?: unknown) {
    super('ValidationDataError', message, { hint, cause });
  }
}

/** An engine failed while running a plan (the SQL it ran is in the message). */
export class ValidationEngineError extends FeaturelabError {
  constructor(message: string, hint: string, cause?: unknown) {
    super('ValidationEngineError', message, { hint, cause });
  }
}
