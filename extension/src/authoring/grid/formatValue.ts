/**
 * Compact text for Arrow values as the result grid shows them: decimals with
 * their scale, timestamps in ISO form, nested arrays/structs/maps inline.
 * Driven by the Arrow type, so it needs no apache-arrow import of its own.
 */

/**
 * The part of an Arrow `DataType` used here.
 */
export interface IArrowTypeLike {
  readonly typeId: number;
  readonly scale?: number;
  readonly unit?: number;
  readonly children?: readonly { readonly name: string; readonly type: IArrowTypeLike }[];
}

/**
 * apache-arrow's `Type` ids (stable since Arrow JS 1.0).
 */
export const ArrowTypeId = {
  Binary: 4,
  Utf8: 5,
  Decimal: 7,
  Date: 8,
  Timestamp: 10,
  List: 12,
  Struct: 13,
  FixedSizeList: 16,
  Map: 17,
  LargeBinary: 19,
  LargeUtf8: 20,
  LargeList: 21
} as const;

/** Characters after which a cell's text is cut. */
export const MAX_CELL_CHARS = 300;

/**
 * A 128-bit two's complement integer from its little-endian 32-bit words.
 */
function wordsToBigInt(words: ArrayLike<number>): bigint {
  let value = 0n;
  for (let i = words.length - 1; i >= 0; i--) {
    value = (value << 32n) | BigInt(words[i] >>> 0);
  }
  const bits = BigInt(words.length * 32);
  const signBit = 1n << (bits - 1n);
  return value & signBit ? value - (1n << bits) : value;
}

/**
 * A decimal's digits with the point put in by `scale`.
 */
export function decimalToString(value: unknown, scale: number): string {
  let integer: bigint;
  if (typeof value === 'bigint') {
    integer = value;
  } else if (ArrayBuffer.isView(value) && 'length' in value) {
    integer = wordsToBigInt(value as unknown as ArrayLike<number>);
  } else if (typeof value === 'number') {
    return value.toFixed(scale);
  } else {
    return String(value);
  }
  const negative = integer < 0n;
  const digits = (negative ? -integer : integer).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}

function timestampToString(value: unknown): string {
  const ms = typeof value === 'bigint' ? Number(value) : Number(value);
  if (!Number.isFinite(ms)) {
    return String(value);
  }
  const iso = new Date(ms).toISOString();
  return iso
    .replace('T', ' ')
    .replace(/\.000Z$/, '')
    .replace(/Z$/, '');
}

function entries(value: unknown): [unknown, unknown][] {
  if (value && typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function') {
    return [...(value as Iterable<[unknown, unknown]>)];
  }
  return [];
}

function format(value: unknown, type: IArrowTypeLike | undefined, nested: boolean): string {
  if (value === null || value === undefined) {
    return 'null';
  }
  switch (type?.typeId) {
    case ArrowTypeId.Decimal:
      return decimalToString(value, type.scale ?? 0);
    case ArrowTypeId.Timestamp:
      return timestampToString(value);
    case ArrowTypeId.Date:
      return new Date(Number(value)).toISOString().slice(0, 10);
    case ArrowTypeId.Binary:
    case ArrowTypeId.LargeBinary: {
      const length = (value as { length?: number }).length ?? 0;
      return `<${length} bytes>`;
    }
    case ArrowTypeId.List:
    case ArrowTypeId.FixedSizeList:
    case ArrowTypeId.LargeList: {
      const element = type.children?.[0]?.type;
      const items = [...(value as Iterable<unknown>)].map(item => format(item, element, true));
      return `[${items.join(', ')}]`;
    }
    case ArrowTypeId.Struct: {
      const row = value as Record<string, unknown>;
      const fields = (type.children ?? []).map(
        field => `${field.name}: ${format(row[field.name], field.type, true)}`
      );
      return `{${fields.join(', ')}}`;
    }
    case ArrowTypeId.Map: {
      const entry = type.children?.[0]?.type.children;
      const keyType = entry?.[0]?.type;
      const valueType = entry?.[1]?.type;
      const pairs = entries(value).map(
        ([k, v]) => `${format(k, keyType, true)}: ${format(v, valueType, true)}`
      );
      return `{${pairs.join(', ')}}`;
    }
    default:
      if (typeof value === 'string') {
        return nested ? JSON.stringify(value) : value;
      }
      return String(value);
  }
}

/**
 * The text of one grid cell (null is the caller's to show distinctly).
 */
export function formatArrowValue(value: unknown, type: IArrowTypeLike | undefined): string {
  const text = format(value, type, false);
  return text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS - 1)}…` : text;
}
