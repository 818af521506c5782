import type { QualityStatus } from '@featurelab/core';

/**
 * Where catalog entries get their quality status from. The validation runs (a later issue)
 * provide one; until then every entry is "unknown". Statuses are read on every catalog.list
 * and catalog.get, since a validation run changes them without a new registry version.
 */
export interface CatalogQualitySource {
  /** Statuses by CatalogEntry id; entries without one are "unknown". */
  statuses(): Promise<ReadonlyMap<string, QualityStatus>>;
}

/** The source used until validation results exist: nothing known. */
export const NO_QUALITY: CatalogQualitySource = {
  statuses: () => Promise.resolve(new Map())
};
