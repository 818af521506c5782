/**
 * From dt-sql-parser's concrete syntax tree (which mirrors Spark's `SqlBaseParser.g4` rule for
 * rule) to the analyzer's small AST: the job of Spark's `AstBuilder`, for the supported subset.
 * Everything else becomes an `unsupported` node naming the construct.
 */
import {
  BailErrorStrategy,
  CharStreams,
  CommonTokenStream,
  ParserRuleContext,
  Token,
  type TerminalNode
} from 'antlr4ng';
import { SparkSqlLexer } from 'dt-sql-parser/dist/lib/spark/SparkSqlLexer';
import {
  InlineTableSourceContext,
  JoinTableSourceContext,
  QueryStatementContext,
  SparkSqlParser,
  SubQueryTableSourceContext,
  TableSourceContext,
  type AggregationClauseContext,
  type BooleanExpressionContext,
  type FrameBoundContext,
  type GroupingAnalyticsContext,
  type GroupingSetContext,
  type IntervalContext,
  type IntervalValueContext,
  type LateralViewContext,
  type PivotClauseContext,
  type UnPivotClauseContext,
  type WindowClauseContext,
  type WindowSpecContext,
  type ConstantContext,
  type DataTypeContext,
  type ErrorCapturingIdentifierContext,
  type ExpressionContext,
  type IdentifierContext,
  type IdentifierListContext,
  type JoinRelationContext,
  type MultipartIdentifierContext,
  type NamedExpressionContext,
  type NamedQueryContext,
  type NumberContext,
  type PredicateContext,
  type PrimaryExpressionContext,
  type QualifiedNameContext,
  type QueryContext,
  type QueryOrganizationContext,
  type QueryPrimaryContext,
  type QuerySpecificationContext,
  type QueryTermContext,
  type RelationContext,
  type RelationPrimaryContext,
  type SortItemContext,
  type StrictIdentifierContext,
  type StringLitContext,
  type TableAliasContext,
  type ValueExpressionContext
} from 'dt-sql-parser/dist/lib/spark/SparkSqlParser';
import { multiUnitInterval, unitToUnitInterval, type IntervalLiteral } from './intervals.js';
import { lexableText, shiftRanges } from './ranges.js';
import type {
  BinaryOp,
  Cte,
  Expr,
  FrameBound,
  GroupingElement,
  Ident,
  JoinType,
  LateralView,
  NamedWindow,
  Pivot,
  Unpivot,
  Query,
  QueryTerm,
  Relation,
  Select,
  SelectItem,
  SortItem,
  TextRange,
  WindowSpec
} from './ast.js';
import { T, type DataType, type StructField } from './types.js';

const P = SparkSqlParser;

function rangeOf(ctx: ParserRuleContext): TextRange {
  const from = ctx.start?.start ?? 0;
  const stop = ctx.stop ?? ctx.start;
  const to = stop === null ? from : Math.max(from, stop.stop + 1);
  return { from, to };
}

function tokenRange(token: Token | TerminalNode): TextRange {
  const t = 'symbol' in token ? token.symbol : token;
  return { from: t.start, to: t.stop + 1 };
}

function unsupported(
  what: string,
  ctx: ParserRuleContext
): { k: 'unsupported'; what: string; range: TextRange } {
  return { k: 'unsupported', what, range: rangeOf(ctx) };
}

// ---------------------------------------------------------------- identifiers

/** The source text of a node: token texts may hold the lexer's placeholders (`lexableText`). */
function sourceText(ctx: ParserRuleContext): string {
  const range = rangeOf(ctx);
  return source.slice(range.from, range.to);
}

function identifierText(ctx: IdentifierContext | StrictIdentifierContext): string {
  const text = sourceText(ctx);
  if (text.startsWith('`')) {
    return text.slice(1, -1).replace(/``/g, '`');
  }
  if (text.startsWith('"')) {
    return text.slice(1, -1);
  }
  return text;
}

function ident(
  ctx: IdentifierContext | StrictIdentifierContext | ErrorCapturingIdentifierContext
): Ident {
  const inner = 'errorCapturingIdentifierExtra' in ctx ? ctx.identifier() : ctx;
  return { name: identifierText(inner), range: rangeOf(ctx) };
}

function multipart(ctx: MultipartIdentifierContext): Ident[] {
  return ctx.errorCapturingIdentifier().map(ident);
}

/**
 * A column reference. dt-sql-parser reads `a - b` as one "error-capturing" identifier `a-b` (a
 * rule meant for unquoted names like `my-table`); Spark reads a subtraction, and so does this.
 */
function columnExpr(ctx: MultipartIdentifierContext): Expr {
  const parts = ctx.errorCapturingIdentifier();
  const last = parts[parts.length - 1];
  const extras = last.errorCapturingIdentifierExtra().identifier();
  const head: Expr = {
    k: 'column',
    parts: [...parts.slice(0, -1).map(ident), ident(last.identifier())],
    range: { from: rangeOf(ctx).from, to: rangeOf(last.identifier()).to }
  };
  if (parts.slice(0, -1).some(p => p.errorCapturingIdentifierExtra().getChildCount() > 0)) {
    return unsupported('hyphenated names', ctx);
  }
  return extras.reduce<Expr>((left, part) => {
    const right: Expr = { k: 'column', parts: [ident(part)], range: rangeOf(part) };
    return {
      k: 'binary',
      op: '-',
      left,
      right,
      range: { from: left.range.from, to: right.range.to }
    };
  }, head);
}

function qualifiedName(ctx: QualifiedNameContext): Ident[] {
  return ctx.identifier().map(ident);
}

function identifierList(ctx: IdentifierListContext): Ident[] {
  return ctx.identifierSeq().errorCapturingIdentifier().map(ident);
}

// ---------------------------------------------------------------- queries

/**
 * The text being built, for re-parsing select items (see `selectItem`). Building is synchronous,
 * so one module-level slot is enough.
 */
let source = '';

/** Build the AST of a parsed chunk; `text` is the chunk the tree was parsed from. */
export function buildQueryFromText(ctx: QueryContext, text: string): Query {
  return withSource(text, () => buildQuery(ctx));
}

function withSource<R>(text: string, build: () => R): R {
  const saved = source;
  source = text;
  try {
    return build();
  } finally {
    source = saved;
  }
}

function buildQuery(ctx: QueryContext): Query {
  if (!(ctx instanceof QueryStatementContext)) {
    return {
      k: 'query',
      ctes: [],
      body: unsupported('query', ctx),
      orderBy: [],
      windows: [],
      unsupported: [],
      range: rangeOf(ctx)
    };
  }
  const ctes: Cte[] = (ctx.ctes()?.namedQuery() ?? []).map(namedQuery);
  const body = queryTerm(ctx.queryTerm());
  const organization = queryOrganization(ctx.queryOrganization());
  return { k: 'query', ctes, body, ...organization, range: rangeOf(ctx) };
}

