/**
 * The catalog browser in the Featurelab sidebar: search box, filters with counts, and a
 * virtualized list of ranked results.
 */
import { CATALOG_TAG_SEPARATOR } from '@featurelab/core/catalog';
import type { TranslationBundle } from '@jupyterlab/translation';
import { InputGroup, refreshIcon, searchIcon } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { IFeatureCatalog } from '../tokens.js';
import { useSignal } from '../widgets/useSignal.js';
import type { CatalogBrowserModel } from './browserModel.js';
import { catalogName } from './snippets.js';
import { Highlighted } from './highlight.js';
import { kindLabel, qualityLabel } from './labels.js';
import type { CatalogEntry, CatalogSearchHit, FacetCount } from './types.js';
import { VirtualList } from './virtualList.js';

/** Row height in pixels; `.fl-CatalogRow` in catalog.css uses the same. */
export const CATALOG_ROW_HEIGHT = 40;

/** The most values a filter group lists (the most frequent first). */
const FACET_LIMIT = 12;

export interface ICatalogBrowserProps {
  catalog: IFeatureCatalog;
  trans: TranslationBundle;
}

/**
 * The refresh button for the section header.
 */
export function CatalogRefreshButton(props: ICatalogBrowserProps): React.ReactElement {
  const { catalog, trans } = props;
  useSignal(catalog.model.changed);
  return (
    <button
      type="button"
      className="fl-IconButton"
      aria-label={trans.__('Refresh feature catalog')}
      title={trans.__('Refresh feature catalog')}
      aria-busy={catalog.model.busy}
      onClick={() => void catalog.refresh()}
    >
      <refreshIcon.react tag="span" className={catalog.model.busy ? 'fl-mod-spinning' : ''} />
    </button>
  );
}

/**
 * The browser body.
 */
export function CatalogBrowser(props: ICatalogBrowserProps): React.ReactElement {
  const { catalog, trans } = props;
  const model = catalog.model;
  useSignal(model.changed);
  const [showFilters, setShowFilters] = React.useState(false);

  React.useEffect(() => {
    if (model.status === 'idle') {
      void catalog.refresh();
    }
  }, [model]);

  const activeFilters = countActiveFilters(model);
  return (
    <div className="fl-CatalogBrowser" data-featurelab-catalog-status={model.status}>
      <div className="fl-CatalogSearch">
        <InputGroup
          type="search"
          className="fl-Filter fl-CatalogQuery"
          rightIcon={searchIcon}
          placeholder={trans.__('Search features, groups, owners, tags')}
          aria-label={trans.__('Search the feature catalog')}
          value={model.query}
          onChange={event => model.setQuery(event.target.value)}
          onKeyDown={event => {
            if (event.key === 'Escape' && model.query) {
              event.stopPropagation();
              model.setQuery('');
            } else if (event.key === 'ArrowDown') {
              // Down from the search box goes to the results.
              event.preventDefault();
              event.currentTarget
                .closest('.fl-CatalogBrowser')
                ?.querySelector<HTMLElement>('.fl-CatalogList')
                ?.focus();
            }
          }}
        />
        <button
          type="button"
          className={`fl-CatalogFilterToggle${activeFilters ? ' fl-mod-active' : ''}`}
          aria-expanded={showFilters}
          aria-controls="featurelab-catalog-filters"
          onClick={() => setShowFilters(!showFilters)}
        >
          {activeFilters ? trans.__('Filters (%1)', activeFilters) : trans.__('Filters')}
        </button>
      </div>
      {showFilters && <CatalogFilters model={model} trans={trans} />}
      <CatalogResults {...props} />
    </div>
  );
}

function countActiveFilters(model: CatalogBrowserModel): number {
  const filters = model.filters;
  let count = filters.online === undefined ? 0 : 1;
  for (const key of ['kinds', 'entities', 'owners', 'tags', 'quality'] as const) {
    count += filters[key]?.length ?? 0;
  }
  return count;
}

