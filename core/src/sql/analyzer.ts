/**
 * The analyzer of queries: a logical plan is built operator by operator (scan, join, filter,
 * aggregate, project, distinct, set operation, sort, limit), each with its output schema, the
 * way Spark's analyzer resolves the same query.
 */
import type {
  Cte,
  Expr,
  Ident,
  LateralView,
  NamedWindow,
  Pivot,
  Query,
  Unpivot,
  QueryTerm,
  Relation,
  Select,
  TextRange,
  WindowSpec
} from './ast.js';
import type { Catalog } from './catalog.js';
import { widerType, widerTypeOf, type CoercionMode } from './coercion.js';
import { didYouMean, type DiagnosticSink } from './diagnostics.js';
import { lookupFunction } from './functions.js';
import { GENERATORS, generatorColumns } from './generators.js';
import {
  analyzeExpression,
  resolveCandidates,
  type Attribute,
  type ExpressionContext,
  type Scope,
  type Typed
} from './expressions.js';
import type { OuterScope, SubqueryPlan } from './typed.js';
import { T, simpleString, sqlTypeName, type DataType } from './types.js';

export interface Column {
  readonly name: string;
  /** Spark's `simpleString` of the type, or `unknown`. */
  readonly type: string;
  readonly nullable: boolean;
}

export interface RelationSchema {
  /** A CTE name, a subquery alias, or `$result`. */
  readonly name: string;
  readonly columns: readonly Column[];
  readonly range: TextRange;
  /** Part of the relation could not be analysed (see the warnings); columns may be missing. */
  readonly complete: boolean;
}

export interface OperatorSchema {
  readonly op: string;
  /** The enclosing relation: a CTE name, a subquery alias, or `$result`. */
  readonly relation: string;
  readonly range: TextRange;
  readonly columns: readonly Column[];
}

/** The output of a plan node. */
interface Plan {
  readonly attributes: readonly Attribute[];
  readonly hidden: readonly Attribute[];
  /** False when an unsupported construct hides some columns. */
  readonly complete: boolean;
}

interface CteBinding {
  readonly attributes: readonly Attribute[];
  readonly complete: boolean;
  /**
   * A DataFrame of a PySpark chain: referenced as is (same attribute ids and qualifiers, as
   * Spark's plan keeps them from one DataFrame to the next), without a scan operator.
   */
  readonly passThrough?: boolean;
}

/** A DataFrame bound by name for `analyzeFrameQuery`. */
export interface FrameBinding {
  readonly attributes: readonly Attribute[];
  readonly complete: boolean;
}

/**
 * Analyses queries over named DataFrames (the PySpark lowering): one session per analysed
 * text, so attribute ids stay unique across all of its queries.
 */
export class FrameAnalyzer {
  readonly relations: RelationSchema[] = [];
  readonly operators: OperatorSchema[] = [];
  private readonly ids = { next: 1 };

  constructor(
    private readonly catalog: Catalog,
    private readonly mode: CoercionMode,
    /** Where diagnostics go; swapped to silence earlier cells. */
    public diagnostics: DiagnosticSink
  ) {}

  /** A fresh attribute id, for columns the lowering creates itself. */
  freshId(): number {
    return this.ids.next++;
  }

  /**
   * Analyse `query`, whose table references may name the `frames` (and `views`, temporary views
   * registered by name, referenced with fresh ids like a CTE); operators are reported under
   * `enclosing`.
   */
  analyze(
    query: Query,
    frames: ReadonlyMap<string, FrameBinding>,
    views: ReadonlyMap<string, FrameBinding>,
    enclosing: string
  ): { attributes: readonly Attribute[]; complete: boolean } {
    const ctes = new Map<string, CteBinding>();
    for (const [name, view] of views) {
      ctes.set(name.toLowerCase(), view);
    }
    for (const [name, frame] of frames) {
      ctes.set(name.toLowerCase(), { ...frame, passThrough: true });
    }
    const env: Env = {
      catalog: this.catalog,
      mode: this.mode,
      diagnostics: this.diagnostics,
      ctes,
      relations: this.relations,
      operators: this.operators,
      enclosing,
      ids: this.ids
    };
    const plan = analyzeQuery(query, env);
    return { attributes: plan.attributes, complete: plan.complete };
  }

  /** Record an operator the lowering computed itself. */
  record(op: string, relation: string, range: TextRange, attributes: readonly Attribute[]): void {
    this.operators.push({ op, relation, range, columns: columnsOf(attributes) });
  }
}

interface Env {
  readonly catalog: Catalog;
  readonly mode: CoercionMode;
  readonly diagnostics: DiagnosticSink;
  readonly ctes: ReadonlyMap<string, CteBinding>;
  readonly relations: RelationSchema[];
  readonly operators: OperatorSchema[];
  /** The relation operators are reported under. */
  readonly enclosing: string;
  readonly ids: { next: number };
  /** Inside a subquery expression: the scope of the query around it. */
  readonly outer?: OuterScope;
}

/** What a SELECT keeps for ORDER BY, which may look below the projection. */
interface SelectInfo {
  readonly scope: Scope;
  readonly aggregate?: AggregateInfo;
  readonly groupingAnalytics: boolean;
}

interface AggregateInfo {
  readonly groupKeys: ReadonlySet<string>;
  readonly hasGroupBy: boolean;
}

interface TermResult extends Plan {
  readonly select?: SelectInfo;
}

export interface QueryAnalysis {
  readonly relations: RelationSchema[];
  readonly operators: OperatorSchema[];
  readonly result: Plan;
}

export function columnsOf(attributes: readonly Attribute[]): Column[] {
  return attributes.map(a => ({
    name: a.name,
    type: a.type.kind === 'unknown' ? 'unknown' : simpleString(a.type),
    nullable: a.nullable
  }));
}

/** Analyse one query statement; `$result` is its output. */
export function analyzeQueryStatement(
  query: Query,
  catalog: Catalog,
  mode: CoercionMode,
  diagnostics: DiagnosticSink
): QueryAnalysis {
  const env: Env = {
    catalog,
    mode,
    diagnostics,
    ctes: new Map(),
    relations: [],
    operators: [],
    enclosing: '$result',
    ids: { next: 1 }
  };
  const result = analyzeQuery(query, env);
  env.relations.push({
    name: '$result',
    columns: columnsOf(result.attributes),
    range: query.range,
    complete: result.complete
  });
  return { relations: env.relations, operators: env.operators, result };
}

function freshId(env: Env): number {
  return env.ids.next++;
}