function namedQuery(ctx: NamedQueryContext): Cte {
  const aliases = ctx._columnAliases;
  return {
    name: ident(ctx.errorCapturingIdentifier()),
    columnAliases: aliases === undefined ? undefined : identifierList(aliases),
    query: buildQuery(ctx.query()),
    range: rangeOf(ctx)
  };
}

function queryOrganization(
  ctx: QueryOrganizationContext
): Pick<Query, 'orderBy' | 'limit' | 'windows' | 'unsupported'> {
  const unsupportedParts: { what: string; range: TextRange }[] = [];
  const orderBy: SortItem[] = [];
  const clauses = ctx.orderOrSortByClause();
  if (ctx.KW_ORDER() !== null && clauses.length > 0) {
    orderBy.push(...clauses[0].sortItem().map(sortItem));
  }
  if (ctx.KW_SORT() !== null || ctx.KW_CLUSTER() !== null || ctx.KW_DISTRIBUTE() !== null) {
    unsupportedParts.push({ what: 'SORT BY / CLUSTER BY / DISTRIBUTE BY', range: rangeOf(ctx) });
  }
  const limitCtx = ctx.limitClause()?.expression() ?? null;
  return {
    orderBy,
    limit: limitCtx === null ? undefined : expression(limitCtx),
    windows: windowClause(ctx.windowClause()),
    unsupported: unsupportedParts
  };
}

function sortItem(ctx: SortItemContext): SortItem {
  const column = ctx.columnName()?.multipartIdentifierAllowEmpty()?.multipartIdentifier() ?? null;
  const expr: Expr =
    column !== null ? columnExpr(column) : expressionOrUnsupported(ctx.expression(), ctx);
  const nullsFirst = ctx.KW_NULLS() === null ? undefined : ctx.KW_FIRST() !== null;
  return { expr, descending: ctx.KW_DESC() !== null, nullsFirst, range: rangeOf(ctx) };
}

// ---------------------------------------------------------------- windows

function windowClause(ctx: WindowClauseContext | null): NamedWindow[] {
  if (ctx === null) {
    return [];
  }
  const names = ctx.errorCapturingIdentifier();
  return ctx.windowSpec().map((spec, i) => ({ name: ident(names[i]), spec: windowSpec(spec) }));
}

function windowSpec(ctx: WindowSpecContext): WindowSpec {
  const range = rangeOf(ctx);
  const name = ctx.errorCapturingIdentifier();
  if (name !== null) {
    return { name: ident(name), partitionBy: [], orderBy: [], range };
  }
  const order = ctx.orderOrSortByClause()?.sortItem().map(sortItem) ?? [];
  // The grammar collects PARTITION BY (and CLUSTER BY) expressions in `expression()`; frame
  // bound expressions belong to the frame's own subtree.
  const partitionBy = ctx.expression().map(expression);
  const frameCtx = ctx.windowFrame();
  if (frameCtx === null) {
    return { partitionBy, orderBy: order, range };
  }
  const bounds = frameCtx.frameBound();
  const start = frameBound(bounds[0]);
  const end: FrameBound = bounds.length > 1 ? frameBound(bounds[1]) : { k: 'current' };
  return {
    partitionBy,
    orderBy: order,
    frame: {
      type: frameCtx.KW_ROWS() !== null ? 'rows' : 'range',
      start,
      end,
      range: rangeOf(frameCtx)
    },
    range
  };
}

function frameBound(ctx: FrameBoundContext): FrameBound {
  if (ctx.KW_CURRENT() !== null) {
    return { k: 'current' };
  }
  const preceding = ctx.KW_PRECEDING() !== null;
  const value = ctx.expression();
  if (ctx.KW_UNBOUNDED() !== null || value === null) {
    return { k: 'unbounded', preceding };
  }
  return { k: 'offset', preceding, value: expression(value) };
}

function queryTerm(ctx: QueryTermContext): QueryTerm {
  const primary = ctx.queryPrimary();
  if (primary !== null) {
    return queryPrimary(primary);
  }
  const left = ctx.queryTerm(0);
  const right = ctx.queryTerm(1);
  if (left === null || right === null) {
    return unsupported('set operation', ctx);
  }
  const op =
    ctx.KW_INTERSECT() !== null ? 'intersect' : ctx.KW_UNION() !== null ? 'union' : 'except';
  const all = ctx.setQuantifier()?.KW_ALL() != null;
  return {
    k: 'setOp',
    op,
    all,
    left: queryTerm(left),
    right: queryTerm(right),
    range: rangeOf(ctx)
  };
}

function queryPrimary(ctx: QueryPrimaryContext): QueryTerm {
  const spec = ctx.querySpecification();
  if (spec !== null) {
    return querySpecification(spec);
  }
  const nested = ctx.query();
  if (nested !== null) {
    return { k: 'nested', query: buildQuery(nested), range: rangeOf(ctx) };
  }
  if (ctx.KW_VALUES() !== null) {
    const relation = inlineTable(ctx.expression(), ctx.tableAlias() ?? undefined, rangeOf(ctx));
    return { k: 'values', relation, range: rangeOf(ctx) };
  }
  if (ctx.KW_TABLE() !== null) {
    return unsupported('TABLE statement', ctx);
  }
  return unsupported('FROM-first queries', ctx);
}

function querySpecification(ctx: QuerySpecificationContext): QueryTerm {
  const select = ctx.selectClause();
  if (select === null) {
    return unsupported('SELECT TRANSFORM', ctx);
  }
  const notYet: { what: string; range: TextRange }[] = [];
  const views: LateralView[] = [];
  for (const view of ctx.lateralView()) {
    views.push(lateralView(view, notYet));
  }
  const from = ctx.fromClause();
  const relations: Relation[] = [];
  if (from !== null) {
    relations.push(...from.relation().map(relation));
    for (const view of from.lateralView()) {
      views.push(lateralView(view, notYet));
    }
    const unpivot = from.unPivotClause();
    if (unpivot !== null) {
      if (relations.length === 1 && from.lateralView().length === 0) {
        relations[0] = {
          k: 'unpivot',
          input: relations[0],
          unpivot: unpivotClause(unpivot),
          range: { from: relations[0].range.from, to: rangeOf(unpivot).to }
        };
      } else {
        notYet.push({ what: 'UNPIVOT over several relations', range: rangeOf(unpivot) });
      }
    }
  }
  const aggregation = ctx.aggregationClause();
  const grouping = aggregation === null ? undefined : groupingClause(aggregation);
  const where = ctx.whereClause()?.booleanExpression() ?? null;
  const having = ctx.havingClause()?.booleanExpression() ?? null;
  const result: Select = {
    k: 'select',
    distinct: select.setQuantifier()?.KW_DISTINCT() != null,
    items: select.selectList().namedExpressionSeq().namedExpression().map(selectItem),
    from: relations,
    where: where === null ? undefined : booleanExpression(where),
    groupBy: grouping?.groupBy,
    grouping: grouping?.elements,
    having: having === null ? undefined : booleanExpression(having),
    lateralViews: views,
    pivot: from?.pivotClause() == null ? undefined : pivotClause(from.pivotClause()!),
    windows: windowClause(ctx.windowClause()),
    unsupported: notYet,
    range: rangeOf(ctx)
  };
  return result;
}

