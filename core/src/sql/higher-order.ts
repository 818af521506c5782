/**
 * Higher-order functions with lambda arguments: `transform(xs, x -> ...)`, `filter`, `exists`,
 * `forall`, `aggregate`/`reduce`, `zip_with`, `map_filter`, `transform_keys`,
 * `transform_values`, `array_sort` with a comparator. The lambda's variables get their types
 * from the collection argument (as Spark's `bind` does), then the body is typed with them in
 * scope. Spark names a lambda `lambdafunction(body, namedlambdavariable(), ...)`.
 */
import type { Expr } from './ast.js';
import { sameTypeIgnoringNullability } from './coercion.js';
import {
  derived,
  unknownTyped,
  type ExpressionContext,
  type LambdaVariable,
  type Typed
} from './typed.js';
import { T, sqlTypeName, type DataType } from './types.js';

type TypeOf = (expr: Expr, ctx: ExpressionContext) => Typed;
type LambdaExpr = Extract<Expr, { k: 'lambda' }>;

/** Argument kinds of each function: a value, or a lambda with the variables it may declare. */
interface HigherOrderDef {
  readonly container: 'array' | 'map';
  /** Number of non-lambda arguments before the first lambda. */
  readonly values: number;
  /** Allowed lambda arities, per lambda argument. */
  readonly lambdas: readonly (readonly number[])[];
  /** Lambdas after the first that may be left out (aggregate's finish). */
  readonly optionalLambdas?: number;
}

const DEFS: ReadonlyMap<string, HigherOrderDef> = new Map<string, HigherOrderDef>([
  ['transform', { container: 'array', values: 1, lambdas: [[1, 2]] }],
  ['filter', { container: 'array', values: 1, lambdas: [[1, 2]] }],
  ['exists', { container: 'array', values: 1, lambdas: [[1]] }],
  ['forall', { container: 'array', values: 1, lambdas: [[1]] }],
  ['aggregate', { container: 'array', values: 2, lambdas: [[2], [1]], optionalLambdas: 1 }],
  ['reduce', { container: 'array', values: 2, lambdas: [[2], [1]], optionalLambdas: 1 }],
  ['zip_with', { container: 'array', values: 2, lambdas: [[2]] }],
  ['array_sort', { container: 'array', values: 1, lambdas: [[2]] }],
  ['map_filter', { container: 'map', values: 1, lambdas: [[2]] }],
  ['transform_keys', { container: 'map', values: 1, lambdas: [[2]] }],
  ['transform_values', { container: 'map', values: 1, lambdas: [[2]] }]
]);

export const HIGHER_ORDER_FUNCTIONS: ReadonlySet<string> = new Set(DEFS.keys());

const IDENTITY_LAMBDA = 'lambdafunction(namedlambdavariable(), namedlambdavariable())';