function record(env: Env, op: string, range: TextRange, attributes: readonly Attribute[]): void {
  env.operators.push({ op, relation: env.enclosing, range, columns: columnsOf(attributes) });
}

const emptyScope: Scope = { attributes: [], hidden: [] };

function exprContext(
  env: Env,
  scope: Scope,
  extra: Partial<ExpressionContext> = {}
): ExpressionContext {
  return {
    scope: env.outer === undefined ? scope : { ...scope, outer: env.outer },
    mode: env.mode,
    diagnostics: env.diagnostics,
    allowAggregates: false,
    subquery: (query, around) => analyzeSubquery(query, around, env),
    ...extra
  };
}

/** The query of a subquery expression; names it cannot resolve are looked up around it. */
function analyzeSubquery(query: Query, around: Scope, env: Env): SubqueryPlan {
  const outer: OuterScope = { scope: around, references: [] };
  const plan = analyzeQuery(query, { ...env, outer });
  const body = query.body;
  const aggregated =
    body.k !== 'select' ||
    body.groupBy !== undefined ||
    body.items.some(item => hasAggregateCall(item.expr));
  return {
    attributes: plan.attributes,
    complete: plan.complete,
    outerReferences: outer.references,
    aggregated
  };
}

function windowMap(...clauses: (readonly NamedWindow[])[]): Map<string, WindowSpec> {
  const map = new Map<string, WindowSpec>();
  for (const clause of clauses) {
    for (const w of clause) {
      map.set(w.name.name.toLowerCase(), w.spec);
    }
  }
  return map;
}

// ---------------------------------------------------------------- queries

/** Bind a query's CTEs, analyse its body, then ORDER BY and LIMIT. */
export function analyzeQuery(query: Query, outer: Env): Plan {
  let env = outer;
  for (const cte of query.ctes) {
    env = bindCte(cte, env);
  }
  for (const part of query.unsupported) {
    env.diagnostics.notAnalyzed(part.what, part.range);
  }
  const body = analyzeTerm(query.body, env, query.windows);
  if (query.orderBy.length > 0) {
    analyzeOrderBy(query, body, env);
    record(
      env,
      'sort',
      { from: query.orderBy[0].range.from, to: query.orderBy[query.orderBy.length - 1].range.to },
      body.attributes
    );
  }
  if (query.limit !== undefined) {
    const limit = analyzeExpression(query.limit, exprContext(env, emptyScope));
    if (
      limit.type.kind !== 'unknown' &&
      !['tinyint', 'smallint', 'int', 'bigint'].includes(limit.type.kind)
    ) {
      env.diagnostics.error(
        'INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE',
        `The limit expression "${limit.sql}" must be an integer.`,
        limit.range
      );
    }
    record(env, 'limit', query.limit.range, body.attributes);
  }
  const complete = body.complete && query.unsupported.length === 0;
  return { attributes: body.attributes, hidden: [], complete };
}

function bindCte(cte: Cte, env: Env): Env {
  let binding: CteBinding;
  if (cte.query === undefined) {
    // Its body did not parse (the syntax error is reported): references to it stay quiet.
    binding = { attributes: [], complete: false };
  } else {
    const plan = analyzeQuery(cte.query, { ...env, enclosing: cte.name.name });
    let attributes = plan.attributes;
    if (cte.columnAliases !== undefined) {
      attributes = renameColumns(attributes, cte.columnAliases, cte.name, env);
    }
    binding = { attributes, complete: plan.complete };
    env.relations.push({
      name: cte.name.name,
      columns: columnsOf(attributes),
      range: cte.range,
      complete: plan.complete
    });
  }
  const ctes = new Map(env.ctes);
  ctes.set(cte.name.name.toLowerCase(), binding);
  return { ...env, ctes };
}

function renameColumns(
  attributes: readonly Attribute[],
  names: readonly Ident[],
  owner: Ident | undefined,
  env: Env
): Attribute[] {
  if (names.length !== attributes.length) {
    const range =
      names.length > 0
        ? { from: names[0].range.from, to: names[names.length - 1].range.to }
        : (owner?.range ?? { from: 0, to: 0 });
    // Spark 3.5 has no named class for this one yet.
    env.diagnostics.error(
      '_LEGACY_ERROR_TEMP_1028',
      `Number of column aliases does not match number of columns. Number of column aliases: ${names.length}; number of columns: ${attributes.length}.`,
      range
    );
    return [...attributes];
  }
  return attributes.map((a, i) => ({ ...a, id: freshId(env), name: names[i].name }));
}

function analyzeTerm(term: QueryTerm, env: Env, windows: readonly NamedWindow[] = []): TermResult {
  switch (term.k) {
    case 'select':
      return analyzeSelect(term, env, windows);
    case 'nested':
      return analyzeQuery(term.query, env);
    case 'values':
      return analyzeValues(term.relation, env);
    case 'unsupported':
      if (term.what !== '') {
        env.diagnostics.notAnalyzed(term.what, term.range);
      }
      return { attributes: [], hidden: [], complete: false };
    case 'setOp':
      return analyzeSetOp(term, env);
  }
}

function analyzeSetOp(term: Extract<QueryTerm, { k: 'setOp' }>, env: Env): TermResult {
  const left = analyzeTerm(term.left, env);
  const right = analyzeTerm(term.right, env);
  const opName = term.op.toUpperCase();
  if (!left.complete || !right.complete) {
    return { attributes: left.attributes, hidden: [], complete: false };
  }
  if (left.attributes.length !== right.attributes.length) {
    env.diagnostics.error(
      'NUM_COLUMNS_MISMATCH',
      `${opName} can only be performed on inputs with the same number of columns, but the first input has ${left.attributes.length} columns and the second input has ${right.attributes.length} columns.`,
      term.range
    );
    return { attributes: left.attributes, hidden: [], complete: false };
  }
  const attributes: Attribute[] = [];
  for (let i = 0; i < left.attributes.length; i++) {
    const l = left.attributes[i];
    const r = right.attributes[i];
    const type = widerType(l.type, r.type, env.mode);
    if (type === undefined) {
      env.diagnostics.error(
        'INCOMPATIBLE_COLUMN_TYPE',
        `${opName} can only be performed on tables with compatible column types. Column ${i + 1} of the second table is "${sqlTypeName(r.type)}" type which is not compatible with "${sqlTypeName(l.type)}" at the same column of the first table.`,
        term.range
      );
    }
    const nullable =
      term.op === 'union'
        ? l.nullable || r.nullable
        : term.op === 'intersect'
          ? l.nullable && r.nullable
          : l.nullable;
    attributes.push({
      id: freshId(env),
      name: l.name,
      type: type ?? T.unknown,
      nullable,
      qualifier: []
    });
  }
  record(env, term.op, term.range, attributes);
  return { attributes, hidden: [], complete: true };
}