function lateralView(
  ctx: LateralViewContext,
  notYet: { what: string; range: TextRange }[]
): LateralView {
  const range = rangeOf(ctx);
  const nameCtx = ctx.viewName();
  const tableAlias = ctx.tableAlias();
  let alias = tableAlias.strictIdentifier();
  let columnAliases = ctx._colName.map(ident);
  if (tableAlias.identifierList() !== null) {
    notYet.push({ what: 'LATERAL VIEW column list', range });
  }
  // Spark requires a table name here, and `AS` can be one: `LATERAL VIEW explode(xs) AS x` is
  // the table `AS` with the column `x`, where this grammar reads the table alias `x`.
  if (alias !== null && tableAlias.KW_AS() !== null && columnAliases.length === 0) {
    columnAliases = [ident(alias)];
    alias = null;
  }
  const generator: Extract<Expr, { k: 'function' }> = {
    k: 'function',
    name: { name: sourceText(nameCtx), range: rangeOf(nameCtx) },
    args: ctx.expression().map(expression),
    distinct: false,
    star: false,
    range: { from: rangeOf(nameCtx).from, to: tokenRange(ctx.RIGHT_PAREN()).to }
  };
  return {
    outer: ctx.KW_OUTER() !== null,
    generator,
    alias: alias === null ? undefined : ident(alias),
    columnAliases,
    range
  };
}

/** GROUP BY: its expressions, and with grouping analytics the elements whose sets combine. */
function groupingClause(ctx: AggregationClauseContext): {
  groupBy: Expr[];
  elements?: GroupingElement[];
} {
  const groupBy: Expr[] = [];
  const elements: GroupingElement[] = [];
  let analytics = false;
  const add = (e: Expr): Expr => {
    groupBy.push(e);
    return e;
  };
  for (const clause of ctx.groupByClause()) {
    const column =
      clause.columnName()?.multipartIdentifierAllowEmpty()?.multipartIdentifier() ?? null;
    const expr = clause.expression();
    const nested = clause.groupingAnalytics();
    if (nested !== null) {
      analytics = true;
      elements.push({ sets: groupingAnalytics(nested).map(set => set.map(add)) });
    } else if (column !== null) {
      elements.push({ sets: [[add(columnExpr(column))]] });
    } else if (expr !== null) {
      elements.push({ sets: [[add(expression(expr))]] });
    }
  }
  const plain = ctx.expression().map(e => add(expression(e)));
  const kind = ctx._kind?.type;
  if (kind === P.KW_ROLLUP) {
    analytics = true;
    elements.push({ sets: rollup(plain.map(e => [e])) });
  } else if (kind === P.KW_CUBE) {
    analytics = true;
    elements.push({ sets: cube(plain.map(e => [e])) });
  } else if (kind === P.KW_GROUPING) {
    analytics = true;
    elements.push({ sets: ctx.groupingSet().map(set => groupingSet(set).map(add)) });
  } else {
    elements.push(...plain.map(e => ({ sets: [[e]] })));
  }
  return analytics ? { groupBy, elements } : { groupBy };
}

function groupingAnalytics(ctx: GroupingAnalyticsContext): Expr[][] {
  const sets = ctx.groupingSet().map(groupingSet);
  if (ctx.KW_ROLLUP() !== null) {
    return rollup(sets);
  }
  if (ctx.KW_CUBE() !== null) {
    return cube(sets);
  }
  // GROUPING SETS may nest ROLLUP / CUBE; their sets are listed in place.
  return [...sets, ...ctx.groupingAnalytics().flatMap(groupingAnalytics)];
}

function groupingSet(ctx: GroupingSetContext): Expr[] {
  const columns = ctx
    .columnName()
    .map(c => c.multipartIdentifierAllowEmpty()?.multipartIdentifier() ?? null)
    .filter((c): c is MultipartIdentifierContext => c !== null)
    .map(columnExpr);
  // The grammar also reads `(a, b)` as one row-constructor expression.
  const exprs = ctx.expression().flatMap(e => rowElements(e) ?? [expression(e)]);
  return [...columns, ...exprs].sort((a, b) => a.range.from - b.range.from);
}

/** `ROLLUP (a, b)`: `(a, b), (a), ()`. */
function rollup(groups: Expr[][]): Expr[][] {
  const out: Expr[][] = [];
  for (let n = groups.length; n >= 0; n--) {
    out.push(groups.slice(0, n).flat());
  }
  return out;
}

/** `CUBE (a, b)`: every subset. Capped, since only membership matters to the analysis. */
function cube(groups: Expr[][]): Expr[][] {
  if (groups.length > 12) {
    return [groups.flat(), []];
  }
  const out: Expr[][] = [];
  for (let mask = (1 << groups.length) - 1; mask >= 0; mask--) {
    out.push(groups.filter((_, i) => (mask & (1 << i)) !== 0).flat());
  }
  return out;
}

function selectItem(ctx: NamedExpressionContext): SelectItem {
  const range = rangeOf(ctx);
  const all = ctx.tableAllColumns();
  const literal =
    ctx
      .selectLiteralColumnName()
      ?.columnName()
      .multipartIdentifierAllowEmpty()
      ?.multipartIdentifier() ?? null;
  const computed = ctx.selectExpressionColumnName()?.expression() ?? null;
  if (literal !== null && misreadColumnName(ctx, literal)) {
    return reparseSelectItem(range) ?? { expr: unsupported('select item', ctx), range };
  }
  let expr: Expr;
  if (all !== null) {
    expr = {
      k: 'star',
      qualifier: all.qualifiedName().flatMap(qualifiedName),
      range: rangeOf(all)
    };
  } else if (literal !== null) {
    expr = columnExpr(literal);
  } else if (computed !== null) {
    expr = expression(computed);
  } else {
    expr = unsupported('empty select item', ctx);
  }
  const aliasList = ctx.identifierList();
  if (aliasList !== null) {
    return { expr, aliases: identifierList(aliasList), range };
  }
  const alias = ctx.errorCapturingIdentifier();
  return { expr, alias: alias === null ? undefined : ident(alias), range };
}

/**
 * dt-sql-parser adds a "plain column name" alternative to Spark's select item (for completion).
 * It makes the grammar ambiguous, and the parser sometimes picks it for what Spark reads as an
 * expression: `lower(x)` as column `lower` with the column alias list `(x)`, `NOT c` as column
 * `NOT` aliased `c`, `true` or `NULL` as columns, `a - b` as the identifier `a-b`.
 */
function misreadColumnName(ctx: NamedExpressionContext, name: MultipartIdentifierContext): boolean {
  if (ctx.identifierList() !== null) {
    return true;
  }
  return name.errorCapturingIdentifier().some(part => {
    const type = part.identifier().start?.type;
    return type !== P.IDENTIFIER && type !== P.BACKQUOTED_IDENTIFIER;
  });
}

