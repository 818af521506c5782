/**
 * The frontend half of the Featurelab kernel bridge.
 *
 * One `KernelBridge` talks to one kernel connection. It loads the Python helper
 * with a silent execute, opens a comm on the `featurelab.bridge` target and
 * correlates requests and replies by id. It never sends while the kernel is
 * busy and never produces output in the notebook.
 */
import type { Kernel, KernelMessage } from '@jupyterlab/services';
import type { JSONObject, JSONValue } from '@lumino/coreutils';
import { UUID } from '@lumino/coreutils';
import type { IDisposable } from '@lumino/disposable';
import { type ISignal, Signal } from '@lumino/signaling';

import { type ArrowTable, decodeArrowIPC } from './arrow.js';
import { catalogTablesFromArrow, type ICatalogListing } from './catalog.js';
import {
  BridgeCancelledError,
  BridgeProtocolError,
  BridgeRemoteError,
  BridgeTimeoutError,
  HelperNotInstalledError,
  HelperRegistrationError,
  KernelBridgeError,
  KernelBusyError,
  KernelUnavailableError,
  UnsupportedKernelError
} from './errors.js';

/**
 * Comm target the Python helper registers.
 */
export const BRIDGE_TARGET = 'featurelab.bridge';

/**
 * Code that loads the helper and registers its comm target. `__import__`
 * keeps the user's namespace untouched: nothing is bound to a name.
 */
export const REGISTER_CODE = '__import__("featurelab.bridge").bridge.register()';

/**
 * Methods of the bridge protocol.
 */
export type BridgeMethod = 'ping' | 'catalog' | 'preview' | 'analyze' | 'saveFeatureGroup';

/**
 * Per-request options.
 */
export interface IBridgeRequestOptions {
  /** How long to wait for the reply once sent, in ms. */
  timeoutMs?: number;
  /** How long to wait for a busy kernel to become idle before giving up, in ms. */
  idleWaitMs?: number;
  /** Cancels waiting; a reply arriving later is dropped. */
  signal?: AbortSignal;
}

/**
 * A successful reply: the `result` object and the binary buffers.
 */
export interface IBridgeReply {
  readonly result: JSONObject;
  readonly buffers: readonly (ArrayBuffer | ArrayBufferView)[];
}

/**
 * The answer of `ping`.
 */
export interface IPingResult {
  /** Version of the Python helper. */
  readonly helper: string;
  /** Spark version of the active session, or null. */
  readonly spark: string | null;
  readonly sessionActive: boolean;
}

/**
 * What to preview: a catalog table, or the result of a SQL query.
 */
export type PreviewSource = { readonly table: string } | { readonly sql: string };

/**
 * The answer of `preview`.
 */
export interface IPreviewResult {
  readonly rowCount: number;
  readonly table: ArrowTable;
}

/**
 * One column of a schema as Spark prints it.
 */
export interface ISparkColumn {
  readonly name: string;
  /** Spark's `simpleString` of the type. */
  readonly type: string;
  readonly nullable: boolean;
}

/**
 * A relation of Spark's analyzed plan: a CTE, an aliased subquery, or `$result`.
 */
export interface IAnalyzedRelation {
  readonly name: string;
  readonly columns: readonly ISparkColumn[];
}

/**
 * The answer of `analyze`: Spark's schemas, `$result` last.
 */
export interface IAnalyzeResult {
  readonly relations: readonly IAnalyzedRelation[];
}

/**
 * What `saveFeatureGroup` writes: a FeatureGroup spec for a query.
 */
export interface ISaveFeatureGroupArgs {
  /** The query (a SELECT or WITH ... SELECT). */
  readonly sql: string;
  /** The query's output schema. */
  readonly columns: readonly ISparkColumn[];
  readonly name: string;
  /** An Entity declared in the folder. */
  readonly entity: string;
  /** The event-time column; chosen by name when omitted. */
  readonly eventTime?: string;
  /** Tables the query reads (lineage). */
  readonly tables: readonly string[];
  /** Spec folder, relative to the workspace. */
  readonly folder: string;
  readonly owner?: string;
  readonly description?: string;
  readonly overwrite?: boolean;
}

/**
 * Where the bridge stands with its kernel.
 */