// ---------------------------------------------------------------- SELECT

function analyzeSelect(select: Select, env: Env, queryWindows: readonly NamedWindow[]): TermResult {
  let from = analyzeFrom(select.from, env);
  for (const view of select.lateralViews) {
    from = analyzeLateralView(view, from, env);
  }
  if (select.pivot !== undefined) {
    from = analyzePivot(from, select.pivot, env);
  }
  for (const part of select.unsupported) {
    env.diagnostics.notAnalyzed(part.what, part.range);
  }
  let complete = from.complete && select.unsupported.length === 0;
  const scope: Scope = { attributes: from.attributes, hidden: from.hidden, incomplete: !complete };
  const windows = windowMap(select.windows, queryWindows);
  const groupingAnalytics = select.grouping !== undefined;

  if (select.where !== undefined) {
    const condition = analyzeExpression(
      select.where,
      exprContext(env, scope, {
        aggregateError: {
          code: 'INVALID_WHERE_CONDITION',
          message: 'The WHERE condition contains aggregate functions; move them to HAVING.'
        },
        windowError: {
          code: '_LEGACY_ERROR_TEMP_1034',
          message: 'It is not allowed to use window functions inside WHERE clause.'
        }
      })
    );
    expectCondition(condition, 'Filter', env);
    record(env, 'filter', select.where.range, scope.attributes);
  }

  const itemContext = { windows, groupingAnalytics };
  let items = expandSelectItems(select, scope, env, itemContext);
  complete = complete && items.complete;
  const aliasMap = new Map<string, Typed>();
  for (const item of items.results) {
    if (item.aliasName !== undefined) {
      aliasMap.set(item.aliasName.toLowerCase(), item.typed);
    }
  }
  const isAggregate =
    select.groupBy !== undefined ||
    items.results.some(i => i.typed.containsAggregate) ||
    (select.having !== undefined && hasAggregateCall(select.having));
  let aggregate: AggregateInfo | undefined;
  if (isAggregate) {
    aggregate = analyzeGrouping(select, items.results, scope, env);
    // With an unsupported grouping construct the grouping keys are not known.
    const checks = complete ? aggregate : undefined;
    for (const item of items.results) {
      if (checks !== undefined) {
        checkGrouped(item.typed, checks, env);
      }
    }
    if (select.having !== undefined) {
      const having = analyzeExpression(
        select.having,
        exprContext(env, scope, {
          allowAggregates: true,
          aliases: aliasMap,
          groupingAnalytics,
          windowError: HAVING_WINDOW_ERROR
        })
      );
      expectCondition(having, 'Filter', env);
      // HAVING sees the aggregate's output: a column that is neither grouped nor aggregated is
      // not found there (Spark reports it as unresolved, suggesting the output columns).
      const outputNames = items.results.map(item => item.aliasName ?? item.typed.alias);
      if (checks !== undefined) {
        checkGrouped(having, checks, env, outputNames);
      }
    }
    if (select.grouping !== undefined) {
      // A grouping set that leaves a column out fills it with NULL: the output sees nullable
      // grouping columns, and expressions over them are typed again with that.
      const nullable = nullableGroupingKeys(select, items.results, scope, env);
      const grouped: Scope = {
        ...scope,
        attributes: scope.attributes.map(a =>
          nullable.has(`#${a.id}`) ? { ...a, nullable: true } : a
        )
      };
      // The first pass already reported the subqueries' relations and operators.
      const quiet: Env = { ...env, relations: [], operators: [] };
      const again = expandSelectItems(select, grouped, quiet, itemContext);
      items = {
        complete: again.complete,
        results: again.results.map(r =>
          nullable.has(r.typed.key) ? { ...r, typed: { ...r.typed, nullable: true } } : r
        )
      };
    }
  } else if (select.having !== undefined) {
    const having = analyzeExpression(
      select.having,
      exprContext(env, scope, {
        allowAggregates: true,
        aliases: aliasMap,
        windowError: HAVING_WINDOW_ERROR
      })
    );
    expectCondition(having, 'Filter', env);
  }

  const attributes = items.results.map((item): Attribute => {
    const name = item.aliasName ?? item.typed.alias;
    const attribute = item.typed.attribute;
    if (
      attribute !== undefined &&
      item.aliasName === undefined &&
      item.typed.key === `#${attribute.id}`
    ) {
      return { ...attribute, name, nullable: item.typed.nullable };
    }
    return {
      id: freshId(env),
      name,
      type: item.typed.type,
      nullable: item.typed.nullable,
      qualifier: []
    };
  });
  if (isAggregate) {
    record(env, 'aggregate', select.range, attributes);
    if (select.having !== undefined) {
      record(env, 'filter', select.having.range, attributes);
    }
  }
  // Spark evaluates generators and window functions of the select list in operators of their
  // own, below the projection; they are reported with the select list's output.
  if (items.results.some(item => item.typed.key.startsWith(GENERATOR_KEY))) {
    record(env, 'generate', select.range, attributes);
  }
  if (items.results.some(item => item.typed.containsWindow === true)) {
    record(env, 'window', select.range, attributes);
  }
  if (!isAggregate) {
    record(env, 'project', select.range, attributes);
  }
  if (select.distinct) {
    record(env, 'distinct', select.range, attributes);
  }
  return {
    attributes,
    hidden: [],
    complete,
    select: { scope, aggregate, groupingAnalytics }
  };
}

const HAVING_WINDOW_ERROR = {
  code: '_LEGACY_ERROR_TEMP_1034',
  message: 'It is not allowed to use window functions inside HAVING clause.'
};

/** Grouping keys that some grouping set leaves out. */
function nullableGroupingKeys(
  select: Select,
  items: readonly SelectItemResult[],
  scope: Scope,
  env: Env
): Set<string> {
  const all = new Set<string>();
  const always = new Set<string>();
  for (const element of select.grouping ?? []) {
    const sets = element.sets.map(
      set => new Set(set.map(e => groupKey(e, items, scope, env)).filter(k => k !== undefined))
    );
    for (const set of sets) {
      set.forEach(k => all.add(k));
    }
    // A key in every set of one element is in every combined grouping set.
    for (const key of sets[0] ?? []) {
      if (sets.every(set => set.has(key))) {
        always.add(key);
      }
    }
  }
  return new Set([...all].filter(k => !always.has(k)));
}