/** Read a select item the way Spark's grammar does: an expression, then an optional alias. */
function reparseSelectItem(range: TextRange): SelectItem | undefined {
  const text = source.slice(range.from, range.to);
  const lexer = new SparkSqlLexer(CharStreams.fromString(lexableText(text)));
  lexer.removeErrorListeners();
  const tokens = new CommonTokenStream(lexer);
  const parser = new SparkSqlParser(tokens);
  parser.removeErrorListeners();
  parser.errorHandler = new BailErrorStrategy();
  try {
    const tree = parser.expression();
    const expr = shiftRanges(
      withSource(text, () => expression(tree)),
      range.from
    );
    const rest: Token[] = [];
    for (
      let token = tokens.LT(1);
      token !== null && token.type !== Token.EOF;
      token = tokens.LT(rest.length + 1)
    ) {
      rest.push(token);
    }
    const named = rest.filter(t => t.type !== P.KW_AS);
    if (named.length === 0) {
      return { expr, range };
    }
    if (named.length === 1 && /^[A-Za-z_`]/.test(named[0].text ?? '')) {
      const raw = named[0].text ?? '';
      const name = raw.startsWith('`') ? raw.slice(1, -1).replace(/``/g, '`') : raw;
      return {
        expr,
        alias: {
          name,
          range: { from: range.from + named[0].start, to: range.from + named[0].stop + 1 }
        },
        range
      };
    }
    const aliases = parenthesizedNames(named, range.from);
    if (aliases !== undefined) {
      return { expr, aliases, range };
    }
    return { expr: { k: 'unsupported', what: 'multi-column aliases', range }, range };
  } catch {
    return undefined;
  }
}

/** `( a, b )` as tokens: the names of a multi-column alias. */
function parenthesizedNames(tokens: readonly Token[], offset: number): Ident[] | undefined {
  if (
    tokens.length < 3 ||
    tokens[0].type !== P.LEFT_PAREN ||
    tokens[tokens.length - 1].type !== P.RIGHT_PAREN
  ) {
    return undefined;
  }
  const names: Ident[] = [];
  const inner = tokens.slice(1, -1);
  for (let i = 0; i < inner.length; i++) {
    const raw = inner[i].text ?? '';
    if (i % 2 === 1) {
      if (inner[i].type !== P.COMMA) {
        return undefined;
      }
      continue;
    }
    if (!/^[A-Za-z_`]/.test(raw)) {
      return undefined;
    }
    names.push({
      name: raw.startsWith('`') ? raw.slice(1, -1).replace(/``/g, '`') : raw,
      range: { from: offset + inner[i].start, to: offset + inner[i].stop + 1 }
    });
  }
  return names;
}

// ---------------------------------------------------------------- relations

function relation(ctx: RelationContext): Relation {
  const table = ctx.tableName();
  if (table !== null) {
    return tableRelation(
      table.tableIdentifier().errorCapturingIdentifier().map(ident),
      undefined,
      rangeOf(ctx)
    );
  }
  const primary = ctx.relationPrimary();
  if (primary === null) {
    return unsupported('relation', ctx);
  }
  let current = lateralPrimary(primary, ctx.KW_LATERAL() !== null, ctx);
  const joins = ctx.joinRelation();
  // dt-sql-parser accepts `SEMI` / `ANTI` as a table alias, so `t SEMI JOIN u` arrives as
  // `t AS SEMI` inner-joined with `u`; Spark reserves them there and reads a semi/anti join.
  const misreadType = current.k === 'table' ? current.alias?.name.toLowerCase() : undefined;
  if (
    current.k === 'table' &&
    (misreadType === 'semi' || misreadType === 'anti') &&
    joins.length > 0 &&
    (joins[0].joinType()?.getChildCount() ?? 0) === 0
  ) {
    current = { ...current, alias: undefined };
    current = { ...joinRelation(current, joins[0]), type: misreadType } as Relation;
    for (const join of joins.slice(1)) {
      current = joinRelation(current, join);
    }
  } else {
    for (const join of joins) {
      current = joinRelation(current, join);
    }
  }
  if (ctx.pivotClause().length > 1 || ctx.unPivotClause().length > 1) {
    return unsupported('several PIVOT/UNPIVOT clauses', ctx);
  }
  const unpivotCtx = ctx.unPivotClause(0);
  if (unpivotCtx !== null) {
    if (ctx.pivotClause().length > 0) {
      return unsupported('PIVOT with UNPIVOT', ctx);
    }
    return {
      k: 'unpivot',
      input: current,
      unpivot: unpivotClause(unpivotCtx),
      range: rangeOf(ctx)
    };
  }
  const pivot = ctx.pivotClause(0);
  if (pivot !== null) {
    return { k: 'pivot', input: current, pivot: pivotClause(pivot), range: rangeOf(ctx) };
  }
  return current;
}

function pivotClause(ctx: PivotClauseContext): Pivot {
  return {
    aggregates: ctx.namedExpressionSeq().namedExpression().map(selectItem),
    columns: ctx.pivotColumn().identifier().map(ident),
    values: ctx.pivotValue().map(value => {
      const alias = value.identifier();
      return {
        exprs: rowElements(value.expression()) ?? [expression(value.expression())],
        alias: alias === null ? undefined : ident(alias),
        range: rangeOf(value)
      };
    }),
    range: rangeOf(ctx)
  };
}

function unpivotClause(ctx: UnPivotClauseContext): Unpivot {
  const alias = ctx.identifier();
  const single = ctx.unPivotSingleValueColumnClause();
  const multi = ctx.unPivotMultiValueColumnClause();
  const common = {
    includeNulls: ctx.KW_INCLUDE() !== null,
    alias: alias === null ? undefined : ident(alias),
    range: rangeOf(ctx)
  };
  if (single !== null) {
    const [value, name] = single.identifier().map(ident);
    return {
      ...common,
      valueColumns: [value],
      nameColumn: name,
      sets: single.unPivotColumnAndAlias().map(column => {
        const as = column.identifier();
        return {
          columns: [columnExpr(column.multipartIdentifier())],
          alias: as === null ? undefined : ident(as),
          range: rangeOf(column)
        };
      })
    };
  }
  const identifiers = multi?.identifier().map(ident) ?? [];
  return {
    ...common,
    valueColumns: identifiers.slice(0, -1),
    nameColumn: identifiers[identifiers.length - 1] ?? { name: '', range: rangeOf(ctx) },
    sets: (multi?.unPivotColumnSet() ?? []).map(set => {
      const as = set.identifier();
      return {
        columns: set.multipartIdentifier().map(columnExpr),
        alias: as === null ? undefined : ident(as),
        range: rangeOf(set)
      };
    })
  };
}

function tableRelation(
  name: Ident[],
  aliasCtx: TableAliasContext | undefined,
  range: TextRange
): Relation {
  const alias = aliasCtx?.strictIdentifier() ?? null;
  const columns = aliasCtx?.identifierList() ?? null;
  return {
    k: 'table',
    name,
    alias: alias === null ? undefined : ident(alias),
    columnAliases: columns === null ? undefined : identifierList(columns),
    range
  };
}