export type BridgeState = 'unregistered' | 'registering' | 'ready' | 'disposed';

interface IPending {
  readonly method: BridgeMethod;
  resolve(reply: IBridgeReply): void;
  reject(error: KernelBridgeError): void;
}

/**
 * Kernel states after which the helper's comm target is gone.
 */
const RESET_STATES: ReadonlySet<Kernel.Status> = new Set<Kernel.Status>([
  'restarting',
  'autorestarting',
  'dead',
  'terminating'
]);

/**
 * How many message ids of our own to remember (see `isOwnMessage`).
 */
const OWN_MESSAGE_MEMORY = 64;

/**
 * Talks to the Featurelab helper in one kernel.
 */
export class KernelBridge implements IDisposable {
  constructor(options: KernelBridge.IOptions) {
    this.kernel = options.kernel;
    this._timeoutMs = options.timeoutMs ?? KernelBridge.DEFAULT_TIMEOUT_MS;
    this._idleWaitMs = options.idleWaitMs ?? KernelBridge.DEFAULT_IDLE_WAIT_MS;
    this.kernel.statusChanged.connect(this._onKernelStatus, this);
    this.kernel.disposed.connect(this.dispose, this);
  }

  /**
   * The kernel this bridge talks to.
   */
  readonly kernel: Kernel.IKernelConnection;

  /**
   * Registration state of the helper in the kernel.
   */
  get state(): BridgeState {
    return this._state;
  }

  /**
   * Emitted when `state` changes.
   */
  get stateChanged(): ISignal<this, BridgeState> {
    return this._stateChanged;
  }

  get isDisposed(): boolean {
    return this._state === 'disposed';
  }

  /**
   * Request timeout used when a call does not give one, in ms.
   */
  get timeoutMs(): number {
    return this._timeoutMs;
  }
  set timeoutMs(value: number) {
    this._timeoutMs = value;
  }

  /**
   * Whether a kernel message (by its header's `msg_id`) was sent by this
   * bridge. The kernel reports busy/idle for our requests too; callers that
   * react to the user's executions use this to ignore ours.
   */
  isOwnMessage(msgId: string): boolean {
    return this._ownMessages.includes(msgId);
  }

  /**
   * Check the helper is alive; answers its version and the Spark state.
   */
  async ping(options?: IBridgeRequestOptions): Promise<IPingResult> {
    const { result } = await this.request('ping', {}, options);
    return {
      helper: typeof result.helper === 'string' ? result.helper : '',
      spark: typeof result.spark === 'string' ? result.spark : null,
      sessionActive: result.sessionActive === true
    };
  }

  /**
   * List the tables of the kernel's SparkSession catalog with their schemas.
   */
  async listCatalog(options?: IBridgeRequestOptions): Promise<ICatalogListing> {
    const { result, buffers } = await this.request('catalog', {}, options);
    const sessionActive = result.sessionActive === true;
    const sparkVersion = typeof result.sparkVersion === 'string' ? result.sparkVersion : null;
    if (buffers.length === 0) {
      if (sessionActive) {
        throw new BridgeProtocolError(
          'The catalog reply of an active session carries no Arrow table.'
        );
      }
      return { sessionActive, sparkVersion, tables: [] };
    }
    const table = await decodeArrowIPC(buffers[0]);
    return { sessionActive, sparkVersion, tables: catalogTablesFromArrow(table) };
  }

  /**
   * Fetch the first `limit` rows of a table or SQL query as an Arrow table.
   */
  async preview(
    source: PreviewSource,
    limit: number,
    options?: IBridgeRequestOptions
  ): Promise<IPreviewResult> {
    const args: JSONObject =
      'table' in source ? { table: source.table, limit } : { sql: source.sql, limit };
    const { result, buffers } = await this.request('preview', args, options);
    if (buffers.length === 0) {
      throw new BridgeProtocolError('The preview reply carries no Arrow table.');
    }
    const table = await decodeArrowIPC(buffers[0]);
    const rowCount = typeof result.rowCount === 'number' ? result.rowCount : table.numRows;
    return { rowCount, table };
  }

