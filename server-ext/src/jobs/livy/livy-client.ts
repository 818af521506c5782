import axios, { type AxiosInstance, isAxiosError } from 'axios';
import { LivyRequestError, LivyUnreachableError } from './livy-errors.js';

/** Batch and session states as Livy reports them. */
export type LivyState =
  | 'not_started'
  | 'starting'
  | 'recovering'
  | 'idle'
  | 'running'
  | 'busy'
  | 'shutting_down'
  | 'error'
  | 'dead'
  | 'killed'
  | 'success';

export interface LivyBatch {
  readonly id: number;
  readonly name?: string | null;
  readonly proxyUser?: string | null;
  readonly state: LivyState;
  readonly appId?: string | null;
  readonly appInfo?: Record<string, string | null>;
  readonly log?: readonly string[];
}

export type LivySession = LivyBatch & { readonly kind?: string };

export interface LivyLogPage {
  readonly id: number;
  readonly from: number;
  readonly total: number;
  readonly log: readonly string[];
}

export type LivyStatementState =
  'waiting' | 'running' | 'available' | 'error' | 'cancelling' | 'cancelled';

export interface LivyStatementOutput {
  readonly status: 'ok' | 'error';
  readonly execution_count?: number;
  readonly data?: Record<string, unknown>;
  readonly ename?: string;
  readonly evalue?: string;
  readonly traceback?: readonly string[];
}

export interface LivyStatement {
  readonly id: number;
  readonly code?: string;
  readonly state: LivyStatementState;
  readonly output?: LivyStatementOutput | null;
  readonly progress?: number;
}

export interface CreateBatchRequest {
  readonly file: string;
  readonly args?: readonly string[];
  readonly name?: string;
  readonly proxyUser?: string;
  readonly conf?: Record<string, string>;
  readonly pyFiles?: readonly string[];
  readonly driverMemory?: string;
  readonly driverCores?: number;
  readonly executorMemory?: string;
  readonly executorCores?: number;
  readonly numExecutors?: number;
}

export interface CreateSessionRequest {
  readonly kind: string;
  readonly name?: string;
  readonly proxyUser?: string;
  readonly conf?: Record<string, string>;
  readonly heartbeatTimeoutInSecond?: number;
}

export interface LivyClientOptions {
  readonly url: string;
  readonly timeoutMs: number;
  readonly maxBackoffMs: number;
  readonly requestedBy: string;
  /** Told when Livy stops answering (with the error) and when it answers again. */
  readonly onReachability?: (reachable: boolean, error?: LivyUnreachableError) => void;
  readonly now?: () => number;
}

/** Livy's list endpoints return at most this many items per page. */
const PAGE_SIZE = 1000;

/**
 * Livy's REST API over axios. Every request carries the CSRF header and a timeout, so nothing
 * waits on a Livy that does not answer. After a failed connection, requests fail at once with
 * LivyUnreachableError until the backoff (1 s, doubling up to maxBackoffMs) has passed; the
 * first request after it tries Livy again, and any answer resets the backoff.
 */
export class LivyClient {
  readonly url: string;
  private readonly http: AxiosInstance;
  private readonly now: () => number;
  private failures = 0;
  private retryAt = 0;
  private lastError: LivyUnreachableError | undefined;

