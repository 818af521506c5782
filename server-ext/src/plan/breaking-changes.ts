import type {
  BreakingChange,
  FeatureGroupSpec,
  ModelSpec,
  SampleSetSpec,
  SpecDocument,
  SpecRef
} from '@featurelab/core';
import { formatPointer } from '../specs/yaml-file.js';

/**
 * What the registry already has that a change could break: the registered sample sets and
 * models, each in its registered form and (when the folder keeps it) its new form.
 */
export interface RegisteredConsumers {
  readonly sampleSets: readonly {
    readonly name: string;
    readonly versions: readonly SampleSetSpec[];
  }[];
  readonly models: readonly { readonly name: string; readonly versions: readonly ModelSpec[] }[];
  /** `kind\0name` of objects this plan deletes: they cannot be broken. */
  readonly deleted: ReadonlySet<string>;
}

/**
 * Why updating a feature group from `before` to `after` is destructive: each removed feature
 * and each feature whose type changed, with the registered sample sets that use it and the
 * models trained on those. Built samples and trained models assume the old columns.
 */
export function featureGroupUpdateBreaks(
  before: FeatureGroupSpec,
  after: FeatureGroupSpec,
  consumers: RegisteredConsumers
): BreakingChange[] {
  const afterByName = new Map(
    after.features.map((feature, index) => [feature.name.toLowerCase(), { feature, index }])
  );
  const breaks: BreakingChange[] = [];
  before.features.forEach((feature, index) => {
    const kept = afterByName.get(feature.name.toLowerCase());
    const reason =
      kept === undefined
        ? `removes feature "${feature.name}"`
        : kept.feature.type !== feature.type
          ? `changes the type of feature "${feature.name}" from ${feature.type} to ${kept.feature.type}`
          : undefined;
    if (reason === undefined) {
      return;
    }
    const users = usersOf(before.name, feature.name, consumers);
    if (users.length > 0) {
      const pointer =
        kept === undefined
          ? formatPointer(['features', index])
          : formatPointer(['features', kept.index, 'type']);
      breaks.push({
        reason: `${reason}, used by ${describeRefs(users)}`,
        pointer,
        consumers: users
      });
    }
  });
  return breaks;
}

/** Why deleting a feature group or sample set is destructive. */
export function deleteBreaks(spec: SpecDocument, consumers: RegisteredConsumers): BreakingChange[] {
  let users: SpecRef[] = [];
  if (spec.kind === 'FeatureGroup') {
    users = usersOf(spec.name, undefined, consumers);
  } else if (spec.kind === 'SampleSet') {
    users = modelsOf(new Set([spec.name]), consumers);
  }
  return users.length === 0
    ? []
    : [
        {
          reason: `deletes ${spec.kind} "${spec.name}", used by ${describeRefs(users)}`,
          consumers: users
        }
      ];
}

/** Registered sample sets selecting the feature (any feature when undefined) and their models. */
function usersOf(
  group: string,
  feature: string | undefined,
  consumers: RegisteredConsumers
): SpecRef[] {
  const sampleSets = new Set<string>();
  for (const sampleSet of consumers.sampleSets) {
    if (consumers.deleted.has(`SampleSet\u0000${sampleSet.name}`)) {
      continue;
    }
    const uses = sampleSet.versions.some(version =>
      version.features.some(
        selection =>
          selection.featureGroup.toLowerCase() === group.toLowerCase() &&
          (feature === undefined ||
            selection.features === undefined ||
            selection.features.some(name => name.toLowerCase() === feature.toLowerCase()))
      )
    );
    if (uses) {
      sampleSets.add(sampleSet.name);
    }
  }
  return [
    ...[...sampleSets].sort().map((name): SpecRef => ({ kind: 'SampleSet', name })),
    ...modelsOf(sampleSets, consumers)
  ];
}

function modelsOf(sampleSets: ReadonlySet<string>, consumers: RegisteredConsumers): SpecRef[] {
  return consumers.models
    .filter(
      model =>
        !consumers.deleted.has(`Model\u0000${model.name}`) &&
        model.versions.some(version => sampleSets.has(version.sampleSet))
    )
    .map((model): SpecRef => ({ kind: 'Model', name: model.name }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function describeRefs(refs: readonly SpecRef[]): string {
  return refs.map(ref => `${ref.kind} "${ref.name}"`).join(', ');
}
