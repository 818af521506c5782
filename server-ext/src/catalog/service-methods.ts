import path from 'node:path';
import { InvalidArgumentsError, type CatalogEntryKind } from '@featurelab/core';
import type { Dispatcher, RequestContext } from '../jsonrpc/dispatcher.js';
import type { RegistryHandle } from '../registry/registry-handle.js';
import { CatalogService } from './catalog-service.js';
import { DEFAULT_LINEAGE_DEPTH, MAX_LINEAGE_DEPTH } from './lineage.js';
import type { CatalogQualitySource } from './quality.js';
import { SpecSourceLocator } from './source-locations.js';

const KINDS: readonly CatalogEntryKind[] = [
  'Entity',
  'FeatureGroup',
  'Feature',
  'SampleSet',
  'Model'
];

export interface CatalogMethodOptions {
  readonly workspace: string;
  /** Absolute spec folder of the workspace (config specs.folder), for source locations. */
  readonly specsFolder: string;
  readonly registry: RegistryHandle;
  /** Quality statuses; every entry is "unknown" without one. */
  readonly quality?: CatalogQualitySource;
}

/**
 * `catalog.list {}`, `catalog.get {kind, name}`, `catalog.diff {kind, name, fromVersion,
 * toVersion}` and `catalog.lineage {kind, name, depth?}` (schemas/catalog-params.schema.json,
 * results in schemas/catalog-result.schema.json). Read-only: every authenticated caller sees
 * the whole registry, as `featurelab plan` does.
 */
export function registerCatalogMethods(
  dispatcher: Dispatcher,
  options: CatalogMethodOptions
): void {
  const service = new CatalogService(
    options.registry,
    new SpecSourceLocator(path.resolve(options.workspace), path.resolve(options.specsFolder)),
    options.quality
  );
  dispatcher.register('catalog.list', ({ args }: RequestContext) => {
    onlyKeys(args, []);
    return service.list();
  });
  dispatcher.register('catalog.get', ({ args }: RequestContext) => {
    onlyKeys(args, ['kind', 'name']);
    return service.get(kindArg(args.kind), nameArg(args.name));
  });
  dispatcher.register('catalog.diff', ({ args }: RequestContext) => {
    onlyKeys(args, ['kind', 'name', 'fromVersion', 'toVersion']);
    return service.diff(
      kindArg(args.kind),
      nameArg(args.name),
      versionArg(args.fromVersion, 'fromVersion'),
      versionArg(args.toVersion, 'toVersion')
    );
  });
  dispatcher.register('catalog.lineage', ({ args }: RequestContext) => {
    onlyKeys(args, ['kind', 'name', 'depth']);
    return service.lineage(kindArg(args.kind), nameArg(args.name), depthArg(args.depth));
  });
}

function onlyKeys(args: Readonly<Record<string, unknown>>, allowed: readonly string[]): void {
  const unknown = Object.keys(args).filter(key => !allowed.includes(key));
  if (unknown.length > 0) {
    throw new InvalidArgumentsError(`unknown argument ${JSON.stringify(unknown[0])}`, {
      hint:
        allowed.length === 0
          ? 'Send {"args": {}}.'
          : `The arguments are ${allowed.map(key => JSON.stringify(key)).join(', ')}.`
    });
  }
}

function kindArg(value: unknown): CatalogEntryKind {
  if (typeof value !== 'string' || !KINDS.includes(value as CatalogEntryKind)) {
    throw new InvalidArgumentsError(
      `args.kind must be one of ${KINDS.join(', ')}, got ${JSON.stringify(value) ?? 'nothing'}`,
      { hint: 'Send the kind of a catalog entry, e.g. {"kind": "FeatureGroup", "name": "..."}.' }
    );
  }
  return value as CatalogEntryKind;
}

function nameArg(value: unknown): string {
  if (typeof value !== 'string' || value === '' || value.length > 1024) {
    throw new InvalidArgumentsError('args.name must be the name of a catalog entry', {
      hint: 'Send the entry\'s name; for a Feature "<feature group>.<feature>".'
    });
  }
  return value;
}

function versionArg(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentsError(`args.${name} must be a registry version (0, 1, 2...)`, {
      hint: 'Take the versions from catalog.get; 0 is the empty registry before the first apply.'
    });
  }
  return value;
}

function depthArg(value: unknown): number {
  if (value === undefined) {
    return DEFAULT_LINEAGE_DEPTH;
  }
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 0 ||
    value > MAX_LINEAGE_DEPTH
  ) {
    throw new InvalidArgumentsError(
      `args.depth must be an integer from 0 to ${MAX_LINEAGE_DEPTH}`,
      { hint: `Leave it out for ${DEFAULT_LINEAGE_DEPTH} steps each way.` }
    );
  }
  return value;
}
