import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FeaturelabError, VALIDATION_SUITE_SCHEMA, type ValidationSuite } from '@featurelab/core';
import type { SuiteProblem } from '@featurelab/core/validation';
import { SchemaValidator } from '../schema-validation.js';
import { parseYamlFile, type YamlDocument } from '../specs/yaml-file.js';

/** A problem of a suite file, located: file:line:column and the JSON pointer. */
export interface LocatedSuiteProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly pointer: string;
  readonly message: string;
  readonly hint: string;
}

/** The suite file is unreadable, not YAML, or does not match the suite schema, or cannot run. */
export class SuiteFileError extends FeaturelabError {
  readonly problems: readonly LocatedSuiteProblem[];

  constructor(problems: readonly LocatedSuiteProblem[]) {
    const first = problems[0];
    super(
      'SuiteFileError',
      `${first.file}:${first.line}:${first.column}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`,
      { hint: first.hint }
    );
    this.problems = problems;
  }
}

/** A suite read from a YAML file, with a way back from JSON pointers to positions. */
export interface LoadedSuite {
  readonly file: string;
  readonly suite: ValidationSuite;
  readonly document: YamlDocument;
  /** Locate compiler problems (pointers into the suite) in the file. */
  locate(problems: readonly SuiteProblem[]): LocatedSuiteProblem[];
}

let validator: SchemaValidator<ValidationSuite> | undefined;

/**
 * Read a suite file: one YAML document of `kind: ValidationSuite` (other documents, such as a
 * feature group the suite belongs to, may share the file).
 */
export function loadSuiteFile(file: string): LoadedSuite {
  // As the user wrote it when that is short, else absolute (never "../../tmp/...").
  const relative = path.relative(process.cwd(), path.resolve(file));
  const shown = relative !== '' && !relative.startsWith('..') ? relative : path.resolve(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const missing = (error as { code?: unknown }).code === 'ENOENT';
    throw new SuiteFileError([
      {
        file: shown,
        line: 1,
        column: 1,
        pointer: '',
        message: missing ? 'the suite file does not exist' : 'the suite file cannot be read',
        hint: 'Pass --suite with a YAML file holding a `kind: ValidationSuite` document.'
      }
    ]);
  }
  const parsed = parseYamlFile(text);
  if (parsed.syntaxProblems.length > 0) {
    throw new SuiteFileError(
      parsed.syntaxProblems.map(p => ({
        file: shown,
        line: p.line,
        column: p.column,
        pointer: '',
        message: p.message,
        hint: 'Fix the YAML syntax.'
      }))
    );
  }
  const suites = parsed.documents.filter(
    d =>
      typeof d.value === 'object' &&
      d.value !== null &&
      (d.value as { kind?: unknown }).kind === 'ValidationSuite'
  );
  const document = suites[0] ?? (parsed.documents.length === 1 ? parsed.documents[0] : undefined);
  if (document === undefined || suites.length > 1) {
    throw new SuiteFileError([
      {
        file: shown,
        line: suites[1]?.start.line ?? 1,
        column: suites[1]?.start.column ?? 1,
        pointer: '',
        message:
          document === undefined
            ? 'the file holds no `kind: ValidationSuite` document'
            : 'the file holds more than one ValidationSuite',
        hint: 'Keep one suite per file.'
      }
    ]);
  }
  const locate = (problems: readonly SuiteProblem[]): LocatedSuiteProblem[] =>
    problems.map(problem => {
      const { line, column } = document.locate(problem.pointer, {
        key: problem.message.startsWith('unknown property')
      });
      return {
        file: shown,
        line,
        column,
        pointer: problem.pointer,
        message: problem.message,
        hint: problem.hint
      };
    });
  validator ??= new SchemaValidator<ValidationSuite>(VALIDATION_SUITE_SCHEMA);
  const outcome = validator.validate(document.value);
  if (!outcome.ok) {
    throw new SuiteFileError(
      locate(
        outcome.problems.map(p => ({
          pointer: p.pointer,
          message: p.message,
          hint: 'See docs/validation.md for the fields of each check.'
        }))
      )
    );
  }
  return { file: shown, suite: outcome.value, document, locate };
}
