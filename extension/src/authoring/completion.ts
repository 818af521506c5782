/**
 * Completion in SQL regions: tables (live Spark catalog, registry feature
 * groups, the query's CTEs), columns with their types, and functions with
 * their signatures.
 */
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';

import type { ICompletionTable } from './controller.js';
import type { IFunctionInfo } from './functionInfo.js';
import { scanNames } from './hoverInfo.js';
import type { ICellAnalysis } from './model.js';
import type { IColumnSchema } from './protocol.js';
import { findSqlRegions } from './sqlRegions.js';

/**
 * What completion needs to know, read at completion time.
 */
export interface ICompletionData {
  readonly tables: readonly ICompletionTable[];
  readonly functions: readonly IFunctionInfo[];
  /** The cell's latest analysis (may be a few edits old). */
  readonly analysis: ICellAnalysis | null;
}

const TABLE_CONTEXT = /\b(?:from|join|table|into|update)\s+[A-Za-z0-9_.`]*$/i;
const QUALIFIED = /([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z0-9_]*)$/;
const WORD = /[A-Za-z_][A-Za-z0-9_]*$/;

function columnOption(column: IColumnSchema, origin: string): Completion {
  return {
    label: column.name,
    type: 'property',
    detail: `${column.type}${column.nullable ? '' : ' not null'}`,
    info: origin,
    boost: 2
  };
}

function tableOption(name: string, columns: readonly IColumnSchema[], what: string): Completion {
  return {
    label: name,
    type: 'class',
    detail: `${what} · ${columns.length} column${columns.length === 1 ? '' : 's'}`,
    info: columns.map(c => `${c.name}: ${c.type}`).join('\n'),
    boost: 1
  };
}

const FROM_ITEM = /\b(?:from|join)\s+([A-Za-z_][\w.]*)(?:\s+(?:as\s+)?([A-Za-z_]\w*))?/gi;
const NOT_ALIASES = new Set([
  'where',
  'join',
  'on',
  'group',
  'order',
  'left',
  'right',
  'inner',
  'full',
  'cross',
  'limit',
  'union',
  'lateral',
  'natural',
  'having',
  'window'
]);

/**
 * The table a FROM/JOIN item names with `alias` (or whose last name part is
 * `alias`), read from the text.
 */
export function tableOfAlias(text: string, alias: string): string | null {
  const lower = alias.toLowerCase();
  for (const match of text.matchAll(FROM_ITEM)) {
    const [, table, as] = match;
    const given = as && !NOT_ALIASES.has(as.toLowerCase()) ? as : null;
    if ((given ?? table.split('.').pop() ?? '').toLowerCase() === lower) {
      return table;
    }
  }
  return null;
}

/**
 * Completions at `pos` of `doc` (the whole cell source), or null outside SQL.
 */
export function sqlCompletions(
  doc: string,
  pos: number,
  explicit: boolean,
  data: ICompletionData
): CompletionResult | null {
  const regionIndex = findSqlRegions(doc).findIndex(
    r => pos >= r.sourceRange.from && pos <= r.sourceRange.to
  );
  if (regionIndex < 0) {
    return null;
  }
  const region = findSqlRegions(doc)[regionIndex];
  const before = region.text.slice(0, region.fromSource(pos));
  const analyzed = data.analysis?.regions[regionIndex];
  const analysis = analyzed?.analysis;
  const sqlText = analyzed?.region.text ?? '';

  const qualified = QUALIFIED.exec(before);
  if (qualified) {
    const [, qualifier, partial] = qualified;
    const from = pos - partial.length;
    const lower = qualifier.toLowerCase();
    // `alias.` -> the columns of the scan with that alias; `db.` -> the tables of db.
    const scan = analysis?.operators.find(
      op => op.op === 'scan' && scanNames(sqlText, op).alias.toLowerCase() === lower
    );
    if (scan) {
      const origin = scanNames(sqlText, scan).table;
      return { from, options: scan.columns.map(c => columnOption(c, origin)), validFor: /^\w*$/ };
    }
    // The query may not parse while the user types `u.`: find the alias in the text.
    const fromText = tableOfAlias(region.text, qualifier);
    const table = fromText
      ? (data.tables.find(t => t.name.toLowerCase() === fromText.toLowerCase()) ??
        analysis?.relations.find(r => r.name.toLowerCase() === fromText.toLowerCase()))
      : undefined;
    if (table) {
      return {
        from,
        options: table.columns.map(c => columnOption(c, table.name)),
        validFor: /^\w*$/
      };
    }
    const inDatabase = data.tables.filter(t => t.name.toLowerCase().startsWith(`${lower}.`));
    if (inDatabase.length > 0) {
      return {
        from,
        options: inDatabase.map(t =>
          tableOption(
            t.name.slice(lower.length + 1),
            t.columns,
            t.source === 'spark' ? 'table' : 'feature group'
          )
        ),
        validFor: /^\w*$/
      };
    }
    return null;
  }

  const word = WORD.exec(before)?.[0] ?? '';
  if (!word && !explicit) {
    return null;
  }
  const from = pos - word.length;
  const ctes = (analysis?.relations ?? []).filter(r => r.name !== '$result');
  const tables: Completion[] = [
    ...ctes.map(r => tableOption(r.name, r.columns, 'CTE')),
    ...data.tables.map(t =>
      tableOption(t.name, t.columns, t.source === 'spark' ? 'table' : 'feature group')
    )
  ];
  if (TABLE_CONTEXT.test(before)) {
    return { from, options: tables, validFor: /^[\w.]*$/ };
  }
  const seen = new Set<string>();
  const columns: Completion[] = [];
  for (const scan of analysis?.operators.filter(op => op.op === 'scan') ?? []) {
    const origin = scanNames(sqlText, scan).table;
    for (const column of scan.columns) {
      if (!seen.has(column.name)) {
        seen.add(column.name);
        columns.push(columnOption(column, origin));
      }
    }
  }
  const functions: Completion[] = data.functions.map(f => ({
    label: f.name,
    type: 'function',
    detail: f.signature.slice(f.name.length),
    info: `${f.kind === 'aggregate' ? 'aggregate function' : 'function'}: ${f.signature}`
  }));
  return { from, options: [...columns, ...tables, ...functions], validFor: /^\w*$/ };
}

/**
 * A CodeMirror completion source over `sqlCompletions`.
 */
export function sqlCompletionSource(
  data: () => ICompletionData
): (context: CompletionContext) => CompletionResult | null {
  return context =>
    sqlCompletions(context.state.doc.toString(), context.pos, context.explicit, data());
}
