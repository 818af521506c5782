import { userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isFeaturelabError } from '@featurelab/core';
import { loadServiceConfig } from '../config/service-config.js';
import { UsageError } from '../errors.js';
import { findPrograms } from '../jobs/local/executables.js';
import { loadJobSettings } from '../jobs/job-settings.js';
import { renderProblems } from '../plan/render-plan.js';
import { openRegistry } from '../registry/open-registry.js';
import { buildSampleSet, SampleBuilderError } from '../samples/build-sample-set.js';
import { resolveSampleSet, SampleSpecError } from '../samples/resolve-sample-set.js';
import { sampleBuildStoreOf, type SampleBuildRecord } from '../samples/sample-build-store.js';
import { commandHelp } from './help.js';
import { printErr, printOut } from './terminal.js';

const SUBCOMMANDS = ['build', 'schema', 'builds'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

const COMMON = {
  help: { type: 'boolean', short: 'h' },
  workspace: { type: 'string' },
  config: { type: 'string' },
  json: { type: 'boolean' }
} as const;

const OPTIONS = {
  build: {
    ...COMMON,
    name: { type: 'string' },
    specs: { type: 'string' },
    source: { type: 'string', multiple: true },
    'output-path': { type: 'string' },
    'output-table': { type: 'string' },
    python: { type: 'string' },
    master: { type: 'string' },
    user: { type: 'string' }
  },
  schema: { ...COMMON, name: { type: 'string' }, specs: { type: 'string' } },
  builds: { ...COMMON, 'feature-group': { type: 'string' }, limit: { type: 'string' } }
} as const;

type Values = Record<string, string | boolean | string[] | undefined>;

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `featurelab samples build|schema|builds ...`. */
export async function runSamplesCommand(argv: readonly string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '-h' || sub === '--help') {
    printOut(commandHelp('samples'));
    return sub === undefined ? 2 : 0;
  }
  if (!(SUBCOMMANDS as readonly string[]).includes(sub)) {
    throw new UsageError(`unknown samples command "${sub}"`, { hint: commandHelp('samples') });
  }
  const subcommand = sub as Subcommand;
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...rest],
      options: OPTIONS[subcommand],
      strict: true,
      allowPositionals: true
    }) as { values: Values; positionals: string[] };
  } catch (error) {
    throw new UsageError(
      `featurelab samples ${subcommand}: ${error instanceof Error ? error.message : String(error)}`,
      { hint: commandHelp('samples') }
    );
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    printOut(commandHelp('samples'));
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      `"featurelab samples ${subcommand}" needs one ${subcommand === 'builds' ? 'SAMPLE-SET name' : 'SPEC.yaml'}`,
      { hint: commandHelp('samples') }
    );
  }
  const json = values.json === true;
  try {
    switch (subcommand) {
      case 'schema':
        return schemaCommand(positionals[0], values, json);
      case 'build':
        return await buildCommand(positionals[0], values, json);
      case 'builds':
        return await buildsCommand(positionals[0], values, json);
    }
  } catch (error) {
    if (error instanceof SampleSpecError) {
      if (json) {
        printOut(
          JSON.stringify(
            { status: 'invalid', error: error.message, hint: error.hint, problems: error.problems },
            null,
            2
          )
        );
      } else {
        printErr(
          `featurelab: ${error.message}\n${error.problems.length > 0 ? renderProblems(error.problems) : ''}hint: ${error.hint ?? ''}`
        );
      }
      return 1;
    }
    if (isFeaturelabError(error) && !(error instanceof UsageError)) {
      printErr(`featurelab: ${error.message}${error.hint ? `\nhint: ${error.hint}` : ''}`);
      return 1;
    }
    throw error;
  }
}

function schemaCommand(specFile: string, values: Values, json: boolean): number {
  const resolved = resolveSampleSet(specFile, {
    name: text(values.name),
    specsFolder: text(values.specs)
  });
  const columns = resolved.schema.columns;
  if (json) {
    printOut(JSON.stringify({ sampleSet: resolved.sampleSet.name, columns }, null, 2));
  } else {
    const width = Math.max(...columns.map(column => column.name.length));
    printOut(
      columns
        .map(
          column =>
            `${column.name.padEnd(width)}  ${column.type ?? '(from the label source)'}  ${column.role}${column.featureGroup ? ` of ${column.featureGroup}` : ''}`
        )
        .join('\n')
    );
  }
  return 0;
}

