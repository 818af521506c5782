/**
 * The Plan/Apply panel for a spec folder: runs `specs.plan`, shows creates, updates and
 * deletes field by field with destructive changes flagged, and applies after a confirmation.
 * Forcing destructive changes needs an explicit checkbox.
 */
import type { SpecChange, SpecPlanResult, SpecProblem } from '@featurelab/core';
import { Dialog, showDialog } from '@jupyterlab/apputils';
import { PathExt } from '@jupyterlab/coreutils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Signal } from '@lumino/signaling';
import * as React from 'react';

import { featurelabIcon } from '../icons.js';
import { ResponseError } from '../request.js';
import { useSignal } from '../widgets/useSignal.js';
import type { ICatalogClient } from './client.js';
import { FieldChanges } from './detail.js';
import { kindLabel } from './labels.js';

type PanelState =
  | { status: 'idle' }
  | { status: 'planning' }
  | { status: 'planned'; plan: SpecPlanResult }
  | { status: 'applying'; plan: SpecPlanResult }
  | { status: 'applied'; result: SpecPlanResult }
  | { status: 'error'; message: string; hint?: string; conflict: boolean; plan?: SpecPlanResult };

/**
 * The panel widget.
 */
export class PlanApplyWidget extends ReactWidget {
  constructor(options: PlanApplyWidget.IOptions) {
    super();
    this._options = options;
    this._folder = options.folder;
    this.id = 'featurelab-plan-apply';
    this.title.label = options.trans.__('Plan / Apply');
    this.title.caption = options.trans.__('Compare a folder of feature specs with the registry');
    this.title.icon = featurelabIcon;
    this.title.closable = true;
    this.addClass('fl-PlanApply');
  }

  get folder(): string {
    return this._folder;
  }
  set folder(folder: string) {
    this._folder = folder;
    this._changed.emit();
  }
  get state(): PanelState {
    return this._state;
  }
  get force(): boolean {
    return this._force;
  }
  set force(force: boolean) {
    this._force = force;
    this._changed.emit();
  }
  get changed(): Signal<this, void> {
    return this._changed;
  }

  /**
   * Open a file of the planned folder (names in a plan are relative to it) at line:column.
   */
  openPlannedFile(file: string, line?: number, column?: number): void {
    this._options.openFile?.(PathExt.join(this._plannedFolder, file), line, column);
  }

  /** Whether plan entries can open their files. */
  get canOpenFiles(): boolean {
    return this._options.openFile !== undefined;
  }

  /** Run `specs.plan` on the folder. */
  async plan(): Promise<void> {
    this._plannedFolder = this._folder;
    this._set({ status: 'planning' });
    this._force = false;
    try {
      const plan = await this._options.client.plan(this._folder, false);
      this._set({ status: 'planned', plan });
    } catch (error) {
      this._set(failure(error, this._options.trans));
    }
  }

  /** Apply the planned changes after the user confirms. */
  async apply(): Promise<void> {
    const state = this._state;
    if (state.status !== 'planned') {
      return;
    }
    const { trans } = this._options;
    const plan = state.plan;
    const force = this._force && plan.status === 'refused';
    const summary = trans.__(
      'Apply %1 creates, %2 updates and %3 deletes from %4 to the registry (now at version %5)?',
      plan.summary.create,
      plan.summary.update,
      plan.summary.delete,
      this._folder,
      plan.baseVersion
    );
    const answer = await showDialog({
      title: force ? trans.__('Force destructive changes?') : trans.__('Apply the plan?'),
      body: force
        ? `${summary} ${trans.__('%1 destructive changes will break the sample sets or models that use them.', plan.summary.destructive)}`
        : summary,
      buttons: [
        Dialog.cancelButton({ label: trans.__('Cancel') }),
        force
          ? Dialog.warnButton({ label: trans.__('Force apply') })
          : Dialog.okButton({ label: trans.__('Apply') })
      ]
    });
    if (!answer.button.accept) {
      return;
    }
    this._set({ status: 'applying', plan });
    try {
      const result = await this._options.client.apply(this._folder, {
        force,
        baseVersion: plan.baseVersion
      });
      if (result.status === 'ok') {
        this._set({ status: 'applied', result });
        this._options.onApplied?.(result);
      } else {
        this._set({ status: 'planned', plan: result });
      }
    } catch (error) {
      this._set({ ...failure(error, trans), plan });
    }
  }

  protected render(): React.ReactElement {
    return <PlanApplyView widget={this} trans={this._options.trans} />;
  }

  private _set(state: PanelState): void {
    this._state = state;
    this._changed.emit();
  }

  private _options: PlanApplyWidget.IOptions;
  private _folder: string;
  private _plannedFolder = '';
  private _force = false;
  private _state: PanelState = { status: 'idle' };
  private _changed = new Signal<this, void>(this);
}

