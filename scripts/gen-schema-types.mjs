#!/usr/bin/env node
// Generates TypeScript from schemas/*.schema.json into core/src/generated/:
//   <name>.ts    types, one file per schema (json-schema-to-typescript)
//   schemas.ts   the schema documents themselves, so code that validates (the service) bundles
//                them without reading files at run time
//   index.ts     re-exports
// Output is deterministic (sorted inputs, no timestamps) so it can be committed and diffed.
// `--check` exits 1 when the committed files are stale instead of writing them.
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = path.join(root, 'schemas');
const outDir = path.join(root, 'core', 'src', 'generated');
const checkOnly = process.argv.includes('--check');

const header = (source) =>
  [
    '/* eslint-disable */',
    '/**',
    ` * GENERATED FILE, DO NOT EDIT. Source: ${source}`,
    ' * Regenerate with `npm run build:schemas` (scripts/gen-schema-types.mjs).',
    ' */',
    ''
  ].join('\n');

/** "service-config.schema.json" -> "service-config" */
const baseName = (file) => file.replace(/\.schema\.json$/, '');

/** "service-config" -> "SERVICE_CONFIG_SCHEMA" */
const constantName = (base) => `${base.replace(/-/g, '_').toUpperCase()}_SCHEMA`;

async function generate() {
  const files = (await readdir(schemaDir)).filter((f) => f.endsWith('.schema.json')).sort();
  const outputs = new Map();
  const schemaConstants = [];

  for (const file of files) {
    const schema = JSON.parse(await readFile(path.join(schemaDir, file), 'utf8'));
    const ts = await compile(schema, schema.title, {
      bannerComment: header(`schemas/${file}`),
      cwd: schemaDir,
      additionalProperties: false,
      unknownAny: true,
      strictIndexSignatures: true,
      declareExternallyReferenced: true,
      unreachableDefinitions: false,
      format: true,
      style: { singleQuote: true, trailingComma: 'none', printWidth: 100 }
    });
    outputs.set(`${baseName(file)}.ts`, ts);
    schemaConstants.push(
      `/** The document of schemas/${file}. */\n` +
        `export const ${constantName(baseName(file))}: JsonSchemaDocument = ${JSON.stringify(schema, null, 2)};\n`
    );
  }

  outputs.set(
    'schemas.ts',
    header('schemas/*.schema.json') +
      '\n/** A JSON Schema document, as parsed from schemas/. */\n' +
      'export type JsonSchemaDocument = { readonly [key: string]: unknown };\n\n' +
      schemaConstants.join('\n')
  );
  outputs.set(
    'index.ts',
    header('schemas/*.schema.json') +
      '\n' +
      [...files.map((f) => baseName(f)), 'schemas']
        .map((name) => `export * from './${name}.js';\n`)
        .join('')
  );
  return outputs;
}

const outputs = await generate();
await mkdir(outDir, { recursive: true });
const stale = [];
for (const [name, content] of outputs) {
  const target = path.join(outDir, name);
  const current = await readFile(target, 'utf8').catch(() => null);
  if (current === content) continue;
  if (checkOnly) stale.push(name);
  else await writeFile(target, content);
}
if (stale.length > 0) {
  process.stderr.write(
    `core/src/generated is stale (${stale.join(', ')}); run \`npm run build:schemas\`.\n`
  );
  process.exit(1);
}