function relationPrimary(ctx: RelationPrimaryContext): Relation {
  if (ctx instanceof TableSourceContext) {
    if (ctx.temporalClause() !== null) {
      return unsupported('time travel', ctx);
    }
    const name =
      ctx.tableName()?.tableIdentifier().errorCapturingIdentifier() ??
      ctx.viewName()?.viewIdentifier().errorCapturingIdentifier() ??
      null;
    const reference = ctx.identifierReference()?.multipartIdentifier() ?? null;
    const parts =
      name !== null ? name.map(ident) : reference !== null ? multipart(reference) : null;
    if (parts === null) {
      return unsupported('IDENTIFIER() table references', ctx);
    }
    return tableRelation(parts, ctx.tableAlias(), rangeOf(ctx));
  }
  if (ctx instanceof SubQueryTableSourceContext) {
    const alias = ctx.tableAlias();
    const name = alias.strictIdentifier();
    const columns = alias.identifierList();
    return {
      k: 'subquery',
      query: buildQuery(ctx.atomSubQueryTableSource().query()),
      alias: name === null ? undefined : ident(name),
      columnAliases: columns === null ? undefined : identifierList(columns),
      range: rangeOf(ctx)
    };
  }
  if (ctx instanceof JoinTableSourceContext) {
    if (ctx.tableAlias().strictIdentifier() !== null) {
      return unsupported('aliased parenthesized joins', ctx);
    }
    return relation(ctx.relation());
  }
  if (ctx instanceof InlineTableSourceContext) {
    return inlineTable(ctx.inlineTable().expression(), ctx.tableAlias(), rangeOf(ctx));
  }
  return unsupported('table-valued functions', ctx);
}

/** `VALUES (1, 'a'), (2, 'b')`: each row a row constructor or a single expression. */
function inlineTable(
  rowContexts: readonly ExpressionContext[],
  aliasCtx: TableAliasContext | undefined,
  range: TextRange
): Extract<Relation, { k: 'values' }> {
  const rows = rowContexts.map(row => rowElements(row) ?? [expression(row)]);
  const alias = aliasCtx?.strictIdentifier() ?? null;
  const columns = aliasCtx?.identifierList() ?? null;
  return {
    k: 'values',
    rows,
    alias: alias === null ? undefined : ident(alias),
    columnAliases: columns === null ? undefined : identifierList(columns),
    range
  };
}

/** The elements of a row constructor `(a, b, ...)`; undefined for any other expression. */
function rowElements(ctx: ExpressionContext): Expr[] | undefined {
  const bool = ctx.booleanExpression();
  const primary = bool.predicate() === null ? bool.valueExpression()?.primaryExpression() : null;
  const items = primary?.namedExpression() ?? [];
  return items.length > 1 ? items.map(item => selectItem(item).expr) : undefined;
}

/** A relation, or with LATERAL a subquery that may reference the relations to its left. */
function lateralPrimary(
  ctx: RelationPrimaryContext,
  lateral: boolean,
  parent: ParserRuleContext
): Relation {
  const relation = relationPrimary(ctx);
  if (!lateral) {
    return relation;
  }
  return relation.k === 'subquery'
    ? { ...relation, lateral: true }
    : unsupported('LATERAL table-valued functions', parent);
}

function joinRelation(left: Relation, ctx: JoinRelationContext): Relation {
  const range = { from: left.range.from, to: rangeOf(ctx).to };
  const type = joinType(ctx);
  const right = lateralPrimary(ctx.relationPrimary(), ctx.KW_LATERAL() !== null, ctx);
  if (ctx.KW_NATURAL() !== null) {
    return { k: 'join', type, left, right, natural: true, range };
  }
  const criteria = ctx.joinCriteria();
  if (criteria === null) {
    return { k: 'join', type, left, right, range };
  }
  const using = criteria.identifierList();
  if (using !== null) {
    return { k: 'join', type, left, right, using: identifierList(using), range };
  }
  const condition = criteria.booleanExpression();
  if (condition !== null) {
    return { k: 'join', type, left, right, on: booleanExpression(condition), range };
  }
  // `ON a.x = b.y` can also match the grammar's column-path alternative.
  const paths = criteria.columnNamePathAllowEmpty().map((p): Expr => {
    const parts = p.multipartIdentifierAllowEmpty()?.multipartIdentifier() ?? null;
    return parts === null
      ? unsupported('empty column', p)
      : { k: 'column', parts: multipart(parts), range: rangeOf(p) };
  });
  const on: Expr | undefined =
    paths.length === 2
      ? { k: 'binary', op: '=', left: paths[0], right: paths[1], range: rangeOf(criteria) }
      : paths[0];
  return { k: 'join', type, left, right, on, range };
}

function joinType(ctx: JoinRelationContext): JoinType {
  const t = ctx.joinType();
  if (t === null) {
    return 'inner';
  }
  if (t.KW_CROSS() !== null) {
    return 'cross';
  }
  if (t.KW_SEMI() !== null) {
    return 'semi';
  }
  if (t.KW_ANTI() !== null) {
    return 'anti';
  }
  if (t.KW_LEFT() !== null) {
    return 'left';
  }
  if (t.KW_RIGHT() !== null) {
    return 'right';
  }
  if (t.KW_FULL() !== null) {
    return 'full';
  }
  return 'inner';
}

// ---------------------------------------------------------------- expressions

function expressionOrUnsupported(ctx: ExpressionContext | null, parent: ParserRuleContext): Expr {
  return ctx === null ? unsupported('missing expression', parent) : expression(ctx);
}

export function expression(ctx: ExpressionContext): Expr {
  return booleanExpression(ctx.booleanExpression());
}

function booleanExpression(ctx: BooleanExpressionContext): Expr {
  const range = rangeOf(ctx);
  const children = ctx.booleanExpression();
  const existsQuery = ctx.KW_EXISTS() !== null ? ctx.query() : null;
  if (existsQuery !== null) {
    return { k: 'subquery', kind: 'exists', query: buildQuery(existsQuery), range };
  }
  if (children.length === 1) {
    return { k: 'unary', op: 'not', arg: booleanExpression(children[0]), range };
  }
  if (children.length === 2) {
    return {
      k: 'binary',
      op: ctx.KW_AND() !== null ? 'and' : 'or',
      left: booleanExpression(children[0]),
      right: booleanExpression(children[1]),
      range
    };
  }
  const value = ctx.valueExpression();
  if (value === null) {
    return unsupported('expression', ctx);
  }
  const base = valueExpression(value);
  const predicate = ctx.predicate();
  return predicate === null ? base : predicateExpr(base, predicate, range);
}

