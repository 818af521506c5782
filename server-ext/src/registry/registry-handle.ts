import type { RegistryHealth } from '@featurelab/core';
import { redactUrl, type ResolvedRegistryConfig } from '../config/service-config.js';
import type { Logger } from '../logger.js';
import { SqliteRegistry } from './sqlite-registry.js';

/**
 * The service's registry, whether or not it could be opened.
 *
 * The service starts even when the registry is unusable, so the Jupyter server extension can
 * report why through `health` instead of a process that keeps dying; every health check
 * retries the open.
 */
export class RegistryHandle {
  private registry: SqliteRegistry | undefined;
  private lastError: string | undefined;

  constructor(
    readonly config: ResolvedRegistryConfig,
    private readonly logger: Logger
  ) {}

  /** Where the registry lives, safe to show (no password). */
  get location(): string {
    return this.config.kind === 'sqlite' ? this.config.path : redactUrl(this.config.url);
  }

  /** The open registry, or undefined when it is not usable. */
  get current(): SqliteRegistry | undefined {
    return this.registry;
  }

  /** Open and migrate if not open yet. Never throws; failures are kept for health(). */
  open(): void {
    if (this.registry) {
      return;
    }
    if (this.config.kind === 'postgresql') {
      this.lastError =
        'PostgreSQL registries are declared in the configuration schema but not supported by this release; use {"kind": "sqlite"}';
      return;
    }
    try {
      this.registry = SqliteRegistry.open({ path: this.config.path });
      this.lastError = undefined;
      const { from, to, applied } = this.registry.migration;
      this.logger.info('registry open', {
        path: this.config.path,
        schemaVersion: to,
        migratedFrom: from,
        applied
      });
    } catch (error) {
      const hint = (error as { hint?: unknown }).hint;
      this.lastError = `${error instanceof Error ? error.message : String(error)}${typeof hint === 'string' ? `. ${hint}` : ''}`;
      this.logger.error('registry unavailable', { path: this.config.path, error });
    }
  }

  /** Live state of the registry for the health report. */
  health(): RegistryHealth {
    this.open();
    const base = { kind: this.config.kind, location: this.location };
    if (!this.registry) {
      return {
        ...base,
        schemaVersion: 0,
        ok: false,
        message: this.lastError ?? 'registry not open'
      };
    }
    const check = this.registry.check();
    return check.message === undefined
      ? { ...base, schemaVersion: check.schemaVersion, ok: check.ok }
      : { ...base, schemaVersion: check.schemaVersion, ok: check.ok, message: check.message };
  }

  close(): void {
    this.registry?.close();
    this.registry = undefined;
  }
}