/** `LATERAL VIEW [OUTER] gen(args) t AS c1, c2`: the generator's columns join the input's. */
function analyzeLateralView(view: LateralView, input: Plan, env: Env): Plan {
  const scope: Scope = {
    attributes: input.attributes,
    hidden: input.hidden,
    incomplete: !input.complete
  };
  const name = view.generator.name.name.toLowerCase();
  const args = view.generator.args.map(a => analyzeExpression(a, exprContext(env, scope)));
  if (!GENERATORS.has(name)) {
    env.diagnostics.notAnalyzed(`LATERAL VIEW ${name}`, view.range);
    return { ...input, complete: false };
  }
  const columns = generatorColumns(name, args, view.outer, view.generator.range, env.diagnostics);
  if (columns === undefined) {
    return { ...input, complete: false };
  }
  let names = columns.map(c => c.name);
  if (view.columnAliases.length > 0) {
    if (view.columnAliases.length !== columns.length) {
      udtfAliasMismatch(columns.length, view.columnAliases, view.range, env);
      return { ...input, complete: false };
    }
    names = view.columnAliases.map(a => a.name);
  }
  const generated = columns.map((c, i): Attribute => ({
    id: freshId(env),
    name: names[i],
    type: c.type,
    nullable: c.nullable,
    qualifier: view.alias === undefined ? [] : [view.alias.name]
  }));
  const attributes = [...input.attributes, ...generated];
  record(env, 'generate', view.range, attributes);
  return { attributes, hidden: input.hidden, complete: input.complete };
}

function udtfAliasMismatch(
  expected: number,
  aliases: readonly Ident[],
  range: TextRange,
  env: Env
): void {
  env.diagnostics.error(
    'UDTF_ALIAS_NUMBER_MISMATCH',
    `The number of aliases supplied in the AS clause does not match the number of columns output by the UDTF. Expected ${expected} aliases, but got ${aliases.map(a => a.name).join(',')}.`,
    range
  );
}

/** Does the expression call an aggregate function (outside subqueries)? */
function hasAggregateCall(expr: Expr): boolean {
  switch (expr.k) {
    case 'function':
      // An aggregate with OVER is a window function; aggregates in its arguments still count.
      return (
        (expr.over === undefined && lookupFunction(expr.name.name)?.kind === 'aggregate') ||
        expr.args.some(hasAggregateCall)
      );
    case 'lambda':
      return hasAggregateCall(expr.body);
    case 'subquery':
      return expr.arg !== undefined && hasAggregateCall(expr.arg);
    case 'unary':
    case 'cast':
    case 'isNull':
    case 'isBool':
      return hasAggregateCall(expr.arg);
    case 'binary':
      return hasAggregateCall(expr.left) || hasAggregateCall(expr.right);
    case 'case':
      return [expr.operand, expr.otherwise, ...expr.whens.flat()].some(
        e => e !== undefined && hasAggregateCall(e)
      );
    case 'in':
      return [expr.arg, ...expr.list].some(hasAggregateCall);
    case 'between':
      return [expr.arg, expr.low, expr.high].some(hasAggregateCall);
    case 'like':
      return hasAggregateCall(expr.arg) || hasAggregateCall(expr.pattern);
    case 'field':
      return hasAggregateCall(expr.base);
    case 'index':
      return hasAggregateCall(expr.base) || hasAggregateCall(expr.index);
    default:
      return false;
  }
}

function expectCondition(condition: Typed, where: string, env: Env): void {
  if (
    condition.type.kind !== 'boolean' &&
    condition.type.kind !== 'unknown' &&
    condition.type.kind !== 'void'
  ) {
    env.diagnostics.error(
      'DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN',
      `Cannot resolve "${condition.sql}" due to data type mismatch: ${where} expression "${condition.sql}" of type "${sqlTypeName(condition.type)}" is not a boolean.`,
      condition.range
    );
  }
}

interface SelectItemResult {
  readonly typed: Typed;
  readonly aliasName?: string;
}

interface SelectItems {
  readonly results: SelectItemResult[];
  /** False when a generator's columns are unknown. */
  readonly complete: boolean;
}

function expandSelectItems(
  select: Select,
  scope: Scope,
  env: Env,
  extra: Pick<ExpressionContext, 'windows' | 'groupingAnalytics'>
): SelectItems {
  const results: SelectItemResult[] = [];
  let complete = true;
  const context = exprContext(env, scope, { allowAggregates: true, allowWindows: true, ...extra });
  for (const item of select.items) {
    const expr = item.expr;
    if (expr.k === 'star') {
      results.push(...expandStar(expr.qualifier, expr.range, scope, select.from.length > 0, env));
      continue;
    }
    if (
      expr.k === 'function' &&
      expr.over === undefined &&
      GENERATORS.has(expr.name.name.toLowerCase())
    ) {
      const generated = generatorItems(expr, item.alias, item.aliases, item.range, context, env);
      complete = complete && generated !== undefined;
      results.push(...(generated ?? []));
      continue;
    }
    if (item.aliases !== undefined) {
      // Spark: a multi-column alias needs a generator.
      env.diagnostics.notAnalyzed('multi-column aliases of non-generators', item.range);
      complete = false;
      continue;
    }
    const typed = analyzeExpression(expr, context);
    results.push({ typed, aliasName: item.alias?.name });
  }
  return { results, complete };
}

/** The key prefix of a generator's columns in the select list. */
const GENERATOR_KEY = 'generator@';

/** A generator as a select item: one output column per generated column. */
function generatorItems(
  expr: Extract<Expr, { k: 'function' }>,
  alias: Ident | undefined,
  aliases: readonly Ident[] | undefined,
  range: TextRange,
  context: ExpressionContext,
  env: Env
): SelectItemResult[] | undefined {
  const name = expr.name.name.toLowerCase();
  const args = expr.args.map(a => analyzeExpression(a, { ...context, allowWindows: false }));
  const columns = generatorColumns(name, args, false, expr.range, env.diagnostics);
  if (columns === undefined) {
    return undefined;
  }
  const names = aliases ?? (alias === undefined ? undefined : [alias]);
  if (names !== undefined && names.length !== columns.length) {
    udtfAliasMismatch(columns.length, names, range, env);
    return undefined;
  }
  return columns.map((c, i) => ({
    typed: {
      type: c.type,
      nullable: c.nullable,
      sql: c.name,
      alias: c.name,
      key: `${GENERATOR_KEY}${expr.range.from}:${i}`,
      range: expr.range,
      children: args,
      isAggregate: false,
      containsAggregate: args.some(a => a.containsAggregate)
    },
    aliasName: names?.[i].name
  }));
}

