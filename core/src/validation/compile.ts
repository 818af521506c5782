/**
 * Compile a validation suite against a table's schema into a plan with the fewest passes over
 * the data: one fused aggregation for every scalar metric (deduplicated across checks, quantiles
 * of one column in one sketch), one grouping pass per distinct (key columns, where) shared by
 * uniqueness, distinctness and primary-key checks, and one join per reference table and key.
 * Every column and type is checked first: a bad check fails here, before anything is scanned.
 */
import { FeaturelabError } from '../errors.js';
import type { ValidationCheck, ValidationSuite } from '../generated/validation-suite.js';
import {
  isDatetime,
  isNumeric,
  simpleString,
  type DataType,
  type StructField
} from '../sql/types.js';
import {
  and,
  col,
  isNotNull,
  literal,
  not,
  num,
  or,
  within,
  X,
  type Agg,
  type Expr
} from './expr.js';
import type {
  AggregateQuery,
  CheckValue,
  GroupingQuery,
  MetricRef,
  PlanMetric,
  PlannedCheck,
  PlannedReference,
  PlanQuery,
  ReferentialQuery,
  RelationId,
  SampleQuery,
  Threshold,
  ValidationPlan
} from './plan.js';
import { ROW_COUNT_METRIC } from './evaluate.js';
import { checkPredicate } from './sql-text.js';
import { parseSparkTypeText, TypeTextError } from './type-text.js';

/** One problem of a suite, at a JSON pointer into the suite document. */
export interface SuiteProblem {
  readonly pointer: string;
  readonly message: string;
  readonly hint: string;
}

/** The suite cannot run on this table: every problem found, none scanned. */
export class ValidationSuiteError extends FeaturelabError {
  readonly problems: readonly SuiteProblem[];

  constructor(problems: readonly SuiteProblem[]) {
    super(
      'ValidationSuiteError',
      problems.length === 1
        ? problems[0].message
        : `${problems.length} problems in the suite; the first: ${problems[0].message}`,
      { hint: problems[0]?.hint }
    );
    this.problems = problems;
  }
}

/** The schemas the compiler checks against: the table's, and each reference table's. */
export type SchemaLookup = (relation: RelationId) => readonly StructField[] | undefined;

/** Reference tables the suite's checks name, in order; the engine resolves their schemas. */
export function suiteReferences(suite: ValidationSuite): PlannedReference[] {
  const references: PlannedReference[] = [];
  suite.checks.forEach((check, index) => {
    if (check.type === 'referentialIntegrity') {
      references.push({
        id: `reference${references.length}`,
        table: check.reference.table,
        data: check.reference.data,
        pointer: `/checks/${index}/reference`
      });
    }
  });
  return references;
}

export interface CompileOptions {
  /** Default for a suite without `sampleRows`. */
  readonly sampleRows?: number;
}

/** Compile; throws ValidationSuiteError with every problem when any check cannot run. */
export function compileSuite(
  suite: ValidationSuite,
  schemas: SchemaLookup,
  options: CompileOptions = {}
): ValidationPlan {
  const compiler = new Compiler(schemas);
  const references = suiteReferences(suite);
  const checks: PlannedCheck[] = [];
  const ids = new Map<string, number>();
  let referenceIndex = 0;
  suite.checks.forEach((check, index) => {
    const pointer = `/checks/${index}`;
    const id = check.id ?? `${index}:${check.type}`;
    const previous = ids.get(id);
    if (previous !== undefined) {
      compiler.problem(
        `${pointer}/id`,
        `check id "${id}" is already used by check ${previous}`,
        'Give every check its own id.'
      );
    }
    ids.set(id, index);
    if (check.where !== undefined) {
      compiler.predicate(check.where, `${pointer}/where`);
    }
    const reference =
      check.type === 'referentialIntegrity' ? references[referenceIndex++] : undefined;
    const planned = compiler.check(check, index, pointer, id, reference);
    if (planned) {
      checks.push(planned);
    }
  });
  if (compiler.problems.length > 0) {
    throw new ValidationSuiteError(compiler.problems);
  }
  return {
    suite: suite.name,
    mode: suite.mode ?? 'block',
    sampleRows: suite.sampleRows ?? options.sampleRows ?? 10,
    queries: compiler.queries(),
    checks,
    references
  };
}

type Kind =
  'numeric' | 'string' | 'boolean' | 'datetime' | 'array' | 'map' | 'struct' | 'binary' | 'other';

function kindOf(type: DataType): Kind {
  if (isNumeric(type)) {
    return 'numeric';
  }
  if (isDatetime(type)) {
    return 'datetime';
  }
  switch (type.kind) {
    case 'string':
    case 'boolean':
    case 'array':
    case 'map':
    case 'struct':
    case 'binary':
      return type.kind;
    default:
      return 'other';
  }
}

