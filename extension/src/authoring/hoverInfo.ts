/**
 * What to show when hovering over SQL: a column's type, nullability and
 * origin, a table's columns, a function's signature, or an operator's output.
 * Pure: works on one region's analysis and offsets into its SQL text.
 */
import type { IFunctionInfo } from './functionInfo.js';
import type { IAnalysis, IColumnSchema, IOperatorSchema, ITextRange } from './protocol.js';

export type HoverInfo =
  | {
      readonly kind: 'column';
      readonly column: IColumnSchema;
      /** Where the column comes from: `demo.users`, a CTE, or "computed in x". */
      readonly origin: string;
    }
  | { readonly kind: 'table'; readonly name: string; readonly columns: readonly IColumnSchema[] }
  | { readonly kind: 'function'; readonly info: IFunctionInfo }
  | {
      readonly kind: 'operator';
      readonly op: string;
      readonly relation: string;
      readonly columns: readonly IColumnSchema[];
    };

export interface IHoverResult {
  readonly info: HoverInfo;
  /** The word hovered, in SQL offsets. */
  readonly range: ITextRange;
}

/**
 * The identifier at `offset` (plain or back-quoted), with the qualifier
 * written before it (`u` in `u.country`).
 */
export function wordAt(
  text: string,
  offset: number
): { word: string; range: ITextRange; qualifier: string | null } | null {
  const isPart = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);
  let from = offset;
  let to = offset;
  // Back-quoted identifier around the offset.
  const open = text.lastIndexOf('`', offset - 1);
  if (open >= 0 && (text.slice(open, offset).match(/`/g) ?? []).length % 2 === 1) {
    const close = text.indexOf('`', Math.max(offset, open + 1));
    if (close > open) {
      from = open;
      to = close + 1;
    }
  }
  if (from === to) {
    while (from > 0 && isPart(text[from - 1])) {
      from--;
    }
    while (to < text.length && isPart(text[to])) {
      to++;
    }
  }
  if (from === to) {
    return null;
  }
  const raw = text.slice(from, to);
  const word = raw.startsWith('`') ? raw.slice(1, -1).replace(/``/g, '`') : raw;
  let qualifier: string | null = null;
  if (text[from - 1] === '.') {
    let q = from - 1;
    while (q > 0 && (isPart(text[q - 1]) || text[q - 1] === '`')) {
      q--;
    }
    qualifier = text.slice(q, from - 1).replace(/`/g, '') || null;
  }
  return { word, range: { from, to }, qualifier };
}

function contains(range: ITextRange, offset: number): boolean {
  return range.from <= offset && offset <= range.to;
}

function byName(columns: readonly IColumnSchema[], name: string): IColumnSchema | undefined {
  const lower = name.toLowerCase();
  return columns.find(column => column.name.toLowerCase() === lower);
}

/**
 * The name a scan reads (`demo.users` of `demo.users u`) and its alias.
 */
export function scanNames(text: string, scan: IOperatorSchema): { table: string; alias: string } {
  const words = text
    .slice(scan.range.from, scan.range.to)
    .trim()
    .split(/\s+/)
    .filter(word => word.toUpperCase() !== 'AS');
  const table = (words[0] ?? '').replace(/`/g, '');
  const alias = (words[words.length - 1] ?? table).replace(/`/g, '');
  return { table, alias: words.length > 1 ? alias : (table.split('.').pop() ?? table) };
}

/**
 * Describe what is at `offset` of `text` (the analyzed SQL).
 */
export function describeAt(
  text: string,
  analysis: IAnalysis,
  offset: number,
  functions: readonly IFunctionInfo[]
): IHoverResult | null {
  const at = wordAt(text, offset);
  if (!at) {
    return null;
  }
  const { word, range, qualifier } = at;
  const around = analysis.operators
    .filter(op => contains(op.range, offset))
    .sort((a, b) => a.range.to - a.range.from - (b.range.to - b.range.from));
  const innermost = around[0];

  // A table reference: the scan's output.
  const scan = around.find(op => op.op === 'scan');
  if (scan) {
    const names = scanNames(text, scan);
    const lower = word.toLowerCase();
    if (
      names.table.toLowerCase().split('.').includes(lower) ||
      names.alias.toLowerCase() === lower
    ) {
      return { info: { kind: 'table', name: names.table, columns: scan.columns }, range };
    }
  }

  // A function call.
  if (/^\s*\(/.test(text.slice(range.to))) {
    const lower = word.toLowerCase();
    const info = functions.find(f => f.name === lower);
    if (info) {
      return { info: { kind: 'function', info }, range };
    }
  }

  // A column reference: look in what the enclosing relation reads, then in what it makes.
  const relation = innermost?.relation ?? '$result';
  const scans = analysis.operators.filter(op => op.op === 'scan' && op.relation === relation);
  const ordered = qualifier
    ? [
        ...scans.filter(s => scanNames(text, s).alias.toLowerCase() === qualifier.toLowerCase()),
        ...scans
      ]
    : scans;
  for (const source of ordered) {
    const column = byName(source.columns, word);
    if (column) {
      return { info: { kind: 'column', column, origin: scanNames(text, source).table }, range };
    }
  }
  for (const op of around) {
    const column = byName(op.columns, word);
    if (column) {
      return {
        info: {
          kind: 'column',
          column,
          origin: op.relation === '$result' ? 'computed in the query' : `computed in ${op.relation}`
        },
        range
      };
    }
  }
  const named = analysis.relations.find(r => r.name.toLowerCase() === word.toLowerCase());
  if (named) {
    return { info: { kind: 'table', name: named.name, columns: named.columns }, range };
  }

  // An operator keyword (SELECT, JOIN, WHERE...): the output of the innermost operator.
  if (innermost && /^[A-Za-z]+$/.test(word)) {
    return {
      info: {
        kind: 'operator',
        op: innermost.op,
        relation: innermost.relation,
        columns: innermost.columns
      },
      range
    };
  }
  return null;
}
