import { userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  isFeaturelabError,
  type JobLogsResult,
  type JobRunState,
  type JobSpec
} from '@featurelab/core';
import { loadServiceConfig } from '../config/service-config.js';
import { UsageError } from '../errors.js';
import { createJobRuntime, type JobRuntime } from '../jobs/job-runtime.js';
import { loadJobSettings } from '../jobs/job-settings.js';
import { isTerminal } from '../jobs/job-states.js';
import type { JobDetails } from '../jobs/job-view.js';
import { SqliteJobStore } from '../jobs/sqlite-job-store.js';
import { Logger } from '../logger.js';
import { RegistryUnavailableError } from '../errors.js';
import { SqliteRegistry } from '../registry/sqlite-registry.js';
import { commandHelp } from './help.js';
import { printErr, printOut } from './terminal.js';

const SUBCOMMANDS = ['submit', 'list', 'get', 'logs', 'cancel', 'retry'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

const COMMON = {
  help: { type: 'boolean', short: 'h' },
  workspace: { type: 'string' },
  config: { type: 'string' },
  user: { type: 'string' },
  json: { type: 'boolean' }
} as const;

const OPTIONS = {
  submit: {
    ...COMMON,
    param: { type: 'string', multiple: true },
    conf: { type: 'string', multiple: true },
    name: { type: 'string' },
    kind: { type: 'string' },
    launcher: { type: 'string' },
    policy: { type: 'string' },
    retries: { type: 'string' },
    'idempotency-key': { type: 'string' },
    cell: { type: 'string' },
    'up-to': { type: 'boolean' },
    wait: { type: 'boolean' }
  },
  list: {
    ...COMMON,
    state: { type: 'string', multiple: true },
    name: { type: 'string' },
    all: { type: 'boolean' },
    limit: { type: 'string' }
  },
  get: COMMON,
  logs: {
    ...COMMON,
    run: { type: 'string' },
    offset: { type: 'string' },
    follow: { type: 'boolean', short: 'f' }
  },
  cancel: COMMON,
  retry: COMMON
} as const;

type Values = Record<string, string | boolean | string[] | undefined>;

/** `featurelab jobs <subcommand>`: the job service on the workspace's registry, without a server. */
export async function runJobsCommand(argv: readonly string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '-h' || sub === '--help') {
    printOut(commandHelp('jobs'));
    return sub === undefined ? 2 : 0;
  }
  if (!(SUBCOMMANDS as readonly string[]).includes(sub)) {
    throw new UsageError(`unknown jobs command "${sub}"`, { hint: commandHelp('jobs') });
  }
  const subcommand = sub as Subcommand;
  const { values, positionals } = parse(subcommand, rest);
  if (values.help === true) {
    printOut(commandHelp('jobs'));
    return 0;
  }
  const expected = subcommand === 'list' ? 0 : 1;
  if (positionals.length !== expected) {
    throw new UsageError(
      `"featurelab jobs ${subcommand}" ${expected === 0 ? 'takes no arguments' : `needs one ${subcommand === 'submit' ? 'FILE' : 'JOB-ID'}`}`,
      { hint: commandHelp('jobs') }
    );
  }
  const workspace = path.resolve(text(values.workspace) ?? process.cwd());
  const user = text(values.user) ?? userInfo().username;
  const json = values.json === true;
  const runtime = openRuntime(workspace, text(values.config));
  try {
    // Every command first brings the registry up to date with the processes (finishing runs
    // that ended since), and starts queued runs when a slot is free: without a service
    // running, the CLI is the scheduler.
    await runtime.scheduler.tick();
    return await run(subcommand, runtime, {
      values,
      target: positionals[0],
      user,
      json,
      workspace
    });
  } catch (error) {
    if (isFeaturelabError(error) && !(error instanceof UsageError)) {
      printErr(`featurelab: ${error.message}${error.hint ? `\nhint: ${error.hint}` : ''}`);
      return 1;
    }
    throw error;
  } finally {
    await runtime.scheduler.stop();
    // Watches and log streams (Kubernetes) would keep the CLI alive.
    await runtime.backend?.stop?.();
    runtime.close();
  }
}

