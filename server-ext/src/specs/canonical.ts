import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level and no whitespace. Two specs that mean the same
 * give the same text whatever the key order or formatting of their YAML, so an unchanged
 * folder plans as unchanged by comparing hashes only.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** sha256 of the text, hex. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // Code-unit order, not localeCompare: the order must not depend on the machine's locale.
    return Object.fromEntries(
      Object.keys(record)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .map(key => [key, sortKeys(record[key])])
    );
  }
  return value;
}