  /**
   * Ask the real Spark analyzer for the schema of a query and of its CTEs. The
   * helper refuses anything but a single query (`NotAQueryError`) before
   * Spark sees it.
   */
  async analyze(sql: string, options?: IBridgeRequestOptions): Promise<IAnalyzeResult> {
    const { result } = await this.request('analyze', { sql }, options);
    const relations = Array.isArray(result.relations) ? result.relations : [];
    return {
      relations: relations.filter(isJSONObject).map(relation => ({
        name: typeof relation.name === 'string' ? relation.name : '',
        columns: (Array.isArray(relation.columns) ? relation.columns : [])
          .filter(isJSONObject)
          .map(column => ({
            name: typeof column.name === 'string' ? column.name : '',
            type: typeof column.type === 'string' ? column.type : 'unknown',
            nullable: column.nullable !== false
          }))
      }))
    };
  }

  /**
   * Write a FeatureGroup spec for a query into the spec folder; answers the
   * paths written.
   */
  async saveFeatureGroup(
    args: ISaveFeatureGroupArgs,
    options?: IBridgeRequestOptions
  ): Promise<readonly string[]> {
    const request: JSONObject = {
      sql: args.sql,
      columns: args.columns.map(c => ({ name: c.name, type: c.type, nullable: c.nullable })),
      name: args.name,
      entity: args.entity,
      tables: [...args.tables],
      folder: args.folder,
      overwrite: args.overwrite === true
    };
    for (const key of ['eventTime', 'owner', 'description'] as const) {
      const value = args[key];
      if (value) {
        request[key] = value;
      }
    }
    const { result } = await this.request('saveFeatureGroup', request, options);
    return Array.isArray(result.paths)
      ? result.paths.filter((p): p is string => typeof p === 'string')
      : [];
  }

  /**
   * Send one request and wait for its reply.
   *
   * Loads the helper first when needed, waits until the kernel is idle, and
   * rejects with a `KernelBridgeError` subclass on every failure.
   */
  async request(
    method: BridgeMethod,
    args: JSONObject,
    options: IBridgeRequestOptions = {}
  ): Promise<IBridgeReply> {
    const timeoutMs = options.timeoutMs ?? this._timeoutMs;
    const idleWaitMs = options.idleWaitMs ?? this._idleWaitMs;
    const signal = options.signal;
    const comm = await raceAbort(
      this._ensureRegistered(method, timeoutMs, idleWaitMs),
      method,
      signal
    );
    await this._waitForIdle(method, idleWaitMs, signal);
    this._throwIfDisposed();
    return this._send(comm, method, args, timeoutMs, signal);
  }

  /**
   * Reject everything pending and stop listening to the kernel. The kernel
   * itself is left alone: it belongs to the notebook.
   */
  dispose(): void {
    if (this._state === 'disposed') {
      return;
    }
    this._reset(new KernelUnavailableError('disposed'));
    this._setState('disposed');
    this.kernel.statusChanged.disconnect(this._onKernelStatus, this);
    this.kernel.disposed.disconnect(this.dispose, this);
    Signal.clearData(this);
  }

  private _send(
    comm: Kernel.IComm,
    method: BridgeMethod,
    args: JSONObject,
    timeoutMs: number,
    signal: AbortSignal | undefined
  ): Promise<IBridgeReply> {
    return new Promise<IBridgeReply>((resolve, reject) => {
      const id = UUID.uuid4();
      const settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this._pending.delete(id);
      };
      const onAbort = () => {
        settle();
        reject(new BridgeCancelledError(method));
      };
      const timer = setTimeout(() => {
        settle();
        reject(new BridgeTimeoutError(method, timeoutMs));
      }, timeoutMs);
      if (signal?.aborted) {
        onAbort();
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      this._pending.set(id, {
        method,
        resolve: reply => {
          settle();
          resolve(reply);
        },
        reject: error => {
          settle();
          reject(error);
        }
      });
      try {
        const request: JSONValue = { id, method, args };
        const future = comm.send(request, {}, [], true);
        this._remember(future.msg.header.msg_id);
      } catch {
        settle();
        reject(new KernelUnavailableError('comm-closed'));
      }
    });
  }

