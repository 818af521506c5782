/**
 * Version handshake rules: how an answer (or failure) of
 * `GET featurelab/api/version` is classified, and what the user is told.
 *
 * Kept free of I/O so that every case is unit tested.
 */
import { isCompatible } from '@featurelab/core';
import type { TranslationBundle } from '@jupyterlab/translation';

import { NetworkError, ResponseError } from './request.js';
import type { HandshakeOutcome, IVersionInfo } from './tokens.js';

/**
 * Classify the handshake answer, or the error thrown while asking.
 */
export function classifyHandshake(
  clientVersion: string,
  answer: { version: IVersionInfo } | { error: unknown }
): HandshakeOutcome {
  if ('error' in answer) {
    const error = answer.error;
    if (error instanceof ResponseError) {
      if (error.status === 404) {
        return { kind: 'not-installed' };
      }
      if (error.status === 502 || error.status === 503 || error.status === 504) {
        return { kind: 'service-unavailable', detail: error.message };
      }
      return { kind: 'unexpected', status: error.status, detail: error.message };
    }
    if (error instanceof NetworkError) {
      return { kind: 'network-error', detail: error.message };
    }
    return {
      kind: 'unexpected',
      status: 0,
      detail: error instanceof Error ? error.message : String(error)
    };
  }
  const version = answer.version;
  if (!version || typeof version.shim !== 'string') {
    return { kind: 'unexpected', status: 200, detail: 'malformed version answer' };
  }
  // The server decides (`compatible`), and the client checks too: an older
  // server may have had a looser rule.
  if (!version.compatible || !isCompatible(clientVersion, version.shim)) {
    return { kind: 'mismatch', version };
  }
  if (version.service === null) {
    return {
      kind: 'service-unavailable',
      detail: version.message || 'the service is not running',
      version
    };
  }
  return { kind: 'compatible', version };
}

/**
 * What to tell the user about a handshake outcome.
 */
export interface IHandshakeMessage {
  /** `error` blocks Featurelab; `warning` may fix itself (service starting). */
  severity: 'error' | 'warning';
  /** What is wrong. */
  message: string;
  /** How to fix it. */
  fix: string;
}

/**
 * The message for an outcome; null when everything is fine.
 */
export function describeHandshake(
  outcome: HandshakeOutcome,
  clientVersion: string,
  trans: TranslationBundle
): IHandshakeMessage | null {
  switch (outcome.kind) {
    case 'compatible':
      return null;
    case 'not-installed':
      return {
        severity: 'error',
        message: trans.__(
          'The Featurelab server extension is not installed or not enabled on this Jupyter server.'
        ),
        fix: trans.__(
          'Install it in the environment that runs Jupyter Server (`pip install jupyterlab-featurelab==%1`), check that `jupyter server extension list` shows `jupyterlab_featurelab` enabled and OK, then restart the server.',
          clientVersion
        )
      };
    case 'mismatch':
      return {
        severity: 'error',
        message: trans.__(
          'Featurelab versions do not match: this page runs frontend %1, the server runs %2 (service %3).',
          clientVersion,
          outcome.version.shim,
          outcome.version.service ?? trans.__('not running')
        ),
        fix: trans.__(
          'Reinstall one package for both halves (`pip install --upgrade jupyterlab-featurelab` in the server environment), make sure `jupyter labextension list` shows no second copy of jupyterlab-featurelab, restart the server and reload this page.'
        )
      };
    case 'service-unavailable':
      return {
        severity: 'warning',
        message: trans.__('The Featurelab service is not running (%1).', outcome.detail),
        fix: trans.__(
          'It restarts on its own; if this persists, look for `featurelab` lines in the Jupyter server log and run `featurelab doctor` in a terminal.'
        )
      };
    case 'network-error':
      return {
        severity: 'error',
        message: trans.__('The Jupyter server could not be reached: %1', outcome.detail),
        fix: trans.__('Check that the server is running, then reload this page.')
      };
    case 'unexpected':
      return {
        severity: 'error',
        message: trans.__(
          'The Featurelab server extension answered unexpectedly (HTTP %1: %2).',
          outcome.status,
          outcome.detail
        ),
        fix: trans.__('Check the Jupyter server log for errors from `jupyterlab_featurelab`.')
      };
  }
}