interface Invocation {
  readonly values: Values;
  readonly target: string;
  readonly user: string;
  readonly json: boolean;
  readonly workspace: string;
}

async function run(subcommand: Subcommand, runtime: Runtime, call: Invocation): Promise<number> {
  const { service, scheduler } = runtime;
  switch (subcommand) {
    case 'submit': {
      const result = await service.submit(call.user, submitSpec(call));
      await scheduler.tick();
      if (call.values.wait === true) {
        const job = await service.waitFor(call.user, result.job.id);
        printJob(job, call.json);
        return job.state === 'succeeded' ? 0 : 1;
      }
      const job = await service.get(call.user, result.job.id);
      if (call.json) {
        printOut(JSON.stringify({ job, created: result.created }, null, 2));
      } else {
        printOut(
          `${job.id} ${job.state}${result.created ? '' : ' (existing job for this idempotency key)'}`
        );
      }
      return 0;
    }
    case 'list': {
      const states = call.values.state as string[] | undefined;
      const jobs = await service.list(call.user, {
        ...(call.values.all === true ? {} : { owner: call.user }),
        ...(typeof call.values.name === 'string' ? { name: call.values.name } : {}),
        ...(states ? { states: states as JobRunState[] } : {}),
        ...(typeof call.values.limit === 'string'
          ? { limit: positiveInteger(call.values.limit, '--limit') }
          : {})
      });
      printOut(call.json ? JSON.stringify({ jobs }, null, 2) : formatTable(jobs));
      return 0;
    }
    case 'get':
      printJob(await service.get(call.user, call.target), call.json);
      return 0;
    case 'logs':
      return printLogs(runtime, call);
    case 'cancel':
      printJob(await service.cancel(call.user, call.target), call.json);
      return 0;
    case 'retry': {
      await service.retry(call.user, call.target);
      await scheduler.tick();
      printJob(await service.get(call.user, call.target), call.json);
      return 0;
    }
  }
}

async function printLogs(runtime: Runtime, call: Invocation): Promise<number> {
  let offset =
    typeof call.values.offset === 'string' ? positiveInteger(call.values.offset, '--offset', 0) : 0;
  const runId = text(call.values.run);
  for (;;) {
    const page: JobLogsResult = await runtime.service.logs(call.user, call.target, {
      offset,
      ...(runId === undefined ? {} : { runId })
    });
    if (call.json) {
      printOut(JSON.stringify(page));
    } else if (page.data !== '') {
      process.stdout.write(page.data);
    }
    offset = page.nextOffset;
    const more = page.nextOffset < page.size;
    if (!more && (call.values.follow !== true || page.complete || isTerminal(page.state))) {
      return 0;
    }
    if (!more) {
      await new Promise(resolve => setTimeout(resolve, 500));
      await runtime.scheduler.tick();
    }
  }
}

function submitSpec(call: Invocation): JobSpec {
  const { values } = call;
  const file = path.resolve(call.target);
  const relative = path.relative(call.workspace, file);
  const codePath = relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
  const notebook = file.endsWith('.ipynb');
  const cell = text(values.cell);
  const spec = {
    kind: text(values.kind) ?? 'spark-batch',
    code: notebook
      ? {
          type: 'notebook',
          path: codePath,
          ...(cell === undefined ? {} : { cell: positiveInteger(cell, '--cell', 0) }),
          ...(values['up-to'] === true ? { upTo: true } : {})
        }
      : { type: 'file', path: codePath },
    ...optionalEntry('name', text(values.name)),
    ...optionalEntry('launcher', text(values.launcher)),
    ...optionalEntry('idempotencyKey', text(values['idempotency-key'])),
    ...optionalEntry('policy', policyOf(text(values.policy))),
    ...(values.param ? { parameters: pairs(values.param as string[], '--param') } : {}),
    ...(values.conf ? { spark: { conf: pairs(values.conf as string[], '--conf') } } : {}),
    ...(typeof values.retries === 'string'
      ? { retries: { max: positiveInteger(values.retries, '--retries', 0) } }
      : {})
  };
  // The service validates it against the schema, with messages that name the field.
  return spec as JobSpec;
}