export namespace PlanApplyWidget {
  export interface IOptions {
    client: ICatalogClient;
    /** The spec folder, relative to the workspace. */
    folder: string;
    trans: TranslationBundle;
    /** Called after a successful apply (the catalog reloads). */
    onApplied?: (result: SpecPlanResult) => void;
    /** Open a file of the spec folder at a line. */
    openFile?: (path: string, line?: number, column?: number) => void;
  }
}

function failure(error: unknown, trans: TranslationBundle): PanelState & { status: 'error' } {
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof ResponseError ? error.hint : undefined;
  const data = error instanceof ResponseError ? error.data : undefined;
  const conflict =
    typeof data === 'object' &&
    data !== null &&
    (data as { kind?: unknown }).kind === 'RegistryConflictError';
  return {
    status: 'error',
    message: conflict
      ? trans.__('Another apply changed the registry after this plan was made: %1', message)
      : message,
    hint: hint ?? (conflict ? trans.__('Plan again to see the current differences.') : undefined),
    conflict
  };
}

function PlanApplyView(props: {
  widget: PlanApplyWidget;
  trans: TranslationBundle;
}): React.ReactElement {
  const { widget, trans } = props;
  useSignal(widget.changed);
  const state = widget.state;
  const busy = state.status === 'planning' || state.status === 'applying';
  const plan =
    state.status === 'planned' || state.status === 'applying'
      ? state.plan
      : state.status === 'error'
        ? state.plan
        : undefined;
  const hasChanges = plan ? plan.changes.length > 0 : false;
  const canApply =
    state.status === 'planned' &&
    hasChanges &&
    (state.plan.status === 'ok' || (state.plan.status === 'refused' && widget.force));

  return (
    <div className="fl-PlanApplyBody" data-featurelab-plan-status={plan?.status ?? state.status}>
      <form
        className="fl-PlanApplyForm"
        onSubmit={event => {
          event.preventDefault();
          void widget.plan();
        }}
      >
        <label>
          {trans.__('Spec folder')}{' '}
          <input
            className="jp-mod-styled fl-PlanFolder"
            value={widget.folder}
            aria-describedby="featurelab-plan-folder-help"
            onChange={event => (widget.folder = event.target.value)}
          />
        </label>
        <span id="featurelab-plan-folder-help" className="fl-Help">
          {trans.__('relative to the workspace')}
        </span>
        <button
          type="submit"
          className="jp-Button jp-mod-styled jp-mod-accept"
          data-featurelab-action="plan"
          disabled={busy || !widget.folder}
        >
          {trans.__('Plan')}
        </button>
        <button
          type="button"
          className={`jp-Button jp-mod-styled ${widget.force ? 'jp-mod-warn' : 'jp-mod-accept'}`}
          data-featurelab-action="apply"
          disabled={!canApply || busy}
          onClick={() => void widget.apply()}
        >
          {widget.force ? trans.__('Force apply…') : trans.__('Apply…')}
        </button>
      </form>

      {state.status === 'idle' && (
        <p className="fl-DetailEmpty">
          {trans.__(
            'Plan compares the folder with the registry; nothing is written until you apply.'
          )}
        </p>
      )}
      {busy && (
        <p role="status">
          {state.status === 'planning' ? trans.__('Planning…') : trans.__('Applying…')}
        </p>
      )}
      {state.status === 'error' && (
        <div
          className={`fl-Problem fl-mod-error${state.conflict ? ' fl-mod-conflict' : ''}`}
          role="alert"
          data-featurelab-plan-error={state.conflict ? 'conflict' : 'error'}
        >
          <p>{state.message}</p>
          {state.hint && <p className="fl-Fix">{state.hint}</p>}
          <button
            type="button"
            className="jp-Button jp-mod-styled jp-mod-accept"
            onClick={() => void widget.plan()}
          >
            {trans.__('Plan again')}
          </button>
        </div>
      )}
      {state.status === 'applied' && (
        <div
          className="fl-Applied"
          role="status"
          data-featurelab-applied-version={state.result.appliedVersion?.version ?? ''}
        >
          {state.result.appliedVersion
            ? trans.__(
                'Applied as registry version %1 by %2.',
                state.result.appliedVersion.version,
                state.result.appliedVersion.author
              )
            : trans.__('Nothing to apply: the registry already matches the folder.')}
        </div>
      )}
      {plan && <PlanResultView plan={plan} widget={widget} trans={trans} />}
    </div>
  );
}

