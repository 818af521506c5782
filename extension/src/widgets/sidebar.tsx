/**
 * The Featurelab sidebar: the Spark tables of the active notebook, and the
 * status of the Featurelab service.
 */
import {
  HelperNotInstalledError,
  KernelUnavailableError,
  UnsupportedKernelError
} from '@featurelab/kernel-bridge';
import type { ITranslator, TranslationBundle } from '@jupyterlab/translation';
import {
  caretDownIcon,
  caretRightIcon,
  InputGroup,
  ReactWidget,
  refreshIcon,
  searchIcon
} from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';
import * as React from 'react';

import { CatalogBrowser, CatalogRefreshButton } from '../catalog/browser.js';
import { CommandIDs, SPARK_SESSION_CELL } from '../commands.js';
import { describeHandshake } from '../handshake.js';
import { featurelabIcon } from '../icons.js';
import type {
  HealthLevel,
  IFeatureCatalog,
  IFeaturelabService,
  ISparkCatalog,
  ServiceProcessState
} from '../tokens.js';
import { CatalogTree } from './catalogTree.js';
import { useSignal } from './useSignal.js';

/**
 * The id of the sidebar widget (also a UI test hook).
 */
export const SIDEBAR_ID = 'featurelab-sidebar';

/**
 * The sidebar widget, placed in the left area.
 */
export class FeaturelabSidebar extends ReactWidget {
  constructor(options: FeaturelabSidebar.IOptions) {
    super();
    this._options = options;
    const trans = options.translator.load('jupyterlab_featurelab');
    this.id = SIDEBAR_ID;
    this.title.icon = featurelabIcon;
    this.title.caption = trans.__('Featurelab');
    this.addClass('fl-Sidebar');
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', trans.__('Featurelab'));
    options.featureCatalog?.searchRequested.connect(this._revealCatalogSearch, this);
  }

  /**
   * Unfold the feature catalog and focus its search box.
   */
  private _revealCatalogSearch(): void {
    if (!this._expanded.features) {
      this._expanded = { ...this._expanded, features: true };
      this.update();
    }
    // The sidebar may just have been shown or unfolded, and React renders asynchronously:
    // try on the next frames until the search box is there.
    let frames = 30;
    const focus = () => {
      const input = this.node.querySelector<HTMLInputElement>('.fl-CatalogQuery input');
      if (input && this.isVisible) {
        input.focus();
      }
      if (document.activeElement !== input && --frames > 0) {
        requestAnimationFrame(focus);
      }
    };
    requestAnimationFrame(focus);
  }

  /**
   * Move the keyboard focus to the status area.
   */
  focusStatus(): void {
    if (!this._expanded.status) {
      this._expanded = { ...this._expanded, status: true };
      this.update();
    }
    const status = this.node.querySelector<HTMLElement>('[data-featurelab-status]');
    status?.focus();
    status?.scrollIntoView({ block: 'nearest' });
  }

  protected render(): React.ReactElement {
    const { catalog, service, commands, translator, featureCatalog } = this._options;
    return (
      <SidebarView
        catalog={catalog}
        featureCatalog={featureCatalog ?? null}
        service={service}
        commands={commands}
        trans={translator.load('jupyterlab_featurelab')}
        expanded={this._expanded}
        onToggle={section => {
          this._expanded = { ...this._expanded, [section]: !this._expanded[section] };
          this.update();
        }}
      />
    );
  }

  private _options: FeaturelabSidebar.IOptions;
  private _expanded: Readonly<Record<SectionName, boolean>> = {
    tables: true,
    features: true,
    status: true
  };
}

/**
 * A namespace for `FeaturelabSidebar` statics.
 */
export namespace FeaturelabSidebar {
  export interface IOptions {
    catalog: ISparkCatalog;
    service: IFeaturelabService;
    commands: CommandRegistry;
    translator: ITranslator;
    /** The feature catalog, shown as a section when present. */
    featureCatalog?: IFeatureCatalog | null;
  }
}

interface IViewProps {
  catalog: ISparkCatalog;
  featureCatalog: IFeatureCatalog | null;
  service: IFeaturelabService;
  commands: CommandRegistry;
  trans: TranslationBundle;
  /** Which sections show their body. */
  expanded: Readonly<Record<SectionName, boolean>>;
  onToggle: (section: SectionName) => void;
}

