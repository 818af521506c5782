import {
  SPEC_DOCUMENT_SCHEMA,
  type EntitySpec,
  type ErrorDetail,
  type FeatureGroupSpec,
  type SpecDocument,
  type SpecProblem
} from '@featurelab/core';
import { SchemaValidator } from '../schema-validation.js';
import { problemAt } from './loaded-spec.js';
import { parseSparkType } from './spark-type.js';
import { formatPointer, parsePointer, type YamlDocument } from './yaml-file.js';

/** Compiled on first use: compiling costs tens of milliseconds that other commands must not pay. */
let validator: SchemaValidator<SpecDocument> | undefined;

const SCHEMA_FILE = 'schemas/spec-document.schema.json';

const SPARK_TYPE_HINT =
  'Write the type as Spark prints it, e.g. bigint, string, double, timestamp, decimal(12,2), array<float>, map<string,string>, struct<a:int,b:string>.';

/** Hints by the name of the offending field, for the mistakes people make most. */
const FIELD_HINTS: Readonly<Record<string, string>> = {
  kind: 'Start each document with `kind: Entity`, `kind: FeatureGroup`, `kind: SampleSet` or `kind: Model`.',
  apiVersion: 'Add `apiVersion: featurelab/v1` to the document.',
  type: SPARK_TYPE_HINT,
  ttl: 'Write a duration such as 90m, 12h or 7d.',
  cron: 'Write five cron fields such as "0 3 * * *", or @hourly, @daily, @weekly, @monthly.',
  tables: 'Name tables as database.table (or catalog.database.table).'
};

/** The schema's own wording of the Spark identifier rule, which pattern errors quote. */
const SPARK_IDENTIFIER_RULE = schemaDescription('SparkIdentifier');

/** The outcome of checking one document on its own. */
export interface DocumentCheck {
  /** The document with canonical Spark types; undefined when it does not match the schema. */
  readonly spec: SpecDocument | undefined;
  readonly problems: readonly SpecProblem[];
}

/**
 * Check one YAML document against the spec schema, then what the schema cannot express:
 * Spark types that parse, and names unique within the document (Spark compares column names
 * case-insensitively, so `Clicks` and `clicks` collide).
 */
export function checkDocument(file: string, document: YamlDocument): DocumentCheck {
  validator ??= new SchemaValidator<SpecDocument>(SPEC_DOCUMENT_SCHEMA);
  const outcome = validator.validate(document.value);
  if (!outcome.ok) {
    const kind = kindOf(document.value);
    const problems = outcome.problems.map(detail => {
      const unknownProperty = detail.message.startsWith('unknown property');
      return problemAt(
        file,
        document,
        detail.pointer,
        detail.message,
        hintFor(detail, kind, unknownProperty),
        { key: unknownProperty }
      );
    });
    // Bad Spark types are reported with the schema's problems, so one run shows them all.
    const reported = new Set(problems.map(problem => problem.pointer));
    problems.push(
      ...rawTypeProblems(document.value, file, document).filter(
        problem => !reported.has(problem.pointer)
      )
    );
    return { spec: undefined, problems };
  }
  const problems: SpecProblem[] = [];
  const spec = normalizeTypes(outcome.value, file, document, problems);
  if (spec.kind === 'Entity') {
    checkUniqueColumns(
      spec.joinKeys.map(key => key.name),
      ['joinKeys'],
      'join key',
      file,
      document,
      problems
    );
  } else if (spec.kind === 'FeatureGroup') {
    checkUniqueColumns(
      spec.features.map(feature => feature.name),
      ['features'],
      'feature',
      file,
      document,
      problems
    );
    spec.features.forEach((feature, index) => {
      if (feature.name.toLowerCase() === spec.eventTimeColumn.toLowerCase()) {
        problems.push(
          problemAt(
            file,
            document,
            formatPointer(['features', index, 'name']),
            `feature "${feature.name}" has the name of the event-time column`,
            'Rename the feature: the event-time column is a column of the feature group table already.'
          )
        );
      }
    });
  }
  // Returned even with problems: the folder's cross-reference checks still use it.
  return { spec, problems };
}

