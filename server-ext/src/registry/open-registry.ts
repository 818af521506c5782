import type { ResolvedRegistryConfig } from '../config/service-config.js';
import type { Logger } from '../logger.js';
import { PostgresRegistry } from './postgres/postgres-registry.js';
import { SqliteRegistry } from './sqlite-registry.js';

/** An open, migrated registry of either backend; `kind` tells which. */
export type OpenRegistry = SqliteRegistry | PostgresRegistry;

/**
 * Open and migrate the configured registry.
 *
 * @throws RegistryUnavailableError, RegistryMigrationError, RegistryTooNewError.
 */
export async function openRegistry(
  config: ResolvedRegistryConfig,
  logger?: Logger
): Promise<OpenRegistry> {
  return config.kind === 'sqlite'
    ? SqliteRegistry.open({ path: config.path })
    : PostgresRegistry.open({ url: config.url, logger });
}
