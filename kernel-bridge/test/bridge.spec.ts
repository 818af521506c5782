import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import {
  BRIDGE_TARGET,
  BridgeCancelledError,
  BridgeRemoteError,
  BridgeTimeoutError,
  HelperNotInstalledError,
  KernelBridge,
  KernelBusyError,
  KernelUnavailableError,
  REGISTER_CODE,
  UnsupportedKernelError
} from '../src/index.js';
import { echoHelper, FakeKernel } from './fakeKernel.js';

function setup(options: Partial<KernelBridge.IOptions> = {}) {
  const kernel = new FakeKernel();
  const bridge = new KernelBridge({ kernel: kernel.asConnection(), ...options });
  return { kernel, bridge };
}

describe('KernelBridge registration', () => {
  it('loads the helper with one silent, history-free execute', async () => {
    const { kernel, bridge } = setup();
    kernel.helper = echoHelper(() => ({ helper: '0.1.0', spark: null, sessionActive: false }));
    await bridge.ping();
    await bridge.ping();
    expect(kernel.executed).toHaveLength(1);
    expect(kernel.executed[0]).toMatchObject({
      code: REGISTER_CODE,
      silent: true,
      store_history: false,
      allow_stdin: false
    });
    expect(kernel.comms).toHaveLength(1);
    expect(kernel.comms[0].targetName).toBe(BRIDGE_TARGET);
    expect(kernel.comms[0].opened).toBe(true);
    expect(bridge.state).toBe('ready');
    // Its own messages are recognisable, so busy/idle they cause can be ignored.
    expect(bridge.isOwnMessage(kernel.executedMsgIds[0])).toBe(true);
    expect(bridge.isOwnMessage('someone-else')).toBe(false);
  });

  it('shares one registration between concurrent requests', async () => {
    const { kernel, bridge } = setup();
    kernel.helper = echoHelper();
    await Promise.all([bridge.ping(), bridge.ping(), bridge.ping()]);
    expect(kernel.executed).toHaveLength(1);
    expect(kernel.comms[0].sent).toHaveLength(3);
  });

  it('says how to install the helper when the import fails', async () => {
    const { kernel, bridge } = setup();
    kernel.executeReply = {
      status: 'error',
      ename: 'ModuleNotFoundError',
      evalue: "No module named 'featurelab'",
      traceback: [],
      execution_count: null
    };
    const error = await bridge.ping().catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(HelperNotInstalledError);
    expect(String((error as Error).message)).toContain('pip install jupyterlab-featurelab');
    expect(bridge.state).toBe('unregistered');
    // Not cached: once installed, the next call succeeds.
    kernel.executeReply = { status: 'ok', execution_count: 0, user_expressions: {} };
    kernel.helper = echoHelper();
    await expect(bridge.ping()).resolves.toBeDefined();
    expect(kernel.executed).toHaveLength(2);
  });

  it('refuses non-Python kernels without executing anything', async () => {
    const { kernel, bridge } = setup();
    kernel.language = 'R';
    await expect(bridge.ping()).rejects.toBeInstanceOf(UnsupportedKernelError);
    expect(kernel.executed).toHaveLength(0);
  });
});

describe('KernelBridge requests', () => {
  it('correlates replies by id, whatever their order', async () => {
    const { kernel, bridge } = setup();
    const first = bridge.request('ping', { n: 1 });
    const second = bridge.request('ping', { n: 2 });
    await vi.waitFor(() => expect(kernel.comm?.sent).toHaveLength(2));
    const comm = kernel.comm!;
    const [a, b] = comm.sent;
    expect(a).toMatchObject({ method: 'ping', args: { n: 1 } });
    expect(a.id).not.toBe(b.id);
    comm.reply({ id: 'unrelated', ok: true, result: {} });
    comm.reply({ id: b.id as string, ok: true, result: { n: 2 } });
    comm.reply({ id: a.id as string, ok: true, result: { n: 1 } });
    await expect(first).resolves.toMatchObject({ result: { n: 1 } });
    await expect(second).resolves.toMatchObject({ result: { n: 2 } });
  });

  it('turns helper errors into BridgeRemoteError', async () => {
    const { kernel, bridge } = setup();
    kernel.helper = (request, comm) =>
      queueMicrotask(() =>
        comm.reply({
          id: request.id,
          ok: false,
          error: { kind: 'AnalysisException', message: 'Table or view not found' }
        })
      );
    const error = await bridge.preview({ table: 'db.missing' }, 10).catch(e => e);
    expect(error).toBeInstanceOf(BridgeRemoteError);
    expect(error).toMatchObject({ kind: 'AnalysisException', method: 'preview' });
  });

  it('lists the catalog from the Arrow buffer', async () => {
    const { kernel, bridge } = setup();
    const arrow = tableToIPC(
      tableFromArrays({
        database: ['default'],
        name: ['clicks'],
        table_type: ['MANAGED'],
        is_temporary: [false],
        schema_json: [
          '{"fields":[{"metadata":{},"name":"ts","nullable":true,"type":"timestamp"}],"type":"struct"}'
        ],
        error: [null]
      }),
      'stream'
    );
    kernel.helper = echoHelper(
      () => ({ sessionActive: true, sparkVersion: '3.5.3', tableCount: 1 }),
      () => [arrow]
    );
    const catalog = await bridge.listCatalog();
    expect(catalog.sessionActive).toBe(true);
    expect(catalog.sparkVersion).toBe('3.5.3');
    expect(catalog.tables[0].name).toBe('clicks');
    expect(catalog.tables[0].schema?.fields[0].type).toEqual({
      kind: 'atomic',
      name: 'timestamp'
    });
  });

  it('answers an empty catalog without a session', async () => {
    const { kernel, bridge } = setup();
    kernel.helper = echoHelper(() => ({ sessionActive: false, sparkVersion: null }));
    await expect(bridge.listCatalog()).resolves.toEqual({
      sessionActive: false,
      sparkVersion: null,
      tables: []
    });
  });

  it('sends preview arguments and decodes rows', async () => {
    const { kernel, bridge } = setup();
    const rows = tableToIPC(tableFromArrays({ x: [1, 2, 3] }), 'stream');
    kernel.helper = echoHelper(
      () => ({ rowCount: 3 }),
      () => [rows]
    );
    const preview = await bridge.preview({ sql: 'SELECT 1' }, 3);
    expect(kernel.comm?.sent[0]).toMatchObject({
      method: 'preview',
      args: { sql: 'SELECT 1', limit: 3 }
    });
    expect(preview.rowCount).toBe(3);
    expect(preview.table.numRows).toBe(3);
  });
});

