/**
 * A small, tolerant reader of Python cell text: the statements a PySpark chain is written in
 * (assignments and expression statements, over names, attributes, calls, subscripts, literals
 * and operators). Compound statements, imports and anything else are kept as `other` with their
 * range, so that the lowering can look at imports and skip the rest. It never throws: text it
 * cannot read becomes `error` nodes, and reading resumes at the next logical line.
 *
 * Ranges are UTF-16 offsets into the cell text, like the SQL analyzer's.
 */
import type { TextRange } from '../sql/ast.js';

export type PyExpr =
  | { readonly k: 'name'; readonly id: string; readonly range: TextRange }
  | {
      readonly k: 'str';
      readonly value: string;
      /**
       * Where the value's characters start in the text when they map one to one (a single
       * literal without escapes and not an f-string); otherwise undefined.
       */
      readonly contentFrom?: number;
      readonly range: TextRange;
    }
  | { readonly k: 'num'; readonly text: string; readonly float: boolean; readonly range: TextRange }
  | { readonly k: 'const'; readonly value: boolean | null; readonly range: TextRange }
  | {
      readonly k: 'attr';
      readonly obj: PyExpr;
      readonly name: string;
      readonly nameRange: TextRange;
      readonly range: TextRange;
    }
  | {
      readonly k: 'call';
      readonly fn: PyExpr;
      readonly args: readonly PyArg[];
      readonly range: TextRange;
    }
  | {
      readonly k: 'subscript';
      readonly obj: PyExpr;
      readonly index: PyExpr;
      readonly range: TextRange;
    }
  | {
      readonly k: 'binop';
      readonly op: string;
      readonly left: PyExpr;
      readonly right: PyExpr;
      readonly range: TextRange;
    }
  | { readonly k: 'unary'; readonly op: string; readonly arg: PyExpr; readonly range: TextRange }
  | { readonly k: 'list'; readonly items: readonly PyExpr[]; readonly range: TextRange }
  | { readonly k: 'tuple'; readonly items: readonly PyExpr[]; readonly range: TextRange }
  | {
      readonly k: 'dict';
      readonly entries: readonly (readonly [PyExpr, PyExpr])[];
      readonly range: TextRange;
    }
  | { readonly k: 'error'; readonly range: TextRange };

export interface PyArg {
  /** A keyword argument's name. */
  readonly name?: string;
  /** `*args` / `**kwargs`. */
  readonly star?: '*' | '**';
  readonly value: PyExpr;
  readonly range: TextRange;
}

export type PyStatement =
  | {
      readonly k: 'assign';
      readonly target: string;
      readonly targetRange: TextRange;
      readonly value: PyExpr;
      readonly range: TextRange;
    }
  | { readonly k: 'expr'; readonly value: PyExpr; readonly range: TextRange }
  /** `import x as y` / `from m import a as b`: the bound names. */
  | {
      readonly k: 'import';
      readonly module: string;
      readonly names: readonly { readonly name: string; readonly as: string }[];
      readonly range: TextRange;
    }
  | { readonly k: 'other'; readonly range: TextRange };

interface Token {
  readonly kind: 'name' | 'num' | 'str' | 'op' | 'newline' | 'eof';
  readonly text: string;
  readonly from: number;
  readonly to: number;
  /** Strings: the value, and where it maps one to one onto the text. */
  readonly value?: string;
  readonly contentFrom?: number;
}

const OPERATORS = [
  '**=',
  '//=',
  '>>=',
  '<<=',
  '...',
  '->',
  '**',
  '//',
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '!=',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  ':=',
  '@='
];

