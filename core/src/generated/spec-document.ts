/* eslint-disable */
/**
 * GENERATED FILE, DO NOT EDIT. Source: schemas/spec-document.schema.json
 * Regenerate with `npm run build:schemas` (scripts/gen-schema-types.mjs).
 */

/**
 * One YAML document of a feature-as-code project folder. `kind` says which object it declares; `featurelab plan` compares the folder with the registry and `featurelab apply` records it.
 */
export type SpecDocument = EntitySpec | FeatureGroupSpec | SampleSetSpec | ModelSpec;
/**
 * Version of the spec format: featurelab/v1.
 */
export type ApiVersion = 'featurelab/v1';
/**
 * any text without control characters and without leading or trailing spaces, at most 256 characters
 */
export type ObjectName = string;
/**
 * Markdown, shown sanitized in the catalog.
 */
export type Description = string;
/**
 * Who answers for it: a team or a person, e.g. an e-mail address.
 */
export type Owner = string;
/**
 * letters, digits and underscores, starting with a letter or underscore, at most 128 characters: the name becomes a Spark table or column name, and the Hive metastore accepts no other characters
 */
export type SparkIdentifier = string;
/**
 * A Spark SQL type as Spark prints it (DataType.simpleString): bigint, string, decimal(12,2), array<float>, map<string,string>, struct<a:int,b:string>...
 */
export type SparkType = string;
/**
 * Free labels for search and filters.
 *
 * @maxItems 64
 */
export type Tags = string[];
/**
 * How the feature group's rows are computed.
 */
export type FeatureSource = SqlSource | PysparkFileSource | NotebookCellSource;
/**
 * a Spark table: name, database.name or catalog.database.name, each part a Spark identifier
 */
export type TableName = string;
/**
 * Tables the source reads (lineage: source tables -> feature group).
 */
export type SourceTables = TableName[];
/**
 * Feature groups the source reads (lineage between feature groups; must not form a cycle).
 */
export type SourceFeatureGroups = SparkIdentifier[];

/**
 * A business object that features describe (a user, an item), identified by its join keys.
 */
export interface EntitySpec {
  apiVersion: ApiVersion;
  kind: 'Entity';
  name: ObjectName;
  description?: Description;
  owner?: Owner;
  /**
   * Columns that identify one instance, in join order.
   *
   * @minItems 1
   */
  joinKeys: [JoinKey, ...JoinKey[]];
}
export interface JoinKey {
  name: SparkIdentifier;
  type: SparkType;
  description?: Description;
}
/**
 * Features of one entity computed by one source, stored as one Spark table keyed by the entity's join keys and the event time.
 */
export interface FeatureGroupSpec {
  apiVersion: ApiVersion;
  kind: 'FeatureGroup';
  name: SparkIdentifier;
  description?: Description;
  owner: Owner;
  tags?: Tags;
  /**
   * any text without control characters and without leading or trailing spaces, at most 256 characters
   */
  entity: string;
  /**
   * letters, digits and underscores, starting with a letter or underscore, at most 128 characters: the name becomes a Spark table or column name, and the Hive metastore accepts no other characters
   */
  eventTimeColumn: string;
  source: FeatureSource;
  /**
   * @minItems 1
   * @maxItems 10000
   */
  features: [FeatureSpec, ...FeatureSpec[]];
  schedule?: Schedule;
  validation?: ValidationRef;
  /**
   * Also serve the latest values from the online store. Default: false.
   */
  online?: boolean;
  /**
   * How long a value stays valid after its event time, for point-in-time joins and online serving.
   */
  ttl?: string;
}
export interface SqlSource {
  type: 'sql';
  /**
   * A Spark SQL SELECT whose output columns are the join keys, the event time and the features.
   */
  query: string;
  tables?: SourceTables;
  featureGroups?: SourceFeatureGroups;
}
export interface PysparkFileSource {
  type: 'pyspark';
  /**
   * Python file, relative to the spec file.
   */
  file: string;
  /**
   * letters, digits and underscores, starting with a letter or underscore, at most 128 characters: the name becomes a Spark table or column name, and the Hive metastore accepts no other characters
   */
  function?: string;
  tables?: SourceTables;
  featureGroups?: SourceFeatureGroups;
}
export interface NotebookCellSource {
  type: 'notebook';
  /**
   * Notebook file, relative to the spec file.
   */
  notebook: string;
  /**
   * The cell's id (nbformat 4.5 cell ids).
   */
  cell: string;
  tables?: SourceTables;
  featureGroups?: SourceFeatureGroups;
}
export interface FeatureSpec {
  name: SparkIdentifier;
  type: SparkType;
  description?: Description;
  tags?: Tags;
  /**
   * Who answers for it: a team or a person, e.g. an e-mail address.
   */
  owner?: string;
}
export interface Schedule {
  /**
   * five cron fields (minute hour day-of-month month day-of-week) or @hourly, @daily, @weekly, @monthly
   */
  cron: string;
  /**
   * IANA time zone of the cron fields. Default: UTC.
   */
  timezone?: string;
}
export interface ValidationRef {
  /**
   * any text without control characters and without leading or trailing spaces, at most 256 characters
   */
  suite: string;
}
/**
 * Training samples: labelled events joined point-in-time with features. Semantics: docs/samples.md.
 */
