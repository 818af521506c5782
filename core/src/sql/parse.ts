/**
 * Parsing with dt-sql-parser's port of Spark 3.5's grammar, one chunk at a time.
 *
 * A statement `WITH a AS (...), b AS (...) SELECT ...` is cut into one chunk per CTE body and one
 * for the main query, each parsed on its own with the `query` rule. A syntax error in one CTE
 * then stays in that CTE: the other chunks keep their trees (a whole-statement parse loses every
 * CTE and reports cascading errors). Parsed chunks are cached by their text, so a keystroke
 * re-parses only the chunk it touched.
 *
 * Each chunk is parsed in SLL mode with a bail-out strategy first, which is fast and right for
 * almost all input; only when that fails is it re-parsed in full LL mode with error recovery, for
 * exact error positions and a partial tree.
 */
import {
  BailErrorStrategy,
  BaseErrorListener,
  CharStreams,
  CommonTokenStream,
  DefaultErrorStrategy,
  ParseCancellationException,
  PredictionMode,
  Token,
  type ATNSimulator,
  type Recognizer
} from 'antlr4ng';
import { SparkSqlLexer } from 'dt-sql-parser/dist/lib/spark/SparkSqlLexer';
import { SparkSqlParser, type QueryContext } from 'dt-sql-parser/dist/lib/spark/SparkSqlParser';
import type { Cte, Ident, Query, TextRange } from './ast.js';
import { buildQueryFromText } from './build-ast.js';
import { lexableText, shiftRanges } from './ranges.js';

export interface SyntaxError {
  readonly message: string;
  readonly range: TextRange;
}

export interface ParsedStatement {
  readonly range: TextRange;
  /** The query, with CTEs whose bodies failed to parse kept by name (without a body). */
  readonly query?: Query;
  /** Set for statements that are not queries (DDL, DML, commands): not analysed. */
  readonly notAQuery?: string;
  /** Set for queries the analyzer declines to parse (what it declines, for the warning). */
  readonly notAnalyzed?: string;
  readonly syntaxErrors: readonly SyntaxError[];
}

interface ChunkResult {
  readonly query?: Query;
  readonly errors: readonly SyntaxError[];
}

interface LexedToken {
  readonly type: number;
  readonly text: string;
  readonly from: number;
  readonly to: number;
}

const QUERY_STARTS = new Set([
  SparkSqlLexer.KW_SELECT,
  SparkSqlLexer.KW_WITH,
  SparkSqlLexer.KW_FROM,
  SparkSqlLexer.KW_VALUES,
  SparkSqlLexer.KW_TABLE,
  SparkSqlLexer.LEFT_PAREN
]);
const CACHE_LIMIT = 256;
const chunkCache = new Map<string, ChunkResult>();

/** Split `text` into statements and parse each; never throws on any input. */
export function parseStatements(text: string): ParsedStatement[] {
  const { tokens, errors: lexErrors } = lex(text);
  const statements: ParsedStatement[] = [];
  let start = 0;
  let lexIndex = 0;
  for (let i = 0; i <= tokens.length; i++) {
    if (i === tokens.length || tokens[i].type === SparkSqlLexer.SEMICOLON) {
      const slice = tokens.slice(start, i);
      if (slice.length > 0) {
        const range = { from: slice[0].from, to: slice[slice.length - 1].to };
        // Like Spark, one lexical error per statement: the first (lexErrors are in text order).
        while (lexIndex < lexErrors.length && lexErrors[lexIndex].range.from < range.from) {
          lexIndex++;
        }
        const lexError = lexErrors[lexIndex];
        const own = lexError !== undefined && lexError.range.from <= range.to ? [lexError] : [];
        const parsed = parseStatement(text, slice, range);
        statements.push({ ...parsed, syntaxErrors: [...own, ...parsed.syntaxErrors] });
      }
      start = i + 1;
    }
  }
  if (statements.length === 0 && lexErrors.length > 0) {
    statements.push({ range: { from: 0, to: text.length }, syntaxErrors: lexErrors.slice(0, 1) });
  }
  return statements;
}

