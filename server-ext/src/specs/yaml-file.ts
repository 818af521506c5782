import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node as YamlNode
} from 'yaml';

/** A 1-based line and column in a file. */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/** A YAML syntax error, located. */
export interface YamlSyntaxProblem extends LineColumn {
  readonly message: string;
}

/** One document of a YAML file: its value and a way back from JSON pointers to positions. */
export interface YamlDocument {
  /** Index in the file, from 0. */
  readonly index: number;
  /** The document as plain JSON values. */
  readonly value: unknown;
  /** Where the document starts. */
  readonly start: LineColumn;
  /**
   * Position of the node at `pointer`. When the pointer leads to a missing member, the nearest
   * existing ancestor. `key` asks for the member's key rather than its value (an unknown
   * property is the key's fault).
   */
  locate(pointer: string, options?: { key?: boolean }): LineColumn;
}

export interface ParsedYamlFile {
  readonly documents: readonly YamlDocument[];
  readonly syntaxProblems: readonly YamlSyntaxProblem[];
}

/**
 * Parse every document of a YAML file, keeping positions.
 *
 * YAML 1.2 core schema: `yes`, `on` and dates stay strings, so a spec means the same on every
 * parser. Duplicate keys are errors; alias expansion is bounded by the library, so a
 * "billion laughs" file cannot exhaust memory.
 */
export function parseYamlFile(text: string): ParsedYamlFile {
  const lines = new LineCounter();
  // logLevel silent: the library must never write to the console (stderr carries JSON logs).
  const parsed = parseAllDocuments(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
    schema: 'core',
    version: '1.2',
    logLevel: 'silent'
  });
  const syntaxProblems: YamlSyntaxProblem[] = [];
  const position = (offset: number): LineColumn => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  if ('empty' in parsed) {
    // No document at all (an empty file, or only comments): nothing to check.
    for (const error of parsed.errors) {
      syntaxProblems.push({ ...position(error.pos[0]), message: firstLine(error.message) });
    }
    return { documents: [], syntaxProblems };
  }
  const documents = parsed;
  const result: YamlDocument[] = [];
  documents.forEach((document, index) => {
    if (document.errors.length > 0) {
      for (const error of document.errors) {
        syntaxProblems.push({ ...position(error.pos[0]), message: firstLine(error.message) });
      }
      return;
    }
    if (document.contents === null) {
      // `---` followed by nothing (or only comments): not a spec, not an error.
      return;
    }
    result.push(makeDocument(document, index, position));
  });
  return { documents: result, syntaxProblems };
}

function makeDocument(
  document: Document.Parsed,
  index: number,
  position: (offset: number) => LineColumn
): YamlDocument {
  const root = document.contents;
  const start = position(root?.range[0] ?? document.range[0]);
  return {
    index,
    // maxAliasCount bounds alias expansion (the library's default is 100).
    value: document.toJS({ maxAliasCount: 100 }),
    start,
    locate(pointer, options = {}) {
      let node: unknown = root;
      let found: LineColumn = start;
      for (const segment of parsePointer(pointer)) {
        if (isMap(node)) {
          const pair = node.items.find(
            item => isPair(item) && isScalar(item.key) && String(item.key.value) === segment
          );
          if (!pair) {
            break;
          }
          const key = pair.key as YamlNode;
          const value = pair.value as YamlNode | null;
          const keyAt = key.range ? position(key.range[0]) : found;
          found =
            options.key || !value?.range || value.range[0] === value.range[1]
              ? keyAt
              : position(value.range[0]);
          node = value;
        } else if (isSeq(node)) {
          const item = /^(0|[1-9][0-9]*)$/.test(segment)
            ? (node.items[Number(segment)] as YamlNode | undefined)
            : undefined;
          if (!item?.range) {
            break;
          }
          found = position(item.range[0]);
          node = item;
        } else {
          break;
        }
      }
      return found;
    }
  };
}

/** "/a/b~1c" -> ["a", "b/c"] */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') {
    return [];
  }
  return pointer
    .slice(1)
    .split('/')
    .map(segment => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** ["a", "b/c"] -> "/a/b~1c" */
export function formatPointer(segments: readonly (string | number)[]): string {
  return segments
    .map(segment => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`)
    .join('');
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}
