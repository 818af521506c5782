import type { ResolvedRegistryConfig } from '../../config/service-config.js';
import { RegistryUnavailableError } from '../../errors.js';
import { SqliteRegistry } from '../../registry/sqlite-registry.js';
import type { SpecStore } from './spec-store.js';
import { SqliteSpecStore } from './sqlite-spec-store.js';

/**
 * Open the spec store of the configured registry, migrating it if needed. The caller closes
 * it.
 *
 * @throws RegistryUnavailableError / RegistryMigrationError as SqliteRegistry.open does, and
 *   for PostgreSQL, which plan/apply do not support yet.
 */
export function openSpecStore(config: ResolvedRegistryConfig): SpecStore {
  if (config.kind === 'postgresql') {
    throw new RegistryUnavailableError(
      'plan and apply support SQLite registries only in this release',
      {
        hint: 'Set "registry": {"kind": "sqlite"} in the configuration, or wait for the PostgreSQL backend.'
      }
    );
  }
  return new SqliteSpecStore(SqliteRegistry.open({ path: config.path }), true);
}