function predicateExpr(arg: Expr, ctx: PredicateContext, range: TextRange): Expr {
  const not = ctx.KW_NOT() !== null;
  const kind = ctx._kind?.type;
  switch (kind) {
    case P.KW_BETWEEN:
      return {
        k: 'between',
        arg,
        low: valueExpression(ctx.valueExpression(0)!),
        high: valueExpression(ctx.valueExpression(1)!),
        not,
        range
      };
    case P.KW_IN:
      if (ctx.query() !== null) {
        const query: Expr = {
          k: 'subquery',
          kind: 'in',
          query: buildQuery(ctx.query()!),
          arg,
          range
        };
        return not ? { k: 'unary', op: 'not', arg: query, range } : query;
      }
      return { k: 'in', arg, list: ctx.expression().map(expression), not, range };
    case P.KW_RLIKE:
    case P.KW_REGEXP:
      return { k: 'like', op: 'rlike', arg, pattern: valueExpression(ctx._pattern!), not, range };
    case P.KW_LIKE:
    case P.KW_ILIKE:
      if (ctx._quantifier != null || ctx._escapeChar !== undefined || ctx._pattern === undefined) {
        return { k: 'unsupported', what: 'LIKE ANY/ALL and ESCAPE', range };
      }
      return {
        k: 'like',
        op: kind === P.KW_LIKE ? 'like' : 'ilike',
        arg,
        pattern: valueExpression(ctx._pattern),
        not,
        range
      };
    case P.KW_NULL:
      return { k: 'isNull', arg, not, range };
    case P.KW_TRUE:
    case P.KW_FALSE:
    case P.KW_UNKNOWN:
      return {
        k: 'isBool',
        arg,
        value: kind === P.KW_TRUE ? true : kind === P.KW_FALSE ? false : null,
        not,
        range
      };
    case P.KW_DISTINCT: {
      const equal: Expr = {
        k: 'binary',
        op: '<=>',
        left: arg,
        right: valueExpression(ctx._right!),
        range
      };
      return not ? equal : { k: 'unary', op: 'not', arg: equal, range };
    }
    default:
      return { k: 'unsupported', what: 'predicate', range };
  }
}

const ARITHMETIC_TOKENS: ReadonlyMap<number, BinaryOp> = new Map<number, BinaryOp>([
  [P.ASTERISK, '*'],
  [P.SLASH, '/'],
  [P.PERCENT, '%'],
  [P.KW_DIV, 'div'],
  [P.PLUS, '+'],
  [P.MINUS, '-'],
  [P.CONCAT_PIPE, '||'],
  [P.AMPERSAND, '&'],
  [P.HAT, '^'],
  [P.PIPE, '|']
]);

function valueExpression(ctx: ValueExpressionContext): Expr {
  const range = rangeOf(ctx);
  const primary = ctx.primaryExpression();
  if (primary !== null) {
    return primaryExpression(primary);
  }
  const operands = ctx.valueExpression();
  if (operands.length === 1) {
    const op = ctx._operator?.type === P.MINUS ? '-' : ctx._operator?.type === P.PLUS ? '+' : '~';
    return { k: 'unary', op, arg: valueExpression(operands[0]), range };
  }
  if (operands.length !== 2) {
    return unsupported('expression', ctx);
  }
  const comparison = ctx.comparisonOperator();
  const op: BinaryOp | undefined =
    comparison !== null
      ? (comparison.getText() as BinaryOp)
      : ARITHMETIC_TOKENS.get(ctx._operator?.type ?? -1);
  if (op === undefined) {
    return unsupported('operator', ctx);
  }
  return {
    k: 'binary',
    op,
    left: valueExpression(operands[0]),
    right: valueExpression(operands[1]),
    range
  };
}

function call(name: Ident, args: Expr[], range: TextRange, distinct = false): Expr {
  return { k: 'function', name, args, distinct, star: false, range };
}

function primaryExpression(ctx: PrimaryExpressionContext): Expr {
  const range = rangeOf(ctx);
  const nameToken = ctx._name ?? null;
  if (ctx.KW_CASE() !== null) {
    const whens = ctx
      .whenClause()
      .map(w => [expression(w.expression(0)!), expression(w.expression(1)!)] as const);
    const all = ctx.expression();
    const elseCtx = ctx._elseExpression;
    const operandCtx = all.find(
      e => e !== elseCtx && !ctx.whenClause().some(w => w.expression().includes(e))
    );
    return {
      k: 'case',
      operand: operandCtx === undefined ? undefined : expression(operandCtx),
      whens,
      otherwise: elseCtx === undefined ? undefined : expression(elseCtx),
      range
    };
  }
  if (nameToken !== null) {
    switch (nameToken.type) {
      case P.KW_CAST:
      case P.KW_TRY_CAST:
        return {
          k: 'cast',
          arg: expression(ctx.expression(0)!),
          to: dataType(ctx.dataType()!),
          tryCast: nameToken.type === P.KW_TRY_CAST,
          range
        };
      case P.KW_CURRENT_DATE:
      case P.KW_CURRENT_TIMESTAMP:
      case P.KW_CURRENT_USER:
        return call(
          { name: (nameToken.text ?? '').toLowerCase(), range: tokenRange(nameToken) },
          [],
          range
        );
      default:
        return unitFunction(ctx, nameToken, range);
    }
  }
  const field = ctx._field;
  if (ctx.KW_EXTRACT() !== null && field !== undefined && ctx._source !== undefined) {
    const fieldName: Expr = {
      k: 'literal',
      value: { kind: 'typed', type: T.string, text: identifierText(field) },
      range: rangeOf(field)
    };
    return call(
      { name: 'extract', range: tokenRange(ctx.KW_EXTRACT()!) },
      [fieldName, valueExpression(ctx._source)],
      range
    );
  }
  const position = ctx.KW_POSITION();
  if (position !== null && ctx._substr !== undefined && ctx._str !== undefined) {
    // Spark reads `POSITION(a IN b)` as `locate(a, b)`.
    return call(
      { name: 'locate', range: tokenRange(position) },
      [valueExpression(ctx._substr), valueExpression(ctx._str)],
      range
    );
  }
  const constant = ctx.constant();
  if (constant !== null) {
    return literal(constant);
  }
  if (ctx.ASTERISK() !== null) {
    const qualifier = ctx.qualifiedName();
    return { k: 'star', qualifier: qualifier === null ? [] : qualifiedName(qualifier), range };
  }
  const subquery = ctx.query();
  if (subquery !== null) {
    return { k: 'subquery', kind: 'scalar', query: buildQuery(subquery), range };
  }
  const functionName = ctx.functionName();
  if (functionName !== null) {
    return functionCall(ctx, functionName.qualifiedName(), range);
  }
  if (ctx.ARROW() !== null) {
    const body = ctx.expression(0);
    if (body === null) {
      return unsupported('lambda functions', ctx);
    }
    return { k: 'lambda', params: ctx.identifier().map(ident), body: expression(body), range };
  }
  if (ctx._value !== undefined && ctx._index !== undefined) {
    return {
      k: 'index',
      base: primaryExpression(ctx._value),
      index: valueExpression(ctx._index),
      range
    };
  }
  const path = ctx.columnNamePath();
  if (path !== null) {
    return columnExpr(path.multipartIdentifier());
  }
  if (ctx._base !== undefined && ctx._fieldName !== undefined) {
    return { k: 'field', base: primaryExpression(ctx._base), field: ident(ctx._fieldName), range };
  }
  if (ctx.KW_STRUCT() !== null) {
    const items = ctx.namedExpression().map(selectItem);
    if (items.some(item => item.alias !== undefined)) {
      return unsupported('struct() with aliases', ctx);
    }
    return call(
      { name: 'struct', range: tokenRange(ctx.KW_STRUCT()!) },
      items.map(item => item.expr),
      range
    );
  }
  if (ctx.namedExpression().length > 1) {
    return unsupported('row constructors', ctx);
  }
  const first = ctx.KW_FIRST() ?? ctx.KW_LAST() ?? ctx.KW_ANY_VALUE();
  if (first !== null) {
    const name = first.getText().toLowerCase();
    return call({ name, range: tokenRange(first) }, [expression(ctx.expression(0)!)], range);
  }
  const substr = ctx.KW_SUBSTR() ?? ctx.KW_SUBSTRING();
  if (substr !== null) {
    const args = [ctx._str, ctx._pos, ctx._len]
      .filter((a): a is ValueExpressionContext => a !== undefined)
      .map(valueExpression);
    return call({ name: substr.getText().toLowerCase(), range: tokenRange(substr) }, args, range);
  }
  const trim = ctx.KW_TRIM();
  if (
    trim !== null &&
    ctx._trimOption == null &&
    ctx._trimStr === undefined &&
    ctx._srcStr !== undefined
  ) {
    return call({ name: 'trim', range: tokenRange(trim) }, [valueExpression(ctx._srcStr)], range);
  }
  const inner = ctx.expression(0);
  if (inner !== null && ctx.LEFT_PAREN().length === 1 && ctx.getChildCount() === 3) {
    return expression(inner);
  }
  return unsupported(ctx.start?.text?.toUpperCase() ?? 'expression', ctx);
}

