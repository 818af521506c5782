import { runCli } from './cli/run-cli.js';

// Entry point of the featurelab command and of the bundle dist/featurelab.mjs. exitCode rather
// than process.exit() lets piped stdout drain on platforms where pipes are asynchronous.
process.exitCode = await runCli(process.argv.slice(2));
