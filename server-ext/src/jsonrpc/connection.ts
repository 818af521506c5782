import type { Readable, Writable } from 'node:stream';
import type { Logger } from '../logger.js';
import type { Dispatcher } from './dispatcher.js';
import { MessageReader, encodeMessage } from './framing.js';
import { ErrorCode, failure, notification } from './protocol.js';

/**
 * A JSON-RPC connection over a pair of byte streams (the service's stdin and stdout).
 *
 * Requests are handled concurrently; replies go out in completion order, as JSON-RPC allows.
 * Nothing but framed messages is ever written to the output stream.
 */
export class StreamConnection {
  private readonly reader = new MessageReader();
  private readonly inFlight = new Set<Promise<void>>();
  private outputBroken = false;
  private closed: Promise<void> | undefined;

  constructor(
    private readonly input: Readable,
    private readonly output: Writable,
    private readonly dispatcher: Dispatcher,
    private readonly logger: Logger
  ) {}

  /**
   * Start reading. Resolves when the input ends (the parent closed our stdin or exited), after
   * the requests already received have been answered.
   */
  listen(): Promise<void> {
    if (this.closed) {
      return this.closed;
    }
    this.output.on('error', (error: Error) => {
      // EPIPE: the parent is gone. Stop writing; the input will end too.
      this.outputBroken = true;
      this.logger.warn('cannot write to stdout', { error });
    });
    this.closed = new Promise<void>(resolve => {
      const finish = (): void => {
        void this.drain().then(resolve);
      };
      this.input.on('data', (chunk: Buffer) => this.receive(chunk));
      this.input.once('end', finish);
      this.input.once('close', finish);
      this.input.once('error', (error: Error) => {
        this.logger.error('cannot read stdin', { error });
        finish();
      });
    });
    return this.closed;
  }

  /** Send a notification (e.g. featurelab/ready). */
  notify(method: string, params: unknown): void {
    this.send(notification(method, params));
  }

  /** Wait until every request received so far has been answered, at most timeoutMs. */
  async drain(timeoutMs = 5000): Promise<void> {
    if (this.inFlight.size === 0) {
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>(resolve => {
      timer = setTimeout(() => {
        this.logger.warn('stopped waiting for requests in flight', { count: this.inFlight.size });
        resolve();
      }, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.inFlight]).then(() => undefined), timeout]);
    clearTimeout(timer);
  }

  private receive(chunk: Buffer): void {
    for (const event of this.reader.push(chunk)) {
      if (event.type === 'error') {
        this.logger.warn('framing error', { reason: event.message });
        this.send(
          failure(null, { code: ErrorCode.ParseError, message: `Parse error: ${event.message}` })
        );
        continue;
      }
      const handled = this.dispatcher
        .handleBody(event.body)
        .then(response => {
          if (response !== undefined) {
            this.send(response);
          }
        })
        .catch((error: unknown) => {
          // The dispatcher turns handler errors into responses; reaching here is a bug.
          this.logger.error('dispatch failed', { error });
        })
        .finally(() => {
          this.inFlight.delete(handled);
        });
      this.inFlight.add(handled);
    }
  }

  private send(message: unknown): void {
    if (this.outputBroken) {
      return;
    }
    let frame: Buffer;
    try {
      frame = encodeMessage(message);
    } catch (error) {
      // A result that is not JSON-serializable (BigInt, cycle) must still get an answer.
      this.logger.error('cannot serialize a message', { error });
      const id = (message as { id?: unknown }).id;
      frame = encodeMessage(
        failure(typeof id === 'string' || typeof id === 'number' ? id : null, {
          code: ErrorCode.InternalError,
          message: 'Internal error: the result is not JSON-serializable',
          data: { kind: 'InternalError' }
        })
      );
    }
    this.output.write(frame);
  }
}