function PlanResultView(props: {
  plan: SpecPlanResult;
  widget: PlanApplyWidget;
  trans: TranslationBundle;
}): React.ReactElement {
  const { plan, widget, trans } = props;
  const { summary } = plan;
  return (
    <>
      <p className="fl-PlanSummary" role="status" data-featurelab-plan-summary="">
        {trans.__(
          '%1 to create, %2 to update, %3 to delete, %4 unchanged; %5 destructive. Registry version %6.',
          summary.create,
          summary.update,
          summary.delete,
          summary.unchanged,
          summary.destructive,
          plan.baseVersion
        )}
      </p>
      {plan.status === 'invalid' && (
        <Problems problems={plan.problems} widget={widget} trans={trans} />
      )}
      {plan.status === 'refused' && (
        <div className="fl-Problem fl-mod-warning" role="alert" data-featurelab-plan-refused="">
          <p>
            {trans.__(
              'The plan has %1 destructive changes: they break sample sets or models in the registry. Apply refuses them unless forced.',
              summary.destructive
            )}
          </p>
          <label className="fl-ForceCheck">
            <input
              type="checkbox"
              checked={widget.force}
              onChange={event => (widget.force = event.target.checked)}
            />{' '}
            {trans.__('I understand; force these destructive changes')}
          </label>
        </div>
      )}
      {plan.changes.length === 0 && plan.status === 'ok' && (
        <p className="fl-DetailEmpty">{trans.__('No changes: the registry matches the folder.')}</p>
      )}
      <ol className="fl-PlanChanges">
        {plan.changes.map(change => (
          <PlanChange
            key={`${change.kind}:${change.name}`}
            change={change}
            widget={widget}
            trans={trans}
          />
        ))}
      </ol>
    </>
  );
}

function PlanChange(props: {
  change: SpecChange;
  widget: PlanApplyWidget;
  trans: TranslationBundle;
}): React.ReactElement {
  const { change, widget, trans } = props;
  const destructive = change.breaks.length > 0;
  const pointers = new Set(change.breaks.map(item => item.pointer).filter(Boolean));
  return (
    <li
      className={`fl-PlanChange fl-mod-${change.action}${destructive ? ' fl-mod-destructive' : ''}`}
      data-featurelab-change={`${change.action}:${change.kind}:${change.name}`}
    >
      <div className="fl-PlanChangeHead">
        <span className={`fl-ActionBadge fl-mod-${change.action}`}>
          {actionWord(change.action, trans)}
        </span>
        <span className={`fl-KindBadge fl-mod-${change.kind}`}>
          {kindLabel(change.kind, trans)}
        </span>
        <strong className="fl-PlanChangeName">{change.name}</strong>
        {change.file && (
          <FileLink
            widget={widget}
            file={change.file}
            line={change.line}
            className="fl-PlanChangeFile"
          />
        )}
        {destructive && (
          <span className="fl-DestructiveBadge" data-featurelab-destructive="">
            {trans.__('destructive')}
          </span>
        )}
      </div>
      {change.breaks.map((item, index) => (
        <p key={index} className="fl-Break">
          {item.reason}
          {item.consumers.length > 0 &&
            ` ${trans.__('Used by: %1', item.consumers.map(ref => `${kindLabel(ref.kind, trans)} ${ref.name}`).join(', '))}`}
        </p>
      ))}
      {change.fields.length > 0 && (
        <FieldChanges
          caption={trans.__('Fields of %1', change.name)}
          changes={change.fields.map(field => ({
            label: field.label || field.pointer,
            action: field.op,
            before: field.old,
            after: field.new,
            destructive: pointers.has(field.pointer)
          }))}
          trans={trans}
        />
      )}
    </li>
  );
}

function actionWord(action: SpecChange['action'], trans: TranslationBundle): string {
  switch (action) {
    case 'create':
      return trans.__('create');
    case 'update':
      return trans.__('update');
    case 'delete':
      return trans.__('delete');
  }
}

/** `file:line[:column]` of the planned folder, opening the file there when possible. */
function FileLink(props: {
  widget: PlanApplyWidget;
  file: string;
  line?: number;
  column?: number;
  className?: string;
}): React.ReactElement {
  const { widget, file, line, column } = props;
  const text = [file, line, column].filter(part => part !== undefined).join(':');
  if (!widget.canOpenFiles) {
    return <code className={props.className}>{text}</code>;
  }
  return (
    <button
      type="button"
      className={`fl-LinkButton ${props.className ?? ''}`}
      onClick={() => widget.openPlannedFile(file, line, column)}
    >
      <code>{text}</code>
    </button>
  );
}

function Problems(props: {
  problems: readonly SpecProblem[];
  widget: PlanApplyWidget;
  trans: TranslationBundle;
}): React.ReactElement {
  const { trans, widget } = props;
  return (
    <div className="fl-Problem fl-mod-error" role="alert" data-featurelab-plan-problems="">
      <p>
        {trans._n('The folder has %1 error:', 'The folder has %1 errors:', props.problems.length)}
      </p>
      <ul>
        {props.problems.map((problem, index) => (
          <li key={index}>
            <FileLink
              widget={widget}
              file={problem.file}
              line={problem.line}
              column={problem.column}
            />{' '}
            <code>{problem.pointer || '/'}</code> {problem.message}
            {problem.hint && <span className="fl-Fix"> {problem.hint}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
