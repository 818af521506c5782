import { statSync } from 'node:fs';
import path from 'node:path';
import type { CatalogSourceLocation, SpecKind } from '@featurelab/core';
import { findSpecFiles, loadSpecFolder } from '../specs/load-folder.js';
import type { LoadedSpec } from '../specs/loaded-spec.js';

/**
 * Finds where an object is declared in the workspace's spec folder (config `specs.folder`).
 * The folder is loaded again only when a spec file was added, removed or changed (size and
 * modification time of each file), so repeated `catalog.get` calls cost a few stat calls.
 */
export class SpecSourceLocator {
  private cached: { fingerprint: string; specs: Map<string, LoadedSpec> } | undefined;

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
   * group's document); null when the folder is missing or does not declare it.
   */
  locate(kind: SpecKind, name: string, feature?: string): CatalogSourceLocation | null {
    const specs = this.specs();
    const spec = specs?.get(lookupKey(kind, name));
    if (spec === undefined) {
      return null;
    }
    let pointer = '/name';
    if (feature !== undefined && spec.spec.kind === 'FeatureGroup') {
      const index = spec.spec.features.findIndex(
        candidate => candidate.name.toLowerCase() === feature.toLowerCase()
      );
      if (index < 0) {
        return null;
      }
      pointer = `/features/${index}/name`;
    }
    const { line, column } = spec.document.locate(pointer);
    const file = path.relative(this.workspace, path.join(this.folder, spec.file));
    return { path: file.split(path.sep).join('/'), line, column };
  }

  private specs(): Map<string, LoadedSpec> | undefined {
    let files: string[];
    try {
      files = findSpecFiles(this.folder);
    } catch {
      // No spec folder in this workspace: nothing to point at.
      this.cached = undefined;
      return undefined;
    }
    const fingerprint = files
      .map(file => {
        const stat = statSync(path.join(this.folder, file), { throwIfNoEntry: false });
        return `${file}\u0000${stat?.size ?? -1}\u0000${stat?.mtimeMs ?? -1}`;
      })
      .join('\u0001');
    if (this.cached?.fingerprint !== fingerprint) {
      const specs = new Map<string, LoadedSpec>();
      try {
        // Valid specs only: a broken file elsewhere does not hide the others.
        for (const spec of loadSpecFolder(this.folder).specs) {
          specs.set(lookupKey(spec.kind, spec.name), spec);
        }
      } catch {
        this.cached = undefined;
        return undefined;
      }
      this.cached = { fingerprint, specs };
    }
    return this.cached.specs;
  }
}

function lookupKey(kind: SpecKind, name: string): string {
  return `${kind}\u0000${kind === 'FeatureGroup' ? name.toLowerCase() : name}`;
}
