/**
 * Diagnostics of the analyzer and "did you mean" suggestions.
 */
import type { TextRange } from './ast.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly severity: Severity;
  readonly message: string;
  readonly range: TextRange;
  /**
   * A stable code, Spark's error class where there is one (`UNRESOLVED_COLUMN`,
   * `MISSING_AGGREGATION`, ...), `PARSE_SYNTAX_ERROR`, or `NOT_ANALYZED_YET`.
   */
  readonly code: string;
}

/** Collects diagnostics; never reports the same code at the same place twice. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  error(code: string, message: string, range: TextRange): void {
    this.add({ severity: 'error', code, message, range });
  }

  warning(code: string, message: string, range: TextRange): void {
    this.add({ severity: 'warning', code, message, range });
  }

  notAnalyzed(what: string, range: TextRange): void {
    this.warning(
      'NOT_ANALYZED_YET',
      `${what}: not analyzed yet; the schema from here on is unknown`,
      range
    );
  }

  add(diagnostic: Diagnostic): void {
    const key = `${diagnostic.code}@${diagnostic.range.from}:${diagnostic.range.to}`;
    if (!this.seen.has(key)) {
      this.seen.add(key);
      this.items.push(diagnostic);
    }
  }
}

/** Levenshtein distance, case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1)
      );
    }
    previous = current;
  }
  return previous[t.length];
}

/** Up to `limit` candidates close to `name`, closest first. */
export function suggestions(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const threshold = Math.max(2, Math.floor(name.length / 2));
  const scored: { candidate: string; distance: number }[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const key = candidate.toLowerCase();
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    const distance = editDistance(name, candidate);
    if (distance <= threshold) {
      scored.push({ candidate, distance });
    }
  }
  return scored
    .sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate))
    .slice(0, limit)
    .map(s => s.candidate);
}

/** ` Did you mean `a`, `b`?` or the empty string. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const close = suggestions(name, candidates);
  return close.length === 0 ? '' : ` Did you mean ${close.map(c => `\`${c}\``).join(', ')}?`;
}
