/**
 * The detail view of one catalog object (entity, feature group, feature, sample set or
 * model) in the main area.
 */
import type { IEditorServices } from '@jupyterlab/codeeditor';
import { PathExt } from '@jupyterlab/coreutils';
import type { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Signal } from '@lumino/signaling';
import * as React from 'react';

import { featurelabIcon } from '../icons.js';
import { useSignal } from '../widgets/useSignal.js';
import type { ICatalogClient } from './client.js';
import { kindLabel, qualityLabel } from './labels.js';
import { LineageGraphView } from './lineageGraph.js';
import { SanitizedMarkdown } from './markdown.js';
import { schemaRows, specSource } from './schemaRows.js';
import { catalogName, featureGroupOf } from './snippets.js';
import { SourceView } from './sourceView.js';
import type { CatalogDiffResult, CatalogGetResult, CatalogVersion, LineageNode } from './types.js';

/**
 * What the detail view's buttons do; the plugin implements them.
 */
export interface ICatalogDetailActions {
  /** Open another catalog object. */
  open(kind: string, name: string): void;
  copySnippet(detail: CatalogGetResult): void;
  insertCell(detail: CatalogGetResult): void;
  /** Whether a notebook is there to insert into. */
  canInsertCell(): boolean;
  openSpecFile(detail: CatalogGetResult): void;
  /** Open a workspace file (relative to the workspace). */
  openFile(path: string): void;
  /** The text of a workspace file. */
  readFile(path: string): Promise<string>;
  openPlanApply(): void;
}

/**
 * The widget id of an object's detail view.
 */
export function detailWidgetId(kind: string, name: string): string {
  return `featurelab-catalog-${kind}-${encodeURIComponent(name)}`;
}

/**
 * The detail view widget. It loads on construction and on `reload()`.
 */
export class CatalogDetailWidget extends ReactWidget {
  constructor(options: CatalogDetailWidget.IOptions) {
    super();
    this._options = options;
    this.id = detailWidgetId(options.kind, options.name);
    this.title.label = options.name;
    this.title.caption = `${kindLabel(options.kind, options.trans)}: ${options.name}`;
    this.title.icon = featurelabIcon;
    this.title.closable = true;
    this.addClass('fl-CatalogDetail');
    this.node.dataset.featurelabDetail = `${options.kind}:${options.name}`;
    void this.reload();
  }

  get kind(): string {
    return this._options.kind;
  }
  get objectName(): string {
    return this._options.name;
  }

  /** Load the object again (after an apply). */
  async reload(): Promise<void> {
    this._state = { status: 'loading', detail: this._state.detail };
    this._changed.emit();
    try {
      const detail = await this._options.client.get(this._options.kind, this._options.name);
      this._state = { status: 'ready', detail };
    } catch (error) {
      this._state = {
        status: 'error',
        detail: null,
        error: error instanceof Error ? error : new Error(String(error))
      };
    }
    this._changed.emit();
  }

  protected render(): React.ReactElement {
    return <DetailView widget={this} options={this._options} />;
  }

  get state(): DetailState {
    return this._state;
  }
  get changed(): Signal<this, void> {
    return this._changed;
  }

  private _options: CatalogDetailWidget.IOptions;
  private _state: DetailState = { status: 'loading', detail: null };
  private _changed = new Signal<this, void>(this);
}

type DetailState =
  | { status: 'loading'; detail: CatalogGetResult | null }
  | { status: 'ready'; detail: CatalogGetResult }
  | { status: 'error'; detail: null; error: Error };

export namespace CatalogDetailWidget {
  export interface IOptions {
    kind: string;
    name: string;
    client: ICatalogClient;
    rendermime: IRenderMimeRegistry;
    editorServices: IEditorServices;
    actions: ICatalogDetailActions;
    trans: TranslationBundle;
  }
}

