import {
  InvalidArgumentsError,
  RPC_REQUEST_PARAMS_SCHEMA,
  isFeaturelabError,
  type Caller,
  type RpcRequestParams
} from '@featurelab/core';
import type { Logger } from '../logger.js';
import { SchemaValidator } from '../schema-validation.js';
import { ErrorCode, failure, type JsonRpcResponse, type RequestId } from './protocol.js';

/** What a method handler receives. */
export interface RequestContext {
  readonly method: string;
  readonly id: RequestId;
  /** The authenticated caller, as set by the Jupyter server extension. */
  readonly user: Caller;
  readonly args: RpcRequestParams['args'];
}

/** Implements one method; returns a JSON-serializable result or throws. */
export type MethodHandler = (context: RequestContext) => unknown;

const paramsValidator = new SchemaValidator<RpcRequestParams>(RPC_REQUEST_PARAMS_SCHEMA);

/**
 * Routes JSON-RPC 2.0 requests to method handlers and turns every outcome into a response.
 *
 * Notifications from the client (no `id`) are accepted and ignored: no method of this
 * protocol is meaningful without a reply, and JSON-RPC forbids answering them.
 */
export class Dispatcher {
  private readonly methods = new Map<string, MethodHandler>();
  private readonly logger: Logger;

  constructor(logger: Logger) {
    this.logger = logger;
  }

  register(method: string, handler: MethodHandler): void {
    if (this.methods.has(method)) {
      throw new Error(`method ${method} is already registered`);
    }
    this.methods.set(method, handler);
  }

  /** Names of the registered methods, sorted. */
  get methodNames(): string[] {
    return [...this.methods.keys()].sort();
  }

  /**
   * Handle one framed body. Resolves to the response to send (an array for a batch), or
   * undefined when nothing must be sent.
   */
  async handleBody(body: string): Promise<JsonRpcResponse | JsonRpcResponse[] | undefined> {
    let message: unknown;
    try {
      message = JSON.parse(body);
    } catch (error) {
      return failure(null, {
        code: ErrorCode.ParseError,
        message: `Parse error: ${error instanceof Error ? error.message : String(error)}`
      });
    }
    if (Array.isArray(message)) {
      if (message.length === 0) {
        return failure(null, {
          code: ErrorCode.InvalidRequest,
          message: 'Invalid Request: empty batch'
        });
      }
      const responses = await Promise.all(message.map((item: unknown) => this.handleMessage(item)));
      const sent = responses.filter(
        (response): response is JsonRpcResponse => response !== undefined
      );
      return sent.length > 0 ? sent : undefined;
    }
    return this.handleMessage(message);
  }

  /** Handle one decoded message. */
  async handleMessage(message: unknown): Promise<JsonRpcResponse | undefined> {
    if (message === null || typeof message !== 'object' || Array.isArray(message)) {
      return invalidRequest(null, 'a request must be a JSON object');
    }
    const record = message as Record<string, unknown>;
    const id = readId(record);
    if (id === 'invalid') {
      return invalidRequest(null, 'id must be a string, a number or null');
    }
    if (record.jsonrpc !== '2.0') {
      return invalidRequest(id, 'jsonrpc must be "2.0"');
    }
    if (typeof record.method !== 'string') {
      if ('result' in record || 'error' in record) {
        // A response: the service sends no requests, so there is nothing it could answer.
        this.logger.debug('ignored a JSON-RPC response from the client', { id });
        return undefined;
      }
      return invalidRequest(id, 'method must be a string');
    }
    const method = record.method;
    if (id === undefined) {
      this.logger.debug('ignored a notification', { method });
      return undefined;
    }
    if (id === null) {
      return invalidRequest(null, 'id must not be null in a request');
    }
    const handler = this.methods.get(method);
    if (!handler) {
      return failure(id, {
        code: ErrorCode.MethodNotFound,
        message: `Method not found: ${method}`
      });
    }
    const params = paramsValidator.validate(record.params);
    if (!params.ok) {
      return failure(id, {
        code: ErrorCode.InvalidParams,
        message: `Invalid params: ${params.problems.map(p => `${p.pointer || '/'}: ${p.message}`).join('; ')}`,
        data: {
          kind: 'InvalidParamsError',
          hint: 'params must be {"user": {"username": "..."}, "args": {...}}; the Jupyter server extension sets user.',
          details: params.problems.map(problem => ({
            pointer: `/params${problem.pointer}`,
            message: problem.message
          }))
        }
      });
    }
    const context: RequestContext = {
      method,
      id,
      user: params.value.user,
      args: params.value.args
    };
    const started = performance.now();
    try {
      const result = await handler(context);
      this.logger.debug('request handled', { method, id, ms: elapsedMs(started) });
      return { jsonrpc: '2.0', id, result: result ?? null };
    } catch (error) {
      return this.failureFor(context, error, started);
    }
  }

  private failureFor(context: RequestContext, error: unknown, started: number): JsonRpcResponse {
    const { method, id } = context;
    if (error instanceof InvalidArgumentsError) {
      this.logger.info('request rejected', { method, id, error: error.message });
      return failure(id, {
        code: ErrorCode.InvalidParams,
        message: error.message,
        data: error.toErrorData()
      });
    }
    if (isFeaturelabError(error)) {
      this.logger.warn('request failed', { method, id, ms: elapsedMs(started), error });
      return failure(id, {
        code: ErrorCode.ApplicationError,
        message: error.message,
        data: error.toErrorData()
      });
    }
    this.logger.error('request failed unexpectedly', { method, id, ms: elapsedMs(started), error });
    return failure(id, {
      code: ErrorCode.InternalError,
      message: `Internal error in ${method}: ${error instanceof Error ? error.message : String(error)}`,
      data: {
        kind: 'InternalError',
        hint: 'This is a bug in Featurelab; the service log (stderr) has the stack trace.'
      }
    });
  }
}

/** The request id; undefined when absent (a notification); 'invalid' for a wrong type. */
function readId(record: Record<string, unknown>): RequestId | null | undefined | 'invalid' {
  if (!('id' in record)) {
    return undefined;
  }
  const id = record.id;
  if (id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))) {
    return id;
  }
  return 'invalid';
}

function invalidRequest(id: RequestId | null | undefined, reason: string): JsonRpcResponse {
  return failure(id ?? null, {
    code: ErrorCode.InvalidRequest,
    message: `Invalid Request: ${reason}`
  });
}

function elapsedMs(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
