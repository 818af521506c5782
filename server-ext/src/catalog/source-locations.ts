import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CatalogSourceLocation, SpecKind } from '@featurelab/core';
import { findSpecFiles } from '../specs/load-folder.js';
import { parseYamlFile, type YamlDocument } from '../specs/yaml-file.js';

/** A spec file's documents by kind and name, for the file's size and modification time. */
interface ParsedFile {
  readonly stamp: string;
  readonly documents: ReadonlyMap<string, YamlDocument>;
}

const KINDS: readonly string[] = ['Entity', 'FeatureGroup', 'SampleSet', 'Model'];

/**
 * Finds where an object is declared in the workspace's spec folder (config `specs.folder`).
 * Only the YAML is parsed (no validation: the registry already holds the valid spec), and
 * each file is parsed again only when its size or modification time changed, so repeated
 * `catalog.get` calls cost a directory walk and a stat per file.
 */
export class SpecSourceLocator {
  private readonly files = new Map<string, ParsedFile>();

  /**
   * @param workspace absolute workspace directory; locations are relative to it.
   * @param folder absolute spec folder.
   */
  constructor(
    private readonly workspace: string,
    private readonly folder: string
  ) {}

  /**
   * Position of the object's `name` (for a feature, of the feature's `name` inside its
   * group's document); null when the folder is missing or does not declare it. The first
   * file in path order wins, as plan reports a duplicate anyway.
   */
  locate(kind: SpecKind, name: string, feature?: string): CatalogSourceLocation | null {
    const key = lookupKey(kind, name);
    for (const file of this.specFiles()) {
      const document = this.parsed(file)?.documents.get(key);
      if (document === undefined) {
        continue;
      }
      let pointer = '/name';
      if (feature !== undefined) {
        const features = (document.value as { features?: unknown }).features;
        const index = Array.isArray(features)
          ? features.findIndex(
              candidate =>
                typeof (candidate as { name?: unknown }).name === 'string' &&
                (candidate as { name: string }).name.toLowerCase() === feature.toLowerCase()
            )
          : -1;
        if (index < 0) {
          return null;
        }
        pointer = `/features/${index}/name`;
      }
      const { line, column } = document.locate(pointer);
      const relative = path.relative(this.workspace, path.join(this.folder, file));
      return { path: relative.split(path.sep).join('/'), line, column };
    }
    return null;
  }

  private specFiles(): string[] {
    try {
      return findSpecFiles(this.folder);
    } catch {
      // No spec folder in this workspace: nothing to point at.
      this.files.clear();
      return [];
    }
  }

  private parsed(file: string): ParsedFile | undefined {
    const absolute = path.join(this.folder, file);
    const stat = statSync(absolute, { throwIfNoEntry: false });
    if (stat === undefined || !stat.isFile()) {
      this.files.delete(file);
      return undefined;
    }
    const stamp = `${stat.size}:${stat.mtimeMs}`;
    const cached = this.files.get(file);
    if (cached?.stamp === stamp) {
      return cached;
    }
    const documents = new Map<string, YamlDocument>();
    try {
      for (const document of parseYamlFile(readFileSync(absolute, 'utf8')).documents) {
        const value = document.value as { kind?: unknown; name?: unknown } | null;
        if (
          value !== null &&
          typeof value === 'object' &&
          typeof value.kind === 'string' &&
          KINDS.includes(value.kind) &&
          typeof value.name === 'string'
        ) {
          const key = lookupKey(value.kind as SpecKind, value.name);
          if (!documents.has(key)) {
            documents.set(key, document);
          }
        }
      }
    } catch {
      // Unreadable right now (being written, permissions): try again next time.
      this.files.delete(file);
      return undefined;
    }
    const entry = { stamp, documents };
    this.files.set(file, entry);
    return entry;
  }
}

function lookupKey(kind: SpecKind, name: string): string {
  return `${kind}\u0000${kind === 'FeatureGroup' ? name.toLowerCase() : name}`;
}