function parseSources(values: Values): Record<string, string> {
  const sources: Record<string, string> = {};
  const items = Array.isArray(values.source) ? values.source : [];
  for (const item of items) {
    const at = item.indexOf('=');
    if (at <= 0 || at === item.length - 1) {
      throw new UsageError(`--source expects FEATURE_GROUP=TABLE, got "${item}"`, {
        hint: 'For example: --source user_profile=warehouse.user_profile_snapshots'
      });
    }
    sources[item.slice(0, at)] = item.slice(at + 1);
  }
  return sources;
}

async function buildCommand(specFile: string, values: Values, json: boolean): Promise<number> {
  const workspace = path.resolve(text(values.workspace) ?? process.cwd());
  const outputPath = text(values['output-path']);
  const outputTable = text(values['output-table']);
  if (outputPath !== undefined && outputTable !== undefined) {
    throw new UsageError('give at most one of --output-path and --output-table');
  }
  const sources = parseSources(values);
  const resolved = resolveSampleSet(specFile, {
    name: text(values.name),
    specsFolder: text(values.specs)
  });
  const config = loadServiceConfig({ workspace, configFile: text(values.config) });
  const python =
    text(values.python) ??
    findPrograms({ sparkSubmit: undefined, python: loadJobSettings(workspace).python }).python;
  if (python === undefined) {
    throw new SampleBuilderError(
      'no Python to run the sample builder was found',
      'Pass --python, set FEATURELAB_PYTHON, or put python3 (with featurelab and pyspark) on PATH.'
    );
  }
  const master =
    text(values.master) ??
    (config.spark.kind === 'local' ? config.spark.master : undefined) ??
    'local[*]';
  const registry = await openRegistry(config.registry);
  let record: SampleBuildRecord;
  try {
    record = await buildSampleSet({
      resolved,
      store: sampleBuildStoreOf(registry),
      workspace,
      user: text(values.user) ?? userInfo().username,
      python,
      master,
      sources,
      output:
        outputPath !== undefined
          ? { path: outputPath }
          : outputTable !== undefined
            ? { table: outputTable }
            : undefined
    });
  } finally {
    await registry.close();
  }
  if (json) {
    printOut(JSON.stringify(record, null, 2));
  } else {
    printOut(renderBuild(record));
  }
  return record.status === 'succeeded' ? 0 : 1;
}

async function buildsCommand(sampleSet: string, values: Values, json: boolean): Promise<number> {
  const workspace = path.resolve(text(values.workspace) ?? process.cwd());
  const config = loadServiceConfig({ workspace, configFile: text(values.config) });
  const limitText = text(values.limit);
  const limit = limitText === undefined ? undefined : Number.parseInt(limitText, 10);
  if (
    limit !== undefined &&
    (!Number.isInteger(limit) || limit < 1 || String(limit) !== limitText)
  ) {
    throw new UsageError(`--limit expects a positive whole number, got "${limitText}"`);
  }
  const registry = await openRegistry(config.registry);
  try {
    const builds = await sampleBuildStoreOf(registry).list({
      sampleSet,
      featureGroup: text(values['feature-group']),
      limit
    });
    printOut(
      json
        ? JSON.stringify({ builds }, null, 2)
        : builds.map(renderBuild).join('\n') || `no builds of "${sampleSet}"`
    );
    return 0;
  } finally {
    await registry.close();
  }
}

function renderBuild(record: SampleBuildRecord): string {
  const output = record.output as { table?: string; path?: string } | null;
  const lines = [
    `${record.status === 'succeeded' ? 'built' : 'FAILED'} ${record.sampleSet}  build ${record.id}  (${record.startedAt})`,
    `  rows: ${record.rows.labels ?? '?'} labels -> ${record.rows.output ?? '?'} samples; label time ${record.timeRange.min ?? '?'} .. ${record.timeRange.max ?? '?'}`,
    `  inputs: ${record.inputs.map(input => `${input.featureGroup}@${input.registryVersion === null ? `unapplied:${input.contentHash.slice(0, 12)}` : `v${input.registryVersion}`}`).join(', ')}`
  ];
  if (output !== null) {
    lines.push(`  output: ${output.table ?? output.path ?? ''}`);
  }
  if (record.error !== null) {
    lines.push(`  error: ${record.error}`);
  }
  return lines.join('\n');
}
