import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isFeaturelabError } from '@featurelab/core';
import { loadServiceConfig } from '../config/service-config.js';
import { runDoctor } from '../doctor/checks.js';
import { UsageError } from '../errors.js';
import { Logger } from '../logger.js';
import { versionResult } from '../methods.js';
import { serve } from '../serve.js';
import { routeProcessWarnings } from '../process-warnings.js';
import { runApplyCommand } from './apply.js';
import { formatDoctorReport } from './doctor-report.js';
import { runInferCommand } from './infer.js';
import { runJobsCommand } from './jobs.js';
import { COMMAND_NAMES, commandHelp, isCommandName, mainHelp, type CommandName } from './help.js';
import { runPlanCommand } from './plan.js';
import { runProfileCommand } from './profile.js';
import { runValidateCommand } from './validate.js';
import { runSamplesCommand } from './samples.js';
import { printErr, printOut } from './terminal.js';

/** Exit statuses of the featurelab command. */
export const ExitCode = {
  Ok: 0,
  /** A check failed (doctor) or the service stopped on an error. */
  Failure: 1,
  /** Unknown command or flag, missing value. */
  Usage: 2,
  /** plan/apply: another apply recorded a registry version first; nothing was applied. */
  Conflict: 3,
  /** The configuration file is unreadable or invalid (sysexits EX_CONFIG). */
  Config: 78
} as const;

type ParsedValues = Record<string, string | boolean | undefined>;

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

const COMMAND_OPTIONS: Readonly<
  Record<
    Exclude<CommandName, 'help' | 'jobs' | 'profile' | 'validate' | 'samples'>,
    NonNullable<ParseArgsConfig['options']>
  >
> = {
  serve: {
    ...HELP_OPTION,
    stdio: { type: 'boolean' },
    workspace: { type: 'string' },
    config: { type: 'string' },
    'enable-debug-methods': { type: 'boolean' }
  },
  doctor: {
    ...HELP_OPTION,
    workspace: { type: 'string' },
    config: { type: 'string' },
    python: { type: 'string' },
    json: { type: 'boolean' }
  },
  version: { ...HELP_OPTION, json: { type: 'boolean' } },
  plan: {
    ...HELP_OPTION,
    workspace: { type: 'string' },
    config: { type: 'string' },
    json: { type: 'boolean' },
    force: { type: 'boolean' }
  },
  apply: {
    ...HELP_OPTION,
    workspace: { type: 'string' },
    config: { type: 'string' },
    json: { type: 'boolean' },
    force: { type: 'boolean' },
    author: { type: 'string' },
    'base-version': { type: 'string' }
  },
  infer: { ...HELP_OPTION, catalog: { type: 'string' }, ansi: { type: 'boolean' } }
};

/** Commands that take positional arguments, and how many. */
const POSITIONALS: Partial<
  Record<
    Exclude<CommandName, 'help' | 'jobs' | 'profile' | 'validate' | 'samples'>,
    { readonly count: number; readonly name: string }
  >
> = {
  plan: { count: 1, name: 'DIR' },
  apply: { count: 1, name: 'DIR' },
  infer: { count: 1, name: 'QUERY.sql' }
};