function DetailView(props: {
  widget: CatalogDetailWidget;
  options: CatalogDetailWidget.IOptions;
}): React.ReactElement {
  const { widget, options } = props;
  const { trans } = options;
  useSignal(widget.changed);
  const state = widget.state;
  if (state.status === 'error') {
    return (
      <div className="fl-DetailBody">
        <div className="fl-Problem fl-mod-error" role="alert">
          <p>
            {trans.__(
              'Could not load %1 %2: %3',
              kindLabel(options.kind, trans),
              options.name,
              state.error.message
            )}
          </p>
          <button
            type="button"
            className="jp-Button jp-mod-styled jp-mod-accept"
            onClick={() => void widget.reload()}
          >
            {trans.__('Retry')}
          </button>
        </div>
      </div>
    );
  }
  if (!state.detail) {
    return (
      <div className="fl-DetailBody" role="status">
        <p>{trans.__('Loading…')}</p>
      </div>
    );
  }
  return <DetailContent detail={state.detail} options={options} />;
}

function DetailContent(props: {
  detail: CatalogGetResult;
  options: CatalogDetailWidget.IOptions;
}): React.ReactElement {
  const { detail, options } = props;
  const { trans, actions } = options;
  const { entry, spec } = detail;
  const target = featureGroupOf(entry);
  const rows = schemaRows(spec, target?.feature);
  const source = specSource(spec);
  const headingId = `${detailWidgetId(entry.kind, entry.name)}-heading`;

  return (
    <article className="fl-DetailBody" aria-labelledby={headingId}>
      <header className="fl-DetailHeader">
        <span className={`fl-KindBadge fl-mod-${entry.kind}`}>{kindLabel(entry.kind, trans)}</span>
        <h1 id={headingId} className="fl-DetailTitle">
          {entry.name}
        </h1>
        <span
          className={`fl-QualityBadge fl-mod-${entry.quality}`}
          data-featurelab-quality={entry.quality}
        >
          {qualityLabel(entry.quality, trans)}
        </span>
      </header>
      <dl className="fl-Facts fl-DetailFacts">
        <dt>{trans.__('Owner')}</dt>
        <dd data-featurelab-owner="">{entry.owner}</dd>
        {entry.featureGroup && (
          <>
            <dt>{trans.__('Feature group')}</dt>
            <dd>
              <LinkButton onClick={() => actions.open('FeatureGroup', entry.featureGroup!)}>
                {entry.featureGroup}
              </LinkButton>
            </dd>
          </>
        )}
        {entry.entities.length > 0 && (
          <>
            <dt>{trans.__('Entities')}</dt>
            <dd>
              {entry.entities.map((entity, index) => (
                <React.Fragment key={entity}>
                  {index > 0 && ', '}
                  <LinkButton onClick={() => actions.open('Entity', entity)}>{entity}</LinkButton>
                </React.Fragment>
              ))}
            </dd>
          </>
        )}
        {entry.type && (
          <>
            <dt>{trans.__('Type')}</dt>
            <dd>
              <code>{entry.type}</code>
            </dd>
          </>
        )}
        <dt>{trans.__('Serving')}</dt>
        <dd>{entry.online ? trans.__('Online and offline') : trans.__('Offline')}</dd>
        <dt>{trans.__('Tags')}</dt>
        <dd>
          {entry.tags.length === 0
            ? trans.__('none')
            : entry.tags.map(tag => (
                <span key={tag} className="fl-Tag">
                  {tag}
                </span>
              ))}
        </dd>
        <dt>{trans.__('Registry version')}</dt>
        <dd>{String(entry.updatedVersion)}</dd>
      </dl>

      <div className="fl-DetailActions" role="toolbar" aria-label={trans.__('Actions')}>
        {target && (
          <>
            <button
              type="button"
              className="jp-Button jp-mod-styled jp-mod-accept"
              data-featurelab-action="copy-snippet"
              onClick={() => actions.copySnippet(detail)}
            >
              {trans.__('Copy PySpark snippet')}
            </button>
            <button
              type="button"
              className="jp-Button jp-mod-styled"
              data-featurelab-action="insert-cell"
              disabled={!actions.canInsertCell()}
              title={actions.canInsertCell() ? undefined : trans.__('Open a notebook first')}
              onClick={() => actions.insertCell(detail)}
            >
              {trans.__('Insert cell that loads it')}
            </button>
          </>
        )}
        <button
          type="button"
          className="jp-Button jp-mod-styled"
          data-featurelab-action="open-spec"
          disabled={!detail.sourceFile}
          onClick={() => actions.openSpecFile(detail)}
        >
          {trans.__('Open spec file')}
        </button>
        <button
          type="button"
          className="jp-Button jp-mod-styled"
          data-featurelab-action="plan-apply"
          onClick={() => actions.openPlanApply()}
        >
          {trans.__('Plan / apply…')}
        </button>
      </div>

      <Section title={trans.__('Description')} name="description">
        {entry.description ? (
          <SanitizedMarkdown source={entry.description} rendermime={options.rendermime} />
        ) : (
          <p className="fl-DetailEmpty">{trans.__('No description.')}</p>
        )}
      </Section>

      {rows.length > 0 && (
        <Section title={trans.__('Schema')} name="schema">
          <table className="fl-Table fl-SchemaTable" data-featurelab-schema="">
            <thead>
              <tr>
                <th scope="col">{trans.__('Name')}</th>
                <th scope="col">{trans.__('Spark type')}</th>
                <th scope="col">{trans.__('Nullable')}</th>
                <th scope="col">{trans.__('Description')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(row => (
                <tr key={`${row.role}:${row.name}`} data-featurelab-field={row.name}>
                  <th scope="row">
                    <code>{row.name}</code>
                    {row.role === 'key' && (
                      <span className="fl-FieldRole">{trans.__('join key')}</span>
                    )}
                    {row.role === 'event-time' && (
                      <span className="fl-FieldRole">{trans.__('event time')}</span>
                    )}
                  </th>
                  <td className="fl-FieldType">
                    <code>{row.type}</code>
                  </td>
                  {row.nullable === null ? (
                    <td title={trans.__('not declared in the spec')}>—</td>
                  ) : (
                    <td>{row.nullable ? trans.__('yes') : trans.__('no')}</td>
                  )}
                  <td>{row.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      )}

      {source && (
        <Section title={trans.__('Source')} name="source">
          {source.tables.length > 0 && (
            <p className="fl-SourceTables">{trans.__('Reads: %1', source.tables.join(', '))}</p>
          )}
          {source.type === 'sql' ? (
            <SourceView
              source={source.query}
              mimeType="text/x-sql"
              editorServices={options.editorServices}
              label={trans.__('Source SQL')}
            />
          ) : source.type === 'pyspark' ? (
            <PysparkSource
              path={sourcePath(detail, source.file)}
              functionName={source.function}
              options={options}
            />
          ) : (
            <p>
              {trans.__('Notebook')}{' '}
              <LinkButton onClick={() => actions.openFile(sourcePath(detail, source.notebook))}>
                {source.notebook}
              </LinkButton>{' '}
              {trans.__('cell %1', source.cell)}
            </p>
          )}
        </Section>
      )}

      <Section title={trans.__('Used by')} name="used-by">
        {detail.usedBy.length === 0 ? (
          <p className="fl-DetailEmpty">{trans.__('Nothing uses it yet.')}</p>
        ) : (
          <ul className="fl-UsedBy">
            {detail.usedBy.map(ref => (
              <li
                key={`${ref.kind}:${ref.name}`}
                data-featurelab-used-by={`${ref.kind}:${ref.name}`}
              >
                <span className={`fl-KindBadge fl-mod-${ref.kind}`}>
                  {kindLabel(ref.kind, trans)}
                </span>{' '}
                <LinkButton onClick={() => actions.open(ref.kind, ref.name)}>{ref.name}</LinkButton>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={trans.__('Lineage')} name="lineage">
        <LineageGraphView
          graph={detail.lineage}
          focusId={focusNodeId(detail)}
          trans={trans}
          onOpen={(node: LineageNode) => actions.open(node.kind, node.name)}
        />
      </Section>

      <Section title={trans.__('Versions')} name="versions">
        <Versions detail={detail} options={options} />
      </Section>
    </article>
  );
}

/**
 * A source file named in a spec, relative to the workspace: specs name it relative to the
 * spec file.
 */
export function sourcePath(detail: CatalogGetResult, file: string): string {
  const folder = detail.sourceFile ? PathExt.dirname(detail.sourceFile.path) : '';
  return PathExt.normalize(PathExt.join(folder, file));
}

/** A PySpark source file, read from the workspace and highlighted. */
function PysparkSource(props: {
  path: string;
  functionName?: string;
  options: CatalogDetailWidget.IOptions;
}): React.ReactElement {
  const { path, options } = props;
  const { trans, actions } = options;
  const [text, setText] = React.useState<
    { ok: true; text: string } | { ok: false; error: string } | null
  >(null);
  React.useEffect(() => {
    let current = true;
    actions.readFile(path).then(
      value => current && setText({ ok: true, text: value }),
      (error: unknown) =>
        current &&
        setText({ ok: false, error: error instanceof Error ? error.message : String(error) })
    );
    return () => {
      current = false;
    };
  }, [path, actions]);
  return (
    <>
      <p>
        {trans.__('PySpark file')}{' '}
        <LinkButton onClick={() => actions.openFile(path)}>{path}</LinkButton>
        {props.functionName && <> {trans.__('function %1', props.functionName)}</>}
      </p>
      {text === null ? (
        <p role="status">{trans.__('Loading…')}</p>
      ) : text.ok ? (
        <SourceView
          source={text.text}
          mimeType="text/x-python"
          editorServices={options.editorServices}
          label={trans.__('Source PySpark')}
        />
      ) : (
        <p className="fl-Problem fl-mod-error" role="alert">
          {trans.__('Could not read %1: %2', path, text.error)}
        </p>
      )}
    </>
  );
}

/** The lineage node of the object itself (features show their group). */
function focusNodeId(detail: CatalogGetResult): string {
  return detail.lineage.root;
}

function Section(props: {
  title: string;
  name: string;
  children: React.ReactNode;
}): React.ReactElement {
  const id = React.useId();
  return (
    <section className="fl-DetailSection" data-featurelab-section={props.name} aria-labelledby={id}>
      <h2 id={id} className="fl-DetailSectionTitle">
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

function LinkButton(props: { onClick: () => void; children: React.ReactNode }): React.ReactElement {
  return (
    <button type="button" className="fl-LinkButton" onClick={props.onClick}>
      {props.children}
    </button>
  );
}

function Versions(props: {
  detail: CatalogGetResult;
  options: CatalogDetailWidget.IOptions;
}): React.ReactElement {
  const { detail, options } = props;
  const { trans } = options;
  const versions = [...detail.versions].sort((a, b) => b.version - a.version);
  const [from, setFrom] = React.useState(versions[1]?.version ?? versions[0]?.version ?? 0);
  const [to, setTo] = React.useState(versions[0]?.version ?? 0);
  const [diff, setDiff] = React.useState<
    | { status: 'idle' }
    | { status: 'loading' }
    | { status: 'ready'; result: CatalogDiffResult; from: number; to: number }
    | { status: 'error'; message: string }
  >({ status: 'idle' });

  if (versions.length === 0) {
    return <p className="fl-DetailEmpty">{trans.__('No versions recorded.')}</p>;
  }
  const compare = async () => {
    setDiff({ status: 'loading' });
    try {
      const result = await options.client.diff(
        detail.entry.kind,
        catalogName(detail.entry),
        from,
        to
      );
      setDiff({ status: 'ready', result, from, to });
    } catch (error) {
      setDiff({ status: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };
  const versionOption = (version: CatalogVersion) => (
    <option key={version.version} value={version.version}>
      {trans.__('v%1 (%2)', version.version, version.action)}
    </option>
  );
  return (
    <>
      <table className="fl-Table fl-VersionTable" data-featurelab-versions="">
        <thead>
          <tr>
            <th scope="col">{trans.__('Version')}</th>
            <th scope="col">{trans.__('Change')}</th>
            <th scope="col">{trans.__('Author')}</th>
            <th scope="col">{trans.__('Time')}</th>
            <th scope="col">{trans.__('Commit')}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map(version => (
            <tr key={version.version} data-featurelab-version={version.version}>
              <th scope="row">{`v${version.version}`}</th>
              <td>{version.action}</td>
              <td>{version.author}</td>
              <td>
                <time dateTime={version.createdAt}>{formatTime(version.createdAt)}</time>
              </td>
              <td>
                {version.gitCommit ? (
                  <code title={version.gitCommit}>{version.gitCommit.slice(0, 10)}</code>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {versions.length > 1 && (
        <div className="fl-DiffControls">
          <label>
            {trans.__('From')}{' '}
            <select
              className="fl-DiffFrom"
              value={from}
              onChange={event => setFrom(Number(event.target.value))}
            >
              {versions.map(versionOption)}
            </select>
          </label>
          <label>
            {trans.__('To')}{' '}
            <select
              className="fl-DiffTo"
              value={to}
              onChange={event => setTo(Number(event.target.value))}
            >
              {versions.map(versionOption)}
            </select>
          </label>
          <button
            type="button"
            className="jp-Button jp-mod-styled jp-mod-accept"
            disabled={from === to || diff.status === 'loading'}
            onClick={() => void compare()}
          >
            {trans.__('Compare')}
          </button>
        </div>
      )}
      {diff.status === 'loading' && <p role="status">{trans.__('Comparing…')}</p>}
      {diff.status === 'error' && (
        <p className="fl-Problem fl-mod-error" role="alert">
          {trans.__('Could not compare the versions: %1', diff.message)}
        </p>
      )}
      {diff.status === 'ready' && (
        <FieldChanges
          caption={trans.__('Changes from v%1 to v%2', diff.from, diff.to)}
          changes={diff.result.changes.map(change => ({
            label: change.pointer,
            action: change.action,
            before: change.before,
            after: change.after
          }))}
          trans={trans}
        />
      )}
    </>
  );
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** One changed field, whatever produced it (a version diff or a plan). */
export interface IFieldChangeRow {
  label: string;
  action: 'add' | 'remove' | 'change' | 'replace';
  before?: unknown;
  after?: unknown;
  destructive?: boolean;
}

/**
 * Changed fields as a table: field, change, before, after. Values are shown as text.
 */
export function FieldChanges(props: {
  caption: string;
  changes: readonly IFieldChangeRow[];
  trans: TranslationBundle;
}): React.ReactElement {
  const { trans } = props;
  if (props.changes.length === 0) {
    return <p className="fl-DetailEmpty">{trans.__('No field changed.')}</p>;
  }
  return (
    <table className="fl-Table fl-FieldChanges" data-featurelab-diff="">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{trans.__('Field')}</th>
          <th scope="col">{trans.__('Change')}</th>
          <th scope="col">{trans.__('Before')}</th>
          <th scope="col">{trans.__('After')}</th>
        </tr>
      </thead>
      <tbody>
        {props.changes.map((change, index) => (
          <tr
            key={`${change.label}:${index}`}
            className={`fl-mod-${change.action}${change.destructive ? ' fl-mod-destructive' : ''}`}
            data-featurelab-field-change={change.label}
          >
            <th scope="row">
              <code>{change.label}</code>
            </th>
            <td>{actionLabel(change.action, trans)}</td>
            <td>
              {change.before !== undefined && (
                <pre className="fl-Value">{formatValue(change.before)}</pre>
              )}
            </td>
            <td>
              {change.after !== undefined && (
                <pre className="fl-Value">{formatValue(change.after)}</pre>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function actionLabel(action: IFieldChangeRow['action'], trans: TranslationBundle): string {
  switch (action) {
    case 'add':
      return trans.__('added');
    case 'remove':
      return trans.__('removed');
    default:
      return trans.__('changed');
  }
}

/** A JSON value as readable text: strings bare, everything else as indented JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  return JSON.stringify(value, null, 2) ?? String(value);
}
