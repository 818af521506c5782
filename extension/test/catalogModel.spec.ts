import {
  type ICatalogListing,
  type KernelBridge,
  KernelBusyError,
  HelperNotInstalledError
} from '@featurelab/kernel-bridge';
import type { ISessionContext } from '@jupyterlab/apputils';
import type { Kernel, KernelMessage } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { SparkCatalogModel } from '../src/catalogModel.js';

class FakeKernel {
  readonly iopubMessage = new Signal<this, KernelMessage.IIOPubMessage>(this);

  /** Simulate the iopub traffic of one execution. */
  run(msgId: string, options: { silent?: boolean } = {}): void {
    const msg = (msgType: string, content: object) =>
      ({
        header: { msg_type: msgType, msg_id: `${msgId}-${msgType}` },
        parent_header: { msg_id: msgId, msg_type: 'execute_request' },
        content
      }) as unknown as KernelMessage.IIOPubMessage;
    this.iopubMessage.emit(msg('status', { execution_state: 'busy' }));
    if (!options.silent) {
      this.iopubMessage.emit(msg('execute_input', { code: 'x', execution_count: 1 }));
    }
    this.iopubMessage.emit(msg('status', { execution_state: 'idle' }));
  }
}

class FakeSessionContext {
  constructor(public kernel: FakeKernel | null) {}
  readonly kernelChanged = new Signal<this, unknown>(this);
  readonly statusChanged = new Signal<this, Kernel.Status>(this);
  get session() {
    return this.kernel ? { kernel: this.kernel } : null;
  }
  changeKernel(kernel: FakeKernel | null): void {
    this.kernel = kernel;
    this.kernelChanged.emit(null);
  }
}

class FakeTracker {
  currentWidget: { sessionContext: ISessionContext } | null = null;
  readonly currentChanged = new Signal<this, unknown>(this);
  open(context: FakeSessionContext | null): void {
    this.currentWidget = context ? { sessionContext: context as unknown as ISessionContext } : null;
    this.currentChanged.emit(null);
  }
}

/**
 * Bridges answer with whatever `answer` returns at the time of the call.
 */
class Bridges {
  answer: () => Promise<ICatalogListing> = () => Promise.resolve(listing(true));
  readonly created: { kernel: unknown; calls: number; disposed: boolean; own: Set<string> }[] = [];

  factory = (kernel: Kernel.IKernelConnection): KernelBridge => {
    const record = { kernel, calls: 0, disposed: false, own: new Set<string>() };
    this.created.push(record);
    const fake = {
      timeoutMs: 0,
      get isDisposed() {
        return record.disposed;
      },
      listCatalog: () => {
        record.calls++;
        return this.answer();
      },
      isOwnMessage: (id: string) => record.own.has(id),
      dispose: () => {
        record.disposed = true;
      }
    };
    return fake as unknown as KernelBridge;
  };

  get last() {
    return this.created[this.created.length - 1];
  }
}

