import { statSync } from 'node:fs';
import path from 'node:path';
import type { SpecPlanResult } from '@featurelab/core';
import { loadServiceConfig } from '../config/service-config.js';
import { UsageError } from '../errors.js';
import { renderPlanResult } from '../plan/render-plan.js';
import { planSpecs } from '../plan/run-plan.js';
import { openSpecStore } from '../specs/store/open-spec-store.js';
import type { SpecStore } from '../specs/store/spec-store.js';
import { printOut } from './terminal.js';

/** Exit statuses of `plan` and `apply` (usage errors exit with 2 like every command). */
export const SpecExitCode = {
  /** Planned or applied, or nothing to change. */
  Ok: 0,
  /** The specs have errors, or destructive changes were refused. */
  Refused: 1,
  /** Another apply recorded a version after the plan was made; nothing was applied. */
  Conflict: 3
} as const;

export interface SpecCommandArgs {
  readonly folder: string;
  readonly workspace?: string;
  readonly config?: string;
  readonly json: boolean;
}

/** `featurelab plan DIR`: show what apply would change. */
export async function runPlanCommand(
  args: SpecCommandArgs & { readonly force: boolean }
): Promise<number> {
  return withStore(args, async store =>
    report(await planSpecs({ folder: args.folder, store, force: args.force }), args.json)
  );
}

/** The registry of the workspace's configuration (the current directory by default). */
export async function withStore(
  args: SpecCommandArgs,
  use: (store: SpecStore) => Promise<number>
): Promise<number> {
  // Checked before the registry is opened, so a typo neither creates a registry nor plans
  // "delete everything" against an empty folder.
  if (!statSync(args.folder, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(
      `the spec folder ${path.resolve(args.folder)} is not an existing directory`,
      { hint: 'Pass the folder that holds the *.yaml spec files.' }
    );
  }
  const config = loadServiceConfig({
    workspace: path.resolve(args.workspace ?? process.cwd()),
    configFile: args.config
  });
  const store = await openSpecStore(config.registry);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

export function report(result: SpecPlanResult, json: boolean): number {
  printOut(json ? JSON.stringify(result, null, 2) : renderPlanResult(result));
  switch (result.status) {
    case 'ok':
      return SpecExitCode.Ok;
    case 'conflict':
      return SpecExitCode.Conflict;
    case 'invalid':
    case 'refused':
      return SpecExitCode.Refused;
  }
}
