import type {
  ModelSpec,
  SampleSetSpec,
  SpecChange,
  SpecDocument,
  SpecKind,
  SpecPlanResult
} from '@featurelab/core';
import { nameKey } from '../specs/cross-references.js';
import { specKey, type LoadedSpec } from '../specs/loaded-spec.js';
import type {
  RegistrySnapshot,
  StoreChange,
  StoredSpecSummary
} from '../specs/store/spec-store.js';
import {
  deleteBreaks,
  featureGroupUpdateBreaks,
  type RegisteredConsumers
} from './breaking-changes.js';
import { diffSpecs } from './diff.js';

/** A plan: what to show, and what apply writes. */
export interface SpecPlan {
  readonly baseVersion: number;
  readonly changes: readonly SpecChange[];
  readonly summary: SpecPlanResult['summary'];
  readonly storeChanges: readonly StoreChange[];
}

/** Registry specs whose bodies a plan needs, given the folder: changed, deleted, and consumers. */
export function bodiesNeeded(
  specs: readonly LoadedSpec[]
): (summary: StoredSpecSummary) => boolean {
  const folder = indexSpecs(specs);
  return summary => {
    if (summary.kind === 'SampleSet' || summary.kind === 'Model') {
      return true; // consumers: needed to tell destructive changes
    }
    const match = folder.get(matchKey(summary.kind, summary.name));
    return match === undefined || match.hash !== summary.hash || match.name !== summary.name;
  };
}

/**
 * Compare the folder's specs with a registry snapshot. Unchanged specs cost a hash comparison;
 * only changed ones are diffed.
 */
export function makePlan(specs: readonly LoadedSpec[], snapshot: RegistrySnapshot): SpecPlan {
  const folder = indexSpecs(specs);
  const registered = new Map(
    snapshot.summaries.map(summary => [matchKey(summary.kind, summary.name), summary])
  );
  const body = (summary: StoredSpecSummary): SpecDocument => {
    const json = snapshot.bodies.get(specKey(summary.kind, summary.name));
    if (json === undefined) {
      throw new Error(`the snapshot lacks the body of ${summary.kind} "${summary.name}"`);
    }
    return JSON.parse(json) as SpecDocument;
  };

  const deletes = snapshot.summaries.filter(
    summary => !folder.has(matchKey(summary.kind, summary.name))
  );
  const consumers = registeredConsumers(
    snapshot,
    folder,
    body,
    new Set(deletes.map(summary => `${summary.kind}\u0000${summary.name}`))
  );

  const changes: SpecChange[] = [];
  const storeChanges: StoreChange[] = [];
  let unchanged = 0;
  for (const spec of specs) {
    const old = registered.get(matchKey(spec.kind, spec.name));
    const where = { file: spec.file, line: spec.document.start.line };
    if (old === undefined) {
      changes.push({
        action: 'create',
        kind: spec.kind,
        name: spec.name,
        ...where,
        newHash: spec.hash,
        fields: [],
        breaks: []
      });
      storeChanges.push({
        action: 'create',
        kind: spec.kind,
        name: spec.name,
        json: spec.canonicalJson,
        hash: spec.hash
      });
    } else if (old.hash === spec.hash && old.name === spec.name) {
      unchanged += 1;
    } else {
      const before = body(old);
      const breaks =
        before.kind === 'FeatureGroup' && spec.spec.kind === 'FeatureGroup'
          ? featureGroupUpdateBreaks(before, spec.spec, consumers)
          : [];
      changes.push({
        action: 'update',
        kind: spec.kind,
        name: spec.name,
        ...where,
        oldHash: old.hash,
        newHash: spec.hash,
        fields: diffSpecs(before, spec.spec),
        breaks
      });
      storeChanges.push({
        action: 'update',
        kind: spec.kind,
        name: spec.name,
        previousName: old.name,
        json: spec.canonicalJson,
        hash: spec.hash
      });
    }
  }
  for (const old of deletes) {
    changes.push({
      action: 'delete',
      kind: old.kind,
      name: old.name,
      oldHash: old.hash,
      fields: [],
      breaks: deleteBreaks(body(old), consumers)
    });
    storeChanges.push({ action: 'delete', kind: old.kind, name: old.name });
  }
  changes.sort(compareChanges);
  const count = (action: SpecChange['action']): number =>
    changes.filter(change => change.action === action).length;
  return {
    baseVersion: snapshot.version,
    changes,
    storeChanges,
    summary: {
      create: count('create'),
      update: count('update'),
      delete: count('delete'),
      unchanged,
      destructive: changes.filter(change => change.breaks.length > 0).length
    }
  };
}

function registeredConsumers(
  snapshot: RegistrySnapshot,
  folder: ReadonlyMap<string, LoadedSpec>,
  body: (summary: StoredSpecSummary) => SpecDocument,
  deleted: ReadonlySet<string>
): RegisteredConsumers {
  const versionsOf = <T extends SpecDocument>(summary: StoredSpecSummary): T[] => {
    const next = folder.get(matchKey(summary.kind, summary.name));
    return [body(summary) as T, ...(next ? [next.spec as T] : [])];
  };
  return {
    sampleSets: snapshot.summaries
      .filter(summary => summary.kind === 'SampleSet')
      .map(summary => ({ name: summary.name, versions: versionsOf<SampleSetSpec>(summary) })),
    models: snapshot.summaries
      .filter(summary => summary.kind === 'Model')
      .map(summary => ({ name: summary.name, versions: versionsOf<ModelSpec>(summary) })),
    deleted
  };
}

function indexSpecs(specs: readonly LoadedSpec[]): Map<string, LoadedSpec> {
  return new Map(specs.map(spec => [matchKey(spec.kind, spec.name), spec]));
}

function matchKey(kind: SpecKind, name: string): string {
  return `${kind}\u0000${nameKey(kind, name)}`;
}

const KIND_ORDER: readonly SpecKind[] = ['Entity', 'FeatureGroup', 'SampleSet', 'Model'];
const ACTION_ORDER: readonly SpecChange['action'][] = ['create', 'update', 'delete'];

/** Lineage order (entities first), then action, then name: the order a reviewer reads best. */
function compareChanges(a: SpecChange, b: SpecChange): number {
  return (
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}