type SectionName = 'tables' | 'features' | 'status';

interface ISectionHeaderProps {
  id: string;
  title: string;
  /** Tooltip of the title, when the short title needs context. */
  caption?: string;
  expanded: boolean;
  onToggle: () => void;
  /** Shown right of the title (version, buttons, health). */
  children?: React.ReactNode;
}

/**
 * A section title that folds its section, like JupyterLab's accordion titles.
 */
function SectionHeader(props: ISectionHeaderProps): React.ReactElement {
  const Caret = props.expanded ? caretDownIcon : caretRightIcon;
  return (
    <header className="fl-SectionHeader">
      <h2 id={props.id} className="fl-SectionTitle">
        <button
          type="button"
          className="fl-SectionToggle"
          aria-expanded={props.expanded}
          aria-controls={`${props.id}-body`}
          title={props.caption}
          onClick={props.onToggle}
        >
          <Caret.react tag="span" className="fl-TreeCaret" aria-hidden="true" />
          <span className="fl-SectionTitleText">{props.title}</span>
        </button>
      </h2>
      {props.children}
    </header>
  );
}

function SidebarView(props: IViewProps): React.ReactElement {
  return (
    <div className="fl-SidebarContent">
      <TablesSection {...props} />
      {props.featureCatalog && (
        <FeatureCatalogSection {...props} featureCatalog={props.featureCatalog} />
      )}
      <StatusSection {...props} />
    </div>
  );
}

function TablesSection(props: IViewProps): React.ReactElement {
  const { catalog, commands, trans } = props;
  const expanded = props.expanded.tables;
  useSignal(catalog.changed);
  const [filter, setFilter] = React.useState('');
  const headingId = 'featurelab-tables-heading';
  const listing = catalog.listing;
  const tables = listing?.tables ?? [];

  return (
    <section
      className={`fl-Section fl-Tables${expanded ? '' : ' fl-mod-collapsed'}`}
      aria-labelledby={headingId}
    >
      <SectionHeader
        id={headingId}
        title={trans.__('Spark tables')}
        expanded={expanded}
        onToggle={() => props.onToggle('tables')}
      >
        {listing?.sparkVersion && (
          <span className="fl-SectionDetail" title={trans.__('Spark version of this kernel')}>
            {trans.__('Spark %1', listing.sparkVersion)}
          </span>
        )}
        <button
          type="button"
          className="fl-IconButton"
          aria-label={trans.__('Refresh Spark tables')}
          title={trans.__('Refresh Spark tables')}
          disabled={catalog.bridge === null}
          aria-busy={catalog.refreshing}
          onClick={() => void commands.execute(CommandIDs.refreshTables)}
        >
          <refreshIcon.react tag="span" className={catalog.refreshing ? 'fl-mod-spinning' : ''} />
        </button>
      </SectionHeader>
      {expanded && catalog.status === 'ready' && tables.length > 0 && (
        <InputGroup
          type="search"
          className="fl-Filter"
          rightIcon={searchIcon}
          placeholder={trans.__('Filter tables and columns')}
          aria-label={trans.__('Filter tables and columns')}
          value={filter}
          onChange={event => setFilter(event.target.value)}
          onKeyDown={event => {
            if (event.key === 'Escape' && filter) {
              event.stopPropagation();
              setFilter('');
            }
          }}
        />
      )}
      {expanded && (
        <div className="fl-SectionBody" id={`${headingId}-body`}>
          <TablesBody {...props} filter={filter} />
        </div>
      )}
    </section>
  );
}

function FeatureCatalogSection(
  props: IViewProps & { featureCatalog: IFeatureCatalog }
): React.ReactElement {
  const { featureCatalog, trans } = props;
  const expanded = props.expanded.features;
  const headingId = 'featurelab-features-heading';
  return (
    <section
      className={`fl-Section fl-Features${expanded ? '' : ' fl-mod-collapsed'}`}
      aria-labelledby={headingId}
    >
      <SectionHeader
        id={headingId}
        title={trans.__('Feature catalog')}
        expanded={expanded}
        onToggle={() => props.onToggle('features')}
      >
        <CatalogRefreshButton catalog={featureCatalog} trans={trans} />
      </SectionHeader>
      {expanded && (
        <div className="fl-SectionBody" id={`${headingId}-body`}>
          <CatalogBrowser catalog={featureCatalog} trans={trans} />
        </div>
      )}
    </section>
  );
}