function listing(sessionActive: boolean, names: string[] = ['clicks']): ICatalogListing {
  return {
    sessionActive,
    sparkVersion: sessionActive ? '3.5.3' : null,
    tables: sessionActive
      ? names.map(name => ({
          database: 'default',
          name,
          tableType: 'MANAGED',
          isTemporary: false,
          schema: { kind: 'struct', fields: [] },
          error: null
        }))
      : []
  };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('SparkCatalogModel', () => {
  let tracker: FakeTracker;
  let bridges: Bridges;
  let model: SparkCatalogModel;

  beforeEach(() => {
    vi.useFakeTimers();
    tracker = new FakeTracker();
    bridges = new Bridges();
    model = new SparkCatalogModel({
      tracker,
      createBridge: bridges.factory,
      debounceMs: 500
    });
  });

  afterEach(() => {
    model.dispose();
    vi.useRealTimers();
  });

  it('starts with no notebook, then no kernel', () => {
    expect(model.status).toBe('no-notebook');
    tracker.open(new FakeSessionContext(null));
    expect(model.status).toBe('no-kernel');
    expect(model.bridge).toBeNull();
    tracker.open(null);
    expect(model.status).toBe('no-notebook');
  });

  it('loads the catalog when a notebook with a kernel becomes current', async () => {
    const states: string[] = [];
    model.changed.connect(() => states.push(model.status));
    tracker.open(new FakeSessionContext(new FakeKernel()));
    expect(model.status).toBe('loading');
    expect(model.refreshing).toBe(true);
    await flush();
    expect(model.status).toBe('ready');
    expect(model.refreshing).toBe(false);
    expect(model.listing?.tables.map(t => t.name)).toEqual(['clicks']);
    expect(states).toContain('loading');
    expect(states.at(-1)).toBe('ready');
  });

  it('shows the no-session state when Spark has not started', async () => {
    bridges.answer = () => Promise.resolve(listing(false));
    tracker.open(new FakeSessionContext(new FakeKernel()));
    await flush();
    expect(model.status).toBe('no-session');
  });

  it('refreshes, debounced, after user executions only', async () => {
    const kernel = new FakeKernel();
    tracker.open(new FakeSessionContext(kernel));
    await flush();
    expect(bridges.last.calls).toBe(1);

    // Three cells in a row: one refresh after the last one.
    kernel.run('cell-1');
    await vi.advanceTimersByTimeAsync(300);
    kernel.run('cell-2');
    await vi.advanceTimersByTimeAsync(300);
    kernel.run('cell-3');
    await vi.advanceTimersByTimeAsync(499);
    expect(bridges.last.calls).toBe(1);
    bridges.answer = () => Promise.resolve(listing(true, ['clicks', 'users']));
    await vi.advanceTimersByTimeAsync(1);
    expect(bridges.last.calls).toBe(2);
    expect(model.listing?.tables).toHaveLength(2);

    // Silent executes (ours or other extensions') don't trigger refreshes...
    kernel.run('silent', { silent: true });
    // ...nor do messages the bridge sent itself.
    bridges.last.own.add('own');
    kernel.run('own');
    await vi.advanceTimersByTimeAsync(2000);
    expect(bridges.last.calls).toBe(2);
  });

  it('follows the current notebook and its kernel changes', async () => {
    const first = new FakeSessionContext(new FakeKernel());
    tracker.open(first);
    await flush();
    const firstBridge = bridges.last;
    const second = new FakeSessionContext(new FakeKernel());
    tracker.open(second);
    await flush();
    expect(firstBridge.disposed).toBe(true);
    expect(bridges.created).toHaveLength(2);

    second.changeKernel(new FakeKernel());
    await flush();
    expect(bridges.created).toHaveLength(3);
    expect(model.status).toBe('ready');

    second.changeKernel(null);
    expect(model.status).toBe('no-kernel');
    expect(model.listing).toBeNull();
    expect(bridges.last.disposed).toBe(true);
  });

  it('clears tables on restart and reloads once idle', async () => {
    const context = new FakeSessionContext(new FakeKernel());
    tracker.open(context);
    await flush();
    context.statusChanged.emit('restarting');
    expect(model.status).toBe('loading');
    expect(model.listing).toBeNull();
    context.statusChanged.emit('starting');
    await flush();
    expect(bridges.last.calls).toBe(1);
    context.statusChanged.emit('idle');
    await flush();
    expect(bridges.last.calls).toBe(2);
    expect(model.status).toBe('ready');
    // Later idles (e.g. our own requests) don't reload again.
    context.statusChanged.emit('idle');
    await flush();
    expect(bridges.last.calls).toBe(2);
  });

  it('waits for a busy kernel instead of failing', async () => {
    bridges.answer = () => Promise.reject(new KernelBusyError(10_000));
    const context = new FakeSessionContext(new FakeKernel());
    tracker.open(context);
    await flush();
    expect(model.status).toBe('waiting');
    expect(model.error).toBeNull();
    bridges.answer = () => Promise.resolve(listing(true));
    context.statusChanged.emit('idle');
    await flush();
    expect(model.status).toBe('ready');
  });

  it('reports bridge errors and recovers on retry', async () => {
    bridges.answer = () =>
      Promise.reject(new HelperNotInstalledError("No module named 'featurelab'"));
    tracker.open(new FakeSessionContext(new FakeKernel()));
    await flush();
    expect(model.status).toBe('error');
    expect(model.error).toBeInstanceOf(HelperNotInstalledError);
    bridges.answer = () => Promise.resolve(listing(true));
    await model.refresh();
    expect(model.status).toBe('ready');
    expect(model.error).toBeNull();
  });

  it('drops the answer of a refresh superseded by a newer one', async () => {
    let resolveFirst: (value: ICatalogListing) => void = () => undefined;
    bridges.answer = () => new Promise(resolve => (resolveFirst = resolve));
    tracker.open(new FakeSessionContext(new FakeKernel()));
    const slow = resolveFirst;
    bridges.answer = () => Promise.resolve(listing(true, ['fresh']));
    await model.refresh();
    slow(listing(true, ['stale']));
    await flush();
    expect(model.listing?.tables.map(t => t.name)).toEqual(['fresh']);
  });

  it('marks a dead kernel as an error', async () => {
    const context = new FakeSessionContext(new FakeKernel());
    tracker.open(context);
    await flush();
    context.statusChanged.emit('dead');
    expect(model.status).toBe('error');
    expect(model.listing).toBeNull();
  });
});