function attributeTyped(attribute: Attribute, range: TextRange): Typed {
  return {
    type: attribute.type,
    nullable: attribute.nullable,
    sql: attribute.name,
    alias: attribute.name,
    key: `#${attribute.id}`,
    range,
    children: [],
    isAggregate: false,
    containsAggregate: false,
    attribute
  };
}

function expandStar(
  qualifier: readonly Ident[],
  range: TextRange,
  scope: Scope,
  hasFrom: boolean,
  env: Env
): SelectItemResult[] {
  if (qualifier.length === 0) {
    if (!hasFrom) {
      // Spark accepts `SELECT *` without FROM: it expands to no columns.
      return [];
    }
    return scope.attributes.map(a => ({ typed: attributeTyped(a, range) }));
  }
  const names = qualifier.map(q => q.name.toLowerCase());
  const matching = [...scope.attributes, ...scope.hidden].filter(
    a =>
      a.qualifier.length >= names.length &&
      a.qualifier
        .slice(a.qualifier.length - names.length)
        .every((q, i) => q.toLowerCase() === names[i])
  );
  const unique = matching.filter((a, i) => matching.findIndex(b => b.id === a.id) === i);
  if (unique.length > 0) {
    return unique.map(a => ({ typed: attributeTyped(a, range) }));
  }
  // `s.*` of a struct column expands its fields.
  const candidates = resolveCandidates(qualifier, scope);
  if (
    candidates.length === 1 &&
    candidates[0].nested.length === 0 &&
    candidates[0].attribute.type.kind === 'struct'
  ) {
    const base = candidates[0].attribute;
    const struct = base.type as Extract<DataType, { kind: 'struct' }>;
    return struct.fields.map(f => ({
      typed: {
        ...attributeTyped(base, range),
        type: f.type,
        nullable: base.nullable || f.nullable,
        sql: `${base.name}.${f.name}`,
        alias: f.name,
        key: `#${base.id}.${f.name.toLowerCase()}`,
        attribute: undefined
      }
    }));
  }
  if (scope.incomplete !== true) {
    const text = qualifier.map(q => `\`${q.name}\``).join('.');
    env.diagnostics.error(
      'CANNOT_RESOLVE_STAR_EXPAND',
      `Cannot resolve ${text}.* given input columns ${scope.attributes.map(a => `\`${a.name}\``).join(', ')}.`,
      range
    );
  }
  return [];
}

/** Resolve GROUP BY (columns, expressions, select ordinals and select aliases). */
function analyzeGrouping(
  select: Select,
  items: readonly SelectItemResult[],
  scope: Scope,
  env: Env
): AggregateInfo {
  const keys = new Set<string>();
  const aggregateError = {
    code: 'GROUP_BY_AGGREGATE',
    message: 'Aggregate functions are not allowed in GROUP BY.'
  };
  for (const expr of select.groupBy ?? []) {
    const key = groupKey(expr, items, scope, env, aggregateError);
    if (key !== undefined) {
      keys.add(key);
    }
  }
  return { groupKeys: keys, hasGroupBy: select.groupBy !== undefined };
}

/** The key of a GROUP BY expression: a select ordinal, a select alias, or an expression. */
function groupKey(
  expr: Expr,
  items: readonly SelectItemResult[],
  scope: Scope,
  env: Env,
  aggregateError?: ExpressionContext['aggregateError']
): string | undefined {
  const ordinal = groupOrdinal(expr);
  if (ordinal !== undefined) {
    if (ordinal < 1 || ordinal > items.length) {
      env.diagnostics.error(
        'GROUP_BY_POS_OUT_OF_RANGE',
        `GROUP BY position ${ordinal} is not in select list (valid range is [1, ${items.length}]).`,
        expr.range
      );
      return undefined;
    }
    const target = items[ordinal - 1].typed;
    if (target.containsAggregate) {
      env.diagnostics.error(
        'GROUP_BY_POS_AGGREGATE',
        `GROUP BY ${ordinal} refers to an expression "${target.sql}" that contains an aggregate function.`,
        expr.range
      );
    }
    return target.key;
  }
  const alias = selectAliasReference(expr, items, scope);
  if (alias !== undefined) {
    return alias.key;
  }
  return analyzeExpression(expr, exprContext(env, scope, { aggregateError })).key;
}

function groupOrdinal(expr: Expr): number | undefined {
  return expr.k === 'literal' && expr.value.kind === 'number' && expr.value.type.kind === 'int'
    ? Number(expr.value.text)
    : undefined;
}

/** `GROUP BY c` where `c` is not an input column but a select alias (`spark.sql.groupByAliases`). */
function selectAliasReference(
  expr: Expr,
  items: readonly SelectItemResult[],
  scope: Scope
): Typed | undefined {
  if (
    expr.k !== 'column' ||
    expr.parts.length !== 1 ||
    resolveCandidates(expr.parts, scope).length > 0
  ) {
    return undefined;
  }
  const name = expr.parts[0].name.toLowerCase();
  return items.find(i => i.aliasName?.toLowerCase() === name)?.typed;
}

/**
 * Every column used outside an aggregate function must be a GROUP BY expression or inside one
 * (Spark's `MISSING_AGGREGATION` / `MISSING_GROUP_BY`).
 */
function checkGrouped(
  typed: Typed,
  aggregate: AggregateInfo,
  env: Env,
  visibleOutput?: readonly string[]
): void {
  if (typed.groupingFunction !== undefined && !aggregate.groupKeys.has(typed.key)) {
    const stray = typed.children.find(c => !aggregate.groupKeys.has(c.key));
    if (stray !== undefined) {
      env.diagnostics.error(
        typed.groupingFunction === 'grouping'
          ? 'GROUPING_COLUMN_MISMATCH'
          : 'GROUPING_ID_COLUMN_MISMATCH',
        `Column of ${typed.groupingFunction} (${stray.sql}) can't be found in the grouping columns.`,
        stray.range
      );
    }
    return;
  }
  if (
    typed.outerReferences !== undefined &&
    !aggregate.groupKeys.has(typed.key) &&
    visibleOutput === undefined
  ) {
    env.diagnostics.error(
      'SCALAR_SUBQUERY_IS_IN_GROUP_BY_OR_AGGREGATE_FUNCTION',
      `The correlated scalar subquery "${typed.sql}" is neither present in GROUP BY, nor in an aggregate function. Add it to GROUP BY using ordinal position or wrap it in \`first()\` (or \`first_value\`) if you don't care which value you get.`,
      typed.range
    );
    return;
  }
  if (aggregate.groupKeys.has(typed.key) || typed.isAggregate || typed.type.kind === 'unknown') {
    return;
  }
  if (typed.children.length === 0 && typed.key.startsWith('#')) {
    if (visibleOutput !== undefined) {
      env.diagnostics.error(
        'UNRESOLVED_COLUMN',
        `A column or function parameter with name \`${typed.sql}\` cannot be resolved. Did you mean one of the following? [${visibleOutput.map(n => `\`${n}\``).join(', ')}].`,
        typed.range
      );
    } else if (aggregate.hasGroupBy) {
      env.diagnostics.error(
        'MISSING_AGGREGATION',
        `The non-aggregating expression "${typed.sql}" is based on columns which are not participating in the GROUP BY clause. Add the columns or the expression to the GROUP BY, aggregate the expression, or use "any_value(${typed.sql})".`,
        typed.range
      );
    } else {
      env.diagnostics.error(
        'MISSING_GROUP_BY',
        `The query does not include a GROUP BY clause, but "${typed.sql}" is neither aggregated nor constant. Add GROUP BY or aggregate it.`,
        typed.range
      );
    }
    return;
  }
  for (const child of typed.children) {
    checkGrouped(child, aggregate, env, visibleOutput);
  }
}

function analyzeOrderBy(query: Query, body: TermResult, env: Env): void {
  const output = body.attributes;
  const outputScope: Scope = { attributes: output, hidden: [], incomplete: !body.complete };
  for (const item of query.orderBy) {
    const expr = item.expr;
    const ordinal = groupOrdinal(expr);
    if (ordinal !== undefined) {
      if (ordinal < 1 || ordinal > output.length) {
        env.diagnostics.error(
          'ORDER_BY_POS_OUT_OF_RANGE',
          `ORDER BY position ${ordinal} is not in select list (valid range is [1, ${output.length}]).`,
          expr.range
        );
      }
      continue;
    }
    if (expr.k === 'column' && resolveCandidates(expr.parts, outputScope).length === 1) {
      continue;
    }
    const select = body.select;
    if (select === undefined) {
      analyzeExpression(
        expr,
        exprContext(env, outputScope, { suggestionNames: output.map(a => a.name) })
      );
      continue;
    }
    const scope: Scope = {
      attributes: [
        ...select.scope.attributes,
        ...output.filter(o => !select.scope.attributes.some(a => a.id === o.id))
      ],
      hidden: select.scope.hidden,
      incomplete: select.scope.incomplete
    };
    const typed = analyzeExpression(
      expr,
      exprContext(env, scope, {
        allowAggregates: select.aggregate !== undefined,
        suggestionNames: output.map(a => a.name),
        windowError: {
          code: 'UNSUPPORTED_EXPR_FOR_OPERATOR',
          message:
            'A query operator contains one or more unsupported expressions: window functions are not allowed in ORDER BY; compute them in the select list.'
        },
        groupingAnalytics: select.groupingAnalytics
      })
    );
    if (select.aggregate !== undefined) {
      const withOutput: AggregateInfo = {
        ...select.aggregate,
        groupKeys: new Set([...select.aggregate.groupKeys, ...output.map(o => `#${o.id}`)])
      };
      checkGrouped(typed, withOutput, env);
    }
  }
}

