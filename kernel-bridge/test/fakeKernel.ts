/**
 * A minimal in-memory stand-in for `Kernel.IKernelConnection`: just enough of
 * it for the bridge (status, info, silent execute, comms).
 */
import type { Kernel, KernelMessage } from '@jupyterlab/services';
import type { JSONObject, JSONValue } from '@lumino/coreutils';
import { Signal } from '@lumino/signaling';

type ExecuteReplyContent = KernelMessage.IExecuteReplyMsg['content'];

let counter = 0;
const nextMsgId = () => `msg-${++counter}`;

/**
 * The Python side of the bridge, as a function of a request.
 */
export type FakeHelper = (
  request: { id: string; method: string; args: JSONObject },
  comm: FakeComm
) => void;

export class FakeComm {
  constructor(
    readonly targetName: string,
    readonly kernel: FakeKernel
  ) {}
  readonly commId = nextMsgId();
  opened = false;
  isDisposed = false;
  readonly sent: JSONObject[] = [];
  onMsg: (msg: KernelMessage.ICommMsgMsg) => void = () => undefined;
  onClose: (msg: KernelMessage.ICommCloseMsg) => void = () => undefined;

  open(): { msg: { header: { msg_id: string } } } {
    this.opened = true;
    return { msg: { header: { msg_id: nextMsgId() } } };
  }

  send(data: JSONValue): { msg: { header: { msg_id: string } } } {
    if (this.isDisposed) {
      throw new Error('Cannot send');
    }
    const request = data as { id: string; method: string; args: JSONObject };
    this.sent.push(request);
    const msgId = nextMsgId();
    this.kernel.helper?.(request, this);
    return { msg: { header: { msg_id: msgId } } };
  }

  /** Deliver a reply from the kernel. */
  reply(data: JSONObject, buffers: (ArrayBuffer | ArrayBufferView)[] = []): void {
    const msg = {
      channel: 'iopub',
      content: { comm_id: this.commId, data },
      buffers
    } as unknown as KernelMessage.ICommMsgMsg;
    this.onMsg(msg);
  }

  /** The kernel closes the comm. */
  closeFromKernel(): void {
    this.onClose({} as KernelMessage.ICommCloseMsg);
    this.dispose();
  }

  dispose(): void {
    this.isDisposed = true;
  }
}

export class FakeKernel {
  status: Kernel.Status = 'idle';
  isDisposed = false;
  readonly statusChanged = new Signal<this, Kernel.Status>(this);
  readonly disposed = new Signal<this, void>(this);
  readonly executed: KernelMessage.IExecuteRequestMsg['content'][] = [];
  readonly executedMsgIds: string[] = [];
  readonly comms: FakeComm[] = [];
  language = 'python';
  /** What the silent registration execute answers. */
  executeReply: ExecuteReplyContent = {
    status: 'ok',
    execution_count: 0,
    user_expressions: {}
  } as ExecuteReplyContent;
  /** Answers requests; none means requests stay unanswered. */
  helper: FakeHelper | null = null;

  get info(): Promise<KernelMessage.IInfoReply> {
    return Promise.resolve({
      language_info: { name: this.language }
    } as KernelMessage.IInfoReply);
  }

  requestExecute(content: KernelMessage.IExecuteRequestMsg['content']): {
    msg: { header: { msg_id: string } };
    done: Promise<{ content: ExecuteReplyContent }>;
  } {
    this.executed.push(content);
    const msgId = nextMsgId();
    this.executedMsgIds.push(msgId);
    return {
      msg: { header: { msg_id: msgId } },
      done: Promise.resolve({ content: this.executeReply })
    };
  }

  createComm(targetName: string): FakeComm {
    const comm = new FakeComm(targetName, this);
    this.comms.push(comm);
    return comm;
  }

  setStatus(status: Kernel.Status): void {
    this.status = status;
    this.statusChanged.emit(status);
  }

  dispose(): void {
    this.isDisposed = true;
    this.disposed.emit();
  }

  asConnection(): Kernel.IKernelConnection {
    return this as unknown as Kernel.IKernelConnection;
  }

  /** The comm currently open, if any. */
  get comm(): FakeComm | undefined {
    return this.comms.filter(comm => !comm.isDisposed).at(-1);
  }
}

/**
 * A helper that answers every request with `ok: true` and `result`.
 */
export function echoHelper(
  result: (method: string) => JSONObject = () => ({}),
  buffers: (method: string) => (ArrayBuffer | ArrayBufferView)[] = () => []
): FakeHelper {
  return (request, comm) => {
    queueMicrotask(() =>
      comm.reply(
        { id: request.id, ok: true, result: result(request.method) },
        buffers(request.method)
      )
    );
  };
}
