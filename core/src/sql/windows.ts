/**
 * Window functions: `f(...) OVER (PARTITION BY ... ORDER BY ... frame)` and `OVER w` of a
 * WINDOW clause. Spark names the column after the function and the fully resolved window
 * (`row_number() OVER (PARTITION BY u ORDER BY t ASC NULLS FIRST ROWS BETWEEN UNBOUNDED
 * PRECEDING AND CURRENT ROW)`): the default sort direction, null ordering and frame are spelled
 * out, which is why they are computed here even when the query omits them.
 */
import type { Expr, FrameBound, SortItem, WindowSpec } from './ast.js';
import { canImplicitlyCast, castForcesNullable } from './coercion.js';
import { callTyped } from './function-calls.js';
import { lookupFunction } from './functions.js';
import {
  derived,
  isIntegerLiteral,
  unknownTyped,
  type ExpressionContext,
  type Typed
} from './typed.js';
import { T, isIntegral, isNumeric, sqlTypeName } from './types.js';

type TypeOf = (expr: Expr, ctx: ExpressionContext) => Typed;

/** How a window-only function is typed and named. */
interface WindowFunctionDef {
  /** Spark's display name (`RANK`, but `row_number`). */
  readonly display: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Ranking and offset functions need an ORDER BY and have a frame of their own. */
  readonly ordered: boolean;
  /** The frame Spark fixes for the function; `offset` for lag/lead. */
  readonly frame?: 'rowsToCurrent' | 'rangeToCurrent' | 'offset';
}

const RANKING = { minArgs: 0, maxArgs: 0, ordered: true, frame: 'rowsToCurrent' } as const;
/** `rank(x)` is accepted (the ORDER BY decides the rank); the arguments are not printed. */
const RANK = { ...RANKING, maxArgs: Number.POSITIVE_INFINITY };

const WINDOW_FUNCTION_DEFS: ReadonlyMap<string, WindowFunctionDef> = new Map([
  ['row_number', { ...RANKING, display: 'row_number' }],
  ['rank', { ...RANK, display: 'RANK' }],
  ['dense_rank', { ...RANK, display: 'DENSE_RANK' }],
  ['percent_rank', { ...RANK, display: 'PERCENT_RANK' }],
  ['cume_dist', { ...RANKING, display: 'cume_dist', frame: 'rangeToCurrent' }],
  ['ntile', { ...RANKING, display: 'ntile', minArgs: 1, maxArgs: 1 }],
  ['lag', { display: 'lag', minArgs: 1, maxArgs: 3, ordered: true, frame: 'offset' }],
  ['lead', { display: 'lead', minArgs: 1, maxArgs: 3, ordered: true, frame: 'offset' }],
  ['nth_value', { display: 'nth_value', minArgs: 2, maxArgs: 3, ordered: false }]
]);

/** Functions that exist only with an OVER clause. */
export const WINDOW_FUNCTIONS: ReadonlySet<string> = new Set(WINDOW_FUNCTION_DEFS.keys());

const ROWS_TO_CURRENT = 'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW';
const RANGE_TO_CURRENT = 'RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW';
const WHOLE_PARTITION = 'ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING';

