import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SpecKind, SpecProblem } from '@featurelab/core';
import { canonicalJson, contentHash } from './canonical.js';
import { checkCrossReferences } from './cross-references.js';
import { SpecFolderError } from './errors.js';
import { compareProblems, type LoadedSpec } from './loaded-spec.js';
import { checkDocument } from './validate-document.js';
import { parseYamlFile } from './yaml-file.js';

/** A spec file larger than this is refused unread: specs are small, a huge file is a mistake. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Everything in a spec folder: the valid specs, and every problem of every file. */
export interface LoadedFolder {
  /** Absolute path. */
  readonly folder: string;
  /** Relative paths of the spec files read, sorted. */
  readonly files: readonly string[];
  /** Valid, unique specs; only meaningful for planning when `problems` is empty. */
  readonly specs: readonly LoadedSpec[];
  readonly problems: readonly SpecProblem[];
}

/**
 * Read every `*.yaml` / `*.yml` under `folder` (hidden folders such as .git and .featurelab
 * excluded), check each document, then check the documents against each other. All problems
 * are collected, so one run shows everything to fix.
 *
 * @throws SpecFolderError when `folder` is not a directory; unreadable files become problems.
 */
export function loadSpecFolder(folder: string): LoadedFolder {
  const root = path.resolve(folder);
  const files = findSpecFiles(root);
  const specs: LoadedSpec[] = [];
  const problems: SpecProblem[] = [];
  for (const file of files) {
    const text = readSpecFile(root, file, problems);
    if (text === undefined) {
      continue;
    }
    const parsed = parseYamlFile(text);
    for (const syntax of parsed.syntaxProblems) {
      problems.push({
        file,
        line: syntax.line,
        column: syntax.column,
        pointer: '',
        message: `YAML syntax: ${syntax.message}`,
        hint: 'Fix the YAML at this position (indentation, an unclosed bracket or quote, a duplicate key).'
      });
    }
    for (const document of parsed.documents) {
      const check = checkDocument(file, document);
      problems.push(...check.problems);
      if (check.spec) {
        const json = canonicalJson(check.spec);
        specs.push({
          kind: check.spec.kind as SpecKind,
          name: check.spec.name,
          spec: check.spec,
          canonicalJson: json,
          hash: contentHash(json),
          file,
          document
        });
      }
    }
  }
  const crossCheck = checkCrossReferences(specs);
  problems.push(...crossCheck.problems);
  return {
    folder: root,
    files,
    specs: crossCheck.unique,
    problems: problems.sort(compareProblems)
  };
}

/** Relative paths (forward slashes) of the spec files under `root`, sorted; hidden folders skipped. */
export function findSpecFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (relative: string): void => {
    // Directory symlinks are not followed: they could loop, or leave the folder.
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) {
        continue;
      }
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        walk(child);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && /\.ya?ml$/i.test(entry.name)) {
        found.push(child);
      }
    }
  };
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    throw new SpecFolderError(`the spec folder ${root} is not an existing directory`, {
      hint: 'Pass the folder that holds the *.yaml spec files.'
    });
  }
  walk('');
  return found.sort();
}

function readSpecFile(root: string, file: string, problems: SpecProblem[]): string | undefined {
  const absolute = path.join(root, file);
  try {
    const stat = statSync(absolute);
    if (!stat.isFile()) {
      return undefined;
    }
    if (stat.size > MAX_FILE_BYTES) {
      problems.push({
        file,
        line: 1,
        column: 1,
        pointer: '',
        message: `the file has ${stat.size} bytes, more than the ${MAX_FILE_BYTES} a spec file may have`,
        hint: 'Split the specs into several files.'
      });
      return undefined;
    }
    return readFileSync(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    problems.push({
      file,
      line: 1,
      column: 1,
      pointer: '',
      message: `cannot read the file: ${code}`,
      hint: 'Make the file readable, or remove a dangling link.'
    });
    return undefined;
  }
}
