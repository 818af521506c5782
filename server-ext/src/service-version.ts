/**
 * Release of the service. Kept in step with server-ext/package.json (a test checks it); a
 * constant rather than a package.json import so the bundle needs no file next to it.
 */
export const SERVICE_VERSION = '0.1.0';

/** Oldest Node major the service runs on (node:sqlite, util.parseArgs, --disable-warning). */
export const MIN_NODE_MAJOR = 24;
