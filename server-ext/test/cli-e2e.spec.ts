import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REGISTRY_MIGRATIONS } from '../src/registry/migrations.js';
import { REPO_ROOT, runBundledCli, temporaryDirectory } from './helpers.js';

interface DoctorJson {
  ok: boolean;
  workspace: string;
  config: string;
  checks: { name: string; status: 'ok' | 'warn' | 'fail'; found: string; fix?: string }[];
}

const VENV_PYTHON = path.join(REPO_ROOT, '.venv', 'bin', 'python');

let workspace: string;
let cleanup: () => void;
beforeEach(() => ({ dir: workspace, cleanup } = temporaryDirectory('featurelab-cli-')));
afterEach(() => cleanup());

describe('featurelab command line (bundled)', () => {
  it('prints help for --help, help and help <command>', async () => {
    const main = await runBundledCli(['--help']);
    expect(main.code).toBe(0);
    expect(main.stdout).toMatch(/Usage: featurelab <command>/);
    expect(main.stdout).toMatch(/doctor/);
    const doctor = await runBundledCli(['help', 'doctor']);
    expect(doctor.stdout).toMatch(/Usage: featurelab doctor/);
    expect((await runBundledCli(['serve', '--help'])).stdout).toMatch(/--enable-debug-methods/);
  });

  it('prints the version as text and as JSON', async () => {
    expect((await runBundledCli(['version'])).stdout.trim()).toBe(
      `featurelab 0.1.0 (protocol 1, Node.js ${process.version})`
    );
    const json = await runBundledCli(['version', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({
      service: '0.1.0',
      protocol: 1,
      node: process.version
    });
  });

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['version', '--verbose'], /unknown option --verbose for "featurelab version"/],
    [['serve', '--stdio'], /serve needs --workspace DIR/],
    [['serve', '--workspace', '/tmp'], /serve needs --stdio/],
    [['serve', '--stdio', '--workspace'], /option --workspace .*needs a value/],
    [['doctor', 'extra'], /unexpected argument extra/],
    [['help', 'nothing'], /no help for "nothing"/],
    [
      ['serve', '--stdio', '--workspace', '/nonexistent/featurelab-ws'],
      /workspace \/nonexistent\/featurelab-ws is not an existing directory/
    ],
    [[], /missing command/]
  ])('exits with 2 and explains %j', async (args, message) => {
    const result = await runBundledCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('doctor --json passes on this machine with Java 17 and the venv PySpark', async () => {
    const result = await runBundledCli([
      'doctor',
      '--workspace',
      workspace,
      '--json',
      '--python',
      VENV_PYTHON
    ]);
    const report = JSON.parse(result.stdout) as DoctorJson;
    expect(report.checks.map(check => check.name)).toEqual([
      'config',
      'node',
      'java',
      'spark',
      'registry',
      'backend:spark',
      'backend:jobs'
    ]);
    const byName = Object.fromEntries(report.checks.map(check => [check.name, check]));
    expect(byName.node).toMatchObject({ status: 'ok', found: `Node.js ${process.version}` });
    expect(byName.java).toMatchObject({
      status: 'ok',
      found: expect.stringMatching(/^Java (1[7-9]|[2-9]\d) /)
    });
    expect(byName.spark).toMatchObject({
      status: 'ok',
      found: expect.stringMatching(/^PySpark 3\.5\.\d+ /)
    });
    expect(byName.registry).toMatchObject({
      status: 'ok',
      found: expect.stringContaining(`schema version ${REGISTRY_MIGRATIONS.length}`)
    });
    expect(report.ok).toBe(true);
    expect(result.code).toBe(0);
  });

  it('doctor takes the Python from FEATURELAB_PYTHON and fails with a fix when PySpark is missing', async () => {
    const result = await runBundledCli(['doctor', '--workspace', workspace, '--json'], {
      env: { ...process.env, FEATURELAB_PYTHON: '/nonexistent/python3' }
    });
    const report = JSON.parse(result.stdout) as DoctorJson;
    const spark = report.checks.find(check => check.name === 'spark');
    expect(spark).toMatchObject({
      status: 'fail',
      found: 'Python executable /nonexistent/python3 not found',
      fix: expect.stringMatching(/FEATURELAB_PYTHON/)
    });
    expect(report.ok).toBe(false);
    expect(result.code).toBe(1);
  });

  it('doctor reports an invalid configuration with the pointer and a fix, and still checks the rest', async () => {
    mkdirSync(path.join(workspace, '.featurelab'));
    writeFileSync(
      path.join(workspace, '.featurelab', 'config.json'),
      JSON.stringify({ spark: { kind: 'livy' }, jobs: { kind: 'kubernetes', namespace: 'ml' } })
    );
    const result = await runBundledCli([
      'doctor',
      '--workspace',
      workspace,
      '--python',
      VENV_PYTHON
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAIL {2}config/);
    expect(result.stdout).toContain('/spark/url: required property "url" is missing');
    expect(result.stdout).toMatch(/fix: Edit .*config\.json/);
    expect(result.stdout).toMatch(/ok {4}node/);
  });

  it('doctor lists remote backends as configured but not checked', async () => {
    mkdirSync(path.join(workspace, '.featurelab'));
    writeFileSync(
      path.join(workspace, '.featurelab', 'config.json'),
      JSON.stringify({
        spark: { kind: 'livy', url: 'http://livy:8998' },
        jobs: { kind: 'kubernetes', namespace: 'ml' }
      })
    );
    const result = await runBundledCli([
      'doctor',
      '--workspace',
      workspace,
      '--json',
      '--python',
      VENV_PYTHON
    ]);
    const report = JSON.parse(result.stdout) as DoctorJson;
    expect(report.checks.filter(check => check.name.startsWith('backend:'))).toEqual([
      {
        name: 'backend:spark',
        status: 'ok',
        found: 'livy: Livy at http://livy:8998: configured, not checked yet'
      },
      {
        name: 'backend:jobs',
        status: 'ok',
        found: 'kubernetes: Kubernetes namespace ml: configured, not checked yet'
      }
    ]);
  });
});
