/**
 * Version of the stdio protocol between the Jupyter server extension and the service, and of
 * the REST API built on it. Bumped only for incompatible changes.
 */
export const PROTOCOL_VERSION = 1;

/**
 * The numeric part of a semantic version.
 */
export interface ParsedVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Pre-release tag without the dash, e.g. "rc.1"; empty when absent. */
  readonly prerelease: string;
}

const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * Parse "1.2.3", "v1.2.3", "1.2.3-rc.1+build"; undefined when the text is not a version.
 */
export function parseVersion(text: string): ParsedVersion | undefined {
  const match = SEMVER.exec(text.trim());
  if (!match) {
    return undefined;
  }
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    prerelease: match[4] ?? ''
  };
}

/**
 * Whether two Featurelab components can talk to each other: the same major and minor version.
 * Patch releases only fix bugs, so they never break the frontend <-> service contract.
 * Unparseable versions are never compatible.
 */
export function isCompatible(a: string, b: string): boolean {
  const left = parseVersion(a);
  const right = parseVersion(b);
  if (!left || !right) {
    return false;
  }
  return left.major === right.major && left.minor === right.minor;
}
