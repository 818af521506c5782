/* eslint-disable */
/**
 * GENERATED FILE, DO NOT EDIT. Source: schemas/spec-plan-result.schema.json
 * Regenerate with `npm run build:schemas` (scripts/gen-schema-types.mjs).
 */

export type SpecKind = 'Entity' | 'FeatureGroup' | 'SampleSet' | 'Model';
export type JsonValue = string | number | boolean | {} | unknown[] | null;

/**
 * Result of `featurelab plan|apply DIR --json` and of the `specs.plan` / `specs.apply` service methods: what differs between a spec folder and the registry, and for apply, the version recorded.
 */
export interface SpecPlanResult {
  mode: 'plan' | 'apply';
  /**
   * ok: planned (and for apply, applied or nothing to do); invalid: the folder has errors (see problems), nothing compared; refused: destructive changes without force, nothing applied; conflict: another apply recorded a version after this plan was made, nothing applied.
   */
  status: 'ok' | 'invalid' | 'refused' | 'conflict';
  /**
   * Absolute path of the spec folder.
   */
  folder: string;
  registry: {
    kind: 'sqlite' | 'postgresql';
    location: string;
  };
  /**
   * Registry version the plan was made against; 0 for an empty registry.
   */
  baseVersion: number;
  summary: {
    create: number;
    update: number;
    delete: number;
    unchanged: number;
    /**
     * Changes that break a registered sample set or model.
     */
    destructive: number;
  };
  changes: SpecChange[];
  problems: SpecProblem[];
  /**
   * --force was given: destructive changes are allowed.
   */
  forced: boolean;
  /**
   * The registry version apply recorded; null for plan, for an apply with nothing to do, and when nothing was applied.
   */
  appliedVersion: RegistryVersion | null;
  conflict?: VersionConflict;
}
export interface SpecChange {
  action: 'create' | 'update' | 'delete';
  kind: SpecKind;
  name: string;
  /**
   * Spec file (relative to the folder) for creates and updates.
   */
  file?: string;
  line?: number;
  oldHash?: string;
  newHash?: string;
  /**
   * Field by field, for updates.
   */
  fields: FieldChange[];
  /**
   * Why this change is destructive; empty when it is not.
   */
  breaks: BreakingChange[];
}
/**
 * One changed field of an update; old is absent for add, new for remove.
 */
export interface FieldChange {
  /**
   * add/replace: pointer into the new spec; remove: pointer into the old spec.
   */
  op: 'add' | 'remove' | 'replace';
  /**
   * JSON pointer of the field.
   */
  pointer: string;
  /**
   * The field for a person, e.g. features[clicks_7d].type.
   */
  label: string;
  old?: JsonValue;
  new?: JsonValue;
}
export interface BreakingChange {
  reason: string;
  pointer?: string;
  consumers: SpecRef[];
}
export interface SpecRef {
  kind: SpecKind;
  name: string;
}
/**
 * One error in the spec folder, at the offending node.
 */
export interface SpecProblem {
  /**
   * Relative to the folder.
   */
  file: string;
  line: number;
  column: number;
  /**
   * Index of the YAML document in the file, from 0.
   */
  document?: number;
  /**
   * JSON pointer of the field inside its document.
   */
  pointer: string;
  message: string;
  hint: string;
  /**
   * Other places involved (the other definition of a duplicate, the members of a cycle).
   */
  related?: SourcePosition[];
}
export interface SourcePosition {
  /**
   * Relative to the folder.
   */
  file: string;
  /**
   * 1-based.
   */
  line: number;
  /**
   * 1-based.
   */
  column: number;
}
export interface RegistryVersion {
  version: number;
  author: string;
  /**
   * ISO 8601, UTC.
   */
  createdAt: string;
  /**
   * HEAD of the git repository holding the folder; null outside git.
   */
  gitCommit: string | null;
}
export interface VersionConflict {
  /**
   * Version the plan was made against.
   */
  expectedVersion: number;
  /**
   * Version the registry had when apply ran.
   */
  actualVersion: number;
}
