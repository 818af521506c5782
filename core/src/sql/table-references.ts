import type { Query } from './ast.js';
import { parseStatements } from './parse.js';

/**
 * The tables and views that `text` reads (FROM and JOIN items at any depth, subquery
 * expressions included), as written: `db.name` parts joined with dots, in order of first
 * appearance, each once (compared without case, as Spark does). References to a CTE of an
 * enclosing WITH are not tables and are left out. Statements that fail to parse contribute
 * what their parsed parts name; the function never throws.
 */
export function referencedTables(text: string): string[] {
  const found = new Map<string, string>();
  try {
    for (const statement of parseStatements(text)) {
      if (statement.query !== undefined) {
        visit(statement.query, new Set(), found);
      }
    }
  } catch {
    // Lineage is best effort; the analyzer reports parse problems elsewhere.
  }
  return [...found.values()];
}

/** Walks any AST value; `ctes` are the CTE names (lower case) in scope. */
function visit(node: unknown, ctes: ReadonlySet<string>, found: Map<string, string>): void {
  if (Array.isArray(node)) {
    for (const item of node) {
      visit(item, ctes, found);
    }
    return;
  }
  if (node === null || typeof node !== 'object') {
    return;
  }
  const record = node as Record<string, unknown>;
  if (record.k === 'query') {
    const query = node as Query;
    const scope = new Set(ctes);
    for (const cte of query.ctes) {
      // A CTE may read the ones before it (and, recursively, itself).
      scope.add(cte.name.name.toLowerCase());
      visit(cte.query, scope, found);
    }
    for (const [key, value] of Object.entries(record)) {
      if (key !== 'ctes') {
        visit(value, scope, found);
      }
    }
    return;
  }
  if (record.k === 'table' && Array.isArray(record.name)) {
    const parts = (record.name as { name: string }[]).map(part => part.name);
    if (!(parts.length === 1 && ctes.has(parts[0].toLowerCase()))) {
      const name = parts.join('.');
      const key = name.toLowerCase();
      if (!found.has(key)) {
        found.set(key, name);
      }
    }
  }
  for (const value of Object.values(record)) {
    visit(value, ctes, found);
  }
}