/**
 * `timestampadd(HOUR, n, ts)` / `dateadd` / `date_add(unit, ...)` and `timestampdiff(DAY, a, b)`
 * / `datediff(unit, ...)`: Spark names them all `timestampadd` / `timestampdiff`, with the unit
 * as written in upper case.
 */
function unitFunction(ctx: PrimaryExpressionContext, nameToken: Token, range: TextRange): Expr {
  const unit = ctx.datetimeUnit();
  const add = [P.KW_TIMESTAMPADD, P.KW_DATEADD, P.KW_DATE_ADD].includes(nameToken.type);
  const first = add ? ctx._unitsAmount : ctx._startTimestamp;
  const second = add ? ctx._timestamp : ctx._endTimestamp;
  if (unit === null || first === undefined || second === undefined) {
    return unsupported(`${(nameToken.text ?? '').toUpperCase()} with this unit`, ctx);
  }
  const unitName: Expr = {
    k: 'literal',
    value: { kind: 'typed', type: T.string, text: unit.getText().toUpperCase() },
    range: rangeOf(unit)
  };
  return call(
    { name: add ? 'timestampadd' : 'timestampdiff', range: tokenRange(nameToken) },
    [unitName, valueExpression(first), valueExpression(second)],
    range
  );
}

function functionCall(
  ctx: PrimaryExpressionContext,
  qualified: QualifiedNameContext | null,
  range: TextRange
): Expr {
  if (ctx.KW_FILTER() !== null || ctx._nullsOption != null) {
    return unsupported('aggregate FILTER / IGNORE NULLS', ctx);
  }
  const nameCtx = ctx.functionName()!;
  if (qualified === null && nameCtx.KW_IDENTIFIER() !== null) {
    return unsupported('IDENTIFIER() function names', ctx);
  }
  const parts =
    qualified === null
      ? [{ name: nameCtx.getText(), range: rangeOf(nameCtx) }]
      : qualifiedName(qualified);
  if (parts.length > 1) {
    return unsupported('qualified function names', ctx);
  }
  const args: Expr[] = [];
  for (const argument of ctx.functionArgument()) {
    const e = argument.expression();
    args.push(e === null ? unsupported('named arguments', argument) : expression(e));
  }
  const setQuantifier = ctx.setQuantifier();
  const spec = ctx.windowSpec();
  const star = args.length === 1 && args[0].k === 'star' && args[0].qualifier.length === 0;
  return {
    k: 'function',
    name: parts[0],
    args: star ? [] : args,
    distinct: setQuantifier?.KW_DISTINCT() != null,
    star,
    over: spec === null ? undefined : windowSpec(spec),
    range
  };
}

// ---------------------------------------------------------------- literals

function literal(ctx: ConstantContext): Expr {
  const range = rangeOf(ctx);
  if (ctx.KW_NULL() !== null) {
    return { k: 'literal', value: { kind: 'null' }, range };
  }
  const bool = ctx.booleanValue();
  if (bool !== null) {
    return { k: 'literal', value: { kind: 'boolean', value: bool.KW_TRUE() !== null }, range };
  }
  const num = ctx.number();
  if (num !== null) {
    return numberLiteral(num, range);
  }
  const typed = ctx.literalType();
  const strings = ctx.stringLit();
  if (typed !== null && strings.length === 1) {
    const text = unescapeString(strings[0]);
    if (typed.KW_DATE() !== null) {
      return {
        k: 'literal',
        value: { kind: 'typed', type: T.date, text: `DATE '${text}'` },
        range
      };
    }
    if (
      typed.KW_TIMESTAMP() !== null ||
      typed.KW_TIMESTAMP_LTZ() !== null ||
      typed.KW_TIMESTAMP_NTZ() !== null
    ) {
      const ntz = typed.KW_TIMESTAMP_NTZ() !== null;
      return {
        k: 'literal',
        value: {
          kind: 'typed',
          type: ntz ? T.timestampNtz : T.timestamp,
          text: `${ntz ? 'TIMESTAMP_NTZ' : 'TIMESTAMP'} '${normalizeTimestamp(text)}'`
        },
        range
      };
    }
    return unsupported(`${typed.getText().toUpperCase()} literals`, ctx);
  }
  if (strings.length > 0) {
    return {
      k: 'literal',
      value: { kind: 'string', value: strings.map(unescapeString).join('') },
      range
    };
  }
  const interval = ctx.interval();
  return interval === null ? unsupported('parameter markers', ctx) : intervalLiteral(interval);
}

