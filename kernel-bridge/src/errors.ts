/**
 * Typed errors of the kernel bridge.
 *
 * Every failure the bridge can report has its own class so that callers (the
 * catalog model, UI) can pick a precise message and remedy with `instanceof`
 * instead of parsing message strings.
 */

/**
 * Base class of all kernel bridge errors.
 */
export class KernelBridgeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // Keep the subclass name visible in logs and `String(error)`.
    this.name = new.target.name;
  }
}

/**
 * The Python helper (`featurelab.bridge`) cannot be imported in the kernel.
 */
export class HelperNotInstalledError extends KernelBridgeError {
  constructor(
    readonly detail: string,
    options?: { cause?: unknown }
  ) {
    super(
      "The Featurelab kernel helper is not installed in this kernel's environment " +
        `(${detail}). Run \`pip install jupyterlab-featurelab\` with the Python ` +
        'of this kernel (for example `%pip install jupyterlab-featurelab` in a cell), ' +
        'then restart the kernel.',
      options
    );
  }
}

/**
 * The helper was importable but registering the comm target failed.
 */
export class HelperRegistrationError extends KernelBridgeError {
  constructor(
    readonly ename: string,
    readonly evalue: string
  ) {
    super(`Registering the Featurelab kernel helper failed: ${ename}: ${evalue}`);
  }
}

/**
 * The kernel does not run Python, so the helper cannot exist there.
 */
export class UnsupportedKernelError extends KernelBridgeError {
  constructor(readonly language: string) {
    super(`The Featurelab kernel bridge needs a Python kernel; this kernel runs "${language}".`);
  }
}

/**
 * The kernel stayed busy longer than the caller was willing to wait.
 *
 * The bridge never queues its requests behind a running cell: a catalog
 * refresh must not wait for (nor delay) a long Spark job.
 */
export class KernelBusyError extends KernelBridgeError {
  constructor(readonly waitedMs: number) {
    super(`The kernel stayed busy for ${waitedMs} ms; the request was not sent.`);
  }
}

/**
 * No reply arrived within the request timeout.
 */
export class BridgeTimeoutError extends KernelBridgeError {
  constructor(
    readonly method: string,
    readonly timeoutMs: number
  ) {
    super(`The kernel did not answer "${method}" within ${timeoutMs} ms.`);
  }
}

/**
 * The caller cancelled the request (through its `AbortSignal`).
 */
export class BridgeCancelledError extends KernelBridgeError {
  constructor(readonly method: string) {
    super(`The request "${method}" was cancelled.`);
  }
}

/**
 * The kernel restarted, died or was shut down while a request was pending,
 * or the bridge itself was disposed.
 */
export class KernelUnavailableError extends KernelBridgeError {
  constructor(readonly reason: 'restarted' | 'dead' | 'disposed' | 'comm-closed') {
    super(
      {
        restarted: 'The kernel restarted before it answered.',
        dead: 'The kernel is dead.',
        disposed: 'The kernel connection was closed.',
        'comm-closed': 'The kernel closed the Featurelab bridge channel.'
      }[reason]
    );
  }
}

/**
 * The helper answered with `ok: false`.
 */
export class BridgeRemoteError extends KernelBridgeError {
  constructor(
    readonly method: string,
    /** The Python-side error kind, e.g. `AnalysisException`. */
    readonly kind: string,
    readonly remoteMessage: string
  ) {
    super(`${kind}: ${remoteMessage}`);
  }
}

/**
 * The helper answered something that does not follow the bridge protocol.
 */
export class BridgeProtocolError extends KernelBridgeError {}

/**
 * A Spark `StructType.json()` document could not be understood.
 */
export class SparkTypeParseError extends KernelBridgeError {}
