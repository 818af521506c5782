import type {
  CatalogEntry,
  CatalogEntryKind,
  CatalogObjectRef,
  LineageEdge,
  ModelSpec,
  SampleSetSpec,
  SpecDocument,
  SpecKind
} from '@featurelab/core';
import type { RegistryListing } from './catalog-store.js';

/** One registered spec with its catalog entry. */
export interface CatalogObject {
  readonly kind: SpecKind;
  /** As stored (feature groups keep the case they were applied with). */
  readonly name: string;
  readonly spec: SpecDocument;
  readonly entry: CatalogEntry;
}

/** A feature with its entry and the group it belongs to. */
export interface CatalogFeature {
  readonly group: CatalogObject;
  readonly name: string;
  readonly index: number;
  readonly entry: CatalogEntry;
}

/** Lineage edge kinds by the kinds of their ends; see LineageEdge. */
type Edge = LineageEdge;

/** "Entity:user", "FeatureGroup:clicks", "Feature:clicks.clicks_7d": CatalogEntry and node ids. */
export function entryId(kind: CatalogEntryKind, name: string): string {
  return `${kind}:${name}`;
}

export function tableId(table: string): string {
  return `table:${table.toLowerCase()}`;
}

/**
 * The catalog at one registry version: entries for every spec and feature, and the lineage
 * edges the specs declare. Built once per version from one listing (JSON parsing only); the
 * edges a Spark SQL source implies are added lazily by lineage.ts, since parsing SQL is costly.
 */
export class CatalogModel {
  readonly version: number;
  readonly entries: readonly CatalogEntry[];
  private readonly objects = new Map<string, CatalogObject>();
  private readonly features = new Map<string, CatalogFeature>();
  /** Edges by their `to` and by their `from` node. */
  private readonly incoming = new Map<string, Edge[]>();
  private readonly outgoing = new Map<string, Edge[]>();
  private readonly tableNames = new Map<string, string>();
  private readonly sqlAnalyzed = new Set<string>();

  constructor(listing: RegistryListing) {
    this.version = listing.version;
    const parsed = listing.objects.map(object => ({
      object,
      spec: JSON.parse(object.specJson) as SpecDocument
    }));
    const groupEntity = new Map<string, string>();
    for (const { spec } of parsed) {
      if (spec.kind === 'FeatureGroup') {
        groupEntity.set(spec.name.toLowerCase(), spec.entity);
      }
    }
    const sampleSetEntities = new Map<string, string[]>();
    for (const { spec } of parsed) {
      if (spec.kind === 'SampleSet') {
        const entities = distinct(
          spec.features
            .map(selection => groupEntity.get(selection.featureGroup.toLowerCase()))
            .filter((entity): entity is string => entity !== undefined)
        );
        sampleSetEntities.set(spec.name, entities);
      }
    }

    const entries: CatalogEntry[] = [];
    for (const { object, spec } of parsed) {
      const entry = baseEntry(spec, object.updatedVersion);
      switch (spec.kind) {
        case 'Entity':
          entry.entities = [spec.name];
          break;
        case 'FeatureGroup':
          entry.entities = [spec.entity];
          entry.online = spec.online === true;
          break;
        case 'SampleSet':
          entry.entities = sampleSetEntities.get(spec.name) ?? [];
          break;
        case 'Model':
          entry.entities = sampleSetEntities.get(spec.sampleSet) ?? [];
          break;
      }
      const catalogObject: CatalogObject = { kind: spec.kind, name: spec.name, spec, entry };
      this.objects.set(objectKey(spec.kind, spec.name), catalogObject);
      entries.push(entry);
      if (spec.kind === 'FeatureGroup') {
        spec.features.forEach((feature, index) => {
          const featureEntry: CatalogEntry = {
            id: entryId('Feature', `${spec.name}.${feature.name}`),
            kind: 'Feature',
            name: feature.name,
            featureGroup: spec.name,
            description: feature.description ?? '',
            owner: feature.owner ?? spec.owner,
            tags: distinct([...(feature.tags ?? []), ...(spec.tags ?? [])]),
            entities: [spec.entity],
            online: spec.online === true,
            type: feature.type,
            quality: 'unknown',
            updatedVersion: object.updatedVersion
          };
          entries.push(featureEntry);
          this.features.set(featureKey(spec.name, feature.name), {
            group: catalogObject,
            name: feature.name,
            index,
            entry: featureEntry
          });
        });
      }
    }
    // Edges after all objects are known, so references resolve to the names as stored.
    for (const { spec } of parsed) {
      this.addDeclaredEdges(spec);
    }
    // The browse order of @featurelab/core/catalog (compareCatalogEntries, mirrored here
    // because the service bundle does not include the search package): the browser's index
    // then sorts a sorted list, which its adaptive sort does in linear time.
    this.entries = entries.sort(compareForBrowsing);
  }