const KIND_WORDS: Readonly<Record<Kind, string>> = {
  numeric: 'a number',
  string: 'a string',
  boolean: 'a boolean',
  datetime: 'a date or timestamp',
  array: 'an array',
  map: 'a map',
  struct: 'a struct',
  binary: 'binary',
  other: 'of another type'
};

/** The value of a literal, for the `kind` it is compared with. */
function literalFits(value: string | number | boolean, kind: Kind): boolean {
  switch (kind) {
    case 'numeric':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return false;
  }
}

class Compiler {
  readonly problems: SuiteProblem[] = [];
  private readonly aggregates: (PlanMetric & { readonly agg: Agg })[] = [];
  private readonly aggregateKeys = new Map<string, string>();
  /** Quantile sketches per (column, where): the metric and the quantiles asked of it. */
  private readonly quantileSets = new Map<
    string,
    { metric: string; expr: Expr; quantiles: number[]; description: string }
  >();
  private readonly groupings: GroupingQuery[] = [];
  private readonly referentials: ReferentialQuery[] = [];

  constructor(private readonly schemas: SchemaLookup) {
    // Every plan counts rows (results report it, and it costs nothing in the fused pass).
    const rows: Agg = { k: 'countStar' };
    this.aggregateKeys.set(JSON.stringify(rows), ROW_COUNT_METRIC);
    this.aggregates.push({ id: ROW_COUNT_METRIC, description: 'rows', agg: rows });
  }

  problem(pointer: string, message: string, hint: string): void {
    this.problems.push({ pointer, message, hint });
  }

  predicate(text: string, pointer: string): void {
    const problem = checkPredicate(text);
    if (problem) {
      this.problem(
        pointer,
        `${problem.message} (offset ${problem.offset} of the predicate)`,
        'Write one Spark SQL boolean expression that DuckDB reads too: single-quoted strings with quotes doubled, no ";" and no comments.'
      );
    }
  }

  /** All queries, the fused aggregation first. */
  queries(): PlanQuery[] {
    const metrics = [...this.aggregates];
    for (const set of this.quantileSets.values()) {
      metrics.push({
        id: set.metric,
        description: set.description,
        agg: { k: 'quantiles', e: set.expr, quantiles: set.quantiles }
      });
    }
    const aggregate: AggregateQuery = { kind: 'aggregate', id: 'q0', relation: 'main', metrics };
    return [aggregate, ...this.groupings, ...this.referentials];
  }

  /** The metric computing `agg`, shared with every other check asking the same. */
  private metric(agg: Agg, description: string): MetricRef {
    const key = JSON.stringify(agg);
    let id = this.aggregateKeys.get(key);
    if (id === undefined) {
      id = `m${this.aggregateKeys.size + this.quantileSets.size}`;
      this.aggregateKeys.set(key, id);
      this.aggregates.push({ id, description, agg });
    }
    return { query: 'q0', column: id };
  }

  private quantile(expr: Expr, q: number, description: string): MetricRef {
    const key = JSON.stringify(expr);
    let set = this.quantileSets.get(key);
    if (set === undefined) {
      set = {
        metric: `m${this.aggregateKeys.size + this.quantileSets.size}`,
        expr,
        quantiles: [],
        description
      };
      this.quantileSets.set(key, set);
    }
    let index = set.quantiles.indexOf(q);
    if (index < 0) {
      index = set.quantiles.push(q) - 1;
    }
    return { query: 'q0', column: set.metric, index };
  }

  private grouping(columns: readonly string[], where: string | undefined): GroupingQuery {
    const found = this.groupings.find(
      g =>
        g.where === where &&
        g.columns.length === columns.length &&
        g.columns.every((c, i) => c === columns[i])
    );
    if (found) {
      return found;
    }
    const query: GroupingQuery =
      where === undefined
        ? { kind: 'grouping', id: `q${this.groupings.length + 1}`, relation: 'main', columns }
        : {
            kind: 'grouping',
            id: `q${this.groupings.length + 1}`,
            relation: 'main',
            columns,
            where
          };
    this.groupings.push(query);
    return query;
  }

  /** Resolve a column of a relation as Spark does (exact name first, then ignoring case). */
  private column(
    name: string,
    pointer: string,
    relation: RelationId = 'main'
  ): StructField | undefined {
    const schema = this.schemas(relation);
    if (schema === undefined) {
      return undefined;
    }
    const exact = schema.find(field => field.name === name);
    if (exact) {
      return exact;
    }
    const folded = schema.filter(field => field.name.toLowerCase() === name.toLowerCase());
    if (folded.length === 1) {
      return folded[0];
    }
    const names = schema.map(field => field.name);
    const close = names.filter(candidate =>
      candidate.toLowerCase().includes(name.toLowerCase().slice(0, 3))
    );
    this.problem(
      pointer,
      folded.length > 1
        ? `column "${name}" is ambiguous: ${folded.map(f => `"${f.name}"`).join(', ')} differ only in case`
        : `column "${name}" does not exist${relation === 'main' ? '' : ' in the reference table'}`,
      `Columns: ${names.slice(0, 30).join(', ')}${names.length > 30 ? ', ...' : ''}.${
        close.length > 0 && folded.length === 0
          ? ` Did you mean ${close
              .slice(0, 3)
              .map(c => `"${c}"`)
              .join(' or ')}?`
          : ''
      }`
    );
    return undefined;
  }

