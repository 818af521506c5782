import { userInfo } from 'node:os';
import { UsageError } from '../errors.js';
import { applySpecs } from '../plan/run-plan.js';
import { report, withStore, type SpecCommandArgs } from './plan.js';

/** `featurelab apply DIR`: plan, then apply atomically and record a registry version. */
export async function runApplyCommand(
  args: SpecCommandArgs & {
    readonly force: boolean;
    readonly author?: string;
    readonly baseVersion?: string;
  }
): Promise<number> {
  const expectedVersion =
    args.baseVersion === undefined ? undefined : parseVersion(args.baseVersion);
  const author = args.author ?? currentUser();
  if (author.trim() === '') {
    throw new UsageError('--author must not be empty');
  }
  return withStore(args, async store =>
    report(
      await applySpecs({ folder: args.folder, store, force: args.force, author, expectedVersion }),
      args.json
    )
  );
}

function parseVersion(text: string): number {
  if (!/^(0|[1-9][0-9]{0,14})$/.test(text)) {
    throw new UsageError(`--base-version must be a registry version (0, 1, 2...), not "${text}"`);
  }
  return Number(text);
}

/** The login name, for the version's author; $USER when the passwd entry is missing (containers). */
function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.LOGNAME ?? 'unknown';
  }
}
