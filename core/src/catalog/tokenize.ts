/**
 * Splitting catalog text into search tokens: runs of letters and digits, further split at
 * snake_case underscores, dots, spaces and camelCase humps ("userClicks7d" -> user, clicks7d;
 * "HTTPServer" -> http, server). Tokens are lower case; positions point into the original text
 * so matches can be highlighted there.
 *
 * One hand-written scanner serves both the index build (hundreds of thousands of strings, so
 * no regular expression per character on ASCII text) and highlighting (with positions).
 */

/** A token and where it is in the text it came from: [start, end) UTF-16 offsets. */
export interface TextToken {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

/** Character classes the scanner needs. */
const OTHER = 0;
const LOWER_CASE = 1;
const UPPER_CASE = 2;
/** Digits, letters without case (CJK) and combining marks. */
const CASELESS = 3;

/** The tokens of `text`, in order, lower-cased, with their positions. */
export function tokenizeWithPositions(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  scan(text, (start, end) => {
    tokens.push({ text: text.slice(start, end).toLowerCase(), start, end });
  });
  return tokens;
}

/** The lower-cased tokens of `text`, without positions (index building). */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  // Lower-case once and slice that, unless lower-casing changes lengths (e.g. "İ").
  const lower = text.toLowerCase();
  if (lower.length === text.length) {
    scan(text, (start, end) => {
      tokens.push(lower.slice(start, end));
    });
  } else {
    scan(text, (start, end) => {
      tokens.push(text.slice(start, end).toLowerCase());
    });
  }
  return tokens;
}

/**
 * Calls `emit(start, end)` for each token (exported for the index build, which interns tokens
 * without collecting them first). A token ends where a run of word characters ends,
 * before an upper-case letter that follows a lower-case letter or a digit ("clicks7dTotal"),
 * and before the last capital of an acronym that a lower-case letter follows ("HTTPServer").
 */
export function scan(text: string, emit: (start: number, end: number) => void): void {
  let start = -1;
  // Classes of the two characters before the current one, and where the previous one began.
  let previous = OTHER;
  let beforePrevious = OTHER;
  let previousAt = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    let width = 1;
    let kind: number;
    if (code < 128) {
      kind =
        code >= 97 && code <= 122
          ? LOWER_CASE
          : code >= 65 && code <= 90
            ? UPPER_CASE
            : code >= 48 && code <= 57
              ? CASELESS
              : OTHER;
    } else {
      const point = text.codePointAt(i) ?? code;
      width = point > 0xffff ? 2 : 1;
      kind = classify(String.fromCodePoint(point));
    }
    if (kind === OTHER) {
      if (start >= 0) {
        emit(start, i);
        start = -1;
      }
    } else if (start < 0) {
      start = i;
    } else if (kind === UPPER_CASE && (previous === LOWER_CASE || previous === CASELESS)) {
      emit(start, i);
      start = i;
    } else if (kind === LOWER_CASE && previous === UPPER_CASE && beforePrevious === UPPER_CASE) {
      if (previousAt > start) {
        emit(start, previousAt);
        start = previousAt;
      }
    }
    beforePrevious = kind === OTHER ? OTHER : previous;
    previous = kind;
    previousAt = i;
    i += width;
  }
  if (start >= 0) {
    emit(start, text.length);
  }
}

function classify(char: string): number {
  if (!WORD_CHAR.test(char)) {
    return OTHER;
  }
  if (UPPER.test(char)) {
    return UPPER_CASE;
  }
  return LOWER.test(char) ? LOWER_CASE : CASELESS;
}
