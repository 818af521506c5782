/**
 * Arrow IPC decoding, with apache-arrow loaded on first use.
 *
 * apache-arrow is a large library that only matters once a kernel answers
 * with data. Importing it dynamically lets the bundler put it in its own chunk,
 * so it is not part of what JupyterLab downloads at start-up.
 */
import type { Table } from 'apache-arrow';

/**
 * An Arrow table as decoded from the kernel's reply.
 */
export type ArrowTable = Table;

type ArrowModule = typeof import('apache-arrow');

let arrowModule: Promise<ArrowModule> | null = null;

/**
 * Load apache-arrow once; a failed load is retried on the next call.
 */
export function loadArrow(): Promise<ArrowModule> {
  if (!arrowModule) {
    arrowModule = import('apache-arrow').catch((error: unknown) => {
      arrowModule = null;
      throw error;
    });
  }
  return arrowModule;
}

/**
 * Decode Arrow IPC bytes (stream or file format, as written by pyarrow or
 * `tableToIPC`) into a table.
 */
export async function decodeArrowIPC(bytes: ArrayBuffer | ArrayBufferView): Promise<ArrowTable> {
  const arrow = await loadArrow();
  return arrow.tableFromIPC(toUint8Array(bytes));
}

/**
 * View any binary buffer of a kernel message as bytes, without copying.
 */
export function toUint8Array(bytes: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (bytes instanceof Uint8Array) {
    return bytes;
  }
  if (ArrayBuffer.isView(bytes)) {
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return new Uint8Array(bytes);
}
