/**
 * Public API of Featurelab's JupyterLab plugins: tokens other extensions can
 * require, and the types they expose.
 */
import type { HealthResult } from '@featurelab/core';
import type { ICatalogListing, KernelBridge } from '@featurelab/kernel-bridge';
import { Token } from '@lumino/coreutils';
import type { ISignal } from '@lumino/signaling';

import type { CatalogBrowserModel } from './catalog/browserModel.js';
import type { ICatalogClient } from './catalog/client.js';

/**
 * `GET featurelab/api/version` answer.
 */
export interface IVersionInfo {
  /** Version of the Python server extension (the shim). */
  shim: string;
  /** Version of the Featurelab service; null while it is not running. */
  service: string | null;
  protocol: number;
  /** The server's verdict on the client version it was sent. */
  compatible: boolean;
  message: string;
}

/**
 * The service's `health` result, as relayed by `/status` (generated from
 * `schemas/health-result.schema.json`).
 */
export type IServiceHealth = HealthResult;

/**
 * Lifecycle state of the service child process.
 */
export type ServiceProcessState = 'starting' | 'ready' | 'restarting' | 'failed' | 'stopped';

/**
 * `GET featurelab/api/status` answer.
 */
export interface IStatusInfo {
  shim: string;
  service: {
    state: ServiceProcessState;
    pid: number | null;
    restarts: number;
    lastExit: { code: number | null; signal: string | null; at: string } | null;
    version: string | null;
  };
  health: IServiceHealth | null;
  error: { code?: string; message?: string; hint?: string } | null;
}

/**
 * Overall health as shown to the user (and in `data-featurelab-status`).
 */
export type HealthLevel = 'ok' | 'degraded' | 'error' | 'unknown';

/**
 * The outcome of the version handshake.
 */
export type HandshakeOutcome =
  /** Frontend and server extension match; the service runs. */
  | { kind: 'compatible'; version: IVersionInfo }
  /** The server answers 404: the server extension is not installed or not enabled. */
  | { kind: 'not-installed' }
  /** The server extension answers, but the service is not (yet) running. */
  | { kind: 'service-unavailable'; detail: string; version?: IVersionInfo }
  /** Frontend and server extension versions do not match. */
  | { kind: 'mismatch'; version: IVersionInfo }
  /** The Jupyter server could not be reached at all. */
  | { kind: 'network-error'; detail: string }
  /** Any other answer. */
  | { kind: 'unexpected'; status: number; detail: string };

/**
 * The connection to the Featurelab server extension and service.
 */
export interface IFeaturelabService {
  /** The frontend version sent in the handshake. */
  readonly clientVersion: string;
  /** The handshake outcome; null until it has completed. */
  readonly handshake: HandshakeOutcome | null;
  /** Resolves with the outcome of the first handshake. */
  readonly ready: Promise<HandshakeOutcome>;
  /** Emitted when `handshake` changes. */
  readonly handshakeChanged: ISignal<IFeaturelabService, HandshakeOutcome>;
  /** The latest `/status` answer; null before the first or after a failure. */
  readonly status: IStatusInfo | null;
  /** Why the latest status request failed, or null. */
  readonly statusError: Error | null;
  /** Overall health derived from the handshake and the latest status. */
  readonly health: HealthLevel;
  /** Emitted when `status`, `statusError` or `health` change. */
  readonly statusChanged: ISignal<IFeaturelabService, HealthLevel>;
  /** Run the version handshake again. */
  checkVersion(): Promise<HandshakeOutcome>;
  /** Fetch the status now, outside the polling schedule. */
  refreshStatus(): Promise<void>;
}

/**
 * The token of the Featurelab server connection.
 */
export const IFeaturelabService = new Token<IFeaturelabService>(
  'jupyterlab-featurelab:IFeaturelabService',
  'The Featurelab server connection: version handshake and service status polling.'
);

/**
 * What the Spark catalog view currently shows.
 */
export type CatalogStatus =
  /** No notebook is open. */
  | 'no-notebook'
  /** The active notebook has no kernel. */
  | 'no-kernel'
  /** First load for this kernel is under way. */
  | 'loading'
  /** The kernel was busy; the list will load once it is idle. */
  | 'waiting'
  /** The kernel answered, but has no active SparkSession. */
  | 'no-session'
  /** Tables are available. */
  | 'ready'
  /** Loading failed; see `error`. */
  | 'error';

/**
 * The live Spark catalog of the active notebook's kernel.
 */
export interface ISparkCatalog {
  readonly status: CatalogStatus;
  /** The latest listing, kept while refreshing; null when there is none. */
  readonly listing: ICatalogListing | null;
  /** Why the latest refresh failed (when `status` is `error`). */
  readonly error: Error | null;
  /** Whether a refresh is in flight. */
  readonly refreshing: boolean;
  /** The bridge to the active notebook's kernel, if it has one. */
  readonly bridge: KernelBridge | null;
  /** Emitted whenever any of the above change. */
  readonly changed: ISignal<ISparkCatalog, void>;
  /** Reload the catalog now. */
  refresh(): Promise<void>;
}

/**
 * The token of the Spark catalog model.
 */
export const ISparkCatalog = new Token<ISparkCatalog>(
  'jupyterlab-featurelab:ISparkCatalog',
  "The live Spark catalog (tables, views and their schemas) of the active notebook's kernel."
);

/**
 * The feature catalog: the registry's entity, feature group, feature, sample set and model
 * entries, searchable in the sidebar and opened in detail views.
 */
export interface IFeatureCatalog {
  /** The browser's entries, query, filters and results. */
  readonly model: CatalogBrowserModel;
  /** The service's catalog and plan/apply methods. */
  readonly client: ICatalogClient;
  /** Open (or reveal) the detail view of a catalog object. */
  open(kind: string, name: string): Promise<void>;
  /** Reload the entries, e.g. after an apply. */
  refresh(): Promise<void>;
  /** Emitted when the user asks for the catalog: the view that shows it reveals its search box. */
  readonly searchRequested: ISignal<IFeatureCatalog, void>;
}

/**
 * The token of the feature catalog.
 */
export const IFeatureCatalog = new Token<IFeatureCatalog>(
  'jupyterlab-featurelab:IFeatureCatalog',
  "The feature catalog: search over the registry's features and their detail views."
);
