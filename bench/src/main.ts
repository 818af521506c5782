/**
 * Featurelab benchmark harness. Each benchmark runs with its anchor side by side in one run and
 * writes bench/results/<name>.json.
 *
 *   node bench/src/main.ts [lab-start] [extension-payload] [--trials N] [--warmup N]
 *                          [--results DIR] [--keep-servers] [--strict]
 *
 * --strict exits with status 2 when a goal is not met. Needs the venv on PATH (scripts/env.sh)
 * and Debian's Chromium (CHROMIUM_BIN, default /usr/bin/chromium).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { extensionPayload } from './benchmarks/extension-payload.ts';
import { labStart } from './benchmarks/lab-start.ts';
import { type BenchResult, printResult, writeResult } from './lib/results.ts';
import { createSetup, disposeSetup, type Setup } from './lib/setup.ts';

type Benchmark = (setup: Setup) => Promise<BenchResult>;

const BENCHMARKS: Record<string, { run: Benchmark; defaultTrials: number }> = {
  'lab-start': { run: labStart, defaultTrials: 7 },
  'extension-payload': { run: extensionPayload, defaultTrials: 3 }
};

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const parsed = Number.parseInt(value, 10);
  if (!Number.isInteger(parsed) || parsed < 0 || String(parsed) !== value) {
    throw new Error(`${flag} expects a non-negative integer, got '${value}'`);
  }
  return parsed;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      trials: { type: 'string' },
      warmup: { type: 'string' },
      results: { type: 'string' },
      'keep-servers': { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false }
    }
  });
  const names = positionals.length > 0 ? positionals : Object.keys(BENCHMARKS);
  const unknown = names.filter(name => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    throw new Error(
      `unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`
    );
  }
  const trials = positiveInt(values.trials, '--trials');
  if (trials === 0) {
    throw new Error('--trials must be at least 1');
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  const resultsDir = path.resolve(values.results ?? path.join(here, '..', 'results'));

  const setup = await createSetup({
    trials: trials ?? 0,
    warmup: positiveInt(values.warmup, '--warmup') ?? 1,
    resultsDir
  });
  let failedGoals = 0;
  try {
    process.stdout.write(
      `featurelab bench: chromium ${setup.versions.chromium}, jupyterlab ${setup.versions.jupyterlab}, featurelab ${setup.versions.featurelab ?? 'not installed'}, node ${setup.versions.node}\n\n`
    );
    for (const name of names) {
      const benchmark = BENCHMARKS[name];
      setup.options.trials = trials ?? benchmark.defaultTrials;
      const started = performance.now();
      const result = await benchmark.run(setup);
      const file = await writeResult(resultsDir, result);
      printResult(result, file);
      process.stdout.write(
        `  (${name} took ${((performance.now() - started) / 1000).toFixed(1)} s)\n\n`
      );
      if (result.goalMet === false) {
        failedGoals += 1;
      }
    }
  } finally {
    await disposeSetup(setup, values['keep-servers']);
  }
  return values.strict && failedGoals > 0 ? 2 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(130));
}

main().then(
  code => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `featurelab bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
    );
    process.exitCode = 1;
  }
);
