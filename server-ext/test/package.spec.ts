import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICE_VERSION } from '../src/service-version.js';
import { REPO_ROOT } from './helpers.js';

describe('package consistency', () => {
  it('reports the version in server-ext/package.json', () => {
    const manifest = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'server-ext', 'package.json'), 'utf8')
    ) as { version: string };
    expect(SERVICE_VERSION).toBe(manifest.version);
  });

  it('has generated types in core/src/generated that match schemas/', () => {
    // --check exits non-zero and names the stale files.
    expect(() =>
      execFileSync(
        process.execPath,
        [path.join(REPO_ROOT, 'scripts', 'gen-schema-types.mjs'), '--check'],
        { stdio: 'pipe' }
      )
    ).not.toThrow();
  });
});