function TablesBody(props: IViewProps & { filter: string }): React.ReactElement {
  const { catalog, commands, trans } = props;
  switch (catalog.status) {
    case 'no-notebook':
      return (
        <EmptyState
          message={trans.__('Open a notebook to see the Spark tables of its kernel.')}
          action={trans.__('New Featurelab notebook')}
          onAction={() => void commands.execute(CommandIDs.newNotebook)}
        />
      );
    case 'no-kernel':
      return (
        <EmptyState
          message={trans.__(
            'This notebook has no kernel. Select a Python kernel to see its Spark tables.'
          )}
        />
      );
    case 'loading':
      return <EmptyState message={trans.__('Loading Spark tables…')} />;
    case 'waiting':
      return (
        <EmptyState
          message={trans.__('The kernel is busy. The tables load as soon as it is idle.')}
        />
      );
    case 'no-session':
      return (
        <EmptyState
          message={trans.__('No SparkSession in this notebook yet. Start one in a cell:')}
          code={SPARK_SESSION_CELL}
          action={trans.__('Insert cell')}
          actionTitle={trans.__('Insert this code at the top of the notebook')}
          onAction={() => void commands.execute(CommandIDs.insertSparkSessionCell)}
        />
      );
    case 'error':
      return (
        <EmptyState
          kind="error"
          message={errorMessage(catalog.error, trans)}
          action={trans.__('Retry')}
          onAction={() => void catalog.refresh()}
        />
      );
    case 'ready': {
      const tables = catalog.listing?.tables ?? [];
      if (tables.length === 0) {
        return (
          <EmptyState
            message={trans.__(
              'The SparkSession has no tables yet. Tables and views you create appear here.'
            )}
          />
        );
      }
      return <CatalogTree tables={tables} filter={props.filter} trans={trans} />;
    }
  }
}

function errorMessage(error: Error | null, trans: TranslationBundle): string {
  if (error instanceof HelperNotInstalledError) {
    return trans.__(
      "The Featurelab kernel helper is not installed in this kernel's environment. Run `%pip install jupyterlab-featurelab` in a cell, then restart the kernel."
    );
  }
  if (error instanceof UnsupportedKernelError) {
    return trans.__(
      'Spark tables are shown for Python kernels only; this kernel runs %1.',
      error.language
    );
  }
  if (error instanceof KernelUnavailableError && error.reason === 'dead') {
    return trans.__('The kernel is dead. Restart it to see its Spark tables.');
  }
  return trans.__('Could not load the Spark tables: %1', error?.message ?? '');
}

interface IEmptyStateProps {
  message: string;
  code?: string;
  kind?: 'info' | 'error';
  action?: string;
  actionTitle?: string;
  onAction?: () => void;
}

function EmptyState(props: IEmptyStateProps): React.ReactElement {
  return (
    <div
      className={`fl-EmptyState${props.kind === 'error' ? ' fl-mod-error' : ''}`}
      role={props.kind === 'error' ? 'alert' : 'status'}
    >
      <p>{withCode(props.message)}</p>
      {props.code && <pre className="fl-Code">{props.code}</pre>}
      {props.action && props.onAction && (
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-mod-accept fl-EmptyStateAction"
          title={props.actionTitle}
          onClick={props.onAction}
        >
          {props.action}
        </button>
      )}
    </div>
  );
}

function healthLabel(health: HealthLevel, trans: TranslationBundle): string {
  switch (health) {
    case 'ok':
      return trans.__('Healthy');
    case 'degraded':
      return trans.__('Degraded');
    case 'error':
      return trans.__('Down');
    case 'unknown':
      return trans.__('Checking…');
  }
}