export interface SampleSetSpec {
  apiVersion: ApiVersion;
  kind: 'SampleSet';
  name: ObjectName;
  description?: Description;
  owner?: Owner;
  tags?: Tags;
  labels?: LabelSource;
  /**
   * @minItems 1
   */
  features: [FeatureSelection, ...FeatureSelection[]];
  /**
   * Use only feature rows strictly before the label's event time (<). Default false: at or before it (<=).
   */
  strict?: boolean;
  missing?: MissingValuePolicy;
  output?: SampleOutput;
  validation?: ValidationRef;
}
/**
 * The labelled events (the spine) the features are joined onto: a table or a Spark SQL query (exactly one), its event time column and its label columns.
 */
export interface LabelSource {
  table?: TableName;
  /**
   * Spark SQL query returning the label rows, instead of `table`.
   */
  query?: string;
  eventTimeColumn: SparkIdentifier;
  /**
   * Label columns.
   *
   * @minItems 1
   */
  columns: [SparkIdentifier, ...SparkIdentifier[]];
}
export interface FeatureSelection {
  featureGroup: SparkIdentifier;
  /**
   * Features of the group to use. Default: all of them.
   *
   * @minItems 1
   */
  features?: [SparkIdentifier, ...SparkIdentifier[]];
  /**
   * Label column for each join key of the group's entity that the labels name differently, e.g. {user_id: viewer_id}. Default: the join key's own name.
   */
  keys?: {
    [k: string]: SparkIdentifier | undefined;
  };
  /**
   * Maximum age of a value at the label's time (label time - event time <= ttl). Default: the feature group's ttl; without either, no limit.
   */
  ttl?: string;
  /**
   * letters, digits and underscores, starting with a letter or underscore, at most 128 characters: the name becomes a Spark table or column name, and the Hive metastore accepts no other characters
   */
  createdTimeColumn?: string;
  missing?: MissingValuePolicy;
}
/**
 * What a label gets when a feature group has no row for it (none with its keys at or before its time, or none within the TTL). On a sample set: the default for all its groups (else keep); on a feature selection: for that group.
 */
export interface MissingValuePolicy {
  /**
   * keep: the group's features are null; drop: the label row is left out; default: the features take `defaults` (features without one are null).
   */
  policy: 'keep' | 'drop' | 'default';
  /**
   * Value per feature for policy default: a string, number, boolean or null, cast to the feature's type.
   */
  defaults?: {
    [k: string]: string | number | boolean | null | undefined;
  };
}
/**
 * Where a build writes the samples, replacing what was there: a Spark table or a Parquet folder (at most one). Default: <workspace>/.featurelab/samples/<name>/data.
 */
export interface SampleOutput {
  table?: TableName;
  /**
   * Parquet folder; a relative path is relative to the workspace.
   */
  path?: string;
  /**
   * Add a column <featureGroup>__event_time with the event time of the feature row chosen for each label. Default false.
   */
  includeFeatureTimestamps?: boolean;
}
/**
 * A model trained on a sample set.
 */
export interface ModelSpec {
  apiVersion: ApiVersion;
  kind: 'Model';
  name: ObjectName;
  description?: Description;
  owner?: Owner;
  tags?: Tags;
  /**
   * any text without control characters and without leading or trailing spaces, at most 256 characters
   */
  sampleSet: string;
  /**
   * Training framework, informational (e.g. pytorch, xgboost).
   */
  framework?: string;
}
