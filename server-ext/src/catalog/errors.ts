import { FeaturelabError, type FeaturelabErrorOptions } from '@featurelab/core';

/** catalog.get / diff / lineage named an object the registry does not hold. */
export class CatalogNotFoundError extends FeaturelabError {
  constructor(message: string, options: FeaturelabErrorOptions = {}) {
    super('CatalogNotFoundError', message, options);
  }
}