  /** The object of this kind and name; feature group names are compared without case. */
  object(kind: SpecKind, name: string): CatalogObject | undefined {
    return this.objects.get(objectKey(kind, name));
  }

  /** The feature "<group>.<feature>" (the group's name without case, the feature's too). */
  feature(qualifiedName: string): CatalogFeature | undefined {
    // Group names are Spark identifiers without dots, so the first dot separates.
    const dot = qualifiedName.indexOf('.');
    if (dot < 0) {
      return undefined;
    }
    return this.features.get(featureKey(qualifiedName.slice(0, dot), qualifiedName.slice(dot + 1)));
  }

  /** Every object of a kind, for "did you mean" hints. */
  namesOf(kind: CatalogEntryKind): string[] {
    return this.entries
      .filter(entry => entry.kind === kind)
      .map(entry =>
        entry.kind === 'Feature' ? `${entry.featureGroup}.${entry.name}` : entry.name
      );
  }

  edgesInto(node: string): readonly Edge[] {
    return this.incoming.get(node) ?? [];
  }

  edgesFrom(node: string): readonly Edge[] {
    return this.outgoing.get(node) ?? [];
  }

  /**
   * Sample sets that use the object and the models trained on them. A feature counts as used
   * when a sample set selects it, or selects its whole group.
   */
  usedBy(kind: CatalogEntryKind, name: string): CatalogObjectRef[] {
    const sets: SampleSetSpec[] = [];
    const allSets = [...this.objects.values()]
      .map(object => object.spec)
      .filter((spec): spec is SampleSetSpec => spec.kind === 'SampleSet');
    const models = [...this.objects.values()]
      .map(object => object.spec)
      .filter((spec): spec is ModelSpec => spec.kind === 'Model');
    switch (kind) {
      case 'Entity':
        sets.push(
          ...allSets.filter(set =>
            this.object('SampleSet', set.name)?.entry.entities.includes(name)
          )
        );
        break;
      case 'FeatureGroup':
        sets.push(
          ...allSets.filter(set =>
            set.features.some(selection => sameGroup(selection.featureGroup, name))
          )
        );
        break;
      case 'Feature': {
        const feature = this.feature(name);
        if (feature !== undefined) {
          sets.push(
            ...allSets.filter(set =>
              set.features.some(
                selection =>
                  sameGroup(selection.featureGroup, feature.group.name) &&
                  (selection.features === undefined ||
                    selection.features.some(
                      selected => selected.toLowerCase() === feature.name.toLowerCase()
                    ))
              )
            )
          );
        }
        break;
      }
      case 'SampleSet':
        return models
          .filter(model => model.sampleSet === name)
          .map(model => ({ kind: 'Model', name: model.name }));
      case 'Model':
        return [];
    }
    const refs: CatalogObjectRef[] = sets.map(set => ({ kind: 'SampleSet', name: set.name }));
    const setNames = new Set(sets.map(set => set.name));
    for (const model of models) {
      if (setNames.has(model.sampleSet)) {
        refs.push({ kind: 'Model', name: model.name });
      }
    }
    return refs;
  }

