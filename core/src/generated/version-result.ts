/* eslint-disable */
/**
 * GENERATED FILE, DO NOT EDIT. Source: schemas/version-result.schema.json
 * Regenerate with `npm run build:schemas` (scripts/gen-schema-types.mjs).
 */

/**
 * Result of the `version` method.
 */
export interface VersionResult {
  /**
   * Service version (semver).
   */
  service: string;
  /**
   * Stdio protocol version.
   */
  protocol: number;
  /**
   * process.version of the Node running the service, e.g. v24.19.0
   */
  node: string;
}