function parseStatement(
  text: string,
  tokens: readonly LexedToken[],
  range: TextRange
): ParsedStatement {
  const first = tokens[0];
  if (!QUERY_STARTS.has(first.type)) {
    // Statements start with a keyword; anything else cannot be Spark SQL at all.
    if (!/^[A-Za-z]+$/.test(first.text)) {
      const error = {
        message: `Syntax error at or near '${first.text}'`,
        range: { from: first.from, to: first.to }
      };
      return { range, syntaxErrors: [error] };
    }
    return { range, notAQuery: first.text.toUpperCase(), syntaxErrors: [] };
  }
  if (nestingDepth(tokens) > MAX_NESTING) {
    // ANTLR's prediction slows down steeply with nesting (seconds at a few hundred levels); no
    // hand-written query nests this deep, so such text is not parsed at all.
    return {
      range,
      notAnalyzed: `parentheses nested more than ${MAX_NESTING} levels deep`,
      syntaxErrors: []
    };
  }
  const split = tokens[0].type === SparkSqlLexer.KW_WITH ? splitCtes(tokens) : undefined;
  if (split === undefined) {
    const whole = parseChunk(text, range.from, range.to);
    return { range, query: whole.query, syntaxErrors: whole.errors };
  }
  const errors: SyntaxError[] = [...split.headerErrors];
  const ctes: Cte[] = [];
  for (const header of split.ctes) {
    const body = parseChunk(text, header.bodyFrom, header.bodyTo);
    errors.push(...body.errors);
    ctes.push({
      name: header.name,
      columnAliases: header.columnAliases,
      query: body.query,
      range: header.range
    });
  }
  const main = parseChunk(text, split.mainFrom, range.to);
  errors.push(...main.errors);
  // A main query that did not parse keeps the CTEs: their schemas stay visible while the user
  // types in the main query (its syntax error is reported; its output is unknown).
  const body = main.query ?? {
    k: 'query' as const,
    ctes: [],
    body: { k: 'unsupported' as const, what: '', range: { from: split.mainFrom, to: range.to } },
    orderBy: [],
    windows: [],
    unsupported: [],
    range
  };
  const query = { ...body, ctes: [...ctes, ...body.ctes], range };
  return { range, query, syntaxErrors: errors };
}

/** The deepest parenthesis nesting the parser is given. */
const MAX_NESTING = 40;

function nestingDepth(tokens: readonly LexedToken[]): number {
  let depth = 0;
  let max = 0;
  for (const token of tokens) {
    if (token.type === SparkSqlLexer.LEFT_PAREN) {
      max = Math.max(max, ++depth);
    } else if (token.type === SparkSqlLexer.RIGHT_PAREN) {
      depth--;
    }
  }
  return max;
}

interface CteHeader {
  readonly name: Ident;
  readonly columnAliases?: Ident[];
  readonly bodyFrom: number;
  readonly bodyTo: number;
  readonly range: TextRange;
}

/**
 * Find the CTE bodies of `WITH name [(cols)] [AS] ( body ), ...` by parenthesis depth. Returns
 * undefined when the header does not have that shape; the statement is then parsed whole.
 */