function StatusSection(props: IViewProps): React.ReactElement {
  const { service, trans } = props;
  const expanded = props.expanded.status;
  useSignal(service.statusChanged);
  useSignal(service.handshakeChanged);
  const health = service.health;
  const status = service.status;
  const problem = service.handshake
    ? describeHandshake(service.handshake, service.clientVersion, trans)
    : null;
  const headingId = 'featurelab-status-heading';
  const notAvailable = trans.__('n/a');
  const registry = status?.health?.registry;

  return (
    <section
      className={`fl-Section fl-Status${expanded ? '' : ' fl-mod-collapsed'}`}
      aria-labelledby={headingId}
      data-featurelab-status={health}
      tabIndex={-1}
    >
      <SectionHeader
        id={headingId}
        title={trans.__('Service')}
        caption={trans.__('Featurelab service')}
        expanded={expanded}
        onToggle={() => props.onToggle('status')}
      >
        <span className={`fl-Health fl-mod-${health}`} role="status">
          <span className="fl-HealthDot" aria-hidden="true" />
          {healthLabel(health, trans)}
        </span>
      </SectionHeader>
      {expanded && (
        <div className="fl-SectionBody" id={`${headingId}-body`}>
          {problem && (
            <div
              className={`fl-Problem fl-mod-${problem.severity}`}
              role={problem.severity === 'error' ? 'alert' : 'note'}
            >
              <p>{problem.message}</p>
              <p className="fl-Fix">{withCode(problem.fix)}</p>
            </div>
          )}
          {service.statusError && !problem && (
            <div className="fl-Problem fl-mod-error" role="alert">
              <p>
                {trans.__('Could not read the service status: %1', service.statusError.message)}
              </p>
            </div>
          )}
          {status?.error?.message && (
            <div className="fl-Problem fl-mod-warning" role="note">
              <p>{status.error.message}</p>
              {status.error.hint && <p className="fl-Fix">{withCode(status.error.hint)}</p>}
            </div>
          )}
          <dl className="fl-Facts">
            <dt>{trans.__('Frontend')}</dt>
            <dd>{service.clientVersion}</dd>
            <dt>{trans.__('Server extension')}</dt>
            <dd>{status?.shim ?? notAvailable}</dd>
            <dt>{trans.__('Service')}</dt>
            <dd>
              {!status
                ? notAvailable
                : status.service.version
                  ? trans.__(
                      '%1 (%2)',
                      status.service.version,
                      serviceStateLabel(status.service.state, trans)
                    )
                  : serviceStateLabel(status.service.state, trans)}
            </dd>
            <dt>{trans.__('Restarts')}</dt>
            <dd>{status ? String(status.service.restarts) : notAvailable}</dd>
            {registry && (
              <>
                <dt>{trans.__('Registry')}</dt>
                <dd title={registry.location}>
                  {registry.ok
                    ? trans.__('%1, schema v%2', registry.kind, registry.schemaVersion)
                    : trans.__('%1: %2', registry.kind, registry.message ?? trans.__('not usable'))}
                </dd>
              </>
            )}
          </dl>
          {status?.health && status.health.backends.length > 0 && (
            <>
              <h3 className="fl-SubTitle" id="featurelab-backends-heading">
                {trans.__('Backends')}
              </h3>
              <ul className="fl-Backends" aria-labelledby="featurelab-backends-heading">
                {status.health.backends.map(backend => {
                  const state = backend.configured
                    ? trans.__('configured')
                    : trans.__('not configured');
                  return (
                    <li
                      key={backend.name}
                      className={`fl-Backend${backend.configured ? '' : ' fl-mod-unconfigured'}`}
                      data-featurelab-backend={backend.name}
                      title={backend.detail}
                    >
                      <div className="fl-BackendLine">
                        <span
                          className={`fl-StateDot${backend.configured ? ' fl-mod-ok' : ' fl-mod-warning'}`}
                          aria-hidden="true"
                        />
                        <span className="fl-BackendName">{backend.name}</span>
                        <span className="fl-BackendKind">{backend.kind}</span>
                        <span
                          className={`fl-BackendState${backend.configured ? ' fl-mod-configured' : ''}`}
                        >
                          {state}
                        </span>
                      </div>
                      {backend.detail && <div className="fl-BackendDetail">{backend.detail}</div>}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}

function serviceStateLabel(state: ServiceProcessState, trans: TranslationBundle): string {
  switch (state) {
    case 'starting':
      return trans.__('starting');
    case 'ready':
      return trans.__('ready');
    case 'restarting':
      return trans.__('restarting');
    case 'failed':
      return trans.__('failed');
    case 'stopped':
      return trans.__('stopped');
    default:
      return state;
  }
}

/**
 * Text with `backquoted` commands shown as code.
 */
function withCode(text: string): React.ReactNode[] {
  return text
    .split('`')
    .map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part));
}
