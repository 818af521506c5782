/* eslint-disable */
/**
 * GENERATED FILE, DO NOT EDIT. Source: schemas/rpc-request-params.schema.json
 * Regenerate with `npm run build:schemas` (scripts/gen-schema-types.mjs).
 */

/**
 * params of every JSON-RPC request to the service. The Jupyter server extension sets `user` from the authenticated Jupyter user; the service never takes identity from anywhere else.
 */
export interface RpcRequestParams {
  user: Caller;
  /**
   * Method arguments; each method validates its own.
   */
  args: {
    [k: string]: unknown | undefined;
  };
}
export interface Caller {
  username: string;
  displayName?: string;
}
