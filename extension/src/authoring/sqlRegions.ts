/**
 * Where the SQL is in a notebook cell, and how its offsets map back to the
 * cell's source.
 *
 * Two kinds of region:
 * - a `%%sql` cell: the lines after the magic line, offsets shifted by a
 *   constant;
 * - a Python string literal passed to `<something>.sql(...)`, e.g.
 *   `spark.sql("""...""")`: the string's value. Escapes (`\n`, `\"`, line
 *   continuations) make the value differ from the source, so each value
 *   offset maps to a source offset through a table. f-strings and byte
 *   strings are left alone: their value is not known from the text.
 */
import type { ITextRange } from './protocol.js';

/**
 * Options on a `%%sql` line.
 */
export interface IMagicOptions {
  readonly limit?: number;
  readonly output?: string;
}

/**
 * One piece of SQL inside a cell.
 */
export interface ISqlRegion {
  readonly kind: 'magic' | 'python-string' | 'python-cell';
  /** The SQL, as Spark will see it. */
  readonly text: string;
  /** Where the SQL's characters are in the cell source. */
  readonly sourceRange: ITextRange;
  /** `%%sql` options (magic regions only). */
  readonly magic?: IMagicOptions;
  /** Source offset of SQL offset `offset` (0..text.length). */
  toSource(offset: number): number;
  /** SQL offset of a source offset, or -1 when it lies outside the region. */
  fromSource(offset: number): number;
}

const MAGIC_LINE = /^%%sql(?:[ \t]+([^\n]*))?$/;

/**
 * The SQL regions of a cell's source, in source order.
 */
export function findSqlRegions(source: string): ISqlRegion[] {
  const magic = magicRegion(source);
  if (magic !== undefined) {
    return magic ? [magic] : [];
  }
  if (source.trimStart().startsWith('%%')) {
    return []; // another cell magic: not Python
  }
  return pythonSqlStrings(source);
}

/**
 * The region of a `%%sql` cell; `null` for a `%%sql` cell without a body,
 * `undefined` when the cell is not a `%%sql` cell.
 */
function magicRegion(source: string): ISqlRegion | null | undefined {
  const newline = source.indexOf('\n');
  const firstLine = newline < 0 ? source : source.slice(0, newline);
  const match = MAGIC_LINE.exec(firstLine.replace(/\s+$/, ''));
  if (!match) {
    return undefined;
  }
  if (newline < 0) {
    return null;
  }
  const start = newline + 1;
  return shiftedRegion('magic', source.slice(start), start, parseMagicOptions(match[1] ?? ''));
}

/**
 * `--limit N` / `-l N` and `-o NAME` of a `%%sql` line; unknown words are
 * ignored here (the kernel reports them).
 */
export function parseMagicOptions(line: string): IMagicOptions {
  const words = line.split(/\s+/).filter(Boolean);
  let limit: number | undefined;
  let output: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const eq = word.indexOf('=');
    const [flag, inline] = eq > 0 ? [word.slice(0, eq), word.slice(eq + 1)] : [word, undefined];
    if (flag === '--limit' || flag === '-l') {
      const value = Number(inline ?? words[++i]);
      if (Number.isInteger(value) && value >= 0) {
        limit = value;
      }
    } else if (flag === '-o' || flag === '--output') {
      output = inline ?? words[++i];
    }
  }
  return { limit, output };
}

function shiftedRegion(
  kind: ISqlRegion['kind'],
  text: string,
  start: number,
  magic?: IMagicOptions
): ISqlRegion {
  return {
    kind,
    text,
    sourceRange: { from: start, to: start + text.length },
    magic,
    toSource: offset => start + clamp(offset, 0, text.length),
    fromSource: offset => (offset >= start && offset <= start + text.length ? offset - start : -1)
  };
}

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, value));
}

const STRING_PREFIX = /^[rRuUbBfF]{0,2}$/;

interface IStringToken {
  /** Offset of the prefix (or the opening quote). */
  readonly start: number;
  /** Offset of the first character of the body. */
  readonly bodyStart: number;
  /** Offset just after the body (the closing quote, or the end of the source). */
  readonly bodyEnd: number;
  /** Offset after the closing quote. */
  readonly end: number;
  readonly prefix: string;
}

/**
 * The string literals passed as first argument to `.sql(`.
 */
function pythonSqlStrings(source: string): ISqlRegion[] {
  const regions: ISqlRegion[] = [];
  const n = source.length;
  let i = 0;
  while (i < n) {
    const c = source[i];
    if (c === '#') {
      const end = source.indexOf('\n', i);
      i = end < 0 ? n : end;
      continue;
    }
    if (c === '"' || c === "'") {
      i = readString(source, i, '').end;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i;
      while (j < n && isIdentPart(source[j])) {
        j++;
      }
      const word = source.slice(i, j);
      if (j < n && (source[j] === '"' || source[j] === "'") && STRING_PREFIX.test(word)) {
        i = readString(source, i, word).end; // a prefixed literal: r"...", f'...'
        continue;
      }
      if (word === 'sql' && precededByDot(source, i)) {
        const literal = sqlArgument(source, j);
        if (literal) {
          const region = stringRegion(source, literal);
          if (region) {
            regions.push(region);
          }
          i = literal.end;
          continue;
        }
      }
      i = j;
      continue;
    }
    i++;
  }
  return regions;
}