  constructor(private readonly options: LivyClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.now = options.now ?? Date.now;
    this.http = axios.create({
      baseURL: this.url,
      timeout: options.timeoutMs,
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'X-Requested-By': options.requestedBy
      },
      // Status codes are judged here, so Livy's {"msg"} reaches the error.
      validateStatus: () => true,
      // A Livy behind a proxy is configured by its URL; never pick one up from the environment.
      proxy: false,
      maxRedirects: 0
    });
  }

  /** True while requests fail fast because Livy did not answer recently. */
  get backingOff(): boolean {
    return this.failures > 0 && this.now() < this.retryAt;
  }

  version(): Promise<Record<string, string>> {
    return this.request('GET', '/version');
  }

  createBatch(body: CreateBatchRequest): Promise<LivyBatch> {
    return this.request('POST', '/batches', body);
  }

  /** The batch, or undefined when Livy does not know it (404). */
  getBatch(id: number): Promise<LivyBatch | undefined> {
    return this.orUndefined(this.request('GET', `/batches/${id}`));
  }

  async listBatches(): Promise<LivyBatch[]> {
    return this.listAll<LivyBatch>('/batches', 'sessions');
  }

  batchLog(id: number, from: number, size: number): Promise<LivyLogPage | undefined> {
    return this.orUndefined(this.request('GET', `/batches/${id}/log`, undefined, { from, size }));
  }

  /** Kill a batch; done when Livy no longer has it. */
  async deleteBatch(id: number): Promise<void> {
    await this.orUndefined(this.request('DELETE', `/batches/${id}`));
  }

  createSession(body: CreateSessionRequest): Promise<LivySession> {
    return this.request('POST', '/sessions', body);
  }

  getSession(id: number): Promise<LivySession | undefined> {
    return this.orUndefined(this.request('GET', `/sessions/${id}`));
  }

  listSessions(): Promise<LivySession[]> {
    return this.listAll<LivySession>('/sessions', 'sessions');
  }

  sessionLog(id: number, from: number, size: number): Promise<LivyLogPage | undefined> {
    return this.orUndefined(this.request('GET', `/sessions/${id}/log`, undefined, { from, size }));
  }

  async deleteSession(id: number): Promise<void> {
    await this.orUndefined(this.request('DELETE', `/sessions/${id}`));
  }

  createStatement(sessionId: number, code: string, kind?: string): Promise<LivyStatement> {
    return this.request(
      'POST',
      `/sessions/${sessionId}/statements`,
      kind === undefined ? { code } : { code, kind }
    );
  }

  getStatement(sessionId: number, statementId: number): Promise<LivyStatement | undefined> {
    return this.orUndefined(
      this.request('GET', `/sessions/${sessionId}/statements/${statementId}`)
    );
  }

  async cancelStatement(sessionId: number, statementId: number): Promise<void> {
    await this.orUndefined(
      this.request('POST', `/sessions/${sessionId}/statements/${statementId}/cancel`, {})
    );
  }

  private async listAll<T>(path: string, field: 'sessions'): Promise<T[]> {
    const all: T[] = [];
    for (let from = 0; ; from += PAGE_SIZE) {
      const page = await this.request<{ total: number; [key: string]: unknown }>(
        'GET',
        path,
        undefined,
        { from, size: PAGE_SIZE }
      );
      const items = (page[field] as T[] | undefined) ?? [];
      all.push(...items);
      if (items.length < PAGE_SIZE || all.length >= page.total) {
        return all;
      }
    }
  }

  private async orUndefined<T>(pending: Promise<T>): Promise<T | undefined> {
    try {
      return await pending;
    } catch (error) {
      if (error instanceof LivyRequestError && error.status === 404) {
        return undefined;
      }
      throw error;
    }
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    params?: Record<string, number>
  ): Promise<T> {
    if (this.backingOff && this.lastError) {
      throw new LivyUnreachableError(
        this.url,
        `${this.lastError.detail}; not retried before the backoff ends`,
        new Date(this.retryAt),
        { cause: this.lastError }
      );
    }
    let response;
    try {
      response = await this.http.request<unknown>({
        method,
        url: path,
        data: body,
        params,
        responseType: 'json'
      });
    } catch (error) {
      throw this.unreachable(error);
    }
    this.reachable();
    if (response.status >= 200 && response.status < 300) {
      return response.data as T;
    }
    throw new LivyRequestError(method, path, response.status, livyMessage(response.data));
  }

  private unreachable(error: unknown): LivyUnreachableError {
    this.failures += 1;
    const delay = Math.min(this.options.maxBackoffMs, 1000 * 2 ** (this.failures - 1));
    this.retryAt = this.now() + delay;
    const first = this.lastError === undefined;
    this.lastError = new LivyUnreachableError(this.url, describe(error), new Date(this.retryAt), {
      cause: error
    });
    if (first) {
      this.options.onReachability?.(false, this.lastError);
    }
    return this.lastError;
  }

  private reachable(): void {
    if (this.lastError !== undefined) {
      this.failures = 0;
      this.retryAt = 0;
      this.lastError = undefined;
      this.options.onReachability?.(true);
    }
  }
}

function describe(error: unknown): string {
  if (isAxiosError(error)) {
    if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') {
      return `no answer within the request timeout (${error.message})`;
    }
    return error.code === undefined ? error.message : `${error.code}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Livy's errors are {"msg": "..."}; its CSRF and servlet errors are Jetty HTML pages. */
function livyMessage(data: unknown): string {
  if (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as { msg?: unknown }).msg === 'string'
  ) {
    return (data as { msg: string }).msg;
  }
  if (typeof data === 'string') {
    const reason = /<pre>\s*([^<]*?)\s*<\/pre>/i.exec(data)?.[1];
    return (reason ?? data.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim().slice(0, 500);
  }
  return 'no message';
}
