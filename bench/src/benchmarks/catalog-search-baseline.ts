/**
 * The anchor of the catalog-search benchmark: what a catalog without an index does, a plain
 * case-insensitive substring filter over name, tags, owner and description (lower-cased once
 * up front, to be fair), then the same filters, first `limit` matches in list order.
 */
import type { CatalogEntry } from '../../../core/src/generated/catalog-result.ts';
import type { BenchFilters } from './catalog-search-data.ts';

export class SubstringFilter {
  private readonly entries: readonly CatalogEntry[];
  private readonly haystacks: string[];

  constructor(entries: readonly CatalogEntry[]) {
    this.entries = entries;
    this.haystacks = entries.map(entry =>
      [entry.name, entry.tags.join(' '), entry.owner, entry.description].join('\n').toLowerCase()
    );
  }

  search(query: string, filters: BenchFilters, limit: number): { total: number; ids: string[] } {
    const needle = query.trim().toLowerCase();
    const ids: string[] = [];
    let total = 0;
    for (let i = 0; i < this.entries.length; i++) {
      const entry = this.entries[i];
      if (!keeps(entry, filters) || (needle !== '' && !this.haystacks[i].includes(needle))) {
        continue;
      }
      total++;
      if (ids.length < limit) {
        ids.push(entry.id);
      }
    }
    return { total, ids };
  }
}

function keeps(entry: CatalogEntry, filters: BenchFilters): boolean {
  return (
    (filters.kinds === undefined || filters.kinds.includes(entry.kind)) &&
    (filters.entities === undefined || entry.entities.some(e => filters.entities?.includes(e))) &&
    (filters.owners === undefined || filters.owners.includes(entry.owner)) &&
    (filters.tags === undefined || entry.tags.some(tag => filters.tags?.includes(tag))) &&
    (filters.online === undefined || entry.online === filters.online) &&
    (filters.quality === undefined || filters.quality.includes(entry.quality))
  );
}
