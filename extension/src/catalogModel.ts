/**
 * The live view of the active notebook's Spark catalog.
 */
import {
  BridgeCancelledError,
  type ICatalogListing,
  KernelBridge,
  KernelBusyError,
  KernelUnavailableError
} from '@featurelab/kernel-bridge';
import type { ISessionContext } from '@jupyterlab/apputils';
import type { Kernel, KernelMessage } from '@jupyterlab/services';
import type { IDisposable } from '@lumino/disposable';
import { type ISignal, Signal } from '@lumino/signaling';

import type { CatalogStatus, ISparkCatalog } from './tokens.js';

/**
 * Follows the current notebook of a tracker and keeps the Spark catalog of
 * its kernel up to date.
 *
 * Refreshes when the kernel changes or restarts and, debounced, after each
 * execution a user started finishes (a cell may have created a table). Our
 * own bridge traffic also makes the kernel busy and idle; it is told apart so
 * that a refresh never triggers the next one.
 */
export class SparkCatalogModel implements ISparkCatalog, IDisposable {
  constructor(options: SparkCatalogModel.IOptions) {
    this._tracker = options.tracker;
    this._createBridge = options.createBridge ?? (kernel => new KernelBridge({ kernel }));
    this.debounceMs = options.debounceMs ?? SparkCatalogModel.DEFAULT_DEBOUNCE_MS;
    this._tracker.currentChanged.connect(this._onCurrentChanged, this);
    this._setNotebook(this._tracker.currentWidget);
  }

  /**
   * Delay between the end of a user execution and the refresh, in ms. Runs
   * of many cells in a row cause one refresh.
   */
  debounceMs: number;

  /**
   * Reply timeout applied to the bridges this model creates, in ms.
   */
  get bridgeTimeoutMs(): number | null {
    return this._bridgeTimeoutMs;
  }
  set bridgeTimeoutMs(value: number | null) {
    this._bridgeTimeoutMs = value;
    if (this._bridge && value !== null) {
      this._bridge.timeoutMs = value;
    }
  }

  get status(): CatalogStatus {
    return this._status;
  }

  get listing(): ICatalogListing | null {
    return this._listing;
  }

  get error(): Error | null {
    return this._error;
  }

  get refreshing(): boolean {
    return this._refreshing;
  }