const STRING_PREFIX = /(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])?(?:'''|"""|'|")/y;

/** Split the text into tokens; newlines inside brackets and after a backslash are not tokens. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      if (depth === 0) {
        tokens.push({ kind: 'newline', text: '\n', from: i, to: i + 1 });
      }
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') {
        i++;
      }
      continue;
    }
    STRING_PREFIX.lastIndex = i;
    const prefix = STRING_PREFIX.exec(text);
    if (prefix !== null && (/[a-zA-Z]/.test(c) ? true : c === '"' || c === "'")) {
      const token = readString(text, i, prefix[0]);
      tokens.push(token);
      i = token.to;
      continue;
    }
    if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_\u0080-\uffff]/.test(text[j])) {
        j++;
      }
      tokens.push({ kind: 'name', text: text.slice(i, j), from: i, to: j });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const match =
        /(?:0[xXoObB][0-9a-fA-F_]+|(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][+-]?[0-9_]+)?)[jJlL]?/y;
      match.lastIndex = i;
      const m = match.exec(text);
      const j = m !== null && m[0].length > 0 ? i + m[0].length : i + 1;
      tokens.push({ kind: 'num', text: text.slice(i, j), from: i, to: j });
      i = j;
      continue;
    }
    const op = OPERATORS.find(o => text.startsWith(o, i)) ?? c;
    if ('([{'.includes(op)) {
      depth++;
    } else if (')]}'.includes(op)) {
      depth = Math.max(0, depth - 1);
    }
    tokens.push({ kind: 'op', text: op, from: i, to: i + op.length });
    i += op.length;
  }
  tokens.push({ kind: 'newline', text: '', from: n, to: n });
  tokens.push({ kind: 'eof', text: '', from: n, to: n });
  return tokens;
}

function readString(text: string, start: number, prefixAndQuote: string): Token {
  const quote = prefixAndQuote.endsWith('"""')
    ? '"""'
    : prefixAndQuote.endsWith("'''")
      ? "'''"
      : prefixAndQuote.slice(-1);
  const flags = prefixAndQuote.slice(0, prefixAndQuote.length - quote.length).toLowerCase();
  const raw = flags.includes('r');
  const contentStart = start + prefixAndQuote.length;
  let j = contentStart;
  let escaped = false;
  while (j < text.length) {
    if (text.startsWith(quote, j)) {
      break;
    }
    if (text[j] === '\\') {
      escaped = true;
      j += 2;
      continue;
    }
    if (text[j] === '\n' && quote.length === 1) {
      break; // unterminated single-quoted string: it ends at the line
    }
    j++;
  }
  const contentEnd = Math.min(j, text.length);
  const to = Math.min(text.length, text.startsWith(quote, j) ? j + quote.length : j);
  const body = text.slice(contentStart, contentEnd);
  const value = raw ? body : unescape(body);
  const oneToOne = !flags.includes('f') && (raw || !escaped);
  return {
    kind: 'str',
    text: text.slice(start, to),
    from: start,
    to,
    value,
    contentFrom: oneToOne ? contentStart : undefined
  };
}

function unescape(body: string): string {
  const simple: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    '\\': '\\',
    "'": "'",
    '"': '"'
  };
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\n|.)/g, (_m, e: string) => {
    if (e.length > 1 && (e[0] === 'u' || e[0] === 'x')) {
      return String.fromCharCode(parseInt(e.slice(1), 16));
    }
    if (e === '\n') {
      return '';
    }
    return simple[e] ?? `\\${e}`;
  });
}

const COMPARISONS = new Set(['<', '>', '==', '>=', '<=', '!=', 'in', 'not in', 'is', 'is not']);
const BINARY_PRECEDENCE: Record<string, number> = {
  or: 1,
  and: 2,
  // 3: not (prefix)
  compare: 4,
  '|': 5,
  '^': 6,
  '&': 7,
  '<<': 8,
  '>>': 8,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '//': 10,
  '%': 10,
  '@': 10
  // 11: unary + - ~; 12: **
};

const SIMPLE_KEYWORDS = new Set([
  'def',
  'class',
  'if',
  'elif',
  'else',
  'for',
  'while',
  'with',
  'try',
  'except',
  'finally',
  'return',
  'raise',
  'del',
  'pass',
  'break',
  'continue',
  'global',
  'nonlocal',
  'assert',
  'async',
  'yield',
  'lambda'
]);

/** Parse a cell into statements; never throws. */
export function parsePython(text: string): PyStatement[] {
  return new PythonParser(tokenize(text)).statements();
}

class PythonParser {
  private pos = 0;
  /** Recursion guard: deeper nesting becomes an error node. */
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  statements(): PyStatement[] {
    const out: PyStatement[] = [];
    while (this.peek().kind !== 'eof') {
      if (this.peek().kind === 'newline' || this.peek().text === ';') {
        this.pos++;
        continue;
      }
      const start = this.pos;
      let statement: PyStatement;
      try {
        statement = this.statement();
      } catch {
        statement = { k: 'other', range: this.rangeFrom(start) };
      }
      out.push(statement);
      // Whatever is left of the line is not part of a statement we understand.
      if (
        this.peek().kind !== 'newline' &&
        this.peek().text !== ';' &&
        this.peek().kind !== 'eof'
      ) {
        this.skipLine();
      }
    }
    return out;
  }

