import type { ResolvedRegistryConfig } from '../../config/service-config.js';
import { openRegistry, type OpenRegistry } from '../../registry/open-registry.js';
import { PostgresSpecStore } from './postgres-spec-store.js';
import type { SpecStore } from './spec-store.js';
import { SqliteSpecStore } from './sqlite-spec-store.js';

/**
 * Open the spec store of the configured registry, migrating it if needed. The caller closes
 * it, which closes the registry too.
 *
 * @throws RegistryUnavailableError / RegistryMigrationError as opening the registry does.
 */
export async function openSpecStore(config: ResolvedRegistryConfig): Promise<SpecStore> {
  return specStoreOf(await openRegistry(config), true);
}

/**
 * The spec store on an open registry.
 *
 * @param ownsRegistry close the registry with the store; false where the registry outlives
 *   the store (the service keeps one open for all requests).
 */
export function specStoreOf(registry: OpenRegistry, ownsRegistry: boolean): SpecStore {
  return registry.kind === 'sqlite'
    ? new SqliteSpecStore(registry, ownsRegistry)
    : new PostgresSpecStore(registry, ownsRegistry);
}
