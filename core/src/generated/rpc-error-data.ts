/* eslint-disable */
/**
 * GENERATED FILE, DO NOT EDIT. Source: schemas/rpc-error-data.schema.json
 * Regenerate with `npm run build:schemas` (scripts/gen-schema-types.mjs).
 */

/**
 * `data` of a JSON-RPC error object sent by the service.
 */
export interface RpcErrorData {
  /**
   * Name of the typed error, e.g. RegistryUnavailableError.
   */
  kind: string;
  /**
   * How to fix it, for a person.
   */
  hint?: string;
  /**
   * Machine-readable specifics, e.g. validation problems.
   */
  details?: ErrorDetail[];
}
export interface ErrorDetail {
  /**
   * JSON pointer of the offending value.
   */
  pointer: string;
  message: string;
}
