import type { FeatureGroupSpec, SpecKind, SpecProblem } from '@featurelab/core';
import { formatPosition, problemAt, type LoadedSpec } from './loaded-spec.js';
import { formatPointer } from './yaml-file.js';

/**
 * Checks across documents: names unique per kind, every reference resolves, and feature groups
 * do not read each other in a cycle.
 *
 * Returns the specs that can be planned (the first definition of a duplicate name wins, so
 * later checks still run) and the problems found.
 */
export function checkCrossReferences(specs: readonly LoadedSpec[]): {
  unique: LoadedSpec[];
  problems: SpecProblem[];
} {
  const problems: SpecProblem[] = [];
  const unique = dropDuplicates(specs, problems);
  const byKind = indexByKind(unique);
  const groups = byKind.FeatureGroup;
  for (const spec of unique) {
    const { spec: document } = spec;
    switch (document.kind) {
      case 'FeatureGroup': {
        const entity = byKind.Entity.get(document.entity);
        if (!entity) {
          problems.push(missing(spec, '/entity', 'Entity', document.entity, byKind.Entity));
        } else if (entity.spec.kind === 'Entity') {
          document.features.forEach((feature, index) => {
            const key =
              entity.spec.kind === 'Entity'
                ? entity.spec.joinKeys.find(
                    joinKey => joinKey.name.toLowerCase() === feature.name.toLowerCase()
                  )
                : undefined;
            if (key) {
              problems.push(
                problemAt(
                  spec.file,
                  spec.document,
                  formatPointer(['features', index, 'name']),
                  `feature "${feature.name}" has the name of join key "${key.name}" of entity "${document.entity}"`,
                  'Rename the feature: join keys are columns of every feature group table already.'
                )
              );
            }
          });
        }
        (document.source.featureGroups ?? []).forEach((name, index) => {
          if (!groups.has(name.toLowerCase())) {
            problems.push(
              missing(
                spec,
                formatPointer(['source', 'featureGroups', index]),
                'FeatureGroup',
                name,
                groups
              )
            );
          }
        });
        break;
      }
      case 'SampleSet':
        document.features.forEach((selection, index) => {
          const group = groups.get(selection.featureGroup.toLowerCase());
          if (!group || group.spec.kind !== 'FeatureGroup') {
            problems.push(
              missing(
                spec,
                formatPointer(['features', index, 'featureGroup']),
                'FeatureGroup',
                selection.featureGroup,
                groups
              )
            );
            return;
          }
          const available = group.spec.features.map(feature => feature.name);
          (selection.features ?? []).forEach((name, featureIndex) => {
            if (!available.includes(name)) {
              problems.push(
                problemAt(
                  spec.file,
                  spec.document,
                  formatPointer(['features', index, 'features', featureIndex]),
                  `feature group "${group.name}" has no feature "${name}"`,
                  suggestion(name, available, `Its features: ${available.join(', ')}.`)
                )
              );
            }
          });
        });
        break;
      case 'Model':
        if (!byKind.SampleSet.has(document.sampleSet)) {
          problems.push(
            missing(spec, '/sampleSet', 'SampleSet', document.sampleSet, byKind.SampleSet)
          );
        }
        break;
      case 'Entity':
        break;
    }
  }
  problems.push(
    ...findCycles(
      unique.filter(spec => spec.spec.kind === 'FeatureGroup'),
      groups
    )
  );
  return { unique, problems };
}

/**
 * Feature group names are compared without regard to case (they are Spark table names); the
 * other kinds exactly.
 */
export function nameKey(kind: SpecKind, name: string): string {
  return kind === 'FeatureGroup' ? name.toLowerCase() : name;
}