  private statement(): PyStatement {
    const first = this.peek();
    if (first.kind === 'op' && first.text === '%') {
      // IPython magics (`%%sql`, `%time`): not Python.
      this.skipLine();
      return { k: 'other', range: { from: first.from, to: this.prev().to } };
    }
    if (first.kind === 'name' && (first.text === 'import' || first.text === 'from')) {
      return this.importStatement();
    }
    if (first.kind === 'name' && SIMPLE_KEYWORDS.has(first.text)) {
      this.skipLine();
      return { k: 'other', range: { from: first.from, to: this.prev().to } };
    }
    if (
      first.kind === 'name' &&
      this.tokens[this.pos + 1]?.text === '=' &&
      this.tokens[this.pos + 1]?.kind === 'op'
    ) {
      this.pos += 2;
      const value = this.expressionList();
      return {
        k: 'assign',
        target: first.text,
        targetRange: { from: first.from, to: first.to },
        value,
        range: { from: first.from, to: value.range.to }
      };
    }
    const value = this.expressionList();
    if (this.peek().kind === 'op' && (this.peek().text === '=' || this.peek().text.endsWith('='))) {
      // Tuple targets, attribute targets, augmented assignments: not followed.
      this.skipLine();
      return { k: 'other', range: { from: first.from, to: this.prev().to } };
    }
    return { k: 'expr', value, range: value.range };
  }

  private importStatement(): PyStatement {
    const first = this.next();
    const names: { name: string; as: string }[] = [];
    let module = '';
    const dotted = (): string => {
      let name = '';
      while (
        (this.peek().kind === 'name' &&
          this.peek().text !== 'import' &&
          this.peek().text !== 'as') ||
        this.peek().text === '.'
      ) {
        name += this.next().text;
      }
      return name;
    };
    if (first.text === 'import') {
      do {
        const name = dotted();
        const as = this.peek().text === 'as' ? (this.next(), this.next().text) : name.split('.')[0];
        names.push({ name, as });
      } while (this.peek().text === ',' && this.next());
    } else {
      module = dotted();
      if (this.peek().text === 'import') {
        this.next();
        const parens = this.peek().text === '(';
        if (parens) {
          this.next();
        }
        while (this.peek().kind === 'name' || this.peek().text === '*') {
          const name = this.next().text;
          const as = this.peek().text === 'as' ? (this.next(), this.next().text) : name;
          names.push({ name, as });
          if (this.peek().text !== ',') {
            break;
          }
          this.next();
        }
        if (parens && this.peek().text === ')') {
          this.next();
        }
      }
    }
    return { k: 'import', module, names, range: { from: first.from, to: this.prev().to } };
  }

  /** `a, b` without brackets is a tuple. */
  private expressionList(): PyExpr {
    const first = this.expression();
    if (this.peek().text !== ',' || this.peek().kind !== 'op') {
      return first;
    }
    const items = [first];
    while (this.peek().text === ',' && this.peek().kind === 'op') {
      this.next();
      if (this.startsExpression()) {
        items.push(this.expression());
      }
    }
    return { k: 'tuple', items, range: { from: first.range.from, to: this.prev().to } };
  }

  /** A full expression: conditional expressions and lambdas included. */
  private expression(): PyExpr {
    if (this.peek().text === 'lambda') {
      // Lambdas (e.g. in `transform`) are not lowered: read them as one error node.
      const start = this.next();
      while (
        this.peek().text !== ':' &&
        this.peek().kind !== 'newline' &&
        this.peek().kind !== 'eof'
      ) {
        this.next();
      }
      if (this.peek().text === ':') {
        this.next();
      }
      const body = this.expression();
      return { k: 'error', range: { from: start.from, to: body.range.to } };
    }
    const value = this.binary(1);
    if (this.peek().text === 'if' && this.peek().kind === 'name') {
      this.next();
      this.binary(1);
      if (this.peek().text === 'else') {
        this.next();
        this.expression();
      }
      return { k: 'error', range: { from: value.range.from, to: this.prev().to } };
    }
    return value;
  }

  private binary(minPrecedence: number): PyExpr {
    this.depth++;
    try {
      if (this.depth > 200) {
        const start = this.peek();
        this.skipLine();
        return { k: 'error', range: { from: start.from, to: this.prev().to } };
      }
      let left = this.unaryNot(minPrecedence);
      for (;;) {
        const op = this.binaryOperator();
        if (op === undefined) {
          return left;
        }
        const precedence = BINARY_PRECEDENCE[COMPARISONS.has(op) ? 'compare' : op];
        if (precedence < minPrecedence) {
          return left;
        }
        this.consumeOperator(op);
        const right = this.binary(precedence + 1);
        left = {
          k: 'binop',
          op,
          left,
          right,
          range: { from: left.range.from, to: right.range.to }
        };
      }
    } finally {
      this.depth--;
    }
  }

