import { InvalidArgumentsError, isFeaturelabError, type JobRunState } from '@featurelab/core';
import type { ResolvedServiceConfig } from '../config/service-config.js';
import type { Dispatcher, RequestContext } from '../jsonrpc/dispatcher.js';
import type { Logger } from '../logger.js';
import type { RegistryHandle } from '../registry/registry-handle.js';
import { createJobRuntime, type JobRuntime } from './job-runtime.js';
import { loadJobSettings } from './job-settings.js';
import { MAX_LOG_PAGE_BYTES } from './log-reader.js';
import { RegistryJobStore } from './registry-job-store.js';

const RUN_STATES: readonly JobRunState[] = [
  'queued',
  'submitting',
  'running',
  'succeeded',
  'failed',
  'cancelling',
  'cancelled',
  'lost'
];

/**
 * `jobs.submit {spec}`, `jobs.list {owner?, name?, states?, limit?}`, `jobs.get {id}`,
 * `jobs.logs {id, runId?, offset?, limit?, pod?}`, `jobs.cancel {id}`, `jobs.retry {id}`;
 * the caller is always `params.user`. Starts the scheduler, whose first pass re-attaches to the runs a
 * previous service left. When the jobs cannot run (bad jobs.json, unsupported backend) the
 * service still starts and every jobs method reports why.
 */
export function registerJobMethods(
  dispatcher: Dispatcher,
  config: ResolvedServiceConfig,
  registry: RegistryHandle,
  logger: Logger
): void {
  let runtime: JobRuntime | undefined;
  let failure: unknown;
  try {
    runtime = createJobRuntime({
      config,
      settings: loadJobSettings(config.workspace),
      store: new RegistryJobStore(registry),
      logger,
      confineCodeToWorkspace: true
    });
    runtime.scheduler.start();
  } catch (error) {
    if (!isFeaturelabError(error)) {
      throw error;
    }
    failure = error;
    logger.error('jobs unavailable', { error });
  }
  const jobs = (): JobRuntime['service'] => {
    if (!runtime) {
      throw failure;
    }
    return runtime.service;
  };
  dispatcher.register('jobs.submit', async ({ user, args }: RequestContext) =>
    jobs().submit(user.username, args.spec)
  );
  dispatcher.register('jobs.list', async ({ user, args }: RequestContext) => ({
    jobs: await jobs().list(user.username, {
      ...optional('owner', optionalString(args.owner, 'owner')),
      ...optional('name', optionalString(args.name, 'name')),
      ...optional('states', statesArg(args.states)),
      ...optional('limit', integerArg(args.limit, 'limit', 1, 1000))
    })
  }));
  dispatcher.register('jobs.get', ({ user, args }: RequestContext) =>
    jobs().get(user.username, idArg(args.id))
  );
  dispatcher.register('jobs.logs', ({ user, args }: RequestContext) =>
    jobs().logs(user.username, idArg(args.id), {
      ...optional('runId', optionalString(args.runId, 'runId')),
      ...optional('pod', optionalString(args.pod, 'pod')),
      ...optional('offset', integerArg(args.offset, 'offset', 0, Number.MAX_SAFE_INTEGER)),
      // At least one whole UTF-8 character per page, so following always advances.
      ...optional('limit', integerArg(args.limit, 'limit', 4, MAX_LOG_PAGE_BYTES))
    })
  );
  dispatcher.register('jobs.cancel', ({ user, args }: RequestContext) =>
    jobs().cancel(user.username, idArg(args.id))
  );
  dispatcher.register('jobs.retry', ({ user, args }: RequestContext) =>
    jobs().retry(user.username, idArg(args.id))
  );
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function idArg(value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new InvalidArgumentsError('args.id must be a job id', {
      hint: 'Send {"args": {"id": "job-..."}}.'
    });
  }
  return value;
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || value === '') {
    throw new InvalidArgumentsError(`args.${name} must be a non-empty string`, {
      hint: `Send {"args": {"${name}": "..."}} or leave it out.`
    });
  }
  return value;
}

function integerArg(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new InvalidArgumentsError(`args.${name} must be an integer from ${min} to ${max}`, {
      hint: `Send {"args": {"${name}": <integer>}} or leave it out.`
    });
  }
  return value;
}

function statesArg(value: unknown): JobRunState[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value) || !value.every(state => RUN_STATES.includes(state as JobRunState))) {
    throw new InvalidArgumentsError(
      `args.states must be a list of run states: ${RUN_STATES.join(', ')}`,
      {
        hint: 'Send {"args": {"states": ["running", "queued"]}} or leave it out.'
      }
    );
  }
  return value as JobRunState[];
}
