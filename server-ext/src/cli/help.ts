import { SERVICE_VERSION } from '../service-version.js';

export const COMMAND_NAMES = ['serve', 'doctor', 'version', 'help'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

const MAIN_HELP = `featurelab ${SERVICE_VERSION}: the Featurelab service and command line

Usage: featurelab <command> [options]

Commands:
  serve     run the service for the Jupyter server extension (JSON-RPC on stdio)
  doctor    check this machine and workspace: Node, Java, Spark, registry, backends
  version   print the version
  help      show help for a command: featurelab help <command>

Options:
  -h, --help     show help
  -V, --version  print the version
`;

const COMMAND_HELP: Readonly<Record<CommandName, string>> = {
  serve: `Usage: featurelab serve --stdio --workspace DIR [--config FILE] [--enable-debug-methods]

Run the Featurelab service. It reads JSON-RPC 2.0 requests framed with Content-Length
headers on stdin and answers on stdout; logs are JSON lines on stderr. The Jupyter server
extension starts it; you rarely run it by hand.

Options:
  --stdio                 talk JSON-RPC over stdin/stdout (the only transport)
  --workspace DIR         the workspace directory (holds .featurelab/)
  --config FILE           configuration file (default: DIR/.featurelab/config.json;
                          embedded defaults when that file does not exist)
  --enable-debug-methods  add debug.sleep and debug.exit, for tests
  -h, --help              show this help
`,
  doctor: `Usage: featurelab doctor [--workspace DIR] [--config FILE] [--python PYTHON] [--json]

Check that Featurelab can run here: Node.js 24+, Java 17+, PySpark 3.5.x, the registry
(opened and migrated) and the configured backends. Each check says what it found and how to fix
it. Exits with 1 when a check fails.

Options:
  --workspace DIR   the workspace directory (default: the current directory)
  --config FILE     configuration file (default: DIR/.featurelab/config.json)
  --python PYTHON   Python used to check PySpark (default: $FEATURELAB_PYTHON or python3)
  --json            print the report as JSON
  -h, --help        show this help
`,
  version: `Usage: featurelab version [--json]

Print the service version, protocol version and Node.js version.

Options:
  --json      print {"service", "protocol", "node"} as JSON
  -h, --help  show this help
`,
  help: `Usage: featurelab help [command]

Show help for featurelab or one of its commands.
`
};

export function mainHelp(): string {
  return MAIN_HELP;
}

export function commandHelp(command: CommandName): string {
  return COMMAND_HELP[command];
}

export function isCommandName(value: string): value is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(value);
}