  /** The column, if it exists and is one of `kinds`. */
  private typed(
    name: string,
    pointer: string,
    kinds: readonly Kind[],
    checkType: string
  ): StructField | undefined {
    const field = this.column(name, pointer);
    if (field === undefined) {
      return undefined;
    }
    const kind = kindOf(field.type);
    if (!kinds.includes(kind)) {
      this.problem(
        pointer,
        `${checkType} needs ${kinds.map(k => KIND_WORDS[k]).join(' or ')}, but column "${field.name}" is ${simpleString(field.type)}`,
        `Use a check made for ${simpleString(field.type)}, or another column.`
      );
      return undefined;
    }
    return field;
  }

  private bounds(check: { min?: number; max?: number }, pointer: string): void {
    if (check.min !== undefined && check.max !== undefined && check.min > check.max) {
      this.problem(
        `${pointer}/min`,
        `min ${check.min} is greater than max ${check.max}`,
        'Swap them, or fix the bound.'
      );
    }
  }

  check(
    check: ValidationCheck,
    index: number,
    pointer: string,
    id: string,
    reference: PlannedReference | undefined
  ): PlannedCheck | undefined {
    const where: Expr | undefined =
      check.where === undefined ? undefined : { k: 'raw', sql: check.where };
    const base = {
      id,
      index,
      type: check.type,
      pointer,
      severity: check.severity ?? 'block'
    } as const;
    const rows =
      where === undefined
        ? this.metric({ k: 'countStar' }, 'rows')
        : this.metric({ k: 'countIf', cond: where }, 'rows where');
    const countIf = (cond: Expr, description: string): MetricRef =>
      this.metric({ k: 'countIf', cond: and(where, cond) }, description);
    const problemsBefore = this.problems.length;

    /** A share of rows with a non-null `column` that satisfy `predicate`, failing rows sampled. */
    const compliance = (
      field: StructField,
      predicate: Expr,
      metric: string,
      threshold: Threshold,
      extras?: Record<string, MetricRef>
    ): PlannedCheck => {
      const c = col(field.name);
      const considered = countIf(isNotNull(c), `non-null ${field.name}`);
      const passing = countIf(and(isNotNull(c), predicate), metric);
      const sample: SampleQuery = {
        kind: 'rows',
        columns: [field.name],
        failing: and(where, isNotNull(c), not({ k: 'coalesceFalse', e: predicate }))
      };
      return {
        ...base,
        metric,
        value: { op: 'ratio', numerator: passing, denominator: considered },
        threshold,
        whenEmpty: 'pass',
        sample,
        ...(extras ? { extras } : {})
      };
    };
    const ratioAtLeast = (minRatio: number | undefined): Threshold => ({ min: minRatio ?? 1 });

    switch (check.type) {
      case 'rowCount': {
        this.bounds(check, pointer);
        return this.done(problemsBefore, {
          ...base,
          metric: check.where === undefined ? 'row_count' : 'row_count(where)',
          value: { op: 'metric', ref: rows },
          threshold: { min: check.min, max: check.max },
          whenEmpty: 'fail'
        });
      }
      case 'completeness': {
        const field = this.column(check.column, `${pointer}/column`);
        if (!field) {
          return undefined;
        }
        const c = col(field.name);
        return this.done(problemsBefore, {
          ...base,
          metric: `completeness(${field.name})`,
          value: {
            op: 'ratio',
            numerator: countIf(isNotNull(c), `non-null ${field.name}`),
            denominator: rows
          },
          threshold: {
            min: check.min ?? (check.max === undefined ? 1 : undefined),
            max: check.max
          },
          whenEmpty: 'pass',
          sample: {
            kind: 'rows',
            columns: [field.name],
            failing: and(where, { k: 'isNull', e: c })
          }
        });
      }
      case 'uniqueness':
      case 'distinctness':
      case 'primaryKey': {
        const fields = this.keyColumns(check.columns, `${pointer}/columns`, check.type);
        if (!fields) {
          return undefined;
        }
        const names = fields.map(f => f.name);
        const query = this.grouping(names, check.where);
        const ref = (column: string): MetricRef => ({ query: query.id, column });
        const sample: SampleQuery =
          check.where === undefined
            ? { kind: 'duplicateKeys', columns: names }
            : { kind: 'duplicateKeys', columns: names, where: check.where };
        const label = names.join(', ');
        if (check.type === 'uniqueness') {
          return this.done(problemsBefore, {
            ...base,
            metric: `uniqueness(${label})`,
            value: { op: 'ratio', numerator: ref('unique_keys'), denominator: ref('keyed_rows') },
            threshold: { min: check.min ?? 1 },
            whenEmpty: 'pass',
            sample
          });
        }
        if (check.type === 'distinctness') {
          this.bounds(check, pointer);
          return this.done(problemsBefore, {
            ...base,
            metric: `distinctness(${label})`,
            value: { op: 'ratio', numerator: ref('distinct_keys'), denominator: ref('keyed_rows') },
            threshold: { min: check.min, max: check.max },
            whenEmpty: 'pass',
            sample
          });
        }
        return this.done(problemsBefore, {
          ...base,
          metric: `primary_key_violations(${label})`,
          value: { op: 'sum', refs: [ref('null_key_rows'), ref('duplicate_rows')] },
          threshold: { max: 0 },
          whenEmpty: 'pass',
          sample
        });
      }
      case 'valueRange': {
        this.bounds(check, pointer);
        const field = this.typed(check.column, `${pointer}/column`, ['numeric'], 'valueRange');
        return (
          field &&
          this.done(
            problemsBefore,
            compliance(
              field,
              within(col(field.name), check.min, check.max),
              `in_range(${field.name})`,
              ratioAtLeast(check.minRatio)
            )
          )
        );
      }
      case 'allowedSet': {
        const field = this.typed(
          check.column,
          `${pointer}/column`,
          ['numeric', 'string', 'boolean'],
          'allowedSet'
        );
        if (!field) {
          return undefined;
        }
        const kind = kindOf(field.type);
        check.values.forEach((value, i) => {
          if (!literalFits(value, kind)) {
            this.problem(
              `${pointer}/values/${i}`,
              `value ${JSON.stringify(value)} cannot equal a value of column "${field.name}" (${simpleString(field.type)})`,
              `Write the allowed values as ${KIND_WORDS[kind]}s.`
            );
          }
        });
        return this.done(
          problemsBefore,
          compliance(
            field,
            { k: 'in', e: col(field.name), list: check.values.map(literal) },
            `in_set(${field.name})`,
            ratioAtLeast(check.minRatio)
          )
        );
      }
      case 'pattern': {
        const field = this.typed(check.column, `${pointer}/column`, ['string'], 'pattern');
        return (
          field &&
          this.done(
            problemsBefore,
            compliance(
              field,
              { k: 'regexMatch', e: col(field.name), pattern: check.regex },
              `pattern_match(${field.name})`,
              ratioAtLeast(check.minRatio)
            )
          )
        );
      }
      case 'length': {
        this.bounds(check, pointer);
        const field = this.typed(check.column, `${pointer}/column`, ['string'], 'length');
        return (
          field &&
          this.done(
            problemsBefore,
            compliance(
              field,
              within({ k: 'charLength', e: col(field.name) }, check.min, check.max),
              `length_in_range(${field.name})`,
              ratioAtLeast(check.minRatio)
            )
          )
        );
      }
      case 'typeConformance':
        return this.typeConformance(
          check,
          pointer,
          base,
          compliance,
          ratioAtLeast(check.minRatio),
          problemsBefore
        );
      case 'freshness': {
        const field = this.typed(check.column, `${pointer}/column`, ['datetime'], 'freshness');
        if (!field) {
          return undefined;
        }
        const newest = this.metric(
          { k: 'max', e: { k: 'epochMicros', e: whereCase(where, col(field.name)) } },
          `newest ${field.name} (epoch microseconds)`
        );
        return this.done(problemsBefore, {
          ...base,
          metric: `lag_seconds(${field.name})`,
          value: { op: 'lagSeconds', ref: newest },
          threshold: { max: durationSeconds(check.maxLag) },
          whenEmpty: 'fail'
        });
      }
      case 'referentialIntegrity':
        return this.referential(check, pointer, base, reference, problemsBefore);
      case 'customSql': {
        this.predicate(check.predicate, `${pointer}/predicate`);
        const predicate: Expr = { k: 'raw', sql: check.predicate };
        return this.done(problemsBefore, {
          ...base,
          metric: 'predicate_share',
          value: {
            op: 'ratio',
            numerator: countIf(predicate, 'rows satisfying the predicate'),
            denominator: rows
          },
          threshold: {
            min: check.minRatio ?? (check.maxRatio === undefined ? 1 : undefined),
            max: check.maxRatio
          },
          whenEmpty: 'pass',
          sample: {
            kind: 'rows',
            columns: 'all',
            failing: and(where, not({ k: 'coalesceFalse', e: predicate }))
          }
        });
      }
      case 'statistic': {
        this.bounds(check, pointer);
        const field = this.typed(check.column, `${pointer}/column`, ['numeric'], 'statistic');
        if (!field) {
          return undefined;
        }
        if (check.statistic === 'quantile' && check.quantile === undefined) {
          this.problem(
            `${pointer}/quantile`,
            'statistic quantile needs `quantile` (0..1)',
            'Add e.g. `quantile: 0.5` for the median.'
          );
          return undefined;
        }
        const value = whereCase(where, col(field.name));
        const ref =
          check.statistic === 'quantile'
            ? this.quantile(value, check.quantile ?? 0.5, `quantiles of ${field.name}`)
            : this.metric(
                { k: check.statistic === 'mean' ? 'avg' : check.statistic, e: value },
                `${check.statistic} of ${field.name}`
              );
        const name =
          check.statistic === 'quantile'
            ? `quantile(${field.name}, ${check.quantile})`
            : `${check.statistic}(${field.name})`;
        return this.done(problemsBefore, {
          ...base,
          metric: name,
          value: { op: 'metric', ref },
          threshold: { min: check.min, max: check.max },
          whenEmpty: 'fail'
        });
      }
      case 'arrayLength': {
        this.bounds(check, pointer);
        const field = this.typed(check.column, `${pointer}/column`, ['array'], 'arrayLength');
        if (!field) {
          return undefined;
        }
        const size: Expr = { k: 'size', arr: col(field.name) };
        const meanLength = this.metric(
          {
            k: 'avg',
            e: whereCase(where, { k: 'case', when: isNotNull(col(field.name)), then: size })
          },
          `mean length of ${field.name}`
        );
        return this.done(
          problemsBefore,
          compliance(
            field,
            within(size, check.min, check.max),
            `array_length_in_range(${field.name})`,
            ratioAtLeast(check.minRatio),
            { mean_length: meanLength }
          )
        );
      }
      case 'arrayEmpty': {
        const field = this.typed(check.column, `${pointer}/column`, ['array'], 'arrayEmpty');
        if (!field) {
          return undefined;
        }
        const planned = compliance(
          field,
          { k: 'cmp', op: '>', l: { k: 'size', arr: col(field.name) }, r: num(0) },
          `empty_share(${field.name})`,
          {}
        );
        const value = planned.value as Extract<CheckValue, { op: 'ratio' }>;
        return this.done(problemsBefore, {
          ...planned,
          value: {
            op: 'complementRatio',
            numerator: value.numerator,
            denominator: value.denominator
          },
          threshold: { max: check.maxRatio ?? 0 }
        });
      }
      case 'arrayElementCompleteness':
      case 'arrayElementRange': {
        const field = this.typed(check.column, `${pointer}/column`, ['array'], check.type);
        if (!field || field.type.kind !== 'array') {
          return undefined;
        }
        const c = col(field.name);
        const rowsWith = and(where, isNotNull(c));
        const elements = (pred: Expr): Expr => ({ k: 'size', arr: { k: 'filter', arr: c, pred } });
        if (check.type === 'arrayElementCompleteness') {
          const all = this.metric(
            { k: 'sum', e: { k: 'case', when: rowsWith, then: { k: 'size', arr: c } } },
            `elements of ${field.name}`
          );
          const present = this.metric(
            { k: 'sum', e: { k: 'case', when: rowsWith, then: elements(isNotNull(X)) } },
            `non-null elements of ${field.name}`
          );
          return this.done(problemsBefore, {
            ...base,
            metric: `element_completeness(${field.name})`,
            value: { op: 'ratio', numerator: present, denominator: all },
            threshold: { min: check.min ?? 1 },
            whenEmpty: 'pass',
            sample: {
              kind: 'rows',
              columns: [field.name],
              failing: and(rowsWith, {
                k: 'cmp',
                op: '<',
                l: elements(isNotNull(X)),
                r: { k: 'size', arr: c }
              })
            }
          });
        }
        this.bounds(check, pointer);
        if (kindOf(field.type.element) !== 'numeric') {
          this.problem(
            `${pointer}/column`,
            `arrayElementRange needs an array of numbers, but column "${field.name}" is ${simpleString(field.type)}`,
            'Use arrayLength or arrayElementCompleteness for other element types.'
          );
          return undefined;
        }
        const inRange = within(X, check.min, check.max);
        const present = this.metric(
          { k: 'sum', e: { k: 'case', when: rowsWith, then: elements(isNotNull(X)) } },
          `non-null elements of ${field.name}`
        );
        const passing = this.metric(
          {
            k: 'sum',
            e: { k: 'case', when: rowsWith, then: elements(and(isNotNull(X), inRange)) }
          },
          `elements of ${field.name} in range`
        );
        return this.done(problemsBefore, {
          ...base,
          metric: `element_in_range(${field.name})`,
          value: { op: 'ratio', numerator: passing, denominator: present },
          threshold: ratioAtLeast(check.minRatio),
          whenEmpty: 'pass',
          sample: {
            kind: 'rows',
            columns: [field.name],
            failing: and(rowsWith, {
              k: 'cmp',
              op: '>',
              l: elements(and(isNotNull(X), not({ k: 'coalesceFalse', e: inRange }))),
              r: num(0)
            })
          }
        });
      }
      case 'mapKeyPresence': {
        const field = this.typed(check.column, `${pointer}/column`, ['map'], 'mapKeyPresence');
        if (!field || field.type.kind !== 'map') {
          return undefined;
        }
        const keyKind = kindOf(field.type.key);
        check.keys.forEach((key, i) => {
          if (!literalFits(key, keyKind)) {
            this.problem(
              `${pointer}/keys/${i}`,
              `key ${JSON.stringify(key)} cannot be a key of column "${field.name}" (${simpleString(field.type)})`,
              `Write the keys as ${KIND_WORDS[keyKind]}s.`
            );
          }
        });
        const c = col(field.name);
        return this.done(
          problemsBefore,
          compliance(
            field,
            and(
              ...check.keys.map(key => ({ k: 'mapContains', map: c, key: literal(key) }) as Expr)
            ),
            `keys_present(${field.name})`,
            ratioAtLeast(check.minRatio)
          )
        );
      }
      case 'mapValues':
        return this.mapValues(
          check,
          pointer,
          base,
          where,
          ratioAtLeast(check.minRatio),
          problemsBefore
        );
      case 'embeddingDimension':
      case 'embeddingNonFinite':
      case 'embeddingNorm': {
        const field = this.typed(check.column, `${pointer}/column`, ['array'], check.type);
        if (!field || field.type.kind !== 'array') {
          return undefined;
        }
        if (kindOf(field.type.element) !== 'numeric') {
          this.problem(
            `${pointer}/column`,
            `${check.type} needs an array of numbers (an embedding), but column "${field.name}" is ${simpleString(field.type)}`,
            'Store embeddings as array<float> or array<double>.'
          );
          return undefined;
        }
        const c = col(field.name);
        if (check.type === 'embeddingDimension') {
          return this.done(
            problemsBefore,
            compliance(
              field,
              { k: 'cmp', op: '=', l: { k: 'size', arr: c }, r: num(check.dimension) },
              `dimension_is_${check.dimension}(${field.name})`,
              ratioAtLeast(check.minRatio)
            )
          );
        }
        if (check.type === 'embeddingNonFinite') {
          const finite: Expr = {
            k: 'cmp',
            op: '=',
            l: {
              k: 'size',
              arr: { k: 'filter', arr: c, pred: or({ k: 'isNaN', e: X }, { k: 'isInf', e: X }) }
            },
            r: num(0)
          };
          const planned = compliance(field, finite, `non_finite_share(${field.name})`, {});
          const value = planned.value as Extract<CheckValue, { op: 'ratio' }>;
          return this.done(problemsBefore, {
            ...planned,
            value: {
              op: 'complementRatio',
              numerator: value.numerator,
              denominator: value.denominator
            },
            threshold: { max: check.maxRatio ?? 0 }
          });
        }
        this.bounds(check, pointer);
        const norm: Expr = { k: 'sqrt', e: { k: 'sumSquares', arr: c } };
        const meanNorm = this.metric(
          { k: 'avg', e: whereCase(where, { k: 'case', when: isNotNull(c), then: norm }) },
          `mean norm of ${field.name}`
        );
        return this.done(
          problemsBefore,
          compliance(
            field,
            within(norm, check.min, check.max),
            `norm_in_range(${field.name})`,
            ratioAtLeast(check.minRatio),
            { mean_norm: meanNorm }
          )
        );
      }
    }
  }

