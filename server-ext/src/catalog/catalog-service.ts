import {
  InvalidArgumentsError,
  type CatalogDetail,
  type CatalogDiffChange,
  type CatalogDiffResult,
  type CatalogEntry,
  type CatalogEntryKind,
  type CatalogJsonValue,
  type CatalogListResult,
  type FeatureGroupSpec,
  type FieldChange,
  type LineageGraph,
  type QualityStatus
} from '@featurelab/core';
import { RegistryUnavailableError } from '../errors.js';
import { diffSpecs } from '../plan/diff.js';
import type { RegistryHandle } from '../registry/registry-handle.js';
import { catalogStoreOf, type CatalogStore } from './catalog-store.js';
import { CatalogModel, type CatalogFeature, type CatalogObject } from './catalog-model.js';
import { CatalogNotFoundError } from './errors.js';
import { DEFAULT_LINEAGE_DEPTH, lineageAround } from './lineage.js';
import { NO_QUALITY, type CatalogQualitySource } from './quality.js';
import type { SpecSourceLocator } from './source-locations.js';

/** What catalog.get and friends resolved a (kind, name) to. */
type Resolved =
  | { readonly kind: 'object'; readonly object: CatalogObject }
  | { readonly kind: 'feature'; readonly feature: CatalogFeature };

/**
 * The catalog read API over the registry (`catalog.list/get/diff/lineage`). The model of the
 * registry is built once per registry version and kept until an apply records a new one;
 * every call first reads the head version (one cheap query) to know whether it is current.
 */
export class CatalogService {
  private cached: Promise<CatalogModel> | undefined;
  private cachedVersion = -1;

  constructor(
    private readonly registry: RegistryHandle,
    private readonly locator: SpecSourceLocator,
    private readonly quality: CatalogQualitySource = NO_QUALITY
  ) {}

  async list(): Promise<CatalogListResult> {
    const model = await this.model();
    return { registryVersion: model.version, entries: await this.withQuality(model.entries) };
  }

  async get(kind: CatalogEntryKind, name: string): Promise<CatalogDetail> {
    const { model, store } = await this.current();
    const resolved = resolve(model, kind, name);
    const [entry] = await this.withQuality([entryOf(resolved)]);
    const group = groupOf(resolved);
    const versions = await store.history(group.kind, group.name);
    const sourceFile =
      resolved.kind === 'feature'
        ? this.locator.locate('FeatureGroup', group.name, resolved.feature.name)
        : this.locator.locate(group.kind, group.name);
    return {
      entry,
      spec: group.spec as unknown as CatalogDetail['spec'],
      sourceFile,
      versions,
      usedBy: model.usedBy(kind, refName(resolved)),
      lineage: lineageAround(model, group.entry.id, DEFAULT_LINEAGE_DEPTH)
    };
  }

  async diff(
    kind: CatalogEntryKind,
    name: string,
    fromVersion: number,
    toVersion: number
  ): Promise<CatalogDiffResult> {
    const { model, store } = await this.current();
    for (const [field, version] of [
      ['fromVersion', fromVersion],
      ['toVersion', toVersion]
    ] as const) {
      if (version > model.version) {
        throw new InvalidArgumentsError(
          `args.${field} ${version} is after the registry's latest version ${model.version}`,
          { hint: `Pick versions from catalog.get's versions list (0 to ${model.version}).` }
        );
      }
    }
    // Diffing needs the object's history, not its current state: a deleted object still has
    // one. Features are diffed inside their group's spec.
    const { specKind, specName, feature } = historyTarget(model, kind, name);
    const [before, after] = await Promise.all([
      specAt(store, specKind, specName, fromVersion),
      specAt(store, specKind, specName, toVersion)
    ]);
    if (
      before === null &&
      after === null &&
      (await store.history(specKind, specName)).length === 0
    ) {
      throw notFound(model, kind, name);
    }
    let changes: CatalogDiffChange[];
    if (feature === undefined) {
      changes = diffSpecs(before ?? {}, after ?? {}).map(change => toCatalogChange(change, ''));
    } else {
      // The feature's own fields, with pointers into its group's spec at the version each
      // side comes from.
      const old = featureIn(before, feature);
      const now = featureIn(after, feature);
      if (old === undefined && now === undefined && model.feature(name) === undefined) {
        throw notFound(model, kind, name);
      }
      changes = diffSpecs(old?.value ?? {}, now?.value ?? {}).map(change =>
        toCatalogChange(
          change,
          `/features/${(change.op === 'remove' ? old?.index : now?.index) ?? 0}`
        )
      );
    }
    return { kind, name, fromVersion, toVersion, changes };
  }

  async lineage(kind: CatalogEntryKind, name: string, depth: number): Promise<LineageGraph> {
    const model = await this.model();
    return lineageAround(model, groupOf(resolve(model, kind, name)).entry.id, depth);
  }

  private async withQuality(entries: readonly CatalogEntry[]): Promise<CatalogEntry[]> {
    const statuses = await this.quality.statuses();
    if (statuses.size === 0) {
      return [...entries];
    }
    return entries.map(entry => {
      const status: QualityStatus | undefined = statuses.get(entry.id);
      return status === undefined ? entry : { ...entry, quality: status };
    });
  }

