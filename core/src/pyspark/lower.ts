/**
 * Lowering of PySpark cells: statements are evaluated symbolically, DataFrame methods become SQL
 * syntax trees over the DataFrames they start from, and the SQL analyzer (`FrameAnalyzer`) types
 * each step. So a chain gets the same columns, types, nullability, operators and diagnostics as
 * the equivalent SQL, with ranges into the cell text.
 */
import type {
  Expr,
  FrameBound,
  GroupingElement,
  Ident,
  Query,
  QueryTerm,
  Relation,
  Select,
  SelectItem,
  SortItem,
  TextRange,
  WindowFrame
} from '../sql/ast.js';
import type { FrameAnalyzer, FrameBinding } from '../sql/analyzer.js';
import { columnsOf } from '../sql/analyzer.js';
import type { Catalog } from '../sql/catalog.js';
import { parseDdlType } from '../sql/ddl.js';
import { didYouMean, type DiagnosticSink } from '../sql/diagnostics.js';
import { ATTRIBUTE_ID_PREFIX, type Attribute } from '../sql/expressions.js';
import { parseStatements } from '../sql/parse.js';
import { T, type DataType } from '../sql/types.js';
import {
  FUNCTION_RENAMES,
  LITERAL_STRING_ARGS,
  MIRRORED,
  asColumnExpr,
  binaryColumnExpr,
  caseOf,
  column,
  columnFromName,
  literalExpr,
  sortItem,
  unsupportedExpr
} from './columns.js';
import type { PyArg, PyExpr, PyStatement } from './python.js';
import { UNKNOWN, type ColumnValue, type Frame, type Value, type WindowValue } from './values.js';

export interface LoweredRelation {
  readonly name: string;
  readonly frame: Frame;
  readonly range: TextRange;
}

const TYPE_CLASSES: Readonly<Record<string, DataType>> = {
  StringType: T.string,
  IntegerType: T.int,
  LongType: T.bigint,
  ShortType: T.smallint,
  ByteType: T.tinyint,
  DoubleType: T.double,
  FloatType: T.float,
  BooleanType: T.boolean,
  DateType: T.date,
  TimestampType: T.timestamp,
  TimestampNTZType: T.timestampNtz,
  BinaryType: T.binary,
  NullType: T.void
};

/** Frame methods that keep the schema as it is. */
const SCHEMA_KEEPING = new Set([
  'cache',
  'persist',
  'unpersist',
  'repartition',
  'repartitionByRange',
  'coalesce',
  'hint',
  'sample',
  'sampleBy',
  'checkpoint',
  'localCheckpoint',
  'dropDuplicates',
  'drop_duplicates',
  'dropDuplicatesWithinWatermark',
  'dropna',
  'fillna',
  'replace',
  'withWatermark',
  'sortWithinPartitions'
]);

/** Frame methods that return something other than a DataFrame. */
const NOT_A_FRAME = new Set([
  'show',
  'count',
  'collect',
  'take',
  'head',
  'first',
  'toPandas',
  'printSchema',
  'explain',
  'write',
  'writeStream',
  'schema',
  'columns',
  'dtypes',
  'rdd',
  'foreach',
  'foreachPartition',
  'toLocalIterator',
  'isEmpty',
  'describe',
  'summary',
  'stat',
  'na',
  'storageLevel',
  'tail',
  'toJSON',
  'createOrReplaceGlobalTempView',
  'createGlobalTempView',
  'registerTempTable'
]);

const JOIN_TYPES: Readonly<Record<string, Extract<Relation, { k: 'join' }>['type']>> = {
  inner: 'inner',
  cross: 'cross',
  outer: 'full',
  full: 'full',
  fullouter: 'full',
  full_outer: 'full',
  left: 'left',
  leftouter: 'left',
  left_outer: 'left',
  right: 'right',
  rightouter: 'right',
  right_outer: 'right',
  semi: 'semi',
  leftsemi: 'semi',
  left_semi: 'semi',
  anti: 'anti',
  leftanti: 'anti',
  left_anti: 'anti'
};

/**
 * Python's `sys.maxsize` (2^63 - 1), `Window.unboundedFollowing`; as a double it is 2^63. PySpark
 * treats bounds from there on (and from -2^63 down) as unbounded.
 */
const UNBOUNDED = 2 ** 63;

export class Lowering {
  private readonly names = new Map<string, Value>();
  private readonly frames = new Map<string, FrameBinding>();
  private readonly views = new Map<string, FrameBinding>();
  private nextFrame = 1;
  /** The relation operators are reported under: the variable being assigned, or `$result`. */
  private enclosing = '$result';
  /** Every DataFrame variable of the cell, last assignment wins; then `$result`. */
  readonly relations: LoweredRelation[] = [];
  result?: LoweredRelation;

  constructor(
    private readonly analyzer: FrameAnalyzer,
    private readonly catalog: Catalog,
    private diagnostics: DiagnosticSink
  ) {
    this.names.set('spark', { k: 'session' });
    this.names.set('F', { k: 'functions' });
    this.names.set('Window', { k: 'windowClass' });
    for (const name of Object.keys(TYPE_CLASSES)) {
      this.names.set(name, { k: 'typeClass', name });
    }
    this.names.set('DecimalType', { k: 'typeClass', name: 'DecimalType' });
    this.names.set('ArrayType', { k: 'typeClass', name: 'ArrayType' });
  }

  /** Evaluate a cell's statements; `report` false for earlier cells (names only). */
  run(statements: readonly PyStatement[], diagnostics: DiagnosticSink, report: boolean): void {
    this.diagnostics = diagnostics;
    this.analyzer.diagnostics = diagnostics;
    for (const statement of statements) {
      this.statement(statement, report);
    }
  }

  private statement(statement: PyStatement, report: boolean): void {
    switch (statement.k) {
      case 'import':
        this.importNames(statement);
        return;
      case 'assign': {
        this.enclosing = statement.target;
        const value = this.evaluate(statement.value);
        this.names.set(statement.target, value);
        if (value.k === 'frame' && report) {
          const relation = { name: statement.target, frame: value.frame, range: statement.range };
          const earlier = this.relations.findIndex(r => r.name === statement.target);
          if (earlier >= 0) {
            this.relations.splice(earlier, 1);
          }
          this.relations.push(relation);
          this.result = relation;
        }
        return;
      }
      case 'expr': {
        this.enclosing = '$result';
        const value = this.evaluate(statement.value);
        if (value.k === 'frame' && report) {
          this.result = { name: '$result', frame: value.frame, range: statement.range };
        }
        return;
      }
      case 'other':
        return;
    }
  }

  private importNames(statement: Extract<PyStatement, { k: 'import' }>): void {
    for (const { name, as } of statement.names) {
      const full = statement.module === '' ? name : `${statement.module}.${name}`;
      if (full === 'pyspark.sql.functions' || full === 'pyspark.sql.connect.functions') {
        this.names.set(as, { k: 'functions' });
      } else if (statement.module.endsWith('sql.functions')) {
        this.names.set(as, name === '*' ? { k: 'functions' } : { k: 'function', name });
      } else if (name === 'Window') {
        this.names.set(as, { k: 'windowClass' });
      } else if (full === 'pyspark.sql.types') {
        this.names.set(as, { k: 'typesModule' });
      } else if (statement.module.endsWith('sql.types') && name !== '*') {
        this.names.set(as, { k: 'typeClass', name });
      } else if (name !== '*') {
        this.names.set(as, UNKNOWN);
      }
    }
  }

  // ------------------------------------------------------------ expressions

