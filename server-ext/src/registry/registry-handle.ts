import type { RegistryHealth } from '@featurelab/core';
import { redactUrl, type ResolvedRegistryConfig } from '../config/service-config.js';
import type { Logger } from '../logger.js';
import { openRegistry, type OpenRegistry } from './open-registry.js';

/**
 * The service's registry, whether or not it could be opened.
 *
 * The service starts even when the registry is unusable, so the Jupyter server extension can
 * report why through `health` instead of a process that keeps dying; every health check
 * retries the open.
 */
export class RegistryHandle {
  private registry: OpenRegistry | undefined;
  private opening: Promise<void> | undefined;
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
  get current(): OpenRegistry | undefined {
    return this.registry;
  }

  /**
   * Open and migrate if not open yet. Never rejects; failures are kept for health().
   * Concurrent calls share one attempt.
   */
  open(): Promise<void> {
    if (this.registry) {
      return Promise.resolve();
    }
    this.opening ??= this.tryOpen().finally(() => (this.opening = undefined));
    return this.opening;
  }

  /** Live state of the registry for the health report. */
  async health(): Promise<RegistryHealth> {
    await this.open();
    const base = { kind: this.config.kind, location: this.location };
    if (!this.registry) {
      return {
        ...base,
        schemaVersion: 0,
        ok: false,
        message: this.lastError ?? 'registry not open'
      };
    }
    const check = await this.registry.check();
    return check.message === undefined
      ? { ...base, schemaVersion: check.schemaVersion, ok: check.ok }
      : { ...base, schemaVersion: check.schemaVersion, ok: check.ok, message: check.message };
  }

  async close(): Promise<void> {
    await this.opening;
    const registry = this.registry;
    this.registry = undefined;
    await registry?.close();
  }

  private async tryOpen(): Promise<void> {
    try {
      this.registry = await openRegistry(this.config, this.logger);
      this.lastError = undefined;
      const { from, to, applied } = this.registry.migration;
      this.logger.info('registry open', {
        kind: this.config.kind,
        location: this.location,
        schemaVersion: to,
        migratedFrom: from,
        applied
      });
    } catch (error) {
      const hint = (error as { hint?: unknown }).hint;
      this.lastError = `${error instanceof Error ? error.message : String(error)}${typeof hint === 'string' ? `. ${hint}` : ''}`;
      this.logger.error('registry unavailable', { location: this.location, error });
    }
  }
}