export function higherOrderTyped(
  expr: Extract<Expr, { k: 'function' }>,
  ctx: ExpressionContext,
  typeOf: TypeOf
): Typed {
  const name = expr.name.name.toLowerCase();
  const def = DEFS.get(name)!;
  const valueExprs = expr.args.slice(0, def.values);
  const lambdaExprs = expr.args.slice(def.values);
  const maxArgs = def.values + def.lambdas.length;
  const minArgs = maxArgs - (def.optionalLambdas ?? 0);
  if (
    expr.args.length < minArgs ||
    expr.args.length > maxArgs ||
    valueExprs.some(a => a.k === 'lambda') ||
    lambdaExprs.some(a => a.k !== 'lambda')
  ) {
    ctx.diagnostics.error(
      'WRONG_NUM_ARGS',
      `The \`${expr.name.name}\` requires ${minArgs === maxArgs ? minArgs : `[${minArgs}, ${maxArgs}]`} parameters (${def.values} values, then lambda functions) but the actual number is ${expr.args.length}.`,
      expr.range
    );
    return unknownTyped(expr.range, `${name}(...)`);
  }
  const values = valueExprs.map(e => typeOf(e, ctx));
  const lambdas = lambdaExprs as LambdaExpr[];
  const unknown = (): Typed => unknownTyped(expr.range, `${name}(...)`);
  if (values.some(v => v.type.kind === 'unknown')) {
    return unknown();
  }
  const container = values[0];
  for (const [i, v] of values.entries()) {
    const needsContainer = i === 0 || name === 'zip_with';
    if (needsContainer && v.type.kind !== def.container && v.type.kind !== 'void') {
      return mismatch(ctx, name, i, def.container.toUpperCase(), v);
    }
  }
  for (const [i, lambda] of lambdas.entries()) {
    if (!def.lambdas[i].includes(lambda.params.length)) {
      const expected = def.lambdas[i][def.lambdas[i].length - 1];
      ctx.diagnostics.error(
        'INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH',
        `Invalid lambda function call. A higher order function expects ${expected} arguments, but got ${lambda.params.length}.`,
        lambda.range
      );
      return unknown();
    }
  }
  const t = container.type;
  const element = t.kind === 'array' ? t.element : T.unknown;
  const elementNullable = t.kind === 'array' ? t.containsNull : true;
  const bind = (lambda: LambdaExpr, variables: readonly Omit<LambdaVariable, 'name'>[]): Typed =>
    lambdaTyped(lambda, variables, ctx, typeOf);
  const named = (
    type: DataType,
    nullable: boolean,
    parts: readonly Typed[],
    extra: readonly string[] = []
  ): Typed =>
    derived(
      type,
      nullable,
      `${name}(${[...parts.map(p => p.sql), ...extra].join(', ')})`,
      parts,
      expr.range
    );

  switch (name) {
    case 'transform': {
      const fn = bind(lambdas[0], [
        { type: element, nullable: elementNullable },
        { type: T.int, nullable: false }
      ]);
      return named(T.array(fn.type, fn.nullable), container.nullable, [container, fn]);
    }
    case 'filter':
    case 'exists':
    case 'forall': {
      const fn = bind(lambdas[0], [
        { type: element, nullable: elementNullable },
        { type: T.int, nullable: false }
      ]);
      if (!isBooleanLike(fn)) {
        return mismatch(ctx, name, 1, 'BOOLEAN', fn);
      }
      if (name === 'filter') {
        return named(t, container.nullable, [container, fn]);
      }
      // Three-valued: a NULL from the predicate makes the answer NULL.
      return named(T.boolean, container.nullable || fn.nullable, [container, fn]);
    }
    case 'aggregate':
    case 'reduce': {
      const zero = values[1];
      // The accumulator is bound as nullable: merge may produce NULL.
      const merge = bind(lambdas[0], [
        { type: zero.type, nullable: true },
        { type: element, nullable: elementNullable }
      ]);
      if (
        merge.type.kind !== 'unknown' &&
        zero.type.kind !== 'void' &&
        !sameTypeIgnoringNullability(merge.type, zero.type)
      ) {
        return mismatch(ctx, name, 2, sqlTypeName(zero.type), merge);
      }
      const finish =
        lambdas.length > 1 ? bind(lambdas[1], [{ type: zero.type, nullable: true }]) : undefined;
      const result = finish ?? { type: zero.type, nullable: true };
      return named(
        result.type,
        container.nullable || result.nullable,
        finish === undefined ? [container, zero, merge] : [container, zero, merge, finish],
        finish === undefined ? [IDENTITY_LAMBDA] : []
      );
    }
    case 'zip_with': {
      const other = values[1].type;
      // The shorter array is padded with NULLs.
      const fn = bind(lambdas[0], [
        { type: element, nullable: true },
        { type: other.kind === 'array' ? other.element : T.unknown, nullable: true }
      ]);
      return named(T.array(fn.type, fn.nullable), container.nullable || values[1].nullable, [
        container,
        values[1],
        fn
      ]);
    }
    case 'array_sort': {
      const fn = bind(lambdas[0], [
        { type: element, nullable: elementNullable },
        { type: element, nullable: elementNullable }
      ]);
      if (fn.type.kind !== 'int' && fn.type.kind !== 'unknown') {
        return mismatch(ctx, name, 1, 'INT', fn);
      }
      return named(t, container.nullable, [container, fn]);
    }
    default: {
      // map_filter, transform_keys, transform_values
      const map = t.kind === 'map' ? t : undefined;
      const key = { type: map?.key ?? T.unknown, nullable: false };
      const value = { type: map?.value ?? T.unknown, nullable: map?.valueContainsNull ?? true };
      const fn = bind(lambdas[0], [key, value]);
      if (map === undefined || fn.type.kind === 'unknown') {
        return named(T.unknown, true, [container, fn]);
      }
      if (name === 'map_filter') {
        if (!isBooleanLike(fn)) {
          return mismatch(ctx, name, 1, 'BOOLEAN', fn);
        }
        return named(map, container.nullable, [container, fn]);
      }
      const result =
        name === 'transform_keys'
          ? T.map(fn.type, map.value, map.valueContainsNull)
          : T.map(map.key, fn.type, fn.nullable);
      return named(result, container.nullable, [container, fn]);
    }
  }
}

const isBooleanLike = (t: Typed): boolean =>
  t.type.kind === 'boolean' || t.type.kind === 'unknown' || t.type.kind === 'void';

function mismatch(
  ctx: ExpressionContext,
  name: string,
  index: number,
  expected: string,
  arg: Typed
): Typed {
  ctx.diagnostics.error(
    'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
    `Cannot resolve "${name}(...)" due to data type mismatch: Parameter ${index + 1} requires the "${expected}" type, however "${arg.sql}" has the type "${sqlTypeName(arg.type)}".`,
    arg.range
  );
  return unknownTyped(arg.range, `${name}(...)`);
}

/** Type a lambda's body with its variables in scope; it takes the body's type and nullability. */
function lambdaTyped(
  lambda: LambdaExpr,
  variables: readonly Omit<LambdaVariable, 'name'>[],
  ctx: ExpressionContext,
  typeOf: TypeOf
): Typed {
  const bound: LambdaVariable[] = lambda.params.map((p, i) => ({ name: p.name, ...variables[i] }));
  const shadowed = (ctx.scope.lambdas ?? []).filter(
    v => !bound.some(b => b.name.toLowerCase() === v.name.toLowerCase())
  );
  const body = typeOf(lambda.body, {
    ...ctx,
    scope: { ...ctx.scope, lambdas: [...bound, ...shadowed] }
  });
  const sql = `lambdafunction(${[body.sql, ...bound.map(() => 'namedlambdavariable()')].join(', ')})`;
  return derived(body.type, body.nullable, sql, [body], lambda.range);
}
