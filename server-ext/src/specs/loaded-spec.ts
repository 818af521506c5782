import type { SpecDocument, SpecKind, SpecProblem } from '@featurelab/core';
import type { LineColumn, YamlDocument } from './yaml-file.js';

/** A valid spec document of the folder, in canonical form. */
export interface LoadedSpec {
  readonly kind: SpecKind;
  readonly name: string;
  /** The document with Spark types spelled canonically. */
  readonly spec: SpecDocument;
  /** Key-sorted JSON of `spec`: what the registry stores and hashes. */
  readonly canonicalJson: string;
  /** sha256 of canonicalJson, hex. */
  readonly hash: string;
  /** Relative to the folder, with forward slashes. */
  readonly file: string;
  readonly document: YamlDocument;
}

/** The registry key of a spec: names are unique per kind. */
export function specKey(kind: SpecKind, name: string): string {
  return `${kind}\u0000${name}`;
}

/** A problem located at `pointer` of a document. */
export function problemAt(
  file: string,
  document: YamlDocument,
  pointer: string,
  message: string,
  hint: string,
  options: { key?: boolean; related?: readonly (LineColumn & { file: string })[] } = {}
): SpecProblem {
  const { line, column } = document.locate(pointer, { key: options.key });
  const problem: SpecProblem = {
    file,
    line,
    column,
    document: document.index,
    pointer,
    message,
    hint
  };
  if (options.related && options.related.length > 0) {
    problem.related = options.related.map(
      ({ file: relatedFile, line: relatedLine, column: relatedColumn }) => ({
        file: relatedFile,
        line: relatedLine,
        column: relatedColumn
      })
    );
  }
  return problem;
}

/** "file:line:column" for messages. */
export function formatPosition(position: LineColumn & { file: string }): string {
  return `${position.file}:${position.line}:${position.column}`;
}

/** Order problems by file, then position, so output is stable and reads top to bottom. */
export function compareProblems(a: SpecProblem, b: SpecProblem): number {
  return a.file < b.file
    ? -1
    : a.file > b.file
      ? 1
      : a.line - b.line ||
        a.column - b.column ||
        (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}