export function windowTyped(
  expr: Extract<Expr, { k: 'function' }>,
  over: WindowSpec,
  ctx: ExpressionContext,
  typeOf: TypeOf
): Typed {
  const name = expr.name.name.toLowerCase();
  if (ctx.allowWindows !== true) {
    if (ctx.windowError !== undefined) {
      ctx.diagnostics.error(ctx.windowError.code, ctx.windowError.message, expr.range);
    } else {
      ctx.diagnostics.notAnalyzed('window functions here', expr.range);
    }
    return unknownTyped(expr.range, `${name}(...)`);
  }
  let spec = over;
  if (over.name !== undefined) {
    const named = ctx.windows?.get(over.name.name.toLowerCase());
    if (named === undefined) {
      ctx.diagnostics.error(
        '_LEGACY_ERROR_TEMP_1004',
        `Window specification ${over.name.name} is not defined in the WINDOW clause.`,
        over.name.range
      );
      return unknownTyped(expr.range, `${name}(...)`);
    }
    spec = named;
  }
  // Window functions do not nest, and aggregates in the spec belong to the GROUP BY below.
  const inner: ExpressionContext = { ...ctx, allowWindows: false, windowError: undefined };
  const partitions = spec.partitionBy.map(e => typeOf(e, inner));
  const orders = spec.orderBy.map(item => ({ item, typed: typeOf(item.expr, inner) }));
  const windowDef = WINDOW_FUNCTION_DEFS.get(name);
  const fn =
    windowDef === undefined
      ? aggregateOverWindow(expr, inner, typeOf)
      : windowFunction(expr, windowDef, inner, typeOf, orders.length > 0);
  if (fn === undefined) {
    return unknownTyped(expr.range, `${name}(...)`);
  }
  let frame: string;
  if (windowDef?.frame !== undefined) {
    frame =
      windowDef.frame === 'offset'
        ? fn.offsetFrame!
        : windowDef.frame === 'rangeToCurrent'
          ? RANGE_TO_CURRENT
          : ROWS_TO_CURRENT;
    if (spec.frame !== undefined) {
      const given = frameSql(spec.frame.type, spec.frame.start, spec.frame.end, inner, typeOf);
      if (given !== frame) {
        ctx.diagnostics.error(
          '_LEGACY_ERROR_TEMP_1036',
          `Window Frame ${given} must match the required frame ${frame}.`,
          spec.frame.range
        );
      }
    }
  } else if (spec.frame !== undefined) {
    const given = checkedFrame(spec, orders, inner, typeOf);
    if (given === undefined) {
      return unknownTyped(expr.range, `${name}(...)`);
    }
    frame = given;
  } else {
    frame = orders.length > 0 ? RANGE_TO_CURRENT : WHOLE_PARTITION;
  }
  const parts: string[] = [];
  if (partitions.length > 0) {
    parts.push(`PARTITION BY ${partitions.map(p => p.sql).join(', ')}`);
  }
  if (orders.length > 0) {
    parts.push(`ORDER BY ${orders.map(o => sortSql(o.item, o.typed)).join(', ')}`);
  }
  parts.push(frame);
  const sql = `${fn.typed.sql} OVER (${parts.join(' ')})`;
  const children = [fn.typed, ...partitions, ...orders.map(o => o.typed)];
  return {
    ...derived(fn.typed.type, fn.typed.nullable, sql, children, expr.range),
    // The window is computed after grouping: aggregates inside it are the query's, the window
    // function itself is not.
    isAggregate: false,
    containsAggregate: children.some(c => c.containsAggregate),
    containsWindow: true
  };
}

function sortSql(item: SortItem, typed: Typed): string {
  const nullsFirst = item.nullsFirst ?? !item.descending;
  return `${typed.sql} ${item.descending ? 'DESC' : 'ASC'} NULLS ${nullsFirst ? 'FIRST' : 'LAST'}`;
}

interface WindowCall {
  readonly typed: Typed;
  /** lag/lead: the frame Spark derives from the offset. */
  readonly offsetFrame?: string;
}

/** An aggregate function over a window: typed like the aggregate, but not aggregating the query. */
function aggregateOverWindow(
  expr: Extract<Expr, { k: 'function' }>,
  ctx: ExpressionContext,
  typeOf: TypeOf
): WindowCall | undefined {
  const name = expr.name.name.toLowerCase();
  const def = lookupFunction(name);
  if (def === undefined || def.kind !== 'aggregate') {
    if (def === undefined) {
      // Unknown functions get their error from the plain call.
      typeOf({ ...expr, over: undefined }, ctx);
    } else {
      ctx.diagnostics.notAnalyzed(`${name} as a window function`, expr.range);
    }
    return undefined;
  }
  if (expr.star) {
    return {
      typed: {
        ...derived(T.bigint, false, 'count(1)', [], expr.range),
        key: 'count(1)'
      }
    };
  }
  const args = expr.args.map(a => typeOf(a, ctx));
  const typed = callTyped(def, name, args, expr.distinct, expr.range, ctx);
  if (typed.type.kind === 'unknown') {
    return undefined;
  }
  // Aggregated per window, not per group: its arguments must be grouped like any expression.
  return {
    typed: { ...typed, isAggregate: false, containsAggregate: args.some(a => a.containsAggregate) }
  };
}