// ---------------------------------------------------------------- FROM

function analyzeFrom(relations: readonly Relation[], env: Env): Plan {
  if (relations.length === 0) {
    return { attributes: [], hidden: [], complete: true };
  }
  let plan = analyzeRelation(relations[0], env);
  for (const next of relations.slice(1)) {
    const right = analyzeRelation(next, env, plan);
    plan = {
      attributes: [...plan.attributes, ...right.attributes],
      hidden: [...plan.hidden, ...right.hidden],
      complete: plan.complete && right.complete
    };
    record(env, 'join', next.range, plan.attributes);
  }
  return plan;
}

/** `left`: what a LATERAL subquery on the right of a join may reference. */
function analyzeRelation(relation: Relation, env: Env, left?: Plan): Plan {
  switch (relation.k) {
    case 'table':
      return analyzeTable(relation, env);
    case 'pivot':
      return analyzePivot(analyzeRelation(relation.input, env, left), relation.pivot, env);
    case 'unpivot':
      return analyzeUnpivot(analyzeRelation(relation.input, env, left), relation.unpivot, env);
    case 'subquery': {
      const name = relation.alias?.name;
      let inner = name === undefined ? env : { ...env, enclosing: name };
      if (relation.lateral === true && left !== undefined) {
        const scope: Scope = {
          attributes: left.attributes,
          hidden: left.hidden,
          incomplete: !left.complete,
          outer: env.outer
        };
        inner = { ...inner, outer: { scope, references: [] } };
      }
      const plan = analyzeQuery(relation.query, inner);
      let attributes: Attribute[] = plan.attributes.map(a => ({
        ...a,
        qualifier: name === undefined ? [] : [name]
      }));
      if (relation.columnAliases !== undefined) {
        attributes = renameColumns(attributes, relation.columnAliases, relation.alias, env);
      }
      if (name !== undefined) {
        env.relations.push({
          name,
          columns: columnsOf(attributes),
          range: relation.range,
          complete: plan.complete
        });
      }
      record(env, 'subquery', relation.range, attributes);
      return { attributes, hidden: [], complete: plan.complete };
    }
    case 'join':
      return analyzeJoin(relation, env);
    case 'values':
      return analyzeValues(relation, env);
    case 'unsupported':
      env.diagnostics.notAnalyzed(relation.what, relation.range);
      return { attributes: [], hidden: [], complete: false };
  }
}

/**
 * `PIVOT`: an aggregate grouped by every input column the aggregates and the pivot columns do
 * not use, with one column per pivot value (and aggregate): `paid`, or `paid_s` with several
 * aggregates. A value absent from the data gives NULL, so pivoted columns are nullable.
 */
/**
 * UNPIVOT: the input's other columns, then the name column (STRING, never NULL), then one value
 * column per position of the sets, of the sets' least common type.
 */
