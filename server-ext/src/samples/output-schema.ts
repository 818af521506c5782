import type { EntitySpec, FeatureGroupSpec, SampleSetSpec } from '@featurelab/core';

/** Where an output column of a sample set comes from. */
export type SampleColumnRole = 'key' | 'eventTime' | 'label' | 'feature' | 'featureTime';

export interface SampleColumn {
  readonly name: string;
  /** Spark type, or null where only running the label source can tell (label columns). */
  readonly type: string | null;
  readonly role: SampleColumnRole;
  /** The feature group a feature (or its chosen event time) comes from. */
  readonly featureGroup?: string;
}

export interface SampleSpecProblem {
  /** JSON pointer into the SampleSet spec. */
  readonly pointer: string;
  readonly message: string;
}

export interface SampleOutputSchema {
  readonly columns: readonly SampleColumn[];
  /** Why the sample set cannot be built as declared; the columns are then a best effort. */
  readonly problems: readonly SampleSpecProblem[];
}

/** Prefix of the compiled query's own columns; user columns may not start with it. */
const RESERVED_PREFIX = '__fl_';

/**
 * The columns a build of `sampleSet` will write, in order, inferred from the specs alone
 * (before running anything): the label columns used as join keys, the label event time, the
 * label columns, then per feature group its selected features (and, with
 * `output.includeFeatureTimestamps`, `<group>__event_time`). Checks what the schema cannot:
 * the label source is a table or a query, feature groups and features exist, key mappings name
 * join keys, defaults belong to selected features, and no two output columns share a name
 * (Spark compares names without case). kernel-bridge/python/featurelab/samples/plan.py applies
 * the same rules at build time.
 *
 * @param featureGroups by name (any case); entities by name.
 */
export function inferSampleOutputSchema(
  sampleSet: SampleSetSpec,
  featureGroups: ReadonlyMap<string, FeatureGroupSpec>,
  entities: ReadonlyMap<string, EntitySpec>
): SampleOutputSchema {
  const problems: SampleSpecProblem[] = [];
  const columns: SampleColumn[] = [];
  const taken = new Map<string, string>();
  const add = (column: SampleColumn, pointer: string): void => {
    const key = column.name.toLowerCase();
    const first = taken.get(key);
    if (first !== undefined) {
      if (column.role === 'feature' || column.role === 'featureTime') {
        problems.push({
          pointer,
          message: `"${column.name}" would be a second output column of that name (first from ${first}); select fewer features`
        });
      }
      return;
    }
    if (key.startsWith(RESERVED_PREFIX)) {
      problems.push({
        pointer,
        message: `column names starting with "${RESERVED_PREFIX}" are reserved`
      });
    }
    taken.set(key, pointer);
    columns.push(column);
  };
  const byName = new Map([...featureGroups].map(([name, spec]) => [name.toLowerCase(), spec]));

  const labels = sampleSet.labels;
  if (labels === undefined) {
    problems.push({
      pointer: '/labels',
      message: 'a sample set needs a label source (labels.table or labels.query)'
    });
  } else if ((labels.table === undefined) === (labels.query === undefined)) {
    problems.push({
      pointer: '/labels',
      message: 'give exactly one of labels.table and labels.query'
    });
  }

  interface Resolved {
    readonly index: number;
    readonly group: FeatureGroupSpec;
    readonly keys: readonly (readonly [string, string, string])[];
  }
  const resolved: Resolved[] = [];
  sampleSet.features.forEach((selection, index) => {
    const pointer = `/features/${index}`;
    const group = byName.get(selection.featureGroup.toLowerCase());
    if (group === undefined) {
      problems.push({
        pointer: `${pointer}/featureGroup`,
        message: `unknown feature group "${selection.featureGroup}"`
      });
      return;
    }
    const entity = entities.get(group.entity);
    if (entity === undefined) {
      problems.push({
        pointer: `${pointer}/featureGroup`,
        message: `feature group "${group.name}" names unknown entity "${group.entity}"`
      });
      return;
    }
    const joinKeys = entity.joinKeys.map(key => key.name);
    for (const key of Object.keys(selection.keys ?? {})) {
      if (!joinKeys.includes(key)) {
        problems.push({
          pointer: `${pointer}/keys/${key}`,
          message: `"${key}" is not a join key of entity "${entity.name}" (${joinKeys.join(', ')})`
        });
      }
    }
    const keys = entity.joinKeys.map(
      key => [key.name, selection.keys?.[key.name] ?? key.name, key.type] as const
    );
    resolved.push({ index, group, keys });
  });

  for (const { index, keys } of resolved) {
    for (const [, labelColumn, type] of keys) {
      add({ name: labelColumn, type, role: 'key' }, `/features/${index}/keys`);
    }
  }
  if (labels !== undefined) {
    add({ name: labels.eventTimeColumn, type: null, role: 'eventTime' }, '/labels/eventTimeColumn');
    labels.columns.forEach((name, index) =>
      add({ name, type: null, role: 'label' }, `/labels/columns/${index}`)
    );
  }
  const withTimes = sampleSet.output?.includeFeatureTimestamps === true;
  for (const { index, group } of resolved) {
    const pointer = `/features/${index}`;
    const selection = sampleSet.features[index];
    const declared = new Map(group.features.map(feature => [feature.name.toLowerCase(), feature]));
    const wanted = selection.features ?? group.features.map(feature => feature.name);
    const selected: string[] = [];
    wanted.forEach((name, featureIndex) => {
      const feature = declared.get(name.toLowerCase());
      if (feature === undefined) {
        problems.push({
          pointer: `${pointer}/features/${featureIndex}`,
          message: `feature group "${group.name}" has no feature "${name}"`
        });
        return;
      }
      selected.push(feature.name);
      add(
        { name: feature.name, type: feature.type, role: 'feature', featureGroup: group.name },
        `${pointer}/features`
      );
    });
    if (withTimes) {
      add(
        {
          name: `${group.name}__event_time`,
          type: 'timestamp',
          role: 'featureTime',
          featureGroup: group.name
        },
        pointer
      );
    }
    const missing = selection.missing ?? sampleSet.missing;
    const missingPointer = selection.missing ? `${pointer}/missing` : '/missing';
    const defaults = Object.keys(missing?.defaults ?? {});
    if (missing?.policy === 'default' && defaults.length === 0) {
      problems.push({
        pointer: `${missingPointer}/defaults`,
        message: "policy 'default' needs defaults: {feature: value}"
      });
    }
    if (missing !== undefined && missing.policy !== 'default' && defaults.length > 0) {
      problems.push({
        pointer: `${missingPointer}/defaults`,
        message: `defaults are used only with policy 'default', not '${missing.policy}'`
      });
    }
    if (selection.missing?.policy === 'default') {
      const unknown = defaults.filter(
        name => !selected.some(feature => feature.toLowerCase() === name.toLowerCase())
      );
      if (unknown.length > 0) {
        problems.push({
          pointer: `${pointer}/missing/defaults`,
          message: `defaults for features not selected from "${group.name}": ${unknown.join(', ')}`
        });
      }
    }
  }
  return { columns, problems };
}
