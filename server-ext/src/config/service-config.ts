import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  SERVICE_CONFIG_SCHEMA,
  type JobsConfig,
  type LogLevel,
  type ServiceConfig,
  type SparkConfig
} from '@featurelab/core';
import { ConfigError } from '../errors.js';
import { SchemaValidator } from '../schema-validation.js';

/** Folder inside the workspace that holds the service's own files. */
export const STATE_DIR = '.featurelab';
export const DEFAULT_CONFIG_FILE = path.join(STATE_DIR, 'config.json');
/** Spec folder of a workspace whose configuration names none. */
export const DEFAULT_SPECS_FOLDER = 'features';
export const DEFAULT_REGISTRY_FILE = path.join(STATE_DIR, 'registry.db');
export const DEFAULT_SPARK_MASTER = 'local[*]';

/** Where the configuration came from. */
export type ConfigSource =
  | { readonly kind: 'file'; readonly path: string }
  /** No file at the default location; `path` is where one would be read from. */
  | { readonly kind: 'defaults'; readonly path: string };

export type ResolvedRegistryConfig =
  | { readonly kind: 'sqlite'; /** Absolute path of the database file. */ readonly path: string }
  | { readonly kind: 'postgresql'; readonly url: string };

/** The configuration with every default applied and every path absolute. */
export interface ResolvedServiceConfig {
  readonly workspace: string;
  readonly source: ConfigSource;
  readonly registry: ResolvedRegistryConfig;
  readonly spark: SparkConfig;
  readonly jobs: JobsConfig;
  readonly log: { readonly level: LogLevel };
  /** Absolute feature-as-code folder (config specs.folder, default <workspace>/features). */
  readonly specsFolder: string;
  /** Sections that took the embedded default because the file did not set them. */
  readonly defaulted: ReadonlySet<ConfigSection>;
}

export type ConfigSection = 'registry' | 'spark' | 'jobs' | 'log';

export interface LoadConfigOptions {
  /** Workspace directory; relative paths in the config are resolved against it. */
  workspace: string;
  /** Explicit --config file; must exist. Relative to the current directory. */
  configFile?: string;
}

const validator = new SchemaValidator<ServiceConfig>(SERVICE_CONFIG_SCHEMA);

/**
 * Read, validate and resolve the service configuration.
 *
 * @throws ConfigError naming the file, each offending field's JSON pointer and how to fix it.
 */
export function loadServiceConfig(options: LoadConfigOptions): ResolvedServiceConfig {
  const workspace = path.resolve(options.workspace);
  const explicit = options.configFile !== undefined;
  const file = explicit
    ? path.resolve(options.configFile as string)
    : path.join(workspace, DEFAULT_CONFIG_FILE);

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !explicit) {
      return resolveConfig({}, workspace, { kind: 'defaults', path: file });
    }
    throw new ConfigError(
      `cannot read the Featurelab configuration ${file}: ${code ?? String(error)}`,
      file,
      [],
      {
        hint:
          code === 'ENOENT'
            ? `Check the path given to --config, or leave --config out to use ${path.join(workspace, DEFAULT_CONFIG_FILE)} or the embedded defaults.`
            : `Make ${file} readable by the user running JupyterLab.`,
        cause: error
      }
    );
  }
  return parseServiceConfig(text, file, workspace);
}

/** Validate and resolve configuration text read from `file`. */
export function parseServiceConfig(
  text: string,
  file: string,
  workspace: string
): ResolvedServiceConfig {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(
      `the Featurelab configuration ${file} is not valid JSON: ${reason}`,
      file,
      [{ pointer: '', message: reason }],
      {
        hint: `Fix the JSON syntax in ${file} (comments and trailing commas are not allowed), or delete the file to use the embedded defaults.`,
        cause: error
      }
    );
  }
  const outcome = validator.validate(document);
  if (!outcome.ok) {
    const lines = outcome.problems.map(
      problem => `  - ${problem.pointer || '(top level)'}: ${problem.message}`
    );
    throw new ConfigError(
      `invalid Featurelab configuration in ${file}:\n${lines.join('\n')}`,
      file,
      outcome.problems,
      {
        hint: `Edit ${file} and fix the field${outcome.problems.length > 1 ? 's' : ''} listed (the JSON pointer locates each one; schemas/service-config.schema.json describes them all), or delete the file to use the embedded defaults.`
      }
    );
  }
  return resolveConfig(outcome.value, path.resolve(workspace), { kind: 'file', path: file });
}

/** Apply the embedded defaults to a valid configuration. */
export function resolveConfig(
  config: ServiceConfig,
  workspace: string,
  source: ConfigSource
): ResolvedServiceConfig {
  const registry: ResolvedRegistryConfig =
    config.registry?.kind === 'postgresql'
      ? { kind: 'postgresql', url: config.registry.url }
      : {
          kind: 'sqlite',
          path: path.resolve(workspace, config.registry?.path ?? DEFAULT_REGISTRY_FILE)
        };
  const spark: SparkConfig =
    config.spark === undefined || config.spark.kind === 'local'
      ? { kind: 'local', master: config.spark?.master ?? DEFAULT_SPARK_MASTER }
      : config.spark;
  return {
    workspace,
    source,
    registry,
    spark,
    jobs: config.jobs ?? { kind: 'local' },
    log: { level: config.log?.level ?? 'info' },
    specsFolder: path.resolve(workspace, config.specs?.folder ?? DEFAULT_SPECS_FOLDER),
    defaulted: new Set(
      (['registry', 'spark', 'jobs', 'log'] as const).filter(
        section => config[section] === undefined
      )
    )
  };
}

/** A connection URL with any password removed, for logs and health reports. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) {
      parsed.password = '***';
    }
    // libpq-style URLs may also carry it as a parameter.
    if (parsed.searchParams.has('password')) {
      parsed.searchParams.set('password', '***');
    }
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