function analyzeUnpivot(input: Plan, unpivot: Unpivot, env: Env): Plan {
  const scope: Scope = {
    attributes: input.attributes,
    hidden: input.hidden,
    incomplete: !input.complete
  };
  const context = exprContext(env, scope);
  const sets = unpivot.sets.map(set => set.columns.map(c => analyzeExpression(c, context)));
  let complete = input.complete;
  const width = unpivot.valueColumns.length;
  for (const [index, set] of sets.entries()) {
    if (set.length !== width) {
      env.diagnostics.error(
        'UNPIVOT_VALUE_SIZE_MISMATCH',
        `All unpivot value columns must have the same size as there are value column names (${width}).`,
        unpivot.sets[index].range
      );
      complete = false;
    }
  }
  const used = new Set(
    sets.flat().flatMap(t => (t.attribute === undefined ? [] : [t.attribute.id]))
  );
  const qualifier = unpivot.alias === undefined ? undefined : [unpivot.alias.name];
  const attributes: Attribute[] = input.attributes
    .filter(a => !used.has(a.id))
    .map(a => (qualifier === undefined ? a : { ...a, qualifier }));
  attributes.push({
    id: freshId(env),
    name: unpivot.nameColumn.name,
    type: T.string,
    nullable: false,
    qualifier: qualifier ?? []
  });
  unpivot.valueColumns.forEach((name, position) => {
    const column = sets.flatMap(set => (set[position] === undefined ? [] : [set[position]]));
    const known = column.filter(t => t.type.kind !== 'unknown');
    let type: DataType | undefined = T.unknown;
    if (known.length === column.length && known.length > 0) {
      type = widerTypeOf(
        known.map(t => t.type),
        env.mode
      );
      if (type === undefined) {
        const listed = [...known]
          .sort((a, b) => sqlTypeName(a.type).localeCompare(sqlTypeName(b.type)))
          .map(t => `"${sqlTypeName(t.type)}" (\`${t.sql}\`)`);
        env.diagnostics.error(
          'UNPIVOT_VALUE_DATA_TYPE_MISMATCH',
          `Unpivot value columns must share a least common type, some types do not: [${listed.join(', ')}].`,
          unpivot.range
        );
        complete = false;
      }
    } else {
      complete = false;
    }
    attributes.push({
      id: freshId(env),
      name: name.name,
      type: type ?? T.unknown,
      nullable: column.some(t => t.nullable),
      qualifier: qualifier ?? []
    });
  });
  record(env, 'unpivot', unpivot.range, attributes);
  return { attributes, hidden: [], complete };
}

function analyzePivot(input: Plan, pivot: Pivot, env: Env): Plan {
  const scope: Scope = {
    attributes: input.attributes,
    hidden: input.hidden,
    incomplete: !input.complete
  };
  const context = exprContext(env, scope, { allowAggregates: true });
  const aggregates = pivot.aggregates.map(item => ({
    item,
    typed: analyzeExpression(item.expr, context)
  }));
  const columns = pivot.columns.map(c =>
    analyzeExpression({ k: 'column', parts: [c], range: c.range }, context)
  );
  let complete = input.complete;
  for (const { typed } of aggregates) {
    if (!typed.containsAggregate && typed.type.kind !== 'unknown') {
      env.diagnostics.error(
        '_LEGACY_ERROR_TEMP_1006',
        `Aggregate expression required for pivot, but '${typed.sql}' did not appear in any aggregate function.`,
        typed.range
      );
      complete = false;
    }
    complete = complete && typed.type.kind !== 'unknown';
  }
  const used = new Set<number>();
  const collect = (t: Typed): void => {
    if (t.attribute !== undefined) {
      used.add(t.attribute.id);
    }
    t.children.forEach(collect);
  };
  [...aggregates.map(a => a.typed), ...columns].forEach(collect);
  const attributes: Attribute[] = input.attributes.filter(a => !used.has(a.id));
  for (const value of pivot.values) {
    const valueName = value.alias?.name ?? pivotValueName(value.exprs, env);
    if (valueName === undefined) {
      env.diagnostics.notAnalyzed('this PIVOT value', value.range);
      complete = false;
      continue;
    }
    for (const { item, typed } of aggregates) {
      const name =
        aggregates.length === 1 ? valueName : `${valueName}_${item.alias?.name ?? typed.alias}`;
      attributes.push({ id: freshId(env), name, type: typed.type, nullable: true, qualifier: [] });
    }
  }
  record(env, 'pivot', pivot.range, attributes);
  return { attributes, hidden: [], complete };
}

/** Spark names a pivot value by the value itself (`paid`, `1`, `2024-01-01`, `{new, 2}`). */
function pivotValueName(exprs: readonly Expr[], env: Env): string | undefined {
  const names: string[] = [];
  for (const expr of exprs) {
    const typed = analyzeExpression(expr, exprContext(env, emptyScope));
    const literal = typed.literal;
    if (literal === undefined) {
      return undefined;
    }
    switch (literal.kind) {
      case 'string':
        names.push(literal.value);
        break;
      case 'number':
        names.push(literal.text);
        break;
      case 'boolean':
        names.push(String(literal.value));
        break;
      case 'typed':
        if (literal.type.kind !== 'date') {
          return undefined;
        }
        names.push(literal.text.replace(/^DATE '(.*)'$/, '$1'));
        break;
      case 'null':
        names.push('null');
        break;
    }
  }
  return names.length === 1 ? names[0] : `{${names.join(', ')}}`;
}

/** An inline table: column `i` has the common type of the rows' values (no string promotion). */
function analyzeValues(relation: Extract<Relation, { k: 'values' }>, env: Env): Plan {
  const rows = relation.rows.map(row =>
    row.map(e => analyzeExpression(e, exprContext(env, emptyScope)))
  );
  // Column aliases fix the width; without them the first row does.
  const width = relation.columnAliases?.length ?? rows[0]?.length ?? 0;
  const short = rows.findIndex(row => row.length !== width);
  if (short >= 0) {
    env.diagnostics.error(
      'INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH',
      `Invalid inline table. Inline table expected ${width} columns but found ${rows[short].length} columns in row ${short}.`,
      relation.range
    );
    return { attributes: [], hidden: [], complete: false };
  }
  let complete = true;
  let attributes: Attribute[] = [];
  for (let c = 0; c < width; c++) {
    const column = rows.map(row => row[c]);
    const type = widerTypeOf(
      column.map(v => v.type),
      env.mode,
      false
    );
    const name = relation.columnAliases?.[c]?.name ?? `col${c + 1}`;
    if (type === undefined) {
      env.diagnostics.error(
        'INVALID_INLINE_TABLE.INCOMPATIBLE_TYPES_IN_INLINE_TABLE',
        `Invalid inline table. Found incompatible types in the column \`${name}\` for inline table.`,
        relation.range
      );
      return { attributes: [], hidden: [], complete: false };
    }
    complete = complete && type.kind !== 'unknown';
    attributes.push({
      id: freshId(env),
      name: `col${c + 1}`,
      type,
      nullable: column.some(v => v.nullable),
      qualifier: relation.alias === undefined ? [] : [relation.alias.name]
    });
  }
  if (relation.columnAliases !== undefined) {
    attributes = renameColumns(attributes, relation.columnAliases, relation.alias, env);
  }
  record(env, 'values', relation.range, attributes);
  return { attributes, hidden: [], complete };
}