  evaluate(expr: PyExpr): Value {
    switch (expr.k) {
      case 'name':
        return this.names.get(expr.id) ?? UNKNOWN;
      case 'str':
        return {
          k: 'literal',
          value: expr.value,
          contentFrom: expr.contentFrom,
          range: expr.range
        };
      case 'num': {
        const clean = expr.text.replace(/_/g, '').replace(/[lL]$/, '');
        const value = /^0[xXoObB]/.test(clean) ? Number(clean) : Number(clean);
        if (Number.isNaN(value) || /[jJ]$/.test(clean)) {
          return UNKNOWN;
        }
        return { k: 'literal', value, float: expr.float, text: clean, range: expr.range };
      }
      case 'const':
        return { k: 'literal', value: expr.value, range: expr.range };
      case 'list':
      case 'tuple':
        return { k: 'list', items: expr.items.map(i => this.evaluate(i)), range: expr.range };
      case 'dict':
        return {
          k: 'dict',
          entries: expr.entries.map(([key, value]) => [this.evaluate(key), this.evaluate(value)]),
          range: expr.range
        };
      case 'attr':
        return this.attribute(this.evaluate(expr.obj), expr);
      case 'call':
        return this.call(expr);
      case 'subscript':
        return this.subscript(this.evaluate(expr.obj), expr);
      case 'binop':
        return this.binary(expr);
      case 'unary':
        return this.unary(expr);
      case 'error':
        return UNKNOWN;
    }
  }

  private attribute(target: Value, expr: Extract<PyExpr, { k: 'attr' }>): Value {
    const name = expr.name;
    switch (target.k) {
      case 'session':
        if (name === 'read') {
          return { k: 'reader' };
        }
        return { k: 'method', target, name, nameRange: expr.nameRange };
      case 'reader':
        return { k: 'method', target, name, nameRange: expr.nameRange };
      case 'functions':
        return { k: 'function', name };
      case 'typesModule':
        return { k: 'typeClass', name };
      case 'windowClass':
        if (name === 'unboundedPreceding') {
          return { k: 'literal', value: -UNBOUNDED, range: expr.range };
        }
        if (name === 'unboundedFollowing') {
          return { k: 'literal', value: UNBOUNDED, range: expr.range };
        }
        if (name === 'currentRow') {
          return { k: 'literal', value: 0, range: expr.range };
        }
        return { k: 'method', target, name, nameRange: expr.nameRange };
      case 'frame': {
        if (FRAME_METHODS.has(name) || SCHEMA_KEEPING.has(name) || NOT_A_FRAME.has(name)) {
          return { k: 'method', target, name, nameRange: expr.nameRange };
        }
        if (name.startsWith('_')) {
          return UNKNOWN;
        }
        return this.frameColumn(target.frame, name, expr.range, 'ATTRIBUTE_NOT_SUPPORTED');
      }
      case 'column':
        if (COLUMN_METHODS.has(name) || name.startsWith('_')) {
          return { k: 'method', target, name, nameRange: expr.nameRange };
        }
        // `col.field` is `col["field"]`.
        return column({
          k: 'index',
          base: asColumnExpr(target, expr.obj.range, false),
          index: literalExpr(name, expr.nameRange),
          range: expr.range
        });
      case 'grouped':
      case 'window':
        return { k: 'method', target, name, nameRange: expr.nameRange };
      default:
        return UNKNOWN;
    }
  }

  /** `df.name` / `df["name"]`: that DataFrame's column, referenced by identity. */
  private frameColumn(frame: Frame, name: string, range: TextRange, code: string): Value {
    const matches = frame.attributes.filter(a => a.name.toLowerCase() === name.toLowerCase());
    if (matches.length === 1) {
      return column(attributeRef(matches[0], range));
    }
    if (matches.length === 0 && frame.complete) {
      const message =
        code === 'ATTRIBUTE_NOT_SUPPORTED'
          ? `The DataFrame has no attribute or column "${name}".${didYouMean(
              name,
              frame.attributes.map(a => a.name)
            )}`
          : `A column or function parameter with name \`${name}\` cannot be resolved.${didYouMean(
              name,
              frame.attributes.map(a => a.name)
            )}`;
      this.diagnostics.error(code, message, range);
    }
    if (matches.length > 1) {
      this.diagnostics.error(
        'AMBIGUOUS_REFERENCE',
        `Reference \`${name}\` is ambiguous: the DataFrame has ${matches.length} columns of that name.`,
        range
      );
    }
    return column({ k: 'unsupported', what: '', range: { from: range.from, to: range.from } });
  }

  private subscript(target: Value, expr: Extract<PyExpr, { k: 'subscript' }>): Value {
    const index = this.evaluate(expr.index);
    if (target.k === 'frame') {
      if (index.k === 'literal' && typeof index.value === 'string') {
        if (index.value === '*') {
          return column({ k: 'star', qualifier: [], range: expr.range });
        }
        return this.frameColumn(target.frame, index.value, expr.range, 'UNRESOLVED_COLUMN');
      }
      if (index.k === 'column') {
        return this.callFrameMethod(target.frame, 'filter', [index], {}, expr.range, expr.range);
      }
      if (index.k === 'literal' && typeof index.value === 'number') {
        const attribute = target.frame.attributes[index.value];
        return attribute === undefined ? UNKNOWN : column(attributeRef(attribute, expr.range));
      }
      return UNKNOWN;
    }
    if (target.k === 'column') {
      const base = asColumnExpr(target, expr.range, false);
      if (index.k === 'literal' && typeof index.value === 'string') {
        return column({
          k: 'index',
          base,
          index: literalExpr(index.value, index.range),
          range: expr.range
        });
      }
      return column({
        k: 'index',
        base,
        index: asColumnExpr(index, expr.index.range, false),
        range: expr.range
      });
    }
    return UNKNOWN;
  }

  private binary(expr: Extract<PyExpr, { k: 'binop' }>): Value {
    const left = this.evaluate(expr.left);
    const right = this.evaluate(expr.right);
    if (left.k !== 'column' && right.k !== 'column') {
      return UNKNOWN;
    }
    if (expr.op === 'and' || expr.op === 'or' || expr.op === 'in' || expr.op === 'not in') {
      this.diagnostics.error(
        'PYTHON_BOOL_OF_COLUMN',
        `Python's "${expr.op}" cannot combine Columns: use ${expr.op === 'and' ? '&' : expr.op === 'or' ? '|' : '.isin(...)'} and parenthesize each condition.`,
        expr.range
      );
      return column(unsupportedExpr('', { from: expr.range.from, to: expr.range.from }));
    }
    let op = expr.op;
    let l = asColumnExpr(left, expr.left.range, false);
    let r = asColumnExpr(right, expr.right.range, false);
    if (left.k !== 'column' && MIRRORED[op] !== undefined) {
      // Python asks the Column on the right: `1 < c` is `c > 1`, `1 + c` is `c + 1`.
      op = MIRRORED[op];
      [l, r] = [r, l];
    }
    const lowered = binaryColumnExpr(op, l, r, expr.range);
    if (lowered === undefined) {
      return column(unsupportedExpr(`the Python operator "${expr.op}" on Columns`, expr.range));
    }
    return column(lowered);
  }

  private unary(expr: Extract<PyExpr, { k: 'unary' }>): Value {
    const arg = this.evaluate(expr.arg);
    if (arg.k === 'literal' && typeof arg.value === 'number' && expr.op === '-') {
      return {
        ...arg,
        value: -arg.value,
        text: arg.text === undefined ? undefined : `-${arg.text}`,
        range: expr.range
      };
    }
    if (arg.k !== 'column') {
      return UNKNOWN;
    }
    const inner = asColumnExpr(arg, expr.arg.range, false);
    if (expr.op === '~') {
      return column({ k: 'unary', op: 'not', arg: inner, range: expr.range });
    }
    if (expr.op === '-') {
      return column({ k: 'unary', op: '-', arg: inner, range: expr.range });
    }
    if (expr.op === 'not') {
      this.diagnostics.error(
        'PYTHON_BOOL_OF_COLUMN',
        'Python\'s "not" cannot negate a Column: use ~ instead.',
        expr.range
      );
    }
    return arg;
  }

