import { describe, expect, it } from 'vitest';
import {
  MAX_HEADER_BYTES,
  MessageReader,
  encodeMessage,
  type FrameEvent
} from '../src/jsonrpc/framing.js';

const frame = (body: string): Buffer =>
  Buffer.concat([
    Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`),
    Buffer.from(body)
  ]);
const bodies = (events: FrameEvent[]): string[] =>
  events.flatMap(event => (event.type === 'message' ? [event.body] : []));
const errors = (events: FrameEvent[]): string[] =>
  events.flatMap(event => (event.type === 'error' ? [event.message] : []));

describe('encodeMessage', () => {
  it('counts bytes, not characters', () => {
    const encoded = encodeMessage({ text: 'Grüße, 世界 🚀' });
    const [header, body] = encoded.toString('utf8').split('\r\n\r\n');
    expect(header).toBe(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(Buffer.byteLength(body)).toBeGreaterThan(body.length);
    expect(JSON.parse(body)).toEqual({ text: 'Grüße, 世界 🚀' });
  });
});

describe('MessageReader', () => {
  it('reads one complete message', () => {
    expect(bodies(new MessageReader().push(frame('{"a":1}')))).toEqual(['{"a":1}']);
  });

  it('reads several messages from one chunk', () => {
    const reader = new MessageReader();
    const events = reader.push(Buffer.concat([frame('{"a":1}'), frame('{"b":2}'), frame('[]')]));
    expect(bodies(events)).toEqual(['{"a":1}', '{"b":2}', '[]']);
    expect(reader.pendingBytes).toBe(0);
  });

  it('reassembles a message delivered one byte at a time, multibyte characters included', () => {
    const text = JSON.stringify({ name: 'Zoë 数据 🧪', n: 3 });
    const bytes = Buffer.concat([frame(text), frame('{"next":true}')]);
    const reader = new MessageReader();
    const events: FrameEvent[] = [];
    for (let i = 0; i < bytes.length; i++) {
      events.push(...reader.push(bytes.subarray(i, i + 1)));
    }
    expect(bodies(events)).toEqual([text, '{"next":true}']);
    expect(errors(events)).toEqual([]);
  });

  it('splits a 4-byte character across chunks without corrupting it', () => {
    const bytes = frame('"🚀"');
    const emojiStart = bytes.indexOf(0xf0);
    const reader = new MessageReader();
    expect(reader.push(bytes.subarray(0, emojiStart + 2))).toEqual([]);
    expect(bodies(reader.push(bytes.subarray(emojiStart + 2)))).toEqual(['"🚀"']);
  });

  it('keeps a partial message buffered until its end arrives', () => {
    const bytes = Buffer.concat([frame('{"first":1}'), frame('{"second":2}')]);
    const cut = bytes.length - 5;
    const reader = new MessageReader();
    expect(bodies(reader.push(bytes.subarray(0, cut)))).toEqual(['{"first":1}']);
    expect(reader.pendingBytes).toBeGreaterThan(0);
    expect(bodies(reader.push(bytes.subarray(cut)))).toEqual(['{"second":2}']);
  });

  it('accepts other headers, any header case and a UTF-8 Content-Type', () => {
    const body = '{"ok":true}';
    const bytes = Buffer.from(
      `content-type: application/vscode-jsonrpc; charset=utf-8\r\nCONTENT-LENGTH: ${body.length}\r\n\r\n${body}`
    );
    expect(bodies(new MessageReader().push(bytes))).toEqual([body]);
  });

  it('reports a header block without Content-Length and carries on', () => {
    const reader = new MessageReader();
    const events = reader.push(
      Buffer.concat([Buffer.from('X-Other: 1\r\n\r\n'), frame('{"after":1}')])
    );
    expect(errors(events)).toEqual(['missing Content-Length header']);
    expect(bodies(events)).toEqual(['{"after":1}']);
  });

  it('reports a non-numeric or negative Content-Length and carries on', () => {
    for (const value of ['abc', '-5', '1e3', '']) {
      const events = new MessageReader().push(
        Buffer.concat([Buffer.from(`Content-Length: ${value}\r\n\r\n`), frame('{"after":1}')])
      );
      expect(errors(events)[0], value).toMatch(/invalid Content-Length/);
      expect(bodies(events), value).toEqual(['{"after":1}']);
    }
  });

  it('skips junk written before a valid header', () => {
    const events = new MessageReader().push(
      Buffer.concat([Buffer.from('some stray output\n'), frame('{"after":1}')])
    );
    expect(errors(events)).toHaveLength(1);
    expect(bodies(events)).toEqual(['{"after":1}']);
  });

  it('rejects a non-UTF-8 charset', () => {
    const events = new MessageReader().push(
      Buffer.from('Content-Length: 2\r\nContent-Type: application/json; charset=latin1\r\n\r\n{}')
    );
    expect(errors(events)[0]).toMatch(/only UTF-8/);
  });

  it('gives up on a header that never ends, without buffering forever', () => {
    const reader = new MessageReader();
    const events = reader.push(Buffer.alloc(MAX_HEADER_BYTES + 1, 'x'));
    expect(errors(events)[0]).toMatch(/no end of headers/);
    expect(reader.pendingBytes).toBe(0);
    expect(bodies(reader.push(frame('{"after":1}')))).toEqual(['{"after":1}']);
  });

  it('skips the body of an oversized message and reads the next one', () => {
    const reader = new MessageReader();
    const huge = 70 * 1024 * 1024;
    const events = reader.push(Buffer.from(`Content-Length: ${huge}\r\n\r\n`));
    expect(errors(events)[0]).toMatch(/exceeds the limit/);
    expect(reader.push(Buffer.alloc(huge - 10))).toEqual([]);
    expect(bodies(reader.push(Buffer.concat([Buffer.alloc(10), frame('{"after":1}')])))).toEqual([
      '{"after":1}'
    ]);
  });

  it('passes an empty body through (the dispatcher answers with a parse error)', () => {
    expect(bodies(new MessageReader().push(Buffer.from('Content-Length: 0\r\n\r\n')))).toEqual([
      ''
    ]);
  });
});
