import path from 'node:path';
import {
  FeaturelabError,
  type EntitySpec,
  type FeatureGroupSpec,
  type SampleSetSpec,
  type SpecProblem
} from '@featurelab/core';
import { loadSpecFolder } from '../specs/load-folder.js';
import { problemAt, type LoadedSpec } from '../specs/loaded-spec.js';
import { inferSampleOutputSchema, type SampleOutputSchema } from './output-schema.js';

/** The spec file does not declare a buildable sample set; `problems` locates every reason. */
export class SampleSpecError extends FeaturelabError {
  readonly problems: readonly SpecProblem[];

  constructor(message: string, problems: readonly SpecProblem[], hint: string) {
    super('SampleSpecError', message, { hint });
    this.problems = problems;
  }
}

/** A sample set with the specs it needs, resolved from a spec folder. */
export interface ResolvedSampleSet {
  readonly sampleSet: LoadedSpec & { readonly spec: SampleSetSpec };
  /** The selected feature groups, in selection order. */
  readonly featureGroups: readonly (LoadedSpec & { readonly spec: FeatureGroupSpec })[];
  /** The entities of those feature groups. */
  readonly entities: readonly EntitySpec[];
  readonly schema: SampleOutputSchema;
}

function isKind<K extends LoadedSpec['kind']>(
  spec: LoadedSpec,
  kind: K
): spec is LoadedSpec & { spec: Extract<LoadedSpec['spec'], { kind: K }> } {
  return spec.kind === kind;
}

/**
 * Read `specFile`'s folder (the feature-as-code project: `--specs` may name another), pick its
 * SampleSet (`name` when the file declares several) and the feature groups and entities it
 * uses, and check the sample set (output columns, key mappings, defaults) before anything runs.
 *
 * @throws SampleSpecError with file:line:column problems.
 */
export function resolveSampleSet(
  specFile: string,
  options: { readonly name?: string; readonly specsFolder?: string } = {}
): ResolvedSampleSet {
  const file = path.resolve(specFile);
  const folder = path.resolve(options.specsFolder ?? path.dirname(file));
  const relative = path.relative(folder, file).split(path.sep).join('/');
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new SampleSpecError(
      `${file} is not inside the spec folder ${folder}`,
      [],
      'Pass --specs with a folder that contains the spec file.'
    );
  }
  const loaded = loadSpecFolder(folder);
  if (loaded.problems.length > 0) {
    throw new SampleSpecError(
      `the spec folder ${folder} has ${loaded.problems.length} problem(s)`,
      loaded.problems,
      'Fix the specs (featurelab plan shows the same problems), then build again.'
    );
  }
  const candidates = loaded.specs.filter(
    (spec): spec is ResolvedSampleSet['sampleSet'] =>
      isKind(spec, 'SampleSet') &&
      spec.file === relative &&
      (options.name === undefined || spec.name === options.name)
  );
  if (candidates.length !== 1) {
    const names = loaded.specs
      .filter(spec => spec.kind === 'SampleSet' && spec.file === relative)
      .map(spec => spec.name);
    throw new SampleSpecError(
      candidates.length === 0
        ? `${relative} declares no SampleSet${options.name === undefined ? '' : ` named "${options.name}"`}`
        : `${relative} declares ${candidates.length} sample sets (${names.join(', ')})`,
      [],
      names.length > 0
        ? `Choose one with --name (${names.join(', ')}).`
        : 'Pass a YAML file with a `kind: SampleSet` document.'
    );
  }
  const sampleSet = candidates[0];
  const groups = new Map<string, LoadedSpec & { spec: FeatureGroupSpec }>();
  const entities = new Map<string, EntitySpec>();
  for (const spec of loaded.specs) {
    if (isKind(spec, 'FeatureGroup')) {
      groups.set(spec.name.toLowerCase(), spec);
    } else if (isKind(spec, 'Entity')) {
      entities.set(spec.name, spec.spec);
    }
  }
  const schema = inferSampleOutputSchema(
    sampleSet.spec,
    new Map([...groups].map(([name, spec]) => [name, spec.spec])),
    entities
  );
  if (schema.problems.length > 0) {
    throw new SampleSpecError(
      `sample set "${sampleSet.name}" cannot be built as declared`,
      schema.problems.map(problem =>
        problemAt(
          sampleSet.file,
          sampleSet.document,
          problem.pointer,
          problem.message,
          'Fix this field of the SampleSet spec.'
        )
      ),
      'Fix the fields listed above.'
    );
  }
  const selected = sampleSet.spec.features.flatMap(selection => {
    const group = groups.get(selection.featureGroup.toLowerCase());
    return group === undefined ? [] : [group];
  });
  const usedEntities = [...new Set(selected.map(group => group.spec.entity))].flatMap(name => {
    const entity = entities.get(name);
    return entity === undefined ? [] : [entity];
  });
  return { sampleSet, featureGroups: selected, entities: usedEntities, schema };
}
