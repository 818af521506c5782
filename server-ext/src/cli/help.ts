import { SERVICE_VERSION } from '../service-version.js';
import { PROFILE_HELP } from './profile.js';
import { VALIDATE_HELP } from './validate.js';

export const COMMAND_NAMES = [
  'serve',
  'doctor',
  'version',
  'plan',
  'apply',
  'infer',
  'jobs',
  'samples',
  'validate',
  'profile',
  'help'
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

const MAIN_HELP = `featurelab ${SERVICE_VERSION}: the Featurelab service and command line

Usage: featurelab <command> [options]

Commands:
  serve     run the service for the Jupyter server extension (JSON-RPC on stdio)
  doctor    check this machine and workspace: Node, Java, Spark, registry, backends
  version   print the version
  plan      compare a folder of feature specs with the registry
  apply     apply a folder of feature specs to the registry, as a new version
  infer     infer the schema of every operator of a Spark SQL query, with diagnostics
  jobs      submit, list, follow and cancel jobs: featurelab jobs submit FILE ...
  samples   build training samples (point-in-time joins): featurelab samples build SPEC.yaml
  validate  run a validation suite on a table: featurelab validate --suite S.yaml --data X
  profile   profile a table: types, nulls, distinct, quantiles, histograms, top values
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
  plan: `Usage: featurelab plan DIR [--workspace DIR] [--config FILE] [--json] [--force]

Compare the feature specs in DIR (every *.yaml and *.yml below it: Entity, FeatureGroup,
SampleSet and Model documents) with the registry of the workspace, and list what apply would
create, update (field by field) and delete. Writes nothing. All errors of the folder are
reported at once, each with file:line:column, the JSON pointer of the field and a hint.

A change is destructive when it removes a feature or feature group, or changes a feature's
type, that a registered sample set or model uses; a plan with destructive changes is refused
unless --force is given.

Options:
  --workspace DIR   the workspace whose registry to compare with (default: the current directory)
  --config FILE     configuration file (default: DIR/.featurelab/config.json)
  --json            print the plan as JSON (schemas/spec-plan-result.schema.json), for CI
  --force           accept destructive changes
  -h, --help        show this help

Exit status: 0 planned (or no changes); 1 errors in the specs, or destructive changes
refused; 2 usage error.
`,
  apply: `Usage: featurelab apply DIR [--workspace DIR] [--config FILE] [--json] [--force]
                      [--author NAME] [--base-version N]

Plan as \`featurelab plan\` does, then apply the plan in one transaction: all of it or nothing.
Each apply that changes something records a new registry version with its author, time, and
the git commit of DIR when DIR is in a git repository.

Options:
  --workspace DIR    the workspace whose registry to change (default: the current directory)
  --config FILE      configuration file (default: DIR/.featurelab/config.json)
  --json             print the result as JSON (schemas/spec-plan-result.schema.json), for CI
  --force            apply destructive changes too
  --author NAME      author recorded with the version (default: the login name)
  --base-version N   apply only if the registry is still at version N (the baseVersion of a
                     reviewed plan)
  -h, --help         show this help

Exit status: 0 applied (or nothing to apply); 1 errors in the specs, or destructive changes
refused; 2 usage error; 3 conflict: another apply recorded a newer version since the plan was
made (or since --base-version); nothing was applied.
`,
  infer: `Usage: featurelab infer --catalog CATALOG.json QUERY.sql|CELL.py [--ansi]

Analyse the Spark SQL in QUERY.sql without running it, the way Spark 3.5 would: the output
columns (Spark's names, types and nullability) of every CTE, aliased subquery and operator, and
the query's errors. CATALOG.json maps table names ("db.table") to their schema exactly as
df.schema.json() writes it. Prints one JSON object:

  {"relations": [{"name": "<CTE | subquery alias | $result>", "columns": [{"name", "type", "nullable"}]}],
   "operators": [{"op", "relation", "range": {"from", "to"}, "columns": [...]}],
   "diagnostics": [{"severity": "error|warning", "message", "range": {"from", "to"}}]}

A .py file is read as a Python cell: its PySpark DataFrame chains (spark.table, select,
withColumn, filter, groupBy().agg, join, union, F.* expressions, ...) are analysed the same way;
the relations are its DataFrame variables, then the last statement's DataFrame as $result.

Ranges are character offsets into the file. Constructs not analysed yet are reported as
warnings (NOT_ANALYZED_YET), never guessed.

Options:
  --catalog FILE  table schemas: {"db.table": <StructType JSON>, ...}
  --ansi          analyse with spark.sql.ansi.enabled=true (default: false, as in Spark 3.5)
  -h, --help      show this help

Exit status: 0 analysed (with or without diagnostics); 2 usage error or unreadable input.
`,
  jobs: `Usage: featurelab jobs submit FILE [--param K=V]... [--conf K=V]... [--name N]
                            [--policy fifo|last-only] [--idempotency-key K] [--retries N]
                            [--launcher spark-submit|python] [--kind spark-batch|training]
                            [--cell N [--up-to]] [--wait] [--json]
       featurelab jobs list [--state STATE]... [--name N] [--all] [--limit N] [--json]
       featurelab jobs get|cancel|retry JOB-ID [--json]
       featurelab jobs logs JOB-ID [--run RUN-ID] [--offset BYTES] [--follow] [--json]
Every command also takes --workspace DIR, --config FILE and --user NAME.

Run jobs on the workspace's job service, the same jobs JupyterLab shows. FILE is a Python file
(run with spark-submit --master local[*], or as a plain process with --launcher python) or a
notebook (all code cells, cell N, or cells up to N with --up-to). Parameters reach the program
as --K=V arguments, unchanged. A job runs in the background and survives the command; without
a Featurelab service running, each jobs command starts queued runs and records finished ones.

Options:
  --param K=V             a parameter (repeatable)
  --conf K=V              a Spark property (repeatable)
  --name N                job name (default: the file name)
  --policy P              fifo (default) or last-only: cancel your queued runs of jobs named N
  --idempotency-key K     submitting again with K returns the first job instead of a new one
  --retries N             retry a failed run up to N times, with exponential backoff
  --wait                  wait until the job ends; exit 0 only if it succeeded
  --state STATE           list jobs in this state (repeatable): queued, running, failed...
  --all                   list every user's jobs (admins, see .featurelab/jobs.json)
  --follow, -f            keep printing the log until the run ends
  --user NAME             act as NAME (default: the login name)
  --workspace DIR         the workspace (default: the current directory)
  --json                  print JSON (schemas/job-view.schema.json, job-logs-result.schema.json)
  -h, --help              show this help

Exit status: 0 ok; 1 the job failed (--wait) or the request was refused; 2 usage error.
`,
  samples: `Usage: featurelab samples build SPEC.yaml [--name N] [--specs DIR]
                          [--source FEATURE_GROUP=TABLE]... [--output-path DIR | --output-table T]
                          [--python PYTHON] [--master URL] [--user NAME] [--json]
       featurelab samples schema SPEC.yaml [--name N] [--specs DIR] [--json]
       featurelab samples builds SAMPLE-SET [--feature-group G] [--limit N] [--json]
Every command also takes --workspace DIR and --config FILE.

build joins the sample set's feature groups onto its labels point-in-time (docs/samples.md)
with Spark, in a local process (python -m featurelab.samples), writes the samples and records
the build in the registry: the feature group versions, label source, time range, row counts and
output. schema prints the output columns inferred from the specs, without running anything.
builds lists the recorded builds of a sample set, newest first.

The specs are read from SPEC.yaml's folder (or --specs DIR), as featurelab plan reads them.

Options:
  --name N                the sample set, when SPEC.yaml declares several
  --specs DIR             the spec folder (default: the folder of SPEC.yaml)
  --source G=TABLE        read feature group G's rows from TABLE instead of its SQL source
                          (repeatable; needed for groups with a pyspark or notebook source)
  --output-path DIR       write Parquet to DIR (default: the spec's output, else
                          WORKSPACE/.featurelab/samples/NAME/data)
  --output-table T        write the Spark table T instead
  --python PYTHON         Python with featurelab and pyspark (default: jobs.json's python,
                          $FEATURELAB_PYTHON, python3 on PATH)
  --master URL            Spark master (default: the configured local master)
  --feature-group G       builds: only those that read feature group G
  --user NAME             record the build as NAME (default: the login name)
  --workspace DIR         the workspace (default: the current directory)
  --json                  print JSON
  -h, --help              show this help

Exit status: 0 built; 1 the specs have problems or the build failed (it is recorded); 2 usage.
`,
  validate: VALIDATE_HELP,
  profile: PROFILE_HELP,
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
