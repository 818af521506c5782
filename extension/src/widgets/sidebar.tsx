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
import { ReactWidget, refreshIcon } from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';
import * as React from 'react';

import { CommandIDs, SPARK_SESSION_CELL } from '../commands.js';
import { describeHandshake } from '../handshake.js';
import { featurelabIcon } from '../icons.js';
import type { HealthLevel, IFeaturelabService, ISparkCatalog } from '../tokens.js';
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
  }

  /**
   * Move the keyboard focus to the status area.
   */
  focusStatus(): void {
    const status = this.node.querySelector<HTMLElement>('[data-featurelab-status]');
    status?.focus();
    status?.scrollIntoView({ block: 'nearest' });
  }

  protected render(): React.ReactElement {
    const { catalog, service, commands, translator } = this._options;
    return (
      <SidebarView
        catalog={catalog}
        service={service}
        commands={commands}
        trans={translator.load('jupyterlab_featurelab')}
      />
    );
  }

  private _options: FeaturelabSidebar.IOptions;
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
  }
}

interface IViewProps {
  catalog: ISparkCatalog;
  service: IFeaturelabService;
  commands: CommandRegistry;
  trans: TranslationBundle;
}

function SidebarView(props: IViewProps): React.ReactElement {
  return (
    <div className="fl-SidebarContent">
      <TablesSection {...props} />
      <StatusSection {...props} />
    </div>
  );
}

function TablesSection(props: IViewProps): React.ReactElement {
  const { catalog, commands, trans } = props;
  useSignal(catalog.changed);
  const [filter, setFilter] = React.useState('');
  const headingId = 'featurelab-tables-heading';
  const listing = catalog.listing;
  const tables = listing?.tables ?? [];

  return (
    <section className="fl-Section fl-Tables" aria-labelledby={headingId}>
      <header className="fl-SectionHeader">
        <h2 id={headingId} className="fl-SectionTitle">
          {trans.__('Spark tables')}
        </h2>
        {listing?.sparkVersion && (
          <span className="fl-Badge" title={trans.__('Spark version of this kernel')}>
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
      </header>
      {catalog.status === 'ready' && tables.length > 0 && (
        <input
          type="search"
          className="fl-Filter jp-mod-styled"
          placeholder={trans.__('Filter tables and columns')}
          aria-label={trans.__('Filter tables and columns')}
          value={filter}
          onChange={event => setFilter(event.target.value)}
        />
      )}
      <div className="fl-SectionBody" aria-live="polite">
        <TablesBody {...props} filter={filter} />
      </div>
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
          message={trans.__('No SparkSession in this notebook yet — run')}
          code={'spark = featurelab.spark_session()'}
          action={trans.__('Insert cell')}
          actionTitle={SPARK_SESSION_CELL}
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
      role={props.kind === 'error' ? 'alert' : undefined}
    >
      <p>
        {props.message}
        {props.code && (
          <>
            {' '}
            <code>{props.code}</code>
          </>
        )}
      </p>
      {props.action && props.onAction && (
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-mod-accept"
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
  useSignal(service.statusChanged);
  useSignal(service.handshakeChanged);
  const health = service.health;
  const status = service.status;
  const problem = service.handshake
    ? describeHandshake(service.handshake, service.clientVersion, trans)
    : null;
  const headingId = 'featurelab-status-heading';
  const notAvailable = trans.__('n/a');

  return (
    <section
      className="fl-Section fl-Status"
      aria-labelledby={headingId}
      data-featurelab-status={health}
      tabIndex={-1}
    >
      <header className="fl-SectionHeader">
        <h2 id={headingId} className="fl-SectionTitle">
          {trans.__('Featurelab service')}
        </h2>
        <span className={`fl-Health fl-mod-${health}`} role="status">
          <span className="fl-HealthDot" aria-hidden="true" />
          {healthLabel(health, trans)}
        </span>
      </header>
      <div className="fl-SectionBody">
        {problem && (
          <div
            className={`fl-Problem fl-mod-${problem.severity}`}
            role={problem.severity === 'error' ? 'alert' : 'note'}
          >
            <p>{problem.message}</p>
            <p className="fl-Fix">{problem.fix}</p>
          </div>
        )}
        {service.statusError && !problem && (
          <div className="fl-Problem fl-mod-error" role="alert">
            <p>{trans.__('Could not read the service status: %1', service.statusError.message)}</p>
          </div>
        )}
        {status?.error?.message && (
          <div className="fl-Problem fl-mod-warning" role="note">
            <p>{status.error.message}</p>
            {status.error.hint && <p className="fl-Fix">{status.error.hint}</p>}
          </div>
        )}
        <dl className="fl-Facts">
          <dt>{trans.__('Frontend')}</dt>
          <dd>{service.clientVersion}</dd>
          <dt>{trans.__('Server extension')}</dt>
          <dd>{status?.shim ?? notAvailable}</dd>
          <dt>{trans.__('Service')}</dt>
          <dd>
            {status
              ? trans.__('%1 (%2)', status.service.version ?? notAvailable, status.service.state)
              : notAvailable}
          </dd>
          <dt>{trans.__('Restarts')}</dt>
          <dd>{status ? String(status.service.restarts) : notAvailable}</dd>
          {status?.health && (
            <>
              <dt>{trans.__('Registry')}</dt>
              <dd title={status.health.registry.location}>
                {status.health.registry.ok
                  ? trans.__(
                      '%1, schema v%2',
                      status.health.registry.kind,
                      status.health.registry.schemaVersion
                    )
                  : trans.__(
                      '%1: %2',
                      status.health.registry.kind,
                      status.health.registry.message ?? trans.__('not usable')
                    )}
              </dd>
            </>
          )}
        </dl>
        {status?.health && status.health.backends.length > 0 && (
          <>
            <h3 className="fl-SubTitle">{trans.__('Backends')}</h3>
            <ul className="fl-Backends" aria-label={trans.__('Backends')}>
              {status.health.backends.map(backend => (
                <li
                  key={backend.name}
                  className="fl-Backend"
                  data-featurelab-backend={backend.name}
                  title={backend.detail}
                >
                  <span className="fl-BackendName">{backend.name}</span>
                  <span className="fl-BackendKind">{backend.kind}</span>
                  <span
                    className={`fl-BackendState${backend.configured ? ' fl-mod-configured' : ''}`}
                  >
                    {backend.configured ? trans.__('configured') : trans.__('not configured')}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
