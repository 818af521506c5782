import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadServiceConfig } from '../src/config/service-config.js';
import { ConfigError } from '../src/errors.js';
import { temporaryDirectory } from './helpers.js';

let workspace: string;
let cleanup: () => void;
let configFile: string;

beforeEach(() => {
  ({ dir: workspace, cleanup } = temporaryDirectory());
  mkdirSync(path.join(workspace, '.featurelab'));
  configFile = path.join(workspace, '.featurelab', 'config.json');
});
afterEach(() => cleanup());

function configError(text: string): ConfigError {
  writeFileSync(configFile, text);
  try {
    loadServiceConfig({ workspace });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadServiceConfig', () => {
  it('uses the embedded defaults when the default file is missing', () => {
    const config = loadServiceConfig({ workspace: path.join(workspace, '.', '') });
    expect(config.source).toEqual({ kind: 'defaults', path: configFile });
    expect(config.registry).toEqual({
      kind: 'sqlite',
      path: path.join(workspace, '.featurelab', 'registry.db')
    });
    expect(config.spark).toEqual({ kind: 'local', master: 'local[*]' });
    expect(config.jobs).toEqual({ kind: 'local' });
    expect(config.log.level).toBe('info');
    expect(config.specsFolder).toBe(path.join(workspace, 'features'));
    expect([...config.defaulted].sort()).toEqual(['jobs', 'log', 'registry', 'spark']);
  });

  it('reads a full configuration and resolves the registry path against the workspace', () => {
    writeFileSync(
      configFile,
      JSON.stringify({
        registry: { kind: 'sqlite', path: 'data/reg.db' },
        spark: { kind: 'livy', url: 'http://livy.internal:8998' },
        jobs: { kind: 'kubernetes', namespace: 'ml-training', context: 'prod' },
        log: { level: 'debug' }
      })
    );
    const config = loadServiceConfig({ workspace });
    expect(config.source).toEqual({ kind: 'file', path: configFile });
    expect(config.registry).toEqual({
      kind: 'sqlite',
      path: path.join(workspace, 'data', 'reg.db')
    });
    expect(config.spark).toEqual({ kind: 'livy', url: 'http://livy.internal:8998' });
    expect(config.jobs).toEqual({ kind: 'kubernetes', namespace: 'ml-training', context: 'prod' });
    expect(config.log.level).toBe('debug');
    expect(config.defaulted.size).toBe(0);
  });

  it('reads --config from another place and keeps absolute registry paths', () => {
    const other = path.join(workspace, 'elsewhere.json');
    writeFileSync(
      other,
      JSON.stringify({ registry: { kind: 'sqlite', path: '/var/lib/featurelab/r.db' } })
    );
    const config = loadServiceConfig({ workspace, configFile: other });
    expect(config.source).toEqual({ kind: 'file', path: other });
    expect(config.registry).toEqual({ kind: 'sqlite', path: '/var/lib/featurelab/r.db' });
  });

  it('fails when an explicit --config file does not exist, naming it', () => {
    const missing = path.join(workspace, 'missing.json');
    expect(() => loadServiceConfig({ workspace, configFile: missing })).toThrow(ConfigError);
    try {
      loadServiceConfig({ workspace, configFile: missing });
    } catch (error) {
      expect((error as ConfigError).message).toContain(missing);
      expect((error as ConfigError).hint).toMatch(/--config/);
    }
  });

  it('explains JSON syntax errors with the file and how to fix them', () => {
    const error = configError('{"log": {"level": "debug",}}');
    expect(error.message).toContain(configFile);
    expect(error.message).toMatch(/not valid JSON/);
    expect(error.hint).toMatch(/trailing commas/);
  });

  it('names the file, the JSON pointer and the allowed values for a wrong enum', () => {
    const error = configError(JSON.stringify({ log: { level: 'verbose' } }));
    expect(error.file).toBe(configFile);
    expect(error.details).toEqual([
      {
        pointer: '/log/level',
        message: '"verbose" is not allowed; use one of "debug", "info", "warn", "error"'
      }
    ]);
    expect(error.message).toContain(configFile);
    expect(error.message).toContain('/log/level');
    expect(error.hint).toContain(configFile);
    expect(error.hint).toMatch(/delete the file to use the embedded defaults/);
  });

  it('lists the supported kinds for an unknown backend kind', () => {
    const error = configError(
      JSON.stringify({ registry: { kind: 'mysql' }, jobs: { kind: 'slurm' } })
    );
    expect(error.details).toEqual([
      {
        pointer: '/registry/kind',
        message: '"mysql" is not a supported kind; use one of "sqlite", "postgresql"'
      },
      {
        pointer: '/jobs/kind',
        message: '"slurm" is not a supported kind; use one of "local", "livy", "kubernetes"'
      }
    ]);
  });

  it('reports a missing kind', () => {
    const error = configError(JSON.stringify({ spark: { master: 'local[2]' } }));
    expect(error.details).toEqual([
      {
        pointer: '/spark/kind',
        message: 'required property "kind" is missing; use one of "local", "livy"'
      }
    ]);
  });

  it('reports unknown properties with what is allowed there', () => {
    const error = configError(
      JSON.stringify({ registry: { kind: 'sqlite', pth: 'x.db' }, telemetry: true })
    );
    expect(error.details).toEqual(
      expect.arrayContaining([
        {
          pointer: '/registry/pth',
          message: 'unknown property "pth"; allowed here: "kind", "path"'
        },
        {
          pointer: '/telemetry',
          message:
            'unknown property "telemetry"; allowed here: "$schema", "registry", "spark", "jobs", "log", "specs"'
        }
      ])
    );
  });

  it('reports missing required fields of the chosen kind and wrong types', () => {
    const error = configError(
      JSON.stringify({ jobs: { kind: 'kubernetes' }, spark: { kind: 'livy', url: 8998 } })
    );
    expect(error.details).toEqual(
      expect.arrayContaining([
        { pointer: '/jobs/namespace', message: 'required property "namespace" is missing' },
        { pointer: '/spark/url', message: 'must be a string, not an integer' }
      ])
    );
  });

  it('explains values in the wrong form using the field description', () => {
    const error = configError(JSON.stringify({ spark: { kind: 'livy', url: 'livy:8998' } }));
    expect(error.details).toEqual([
      {
        pointer: '/spark/url',
        message:
          '"livy:8998" is not in the expected form (Base URL of the Livy REST API, e.g. http://livy.example.com:8998)'
      }
    ]);
  });

  it('rejects a document that is not an object', () => {
    const error = configError('[]');
    expect(error.details).toEqual([{ pointer: '', message: 'must be an object, not an array' }]);
    expect(error.message).toContain('(top level)');
  });

  it('accepts a PostgreSQL registry, declared for later', () => {
    writeFileSync(
      configFile,
      JSON.stringify({ registry: { kind: 'postgresql', url: 'postgresql://fl:secret@db:5432/fl' } })
    );
    expect(loadServiceConfig({ workspace }).registry).toEqual({
      kind: 'postgresql',
      url: 'postgresql://fl:secret@db:5432/fl'
    });
  });

  it('carries the problems into the JSON-RPC error data', () => {
    const error = configError(JSON.stringify({ log: { level: 1 } }));
    expect(error.toErrorData()).toMatchObject({
      kind: 'ConfigError',
      details: [{ pointer: '/log/level' }]
    });
  });
});
