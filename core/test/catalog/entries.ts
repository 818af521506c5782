import type { CatalogEntry } from '@featurelab/core';

/** A catalog entry with defaults for the fields a test does not care about. */
export function entry(
  partial: Partial<CatalogEntry> & Pick<CatalogEntry, 'kind' | 'name'>
): CatalogEntry {
  const id =
    partial.kind === 'Feature'
      ? `Feature:${partial.featureGroup ?? 'group'}.${partial.name}`
      : `${partial.kind}:${partial.name}`;
  return {
    id,
    description: '',
    owner: '',
    tags: [],
    entities: [],
    online: false,
    quality: 'unknown',
    updatedVersion: 1,
    ...partial
  };
}

export function feature(
  group: string,
  name: string,
  extra: Partial<CatalogEntry> = {}
): CatalogEntry {
  return entry({ kind: 'Feature', name, featureGroup: group, type: 'bigint', ...extra });
}