  private addDeclaredEdges(spec: SpecDocument): void {
    const id = entryId(spec.kind, spec.name);
    switch (spec.kind) {
      case 'FeatureGroup':
        this.addEdge({ from: entryId('Entity', spec.entity), to: id, kind: 'keyedBy' });
        for (const table of spec.source.tables ?? []) {
          this.addTableEdge(table, id, 'reads');
        }
        for (const group of spec.source.featureGroups ?? []) {
          this.addEdge({ from: this.groupId(group), to: id, kind: 'reads' });
        }
        break;
      case 'SampleSet':
        if (spec.labels?.table !== undefined) {
          this.addTableEdge(spec.labels.table, id, 'uses');
        }
        for (const selection of spec.features) {
          this.addEdge({ from: this.groupId(selection.featureGroup), to: id, kind: 'uses' });
        }
        break;
      case 'Model':
        this.addEdge({ from: entryId('SampleSet', spec.sampleSet), to: id, kind: 'trainedOn' });
        break;
      case 'Entity':
        break;
    }
  }

  /** Node id of a referenced feature group: references may differ in case from its name. */
  private groupId(reference: string): string {
    return entryId('FeatureGroup', this.object('FeatureGroup', reference)?.name ?? reference);
  }

  /** True the first time it is asked for a feature group: its SQL is parsed once per model. */
  markSqlAnalyzed(groupId: string): boolean {
    if (this.sqlAnalyzed.has(groupId)) {
      return false;
    }
    this.sqlAnalyzed.add(groupId);
    return true;
  }

  /** The table's name as first written, for a `table:` node id. */
  tableName(id: string): string | undefined {
    return this.tableNames.get(id);
  }

  /** An edge from a source table, which becomes a node named as first written. */
  addTableEdge(table: string, to: string, kind: Edge['kind']): void {
    const id = tableId(table);
    if (!this.tableNames.has(id)) {
      this.tableNames.set(id, table);
    }
    this.addEdge({ from: id, to, kind });
  }

  /** Adds an edge unless it is already there (a table both declared and found in the SQL). */
  addEdge(edge: Edge): void {
    const into = this.incoming.get(edge.to) ?? [];
    if (into.some(existing => existing.from === edge.from && existing.kind === edge.kind)) {
      return;
    }
    into.push(edge);
    this.incoming.set(edge.to, into);
    const from = this.outgoing.get(edge.from) ?? [];
    from.push(edge);
    this.outgoing.set(edge.from, from);
  }
}

const KIND_ORDER: Readonly<Record<CatalogEntryKind, number>> = {
  Entity: 0,
  FeatureGroup: 1,
  Feature: 2,
  SampleSet: 3,
  Model: 4
};

function compareForBrowsing(a: CatalogEntry, b: CatalogEntry): number {
  return (
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    a.name.length - b.name.length ||
    codeUnitOrder(a.name, b.name) ||
    codeUnitOrder(a.id, b.id)
  );
}

function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function baseEntry(
  spec: SpecDocument,
  updatedVersion: number
): CatalogEntry & { entities: string[]; online: boolean } {
  return {
    id: entryId(spec.kind, spec.name),
    kind: spec.kind,
    name: spec.name,
    description: spec.description ?? '',
    owner: spec.owner ?? '',
    tags: spec.kind === 'Entity' ? [] : [...(spec.tags ?? [])],
    entities: [],
    online: false,
    quality: 'unknown',
    updatedVersion
  };
}

function objectKey(kind: SpecKind, name: string): string {
  return `${kind}\u0000${kind === 'FeatureGroup' ? name.toLowerCase() : name}`;
}

function featureKey(group: string, feature: string): string {
  return `${group.toLowerCase()}\u0000${feature.toLowerCase()}`;
}

function sameGroup(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