  get bridge(): KernelBridge | null {
    return this._bridge;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Reload the catalog now. A refresh already in flight is cancelled.
   */
  async refresh(): Promise<void> {
    this._clearDebounce();
    const bridge = this._bridge;
    if (!bridge) {
      return;
    }
    this._inflight?.abort();
    const controller = new AbortController();
    this._inflight = controller;
    this._refreshing = true;
    if (!this._listing && this._status !== 'error') {
      this._status = 'loading';
    }
    this._changed.emit();
    try {
      const listing = await bridge.listCatalog({ signal: controller.signal });
      if (controller.signal.aborted || bridge !== this._bridge) {
        return;
      }
      this._listing = listing;
      this._error = null;
      this._status = listing.sessionActive ? 'ready' : 'no-session';
    } catch (error) {
      if (controller.signal.aborted || bridge !== this._bridge) {
        return;
      }
      if (error instanceof BridgeCancelledError) {
        return;
      }
      if (error instanceof KernelBusyError) {
        // A cell is running (or the kernel is still starting): load as soon
        // as the kernel is idle.
        this._awaitingIdle = true;
        if (!this._listing) {
          this._status = 'waiting';
        }
      } else if (
        error instanceof KernelUnavailableError &&
        (error.reason === 'restarted' || error.reason === 'disposed')
      ) {
        // The kernel went away under us; its status handler takes over.
      } else {
        this._error = error instanceof Error ? error : new Error(String(error));
        this._status = 'error';
      }
    } finally {
      if (this._inflight === controller) {
        this._inflight = null;
        this._refreshing = false;
        this._changed.emit();
      }
    }
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._tracker.currentChanged.disconnect(this._onCurrentChanged, this);
    this._setNotebook(null);
    Signal.clearData(this);
  }

  private _onCurrentChanged(): void {
    this._setNotebook(this._tracker.currentWidget);
  }

  private _setNotebook(notebook: SparkCatalogModel.INotebook | null): void {
    const context = notebook?.sessionContext ?? null;
    if (context === this._sessionContext) {
      return;
    }
    if (this._sessionContext) {
      this._sessionContext.kernelChanged.disconnect(this._onKernelChanged, this);
      this._sessionContext.statusChanged.disconnect(this._onStatusChanged, this);
    }
    this._sessionContext = context;
    if (context) {
      context.kernelChanged.connect(this._onKernelChanged, this);
      context.statusChanged.connect(this._onStatusChanged, this);
    }
    this._setKernel(context?.session?.kernel ?? null);
  }

  private _onKernelChanged(): void {
    this._setKernel(this._sessionContext?.session?.kernel ?? null);
  }

  private _setKernel(kernel: Kernel.IKernelConnection | null): void {
    if (kernel === this._kernel) {
      if (!kernel) {
        this._setStatus(this._sessionContext ? 'no-kernel' : 'no-notebook');
      }
      return;
    }
    this._clearDebounce();
    this._inflight?.abort();
    this._inflight = null;
    this._refreshing = false;
    if (this._kernel) {
      this._kernel.iopubMessage.disconnect(this._onIOPub, this);
    }
    this._bridge?.dispose();
    this._bridge = null;
    this._kernel = kernel;
    this._listing = null;
    this._error = null;
    this._userExecutions.clear();
    this._awaitingIdle = false;
    if (!kernel) {
      this._status = this._sessionContext ? 'no-kernel' : 'no-notebook';
      this._changed.emit();
      return;
    }
    kernel.iopubMessage.connect(this._onIOPub, this);
    this._bridge = this._createBridge(kernel);
    if (this._bridgeTimeoutMs !== null) {
      this._bridge.timeoutMs = this._bridgeTimeoutMs;
    }
    this._status = 'loading';
    this._changed.emit();
    void this.refresh();
  }

  private _onStatusChanged(_: ISessionContext, status: Kernel.Status): void {
    if (status === 'restarting' || status === 'autorestarting') {
      // The restarted kernel has no SparkSession; don't show stale tables.
      this._inflight?.abort();
      this._inflight = null;
      this._refreshing = false;
      this._listing = null;
      this._error = null;
      this._status = 'loading';
      this._awaitingIdle = true;
      this._changed.emit();
    } else if (status === 'dead') {
      this._listing = null;
      this._status = 'error';
      this._error = new KernelUnavailableError('dead');
      this._changed.emit();
    } else if (status === 'idle' && this._awaitingIdle) {
      this._awaitingIdle = false;
      void this.refresh();
    }
  }

  /**
   * Watch the kernel's iopub traffic for executions a user started: only
   * those broadcast `execute_input` (silent executes, like the bridge's, and
   * comm messages don't). When such an execution ends (`status: idle` with
   * it as parent), schedule a refresh.
   */
  private _onIOPub(_: Kernel.IKernelConnection, msg: KernelMessage.IIOPubMessage): void {
    const parentId =
      msg.parent_header && 'msg_id' in msg.parent_header ? msg.parent_header.msg_id : undefined;
    if (!parentId || this._bridge?.isOwnMessage(parentId)) {
      return;
    }
    if (msg.header.msg_type === 'execute_input') {
      this._userExecutions.add(parentId);
      return;
    }
    if (
      msg.header.msg_type === 'status' &&
      (msg.content as KernelMessage.IStatusMsg['content']).execution_state === 'idle' &&
      this._userExecutions.delete(parentId)
    ) {
      this._scheduleRefresh();
    }
  }

  private _setStatus(status: CatalogStatus): void {
    if (this._status !== status) {
      this._status = status;
      this._changed.emit();
    }
  }

  private _scheduleRefresh(): void {
    this._clearDebounce();
    this._debounce = setTimeout(() => {
      this._debounce = null;
      void this.refresh();
    }, this.debounceMs);
  }

  private _clearDebounce(): void {
    if (this._debounce !== null) {
      clearTimeout(this._debounce);
      this._debounce = null;
    }
  }

  private _tracker: SparkCatalogModel.INotebookSource;
  private _createBridge: (kernel: Kernel.IKernelConnection) => KernelBridge;
  private _bridgeTimeoutMs: number | null = null;
  private _sessionContext: ISessionContext | null = null;
  private _kernel: Kernel.IKernelConnection | null = null;
  private _bridge: KernelBridge | null = null;
  private _status: CatalogStatus = 'no-notebook';
  private _listing: ICatalogListing | null = null;
  private _error: Error | null = null;
  private _refreshing = false;
  private _inflight: AbortController | null = null;
  private _debounce: ReturnType<typeof setTimeout> | null = null;
  /** Refresh at the next idle status (after a restart or a busy kernel). */
  private _awaitingIdle = false;
  private _userExecutions = new Set<string>();
  private _changed = new Signal<this, void>(this);
  private _isDisposed = false;
}

/**
 * A namespace for `SparkCatalogModel` statics.
 */
export namespace SparkCatalogModel {
  /**
   * The part of a notebook panel the model needs.
   */
  export interface INotebook {
    readonly sessionContext: ISessionContext;
  }

  /**
   * The part of `INotebookTracker` the model needs.
   */
  export interface INotebookSource {
    readonly currentWidget: INotebook | null;
    readonly currentChanged: ISignal<unknown, unknown>;
  }

  export interface IOptions {
    tracker: INotebookSource;
    /** Creates the bridge for a kernel; tests pass a fake. */
    createBridge?: (kernel: Kernel.IKernelConnection) => KernelBridge;
    debounceMs?: number;
  }

  export const DEFAULT_DEBOUNCE_MS = 750;
}