  // ------------------------------------------------------------ calls

  private call(expr: Extract<PyExpr, { k: 'call' }>): Value {
    const callee = this.callee(expr.fn);
    const positional: Value[] = [];
    const keywords: Record<string, Value> = {};
    for (const arg of expr.args) {
      const value = this.evaluate(arg.value);
      if (arg.name !== undefined) {
        keywords[arg.name] = value;
      } else if (arg.star === '*' && value.k === 'list') {
        positional.push(...value.items);
      } else if (arg.star === undefined) {
        positional.push(value);
      } else {
        positional.push(UNKNOWN);
      }
    }
    const args = { positional, keywords, nodes: expr.args, range: expr.range };
    switch (callee.k) {
      case 'function':
        return this.functionCall(callee.name, args);
      case 'typeClass':
        return this.typeCall(callee.name, positional);
      case 'method':
        return this.methodCall(callee, args);
      default:
        return UNKNOWN;
    }
  }

  /** What is called: `df.anything(...)` is a method call even where `df.anything` is a column. */
  private callee(fn: PyExpr): Value {
    if (fn.k === 'attr') {
      const target = this.evaluate(fn.obj);
      if (target.k === 'frame' || target.k === 'column') {
        return { k: 'method', target, name: fn.name, nameRange: fn.nameRange };
      }
      return this.attribute(target, fn);
    }
    return this.evaluate(fn);
  }

  private typeCall(name: string, args: readonly Value[]): Value {
    const simple = TYPE_CLASSES[name];
    if (simple !== undefined) {
      return { k: 'dataType', type: simple };
    }
    if (name === 'DecimalType') {
      const [p, s] = args.map(a =>
        a.k === 'literal' && typeof a.value === 'number' ? a.value : undefined
      );
      return { k: 'dataType', type: T.decimal(p ?? 10, s ?? 0) };
    }
    if (name === 'ArrayType' && args[0]?.k === 'dataType') {
      return { k: 'dataType', type: { kind: 'array', element: args[0].type, containsNull: true } };
    }
    return UNKNOWN;
  }

  private methodCall(method: Extract<Value, { k: 'method' }>, args: CallArgs): Value {
    const { target, name } = method;
    const range = { from: method.nameRange.from, to: args.range.to };
    switch (target.k) {
      case 'session':
        return this.sessionCall(name, args, range);
      case 'reader':
        return this.readerCall(name, args, range);
      case 'frame':
        return this.callFrameMethod(
          target.frame,
          name,
          args.positional,
          args.keywords,
          range,
          range
        );
      case 'grouped':
        return this.groupedCall(target, name, args, range);
      case 'column':
        return this.columnMethod(target, name, args, range, args.range);
      case 'windowClass':
      case 'window':
        return this.windowCall(target.k === 'window' ? target : emptyWindow(), name, args);
      default:
        return UNKNOWN;
    }
  }

  private sessionCall(name: string, args: CallArgs, range: TextRange): Value {
    const first = args.positional[0];
    if (name === 'table' && first?.k === 'literal' && typeof first.value === 'string') {
      return this.tableFrame(first.value, first.range, range);
    }
    if (name === 'sql' && first?.k === 'literal' && typeof first.value === 'string') {
      return this.sqlFrame(first);
    }
    if (name === 'range') {
      const frame = this.newFrame(
        [
          {
            id: this.analyzer.freshId(),
            name: 'id',
            type: T.bigint,
            nullable: false,
            qualifier: []
          }
        ],
        true
      );
      this.analyzer.record('range', this.enclosing, range, frame.attributes);
      return { k: 'frame', frame };
    }
    if (name === 'createDataFrame') {
      this.diagnostics.notAnalyzed('spark.createDataFrame', range);
      return { k: 'frame', frame: this.newFrame([], false) };
    }
    return UNKNOWN;
  }

  private readerCall(name: string, args: CallArgs, range: TextRange): Value {
    const first = args.positional[0];
    if (name === 'table' && first?.k === 'literal' && typeof first.value === 'string') {
      return this.tableFrame(first.value, first.range, range);
    }
    if (['format', 'option', 'options', 'schema'].includes(name)) {
      return { k: 'reader' };
    }
    if (['parquet', 'csv', 'json', 'orc', 'load', 'text', 'delta'].includes(name)) {
      // Files: their schema is only known once catalogued.
      this.diagnostics.warning(
        'UNKNOWN_FILE_SCHEMA',
        `The schema of files read with spark.read.${name}(...) is unknown here: register them as a table in the catalog (or read them with spark.table) to see their columns.`,
        range
      );
      return { k: 'frame', frame: this.newFrame([], false) };
    }
    return UNKNOWN;
  }