function intervalLiteral(ctx: IntervalContext): Expr {
  const range = rangeOf(ctx);
  const value = (v: IntervalValueContext): string => {
    const sign = v.MINUS() !== null ? '-' : '';
    const literal = v.stringLit();
    return sign + (literal !== null ? unescapeString(literal) : v.getText().replace(/^[+-]/, ''));
  };
  const multi = ctx.errorCapturingMultiUnitsInterval();
  const toUnit = ctx.errorCapturingUnitToUnitInterval();
  let parsed: IntervalLiteral | undefined;
  if (multi !== null && multi.unitToUnitInterval() === null) {
    const body = multi.multiUnitsInterval();
    const units = body.unitInMultiUnits();
    parsed = multiUnitInterval(
      body.intervalValue().map((v, i) => ({ value: value(v), unit: units[i].getText() }))
    );
  } else if (toUnit !== null && toUnit.unitToUnitInterval().length === 1) {
    const body = toUnit.unitToUnitInterval(0)!;
    const [from, to] = body.unitInUnitToUnit().map(u => u.getText());
    parsed = unitToUnitInterval(value(body.intervalValue()), from, to);
  }
  if (parsed === undefined) {
    return unsupported('this interval literal', ctx);
  }
  if (!parsed.ok) {
    return { k: 'invalid', code: '_LEGACY_ERROR_TEMP_0029', message: parsed.message, range };
  }
  return { k: 'literal', value: { kind: 'typed', type: parsed.type, text: parsed.text }, range };
}

/** Spark prints timestamp literals with seconds: `TIMESTAMP '2024-01-31 10:00:00'`. */
function normalizeTimestamp(text: string): string {
  const trimmed = text.trim().replace('T', ' ');
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    return `${trimmed} 00:00:00`;
  }
  if (/^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}$/.test(trimmed)) {
    return `${trimmed}:00`;
  }
  return trimmed;
}

const MAX_INT = 2147483647n;
const MAX_LONG = 9223372036854775807n;

function numberLiteral(ctx: NumberContext, range: TextRange): Expr {
  const sign = ctx.MINUS() !== null ? '-' : '';
  const value = (type: DataType, text: string): Expr => ({
    k: 'literal',
    value: { kind: 'number', type, text },
    range
  });
  const integer = ctx.INTEGER_VALUE();
  if (integer !== null) {
    const digits = integer.getText();
    const big = BigInt(sign + digits);
    const abs = big < 0n ? -big : big;
    const text = big.toString();
    if (abs <= MAX_INT || big === -MAX_INT - 1n) {
      return value(T.int, text);
    }
    if (abs <= MAX_LONG || big === -MAX_LONG - 1n) {
      return value(T.bigint, text);
    }
    return value(T.decimal(Math.max(1, digits.replace(/^0+/, '').length), 0), text);
  }
  const suffixed = (token: TerminalNode | null, type: DataType): Expr | undefined =>
    token === null
      ? undefined
      : value(type, (sign + token.getText().slice(0, -1)).replace(/^(-?)0+(?=\d)/, '$1'));
  const small =
    suffixed(ctx.BIGINT_LITERAL(), T.bigint) ??
    suffixed(ctx.SMALLINT_LITERAL(), T.smallint) ??
    suffixed(ctx.TINYINT_LITERAL(), T.tinyint);
  if (small !== undefined) {
    return small;
  }
  const double = ctx.DOUBLE_LITERAL() ?? ctx.FLOAT_LITERAL();
  if (double !== null) {
    const n = Number(sign + double.getText().slice(0, -1));
    return value(ctx.DOUBLE_LITERAL() !== null ? T.double : T.float, javaDoubleString(n));
  }
  const exponent = ctx.EXPONENT_VALUE();
  if (exponent !== null) {
    return value(T.double, javaDoubleString(Number(sign + exponent.getText())));
  }
  const decimal = ctx.DECIMAL_VALUE() ?? ctx.BIGDECIMAL_LITERAL();
  if (decimal !== null) {
    // Java's BigDecimal prints `.5` as `0.5` and `5.` as `5`.
    const text = decimal.getText().replace(/bd$/i, '').replace(/^\./, '0.').replace(/\.$/, '');
    return value(decimalLiteralType(text), sign + text);
  }
  return value(T.unknown, ctx.getText());
}

/** The type of a decimal literal, as Java's BigDecimal sees its digits. */
function decimalLiteralType(text: string): DataType {
  const [whole, fraction = ''] = text.split('.');
  const scale = fraction.length;
  const digits = (whole + fraction).replace(/^0+/, '');
  const precision = Math.max(digits.length, 1, scale);
  return T.decimal(precision, scale);
}

/** Java's `Double.toString`, which Spark uses for the names of double literals. */
export function javaDoubleString(n: number): string {
  if (!Number.isFinite(n)) {
    return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
  }
  const abs = Math.abs(n);
  if (abs === 0 || (abs >= 1e-3 && abs < 1e7)) {
    const s = String(n);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa, exp] = n.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exp)}`;
}

/** Spark's `unescapeSQLString` for the escapes feature queries use. */
function unescapeString(ctx: StringLitContext): string {
  const raw = sourceText(ctx);
  const body = raw.slice(1, -1);
  return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_match, escape: string) => {
    if (escape.length === 5) {
      return String.fromCharCode(parseInt(escape.slice(1), 16));
    }
    const map: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      b: '\b',
      '0': '\0',
      Z: '\u001a',
      '%': '\\%',
      _: '\\_'
    };
    return map[escape] ?? escape;
  });
}

// ---------------------------------------------------------------- data types

function dataType(ctx: DataTypeContext): DataType {
  const complex = ctx._complex?.type;
  if (complex === P.KW_ARRAY) {
    return T.array(dataType(ctx.dataType(0)!));
  }
  if (complex === P.KW_MAP) {
    return T.map(dataType(ctx.dataType(0)!), dataType(ctx.dataType(1)!));
  }
  if (complex === P.KW_STRUCT) {
    const fields: StructField[] = ctx.complexColType().map(c => ({
      name: identifierText(c.identifier()),
      type: dataType(c.dataType()),
      nullable: c.KW_NOT() === null
    }));
    return { kind: 'struct', fields };
  }
  const type = ctx.type();
  if (type === null) {
    return T.unknown;
  }
  const params = ctx.INTEGER_VALUE().map(t => Number(t.getText()));
  switch (type.start?.type) {
    case P.KW_BOOLEAN:
      return T.boolean;
    case P.KW_TINYINT:
    case P.KW_BYTE:
      return T.tinyint;
    case P.KW_SMALLINT:
    case P.KW_SHORT:
      return T.smallint;
    case P.KW_INT:
    case P.KW_INTEGER:
      return T.int;
    case P.KW_BIGINT:
    case P.KW_LONG:
      return T.bigint;
    case P.KW_FLOAT:
    case P.KW_REAL:
      return T.float;
    case P.KW_DOUBLE:
      return T.double;
    case P.KW_DATE:
      return T.date;
    case P.KW_TIMESTAMP:
    case P.KW_TIMESTAMP_LTZ:
      return T.timestamp;
    case P.KW_TIMESTAMP_NTZ:
      return T.timestampNtz;
    case P.KW_STRING:
    case P.KW_CHAR:
    case P.KW_CHARACTER:
    case P.KW_VARCHAR:
      return T.string;
    case P.KW_BINARY:
      return T.binary;
    case P.KW_VOID:
      return T.void;
    case P.KW_DECIMAL:
    case P.KW_DEC:
    case P.KW_NUMERIC:
      return T.decimal(params[0] ?? 10, params[1] ?? 0);
    default:
      return T.unknown;
  }
}