  /** The check, unless it added problems. */
  private done(problemsBefore: number, planned: PlannedCheck): PlannedCheck | undefined {
    return this.problems.length > problemsBefore ? undefined : planned;
  }

  private keyColumns(
    columns: readonly string[],
    pointer: string,
    checkType: string
  ): StructField[] | undefined {
    const fields: StructField[] = [];
    columns.forEach((name, i) => {
      const field = this.column(name, `${pointer}/${i}`);
      if (!field) {
        return;
      }
      if (field.type.kind === 'map') {
        this.problem(
          `${pointer}/${i}`,
          `${checkType} cannot group by map column "${field.name}" (Spark cannot compare maps)`,
          'Check a scalar or array column instead.'
        );
        return;
      }
      fields.push(field);
    });
    return fields.length === columns.length ? fields : undefined;
  }

  private typeConformance(
    check: Extract<ValidationCheck, { type: 'typeConformance' }>,
    pointer: string,
    base: Pick<PlannedCheck, 'id' | 'index' | 'type' | 'pointer' | 'severity'>,
    compliance: (
      field: StructField,
      predicate: Expr,
      metric: string,
      threshold: Threshold
    ) => PlannedCheck,
    threshold: Threshold,
    problemsBefore: number
  ): PlannedCheck | undefined {
    let expected: DataType;
    try {
      expected = parseSparkTypeText(check.expected);
    } catch (error) {
      if (error instanceof TypeTextError) {
        this.problem(
          `${pointer}/expected`,
          `"${check.expected}" is not a Spark type: ${error.message}`,
          'Write the type as Spark prints it: bigint, double, decimal(12,2), date, timestamp, array<float>...'
        );
        return undefined;
      }
      throw error;
    }
    const field = this.column(check.column, `${pointer}/column`);
    if (!field) {
      return undefined;
    }
    const metric = `conforms_to_${simpleString(expected)}(${field.name})`;
    if (simpleString(field.type) === simpleString(expected)) {
      return this.done(problemsBefore, {
        ...base,
        metric,
        value: { op: 'constant', value: 1, note: `column type is ${simpleString(field.type)}` },
        threshold,
        whenEmpty: 'pass'
      });
    }
    const castable = ['numeric', 'boolean', 'datetime'].includes(kindOf(expected));
    if (field.type.kind !== 'string' || !castable) {
      return this.done(problemsBefore, {
        ...base,
        metric,
        value: {
          op: 'constant',
          value: 0,
          note: `column type is ${simpleString(field.type)}, expected ${simpleString(expected)}`
        },
        threshold,
        whenEmpty: 'fail'
      });
    }
    return this.done(
      problemsBefore,
      compliance(
        field,
        isNotNull({ k: 'tryCast', e: col(field.name), type: expected }),
        metric,
        threshold
      )
    );
  }

