import type { TextRange } from './ast.js';

/**
 * A copy of a tree with every `range` moved by `delta`: chunks and re-parsed fragments are parsed
 * on their own text, and their trees cached, with ranges relative to that text.
 */
export function shiftRanges<V>(value: V, delta: number): V {
  if (delta === 0 || typeof value !== 'object' || value === null) {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown) => shiftRanges(item, delta)) as V;
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'range' && typeof child === 'object' && child !== null && 'from' in child) {
      const range = child as TextRange;
      out[key] = { from: range.from + delta, to: range.to + delta };
    } else {
      out[key] = shiftRanges(child, delta);
    }
  }
  return out as V;
}

/**
 * The text as the lexer should see it: every non-ASCII UTF-16 unit becomes U+0001.
 *
 * - ANTLR's char streams index code points, the analyzer's ranges index UTF-16 units (JavaScript
 *   strings, CodeMirror); replacing unit by unit makes both agree, also for surrogate pairs.
 * - Spark's lexer only gives meaning to ASCII: elsewhere a non-ASCII character is one
 *   "unrecognized" token, and inside strings, comments and quoted names any character is as good
 *   as another. ANTLR caches lexer decisions for ASCII only; without this, text with many
 *   non-ASCII characters lexes orders of magnitude slower.
 *
 * Token texts are therefore read back from the original text.
 */
export function lexableText(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, '\u0001');
}