function analyzeTable(relation: Extract<Relation, { k: 'table' }>, env: Env): Plan {
  const parts = relation.name.map(p => p.name);
  const alias = relation.alias?.name;
  const range = {
    from: relation.name[0].range.from,
    to: relation.name[relation.name.length - 1].range.to
  };
  const cte = parts.length === 1 ? env.ctes.get(parts[0].toLowerCase()) : undefined;
  let attributes: Attribute[];
  let complete = true;
  if (cte?.passThrough === true) {
    const kept =
      alias === undefined
        ? cte.attributes
        : cte.attributes.map(a => ({ ...a, qualifier: [alias] }));
    return { attributes: kept, hidden: [], complete: cte.complete };
  }
  if (cte !== undefined) {
    attributes = cte.attributes.map(a => ({
      ...a,
      id: freshId(env),
      qualifier: [alias ?? parts[0]]
    }));
    complete = cte.complete;
  } else {
    const table = env.catalog.lookup(parts);
    if (table === undefined) {
      const candidates = [
        ...env.catalog.tableNames(),
        ...env.catalog.tableNames().map(n => n.split('.').pop() ?? n),
        ...env.ctes.keys()
      ];
      env.diagnostics.error(
        'TABLE_OR_VIEW_NOT_FOUND',
        `The table or view ${parts.map(p => `\`${p}\``).join('.')} cannot be found.${didYouMean(parts.join('.'), candidates)}`,
        range
      );
      return { attributes: [], hidden: [], complete: false };
    }
    const qualifier = alias !== undefined ? [alias] : table.name.split('.');
    attributes = table.fields.map(f => ({
      id: freshId(env),
      name: f.name,
      type: f.type,
      nullable: f.nullable,
      qualifier
    }));
  }
  if (relation.columnAliases !== undefined) {
    attributes = renameColumns(attributes, relation.columnAliases, relation.alias, env).map(a => ({
      ...a,
      qualifier: alias === undefined ? a.qualifier : [alias]
    }));
  }
  record(env, 'scan', relation.range, attributes);
  return { attributes, hidden: [], complete };
}

function nullableAll(attributes: readonly Attribute[]): Attribute[] {
  return attributes.map(a => ({ ...a, nullable: true }));
}

function analyzeJoin(join: Extract<Relation, { k: 'join' }>, env: Env): Plan {
  const left = analyzeRelation(join.left, env);
  const right = analyzeRelation(join.right, env, left);
  const complete = left.complete && right.complete;
  const both: Scope = {
    attributes: [...left.attributes, ...right.attributes],
    hidden: [...left.hidden, ...right.hidden],
    incomplete: !complete
  };
  if (join.on !== undefined) {
    const condition = analyzeExpression(
      join.on,
      exprContext(env, both, {
        aggregateError: {
          code: 'UNSUPPORTED_EXPR_FOR_OPERATOR',
          message: 'Aggregate functions are not allowed in a join condition.'
        }
      })
    );
    if (condition.type.kind !== 'boolean' && condition.type.kind !== 'unknown') {
      env.diagnostics.error(
        'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
        `The join condition "${condition.sql}" has the type ${sqlTypeName(condition.type)}, not BOOLEAN.`,
        condition.range
      );
    }
  }
  const leftSide =
    join.type === 'right' || join.type === 'full'
      ? nullableAll(left.attributes)
      : [...left.attributes];
  const rightSide =
    join.type === 'left' || join.type === 'full'
      ? nullableAll(right.attributes)
      : [...right.attributes];
  // NATURAL: USING the columns both sides have, in the left side's order.
  const using =
    join.natural === true
      ? left.attributes
          .filter(l => right.attributes.some(r => r.name.toLowerCase() === l.name.toLowerCase()))
          .map(l => ({ name: l.name, range: join.range }))
      : join.using;
  let plan: Plan;
  if (join.type === 'semi' || join.type === 'anti') {
    plan = { attributes: left.attributes, hidden: left.hidden, complete };
  } else if (using !== undefined) {
    plan = usingJoin(join, using, leftSide, rightSide, left, right, env, complete);
  } else {
    plan = {
      attributes: [...leftSide, ...rightSide],
      hidden: [...left.hidden, ...right.hidden],
      complete
    };
  }
  record(env, 'join', join.range, plan.attributes);
  return plan;
}

/**
 * `JOIN ... USING (k)`: the key once, then the other left columns, then the other right columns.
 * The key is the left one (inner, left), the right one (right), or a coalesce of both (full);
 * the other side's key stays reachable through its qualifier.
 */
function usingJoin(
  join: Extract<Relation, { k: 'join' }>,
  keys: readonly Ident[],
  leftSide: readonly Attribute[],
  rightSide: readonly Attribute[],
  left: Plan,
  right: Plan,
  env: Env,
  complete: boolean
): Plan {
  const keyAttributes: Attribute[] = [];
  const hidden: Attribute[] = [...left.hidden, ...right.hidden];
  const usedLeft = new Set<number>();
  const usedRight = new Set<number>();
  for (const key of keys) {
    const name = key.name.toLowerCase();
    const l = leftSide.find(a => a.name.toLowerCase() === name);
    const r = rightSide.find(a => a.name.toLowerCase() === name);
    if (l === undefined || r === undefined) {
      if (complete) {
        const side = l === undefined ? 'left' : 'right';
        const columns = (l === undefined ? leftSide : rightSide)
          .map(a => `\`${a.name}\``)
          .join(', ');
        env.diagnostics.error(
          'UNRESOLVED_USING_COLUMN_FOR_JOIN',
          `USING column \`${key.name}\` cannot be resolved on the ${side} side of the join. The ${side}-side columns: [${columns}].`,
          key.range
        );
      }
      continue;
    }
    usedLeft.add(l.id);
    usedRight.add(r.id);
    const type = widerType(l.type, r.type, env.mode) ?? l.type;
    if (join.type === 'full') {
      keyAttributes.push({
        id: freshId(env),
        name: l.name,
        type,
        nullable: l.nullable && r.nullable,
        qualifier: []
      });
      hidden.push(l, r);
    } else if (join.type === 'right') {
      keyAttributes.push(r);
      hidden.push(l);
    } else {
      keyAttributes.push(l);
      hidden.push(r);
    }
  }
  return {
    attributes: [
      ...keyAttributes,
      ...leftSide.filter(a => !usedLeft.has(a.id)),
      ...rightSide.filter(a => !usedRight.has(a.id))
    ],
    hidden,
    complete
  };
}