  /**
   * Make sure the helper's comm is open; shares one registration between
   * concurrent callers and starts over after a kernel restart.
   */
  private _ensureRegistered(
    method: BridgeMethod,
    timeoutMs: number,
    idleWaitMs: number
  ): Promise<Kernel.IComm> {
    this._throwIfDisposed();
    if (!this._registration) {
      // Shared by concurrent callers, so it does not follow any one caller's
      // abort signal; each caller stops waiting on its own (`raceAbort`).
      const registration = this._register(method, timeoutMs, idleWaitMs);
      this._registration = registration;
      // A failed registration is not cached: the user may install the helper
      // and try again without reloading the page.
      registration.catch(() => {
        if (this._registration === registration) {
          this._registration = null;
          if (this._state === 'registering') {
            this._setState('unregistered');
          }
        }
      });
    }
    return this._registration;
  }

  private async _register(
    method: BridgeMethod,
    timeoutMs: number,
    idleWaitMs: number
  ): Promise<Kernel.IComm> {
    this._setState('registering');
    const generation = this._generation;
    const info = await this._withTimeout(this.kernel.info, method, timeoutMs);
    const language = info.language_info.name;
    if (language && language.toLowerCase() !== 'python') {
      throw new UnsupportedKernelError(language);
    }
    await this._waitForIdle(method, idleWaitMs, undefined);
    this._throwIfDisposed();
    const future = this.kernel.requestExecute(
      {
        code: REGISTER_CODE,
        silent: true,
        store_history: false,
        allow_stdin: false,
        stop_on_error: false
      },
      true
    );
    this._remember(future.msg.header.msg_id);
    const reply = await this._withTimeout(future.done, method, timeoutMs);
    if (generation !== this._generation) {
      // The kernel restarted while we waited; its comm target is gone.
      throw new KernelUnavailableError('restarted');
    }
    const content = reply.content;
    if (content.status === 'error') {
      if (content.ename === 'ModuleNotFoundError' || content.ename === 'ImportError') {
        throw new HelperNotInstalledError(`${content.ename}: ${content.evalue}`);
      }
      throw new HelperRegistrationError(content.ename, content.evalue);
    }
    if (content.status !== 'ok') {
      throw new HelperRegistrationError('ExecutionAborted', content.status);
    }
    const comm = this.kernel.createComm(BRIDGE_TARGET);
    comm.onMsg = msg => this._onCommMsg(msg);
    comm.onClose = () => this._onCommClose(comm);
    const openFuture = comm.open({});
    this._remember(openFuture.msg.header.msg_id);
    this._comm = comm;
    this._setState('ready');
    return comm;
  }

  private _onCommMsg(msg: KernelMessage.ICommMsgMsg): void {
    const data = msg.content.data;
    const id = data.id;
    if (typeof id !== 'string') {
      return;
    }
    // Replies to requests that timed out or were cancelled are dropped here.
    const pending = this._pending.get(id);
    if (!pending) {
      return;
    }
    if (data.ok === true) {
      const result = data.result;
      pending.resolve({
        result: isJSONObject(result) ? result : {},
        buffers: msg.buffers ?? []
      });
      return;
    }
    const error = isJSONObject(data.error) ? data.error : {};
    if (data.ok === false) {
      pending.reject(
        new BridgeRemoteError(
          pending.method,
          typeof error.kind === 'string' ? error.kind : 'Error',
          typeof error.message === 'string' ? error.message : ''
        )
      );
      return;
    }
    pending.reject(new BridgeProtocolError(`The reply to "${pending.method}" has no "ok" flag.`));
  }

  private _onCommClose(comm: Kernel.IComm): void {
    if (this._comm === comm) {
      this._reset(new KernelUnavailableError('comm-closed'));
    }
  }

  private _onKernelStatus(_: Kernel.IKernelConnection, status: Kernel.Status): void {
    if (RESET_STATES.has(status)) {
      this._reset(new KernelUnavailableError(status === 'dead' ? 'dead' : 'restarted'));
    }
    for (const waiter of [...this._idleWaiters]) {
      waiter(status);
    }
  }