  private referential(
    check: Extract<ValidationCheck, { type: 'referentialIntegrity' }>,
    pointer: string,
    base: Pick<PlannedCheck, 'id' | 'index' | 'type' | 'pointer' | 'severity'>,
    reference: PlannedReference | undefined,
    problemsBefore: number
  ): PlannedCheck | undefined {
    if (reference === undefined) {
      return undefined;
    }
    if ((check.reference.table === undefined) === (check.reference.data === undefined)) {
      this.problem(
        `${pointer}/reference`,
        'a reference names exactly one of `table` and `data`',
        'Give `table: db.name` (Spark) or `data: path/to/parquet`.'
      );
      return undefined;
    }
    if (check.columns.length !== check.reference.columns.length) {
      this.problem(
        `${pointer}/reference/columns`,
        `${check.columns.length} key column(s) but ${check.reference.columns.length} reference column(s)`,
        'Name one reference column per key column, in the same order.'
      );
      return undefined;
    }
    const fields = this.keyColumns(check.columns, `${pointer}/columns`, 'referentialIntegrity');
    if (this.schemas(reference.id) === undefined) {
      this.problem(
        `${pointer}/reference`,
        'the reference table could not be read',
        'Check the table name or the path.'
      );
      return undefined;
    }
    const referenceFields = check.reference.columns.map((name, i) =>
      this.column(name, `${pointer}/reference/columns/${i}`, reference.id)
    );
    if (!fields || referenceFields.some(f => f === undefined)) {
      return undefined;
    }
    fields.forEach((field, i) => {
      const other = referenceFields[i] as StructField;
      if (
        kindOf(field.type) !== kindOf(other.type) ||
        ['array', 'map', 'struct'].includes(kindOf(field.type))
      ) {
        this.problem(
          `${pointer}/reference/columns/${i}`,
          `key "${field.name}" (${simpleString(field.type)}) cannot be compared with reference column "${other.name}" (${simpleString(other.type)})`,
          'Pair key columns of the same kind: numbers with numbers, strings with strings.'
        );
      }
    });
    const names = fields.map(f => f.name);
    const referenceNames = referenceFields.map(f => (f as StructField).name);
    const query: ReferentialQuery = {
      kind: 'referential',
      id: `q${100 + this.referentials.length}`,
      relation: 'main',
      columns: names,
      ...(check.where === undefined ? {} : { where: check.where }),
      reference: reference.id,
      referenceColumns: referenceNames
    };
    this.referentials.push(query);
    const keyed: MetricRef = { query: query.id, column: 'keyed_rows' };
    const missing: MetricRef = { query: query.id, column: 'missing_rows' };
    return this.done(problemsBefore, {
      ...base,
      metric: `references_found(${names.join(', ')})`,
      value: { op: 'complementRatio', numerator: missing, denominator: keyed },
      threshold: { min: check.minRatio ?? 1 },
      whenEmpty: 'pass',
      sample: {
        kind: 'missingReferences',
        columns: names,
        ...(check.where === undefined ? {} : { where: check.where }),
        reference: reference.id,
        referenceColumns: referenceNames
      }
    });
  }