describe('KernelBridge timing', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('times out with a typed error and drops the late reply', async () => {
    const { kernel, bridge } = setup({ timeoutMs: 1000 });
    const pending = bridge.ping().catch((reason: unknown) => reason);
    await vi.advanceTimersByTimeAsync(0);
    expect(kernel.comm?.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    const error = await pending;
    expect(error).toBeInstanceOf(BridgeTimeoutError);
    expect(error).toMatchObject({ method: 'ping', timeoutMs: 1000 });
    // The reply arriving afterwards is ignored, not an exception.
    kernel.comm!.reply({ id: kernel.comm!.sent[0].id as string, ok: true, result: {} });
  });

  it('waits for a busy kernel to become idle before sending', async () => {
    const { kernel, bridge } = setup();
    kernel.helper = echoHelper();
    kernel.setStatus('busy');
    const pending = bridge.ping();
    await vi.advanceTimersByTimeAsync(5000);
    expect(kernel.executed).toHaveLength(0);
    kernel.setStatus('idle');
    await vi.advanceTimersByTimeAsync(0);
    await expect(pending).resolves.toBeDefined();
    expect(kernel.executed).toHaveLength(1);
  });

  it('waits for idle between registration and each request', async () => {
    const { kernel, bridge } = setup();
    kernel.helper = echoHelper();
    await bridge.ping();
    kernel.setStatus('busy');
    const pending = bridge.ping();
    await vi.advanceTimersByTimeAsync(100);
    expect(kernel.comm?.sent).toHaveLength(1);
    kernel.setStatus('idle');
    await vi.advanceTimersByTimeAsync(0);
    await pending;
    expect(kernel.comm?.sent).toHaveLength(2);
  });

  it('gives up on a kernel that stays busy', async () => {
    const { kernel, bridge } = setup({ idleWaitMs: 2000 });
    kernel.setStatus('busy');
    const pending = bridge.ping().catch((reason: unknown) => reason);
    await vi.advanceTimersByTimeAsync(2000);
    const error = await pending;
    expect(error).toBeInstanceOf(KernelBusyError);
    expect(kernel.executed).toHaveLength(0);
  });

  it('can be cancelled while waiting', async () => {
    const { kernel, bridge } = setup();
    kernel.setStatus('busy');
    const controller = new AbortController();
    const pending = bridge.ping({ signal: controller.signal }).catch(e => e);
    controller.abort();
    expect(await pending).toBeInstanceOf(BridgeCancelledError);
  });

  it('can be cancelled after sending', async () => {
    const { kernel, bridge } = setup();
    const controller = new AbortController();
    const pending = bridge.ping({ signal: controller.signal }).catch(e => e);
    await vi.advanceTimersByTimeAsync(0);
    expect(kernel.comm?.sent).toHaveLength(1);
    controller.abort();
    expect(await pending).toBeInstanceOf(BridgeCancelledError);
  });
});

describe('KernelBridge lifecycle', () => {
  it('fails pending requests on restart and registers again afterwards', async () => {
    const { kernel, bridge } = setup();
    const pending = bridge.ping().catch(e => e);
    await vi.waitFor(() => expect(kernel.comm?.sent).toHaveLength(1));
    const oldComm = kernel.comm!;
    kernel.setStatus('restarting');
    const error = await pending;
    expect(error).toBeInstanceOf(KernelUnavailableError);
    expect(error).toMatchObject({ reason: 'restarted' });
    expect(oldComm.isDisposed).toBe(true);
    expect(bridge.state).toBe('unregistered');

    kernel.setStatus('idle');
    kernel.helper = echoHelper();
    await bridge.ping();
    expect(kernel.executed).toHaveLength(2);
    expect(kernel.comms).toHaveLength(2);
  });

  it('registers again when the kernel closes the comm', async () => {
    const { kernel, bridge } = setup();
    kernel.helper = echoHelper();
    await bridge.ping();
    kernel.comm!.closeFromKernel();
    expect(bridge.state).toBe('unregistered');
    await bridge.ping();
    expect(kernel.executed).toHaveLength(2);
  });

  it('rejects everything once the kernel connection is disposed', async () => {
    const { kernel, bridge } = setup();
    kernel.setStatus('busy');
    const waiting = bridge.ping().catch(e => e);
    kernel.dispose();
    expect(bridge.isDisposed).toBe(true);
    expect(await waiting).toMatchObject({ reason: 'disposed' });
    await expect(bridge.ping()).rejects.toBeInstanceOf(KernelUnavailableError);
  });

  it('reports a dead kernel', async () => {
    const { kernel, bridge } = setup();
    kernel.setStatus('busy');
    const waiting = bridge.ping().catch(e => e);
    kernel.setStatus('dead');
    expect(await waiting).toMatchObject({ reason: 'dead' });
  });
});