function CatalogFilters(props: {
  model: CatalogBrowserModel;
  trans: TranslationBundle;
}): React.ReactElement {
  const { model, trans } = props;
  const facets = model.facets;
  const filters = model.filters;
  return (
    <div
      className="fl-CatalogFilters"
      id="featurelab-catalog-filters"
      role="group"
      aria-label={trans.__('Catalog filters')}
    >
      <FacetGroup
        title={trans.__('Kind')}
        name="kinds"
        values={facets.kinds}
        selected={filters.kinds}
        label={value => kindLabel(value, trans)}
        onToggle={(value, on) => model.toggleFilter('kinds', value, on)}
      />
      <FacetGroup
        title={trans.__('Entity')}
        name="entities"
        values={facets.entities}
        selected={filters.entities}
        onToggle={(value, on) => model.toggleFilter('entities', value, on)}
      />
      <FacetGroup
        title={trans.__('Owner')}
        name="owners"
        values={facets.owners}
        selected={filters.owners}
        onToggle={(value, on) => model.toggleFilter('owners', value, on)}
      />
      <FacetGroup
        title={trans.__('Tag')}
        name="tags"
        values={facets.tags}
        selected={filters.tags}
        onToggle={(value, on) => model.toggleFilter('tags', value, on)}
      />
      <FacetGroup
        title={trans.__('Quality')}
        name="quality"
        values={facets.quality}
        selected={filters.quality}
        label={value => qualityLabel(value, trans)}
        onToggle={(value, on) => model.toggleFilter('quality', value, on)}
      />
      <fieldset className="fl-FacetGroup" data-featurelab-facet="online">
        <legend>{trans.__('Serving')}</legend>
        {(
          [
            ['any', trans.__('Any'), undefined],
            ['online', trans.__('Online'), true],
            ['offline', trans.__('Offline only'), false]
          ] as const
        ).map(([value, text, online]) => {
          const count = facets.online.find(facet => facet.value === value)?.count;
          return (
            <label key={value} className="fl-FacetValue">
              <input
                type="radio"
                name="featurelab-catalog-online"
                checked={filters.online === online}
                onChange={() => model.setFilters({ ...filters, online })}
              />
              <span className="fl-FacetName">{text}</span>
              {count !== undefined && <span className="fl-FacetCount">{count}</span>}
            </label>
          );
        })}
      </fieldset>
      {countActiveFilters(model) > 0 && (
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-mod-reject fl-ClearFilters"
          onClick={() => model.setFilters({})}
        >
          {trans.__('Clear filters')}
        </button>
      )}
    </div>
  );
}

function FacetGroup(props: {
  title: string;
  name: string;
  values: readonly FacetCount[];
  selected: readonly string[] | undefined;
  label?: (value: string) => string;
  onToggle: (value: string, on: boolean) => void;
}): React.ReactElement | null {
  const selected = new Set(props.selected ?? []);
  // Selected values stay visible even when they are not among the most frequent.
  const shown = [...props.values]
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .filter((facet, index) => index < FACET_LIMIT || selected.has(facet.value));
  if (shown.length === 0) {
    return null;
  }
  return (
    <fieldset className="fl-FacetGroup" data-featurelab-facet={props.name}>
      <legend>{props.title}</legend>
      {shown.map(facet => (
        <label key={facet.value} className="fl-FacetValue" title={facet.value}>
          <input
            type="checkbox"
            checked={selected.has(facet.value)}
            onChange={event => props.onToggle(facet.value, event.target.checked)}
          />
          <span className="fl-FacetName">
            {props.label ? props.label(facet.value) : facet.value}
          </span>
          <span className="fl-FacetCount">{facet.count}</span>
        </label>
      ))}
    </fieldset>
  );
}