function precededByDot(source: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && (source[k] === ' ' || source[k] === '\t')) {
    k--;
  }
  return k >= 0 && source[k] === '.';
}

/**
 * The literal right after `sql` + `(`, if the first argument is one.
 */
function sqlArgument(source: string, afterName: number): IStringToken | null {
  let k = skipSpace(source, afterName);
  if (source[k] !== '(') {
    return null;
  }
  k = skipSpace(source, k + 1);
  let p = k;
  while (p < source.length && /[A-Za-z]/.test(source[p]) && p - k < 2) {
    p++;
  }
  const prefix = source.slice(k, p);
  if ((source[p] !== '"' && source[p] !== "'") || !STRING_PREFIX.test(prefix)) {
    return null;
  }
  return readString(source, k, prefix);
}

function skipSpace(source: string, i: number): number {
  while (i < source.length && /\s/.test(source[i])) {
    i++;
  }
  return i;
}

function readString(source: string, start: number, prefix: string): IStringToken {
  const quoteAt = start + prefix.length;
  const quote = source[quoteAt];
  const triple = source.startsWith(quote.repeat(3), quoteAt);
  const delimiter = triple ? quote.repeat(3) : quote;
  const bodyStart = quoteAt + delimiter.length;
  let k = bodyStart;
  while (k < source.length) {
    const c = source[k];
    if (c === '\\') {
      k += 2; // also in raw strings, a backslash keeps the quote after it inside
      continue;
    }
    if (!triple && c === '\n') {
      break; // unterminated single-quoted string ends at the line
    }
    if (source.startsWith(delimiter, k)) {
      return { start, bodyStart, bodyEnd: k, end: k + delimiter.length, prefix };
    }
    k++;
  }
  const bodyEnd = Math.min(k, source.length);
  return { start, bodyStart, bodyEnd, end: bodyEnd, prefix };
}

function stringRegion(source: string, token: IStringToken): ISqlRegion | null {
  if (/[fFbB]/.test(token.prefix)) {
    return null;
  }
  const body = source.slice(token.bodyStart, token.bodyEnd);
  if (/[rR]/.test(token.prefix) || !body.includes('\\')) {
    return shiftedRegion('python-string', body, token.bodyStart);
  }
  return escapedRegion(body, token.bodyStart);
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v'
};

/**
 * Decode a non-raw literal's body; `map[i]` is the source offset of value
 * offset `i` (and `map[value.length]` the end of the body).
 */
function escapedRegion(body: string, start: number): ISqlRegion {
  let text = '';
  const map: number[] = [];
  let k = 0;
  while (k < body.length) {
    const c = body[k];
    if (c !== '\\' || k + 1 >= body.length) {
      map.push(start + k);
      text += c;
      k++;
      continue;
    }
    const next = body[k + 1];
    if (next === '\n') {
      k += 2; // line continuation: no character in the value
      continue;
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      map.push(start + k);
      text += simple;
      k += 2;
      continue;
    }
    const hex = /^x[0-9a-fA-F]{2}|^u[0-9a-fA-F]{4}|^U[0-9a-fA-F]{8}/.exec(body.slice(k + 1));
    if (hex) {
      const code = Number.parseInt(hex[0].slice(1), 16);
      const char = code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
      for (let u = 0; u < char.length; u++) {
        map.push(start + k);
      }
      text += char;
      k += 1 + hex[0].length;
      continue;
    }
    // An unknown escape stays as written: backslash and character.
    map.push(start + k);
    text += c;
    k++;
  }
  map.push(start + body.length);
  const sourceEnd = start + body.length;
  return {
    kind: 'python-string',
    text,
    sourceRange: { from: start, to: sourceEnd },
    toSource: offset => map[clamp(offset, 0, text.length)],
    fromSource: offset => {
      if (offset < start || offset > sourceEnd) {
        return -1;
      }
      // The last value offset whose source offset is <= offset.
      let low = 0;
      let high = map.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (map[mid] <= offset) {
          low = mid;
        } else {
          high = mid - 1;
        }
      }
      return low;
    }
  };
}

function isIdentStart(c: string): boolean {
  return /[A-Za-z_]/.test(c);
}

function isIdentPart(c: string): boolean {
  return /[A-Za-z0-9_]/.test(c);
}

/**
 * Map a range of the SQL text to the cell source, clamped to the region.
 */
export function rangeToSource(region: ISqlRegion, range: ITextRange): ITextRange {
  const from = region.toSource(range.from);
  const to = region.toSource(Math.max(range.from, range.to));
  return { from, to: Math.max(from, to) };
}

const QUERY_START = /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/|\()*(select|with|from|values|table)\b/i;

/**
 * Whether SQL starts like a query (SELECT, WITH, FROM, VALUES, TABLE). Only
 * such text is sent to Spark for analysis; the kernel helper checks again,
 * with Spark's parser.
 */
export function looksLikeQuery(sql: string): boolean {
  return QUERY_START.test(sql);
}

/**
 * A whole Python cell, for the PySpark analyzer: null for cell magics
 * (`%%sql`, `%%bash`...), which are not Python.
 */
export function pythonCellRegion(source: string): ISqlRegion | null {
  if (source.trimStart().startsWith('%%')) {
    return null;
  }
  return shiftedRegion('python-cell', source, 0);
}
