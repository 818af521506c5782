/**
 * LSP base-protocol framing: `Content-Length: N\r\n\r\n` followed by N bytes of UTF-8 JSON.
 */

const HEADER_TERMINATOR = Buffer.from('\r\n\r\n', 'ascii');
const CONTENT_LENGTH = 'content-length:';
/** Longest header block accepted before giving up on finding its end. */
export const MAX_HEADER_BYTES = 8 * 1024;
/** Largest body accepted; the shim's requests and our replies are far smaller. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** What the reader found in the byte stream. */
export type FrameEvent =
  | { readonly type: 'message'; readonly body: string }
  | { readonly type: 'error'; readonly message: string };

/** Frame one JSON-RPC message for the wire. */
export function encodeMessage(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

type HeaderParse =
  | { readonly ok: true; readonly contentLength: number }
  | { readonly ok: false; readonly message: string };

/**
 * Incremental reader of framed messages. Feed it chunks as they arrive; it returns every
 * complete message (or framing error) so far.
 *
 * Bodies are decoded only once complete, so a multibyte UTF-8 character split across chunks is
 * decoded correctly. A bad header block produces an error event and the reader carries on
 * with the bytes after it, so one corrupt write does not kill the connection.
 */
export class MessageReader {
  private chunks: Buffer[] = [];
  private bufferedBytes = 0;
  /** Length of the body being read; undefined while reading headers. */
  private bodyLength: number | undefined;
  /** Bytes of an oversized body still to discard. */
  private bytesToSkip = 0;

  push(chunk: Uint8Array): FrameEvent[] {
    if (chunk.length > 0) {
      this.chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
      this.bufferedBytes += chunk.length;
    }
    const events: FrameEvent[] = [];
    for (;;) {
      if (this.bytesToSkip > 0) {
        const skipped = Math.min(this.bytesToSkip, this.bufferedBytes);
        this.consume(skipped);
        this.bytesToSkip -= skipped;
        if (this.bytesToSkip > 0) {
          break;
        }
      }
      if (this.bodyLength === undefined && !this.readHeaders(events)) {
        break;
      }
      if (this.bodyLength === undefined) {
        continue;
      }
      if (this.bufferedBytes < this.bodyLength) {
        break;
      }
      const body = this.flatten().toString('utf8', 0, this.bodyLength);
      this.consume(this.bodyLength);
      this.bodyLength = undefined;
      events.push({ type: 'message', body });
    }
    return events;
  }

  /** Bytes received but not yet part of an emitted event. */
  get pendingBytes(): number {
    return this.bufferedBytes;
  }

  /**
   * Try to read one header block. Returns false when more bytes are needed; true when it made
   * progress (set bodyLength, or reported and skipped a bad block).
   */
  private readHeaders(events: FrameEvent[]): boolean {
    if (this.bufferedBytes === 0) {
      return false;
    }
    const buffer = this.flatten();
    const end = buffer.indexOf(HEADER_TERMINATOR);
    if (end < 0) {
      if (buffer.length > MAX_HEADER_BYTES) {
        events.push({
          type: 'error',
          message: `no end of headers within ${MAX_HEADER_BYTES} bytes`
        });
        this.consume(buffer.length);
      }
      return false;
    }
    const headerText = buffer.toString('latin1', 0, end);
    this.consume(end + HEADER_TERMINATOR.length);

    let parsed = parseHeaderBlock(headerText);
    if (!parsed.ok) {
      // Stray bytes before a valid frame (e.g. a partial write) leave the real header at the end
      // of the block: report the junk, then use the header that follows it.
      const restart = headerText.toLowerCase().lastIndexOf(CONTENT_LENGTH);
      if (restart > 0) {
        events.push({ type: 'error', message: parsed.message });
        parsed = parseHeaderBlock(headerText.slice(restart));
      }
    }
    if (!parsed.ok) {
      events.push({ type: 'error', message: parsed.message });
      return true;
    }
    if (parsed.contentLength > MAX_BODY_BYTES) {
      events.push({
        type: 'error',
        message: `Content-Length ${parsed.contentLength} exceeds the limit of ${MAX_BODY_BYTES} bytes`
      });
      this.bytesToSkip = parsed.contentLength;
      return true;
    }
    this.bodyLength = parsed.contentLength;
    return true;
  }

  private flatten(): Buffer {
    if (this.chunks.length > 1) {
      this.chunks = [Buffer.concat(this.chunks, this.bufferedBytes)];
    }
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private consume(byteCount: number): void {
    if (byteCount === 0) {
      return;
    }
    const buffer = this.flatten().subarray(byteCount);
    this.chunks = buffer.length > 0 ? [buffer] : [];
    this.bufferedBytes = buffer.length;
  }
}

function parseHeaderBlock(text: string): HeaderParse {
  let contentLength: number | undefined;
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : '';
    if (!/^[a-z0-9-]+$/.test(name)) {
      return { ok: false, message: `malformed header line ${JSON.stringify(line.slice(0, 80))}` };
    }
    const value = line.slice(colon + 1).trim();
    if (name === 'content-length') {
      if (!/^\d{1,12}$/.test(value)) {
        return {
          ok: false,
          message: `invalid Content-Length ${JSON.stringify(value.slice(0, 80))}`
        };
      }
      contentLength = Number(value);
    } else if (
      name === 'content-type' &&
      !/charset=["']?utf-?8/i.test(value) &&
      /charset=/i.test(value)
    ) {
      return {
        ok: false,
        message: `unsupported Content-Type ${JSON.stringify(value)}; only UTF-8 is accepted`
      };
    }
  }
  if (contentLength === undefined) {
    return { ok: false, message: 'missing Content-Length header' };
  }
  return { ok: true, contentLength };
}
