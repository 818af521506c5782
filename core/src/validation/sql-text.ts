/**
 * SQL text for the two dialects a validation plan renders to. Every identifier and literal the
 * compiler writes goes through these functions, so names and values from a suite can never
 * change the shape of a query.
 */

/** The SQL dialects a plan renders to. */
export type Dialect = 'spark' | 'duckdb';

export const DIALECTS: readonly Dialect[] = ['spark', 'duckdb'];

/** A value that cannot be written into SQL at all (a NUL character). */
export class UnquotableValueError extends Error {
  constructor(what: string) {
    super(`${what} contains a NUL character, which SQL text cannot carry`);
    this.name = 'UnquotableValueError';
  }
}

/**
 * A quoted identifier: Spark uses backticks (a backtick doubled), DuckDB double quotes (a
 * double quote doubled). Nothing else is special inside either.
 */
export function quoteIdentifier(name: string, dialect: Dialect): string {
  if (name.includes('\u0000')) {
    throw new UnquotableValueError(`identifier ${JSON.stringify(name.slice(0, 40))}`);
  }
  return dialect === 'spark'
    ? '`' + name.replace(/`/g, '``') + '`'
    : '"' + name.replace(/"/g, '""') + '"';
}

/**
 * A string literal. Spark reads backslash escapes in literals (spark.sql.parser.
 * escapedStringLiterals is false by default), so backslash, quotes and every control character
 * are escaped, the latter as \uXXXX; DuckDB follows the SQL standard: only the quote doubles.
 */
export function quoteString(value: string, dialect: Dialect): string {
  if (value.includes('\u0000')) {
    throw new UnquotableValueError(`string ${JSON.stringify(value.slice(0, 40))}`);
  }
  if (dialect === 'duckdb') {
    return "'" + value.replace(/'/g, "''") + "'";
  }
  let escaped = '';
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (char === '\\' || char === "'" || char === '"') {
      escaped += '\\' + char;
    } else if (code < 0x20 || code === 0x7f) {
      escaped += '\\u' + code.toString(16).padStart(4, '0');
    } else {
      escaped += char;
    }
  }
  return "'" + escaped + "'";
}

/** A DOUBLE literal; NaN and the infinities are spelled as casts, which both dialects accept. */
export function doubleLiteral(value: number): string {
  if (Number.isNaN(value)) {
    return "CAST('NaN' AS DOUBLE)";
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? "CAST('Infinity' AS DOUBLE)" : "CAST('-Infinity' AS DOUBLE)";
  }
  // String(value) of a finite number is digits, '.', 'e', '+' and '-' only.
  return `CAST(${String(value)} AS DOUBLE)`;
}

/** A BIGINT literal for an integer, or a DOUBLE literal for anything else. */
export function numberLiteral(value: number): string {
  return Number.isSafeInteger(value) ? `CAST(${String(value)} AS BIGINT)` : doubleLiteral(value);
}

/** Where a user-written SQL predicate is not one self-contained expression. */
export interface PredicateProblem {
  /** Offset in the predicate text (UTF-16 code units). */
  readonly offset: number;
  readonly message: string;
}

/**
 * Check that a user-written predicate (`where`, `customSql`) is one expression that stays
 * inside the parentheses the compiler wraps it in: quotes terminated, parentheses balanced
 * and never closed below the start, no `;` and no comments outside quotes. The text is
 * scanned with both dialects' quoting rules, since it runs on either engine.
 */
export function checkPredicate(text: string): PredicateProblem | undefined {
  if (text.includes('\u0000')) {
    return { offset: text.indexOf('\u0000'), message: 'the predicate contains a NUL character' };
  }
  if (text.trim() === '') {
    return { offset: 0, message: 'the predicate is empty' };
  }
  for (const dialect of DIALECTS) {
    const problem = scanPredicate(text, dialect);
    if (problem) {
      return problem;
    }
  }
  return undefined;
}

function scanPredicate(text: string, dialect: Dialect): PredicateProblem | undefined {
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === "'" || char === '"' || char === '`') {
      const end = closingQuote(text, i, dialect);
      if (end < 0) {
        return {
          offset: i,
          message: `the quote ${char} at offset ${i} is never closed${dialect === 'duckdb' && text.includes('\\') ? ' (a backslash does not escape a quote on DuckDB: double the quote instead)' : ''}`
        };
      }
      i = end + 1;
      continue;
    }
    if (char === ';') {
      return {
        offset: i,
        message: 'a predicate cannot contain ";" outside quotes: it must be one expression'
      };
    }
    if ((char === '-' && text[i + 1] === '-') || (char === '/' && text[i + 1] === '*')) {
      return { offset: i, message: 'a predicate cannot contain comments' };
    }
    if (char === '(') {
      depth++;
    } else if (char === ')') {
      depth--;
      if (depth < 0) {
        return {
          offset: i,
          message: `the ")" at offset ${i} closes a parenthesis the predicate never opened`
        };
      }
    }
    i++;
  }
  if (depth !== 0) {
    return { offset: text.length, message: `${depth} parenthesis(es) are never closed` };
  }
  return undefined;
}

/** The index of the quote closing the one at `start`, or -1. */
function closingQuote(text: string, start: number, dialect: Dialect): number {
  const quote = text[start];
  // Spark: backslash escapes in '...' and "..."; a doubled backtick in `...`. DuckDB: a doubled
  // quote of the same kind, no backslash escapes.
  const backslashEscapes = dialect === 'spark' && quote !== '`';
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i];
    if (backslashEscapes && char === '\\') {
      i++;
      continue;
    }
    if (char === quote) {
      if (text[i + 1] === quote && (!backslashEscapes || quote === '`')) {
        i++;
        continue;
      }
      if (backslashEscapes && text[i + 1] === quote) {
        // Spark also reads two adjacent literals 'a''b' as one string 'ab'.
        i++;
        continue;
      }
      return i;
    }
  }
  return -1;
}