function dropDuplicates(specs: readonly LoadedSpec[], problems: SpecProblem[]): LoadedSpec[] {
  const first = new Map<string, LoadedSpec>();
  const unique: LoadedSpec[] = [];
  for (const spec of specs) {
    const key = `${spec.kind}\u0000${nameKey(spec.kind, spec.name)}`;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, spec);
      unique.push(spec);
      continue;
    }
    const earlierAt = { file: earlier.file, ...earlier.document.locate('/name') };
    const sameSpelling =
      earlier.name === spec.name
        ? ''
        : ` (as "${earlier.name}"; feature group names are compared without regard to case)`;
    problems.push(
      problemAt(
        spec.file,
        spec.document,
        '/name',
        `duplicate ${spec.kind} name "${spec.name}": also defined at ${formatPosition(earlierAt)}${sameSpelling}`,
        `Rename one of the two ${spec.kind} documents or delete one; names are unique per kind in a folder.`,
        {
          related: [earlierAt]
        }
      )
    );
  }
  return unique;
}

function indexByKind(specs: readonly LoadedSpec[]): Record<SpecKind, Map<string, LoadedSpec>> {
  const index: Record<SpecKind, Map<string, LoadedSpec>> = {
    Entity: new Map(),
    FeatureGroup: new Map(),
    SampleSet: new Map(),
    Model: new Map()
  };
  for (const spec of specs) {
    index[spec.kind].set(nameKey(spec.kind, spec.name), spec);
  }
  return index;
}

function missing(
  spec: LoadedSpec,
  pointer: string,
  kind: SpecKind,
  name: string,
  known: ReadonlyMap<string, LoadedSpec>
): SpecProblem {
  const names = [...known.values()].map(candidate => candidate.name);
  return problemAt(
    spec.file,
    spec.document,
    pointer,
    `unknown ${kind} "${name}"`,
    suggestion(
      name,
      names,
      `Define ${kind === 'Entity' ? 'an' : 'a'} ${kind} named "${name}" in the folder, or fix the reference.`
    )
  );
}

/** "Did you mean" for a near miss (a typo or a case slip), else the fallback. */
function suggestion(name: string, candidates: readonly string[], fallback: string): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance =
      candidate.toLowerCase() === name.toLowerCase() ? 0.5 : editDistance(name, candidate, 3);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= 2 ? `Did you mean "${best}"?` : fallback;
}

/** Levenshtein distance, giving up above `limit` (names are short; only near misses matter). */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) {
    return limit + 1;
  }
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
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

/**
 * Cycles in "feature group reads feature group" edges, each reported once, at the reference
 * that closes it, with the whole path.
 */
function findCycles(
  groups: readonly LoadedSpec[],
  byName: ReadonlyMap<string, LoadedSpec>
): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: LoadedSpec[] = [];
  const reads = (spec: LoadedSpec): string[] =>
    ((spec.spec as FeatureGroupSpec).source.featureGroups ?? []).map(name => name.toLowerCase());

  // Iterative depth-first search: a chain of thousands of groups must not overflow the stack.
  for (const start of groups) {
    if (state.has(start.name.toLowerCase())) {
      continue;
    }
    const frames: { spec: LoadedSpec; next: number }[] = [{ spec: start, next: 0 }];
    state.set(start.name.toLowerCase(), 'visiting');
    stack.push(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const edges = reads(frame.spec);
      if (frame.next >= edges.length) {
        state.set(frame.spec.name.toLowerCase(), 'done');
        stack.pop();
        frames.pop();
        continue;
      }
      const edgeIndex = frame.next;
      frame.next += 1;
      const target = byName.get(edges[edgeIndex]);
      if (!target) {
        continue; // reported as an unknown reference
      }
      const targetState = state.get(target.name.toLowerCase());
      if (targetState === 'visiting') {
        const members = stack.slice(stack.indexOf(target));
        const path = [...members, target].map(member => member.name).join(' -> ');
        problems.push(
          problemAt(
            frame.spec.file,
            frame.spec.document,
            formatPointer(['source', 'featureGroups', edgeIndex]),
            `lineage cycle: ${path}`,
            'A feature group cannot (indirectly) read itself; remove one of the source.featureGroups references of the cycle.',
            {
              related: members.map(member => ({
                file: member.file,
                ...member.document.locate('/name')
              }))
            }
          )
        );
      } else if (targetState === undefined) {
        state.set(target.name.toLowerCase(), 'visiting');
        stack.push(target);
        frames.push({ spec: target, next: 0 });
      }
    }
  }
  return problems;
}
