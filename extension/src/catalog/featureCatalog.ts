/**
 * The `IFeatureCatalog` the plugin provides.
 */
import { type ISignal, Signal } from '@lumino/signaling';

import type { IFeatureCatalog } from '../tokens.js';
import type { CatalogBrowserModel } from './browserModel.js';
import type { ICatalogClient } from './client.js';

export class FeatureCatalog implements IFeatureCatalog {
  constructor(options: FeatureCatalog.IOptions) {
    this.model = options.model;
    this.client = options.client;
    this._open = options.open;
  }

  readonly model: CatalogBrowserModel;
  readonly client: ICatalogClient;

  get searchRequested(): ISignal<this, void> {
    return this._searchRequested;
  }

  open(kind: string, name: string): Promise<void> {
    return this._open(kind, name);
  }

  refresh(): Promise<void> {
    return this.model.refresh();
  }

  /** Ask the view that shows the catalog to reveal its search box. */
  requestSearch(): void {
    this._searchRequested.emit();
  }

  private _open: (kind: string, name: string) => Promise<void>;
  private _searchRequested = new Signal<this, void>(this);
}

export namespace FeatureCatalog {
  export interface IOptions {
    model: CatalogBrowserModel;
    client: ICatalogClient;
    /** Opens a detail view (the plugin runs its command). */
    open: (kind: string, name: string) => Promise<void>;
  }
}
