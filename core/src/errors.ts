import type { RpcErrorData } from './generated/index.js';

/**
 * Options of a Featurelab error.
 */
export interface FeaturelabErrorOptions {
  /** How a person fixes it, as a concrete step. */
  hint?: string;
  /** The lower-level error, kept for logs. */
  cause?: unknown;
}

/**
 * Base class of every error Featurelab raises on purpose.
 *
 * `kind` is a stable name that crosses process boundaries (JSON-RPC `error.data.kind`, REST
 * error bodies), so it is passed explicitly instead of read from `constructor.name`, which a
 * minifier may rename.
 */
export class FeaturelabError extends Error {
  readonly kind: string;
  readonly hint: string | undefined;

  constructor(kind: string, message: string, options: FeaturelabErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = kind;
    this.kind = kind;
    this.hint = options.hint;
  }

  /** The `data` of a JSON-RPC error carrying this error. */
  toErrorData(): RpcErrorData {
    return this.hint === undefined ? { kind: this.kind } : { kind: this.kind, hint: this.hint };
  }
}

/**
 * Two components (frontend, shim, service) speak different protocol or release versions.
 */
export class IncompatibleVersionError extends FeaturelabError {
  readonly expected: string;
  readonly actual: string;

  constructor(
    component: string,
    expected: string,
    actual: string,
    options: FeaturelabErrorOptions = {}
  ) {
    super(
      'IncompatibleVersionError',
      `${component} version ${actual} is not compatible with ${expected} (major and minor must match)`,
      {
        hint:
          options.hint ??
          'Install the same Featurelab release for JupyterLab, the server extension and the service, then restart JupyterLab.',
        cause: options.cause
      }
    );
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * Arguments of a request or command are missing or malformed.
 */
export class InvalidArgumentsError extends FeaturelabError {
  constructor(message: string, options: FeaturelabErrorOptions = {}) {
    super('InvalidArgumentsError', message, options);
  }
}

/**
 * Type guard that also accepts errors from another copy of this module (e.g. a bundle), by shape.
 */
export function isFeaturelabError(value: unknown): value is FeaturelabError {
  if (value instanceof FeaturelabError) {
    return true;
  }
  return (
    value instanceof Error &&
    typeof (value as { kind?: unknown }).kind === 'string' &&
    typeof (value as { toErrorData?: unknown }).toErrorData === 'function'
  );
}