/** Copy of the spec with every Spark type in canonical spelling; bad types become problems. */
function normalizeTypes(
  spec: SpecDocument,
  file: string,
  document: YamlDocument,
  problems: SpecProblem[]
): SpecDocument {
  const normalize = (type: string, pointer: readonly (string | number)[]): string => {
    const parsed = parseSparkType(type);
    if (parsed.ok) {
      return parsed.type;
    }
    problems.push(
      problemAt(
        file,
        document,
        formatPointer(pointer),
        `${JSON.stringify(type)} is not a Spark type: ${parsed.message}`,
        SPARK_TYPE_HINT
      )
    );
    return type;
  };
  if (spec.kind === 'Entity') {
    const entity: EntitySpec = {
      ...spec,
      joinKeys: mapNonEmpty(spec.joinKeys, (key, index) => ({
        ...key,
        type: normalize(key.type, ['joinKeys', index, 'type'])
      }))
    };
    return entity;
  }
  if (spec.kind === 'FeatureGroup') {
    const group: FeatureGroupSpec = {
      ...spec,
      features: mapNonEmpty(spec.features, (feature, index) => ({
        ...feature,
        type: normalize(feature.type, ['features', index, 'type'])
      }))
    };
    return group;
  }
  return spec;
}

/** Spark type problems of a document that failed the schema, wherever a type is a string. */
function rawTypeProblems(value: unknown, file: string, document: YamlDocument): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const record =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  for (const list of ['features', 'joinKeys']) {
    const members = record[list];
    if (!Array.isArray(members)) {
      continue;
    }
    members.forEach((member: unknown, index) => {
      const type =
        member !== null && typeof member === 'object'
          ? (member as Record<string, unknown>).type
          : undefined;
      const parsed = typeof type === 'string' ? parseSparkType(type) : undefined;
      if (parsed && !parsed.ok) {
        problems.push(
          problemAt(
            file,
            document,
            formatPointer([list, index, 'type']),
            `${JSON.stringify(type)} is not a Spark type: ${parsed.message}`,
            SPARK_TYPE_HINT
          )
        );
      }
    });
  }
  return problems;
}

function checkUniqueColumns(
  names: readonly string[],
  at: readonly string[],
  what: string,
  file: string,
  document: YamlDocument,
  problems: SpecProblem[]
): void {
  const first = new Map<string, number>();
  names.forEach((name, index) => {
    const folded = name.toLowerCase();
    const earlier = first.get(folded);
    if (earlier === undefined) {
      first.set(folded, index);
      return;
    }
    const earlierAt = document.locate(formatPointer([...at, earlier, 'name']));
    problems.push(
      problemAt(
        file,
        document,
        formatPointer([...at, index, 'name']),
        `duplicate ${what} "${name}": "${names[earlier]}" is defined at ${file}:${earlierAt.line}:${earlierAt.column}`,
        `Rename or remove one of them; Spark compares column names without regard to case.`,
        {
          related: [{ file, ...earlierAt }]
        }
      )
    );
  });
}

function hintFor(detail: ErrorDetail, kind: string | undefined, unknownProperty: boolean): string {
  const what = kind === undefined ? 'a spec document' : `${kind === 'Entity' ? 'an' : 'a'} ${kind}`;
  if (unknownProperty) {
    return `Remove it or fix its spelling; ${SCHEMA_FILE} lists the fields of ${what}.`;
  }
  if (SPARK_IDENTIFIER_RULE !== undefined && detail.message.includes(SPARK_IDENTIFIER_RULE)) {
    return 'Rename it, e.g. clicks_7d: this name becomes a Spark table or column name.';
  }
  const field = parsePointer(detail.pointer)
    .filter(segment => !/^[0-9]+$/.test(segment))
    .pop();
  if (field !== undefined && field in FIELD_HINTS) {
    return FIELD_HINTS[field];
  }
  return `See ${SCHEMA_FILE} for the fields of ${what}.`;
}

function kindOf(value: unknown): string | undefined {
  const kind =
    value !== null && typeof value === 'object'
      ? (value as Record<string, unknown>).kind
      : undefined;
  return kind === 'Entity' || kind === 'FeatureGroup' || kind === 'SampleSet' || kind === 'Model'
    ? kind
    : undefined;
}

function schemaDescription(definition: string): string | undefined {
  const definitions = SPEC_DOCUMENT_SCHEMA.definitions as
    Record<string, { description?: unknown }> | undefined;
  const description = definitions?.[definition]?.description;
  return typeof description === 'string' ? description : undefined;
}

/** Array.map for the non-empty tuples the schema's `minItems: 1` generates. */
function mapNonEmpty<T, U>(
  list: readonly [T, ...T[]],
  map: (item: T, index: number) => U
): [U, ...U[]] {
  const [first, ...rest] = list;
  return [map(first, 0), ...rest.map((item, index) => map(item, index + 1))];
}