  private unaryNot(minPrecedence: number): PyExpr {
    const token = this.peek();
    if (token.kind === 'name' && token.text === 'not' && minPrecedence <= 3) {
      this.next();
      const arg = this.binary(3);
      return { k: 'unary', op: 'not', arg, range: { from: token.from, to: arg.range.to } };
    }
    return this.unary();
  }

  private binaryOperator(): string | undefined {
    const token = this.peek();
    if (token.kind === 'op' && (token.text in BINARY_PRECEDENCE || COMPARISONS.has(token.text))) {
      return token.text;
    }
    if (token.kind === 'name') {
      if (token.text === 'and' || token.text === 'or' || token.text === 'in') {
        return token.text;
      }
      if (token.text === 'is') {
        return this.tokens[this.pos + 1]?.text === 'not' ? 'is not' : 'is';
      }
      if (token.text === 'not' && this.tokens[this.pos + 1]?.text === 'in') {
        return 'not in';
      }
    }
    return undefined;
  }

  private consumeOperator(op: string): void {
    this.next();
    if (op === 'is not' || op === 'not in') {
      this.next();
    }
  }

  private unary(): PyExpr {
    const token = this.peek();
    if (token.kind === 'op' && (token.text === '-' || token.text === '+' || token.text === '~')) {
      this.next();
      this.depth++;
      try {
        const arg = this.depth > 200 ? this.errorNode() : this.unary();
        return { k: 'unary', op: token.text, arg, range: { from: token.from, to: arg.range.to } };
      } finally {
        this.depth--;
      }
    }
    const base = this.postfix();
    if (this.peek().kind === 'op' && this.peek().text === '**') {
      this.next();
      const right = this.unary();
      return {
        k: 'binop',
        op: '**',
        left: base,
        right,
        range: { from: base.range.from, to: right.range.to }
      };
    }
    return base;
  }

