import { FeaturelabError, type FeaturelabErrorOptions, type RpcErrorData } from '@featurelab/core';

/** The spec folder does not exist or is not a directory. */
export class SpecFolderError extends FeaturelabError {
  constructor(message: string, options: FeaturelabErrorOptions = {}) {
    super('SpecFolderError', message, options);
  }
}

/**
 * Another apply recorded a registry version after this plan was made. Nothing was written;
 * plan again against the new version and review the result.
 */
export class RegistryConflictError extends FeaturelabError {
  readonly expectedVersion: number;
  readonly actualVersion: number;

  constructor(expectedVersion: number, actualVersion: number) {
    super(
      'RegistryConflictError',
      `the registry is at version ${actualVersion}, but the plan was made against version ${expectedVersion}; nothing was applied`,
      {
        hint: 'Another apply ran in between. Run plan again, review the changes against the new version, then apply.'
      }
    );
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  override toErrorData(): RpcErrorData {
    // details carry the two versions for clients that offer "plan again".
    return {
      ...super.toErrorData(),
      details: [
        { pointer: '/expectedVersion', message: String(this.expectedVersion) },
        { pointer: '/actualVersion', message: String(this.actualVersion) }
      ]
    };
  }
}
