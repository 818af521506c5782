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
import { formatDoctorReport } from './doctor-report.js';
import { commandHelp, isCommandName, mainHelp, type CommandName } from './help.js';
import { printErr, printOut } from './terminal.js';

/** Exit statuses of the featurelab command. */
export const ExitCode = {
  Ok: 0,
  /** A check failed (doctor) or the service stopped on an error. */
  Failure: 1,
  /** Unknown command or flag, missing value. */
  Usage: 2,
  /** The configuration file is unreadable or invalid (sysexits EX_CONFIG). */
  Config: 78
} as const;

type ParsedValues = Record<string, string | boolean | undefined>;

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

const COMMAND_OPTIONS: Readonly<Record<Exclude<CommandName, 'help'>, NonNullable<ParseArgsConfig['options']>>> = {
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
  version: { ...HELP_OPTION, json: { type: 'boolean' } }
};

/**
 * Run the featurelab command line. Resolves to the exit status; for `serve`, once the
 * service has stopped.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const logger = new Logger({ level: 'info', sink: (line) => process.stderr.write(line) });
  routeProcessWarnings(logger);
  try {
    return await dispatchCommand(argv, logger);
  } catch (error) {
    if (error instanceof UsageError) {
      printErr(`featurelab: ${error.message}\n${error.hint ?? 'Run `featurelab --help` for usage.'}`);
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
    throw new UsageError(`unknown command "${first}"`, { hint: 'Commands: serve, doctor, version, help. Run `featurelab --help` for usage.' });
  }
  if (first === 'help') {
    return runHelp(rest);
  }
  const values = parseCommandArgs(first, rest);
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
  }
}

function parseCommandArgs(command: Exclude<CommandName, 'help'>, args: readonly string[]): ParsedValues {
  try {
    return parseArgs({ args: [...args], options: COMMAND_OPTIONS[command], strict: true, allowPositionals: false }).values as ParsedValues;
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
}

function runHelp(args: readonly string[]): number {
  const [topic, ...extra] = args;
  if (topic === undefined) {
    printOut(mainHelp());
    return ExitCode.Ok;
  }
  if (extra.length > 0 || !isCommandName(topic)) {
    throw new UsageError(`no help for "${args.join(' ')}"`, { hint: 'Commands: serve, doctor, version, help.' });
  }
  printOut(commandHelp(topic));
  return ExitCode.Ok;
}

function runVersion(values: ParsedValues): number {
  const version = versionResult();
  printOut(values.json === true ? JSON.stringify(version) : `featurelab ${version.service} (protocol ${version.protocol}, Node.js ${version.node})`);
  return ExitCode.Ok;
}

async function runDoctorCommand(values: ParsedValues): Promise<number> {
  const report = await runDoctor({
    config: { workspace: existingDirectory(stringValue(values.workspace) ?? process.cwd()), configFile: stringValue(values.config) },
    python: stringValue(values.python) ?? process.env.FEATURELAB_PYTHON ?? 'python3'
  });
  printOut(values.json === true ? JSON.stringify(report, null, 2) : formatDoctorReport(report));
  return report.ok ? ExitCode.Ok : ExitCode.Failure;
}

async function runServe(values: ParsedValues, logger: Logger): Promise<number> {
  if (values.stdio !== true) {
    throw new UsageError('serve needs --stdio (the only transport)', { hint: commandHelp('serve') });
  }
  const workspace = stringValue(values.workspace);
  if (workspace === undefined) {
    throw new UsageError('serve needs --workspace DIR', { hint: commandHelp('serve') });
  }
  const config = loadServiceConfig({ workspace: existingDirectory(workspace), configFile: stringValue(values.config) });
  logger.setLevel(config.log.level);
  const service = serve({
    config,
    logger,
    input: process.stdin,
    output: process.stdout,
    enableDebugMethods: values['enable-debug-methods'] === true,
    exit: (code) => process.exit(code)
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