  private postfix(): PyExpr {
    let value = this.atom();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'op') {
        return value;
      }
      if (token.text === '.') {
        this.next();
        const name = this.peek();
        if (name.kind !== 'name') {
          return { k: 'error', range: { from: value.range.from, to: token.to } };
        }
        this.next();
        value = {
          k: 'attr',
          obj: value,
          name: name.text,
          nameRange: { from: name.from, to: name.to },
          range: { from: value.range.from, to: name.to }
        };
      } else if (token.text === '(') {
        this.next();
        const args = this.callArguments();
        const close = this.expectClose(')');
        value = { k: 'call', fn: value, args, range: { from: value.range.from, to: close } };
      } else if (token.text === '[') {
        this.next();
        const index = this.startsExpression() ? this.sliceOrExpression() : this.errorNode();
        const close = this.expectClose(']');
        value = { k: 'subscript', obj: value, index, range: { from: value.range.from, to: close } };
      } else {
        return value;
      }
    }
  }

  private sliceOrExpression(): PyExpr {
    const value = this.expressionList();
    if (this.peek().text === ':') {
      while (
        this.peek().kind !== 'eof' &&
        this.peek().text !== ']' &&
        this.peek().kind !== 'newline'
      ) {
        this.next();
      }
      return { k: 'error', range: { from: value.range.from, to: this.prev().to } };
    }
    return value;
  }

  private callArguments(): PyArg[] {
    const args: PyArg[] = [];
    while (this.peek().kind !== 'eof' && this.peek().text !== ')') {
      const start = this.peek();
      if (start.kind === 'newline') {
        break;
      }
      if (start.kind === 'op' && (start.text === '*' || start.text === '**')) {
        this.next();
        const value = this.expression();
        args.push({ star: start.text, value, range: { from: start.from, to: value.range.to } });
      } else if (
        start.kind === 'name' &&
        this.tokens[this.pos + 1]?.text === '=' &&
        this.tokens[this.pos + 1]?.kind === 'op'
      ) {
        this.pos += 2;
        const value = this.startsExpression() ? this.expression() : this.errorNode();
        args.push({ name: start.text, value, range: { from: start.from, to: value.range.to } });
      } else if (this.startsExpression()) {
        const value = this.expression();
        if (this.peek().text === 'for') {
          // A generator expression argument: not lowered.
          this.skipTo(')');
          args.push({ value: this.errorNodeFrom(value.range.from), range: value.range });
          break;
        }
        args.push({ value, range: value.range });
      } else {
        this.next(); // a stray token: skip it
        continue;
      }
      if (this.peek().text !== ',') {
        break;
      }
      this.next();
    }
    return args;
  }

  private atom(): PyExpr {
    const token = this.peek();
    const range = { from: token.from, to: token.to };
    switch (token.kind) {
      case 'name':
        if (
          SIMPLE_KEYWORDS.has(token.text) ||
          ['and', 'or', 'not', 'in', 'is'].includes(token.text)
        ) {
          return this.errorNode();
        }
        this.next();
        if (token.text === 'True' || token.text === 'False') {
          return { k: 'const', value: token.text === 'True', range };
        }
        if (token.text === 'None') {
          return { k: 'const', value: null, range };
        }
        return { k: 'name', id: token.text, range };
      case 'num':
        this.next();
        return {
          k: 'num',
          text: token.text,
          float: /[.eE]/.test(token.text) && !/^0[xX]/.test(token.text),
          range
        };
      case 'str': {
        this.next();
        // Adjacent literals concatenate.
        let value = token.value ?? '';
        let contentFrom = token.contentFrom;
        let to = token.to;
        while (this.peek().kind === 'str') {
          const more = this.next();
          value += more.value ?? '';
          contentFrom = undefined;
          to = more.to;
        }
        return { k: 'str', value, contentFrom, range: { from: token.from, to } };
      }
      case 'op':
        if (token.text === '(' || token.text === '[' || token.text === '{') {
          return this.bracketed(token);
        }
        return this.errorNode();
      default:
        return this.errorNode();
    }
  }

  private bracketed(open: Token): PyExpr {
    this.next();
    const close = open.text === '(' ? ')' : open.text === '[' ? ']' : '}';
    this.depth++;
    try {
      if (this.depth > 200) {
        this.skipTo(close);
        const to = this.expectClose(close);
        return { k: 'error', range: { from: open.from, to } };
      }
      const items: PyExpr[] = [];
      const entries: (readonly [PyExpr, PyExpr])[] = [];
      let sawComma = false;
      while (
        this.peek().kind !== 'eof' &&
        this.peek().kind !== 'newline' &&
        this.peek().text !== close
      ) {
        if (!this.startsExpression()) {
          this.next();
          continue;
        }
        const item = this.expression();
        if (this.peek().text === 'for') {
          this.skipTo(close);
          items.push(this.errorNodeFrom(item.range.from));
          break;
        }
        if (close === '}' && this.peek().text === ':') {
          this.next();
          const value = this.startsExpression() ? this.expression() : this.errorNode();
          entries.push([item, value]);
        } else {
          items.push(item);
        }
        if (this.peek().text !== ',') {
          break;
        }
        sawComma = true;
        this.next();
      }
      const to = this.expectClose(close);
      const range = { from: open.from, to };
      if (close === '}') {
        return { k: 'dict', entries, range };
      }
      if (close === ']') {
        return { k: 'list', items, range };
      }
      if (items.length === 1 && !sawComma) {
        // Parentheses only group; keep the inner range so names inside keep their place.
        return items[0];
      }
      return { k: 'tuple', items, range };
    } finally {
      this.depth--;
    }
  }

  private startsExpression(): boolean {
    const token = this.peek();
    if (token.kind === 'name') {
      return !['and', 'or', 'in', 'is', 'if', 'else', 'for'].includes(token.text);
    }
    if (token.kind === 'num' || token.kind === 'str') {
      return true;
    }
    return token.kind === 'op' && ['(', '[', '{', '-', '+', '~'].includes(token.text);
  }

  /** The end offset of the closing bracket, or of what was read when it is missing. */
  private expectClose(close: string): number {
    if (this.peek().text === close) {
      return this.next().to;
    }
    return this.prev().to;
  }

  private skipTo(close: string): void {
    let depth = 0;
    while (this.peek().kind !== 'eof' && this.peek().kind !== 'newline') {
      const text = this.peek().text;
      if (depth === 0 && text === close) {
        return;
      }
      if ('([{'.includes(text) && this.peek().kind === 'op') {
        depth++;
      } else if (')]}'.includes(text) && this.peek().kind === 'op') {
        depth--;
      }
      this.next();
    }
  }

  private skipLine(): void {
    while (this.peek().kind !== 'newline' && this.peek().kind !== 'eof') {
      this.pos++;
    }
  }

  private errorNode(): PyExpr {
    const token = this.peek();
    return { k: 'error', range: { from: token.from, to: token.from } };
  }

  private errorNodeFrom(from: number): PyExpr {
    return { k: 'error', range: { from, to: this.prev().to } };
  }

  private rangeFrom(start: number): TextRange {
    const from = this.tokens[start]?.from ?? 0;
    return { from, to: Math.max(from, this.prev().to) };
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const token = this.tokens[this.pos];
    if (token.kind !== 'eof') {
      this.pos++;
    }
    return token;
  }

  private prev(): Token {
    return this.tokens[Math.max(0, this.pos - 1)];
  }
}
