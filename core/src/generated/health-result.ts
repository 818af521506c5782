/* eslint-disable */
/**
 * GENERATED FILE, DO NOT EDIT. Source: schemas/health-result.schema.json
 * Regenerate with `npm run build:schemas` (scripts/gen-schema-types.mjs).
 */

/**
 * Result of the `health` method.
 */
export interface HealthResult {
  /**
   * ok: everything checked works; degraded: usable with limits; error: the registry is not usable.
   */
  status: 'ok' | 'degraded' | 'error';
  version: string;
  protocol: number;
  uptimeSeconds: number;
  /**
   * Username of the caller, echoed.
   */
  user: string;
  registry: RegistryHealth;
  backends: BackendStatus[];
}
export interface RegistryHealth {
  kind: 'sqlite' | 'postgresql';
  /**
   * Database file path, or the URL without credentials.
   */
  location: string;
  /**
   * Applied migration version; 0 when unknown.
   */
  schemaVersion: number;
  ok: boolean;
  message?: string;
}
export interface BackendStatus {
  name: 'registry' | 'spark' | 'jobs';
  kind: 'sqlite' | 'postgresql' | 'local' | 'livy' | 'kubernetes';
  configured: boolean;
  detail: string;
}
