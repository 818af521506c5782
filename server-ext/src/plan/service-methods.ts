import { realpathSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentsError, type SpecPlanResult } from '@featurelab/core';
import { RegistryUnavailableError } from '../errors.js';
import type { Dispatcher, RequestContext } from '../jsonrpc/dispatcher.js';
import type { RegistryHandle } from '../registry/registry-handle.js';
import { RegistryConflictError, SpecFolderError } from '../specs/errors.js';
import { specStoreOf } from '../specs/store/open-spec-store.js';
import type { SpecStore } from '../specs/store/spec-store.js';
import { applySpecs, planSpecs } from './run-plan.js';

/**
 * `specs.plan` {folder, force?} and `specs.apply` {folder, force?, baseVersion?}: plan/apply
 * for JupyterLab. `folder` is relative to the workspace and must stay inside it. Both return
 * a SpecPlanResult (status invalid/refused included); a version conflict is the typed error
 * RegistryConflictError. The caller is the version's author.
 */
export function registerSpecMethods(
  dispatcher: Dispatcher,
  workspace: string,
  registry: RegistryHandle
): void {
  dispatcher.register('specs.plan', async ({ args }: RequestContext) => {
    const folder = folderArg(args.folder, workspace);
    return withStore(registry, store =>
      planSpecs({ folder, store, force: booleanArg(args.force, 'force') })
    );
  });
  dispatcher.register('specs.apply', async ({ args, user }: RequestContext) => {
    const folder = folderArg(args.folder, workspace);
    const result = await withStore(registry, store =>
      applySpecs({
        folder,
        store,
        force: booleanArg(args.force, 'force'),
        author: user.username,
        expectedVersion: versionArg(args.baseVersion)
      })
    );
    if (result.status === 'conflict' && result.conflict) {
      throw new RegistryConflictError(
        result.conflict.expectedVersion,
        result.conflict.actualVersion
      );
    }
    return result;
  });
}

async function withStore(
  registry: RegistryHandle,
  use: (store: SpecStore) => Promise<SpecPlanResult>
): Promise<SpecPlanResult> {
  await registry.open();
  const current = registry.current;
  if (!current) {
    throw new RegistryUnavailableError('the registry is not available', {
      hint: 'Run `featurelab doctor` or look at the service status for the reason.'
    });
  }
  // The service keeps the registry open; the store borrows its connection (SQLite) or pool
  // (PostgreSQL).
  return use(specStoreOf(current, false));
}

/** The spec folder, resolved (links included) and required to be inside the workspace. */
function folderArg(value: unknown, workspace: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new InvalidArgumentsError(
      'args.folder must be the spec folder, relative to the workspace',
      { hint: 'Send {"args": {"folder": "features"}}.' }
    );
  }
  let resolved: string;
  let root: string;
  try {
    root = realpathSync(workspace);
    resolved = realpathSync(path.resolve(root, value));
  } catch (error) {
    throw new SpecFolderError(
      `the spec folder ${JSON.stringify(value)} does not exist in the workspace`,
      { hint: 'Pass a folder of the workspace that holds *.yaml spec files.', cause: error }
    );
  }
  const relative = path.relative(root, resolved);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new InvalidArgumentsError(
      `the spec folder ${JSON.stringify(value)} is outside the workspace`,
      { hint: 'Spec folders must be inside the workspace JupyterLab serves.' }
    );
  }
  return resolved;
}

function booleanArg(value: unknown, name: string): boolean {
  if (value === undefined) {
    return false;
  }
  if (typeof value !== 'boolean') {
    throw new InvalidArgumentsError(`args.${name} must be true or false`, {
      hint: `Send {"args": {"${name}": true}} or leave it out.`
    });
  }
  return value;
}

function versionArg(value: unknown): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentsError('args.baseVersion must be a registry version (0, 1, 2...)', {
      hint: 'Send the baseVersion of the plan that was reviewed, or leave it out.'
    });
  }
  return value;
}