  private async model(): Promise<CatalogModel> {
    return (await this.current()).model;
  }

  private async current(): Promise<{ model: CatalogModel; store: CatalogStore }> {
    await this.registry.open();
    const open = this.registry.current;
    if (!open) {
      throw new RegistryUnavailableError('the registry is not available', {
        hint: 'Run `featurelab doctor` or look at the service status for the reason.'
      });
    }
    const store = catalogStoreOf(open);
    const head = await store.headVersion();
    if (this.cached === undefined || this.cachedVersion !== head) {
      this.cachedVersion = head;
      this.cached = store.list().then(listing => new CatalogModel(listing));
      // A failed read must not stay cached.
      this.cached.catch(() => {
        this.cached = undefined;
        this.cachedVersion = -1;
      });
    }
    return { model: await this.cached, store };
  }
}

function resolve(model: CatalogModel, kind: CatalogEntryKind, name: string): Resolved {
  if (kind === 'Feature') {
    const feature = model.feature(name);
    if (feature === undefined) {
      throw notFound(model, kind, name);
    }
    return { kind: 'feature', feature };
  }
  const object = model.object(kind, name);
  if (object === undefined) {
    throw notFound(model, kind, name);
  }
  return { kind: 'object', object };
}

function entryOf(resolved: Resolved): CatalogEntry {
  return resolved.kind === 'feature' ? resolved.feature.entry : resolved.object.entry;
}

/** The registered spec behind the entry: a feature's group, otherwise the object itself. */
function groupOf(resolved: Resolved): CatalogObject {
  return resolved.kind === 'feature' ? resolved.feature.group : resolved.object;
}

/** The name usedBy and hints use: "group.feature" for features, with the stored spelling. */
function refName(resolved: Resolved): string {
  return resolved.kind === 'feature'
    ? `${resolved.feature.group.name}.${resolved.feature.name}`
    : resolved.object.name;
}

/** Which registry history a diff reads. */
function historyTarget(
  model: CatalogModel,
  kind: CatalogEntryKind,
  name: string
): { specKind: CatalogObject['kind']; specName: string; feature?: string } {
  if (kind === 'Feature') {
    const dot = name.indexOf('.');
    if (dot <= 0 || dot === name.length - 1) {
      throw new InvalidArgumentsError(
        `a Feature is named "<feature group>.<feature>", got ${JSON.stringify(name)}`,
        { hint: 'Send e.g. {"kind": "Feature", "name": "user_engagement_1d.clicks_1d"}.' }
      );
    }
    const group = name.slice(0, dot);
    return {
      specKind: 'FeatureGroup',
      specName: model.object('FeatureGroup', group)?.name ?? group,
      feature: name.slice(dot + 1)
    };
  }
  return { specKind: kind, specName: model.object(kind, name)?.name ?? name };
}

async function specAt(
  store: CatalogStore,
  kind: CatalogObject['kind'],
  name: string,
  version: number
): Promise<Record<string, unknown> | null> {
  const json = await store.specAt(kind, name, version);
  return json === null ? null : (JSON.parse(json) as Record<string, unknown>);
}

function featureIn(
  spec: Record<string, unknown> | null,
  feature: string
): { value: unknown; index: number } | undefined {
  const features = (spec as FeatureGroupSpec | null)?.features ?? [];
  const index = features.findIndex(
    candidate => candidate.name.toLowerCase() === feature.toLowerCase()
  );
  return index < 0 ? undefined : { value: features[index], index };
}

function toCatalogChange(change: FieldChange, prefix: string): CatalogDiffChange {
  const out: CatalogDiffChange = {
    pointer: `${prefix}${change.pointer}`,
    action: change.op === 'replace' ? 'change' : change.op
  };
  if (change.op !== 'add') {
    out.before = change.old as CatalogJsonValue;
  }
  if (change.op !== 'remove') {
    out.after = change.new as CatalogJsonValue;
  }
  return out;
}

function notFound(model: CatalogModel, kind: CatalogEntryKind, name: string): CatalogNotFoundError {
  const close = closestName(model.namesOf(kind), name);
  const suggestion = close === undefined ? '' : ` Did you mean ${JSON.stringify(close)}?`;
  const shape = kind === 'Feature' ? ' Features are named "<feature group>.<feature>".' : '';
  return new CatalogNotFoundError(
    `the registry (version ${model.version}) has no ${kind} named ${JSON.stringify(name)}`,
    {
      hint: `catalog.list shows what is registered; apply the spec folder (featurelab apply) to register new specs.${shape}${suggestion}`
    }
  );
}

/** The registered name nearest to `name` (case-insensitive edit distance <= 3), if any. */
function closestName(names: readonly string[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of names) {
    if (Math.abs(candidate.length - wanted.length) >= bestDistance) {
      continue;
    }
    const distance = editDistance(candidate.toLowerCase(), wanted);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
      );
    }
    previous = current;
  }
  return previous[b.length];
}
