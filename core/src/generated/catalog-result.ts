/* eslint-disable */
/**
 * GENERATED FILE, DO NOT EDIT. Source: schemas/catalog-result.schema.json
 * Regenerate with `npm run build:schemas` (scripts/gen-schema-types.mjs).
 */

/**
 * Results of the catalog service methods: `catalog.list` -> CatalogListResult, `catalog.get` -> CatalogDetail, `catalog.diff` -> CatalogDiffResult, `catalog.lineage` -> LineageGraph. Read-only views of the registry that `featurelab apply` writes.
 */
export type CatalogResult = CatalogListResult | CatalogDetail | CatalogDiffResult | LineageGraph;
/**
 * What a catalog entry is: a registered spec, or one feature of a feature group.
 */
export type CatalogEntryKind = 'Entity' | 'FeatureGroup' | 'Feature' | 'SampleSet' | 'Model';
/**
 * Outcome of the latest validation run; unknown until the validation issue records one.
 */
export type QualityStatus = 'passing' | 'warning' | 'failing' | 'unknown';
export type LineageNodeKind = 'table' | 'Entity' | 'FeatureGroup' | 'SampleSet' | 'Model';
/**
 * Any JSON value.
 */
export type CatalogJsonValue = string | number | boolean | {} | unknown[] | null;

/**
 * Result of `catalog.list`: every entry of the registry at one version.
 */
export interface CatalogListResult {
  /**
   * The registry version the entries were read at; 0 for an empty registry.
   */
  registryVersion: number;
  entries: CatalogEntry[];
}
/**
 * One searchable object of the catalog.
 */
export interface CatalogEntry {
  /**
   * Stable id: "Entity:<name>", "FeatureGroup:<name>", "Feature:<group>.<feature>", "SampleSet:<name>", "Model:<name>". Also the lineage node id of the object.
   */
  id: string;
  kind: CatalogEntryKind;
  /**
   * The object's name; for a Feature the feature's own name (its group is in featureGroup).
   */
  name: string;
  /**
   * Features only: the feature group the feature belongs to.
   */
  featureGroup?: string;
  /**
   * Markdown source, unrendered; "" when there is none. Render it sanitized.
   */
  description: string;
  /**
   * Owner of the object (a feature inherits its group's); "" when none is declared.
   */
  owner: string;
  /**
   * Tags of the object (a feature also carries its group's tags).
   */
  tags: string[];
  /**
   * Entities the object is keyed by: an entity itself, a feature group's entity, the entities of a sample set's feature groups, a model's sample set's entities.
   */
  entities: string[];
  /**
   * Served online (feature groups and their features); false for the other kinds.
   */
  online: boolean;
  /**
   * Features only: the Spark type (DataType.simpleString).
   */
  type?: string;
  quality: QualityStatus;
  /**
   * Registry version that last changed the object's spec (for a feature: its group's).
   */
  updatedVersion: number;
}
/**
 * Result of `catalog.get`: one object with its spec, history, consumers and lineage.
 */
export interface CatalogDetail {
  entry: CatalogEntry;
  /**
   * The stored (canonical) spec document; for a Feature, its feature group's.
   */
  spec: {
    [k: string]: unknown | undefined;
  };
  /**
   * Where the spec is declared; null when the workspace's spec folder does not declare it (any more).
   */
  sourceFile: CatalogSourceLocation | null;
  /**
   * Registry versions that changed the object (for a Feature: its group), newest first.
   */
  versions: CatalogVersion[];
  /**
   * Sample sets and models that use the object, directly or through a sample set.
   */
  usedBy: CatalogObjectRef[];
  lineage: LineageGraph;
}
/**
 * Where the object's spec is declared in the workspace's spec folder (config key specs.folder).
 */
export interface CatalogSourceLocation {
  /**
   * Spec file, relative to the workspace, with / separators.
   */
  path: string;
  /**
   * 1-based.
   */
  line: number;
  /**
   * 1-based.
   */
  column: number;
}
/**
 * One registry version that changed the object.
 */
export interface CatalogVersion {
  version: number;
  action: 'create' | 'update' | 'delete';
  author: string;
  /**
   * ISO 8601, UTC.
   */
  createdAt: string;
  /**
   * Commit of the spec folder's git repository at apply time; null outside git.
   */
  gitCommit: string | null;
}
export interface CatalogObjectRef {
  kind: CatalogEntryKind;
  /**
   * As catalog.get takes it ("<group>.<feature>" for a Feature).
   */
  name: string;
}
/**
 * Result of `catalog.lineage`, and CatalogDetail.lineage: the neighbourhood of one object, up to depth steps upstream and downstream.
 */
export interface LineageGraph {
  /**
   * Id of the node asked for (for a Feature: its feature group's node).
   */
  root: string;
  nodes: LineageNode[];
  edges: LineageEdge[];
}
export interface LineageNode {
  /**
   * "table:<qualified name>" for a source table, otherwise the CatalogEntry id.
   */
  id: string;
  kind: LineageNodeKind;
  name: string;
  /**
   * Short text to draw on the node.
   */
  label: string;
}
/**
 * Data flows from `from` to `to`: table -reads-> FeatureGroup, FeatureGroup -reads-> FeatureGroup, Entity -keyedBy-> FeatureGroup, FeatureGroup -uses-> SampleSet, table -uses-> SampleSet (its labels), SampleSet -trainedOn-> Model.
 */
export interface LineageEdge {
  from: string;
  to: string;
  kind: 'reads' | 'keyedBy' | 'uses' | 'trainedOn';
}
/**
 * Result of `catalog.diff`: the object's spec at fromVersion against toVersion, field by field. A version where the object did not exist (or was deleted) diffs as an empty document.
 */
export interface CatalogDiffResult {
  kind: CatalogEntryKind;
  name: string;
  fromVersion: number;
  toVersion: number;
  changes: CatalogDiffChange[];
}
/**
 * One changed field between two versions: before is the value at fromVersion (absent for add), after the value at toVersion (absent for remove).
 */
export interface CatalogDiffChange {
  /**
   * JSON pointer of the field (into toVersion's spec for add/change, fromVersion's for remove).
   */
  pointer: string;
  action: 'add' | 'remove' | 'change';
  before?: CatalogJsonValue;
  after?: CatalogJsonValue;
}
