/* eslint-disable */
/**
 * GENERATED FILE, DO NOT EDIT. Source: schemas/*.schema.json
 * Regenerate with `npm run build:schemas` (scripts/gen-schema-types.mjs).
 */

export * from './catalog-params.js';
export * from './catalog-result.js';
export * from './health-result.js';
export * from './job-logs-result.js';
export * from './job-settings.js';
export * from './job-spec.js';
export * from './job-view.js';
export * from './ready-notification.js';
export * from './rpc-error-data.js';
export * from './rpc-request-params.js';
export * from './service-config.js';
export * from './spec-document.js';
export * from './spec-plan-result.js';
export * from './validation-suite.js';
export * from './version-result.js';
export * from './schemas.js';