function policyOf(value: string | undefined): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  const policy = { fifo: 'FIFO', 'last-only': 'LAST_ONLY' }[value.toLowerCase()];
  if (policy === undefined) {
    throw new UsageError(`--policy must be fifo or last-only, not ${JSON.stringify(value)}`);
  }
  return policy;
}

/** k=v arguments; the value is everything after the first "=", unchanged. */
function pairs(items: readonly string[], flag: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const item of items) {
    const at = item.indexOf('=');
    if (at <= 0) {
      throw new UsageError(`${flag} needs NAME=VALUE, got ${JSON.stringify(item)}`);
    }
    result[item.slice(0, at)] = item.slice(at + 1);
  }
  return result;
}

function positiveInteger(value: string, flag: string, min = 1): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < min) {
    throw new UsageError(
      `${flag} must be an integer of at least ${min}, not ${JSON.stringify(value)}`
    );
  }
  return number;
}

function printJob(job: JobDetails, json: boolean): void {
  if (json) {
    printOut(JSON.stringify(job, null, 2));
    return;
  }
  const run = job.latestRun;
  const lines = [
    `${job.id}  ${job.name}  (${job.kind}, ${job.backend}, owner ${job.owner})`,
    `state:    ${job.state}${run.reason ? ` (${run.reason})` : ''}`,
    `attempts: ${job.attempts}`,
    `created:  ${job.createdAt}`,
    ...(run.startedAt ? [`started:  ${run.startedAt}`] : []),
    ...(run.endedAt ? [`ended:    ${run.endedAt}`] : []),
    ...(run.exitCode === undefined ? [] : [`exit:     ${run.exitCode}`]),
    ...(run.logFile ? [`log:      ${run.logFile}`] : [])
  ];
  printOut(lines.join('\n'));
}

function formatTable(jobs: readonly JobDetails[]): string {
  if (jobs.length === 0) {
    return 'no jobs';
  }
  const rows = [
    ['ID', 'NAME', 'OWNER', 'STATE', 'ATTEMPTS', 'CREATED'],
    ...jobs.map(job => [
      job.id,
      job.name,
      job.owner,
      job.state,
      String(job.attempts),
      job.createdAt
    ])
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map(row => row[column].length)));
  return rows
    .map(row =>
      row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd()
    )
    .join('\n');
}

interface Runtime extends JobRuntime {
  close(): void;
}

function openRuntime(workspace: string, configFile: string | undefined): Runtime {
  const config = loadServiceConfig({
    workspace,
    ...(configFile === undefined ? {} : { configFile })
  });
  if (config.registry.kind !== 'sqlite') {
    throw new RegistryUnavailableError('jobs are kept in SQLite registries only in this release', {
      hint: 'Set "registry": {"kind": "sqlite"} in the configuration to use jobs.'
    });
  }
  const registry = SqliteRegistry.open({ path: config.registry.path });
  const store = new SqliteJobStore(registry, true);
  // The CLI's own log lines are for debugging only; its output is the command's result.
  const logger = new Logger({ level: 'warn', sink: line => process.stderr.write(line) });
  const runtime = createJobRuntime({
    config,
    settings: loadJobSettings(config.workspace),
    store,
    logger,
    confineCodeToWorkspace: false
  });
  return { ...runtime, close: () => void store.close() };
}

function parse(
  subcommand: Subcommand,
  args: readonly string[]
): { values: Values; positionals: string[] } {
  try {
    return parseArgs({
      args: [...args],
      options: OPTIONS[subcommand],
      strict: true,
      allowPositionals: true
    }) as {
      values: Values;
      positionals: string[];
    };
  } catch (error) {
    throw new UsageError(
      `${error instanceof Error ? error.message : String(error)} (featurelab jobs ${subcommand})`,
      {
        hint: commandHelp('jobs'),
        cause: error
      }
    );
  }
}

function text(value: string | boolean | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function optionalEntry<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
