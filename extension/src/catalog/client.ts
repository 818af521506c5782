/**
 * Typed calls of the service's catalog and plan/apply methods over the REST shim.
 */
import type { SpecPlanResult } from '@featurelab/core';
import type { ServerConnection } from '@jupyterlab/services';

import { requestAPI } from '../request.js';
import type {
  CatalogDiffResult,
  CatalogGetResult,
  CatalogListResult,
  LineageGraph
} from './types.js';

/**
 * What the catalog views need from the service; a fake implements it in unit tests.
 */
export interface ICatalogClient {
  list(): Promise<CatalogListResult>;
  get(kind: string, name: string): Promise<CatalogGetResult>;
  diff(
    kind: string,
    name: string,
    fromVersion: number,
    toVersion: number
  ): Promise<CatalogDiffResult>;
  lineage(kind: string, name: string, depth?: number): Promise<LineageGraph>;
  plan(folder: string, force?: boolean): Promise<SpecPlanResult>;
  apply(
    folder: string,
    options: { force?: boolean; baseVersion?: number }
  ): Promise<SpecPlanResult>;
}

/**
 * The client over `POST featurelab/api/rpc/<method>`.
 */
export class CatalogClient implements ICatalogClient {
  constructor(private readonly _serverSettings: ServerConnection.ISettings) {}

  list(): Promise<CatalogListResult> {
    return this._call('catalog.list', {});
  }

  get(kind: string, name: string): Promise<CatalogGetResult> {
    return this._call('catalog.get', { kind, name });
  }

  diff(
    kind: string,
    name: string,
    fromVersion: number,
    toVersion: number
  ): Promise<CatalogDiffResult> {
    return this._call('catalog.diff', { kind, name, fromVersion, toVersion });
  }

  lineage(kind: string, name: string, depth?: number): Promise<LineageGraph> {
    return this._call(
      'catalog.lineage',
      depth === undefined ? { kind, name } : { kind, name, depth }
    );
  }

  plan(folder: string, force = false): Promise<SpecPlanResult> {
    return this._call('specs.plan', { folder, force });
  }

  apply(
    folder: string,
    options: { force?: boolean; baseVersion?: number }
  ): Promise<SpecPlanResult> {
    const args: Record<string, unknown> = { folder, force: options.force ?? false };
    if (options.baseVersion !== undefined) {
      args.baseVersion = options.baseVersion;
    }
    return this._call('specs.apply', args);
  }

  private async _call<T>(method: string, args: Record<string, unknown>): Promise<T> {
    const body = await requestAPI<{ result: T }>(`rpc/${method}`, this._serverSettings, {
      method: 'POST',
      body: JSON.stringify({ args })
    });
    return body.result;
  }
}