function CatalogResults(props: ICatalogBrowserProps): React.ReactElement {
  const { catalog, trans } = props;
  const model = catalog.model;
  switch (model.status) {
    case 'idle':
    case 'loading':
      return (
        <div className="fl-EmptyState" role="status">
          <p>{trans.__('Loading the feature catalog…')}</p>
        </div>
      );
    case 'error':
      return (
        <div className="fl-EmptyState fl-mod-error" role="alert">
          <p>{trans.__('Could not load the feature catalog: %1', model.error?.message ?? '')}</p>
          <button
            type="button"
            className="jp-Button jp-mod-styled jp-mod-accept fl-EmptyStateAction"
            onClick={() => void catalog.refresh()}
          >
            {trans.__('Retry')}
          </button>
        </div>
      );
    case 'ready':
      break;
  }
  const hits = model.hits;
  const shown = hits.length < model.total ? trans.__(' (first %1 shown)', hits.length) : '';
  return (
    <>
      <div className="fl-CatalogCount" role="status" aria-live="polite">
        {trans._n('%1 result', '%1 results', model.total) + shown}
      </div>
      {model.entryCount === 0 ? (
        <div className="fl-EmptyState" role="status">
          <p>
            {trans.__(
              'The registry has no features yet. Plan and apply a folder of feature specs to fill it.'
            )}
          </p>
        </div>
      ) : hits.length === 0 ? (
        <div className="fl-EmptyState" role="status">
          <p>{trans.__('Nothing matches. Try fewer words or clear the filters.')}</p>
        </div>
      ) : (
        <VirtualList
          className="fl-CatalogList"
          count={hits.length}
          rowHeight={CATALOG_ROW_HEIGHT}
          idPrefix="featurelab-catalog-option"
          label={trans.__('Catalog results')}
          rowKey={index => hits[index].id}
          renderRow={index => (
            <CatalogRow hit={hits[index]} entry={model.entry(hits[index].id)} trans={trans} />
          )}
          onOpen={index => {
            const entry = model.entry(hits[index].id);
            if (entry) {
              void catalog.open(entry.kind, catalogName(entry));
            }
          }}
        />
      )}
    </>
  );
}

function CatalogRow(props: {
  hit: CatalogSearchHit;
  entry: CatalogEntry | undefined;
  trans: TranslationBundle;
}): React.ReactElement | null {
  const { hit, entry, trans } = props;
  if (!entry) {
    return null;
  }
  const ranges = (field: string) => hit.matches.find(match => match.field === field)?.ranges;
  // Tags show only when the query matched one of them.
  const tagRanges = ranges('tags');
  const context = entry.kind === 'Feature' ? entry.featureGroup : entry.entities.join(', ');
  return (
    <div
      className="fl-CatalogRow"
      data-featurelab-catalog-entry={entry.id}
      title={entry.description || entry.name}
    >
      <div className="fl-CatalogRowLine">
        <span className={`fl-KindBadge fl-mod-${entry.kind}`}>{kindLabel(entry.kind, trans)}</span>
        <span className="fl-CatalogName">
          <Highlighted text={entry.name} ranges={ranges('name')} />
        </span>
        <span
          className={`fl-QualityDot fl-mod-${entry.quality}`}
          role="img"
          aria-label={qualityLabel(entry.quality, trans)}
          title={qualityLabel(entry.quality, trans)}
        />
      </div>
      <div className="fl-CatalogRowLine fl-CatalogRowDetail">
        {entry.type && <span className="fl-CatalogType">{entry.type}</span>}
        {context && <span className="fl-CatalogContext">{context}</span>}
        {tagRanges && (
          <span className="fl-CatalogTags">
            <Highlighted text={entry.tags.join(CATALOG_TAG_SEPARATOR)} ranges={tagRanges} />
          </span>
        )}
        <span className="fl-CatalogOwner">
          <Highlighted text={entry.owner} ranges={ranges('owner')} />
        </span>
      </div>
    </div>
  );
}
