/* eslint-disable */
/**
 * GENERATED FILE, DO NOT EDIT. Source: schemas/ready-notification.schema.json
 * Regenerate with `npm run build:schemas` (scripts/gen-schema-types.mjs).
 */

/**
 * params of the `featurelab/ready` notification the service sends once it accepts requests.
 */
export interface ReadyNotificationParams {
  /**
   * Service version (semver).
   */
  version: string;
  /**
   * Stdio protocol version.
   */
  protocol: number;
  pid: number;
}