  /**
   * Forget the registration and fail everything in flight. The next request
   * registers the helper again (after a restart the kernel has forgotten it).
   */
  private _reset(reason: KernelBridgeError): void {
    this._generation++;
    this._registration = null;
    const comm = this._comm;
    this._comm = null;
    if (comm && !comm.isDisposed) {
      comm.dispose();
    }
    for (const pending of [...this._pending.values()]) {
      pending.reject(reason);
    }
    this._pending.clear();
    if (reason instanceof KernelUnavailableError && reason.reason === 'disposed') {
      for (const waiter of [...this._idleWaiters]) {
        waiter('disposed');
      }
    }
    if (this._state !== 'disposed') {
      this._setState('unregistered');
    }
  }

  /**
   * Resolve when the kernel is idle. Rejects with `KernelBusyError` after
   * `waitMs`, `BridgeCancelledError` on abort, `KernelUnavailableError` if the
   * kernel dies or the bridge is disposed meanwhile.
   */
  private _waitForIdle(
    method: BridgeMethod,
    waitMs: number,
    signal: AbortSignal | undefined
  ): Promise<void> {
    this._throwIfDisposed();
    if (signal?.aborted) {
      return Promise.reject(new BridgeCancelledError(method));
    }
    const status = this.kernel.status;
    if (status === 'idle') {
      return Promise.resolve();
    }
    if (status === 'dead') {
      return Promise.reject(new KernelUnavailableError('dead'));
    }
    return new Promise<void>((resolve, reject) => {
      const finish = (outcome: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this._idleWaiters.delete(waiter);
        outcome();
      };
      const waiter = (next: Kernel.Status | 'disposed') => {
        if (next === 'disposed') {
          finish(() => reject(new KernelUnavailableError('disposed')));
        } else if (next === 'idle') {
          finish(resolve);
        } else if (next === 'dead') {
          finish(() => reject(new KernelUnavailableError('dead')));
        }
      };
      const onAbort = () => finish(() => reject(new BridgeCancelledError(method)));
      const timer = setTimeout(() => finish(() => reject(new KernelBusyError(waitMs))), waitMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this._idleWaiters.add(waiter);
    });
  }

  private _withTimeout<T>(
    promise: Promise<T>,
    method: BridgeMethod,
    timeoutMs: number
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new BridgeTimeoutError(method, timeoutMs)), timeoutMs);
      promise.then(
        value => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(
            error instanceof KernelBridgeError ? error : new KernelUnavailableError('disposed')
          );
        }
      );
    });
  }

  private _remember(msgId: string): void {
    this._ownMessages.push(msgId);
    if (this._ownMessages.length > OWN_MESSAGE_MEMORY) {
      this._ownMessages.shift();
    }
  }

  private _throwIfDisposed(): void {
    if (this._state === 'disposed') {
      throw new KernelUnavailableError('disposed');
    }
  }

  private _setState(state: BridgeState): void {
    if (this._state !== state) {
      this._state = state;
      this._stateChanged.emit(state);
    }
  }

  private _state: BridgeState = 'unregistered';
  private _stateChanged = new Signal<this, BridgeState>(this);
  private _timeoutMs: number;
  private _idleWaitMs: number;
  private _registration: Promise<Kernel.IComm> | null = null;
  private _comm: Kernel.IComm | null = null;
  private _generation = 0;
  private _pending = new Map<string, IPending>();
  private _idleWaiters = new Set<(status: Kernel.Status | 'disposed') => void>();
  private _ownMessages: string[] = [];
}

/**
 * A namespace for `KernelBridge` statics.
 */
export namespace KernelBridge {
  /**
   * Options to create a bridge.
   */
  export interface IOptions {
    kernel: Kernel.IKernelConnection;
    /** Default reply timeout in ms. */
    timeoutMs?: number;
    /** Default wait for a busy kernel in ms. */
    idleWaitMs?: number;
  }

  export const DEFAULT_TIMEOUT_MS = 30_000;
  export const DEFAULT_IDLE_WAIT_MS = 10_000;
}

/**
 * Let one caller stop waiting for a shared promise without cancelling it.
 */
function raceAbort<T>(
  promise: Promise<T>,
  method: BridgeMethod,
  signal: AbortSignal | undefined
): Promise<T> {
  if (!signal) {
    return promise;
  }
  if (signal.aborted) {
    return Promise.reject(new BridgeCancelledError(method));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new BridgeCancelledError(method));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      }
    );
  });
}

function isJSONObject(value: unknown): value is JSONObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