  private mapValues(
    check: Extract<ValidationCheck, { type: 'mapValues' }>,
    pointer: string,
    base: Pick<PlannedCheck, 'id' | 'index' | 'type' | 'pointer' | 'severity'>,
    where: Expr | undefined,
    threshold: Threshold,
    problemsBefore: number
  ): PlannedCheck | undefined {
    this.bounds(check, pointer);
    const field = this.typed(check.column, `${pointer}/column`, ['map'], 'mapValues');
    if (!field || field.type.kind !== 'map') {
      return undefined;
    }
    const valueKind = kindOf(field.type.value);
    if ((check.min !== undefined || check.max !== undefined) && valueKind !== 'numeric') {
      this.problem(
        `${pointer}/column`,
        `mapValues with min/max needs numeric map values, but column "${field.name}" is ${simpleString(field.type)}`,
        'Use `allowed` for string values.'
      );
    }
    if (check.min === undefined && check.max === undefined && check.allowed === undefined) {
      this.problem(pointer, 'mapValues needs min, max or allowed', 'Say which values are valid.');
    }
    check.allowed?.forEach((value, i) => {
      if (!literalFits(value, valueKind)) {
        this.problem(
          `${pointer}/allowed/${i}`,
          `value ${JSON.stringify(value)} cannot equal a value of column "${field.name}" (${simpleString(field.type)})`,
          `Write the allowed values as ${KIND_WORDS[valueKind]}s.`
        );
      }
    });
    if (check.key !== undefined && !literalFits(check.key, kindOf(field.type.key))) {
      this.problem(
        `${pointer}/key`,
        `key ${JSON.stringify(check.key)} cannot be a key of column "${field.name}" (${simpleString(field.type)})`,
        'Write the key with the type of the map keys.'
      );
    }
    if (this.problems.length > problemsBefore) {
      return undefined;
    }
    const c = col(field.name);
    const valid = (v: Expr): Expr =>
      and(
        check.min === undefined && check.max === undefined
          ? undefined
          : within(v, check.min, check.max),
        check.allowed === undefined
          ? undefined
          : { k: 'in', e: v, list: check.allowed.map(literal) }
      );
    const metricName = `valid_values(${field.name}${check.key === undefined ? '' : `[${JSON.stringify(check.key)}]`})`;
    if (check.key !== undefined) {
      // The value at one key, over the maps that have it non-null.
      const value: Expr = { k: 'mapValue', map: c, key: literal(check.key) };
      const considered = this.metric(
        { k: 'countIf', cond: and(where, isNotNull(c), isNotNull(value)) },
        `maps with ${metricName}`
      );
      const passing = this.metric(
        { k: 'countIf', cond: and(where, isNotNull(c), isNotNull(value), valid(value)) },
        metricName
      );
      return {
        ...base,
        metric: metricName,
        value: { op: 'ratio', numerator: passing, denominator: considered },
        threshold,
        whenEmpty: 'pass',
        sample: {
          kind: 'rows',
          columns: [field.name],
          failing: and(where, isNotNull(value), not({ k: 'coalesceFalse', e: valid(value) }))
        }
      };
    }
    // Every non-null value of every map, counted with higher-order functions (no explode).
    const values: Expr = { k: 'mapValues', map: c };
    const rowsWith = and(where, isNotNull(c));
    const count = (pred: Expr): Expr => ({ k: 'size', arr: { k: 'filter', arr: values, pred } });
    const considered = this.metric(
      { k: 'sum', e: { k: 'case', when: rowsWith, then: count(isNotNull(X)) } },
      `non-null values of ${field.name}`
    );
    const passing = this.metric(
      { k: 'sum', e: { k: 'case', when: rowsWith, then: count(and(isNotNull(X), valid(X))) } },
      metricName
    );
    return {
      ...base,
      metric: metricName,
      value: { op: 'ratio', numerator: passing, denominator: considered },
      threshold,
      whenEmpty: 'pass',
      sample: {
        kind: 'rows',
        columns: [field.name],
        failing: and(rowsWith, {
          k: 'cmp',
          op: '>',
          l: count(and(isNotNull(X), not({ k: 'coalesceFalse', e: valid(X) }))),
          r: num(0)
        })
      }
    };
  }
}

/** `e` where the check's condition holds, else NULL (aggregates skip it). */
function whereCase(where: Expr | undefined, e: Expr): Expr {
  return where === undefined ? e : { k: 'case', when: where, then: e };
}

/** Seconds of a Duration (90m, 12h, 7d). */
export function durationSeconds(text: string): number {
  const unit = text.slice(-1);
  const amount = Number(text.slice(0, -1));
  const factor: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
  return amount * (factor[unit] ?? Number.NaN);
}
