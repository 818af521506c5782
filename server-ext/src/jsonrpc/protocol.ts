import type { RpcErrorData } from '@featurelab/core';

/** Error codes of JSON-RPC 2.0, plus the one application code the service uses. */
export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  /** A typed Featurelab error; `data.kind` names it. */
  ApplicationError: -32000
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export type RequestId = string | number;

export interface JsonRpcError {
  code: ErrorCode;
  message: string;
  data?: RpcErrorData;
}

export interface JsonRpcSuccess {
  jsonrpc: '2.0';
  id: RequestId;
  result: unknown;
}

export interface JsonRpcFailure {
  jsonrpc: '2.0';
  /** null when the request's id could not be read. */
  id: RequestId | null;
  error: JsonRpcError;
}

export type JsonRpcResponse = JsonRpcSuccess | JsonRpcFailure;

export interface JsonRpcNotification {
  jsonrpc: '2.0';
  method: string;
  params?: unknown;
}

export function failure(id: RequestId | null, error: JsonRpcError): JsonRpcFailure {
  return { jsonrpc: '2.0', id, error };
}

export function notification(method: string, params: unknown): JsonRpcNotification {
  return { jsonrpc: '2.0', method, params };
}