function splitCtes(
  tokens: readonly LexedToken[]
): { ctes: CteHeader[]; mainFrom: number; headerErrors: SyntaxError[] } | undefined {
  const ctes: CteHeader[] = [];
  const headerErrors: SyntaxError[] = [];
  let k = 1;
  for (;;) {
    const nameToken = tokens[k];
    if (nameToken === undefined || !isIdentifierLike(nameToken)) {
      return undefined;
    }
    k++;
    let columnAliases: Ident[] | undefined;
    if (
      tokens[k]?.type === SparkSqlLexer.LEFT_PAREN &&
      tokens[k + 1] !== undefined &&
      isIdentifierLike(tokens[k + 1]) &&
      tokens[k + 1].type !== SparkSqlLexer.KW_SELECT
    ) {
      columnAliases = [];
      k++;
      while (tokens[k] !== undefined && tokens[k].type !== SparkSqlLexer.RIGHT_PAREN) {
        if (tokens[k].type !== SparkSqlLexer.COMMA) {
          columnAliases.push(identOf(tokens[k]));
        }
        k++;
      }
      k++;
    }
    if (tokens[k]?.type === SparkSqlLexer.KW_AS) {
      k++;
    }
    if (tokens[k]?.type !== SparkSqlLexer.LEFT_PAREN) {
      // A word typed into the header (`name ASx (`, `name x AS (`): report it and keep splitting,
      // so that one keystroke does not turn the whole statement into one failing chunk.
      const stray = tokens[k];
      let ahead = k;
      while (
        ahead < k + 3 &&
        tokens[ahead] !== undefined &&
        tokens[ahead].type !== SparkSqlLexer.LEFT_PAREN &&
        (isIdentifierLike(tokens[ahead]) || /^[0-9]/.test(tokens[ahead].text)) &&
        tokens[ahead].type !== SparkSqlLexer.KW_SELECT
      ) {
        ahead++;
      }
      if (stray?.type === SparkSqlLexer.KW_SELECT) {
        // `name AS SELECT ...`: the body's opening parenthesis is missing.
        headerErrors.push({
          message: `Syntax error at or near 'SELECT': missing '(' before the body of CTE ${nameToken.text}`,
          range: { from: stray.from, to: stray.to }
        });
        const end = likelyBodyEnd(tokens, k);
        if (end >= tokens.length) {
          return undefined;
        }
        ctes.push({
          name: identOf(nameToken),
          columnAliases,
          bodyFrom: stray.from,
          bodyTo: tokens[end - 1].to,
          range: { from: nameToken.from, to: tokens[end].to }
        });
        k = end + 1;
        if (tokens[k]?.type === SparkSqlLexer.COMMA) {
          k++;
          continue;
        }
        return tokens[k] === undefined
          ? undefined
          : { ctes, mainFrom: tokens[k].from, headerErrors };
      }
      if (stray === undefined || tokens[ahead]?.type !== SparkSqlLexer.LEFT_PAREN) {
        return undefined;
      }
      headerErrors.push({
        message: `Syntax error at or near '${stray.text}'`,
        range: { from: stray.from, to: stray.to }
      });
      k = ahead;
    }
    const open = k;
    let depth = 0;
    for (; k < tokens.length; k++) {
      depth +=
        tokens[k].type === SparkSqlLexer.LEFT_PAREN
          ? 1
          : tokens[k].type === SparkSqlLexer.RIGHT_PAREN
            ? -1
            : 0;
      if (depth === 0) {
        break;
      }
    }
    if (k >= tokens.length) {
      // Unbalanced parentheses inside the body (being typed): end it at the first `)` that is
      // followed by the next CTE's header or by the main query; the body's parser reports the
      // imbalance.
      k = likelyBodyEnd(tokens, open + 1);
    }
    if (k >= tokens.length || k === open + 1) {
      return undefined;
    }
    ctes.push({
      name: identOf(nameToken),
      columnAliases,
      bodyFrom: tokens[open + 1].from,
      bodyTo: tokens[k - 1].to,
      range: { from: nameToken.from, to: tokens[k].to }
    });
    k++;
    if (tokens[k]?.type === SparkSqlLexer.COMMA) {
      k++;
      continue;
    }
    return tokens[k] === undefined ? undefined : { ctes, mainFrom: tokens[k].from, headerErrors };
  }
}

function likelyBodyEnd(tokens: readonly LexedToken[], from: number): number {
  const type = (i: number): number | undefined => tokens[i]?.type;
  for (let i = from; i < tokens.length; i++) {
    if (type(i) !== SparkSqlLexer.RIGHT_PAREN) {
      continue;
    }
    if (type(i + 1) === SparkSqlLexer.KW_SELECT) {
      return i;
    }
    if (
      type(i + 1) === SparkSqlLexer.COMMA &&
      tokens[i + 2] !== undefined &&
      isIdentifierLike(tokens[i + 2])
    ) {
      // `), name AS (`: AS is required, `f(a), g(` inside a body looks the same without it.
      if (type(i + 3) === SparkSqlLexer.KW_AS && type(i + 4) === SparkSqlLexer.LEFT_PAREN) {
        return i;
      }
    }
  }
  return tokens.length;
}

