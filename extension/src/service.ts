/**
 * The connection to the Featurelab server extension: version handshake at
 * start-up, then status polling.
 */
import type { ServerConnection } from '@jupyterlab/services';
import type { IDisposable } from '@lumino/disposable';
import { type IPoll, Poll } from '@lumino/polling';
import { type ISignal, Signal } from '@lumino/signaling';

import { classifyHandshake } from './handshake.js';
import { requestAPI } from './request.js';
import type {
  HandshakeOutcome,
  HealthLevel,
  IFeaturelabService,
  IStatusInfo,
  IVersionInfo
} from './tokens.js';

/**
 * Overall health from the handshake and the latest status.
 *
 * Exported for tests; the rules are the contract of `data-featurelab-status`.
 */
export function deriveHealth(
  handshake: HandshakeOutcome | null,
  status: IStatusInfo | null,
  statusError: Error | null
): HealthLevel {
  if (handshake && handshake.kind !== 'compatible' && handshake.kind !== 'service-unavailable') {
    return 'error';
  }
  if (statusError) {
    return 'error';
  }
  if (!status) {
    return handshake?.kind === 'service-unavailable' ? 'degraded' : 'unknown';
  }
  switch (status.service.state) {
    case 'failed':
    case 'stopped':
      return 'error';
    case 'starting':
    case 'restarting':
      return 'degraded';
    case 'ready':
      break;
  }
  if (!status.health) {
    return 'degraded';
  }
  return status.health.status === 'ok'
    ? 'ok'
    : status.health.status === 'degraded'
      ? 'degraded'
      : 'error';
}

/**
 * Implementation of `IFeaturelabService` over the REST API.
 */
export class FeaturelabService implements IFeaturelabService, IDisposable {
  constructor(options: FeaturelabService.IOptions) {
    this.clientVersion = options.clientVersion;
    this._serverSettings = options.serverSettings;
    this._ready = new Promise(resolve => (this._resolveReady = resolve));
    const interval = options.pollIntervalMs ?? FeaturelabService.DEFAULT_POLL_INTERVAL_MS;
    this._poll = new Poll({
      name: 'featurelab:status',
      auto: false,
      factory: () => this._fetchStatus(),
      frequency: FeaturelabService.frequency(interval),
      // No requests while the page is hidden; a visible page resumes at once.
      standby: 'when-hidden'
    });
  }

  readonly clientVersion: string;

  get handshake(): HandshakeOutcome | null {
    return this._handshake;
  }

  get ready(): Promise<HandshakeOutcome> {
    return this._ready;
  }

  get handshakeChanged(): ISignal<this, HandshakeOutcome> {
    return this._handshakeChanged;
  }

  get status(): IStatusInfo | null {
    return this._status;
  }

  get statusError(): Error | null {
    return this._statusError;
  }

  get health(): HealthLevel {
    return deriveHealth(this._handshake, this._status, this._statusError);
  }

  get statusChanged(): ISignal<this, HealthLevel> {
    return this._statusChanged;
  }

  get isDisposed(): boolean {
    return this._poll.isDisposed;
  }

  /**
   * Polling interval when healthy, in ms. Failures back off up to ten times it.
   */
  set pollIntervalMs(value: number) {
    this._poll.frequency = FeaturelabService.frequency(value);
  }

  /**
   * Run the handshake, then start status polling (also after a failed
   * handshake: the service may come up later and the status shows it).
   */
  async start(): Promise<HandshakeOutcome> {
    const outcome = await this.checkVersion();
    void this._poll.start();
    return outcome;
  }

  async checkVersion(): Promise<HandshakeOutcome> {
    let outcome: HandshakeOutcome;
    try {
      const version = await requestAPI<IVersionInfo>('version', this._serverSettings, {
        query: { client: this.clientVersion }
      });
      outcome = classifyHandshake(this.clientVersion, { version });
    } catch (error) {
      outcome = classifyHandshake(this.clientVersion, { error });
    }
    this._handshake = outcome;
    this._resolveReady(outcome);
    this._handshakeChanged.emit(outcome);
    this._statusChanged.emit(this.health);
    return outcome;
  }

  async refreshStatus(): Promise<void> {
    await this._poll.refresh();
    await this._poll.tick;
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._poll.dispose();
    Signal.clearData(this);
  }

  private async _fetchStatus(): Promise<void> {
    try {
      const status = await requestAPI<IStatusInfo>('status', this._serverSettings);
      this._update(status, null);
    } catch (error) {
      this._update(null, error instanceof Error ? error : new Error(String(error)));
      // Rejecting makes the poll back off while the server is unreachable.
      throw error;
    }
  }

  private _update(status: IStatusInfo | null, error: Error | null): void {
    const before = JSON.stringify([this._status, this._statusError?.message ?? null]);
    this._status = status;
    this._statusError = error;
    const after = JSON.stringify([status, error?.message ?? null]);
    if (before !== after) {
      this._statusChanged.emit(this.health);
    }
  }

  private _serverSettings: ServerConnection.ISettings;
  private _handshake: HandshakeOutcome | null = null;
  private _ready: Promise<HandshakeOutcome>;
  private _resolveReady: (outcome: HandshakeOutcome) => void = () => undefined;
  private _handshakeChanged = new Signal<this, HandshakeOutcome>(this);
  private _status: IStatusInfo | null = null;
  private _statusError: Error | null = null;
  private _statusChanged = new Signal<this, HealthLevel>(this);
  private _poll: Poll;
}

/**
 * A namespace for `FeaturelabService` statics.
 */
export namespace FeaturelabService {
  export interface IOptions {
    serverSettings: ServerConnection.ISettings;
    clientVersion: string;
    pollIntervalMs?: number;
  }

  export const DEFAULT_POLL_INTERVAL_MS = 10_000;

  /**
   * Poll frequency for an interval: back off on failures up to 10x.
   */
  export function frequency(intervalMs: number): IPoll.Frequency {
    return { interval: intervalMs, backoff: true, max: intervalMs * 10 };
  }
}
