import {
  FeaturelabError,
  type ErrorDetail,
  type FeaturelabErrorOptions,
  type RpcErrorData
} from '@featurelab/core';

/**
 * The configuration file cannot be read, is not JSON, or does not match the schema.
 */
export class ConfigError extends FeaturelabError {
  /** The file that was read. */
  readonly file: string;
  /** One entry per problem, located by JSON pointer; empty for unreadable files. */
  readonly details: readonly ErrorDetail[];

  constructor(
    message: string,
    file: string,
    details: readonly ErrorDetail[],
    options: FeaturelabErrorOptions = {}
  ) {
    super('ConfigError', message, options);
    this.file = file;
    this.details = details;
  }

  override toErrorData(): RpcErrorData {
    return { ...super.toErrorData(), details: [...this.details] };
  }
}

/**
 * The registry database cannot be opened, migrated or queried.
 */
export class RegistryUnavailableError extends FeaturelabError {
  constructor(message: string, options: FeaturelabErrorOptions = {}) {
    super('RegistryUnavailableError', message, options);
  }
}

/**
 * A registry migration failed; its transaction was rolled back.
 */
export class RegistryMigrationError extends FeaturelabError {
  readonly version: number;

  constructor(version: number, name: string, options: FeaturelabErrorOptions = {}) {
    super(
      'RegistryMigrationError',
      `registry migration ${version} (${name}) failed and was rolled back`,
      options
    );
    this.version = version;
  }
}

/**
 * The command line is wrong: unknown command or flag, missing value.
 */
export class UsageError extends FeaturelabError {
  constructor(message: string, options: FeaturelabErrorOptions = {}) {
    super('UsageError', message, options);
  }
}
