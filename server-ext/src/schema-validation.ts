import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { ErrorDetail, JsonSchemaDocument } from '@featurelab/core';

/** The outcome of validating a value against a schema. */
export type ValidationOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly ErrorDetail[] };

/**
 * Validator for one schema from schemas/ (via @featurelab/core). It reports every problem
 * with the JSON pointer of the offending value and a sentence a person can act on, instead of
 * Ajv's terse keyword messages.
 */
export class SchemaValidator<T> {
  private readonly root: JsonSchemaDocument;
  private readonly compiled: ValidateFunction<T>;

  constructor(schema: JsonSchemaDocument) {
    const ajv = new Ajv({
      allErrors: true,
      verbose: true,
      discriminator: true,
      // Every strictness check on, except the one that rejects `required` next to `oneOf`
      // (the discriminator needs both); never log, because stderr carries only JSON lines.
      strict: true,
      strictRequired: false,
      logger: false
    });
    this.root = schema;
    this.compiled = ajv.compile<T>(schema);
  }

  validate(value: unknown): ValidationOutcome<T> {
    if (this.compiled(value)) {
      return { ok: true, value };
    }
    const errors = (this.compiled.errors ?? []).filter(error => !isCoveredByDiscriminator(error));
    // A value of the wrong type also fails its enum, pattern...; the type is the one to fix.
    const wrongType = new Set(
      errors.filter(error => error.keyword === 'type').map(error => error.instancePath)
    );
    const problems = errors
      .filter(error => error.keyword === 'type' || !wrongType.has(error.instancePath))
      .map(error => describe(error, this.root));
    // allErrors can report one thing through two keywords; say it once.
    const seen = new Set<string>();
    const unique = problems.filter(problem => {
      const key = `${problem.pointer}\u0000${problem.message}`;
      if (seen.has(key)) {
        return false;
      }
      seen.add(key);
      return true;
    });
    return { ok: false, problems: unique };
  }
}

/** A missing discriminator tag is reported by the discriminator, with the allowed values. */
function isCoveredByDiscriminator(error: ErrorObject): boolean {
  if (error.keyword !== 'required') {
    return false;
  }
  const discriminator = asRecord(asRecord(error.parentSchema).discriminator);
  return discriminator.propertyName === (error.params as Record<string, unknown>).missingProperty;
}

function describe(error: ErrorObject, root: JsonSchemaDocument): ErrorDetail {
  const at = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const allowed = Object.keys(asRecord(asRecord(error.parentSchema).properties));
      return {
        pointer: `${at}/${escapePointer(name)}`,
        message:
          `unknown property "${name}"` +
          (allowed.length > 0 ? `; allowed here: ${quoteList(allowed)}` : '')
      };
    }
    case 'required': {
      const name = String(params.missingProperty);
      return {
        pointer: `${at}/${escapePointer(name)}`,
        message: `required property "${name}" is missing`
      };
    }
    case 'discriminator': {
      const tag = String(params.tag);
      const kinds = discriminatorValues(asRecord(error.parentSchema), tag, root);
      if (
        params.error === 'tag' &&
        error.data !== null &&
        typeof error.data === 'object' &&
        !(tag in error.data)
      ) {
        return {
          pointer: `${at}/${tag}`,
          message: `required property "${tag}" is missing; use one of ${quoteList(kinds)}`
        };
      }
      return {
        pointer: `${at}/${tag}`,
        message: `${JSON.stringify(params.tagValue)} is not a supported ${tag}; use one of ${quoteList(kinds)}`
      };
    }
    case 'enum':
      return {
        pointer: at,
        message: `${JSON.stringify(error.data)} is not allowed; use one of ${quoteList((params.allowedValues as unknown[]).map(String))}`
      };
    case 'const':
      return { pointer: at, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'type':
      return {
        pointer: at,
        message: `must be ${article(String(params.type))}, not ${jsonTypeOf(error.data)}`
      };
    case 'minLength':
      return {
        pointer: at,
        message:
          params.limit === 1
            ? 'must not be empty'
            : `must have at least ${String(params.limit)} characters`
      };
    case 'pattern': {
      const description = asRecord(error.parentSchema).description;
      return {
        pointer: at,
        message:
          `${JSON.stringify(error.data)} is not in the expected form` +
          (typeof description === 'string' ? ` (${description})` : '')
      };
    }
    default:
      return { pointer: at, message: error.message ?? `fails "${error.keyword}"` };
  }
}

/** Values of the discriminator tag across the oneOf branches (following local $refs). */
function discriminatorValues(
  schema: Record<string, unknown>,
  tag: string,
  root: JsonSchemaDocument
): string[] {
  const branches = Array.isArray(schema.oneOf) ? schema.oneOf : [];
  return branches.flatMap((branch: unknown) => {
    const resolved = resolveLocalRef(asRecord(branch), root);
    const tagSchema = asRecord(asRecord(resolved.properties)[tag]);
    if (typeof tagSchema.const === 'string') {
      return [tagSchema.const];
    }
    return Array.isArray(tagSchema.enum) ? tagSchema.enum.map(String) : [];
  });
}

function resolveLocalRef(
  schema: Record<string, unknown>,
  root: JsonSchemaDocument
): Record<string, unknown> {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) {
    return schema;
  }
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    node = asRecord(node)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return asRecord(node);
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function quoteList(values: readonly string[]): string {
  return values.map(value => JSON.stringify(value)).join(', ');
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  return article(typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value);
}