function windowFunction(
  expr: Extract<Expr, { k: 'function' }>,
  def: WindowFunctionDef,
  ctx: ExpressionContext,
  typeOf: TypeOf,
  ordered: boolean
): WindowCall | undefined {
  const args = expr.args.map(a => typeOf(a, ctx));
  const used = expr.name.name;
  if (args.length < def.minArgs || args.length > def.maxArgs) {
    const expected =
      def.minArgs === def.maxArgs ? `${def.minArgs}` : `[${def.minArgs}, ${def.maxArgs}]`;
    ctx.diagnostics.error(
      'WRONG_NUM_ARGS',
      `The \`${used}\` requires ${expected} parameters but the actual number is ${args.length}.`,
      expr.range
    );
    return undefined;
  }
  if (args.some(a => a.type.kind === 'unknown')) {
    return undefined;
  }
  if (def.ordered && !ordered) {
    ctx.diagnostics.error(
      '_LEGACY_ERROR_TEMP_1037',
      `Window function ${def.display}() requires window to be ordered, please add ORDER BY clause.`,
      expr.range
    );
    return undefined;
  }
  const call = (sql: readonly string[]): string => `${def.display}(${sql.join(', ')})`;
  const name = expr.name.name.toLowerCase();
  switch (name) {
    case 'ntile': {
      const buckets = args[0];
      if (!isIntegerLiteral(buckets)) {
        ctx.diagnostics.error(
          isIntegral(buckets.type)
            ? 'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT'
            : 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
          `Cannot resolve "ntile(${buckets.sql})": the input buckets should be a foldable "INT" expression; however, got "${buckets.sql}".`,
          buckets.range
        );
        return undefined;
      }
      if (BigInt(buckets.sql) <= 0n) {
        ctx.diagnostics.error(
          'DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE',
          `Cannot resolve "ntile(${buckets.sql})" due to data type mismatch: The buckets must be between (0, 2147483647] (current value = ${buckets.sql}).`,
          buckets.range
        );
        return undefined;
      }
      return { typed: derived(T.int, false, call([buckets.sql]), args, expr.range) };
    }
    case 'lag':
    case 'lead': {
      const [input, offset, fallback] = args;
      if (offset !== undefined && !isIntegerLiteral(offset)) {
        ctx.diagnostics.error(
          'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT',
          `Cannot resolve "${name}": the offset should be a foldable "INT" expression; however, got "${offset.sql}".`,
          offset.range
        );
        return undefined;
      }
      if (
        fallback !== undefined &&
        fallback.type.kind !== 'void' &&
        !canImplicitlyCast(fallback.type, input.type, ctx.mode, fallback.literal?.kind === 'string')
      ) {
        ctx.diagnostics.error(
          'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
          `Cannot resolve "${name}": the default value "${fallback.sql}" of type ${sqlTypeName(fallback.type)} does not fit "${input.sql}" of type ${sqlTypeName(input.type)}.`,
          fallback.range
        );
        return undefined;
      }
      const offsetText = offset?.sql ?? '1';
      const steps = BigInt(offsetText) * (name === 'lag' ? -1n : 1n);
      const sql = call([input.sql, offsetText, fallback?.sql ?? 'NULL']);
      // NULL past the partition's edge unless a non-null default fills in; a default that needs
      // a cast to the input's type may turn NULL there.
      const nullable =
        input.nullable ||
        fallback === undefined ||
        fallback.nullable ||
        castForcesNullable(fallback.type, input.type);
      return {
        typed: derived(input.type, nullable, sql, args, expr.range),
        offsetFrame: `ROWS BETWEEN ${steps} FOLLOWING AND ${steps} FOLLOWING`
      };
    }
    case 'nth_value': {
      const sql = call(args.slice(0, 2).map(a => a.sql));
      return { typed: derived(args[0].type, true, sql, args, expr.range) };
    }
    default: {
      const type = name === 'percent_rank' || name === 'cume_dist' ? T.double : T.int;
      return { typed: derived(type, false, call([]), args, expr.range) };
    }
  }
}