function isIdentifierLike(token: LexedToken): boolean {
  return /^[A-Za-z_`]/.test(token.text) && token.type !== SparkSqlLexer.LEFT_PAREN;
}

function identOf(token: LexedToken): Ident {
  const quoted = token.text.startsWith('`');
  return {
    name: quoted ? token.text.slice(1, -1).replace(/``/g, '`') : token.text,
    range: { from: token.from, to: token.to }
  };
}

/** Syntax errors of the parser, with ranges in the chunk. */
class CollectingListener extends BaseErrorListener {
  readonly errors: SyntaxError[] = [];

  constructor(private readonly chunkLength: number) {
    super();
  }

  override syntaxError<S extends Token, T extends ATNSimulator>(
    _recognizer: Recognizer<T>,
    offendingSymbol: S | null
  ): void {
    // Lexer errors (no token) are collected by `lex`, over the whole statement.
    if (offendingSymbol !== null) {
      this.errors.push(syntaxErrorAt(offendingSymbol, 0, this.chunkLength));
    }
  }
}

/** Notes that the lexer met a character it has no token for. */
class LexerErrorFlag extends BaseErrorListener {
  failed = false;

  override syntaxError(): void {
    this.failed = true;
  }
}

function syntaxErrorAt(token: Token, offset: number, chunkLength: number): SyntaxError {
  if (token.type === Token.EOF) {
    return {
      message: 'Syntax error at end of input',
      range: { from: offset + chunkLength, to: offset + chunkLength }
    };
  }
  return {
    message: `Syntax error at or near '${token.text ?? ''}'`,
    range: { from: offset + token.start, to: offset + token.stop + 1 }
  };
}

function parseChunk(text: string, from: number, to: number): ChunkResult {
  const chunk = text.slice(from, to);
  const cached = chunkCache.get(chunk);
  const result = cached ?? parseChunkText(chunk);
  // Least recently used goes first: re-inserting a hit keeps the chunks of the text being
  // edited, which every keystroke reuses, ahead of the edit's short-lived variants.
  chunkCache.delete(chunk);
  if (cached === undefined && chunkCache.size >= CACHE_LIMIT) {
    chunkCache.delete(chunkCache.keys().next().value as string);
  }
  chunkCache.set(chunk, result);
  return from === 0 ? result : shiftRanges(result, from);
}

/**
 * ANTLR keeps the prediction DFA it builds (shared by all parser instances) forever; every new
 * kind of broken input while typing adds states to it, slowly but without end. Past this many
 * states it is dropped and rebuilt on demand, which bounds the worker's memory; warm typing never
 * gets near it (about 1,600 states after 1,500 edits of the benchmark query).
 */
const DFA_STATE_LIMIT = 20_000;
let parsesSinceDfaCheck = 0;

function boundDfa(parser: SparkSqlParser): void {
  if (++parsesSinceDfaCheck < 100) {
    return;
  }
  parsesSinceDfaCheck = 0;
  const states = parser.interpreter.decisionToDFA.reduce((n, dfa) => n + dfa.getStates().length, 0);
  if (states > DFA_STATE_LIMIT) {
    parser.interpreter.clearDFA();
  }
}

/** Parse one chunk; ranges relative to the chunk. */
function parseChunkText(chunk: string): ChunkResult {
  try {
    const fast = runParser(chunk, true);
    if (fast !== undefined) {
      return fast;
    }
    return (
      runParser(chunk, false) ?? {
        errors: [{ message: 'Syntax error', range: { from: 0, to: chunk.length } }]
      }
    );
  } catch (error) {
    // The generated parser and the tree builder are not supposed to throw on any input; if they
    // do, report it on the chunk rather than fail the whole analysis.
    const reason = error instanceof Error ? error.message : String(error);
    return {
      errors: [{ message: `Syntax error: ${reason}`, range: { from: 0, to: chunk.length } }]
    };
  }
}

function runParser(chunk: string, fast: boolean): ChunkResult | undefined {
  const lexer = new SparkSqlLexer(CharStreams.fromString(lexableText(chunk)));
  lexer.removeErrorListeners();
  const lexerErrors = new LexerErrorFlag();
  lexer.addErrorListener(lexerErrors);
  const parser = new SparkSqlParser(new CommonTokenStream(lexer));
  boundDfa(parser);
  parser.removeErrorListeners();
  const listener = new CollectingListener(chunk.length);
  let tree: QueryContext;
  if (fast) {
    parser.interpreter.predictionMode = PredictionMode.SLL;
    parser.errorHandler = new BailErrorStrategy();
    try {
      tree = parser.query();
    } catch (error) {
      if (error instanceof ParseCancellationException) {
        return undefined;
      }
      throw error;
    }
  } else {
    parser.interpreter.predictionMode = PredictionMode.LL;
    parser.errorHandler = new DefaultErrorStrategy();
    parser.addErrorListener(listener);
    tree = parser.query();
  }
  const next = parser.tokenStream.LT(1);
  if (next !== null && next.type !== Token.EOF) {
    if (fast) {
      return undefined;
    }
    listener.errors.push(syntaxErrorAt(next, 0, chunk.length));
  }
  if (fast && lexerErrors.failed) {
    return undefined;
  }
  // A tree recovered from syntax errors has holes; analysing it would report phantom errors.
  // The chunk (one CTE, or the main query) is left unanalysed and the others go on.
  if (listener.errors.length > 0 || lexerErrors.failed) {
    return { errors: listener.errors };
  }
  return { query: buildQueryFromText(tree, chunk), errors: [] };
}

function lex(text: string): { tokens: LexedToken[]; errors: SyntaxError[] } {
  const lexer = new SparkSqlLexer(CharStreams.fromString(lexableText(text)));
  lexer.removeErrorListeners();
  const errors: SyntaxError[] = [];
  lexer.addErrorListener(
    new (class extends BaseErrorListener {
      override syntaxError<S extends Token, T extends ATNSimulator>(
        recognizer: Recognizer<T>,
        _symbol: S | null,
        _line: number,
        _column: number,
        msg: string
      ): void {
        const at = (recognizer as unknown as SparkSqlLexer)._tokenStartCharIndex;
        errors.push({
          message: `Syntax error: ${msg}`,
          range: { from: at, to: Math.min(text.length, at + 1) }
        });
      }
    })()
  );
  const tokens: LexedToken[] = [];
  for (let token = lexer.nextToken(); token.type !== Token.EOF; token = lexer.nextToken()) {
    if (token.channel === Token.DEFAULT_CHANNEL) {
      tokens.push({
        type: token.type,
        text: text.slice(token.start, token.stop + 1),
        from: token.start,
        to: token.stop + 1
      });
    }
  }
  return { tokens, errors };
}

/**
 * Build the parser's decision tables off the hot path: the first parse of each query shape
 * takes seconds, later ones milliseconds. Call once when a worker starts.
 */
export function warmUpParser(): void {
  parseChunkText(WARM_UP_QUERY);
}

const WARM_UP_QUERY = `SELECT a.x, b.y AS z, count(DISTINCT c) AS n, sum(CASE WHEN d > 1 THEN 1 ELSE 0 END), CAST(e AS decimal(10,2)),
  coalesce(f, 'x') || g, h IN (1, 2), i BETWEEN 1 AND 2, j LIKE 'a%', k IS NOT NULL, -l, m[0], n.o.p, q div 2
FROM t1 a JOIN (SELECT * FROM db.t2 WHERE u = 1) b ON a.id = b.id LEFT JOIN t3 USING (id) LEFT SEMI JOIN t4 c ON c.id = a.id
WHERE a.v > DATE '2024-01-01' AND NOT w GROUP BY a.x, b.y HAVING count(*) > 1
UNION ALL SELECT 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 FROM t5 ORDER BY 1 DESC NULLS LAST LIMIT 10`;
