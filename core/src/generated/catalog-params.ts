/* eslint-disable */
/**
 * GENERATED FILE, DO NOT EDIT. Source: schemas/catalog-params.schema.json
 * Regenerate with `npm run build:schemas` (scripts/gen-schema-types.mjs).
 */

/**
 * `args` of the catalog service methods (POST featurelab/api/rpc/<method> with body {"args": ...}).
 */
export type CatalogParams =
  CatalogListParams | CatalogGetParams | CatalogDiffParams | CatalogLineageParams;

/**
 * `catalog.list`: no arguments.
 */
export interface CatalogListParams {}
/**
 * `catalog.get`.
 */
export interface CatalogGetParams {
  kind: 'Entity' | 'FeatureGroup' | 'Feature' | 'SampleSet' | 'Model';
  /**
   * The object's name; for a Feature "<group>.<feature>".
   */
  name: string;
}
/**
 * `catalog.diff`: the object's spec at fromVersion against toVersion (any two registry versions, either order).
 */
export interface CatalogDiffParams {
  kind: 'Entity' | 'FeatureGroup' | 'Feature' | 'SampleSet' | 'Model';
  /**
   * The object's name; for a Feature "<group>.<feature>".
   */
  name: string;
  fromVersion: number;
  toVersion: number;
}
/**
 * `catalog.lineage`.
 */
export interface CatalogLineageParams {
  kind: 'Entity' | 'FeatureGroup' | 'Feature' | 'SampleSet' | 'Model';
  /**
   * The object's name; for a Feature "<group>.<feature>".
   */
  name: string;
  /**
   * Steps upstream and downstream from the object. Default 2.
   */
  depth?: number;
}