/** The frame's SQL after checking its bounds against Spark's rules; undefined on an error. */
function checkedFrame(
  spec: WindowSpec,
  orders: readonly { readonly typed: Typed }[],
  ctx: ExpressionContext,
  typeOf: TypeOf
): string | undefined {
  const frame = spec.frame!;
  const sql = frameSql(frame.type, frame.start, frame.end, ctx, typeOf);
  const offsets = [frame.start, frame.end]
    .filter((b): b is Extract<FrameBound, { k: 'offset' }> => b.k === 'offset')
    .map(b => typeOf(b.value, ctx));
  const [lower, upper] = [
    boundPosition(frame.start, ctx, typeOf),
    boundPosition(frame.end, ctx, typeOf)
  ];
  if (lower !== undefined && upper !== undefined && lower > upper) {
    ctx.diagnostics.error(
      'DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON',
      `Cannot resolve "${sql}" due to data type mismatch: The lower bound of a window frame must be less than or equal to the upper bound.`,
      frame.range
    );
    return undefined;
  }
  if (frame.type === 'rows') {
    const bad = offsets.find(o => !isIntegral(o.type) && o.type.kind !== 'unknown');
    if (bad !== undefined) {
      ctx.diagnostics.error(
        'DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE',
        `Cannot resolve "${sql}" due to data type mismatch: The data type of the bound "${sqlTypeName(bad.type)}" does not match the expected data type "INT".`,
        frame.range
      );
      return undefined;
    }
    return sql;
  }
  if (offsets.length > 0) {
    if (orders.length !== 1) {
      ctx.diagnostics.error(
        orders.length === 0
          ? 'DATATYPE_MISMATCH.RANGE_FRAME_WITHOUT_ORDER'
          : 'DATATYPE_MISMATCH.RANGE_FRAME_MULTI_ORDER',
        `Cannot resolve "${sql}": a RANGE frame with offsets needs exactly one ORDER BY expression.`,
        frame.range
      );
      return undefined;
    }
    const orderType = orders[0].typed.type;
    const mismatch = offsets.find(
      o =>
        orderType.kind !== 'unknown' &&
        o.type.kind !== 'unknown' &&
        isNumeric(o.type) &&
        !isNumeric(orderType)
    );
    if (mismatch !== undefined) {
      ctx.diagnostics.error(
        'DATATYPE_MISMATCH.RANGE_FRAME_INVALID_TYPE',
        `Cannot resolve "${sql}" due to data type mismatch: The data type "${sqlTypeName(orderType)}" used in the order specification does not match the data type "${sqlTypeName(mismatch.type)}" which is used in the range frame.`,
        frame.range
      );
      return undefined;
    }
  }
  return sql;
}

/** Where a bound lies relative to the current row, when its offset is a number literal. */
function boundPosition(
  bound: FrameBound,
  ctx: ExpressionContext,
  typeOf: TypeOf
): number | undefined {
  switch (bound.k) {
    case 'current':
      return 0;
    case 'unbounded':
      return undefined;
    case 'offset': {
      const value = typeOf(bound.value, ctx);
      if (value.literal?.kind !== 'number') {
        return undefined;
      }
      return (bound.preceding ? -1 : 1) * Number(value.sql);
    }
  }
}

function frameSql(
  type: 'rows' | 'range',
  start: FrameBound,
  end: FrameBound,
  ctx: ExpressionContext,
  typeOf: TypeOf
): string {
  const bound = (b: FrameBound): string => {
    switch (b.k) {
      case 'current':
        return 'CURRENT ROW';
      case 'unbounded':
        return `UNBOUNDED ${b.preceding ? 'PRECEDING' : 'FOLLOWING'}`;
      case 'offset':
        return `${typeOf(b.value, ctx).sql} ${b.preceding ? 'PRECEDING' : 'FOLLOWING'}`;
    }
  };
  return `${type.toUpperCase()} BETWEEN ${bound(start)} AND ${bound(end)}`;
}
