import type { SpecPlanResult } from '@featurelab/core';
import { RegistryConflictError } from '../specs/errors.js';
import { loadSpecFolder, type LoadedFolder } from '../specs/load-folder.js';
import type { CommitResult, SpecStore } from '../specs/store/spec-store.js';
import { gitCommitOf } from './git-commit.js';
import { bodiesNeeded, makePlan, type SpecPlan } from './make-plan.js';

export interface PlanOptions {
  /** The spec folder. */
  readonly folder: string;
  readonly store: SpecStore;
  /** Allow destructive changes. */
  readonly force?: boolean;
}

export interface ApplyOptions extends PlanOptions {
  /** Recorded as the version's author: the CLI user or --author; the service's caller. */
  readonly author: string;
  /**
   * Apply only if the registry is still at this version (the one a reviewed `plan` reported).
   * Default: the version this apply plans against.
   */
  readonly expectedVersion?: number;
  readonly now?: () => Date;
  /** Observes the commit (benchmarks count statements). */
  readonly onCommit?: (result: CommitResult) => void;
}

/** Compare a spec folder with the registry. Writes nothing. */
export async function planSpecs(options: PlanOptions): Promise<SpecPlanResult> {
  const loaded = loadSpecFolder(options.folder);
  if (loaded.problems.length > 0) {
    return invalidResult('plan', loaded, options);
  }
  const plan = await planAgainstStore(loaded, options.store);
  return planResult('plan', loaded, plan, options);
}

/**
 * Plan, then apply the plan in one transaction and record a new registry version. Nothing is
 * written when the folder has errors, when destructive changes are not forced, when there is
 * nothing to change, or on a version conflict.
 */
export async function applySpecs(options: ApplyOptions): Promise<SpecPlanResult> {
  const loaded = loadSpecFolder(options.folder);
  if (loaded.problems.length > 0) {
    return invalidResult('apply', loaded, options);
  }
  const plan = await planAgainstStore(loaded, options.store);
  const result = planResult('apply', loaded, plan, options);
  const expected = options.expectedVersion ?? plan.baseVersion;
  if (expected !== plan.baseVersion) {
    // A reviewed plan is stale: do not apply a different one in its place.
    return {
      ...result,
      status: 'conflict',
      conflict: { expectedVersion: expected, actualVersion: plan.baseVersion }
    };
  }
  if (result.status !== 'ok' || plan.storeChanges.length === 0) {
    return result;
  }
  try {
    const committed = await options.store.commit({
      baseVersion: expected,
      author: options.author,
      gitCommit: await gitCommitOf(loaded.folder),
      createdAt: (options.now ?? (() => new Date()))(),
      changes: plan.storeChanges
    });
    options.onCommit?.(committed);
    return { ...result, appliedVersion: committed.version };
  } catch (error) {
    if (error instanceof RegistryConflictError) {
      return {
        ...result,
        status: 'conflict',
        conflict: { expectedVersion: error.expectedVersion, actualVersion: error.actualVersion }
      };
    }
    throw error;
  }
}

async function planAgainstStore(loaded: LoadedFolder, store: SpecStore): Promise<SpecPlan> {
  const snapshot = await store.snapshot(bodiesNeeded(loaded.specs));
  return makePlan(loaded.specs, snapshot);
}

function planResult(
  mode: SpecPlanResult['mode'],
  loaded: LoadedFolder,
  plan: SpecPlan,
  options: PlanOptions
): SpecPlanResult {
  const force = options.force === true;
  return {
    mode,
    status: plan.summary.destructive > 0 && !force ? 'refused' : 'ok',
    folder: loaded.folder,
    registry: { kind: options.store.kind, location: options.store.location },
    baseVersion: plan.baseVersion,
    summary: plan.summary,
    changes: [...plan.changes],
    problems: [],
    forced: force,
    appliedVersion: null
  };
}

function invalidResult(
  mode: SpecPlanResult['mode'],
  loaded: LoadedFolder,
  options: PlanOptions
): SpecPlanResult {
  return {
    mode,
    status: 'invalid',
    folder: loaded.folder,
    registry: { kind: options.store.kind, location: options.store.location },
    baseVersion: 0,
    summary: { create: 0, update: 0, delete: 0, unchanged: 0, destructive: 0 },
    changes: [],
    problems: [...loaded.problems],
    forced: options.force === true,
    appliedVersion: null
  };
}
