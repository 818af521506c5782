import type { RegistryVersion, SpecKind } from '@featurelab/core';

/** What the registry holds about one spec, without its body. */
export interface StoredSpecSummary {
  readonly kind: SpecKind;
  readonly name: string;
  readonly hash: string;
}

/** A consistent read of the registry: its version, every spec's hash, and the bodies asked for. */
export interface RegistrySnapshot {
  /** 0 for a registry that was never applied to. */
  readonly version: number;
  readonly summaries: readonly StoredSpecSummary[];
  /** Canonical JSON of the specs `wantBody` selected, by `specKey(kind, name)`. */
  readonly bodies: ReadonlyMap<string, string>;
}

/** One change of an apply, as the store writes it. */
export type StoreChange =
  | {
      readonly action: 'create';
      readonly kind: SpecKind;
      readonly name: string;
      readonly json: string;
      readonly hash: string;
    }
  /** `previousName` differs from `name` when only the case of a feature group name changed. */
  | {
      readonly action: 'update';
      readonly kind: SpecKind;
      readonly name: string;
      readonly previousName: string;
      readonly json: string;
      readonly hash: string;
    }
  | { readonly action: 'delete'; readonly kind: SpecKind; readonly name: string };

export interface CommitRequest {
  /** The version the plan was made against: the commit fails with a conflict unless it is still current. */
  readonly baseVersion: number;
  readonly author: string;
  readonly gitCommit: string | null;
  readonly createdAt: Date;
  readonly changes: readonly StoreChange[];
}

export interface CommitResult {
  readonly version: RegistryVersion;
  /** SQL statements executed, for benchmarks. */
  readonly statements: number;
}

/**
 * Where specs live. One implementation per registry backend (SQLite now, PostgreSQL next);
 * plan and apply only talk to this interface, so both backends behave the same.
 *
 * Asynchronous although node:sqlite is not: a PostgreSQL client is.
 */
export interface SpecStore {
  readonly kind: 'sqlite' | 'postgresql';
  /** Where it is, safe to show. */
  readonly location: string;

  /**
   * Read the current version and all summaries in one transaction, plus the bodies of the
   * specs `wantBody` selects (those a plan must diff or inspect).
   */
  snapshot(wantBody: (summary: StoredSpecSummary) => boolean): Promise<RegistrySnapshot>;

  /**
   * Apply all changes and record version `baseVersion + 1`, atomically.
   *
   * @throws RegistryConflictError (nothing written) when the registry is no longer at
   *   `baseVersion`; any other failure also leaves the registry unchanged.
   */
  commit(request: CommitRequest): Promise<CommitResult>;

  close(): Promise<void>;
}
