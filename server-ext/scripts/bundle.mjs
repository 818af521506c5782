#!/usr/bin/env node
// Bundle the service into one file, server-ext/dist/featurelab.mjs, that runs on a bare Node 24
// (no node_modules): the Python wheel ships it and runs it with the wheel's Node.
import { build } from 'esbuild';
import { chmod, mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(packageDir, '..');
const outfile = path.join(packageDir, 'dist', 'featurelab.mjs');

const result = await build({
  entryPoints: [path.join(packageDir, 'src', 'main.ts')],
  outfile,
  write: false,
  metafile: true,
  // Metafile paths are relative to this directory, wherever npm runs the script from.
  absWorkingDir: repoRoot,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  // Bundle @featurelab/core from source, so the bundle never depends on a stale core/lib.
  alias: {
    '@featurelab/core': path.join(repoRoot, 'core', 'src', 'index.ts'),
    // The SQL analyzer's entry point (`exports["./sql"]` of core), also from source.
    '@featurelab/core/pyspark': path.join(repoRoot, 'core', 'src', 'pyspark', 'index.ts'),
    '@featurelab/core/sql': path.join(repoRoot, 'core', 'src', 'sql', 'index.ts'),
    '@featurelab/core/validation': path.join(repoRoot, 'core', 'src', 'validation', 'index.ts')
  },
  // Builtins stay imports ('node:sqlite' in particular must never be bundled or renamed).
  // DuckDB is a native module (68 MB per platform): it stays a dynamic import, found in
  // node_modules of a source checkout; the wheel does not ship it yet, and the validation
  // DuckDB engine reports that it is unavailable there (server-ext/src/validation).
  external: ['node:*', '@duckdb/node-api'],
  // CommonJS dependencies that require Node builtins (yaml requires 'process') need a real
  // require: esbuild's ESM output has none, and would fail at start with "Dynamic require of
  // ... is not supported". The shim gives the bundle one, resolving from the bundle's path.
  banner: {
    js: [
      '#!/usr/bin/env node',
      '// Featurelab service, bundled by server-ext/scripts/bundle.mjs. Do not edit.',
      "import { createRequire as __featurelabCreateRequire } from 'node:module';",
      'const require = __featurelabCreateRequire(import.meta.url);'
    ].join('\n')
  },
  legalComments: 'none',
  logLevel: 'warning'
});

const [output] = result.outputFiles;
const text = output.text + (await thirdPartyNotices(Object.keys(result.metafile.inputs)));

// Written next to the target and renamed over it, so a process starting the service while a
// rebuild runs never reads half a file.
const partialFile = `${outfile}.${process.pid}.partial`;
await mkdir(path.dirname(outfile), { recursive: true });
await writeFile(partialFile, text);
await chmod(partialFile, 0o755);
await rename(partialFile, outfile);
process.stdout.write(`bundled ${path.relative(process.cwd(), outfile)} (${Math.round(text.length / 1024)} KiB)\n`);

/**
 * The licences of the npm packages inlined into the bundle, as a trailing comment: the bundle
 * is shipped alone, and MIT/BSD licences require the notice to travel with the code.
 */
async function thirdPartyNotices(inputs) {
  const packageDirs = new Set();
  for (const input of inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) {
      packageDirs.add(path.resolve(repoRoot, match[1]));
    }
  }
  const notices = [];
  for (const dir of [...packageDirs].sort()) {
    const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
    const licenceFile = (await readdir(dir)).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
    const licenceText = licenceFile ? await readFile(path.join(dir, licenceFile), 'utf8') : `License: ${manifest.license}`;
    notices.push(`${manifest.name} ${manifest.version} (${manifest.license})\n\n${licenceText.trim()}`);
  }
  if (notices.length === 0) {
    return '';
  }
  const body = notices.join('\n\n' + '-'.repeat(72) + '\n\n').replace(/\*\//g, '* /');
  return `\n/*\nThird-party software bundled in this file:\n\n${body}\n*/\n`;
}