/**
 * Run the featurelab command line. Resolves to the exit status; for `serve`, once the
 * service has stopped.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const logger = new Logger({ level: 'info', sink: line => process.stderr.write(line) });
  routeProcessWarnings(logger);
  try {
    return await dispatchCommand(argv, logger);
  } catch (error) {
    if (error instanceof UsageError) {
      printErr(
        `featurelab: ${error.message}\n${error.hint ?? 'Run `featurelab --help` for usage.'}`
      );
      return ExitCode.Usage;
    }
    if (isFeaturelabError(error) && error.kind === 'ConfigError') {
      // For `serve` this reaches the Jupyter server log, which is where an admin will look.
      logger.error(error.message, { kind: error.kind, hint: error.hint });
      printErr(`featurelab: ${error.message}\nfix: ${error.hint ?? ''}`);
      return ExitCode.Config;
    }
    logger.error('featurelab failed', { error });
    return ExitCode.Failure;
  }
}

async function dispatchCommand(argv: readonly string[], logger: Logger): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    throw new UsageError('missing command', { hint: mainHelp() });
  }
  if (first === '-h' || first === '--help') {
    printOut(mainHelp());
    return ExitCode.Ok;
  }
  if (first === '-V' || first === '--version') {
    return runVersion({});
  }
  if (!isCommandName(first)) {
    throw new UsageError(`unknown command "${first}"`, {
      hint: `Commands: ${COMMAND_NAMES.join(', ')}. Run \`featurelab --help\` for usage.`
    });
  }
  if (first === 'help') {
    return runHelp(rest);
  }
  if (first === 'jobs') {
    // Subcommands with options of their own: parsed in jobs.ts.
    return runJobsCommand(rest);
  }
  if (first === 'profile') {
    // Options of its own, parsed in profile.ts.
    return runProfileCommand(rest);
  }
  if (first === 'validate') {
    // Options of its own, parsed in validate.ts.
    return runValidateCommand(rest);
  }
  if (first === 'samples') {
    return runSamplesCommand(rest);
  }
  const { values, positionals } = parseCommandArgs(first, rest);
  if (values.help === true) {
    printOut(commandHelp(first));
    return ExitCode.Ok;
  }
  switch (first) {
    case 'serve':
      return runServe(values, logger);
    case 'doctor':
      return runDoctorCommand(values);
    case 'version':
      return runVersion(values);
    case 'plan':
      return runPlanCommand({
        ...specCommandArgs(values, positionals),
        force: values.force === true
      });
    case 'apply':
      return runApplyCommand({
        ...specCommandArgs(values, positionals),
        force: values.force === true,
        author: stringValue(values.author),
        baseVersion: stringValue(values['base-version'])
      });
    case 'infer':
      return runInferCommand({
        query: positionals[0],
        catalog: stringValue(values.catalog),
        ansi: values.ansi === true
      });
  }
}

function specCommandArgs(
  values: ParsedValues,
  positionals: readonly string[]
): { folder: string; workspace?: string; config?: string; json: boolean } {
  return {
    folder: positionals[0],
    workspace: stringValue(values.workspace),
    config: stringValue(values.config),
    json: values.json === true
  };
}

function parseCommandArgs(
  command: Exclude<CommandName, 'help' | 'jobs' | 'profile' | 'validate' | 'samples'>,
  args: readonly string[]
): { values: ParsedValues; positionals: string[] } {
  const expected = POSITIONALS[command];
  let parsed: { values: ParsedValues; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...args],
      options: COMMAND_OPTIONS[command],
      strict: true,
      allowPositionals: expected !== undefined
    }) as { values: ParsedValues; positionals: string[] };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // Node's messages quote the offending token: "Unknown option '--verbose'. To specify...".
    const quoted = /'([^']+)'/.exec(error instanceof Error ? error.message : '')?.[1];
    const token = quoted === undefined ? '' : ` ${quoted}`;
    const reasons: Record<string, string> = {
      ERR_PARSE_ARGS_UNKNOWN_OPTION: `unknown option${token} for "featurelab ${command}"`,
      ERR_PARSE_ARGS_INVALID_OPTION_VALUE: `option${token} of "featurelab ${command}" needs a value`,
      ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: `unexpected argument${token} for "featurelab ${command}"`
    };
    if (typeof code === 'string' && code in reasons) {
      throw new UsageError(reasons[code], { hint: commandHelp(command), cause: error });
    }
    throw error;
  }
  if (
    expected !== undefined &&
    parsed.values.help !== true &&
    parsed.positionals.length !== expected.count
  ) {
    const problem =
      parsed.positionals.length < expected.count
        ? `needs ${expected.name}`
        : `takes one ${expected.name}, got ${parsed.positionals.length} arguments`;
    throw new UsageError(`"featurelab ${command}" ${problem}`, { hint: commandHelp(command) });
  }
  return parsed;
}

function runHelp(args: readonly string[]): number {
  const [topic, ...extra] = args;
  if (topic === undefined) {
    printOut(mainHelp());
    return ExitCode.Ok;
  }
  if (extra.length > 0 || !isCommandName(topic)) {
    throw new UsageError(`no help for "${args.join(' ')}"`, {
      hint: `Commands: ${COMMAND_NAMES.join(', ')}.`
    });
  }
  printOut(commandHelp(topic));
  return ExitCode.Ok;
}

function runVersion(values: ParsedValues): number {
  const version = versionResult();
  printOut(
    values.json === true
      ? JSON.stringify(version)
      : `featurelab ${version.service} (protocol ${version.protocol}, Node.js ${version.node})`
  );
  return ExitCode.Ok;
}

async function runDoctorCommand(values: ParsedValues): Promise<number> {
  const report = await runDoctor({
    config: {
      workspace: existingDirectory(stringValue(values.workspace) ?? process.cwd()),
      configFile: stringValue(values.config)
    },
    python: stringValue(values.python) ?? process.env.FEATURELAB_PYTHON ?? 'python3'
  });
  printOut(values.json === true ? JSON.stringify(report, null, 2) : formatDoctorReport(report));
  return report.ok ? ExitCode.Ok : ExitCode.Failure;
}

async function runServe(values: ParsedValues, logger: Logger): Promise<number> {
  if (values.stdio !== true) {
    throw new UsageError('serve needs --stdio (the only transport)', {
      hint: commandHelp('serve')
    });
  }
  const workspace = stringValue(values.workspace);
  if (workspace === undefined) {
    throw new UsageError('serve needs --workspace DIR', { hint: commandHelp('serve') });
  }
  const config = loadServiceConfig({
    workspace: existingDirectory(workspace),
    configFile: stringValue(values.config)
  });
  logger.setLevel(config.log.level);
  const service = serve({
    config,
    logger,
    input: process.stdin,
    output: process.stdout,
    enableDebugMethods: values['enable-debug-methods'] === true,
    exit: code => process.exit(code)
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void service.stop(signal).then(() => process.exit(ExitCode.Ok));
    });
  }
  await service.finished;
  // Frames are already written; a pending timer (debug.sleep) must not keep a stopped service alive.
  process.exit(ExitCode.Ok);
}

/** The absolute path of a workspace that must already exist (a typo must not create one). */
function existingDirectory(directory: string): string {
  const absolute = path.resolve(directory);
  if (!statSync(absolute, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`workspace ${absolute} is not an existing directory`, {
      hint: 'Pass --workspace with the directory JupyterLab serves (the folder that holds .featurelab/).'
    });
  }
  return absolute;
}

function stringValue(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