  private tableFrame(name: string, nameRange: TextRange, range: TextRange): Value {
    const parts = name.split('.').map(p => p.replace(/^`|`$/g, ''));
    const view = parts.length === 1 ? this.views.get(parts[0].toLowerCase()) : undefined;
    if (view !== undefined) {
      const frame = this.newFrame(
        view.attributes.map(a => ({ ...a, id: this.analyzer.freshId(), qualifier: [parts[0]] })),
        view.complete
      );
      this.analyzer.record('scan', this.enclosing, range, frame.attributes);
      return { k: 'frame', frame };
    }
    const table = this.catalog.lookup(parts);
    if (table === undefined) {
      const candidates = [
        ...this.catalog.tableNames(),
        ...this.catalog.tableNames().map(n => n.split('.').pop() ?? n),
        ...this.views.keys()
      ];
      this.diagnostics.error(
        'TABLE_OR_VIEW_NOT_FOUND',
        `The table or view ${parts.map(p => `\`${p}\``).join('.')} cannot be found.${didYouMean(name, candidates)}`,
        nameRange
      );
      return { k: 'frame', frame: this.newFrame([], false) };
    }
    const qualifier = table.name.split('.');
    const frame = this.newFrame(
      table.fields.map(f => ({
        id: this.analyzer.freshId(),
        name: f.name,
        type: f.type,
        nullable: f.nullable,
        qualifier
      })),
      true
    );
    this.analyzer.record('scan', this.enclosing, range, frame.attributes);
    return { k: 'frame', frame };
  }

  /** `spark.sql("...")`: the SQL analyzer on the string, with ranges into the cell. */
  private sqlFrame(text: Extract<Value, { k: 'literal' }>): Value {
    const sql = String(text.value);
    const statements = parseStatements(sql);
    const start = text.contentFrom;
    const move = (r: TextRange): TextRange =>
      start !== undefined ? { from: r.from + start, to: r.to + start } : text.range;
    const place = <V>(value: V): V => moveRanges(value, move);
    let frame: Frame | undefined;
    for (const statement of statements) {
      for (const error of statement.syntaxErrors) {
        this.diagnostics.error('PARSE_SYNTAX_ERROR', error.message, move(error.range));
      }
      if (statement.notAQuery !== undefined) {
        this.diagnostics.notAnalyzed(`${statement.notAQuery} statements`, move(statement.range));
        frame = undefined;
        continue;
      }
      if (statement.notAnalyzed !== undefined) {
        this.diagnostics.notAnalyzed(statement.notAnalyzed, move(statement.range));
      }
      if (statement.query === undefined) {
        frame = this.newFrame([], false);
        continue;
      }
      const plan = this.analyzer.analyze(
        place(statement.query),
        new Map(),
        this.views,
        this.enclosing
      );
      frame = this.newFrame(plan.attributes, plan.complete);
    }
    if (statements.length > 1) {
      this.diagnostics.error(
        'PARSE_SYNTAX_ERROR',
        'spark.sql() runs one statement: remove the ";" and what follows it.',
        text.range
      );
    }
    return frame === undefined ? UNKNOWN : { k: 'frame', frame };
  }

  /** A SQL expression string (`F.expr`, `filter("...")`, `selectExpr`), as select items. */
  private sqlItems(text: Extract<Value, { k: 'literal' }>): SelectItem[] {
    const prefix = 'SELECT ';
    const statements = parseStatements(prefix + String(text.value));
    const start = text.contentFrom;
    const move = (r: TextRange): TextRange =>
      start !== undefined
        ? {
            from: Math.max(start, r.from - prefix.length + start),
            to: Math.max(start, r.to - prefix.length + start)
          }
        : text.range;
    const place = <V>(value: V): V => moveRanges(value, move);
    const statement = statements[0];
    for (const error of statement?.syntaxErrors ?? []) {
      this.diagnostics.error('PARSE_SYNTAX_ERROR', error.message, move(error.range));
    }
    const body = statement?.query?.body;
    if (statements.length !== 1 || body?.k !== 'select' || body.from.length > 0) {
      if ((statement?.syntaxErrors.length ?? 0) === 0) {
        this.diagnostics.error('PARSE_SYNTAX_ERROR', 'Not a SQL expression.', text.range);
      }
      return [{ expr: unsupportedExpr('', text.range), range: text.range }];
    }
    return [...place(body.items)];
  }

  private sqlExpr(value: Value, range: TextRange): Expr {
    if (value.k === 'literal' && typeof value.value === 'string') {
      return this.sqlItems(value)[0]?.expr ?? unsupportedExpr('', range);
    }
    return asColumnExpr(value, range, true);
  }

  // ------------------------------------------------------------ F.*

  private functionCall(name: string, args: CallArgs): Value {
    const { positional, keywords, range } = args;
    const at = (i: number): TextRange => args.nodes[i]?.range ?? range;
    const colArg = (i: number): Expr => asColumnExpr(positional[i] ?? UNKNOWN, at(i), true);
    switch (name) {
      case 'col':
      case 'column': {
        const first = positional[0];
        return first?.k === 'literal' && typeof first.value === 'string'
          ? column(columnFromName(first.value, first.range))
          : UNKNOWN;
      }
      case 'lit': {
        const first = positional[0];
        if (first?.k === 'column') {
          return first;
        }
        if (first?.k === 'literal') {
          return column(literalExpr(first.value, range, first.float, first.text));
        }
        return column(unsupportedExpr('F.lit of this value', range));
      }
      case 'expr':
        return positional[0] === undefined ? UNKNOWN : column(this.sqlExpr(positional[0], range));
      case 'when': {
        const condition = asColumnExpr(positional[0] ?? UNKNOWN, at(0), false);
        const value = asColumnExpr(positional[1] ?? UNKNOWN, at(1), false);
        return column(caseOf([[condition, value]], undefined, range), {
          whens: [[condition, value]]
        });
      }
      case 'asc':
      case 'desc':
      case 'asc_nulls_first':
      case 'asc_nulls_last':
      case 'desc_nulls_first':
      case 'desc_nulls_last':
        return column(colArg(0), { sort: sortOf(name) });
      case 'broadcast':
        return positional[0] ?? UNKNOWN;
      case 'count':
        if (positional[0]?.k === 'literal' && positional[0].value === '*') {
          return column({
            k: 'function',
            name: { name: 'count', range },
            args: [],
            distinct: false,
            star: true,
            range
          });
        }
        break;
      case 'log':
        if (positional.length === 1) {
          return column(callExpr('ln', [colArg(0)], range));
        }
        return column(
          callExpr('log', [asColumnExpr(positional[0], at(0), false), colArg(1)], range)
        );
      case 'first':
      case 'last':
        return column(callExpr(name, [colArg(0)], range));
      case 'lag':
      case 'lead': {
        const offset = positional[1] ?? keywords.offset ?? { k: 'literal', value: 1, range };
        const fallback = positional[2] ?? keywords.default ?? { k: 'literal', value: null, range };
        return column(
          callExpr(
            name,
            [colArg(0), asColumnExpr(offset, range, false), asColumnExpr(fallback, range, false)],
            range
          )
        );
      }
      case 'round':
      case 'bround':
        return column(
          callExpr(
            name,
            [
              colArg(0),
              asColumnExpr(
                positional[1] ?? keywords.scale ?? { k: 'literal', value: 0, range },
                at(1),
                false
              )
            ],
            range
          )
        );
      case 'sort_array':
        return column(
          callExpr(
            name,
            [
              colArg(0),
              asColumnExpr(
                positional[1] ?? keywords.asc ?? { k: 'literal', value: true, range },
                at(1),
                false
              )
            ],
            range
          )
        );
      case 'split':
        return column(
          callExpr(
            name,
            [
              colArg(0),
              asColumnExpr(positional[1] ?? UNKNOWN, at(1), false),
              asColumnExpr(
                positional[2] ?? keywords.limit ?? { k: 'literal', value: -1, range },
                at(2),
                false
              )
            ],
            range
          )
        );
    }
    const rename = FUNCTION_RENAMES[name];
    const sqlName = rename?.name ?? name;
    const literalPositions = LITERAL_STRING_ARGS[name] ?? [];
    const exprs = positional.map((value, i) =>
      asColumnExpr(value, at(i), !literalPositions.includes(i))
    );
    return column({
      k: 'function',
      name: { name: sqlName, range },
      args: exprs,
      distinct: rename?.distinct === true,
      star: false,
      range
    });
  }

  // ------------------------------------------------------------ Column methods

  private columnMethod(
    target: ColumnValue,
    name: string,
    args: CallArgs,
    range: TextRange,
    whole: TextRange
  ): Value {
    const { positional } = args;
    const base = asColumnExpr(target, whole, false);
    const arg = (i: number, names = false): Expr =>
      asColumnExpr(positional[i] ?? UNKNOWN, args.nodes[i]?.range ?? range, names);
    switch (name) {
      case 'alias':
      case 'name':
      case 'as_': {
        const names = positional
          .filter((v): v is Extract<Value, { k: 'literal' }> => v.k === 'literal')
          .map(v => ({ name: String(v.value), range: v.range }));
        return { ...target, alias: names };
      }
      case 'when': {
        const whens = target.whens ?? [];
        const next = [...whens, [arg(0), arg(1)] as const];
        return column(caseOf(next, undefined, whole), { whens: next });
      }
      case 'otherwise':
        if (target.whens === undefined) {
          return column(unsupportedExpr('otherwise() without when()', whole));
        }
        return column(caseOf(target.whens, arg(0), whole));
      case 'cast':
      case 'astype': {
        const to = positional[0];
        const type =
          to?.k === 'dataType'
            ? to.type
            : to?.k === 'literal' && typeof to.value === 'string'
              ? parseDdlType(to.value)
              : undefined;
        if (type === undefined) {
          return column(unsupportedExpr('this cast target', whole));
        }
        return column({ k: 'cast', arg: base, to: type, tryCast: false, range: whole });
      }
      case 'isNull':
      case 'isNotNull':
        return column({ k: 'isNull', arg: base, not: name === 'isNotNull', range: whole });
      case 'isin': {
        const list = positional.flatMap(v => (v.k === 'list' ? v.items : [v]));
        return column({
          k: 'in',
          arg: base,
          list: list.map(v => asColumnExpr(v, whole, false)),
          not: false,
          range: whole
        });
      }
      case 'between': {
        const low = binaryColumnExpr('>=', base, arg(0), whole)!;
        const high = binaryColumnExpr('<=', base, arg(1), whole)!;
        return column({ k: 'binary', op: 'and', left: low, right: high, range: whole });
      }
      case 'like':
      case 'rlike':
      case 'ilike':
        return column({
          k: 'like',
          op: name,
          arg: base,
          pattern: arg(0),
          not: false,
          range: whole
        });
      case 'contains':
      case 'startswith':
      case 'endswith':
        return column(callExpr(name, [base, arg(0)], whole));
      case 'substr':
        return column(callExpr('substring', [base, arg(0), arg(1)], whole));
      case 'getItem':
        return column({ k: 'index', base, index: arg(0), range: whole });
      case 'getField': {
        const field = positional[0];
        if (field?.k === 'literal' && typeof field.value === 'string') {
          return column({
            k: 'index',
            base,
            index: literalExpr(field.value, field.range),
            range: whole
          });
        }
        return column(unsupportedExpr('getField of a non-string', whole));
      }
      case 'eqNullSafe':
        return column({ k: 'binary', op: '<=>', left: base, right: arg(0), range: whole });
      case 'asc':
      case 'desc':
      case 'asc_nulls_first':
      case 'asc_nulls_last':
      case 'desc_nulls_first':
      case 'desc_nulls_last':
        return { ...target, sort: sortOf(name) };
      case 'over': {
        const window = positional[0];
        if (base.k !== 'function') {
          return column(unsupportedExpr('over() on a non-function', whole));
        }
        const spec =
          window?.k === 'window'
            ? window
            : window?.k === 'windowClass'
              ? emptyWindow()
              : emptyWindow();
        return column({
          ...base,
          over: {
            partitionBy: spec.partitionBy,
            orderBy: spec.orderBy,
            frame: spec.frame,
            range: whole
          },
          range: whole
        });
      }
      case 'bitwiseAND':
        return column({ k: 'binary', op: '&', left: base, right: arg(0), range: whole });
      case 'bitwiseOR':
        return column({ k: 'binary', op: '|', left: base, right: arg(0), range: whole });
      case 'bitwiseXOR':
        return column({ k: 'binary', op: '^', left: base, right: arg(0), range: whole });
      default:
        return column(unsupportedExpr(`Column.${name}()`, range));
    }
  }

  // ------------------------------------------------------------ windows

  private windowCall(window: WindowValue, name: string, args: CallArgs): Value {
    const flat = args.positional.flatMap(v => (v.k === 'list' ? v.items : [v]));
    const at = (i: number): TextRange => args.nodes[i]?.range ?? args.range;
    switch (name) {
      case 'partitionBy':
        return {
          ...window,
          partitionBy: flat.map((v, i) => asColumnExpr(v, at(i), true))
        };
      case 'orderBy':
        return { ...window, orderBy: flat.map((v, i) => sortItem(v, at(i))) };
      case 'rowsBetween':
      case 'rangeBetween': {
        const bound = (v: Value | undefined): FrameBound => {
          const n = v?.k === 'literal' && typeof v.value === 'number' ? v.value : 0;
          if (n <= -UNBOUNDED) {
            return { k: 'unbounded', preceding: true };
          }
          if (n >= UNBOUNDED) {
            return { k: 'unbounded', preceding: false };
          }
          if (n === 0) {
            return { k: 'current' };
          }
          // Spark keeps the signed literal: `rangeBetween(-2, 2)` is `-2 FOLLOWING AND 2 FOLLOWING`.
          return { k: 'offset', preceding: false, value: literalExpr(n, args.range) };
        };
        const frame: WindowFrame = {
          type: name === 'rowsBetween' ? 'rows' : 'range',
          start: bound(args.positional[0]),
          end: bound(args.positional[1]),
          range: args.range
        };
        return { ...window, frame };
      }
      default:
        return UNKNOWN;
    }
  }

  // ------------------------------------------------------------ DataFrame methods

  private groupedCall(
    grouped: Extract<Value, { k: 'grouped' }>,
    name: string,
    args: CallArgs,
    range: TextRange
  ): Value {
    const whole = { from: grouped.range.from, to: args.range.to };
    const at = (i: number): TextRange => args.nodes[i]?.range ?? range;
    let aggregates: SelectItem[];
    switch (name) {
      case 'agg': {
        const first = args.positional[0];
        if (first?.k === 'dict') {
          aggregates = first.entries.map(([key, fn]) => {
            const col = key.k === 'literal' && typeof key.value === 'string' ? key.value : '';
            const fnName = fn.k === 'literal' && typeof fn.value === 'string' ? fn.value : '';
            const r = key.k === 'literal' ? key.range : range;
            return { expr: dictAggregate(fnName, col, r), range: r };
          });
        } else {
          aggregates = args.positional.map((v, i) => selectItemOf(v, at(i), false));
        }
        break;
      }
      case 'count':
        aggregates = [
          {
            expr: {
              k: 'function',
              name: { name: 'count', range },
              args: [],
              distinct: false,
              star: true,
              range
            },
            alias: { name: 'count', range },
            range
          }
        ];
        break;
      case 'sum':
      case 'avg':
      case 'mean':
      case 'max':
      case 'min': {
        const fn = name === 'mean' ? 'avg' : name;
        const names =
          args.positional.length > 0
            ? args.positional.map((v, i) => ({ v, r: at(i) }))
            : grouped.frame.attributes
                .filter(a =>
                  ['tinyint', 'smallint', 'int', 'bigint', 'float', 'double', 'decimal'].includes(
                    a.type.kind
                  )
                )
                .map(a => ({ v: { k: 'literal', value: a.name, range } as Value, r: range }));
        aggregates = names.map(({ v, r }) => ({
          expr: callExpr(fn, [asColumnExpr(v, r, true)], r),
          range: r
        }));
        break;
      }
      case 'pivot':
        this.diagnostics.notAnalyzed('GroupedData.pivot', range);
        return UNKNOWN;
      default:
        return UNKNOWN;
    }
    const keyItems = grouped.keys.map(k => selectItemOf(k, k.expr.range, true));
    const keyExprs = grouped.keys.map(k => asColumnExpr(k, k.expr.range, true));
    const grouping: GroupingElement[] | undefined =
      grouped.analytics === 'groupBy'
        ? undefined
        : [{ sets: grouped.analytics === 'rollup' ? rollupSets(keyExprs) : cubeSets(keyExprs) }];
    const select: Select = {
      ...emptySelect(grouped.frame, whole),
      items: [...keyItems, ...aggregates],
      groupBy: keyExprs.length > 0 || grouping !== undefined ? keyExprs : undefined,
      grouping
    };
    return this.analyzeStep(queryOf(select, whole));
  }

  callFrameMethod(
    frame: Frame,
    name: string,
    positional: readonly Value[],
    keywords: Readonly<Record<string, Value>>,
    range: TextRange,
    whole: TextRange
  ): Value {
    const flat = positional.flatMap(v => (v.k === 'list' ? v.items : [v]));
    const itemRange = (v: Value): TextRange => rangeOf(v) ?? range;
    const base = emptySelect(frame, whole);
    switch (name) {
      case 'select':
      case 'toDF': {
        if (name === 'toDF') {
          return this.renameAll(frame, flat, whole);
        }
        return this.analyzeStep(
          queryOf({ ...base, items: flat.map(v => selectItemOf(v, itemRange(v), true)) }, whole)
        );
      }
      case 'selectExpr':
        return this.analyzeStep(
          queryOf(
            {
              ...base,
              items: flat.flatMap(v =>
                v.k === 'literal' && typeof v.value === 'string'
                  ? this.sqlItems(v)
                  : [selectItemOf(v, itemRange(v), true)]
              )
            },
            whole
          )
        );
      case 'filter':
      case 'where': {
        const condition = positional[0];
        if (condition === undefined) {
          return UNKNOWN;
        }
        return this.analyzeStep(
          queryOf(
            { ...base, items: [starItem(whole)], where: this.sqlExpr(condition, range) },
            whole
          )
        );
      }
      case 'withColumn':
      case 'withColumns': {
        const pairs: [string, Value, TextRange][] = [];
        if (name === 'withColumn') {
          const [key, value] = positional;
          if (key?.k === 'literal' && typeof key.value === 'string' && value !== undefined) {
            pairs.push([key.value, value, key.range]);
          }
        } else if (positional[0]?.k === 'dict') {
          for (const [key, value] of positional[0].entries) {
            if (key.k === 'literal' && typeof key.value === 'string') {
              pairs.push([key.value, value, key.range]);
            }
          }
        }
        return this.withColumns(frame, pairs, whole);
      }
      case 'withColumnRenamed':
      case 'withColumnsRenamed': {
        const renames = new Map<string, { name: string; range: TextRange }>();
        if (name === 'withColumnRenamed') {
          const [from, to] = positional;
          if (from?.k === 'literal' && to?.k === 'literal') {
            renames.set(String(from.value).toLowerCase(), {
              name: String(to.value),
              range: to.range
            });
          }
        } else if (positional[0]?.k === 'dict') {
          for (const [from, to] of positional[0].entries) {
            if (from.k === 'literal' && to.k === 'literal') {
              renames.set(String(from.value).toLowerCase(), {
                name: String(to.value),
                range: to.range
              });
            }
          }
        }
        const items = frame.attributes.map((a): SelectItem => {
          const rename = renames.get(a.name.toLowerCase());
          return {
            expr: attributeRef(a, whole),
            alias: rename === undefined ? undefined : { name: rename.name, range: rename.range },
            range: whole
          };
        });
        return this.analyzeStep(queryOf({ ...base, items }, whole), frame.complete);
      }
      case 'drop': {
        const dropped = new Set<number>();
        for (const v of flat) {
          if (v.k === 'literal' && typeof v.value === 'string') {
            const n = v.value.toLowerCase();
            frame.attributes
              .filter(a => a.name.toLowerCase() === n)
              .forEach(a => dropped.add(a.id));
          } else if (v.k === 'column' && v.expr.k === 'column') {
            const parts = v.expr.parts;
            if (parts[0].name.startsWith(ATTRIBUTE_ID_PREFIX)) {
              dropped.add(Number(parts[0].name.slice(ATTRIBUTE_ID_PREFIX.length)));
            } else if (parts.length === 1) {
              const n = parts[0].name.toLowerCase();
              frame.attributes
                .filter(a => a.name.toLowerCase() === n)
                .forEach(a => dropped.add(a.id));
            }
          }
        }
        const items = frame.attributes
          .filter(a => !dropped.has(a.id))
          .map(a => ({ expr: attributeRef(a, whole), range: whole }));
        return this.analyzeStep(queryOf({ ...base, items }, whole), frame.complete);
      }
      case 'distinct':
        return this.analyzeStep(
          queryOf({ ...base, distinct: true, items: [starItem(whole)] }, whole)
        );
      case 'orderBy':
      case 'sort': {
        const ascending = keywords.ascending;
        const order: SortItem[] = flat.map((v, i) => {
          const flag =
            ascending?.k === 'literal'
              ? ascending.value === false
              : ascending?.k === 'list'
                ? (ascending.items[i] as { value?: unknown } | undefined)?.value === false
                : false;
          return sortItem(v, itemRange(v), flag);
        });
        return this.analyzeStep({
          ...queryOf({ ...base, items: [starItem(whole)] }, whole),
          orderBy: order
        });
      }
      case 'limit': {
        const n = positional[0];
        if (n === undefined) {
          return UNKNOWN;
        }
        return this.analyzeStep({
          ...queryOf({ ...base, items: [starItem(whole)] }, whole),
          limit: asColumnExpr(n, itemRange(n), false)
        });
      }
      case 'alias':
      case 'as_': {
        const alias = positional[0];
        if (alias?.k !== 'literal' || typeof alias.value !== 'string') {
          return { k: 'frame', frame };
        }
        const qualifier = [alias.value];
        return {
          k: 'frame',
          frame: this.newFrame(
            frame.attributes.map(a => ({ ...a, qualifier })),
            frame.complete
          )
        };
      }
      case 'join':
        return this.join(frame, positional, keywords, whole);
      case 'crossJoin':
        return this.join(
          frame,
          [positional[0] ?? UNKNOWN],
          { how: { k: 'literal', value: 'cross', range } },
          whole
        );
      case 'union':
      case 'unionAll':
      case 'intersect':
      case 'intersectAll':
      case 'subtract':
      case 'exceptAll': {
        const other = positional[0];
        if (other?.k !== 'frame') {
          return UNKNOWN;
        }
        const op = name.startsWith('union')
          ? 'union'
          : name.startsWith('intersect')
            ? 'intersect'
            : 'except';
        const all = name === 'union' || name === 'unionAll' || name.endsWith('All');
        return this.setOperation(frame, other.frame, op, all, whole);
      }
      case 'unionByName':
        return this.unionByName(
          frame,
          positional[0],
          positional[1] ?? keywords.allowMissingColumns,
          whole
        );
      case 'groupBy':
      case 'groupby':
      case 'rollup':
      case 'cube':
        return {
          k: 'grouped',
          frame,
          keys: flat.map(v => (v.k === 'column' ? v : column(asColumnExpr(v, itemRange(v), true)))),
          analytics: name === 'rollup' ? 'rollup' : name === 'cube' ? 'cube' : 'groupBy',
          range: whole
        };
      case 'agg':
        return this.groupedCall(
          { k: 'grouped', frame, keys: [], analytics: 'groupBy', range: whole },
          'agg',
          { positional, keywords, nodes: [], range: whole },
          range
        );
      case 'unpivot':
      case 'melt':
        return this.unpivot(frame, positional, keywords, range);
      case 'createOrReplaceTempView':
      case 'createTempView': {
        const view = positional[0];
        if (view?.k === 'literal' && typeof view.value === 'string') {
          this.views.set(view.value.toLowerCase(), {
            attributes: frame.attributes,
            complete: frame.complete
          });
        }
        return UNKNOWN;
      }
      default:
        if (SCHEMA_KEEPING.has(name)) {
          if (name === 'sortWithinPartitions') {
            return this.callFrameMethod(frame, 'sort', positional, keywords, range, whole);
          }
          return { k: 'frame', frame };
        }
        if (NOT_A_FRAME.has(name)) {
          return UNKNOWN;
        }
        this.diagnostics.notAnalyzed(`DataFrame.${name}()`, range);
        return { k: 'frame', frame: this.newFrame(frame.attributes, false) };
    }
  }

  private withColumns(
    frame: Frame,
    pairs: readonly [string, Value, TextRange][],
    whole: TextRange
  ): Value {
    const pending = new Map(
      pairs.map(([n, v, r]) => [n.toLowerCase(), { name: n, value: v, range: r }])
    );
    const items: SelectItem[] = frame.attributes.map(a => {
      const replacement = pending.get(a.name.toLowerCase());
      if (replacement === undefined) {
        return { expr: attributeRef(a, whole), range: whole };
      }
      return {
        expr: asColumnExpr(replacement.value, rangeOf(replacement.value) ?? whole, false),
        alias: { name: a.name, range: replacement.range },
        range: whole
      };
    });
    const existing = new Set(frame.attributes.map(a => a.name.toLowerCase()));
    for (const [key, { name, value, range }] of pending) {
      if (!existing.has(key)) {
        items.push({
          expr: asColumnExpr(value, rangeOf(value) ?? whole, false),
          alias: { name, range },
          range: whole
        });
      }
    }
    if (!frame.complete) {
      // Unknown input columns: keep them unknown, but type the new ones.
      items.unshift(starItem(whole));
      return this.analyzeStep(queryOf({ ...emptySelect(frame, whole), items }, whole), false);
    }
    return this.analyzeStep(queryOf({ ...emptySelect(frame, whole), items }, whole));
  }

  /**
   * `unpivot(ids, values, variableColumnName, valueColumnName)` (alias `melt`): the ids, then the
   * name column, then the value column; `values=None` takes every column that is not an id.
   */
  private unpivot(
    frame: Frame,
    positional: readonly Value[],
    keywords: Readonly<Record<string, Value>>,
    range: TextRange
  ): Value {
    const arg = (i: number, name: string): Value | undefined => positional[i] ?? keywords[name];
    const list = (v: Value | undefined): Value[] =>
      v === undefined ? [] : v.k === 'list' ? [...v.items] : [v];
    const text = (v: Value | undefined): string | undefined =>
      v?.k === 'literal' && typeof v.value === 'string' ? v.value : undefined;
    const ids = list(arg(0, 'ids')).map(v => asColumnExpr(v, rangeOf(v) ?? range, true));
    const valuesArg = arg(1, 'values');
    const variable = text(arg(2, 'variableColumnName'));
    const value = text(arg(3, 'valueColumnName'));
    if (variable === undefined || value === undefined) {
      this.diagnostics.notAnalyzed('unpivot() without literal column names', range);
      return { k: 'frame', frame: this.newFrame([], false) };
    }
    const idNames = new Set(
      ids.flatMap(e => (e.k === 'column' ? [e.parts[e.parts.length - 1].name.toLowerCase()] : []))
    );
    const values =
      valuesArg === undefined || (valuesArg.k === 'literal' && valuesArg.value === null)
        ? frame.attributes
            .filter(a => !idNames.has(a.name.toLowerCase()))
            .map(a => attributeRef(a, range))
        : list(valuesArg).map(v => asColumnExpr(v, rangeOf(v) ?? range, true));
    // Only the ids stay: select them and the values, then unpivot that.
    const selected = this.analyzeStep(
      queryOf(
        {
          ...emptySelect(frame, range),
          items: [...ids, ...values].map(expr => ({ expr, range: expr.range }))
        },
        range
      )
    );
    if (selected.k !== 'frame') {
      return selected;
    }
    const input = selected.frame;
    const relation: Relation = {
      k: 'unpivot',
      input: { k: 'table', name: [{ name: input.binding, range }], range },
      unpivot: {
        includeNulls: true,
        valueColumns: [{ name: value, range }],
        nameColumn: { name: variable, range },
        sets: input.attributes.slice(ids.length).map(a => ({
          columns: [attributeRef(a, range)],
          range
        })),
        range
      },
      range
    };
    const select: Select = {
      ...emptySelect(input, range),
      items: [starItem(range)],
      from: [relation]
    };
    return this.analyzeStep(queryOf(select, range), true, [input]);
  }

  private renameAll(frame: Frame, names: readonly Value[], whole: TextRange): Value {
    if (names.length !== frame.attributes.length && frame.complete) {
      this.diagnostics.error(
        'TO_DF_COLUMN_COUNT_MISMATCH',
        `toDF() got ${names.length} names for ${frame.attributes.length} columns.`,
        whole
      );
      return { k: 'frame', frame: this.newFrame([], false) };
    }
    const items = frame.attributes.map((a, i): SelectItem => {
      const n = names[i];
      return {
        expr: attributeRef(a, whole),
        alias: n?.k === 'literal' ? { name: String(n.value), range: n.range } : undefined,
        range: whole
      };
    });
    return this.analyzeStep(
      queryOf({ ...emptySelect(frame, whole), items }, whole),
      frame.complete
    );
  }

  private join(
    left: Frame,
    positional: readonly Value[],
    keywords: Readonly<Record<string, Value>>,
    whole: TextRange
  ): Value {
    const otherValue = positional[0] ?? keywords.other;
    if (otherValue?.k !== 'frame') {
      return UNKNOWN;
    }
    let right = otherValue.frame;
    if (
      right.binding === left.binding ||
      right.attributes.some(a => left.attributes.some(b => b.id === a.id))
    ) {
      // A self-join: Spark gives the right side new attribute ids.
      right = this.newFrame(
        right.attributes.map(a => ({ ...a, id: this.analyzer.freshId() })),
        right.complete
      );
    }
    const on = positional[1] ?? keywords.on;
    const howValue = positional[2] ?? keywords.how;
    let type: Extract<Relation, { k: 'join' }>['type'] = 'inner';
    if (howValue?.k === 'literal' && typeof howValue.value === 'string') {
      const how = JOIN_TYPES[howValue.value.toLowerCase()];
      if (how === undefined) {
        this.diagnostics.error(
          'UNSUPPORTED_JOIN_TYPE',
          `Unsupported join type "${howValue.value}". Supported join types include: inner, outer, full, fullouter, full_outer, left, leftouter, left_outer, right, rightouter, right_outer, leftsemi, left_semi, semi, leftanti, left_anti, anti, cross.`,
          howValue.range
        );
        return { k: 'frame', frame: this.newFrame([], false) };
      }
      type = how;
    }
    const tableRef = (frame: Frame): Relation => ({
      k: 'table',
      name: [{ name: frame.binding, range: whole }],
      range: whole
    });
    let using: Ident[] | undefined;
    let condition: Expr | undefined;
    const onItems = on === undefined || on.k === 'unknown' ? [] : on.k === 'list' ? on.items : [on];
    if (
      onItems.length > 0 &&
      onItems.every(v => v.k === 'literal' && typeof v.value === 'string')
    ) {
      using = onItems.map(v => ({
        name: String((v as { value: unknown }).value),
        range: rangeOf(v) ?? whole
      }));
    } else if (onItems.length > 0) {
      condition = onItems
        .map(v => asColumnExpr(v, rangeOf(v) ?? whole, false))
        .reduce((a, b): Expr => ({ k: 'binary', op: 'and', left: a, right: b, range: whole }));
    } else if (type === 'inner') {
      type = 'cross';
    }
    const relation: Relation = {
      k: 'join',
      type,
      left: tableRef(left),
      right: tableRef(right),
      on: condition,
      using,
      range: whole
    };
    const select: Select = {
      ...emptySelect(left, whole),
      items: [starItem(whole)],
      from: [relation]
    };
    return this.analyzeStep(queryOf(select, whole), true, [left, right]);
  }

  private setOperation(
    left: Frame,
    right: Frame,
    op: 'union' | 'intersect' | 'except',
    all: boolean,
    whole: TextRange
  ): Value {
    const body: QueryTerm = {
      k: 'setOp',
      op,
      all,
      left: { ...emptySelect(left, whole), items: [starItem(whole)] },
      right: { ...emptySelect(right, whole), items: [starItem(whole)] },
      range: whole
    };
    return this.analyzeStep(
      { k: 'query', ctes: [], body, orderBy: [], windows: [], unsupported: [], range: whole },
      true,
      [left, right]
    );
  }

  private unionByName(
    left: Frame,
    other: Value | undefined,
    allowMissing: Value | undefined,
    whole: TextRange
  ): Value {
    if (other?.k !== 'frame') {
      return UNKNOWN;
    }
    const right = other.frame;
    if (!left.complete || !right.complete) {
      return { k: 'frame', frame: this.newFrame(left.attributes, false) };
    }
    const allow = allowMissing?.k === 'literal' && allowMissing.value === true;
    const find = (frame: Frame, name: string): Attribute | undefined =>
      frame.attributes.find(a => a.name.toLowerCase() === name.toLowerCase());
    const nullOf = (a: Attribute): SelectItem => ({
      expr: { k: 'cast', arg: literalExpr(null, whole), to: a.type, tryCast: false, range: whole },
      alias: { name: a.name, range: whole },
      range: whole
    });
    const leftItems: SelectItem[] = left.attributes.map(a => ({
      expr: attributeRef(a, whole),
      range: whole
    }));
    const rightItems: SelectItem[] = [];
    for (const a of left.attributes) {
      const match = find(right, a.name);
      if (match !== undefined) {
        rightItems.push({ expr: attributeRef(match, whole), range: whole });
      } else if (allow) {
        rightItems.push(nullOf(a));
      } else {
        // Spark 3.5 still raises this one under a legacy error class.
        this.diagnostics.error(
          '_LEGACY_ERROR_TEMP_1201',
          `Cannot resolve column name "${a.name}" among the columns of the second DataFrame of unionByName.${didYouMean(
            a.name,
            right.attributes.map(r => r.name)
          )} Pass allowMissingColumns=True to fill it with NULL.`,
          whole
        );
        return { k: 'frame', frame: this.newFrame(left.attributes, false) };
      }
    }
    for (const a of right.attributes) {
      if (find(left, a.name) === undefined) {
        if (!allow) {
          this.diagnostics.error(
            'NUM_COLUMNS_MISMATCH',
            `UNION can only be performed on inputs with the same number of columns, but the first input has ${left.attributes.length} columns and the second input has ${right.attributes.length} columns.`,
            whole
          );
          return { k: 'frame', frame: this.newFrame(left.attributes, false) };
        }
        leftItems.push(nullOf(a));
        rightItems.push({ expr: attributeRef(a, whole), range: whole });
      }
    }
    const body: QueryTerm = {
      k: 'setOp',
      op: 'union',
      all: true,
      left: { ...emptySelect(left, whole), items: leftItems },
      right: { ...emptySelect(right, whole), items: rightItems },
      range: whole
    };
    return this.analyzeStep(
      { k: 'query', ctes: [], body, orderBy: [], windows: [], unsupported: [], range: whole },
      true,
      [left, right]
    );
  }

  /** Analyse one step's query over its input frames; the result is a new frame. */
  private analyzeStep(query: Query, complete = true, inputs?: readonly Frame[]): Value {
    const frames = new Map<string, FrameBinding>();
    const used = inputs ?? [inputOf(query, this.frames)].filter((f): f is Frame => f !== undefined);
    for (const frame of used) {
      frames.set(frame.binding, frame);
    }
    const plan = this.analyzer.analyze(query, frames, this.views, this.enclosing);
    return { k: 'frame', frame: this.newFrame(plan.attributes, plan.complete && complete) };
  }

  private newFrame(attributes: readonly Attribute[], complete: boolean): Frame {
    const binding = `\u0003frame${this.nextFrame++}`;
    const frame = { binding, attributes, complete };
    this.frames.set(binding, frame);
    return frame;
  }
}

interface CallArgs {
  readonly positional: readonly Value[];
  readonly keywords: Readonly<Record<string, Value>>;
  readonly nodes: readonly PyArg[];
  readonly range: TextRange;
}

/** Methods of Column (any other attribute is a field: `col.city`). */
const COLUMN_METHODS = new Set([
  'alias',
  'name',
  'as_',
  'cast',
  'astype',
  'isNull',
  'isNotNull',
  'isin',
  'between',
  'like',
  'rlike',
  'ilike',
  'contains',
  'startswith',
  'endswith',
  'substr',
  'getItem',
  'getField',
  'eqNullSafe',
  'asc',
  'desc',
  'asc_nulls_first',
  'asc_nulls_last',
  'desc_nulls_first',
  'desc_nulls_last',
  'over',
  'when',
  'otherwise',
  'bitwiseAND',
  'bitwiseOR',
  'bitwiseXOR',
  'dropFields',
  'withField'
]);

/** Methods of DataFrame that the lowering follows. */
const FRAME_METHODS = new Set([
  'select',
  'selectExpr',
  'toDF',
  'filter',
  'where',
  'withColumn',
  'withColumns',
  'withColumnRenamed',
  'withColumnsRenamed',
  'drop',
  'distinct',
  'orderBy',
  'sort',
  'limit',
  'alias',
  'as_',
  'join',
  'crossJoin',
  'union',
  'unionAll',
  'unionByName',
  'intersect',
  'intersectAll',
  'subtract',
  'exceptAll',
  'groupBy',
  'groupby',
  'rollup',
  'cube',
  'agg',
  'createOrReplaceTempView',
  'createTempView',
  'unpivot',
  'melt'
]);

function attributeRef(attribute: Attribute, range: TextRange): Expr {
  return {
    k: 'column',
    parts: [
      { name: `${ATTRIBUTE_ID_PREFIX}${attribute.id}`, range },
      { name: attribute.name, range }
    ],
    range
  };
}

function callExpr(name: string, args: readonly Expr[], range: TextRange): Expr {
  return { k: 'function', name: { name, range }, args, distinct: false, star: false, range };
}

function sortOf(name: string): { descending: boolean; nullsFirst?: boolean } {
  const descending = name.startsWith('desc');
  return {
    descending,
    nullsFirst: name.endsWith('nulls_first')
      ? true
      : name.endsWith('nulls_last')
        ? false
        : undefined
  };
}

function emptyWindow(): WindowValue {
  return { k: 'window', partitionBy: [], orderBy: [] };
}

function dictAggregate(fn: string, col: string, range: TextRange): Expr {
  const name = fn === 'mean' ? 'avg' : fn;
  if (name === 'count' && col === '*') {
    return {
      k: 'function',
      name: { name: 'count', range },
      args: [],
      distinct: false,
      star: true,
      range
    };
  }
  return callExpr(name, [columnFromName(col, range)], range);
}

function selectItemOf(value: Value, range: TextRange, stringsAreNames: boolean): SelectItem {
  const expr = asColumnExpr(value, range, stringsAreNames);
  const alias = value.k === 'column' ? value.alias : undefined;
  const itemRange = rangeOf(value) ?? range;
  if (alias === undefined || alias.length === 0) {
    return { expr, range: itemRange };
  }
  if (alias.length === 1) {
    return { expr, alias: { name: alias[0].name, range: alias[0].range }, range: itemRange };
  }
  return { expr, aliases: alias.map(a => ({ name: a.name, range: a.range })), range: itemRange };
}

function starItem(range: TextRange): SelectItem {
  return { expr: { k: 'star', qualifier: [], range }, range };
}

function rangeOf(value: Value): TextRange | undefined {
  switch (value.k) {
    case 'column':
      return value.expr.range;
    case 'literal':
    case 'list':
    case 'dict':
      return value.range;
    default:
      return undefined;
  }
}

function emptySelect(frame: Frame, range: TextRange): Select {
  return {
    k: 'select',
    distinct: false,
    items: [],
    from: [{ k: 'table', name: [{ name: frame.binding, range }], range }],
    lateralViews: [],
    windows: [],
    unsupported: [],
    range
  };
}

function queryOf(select: Select, range: TextRange): Query {
  return { k: 'query', ctes: [], body: select, orderBy: [], windows: [], unsupported: [], range };
}

function inputOf(query: Query, frames: ReadonlyMap<string, FrameBinding>): Frame | undefined {
  const body = query.body;
  if (body.k !== 'select') {
    return undefined;
  }
  const from = body.from[0];
  if (from?.k !== 'table') {
    return undefined;
  }
  const binding = from.name[0].name;
  const frame = frames.get(binding);
  return frame === undefined ? undefined : { binding, ...frame };
}

function rollupSets(keys: readonly Expr[]): Expr[][] {
  const sets: Expr[][] = [];
  for (let n = keys.length; n >= 0; n--) {
    sets.push(keys.slice(0, n));
  }
  return sets;
}

function cubeSets(keys: readonly Expr[]): Expr[][] {
  const sets: Expr[][] = [];
  const count = 1 << keys.length;
  for (let mask = count - 1; mask >= 0; mask--) {
    sets.push(keys.filter((_k, i) => (mask & (1 << (keys.length - 1 - i))) !== 0));
  }
  return sets;
}

/** A copy of a tree with every `range` replaced by `move(range)`. */
function moveRanges<V>(value: V, move: (range: TextRange) => TextRange): V {
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown) => moveRanges(item, move)) as V;
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (
      (key === 'range' || key === 'nameRange') &&
      typeof child === 'object' &&
      child !== null &&
      'from' in child
    ) {
      out[key] = move(child as TextRange);
    } else {
      out[key] = moveRanges(child, move);
    }
  }
  return out as V;
}

export { columnsOf };
