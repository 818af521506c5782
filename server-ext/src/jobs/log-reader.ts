import { closeSync, openSync, readSync, statSync } from 'node:fs';

export interface LogPage {
  readonly offset: number;
  readonly nextOffset: number;
  readonly size: number;
  readonly data: string;
}

export const DEFAULT_LOG_PAGE_BYTES = 64 * 1024;
export const MAX_LOG_PAGE_BYTES = 1024 * 1024;

/**
 * Read up to `limit` bytes of a log from `offset`. Offsets are bytes, but the text returned is
 * whole UTF-8 characters: a page starts after any continuation bytes at `offset` and ends
 * before a character cut by the limit, so pages chain (offset = previous nextOffset) without
 * ever splitting a character. A log that does not exist yet reads as empty.
 */
export function readLogPage(file: string, offset: number, limit: number): LogPage {
  const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  if (offset >= size) {
    return { offset, nextOffset: offset, size, data: '' };
  }
  const length = Math.min(limit, size - offset);
  // 3 extra bytes complete a character cut by the limit, when the file has them.
  const buffer = Buffer.alloc(Math.min(length + 3, size - offset));
  const descriptor = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(descriptor, buffer, 0, buffer.length, offset);
  } finally {
    closeSync(descriptor);
  }
  let start = 0;
  while (start < read && isContinuation(buffer[start])) {
    start += 1;
  }
  let end = Math.min(length, read);
  if (end < read) {
    while (end > start && isContinuation(buffer[end])) {
      end -= 1;
    }
  } else {
    // At the end of what exists: drop a character whose last bytes are not written yet.
    end = start + completePrefix(buffer.subarray(start, end));
  }
  return {
    offset: offset + start,
    nextOffset: offset + end,
    size,
    data: buffer.subarray(start, end).toString('utf8')
  };
}

function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

/** Length of the longest prefix of `bytes` that ends on a character boundary. */
function completePrefix(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(4, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back];
    if (!isContinuation(byte)) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return needed <= back ? bytes.length : bytes.length - back;
    }
  }
  return bytes.length;
}
