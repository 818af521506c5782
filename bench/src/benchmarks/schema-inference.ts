/**
 * Per-edit schema inference of a 200-line feature query (CTEs, joins, window functions,
 * generators), side by side with the anchor: the round trip to Spark's own analyzer in a warm
 * local SparkSession (`spark.sql(q).schema` in a Python child process), interleaved in one run.
 *
 *   source scripts/env.sh && node bench/src/benchmarks/schema-inference.ts [--edits N] [--spark-runs N]
 *
 * - warm per-edit analysis: the query with one character inserted or deleted at a random place
 *   (seeded), analysed as the editor's worker would after each keystroke; p50/p95 over all edits.
 * - cold: a fresh Node process loading the analyzer, warming up the parser and analysing the query
 *   once (what the first result after opening a notebook costs), measured in separate processes.
 * - memory: heap used after a full GC, every 100 edits; the analyzer's caches are bounded, so it
 *   must not grow with the number of edits.
 * - Spark: the unchanged query sent to the warm session; the round trip as the editor would see it
 *   (JSON line out, schema back).
 *
 * Bundles the analyzer from core/src with esbuild, as the editor's worker gets it. Writes bench/results/schema-inference.json with
 * top-level `p95_ms` (warm per-edit p95) and `speedup_vs_spark` (median Spark round trip over
 * median per-edit analysis).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { build } from 'esbuild';
import { runInNewContext } from 'node:vm';
import { machine } from '../lib/environment.ts';
import { printResult, variant, writeResult, type BenchResult } from '../lib/results.ts';
import { median, quantile } from '../lib/stats.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..', '..');
const QUERY_FILE = path.join(repoRoot, 'bench', 'fixtures', 'schema-inference', 'query.sql');
const CATALOG_FILE = path.join(repoRoot, 'core', 'test', 'fixtures', 'sql-corpus', 'catalog.json');
const SPARK_HELPER = path.join(here, 'schema-inference-spark.py');
const ANALYZER_SOURCE = path.join(repoRoot, 'core', 'src', 'sql', 'index.ts');

interface Column {
  name: string;
  type: string;
  nullable: boolean;
}

interface AnalyzerModule {
  analyzeSql(
    text: string,
    catalog: unknown
  ): { relations: { name: string; columns: Column[] }[]; diagnostics: unknown[] };
  catalogFromJson(value: unknown): unknown;
  warmUpParser(): void;
}

/**
 * The analyzer bundled the way the editor's worker gets it (esbuild, one ESM file), in a
 * temporary directory; returns the bundle's path.
 */
async function bundleAnalyzer(): Promise<{ file: string; bytes: number; dispose: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'featurelab-bench-analyzer-'));
  const file = path.join(dir, 'analyzer.mjs');
  await build({
    entryPoints: [ANALYZER_SOURCE],
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    minify: true,
    logLevel: 'error'
  });
  return {
    file,
    bytes: statSync(file).size,
    dispose: () => rmSync(dir, { recursive: true, force: true })
  };
}

async function loadAnalyzer(file: string): Promise<AnalyzerModule> {
  return (await import(pathToFileURL(file).href)) as AnalyzerModule;
}

/** mulberry32, so every run simulates the same edits. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPED = "abcdefghijklmnopqrstuvwxyz_0123456789 ,.()=<>+*'\n";

/** Edit `index`: the query with one character typed (even) or deleted (odd) somewhere. */
function edited(query: string, next: () => number, index: number): string {
  const at = Math.floor(next() * query.length);
  if (index % 2 === 0) {
    return query.slice(0, at) + TYPED[Math.floor(next() * TYPED.length)] + query.slice(at);
  }
  return query.slice(0, at) + query.slice(at + 1);
}

function fullGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** `--cold-child`: one fresh process, one first analysis; prints its timings as JSON. */
async function coldChild(bundle: string): Promise<void> {
  const started = performance.now();
  const analyzer = await loadAnalyzer(bundle);
  const loaded = performance.now();
  const catalog = analyzer.catalogFromJson(JSON.parse(readFileSync(CATALOG_FILE, 'utf8')));
  const query = readFileSync(QUERY_FILE, 'utf8');
  analyzer.warmUpParser();
  const warmed = performance.now();
  analyzer.analyzeSql(query, catalog);
  const analysed = performance.now();
  process.stdout.write(
    `${JSON.stringify({
      loadMs: loaded - started,
      warmUpMs: warmed - loaded,
      firstAnalysisMs: analysed - warmed,
      totalMs: analysed - started
    })}\n`
  );
}

async function coldRun(bundle: string): Promise<{
  loadMs: number;
  warmUpMs: number;
  firstAnalysisMs: number;
  totalMs: number;
}> {
  const child = spawn(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      fileURLToPath(import.meta.url),
      '--cold-child',
      bundle
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>(resolve => child.on('close', resolve));
  if (code !== 0) {
    throw new Error(`the cold-analysis process exited with ${code}`);
  }
  return JSON.parse(out) as Awaited<ReturnType<typeof coldRun>>;
}

/** The warm Spark analyzer: one JSON line per query, one back. */
class SparkAnalyzer {
  private readonly lines: AsyncIterator<string>;
  private readonly child: ChildProcessWithoutNullStreams;

  private constructor(child: ChildProcessWithoutNullStreams) {
    this.child = child;
    this.lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  static async start(): Promise<{ spark: SparkAnalyzer; version: string }> {
    const child = spawn('python', [SPARK_HELPER, CATALOG_FILE], {
      stdio: ['pipe', 'pipe', 'pipe']
    });
    child.stderr.resume();
    const spark = new SparkAnalyzer(child);
    const ready = JSON.parse(await spark.readLine()) as { ready: boolean; spark: string };
    return { spark, version: ready.spark };
  }

  private async readLine(): Promise<string> {
    const line = await this.lines.next();
    if (line.done === true) {
      throw new Error('the Spark helper exited (is pyspark installed? source scripts/env.sh)');
    }
    return line.value;
  }

  async schema(sql: string): Promise<{ ok: boolean; columns?: Column[]; error?: string }> {
    this.child.stdin.write(`${JSON.stringify({ sql })}\n`);
    return JSON.parse(await this.readLine()) as { ok: boolean; columns?: Column[] };
  }

  async stop(): Promise<void> {
    this.child.stdin.end();
    await new Promise(resolve => this.child.on('close', resolve));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      edits: { type: 'string', default: '1000' },
      'spark-runs': { type: 'string', default: '30' },
      'cold-runs': { type: 'string', default: '5' },
      results: { type: 'string' },
      'cold-child': { type: 'string' }
    }
  });
  if (values['cold-child'] !== undefined) {
    await coldChild(values['cold-child']);
    return;
  }
  const edits = Number(values.edits);
  const sparkRuns = Number(values['spark-runs']);
  const coldRuns = Number(values['cold-runs']);
  const gc = fullGc();
  const query = readFileSync(QUERY_FILE, 'utf8');

  const loadBefore = loadavg();
  const bundle = await bundleAnalyzer();
  const cold = [];
  for (let run = 0; run < coldRuns; run++) {
    cold.push(await coldRun(bundle.file));
  }

  const analyzer = await loadAnalyzer(bundle.file);
  const catalog = analyzer.catalogFromJson(JSON.parse(readFileSync(CATALOG_FILE, 'utf8')));
  analyzer.warmUpParser();
  const ours = analyzer.analyzeSql(query, catalog);
  const { spark, version } = await SparkAnalyzer.start();
  try {
    const theirs = await spark.schema(query);
    if (!theirs.ok) {
      throw new Error(`Spark rejects the benchmark query: ${theirs.error}`);
    }
    const ourResult = ours.relations.find(r => r.name === '$result')?.columns;
    const agrees = JSON.stringify(ourResult) === JSON.stringify(theirs.columns);

    // Warm-up of both sides (JIT, Spark's codegen caches), discarded.
    const next = random(20261129);
    for (let i = 0; i < 50; i++) {
      analyzer.analyzeSql(edited(query, next, i), catalog);
    }
    for (let i = 0; i < 5; i++) {
      await spark.schema(query);
    }

    const perEdit: number[] = [];
    // CPU time of the same calls: what the analysis costs when the machine is shared.
    const cpuPerEdit: number[] = [];
    const sparkTrips: number[] = [];
    const memory: { edits: number; heapUsedBytes: number }[] = [];
    gc();
    memory.push({ edits: 0, heapUsedBytes: process.memoryUsage().heapUsed });
    const editsPerBlock = Math.ceil(edits / sparkRuns);
    let done = 0;
    for (let block = 0; done < edits || sparkTrips.length < sparkRuns; block++) {
      // Interleaved: one Spark round trip, then a block of edits, alternating which goes first.
      const sparkTrip = async (): Promise<void> => {
        if (sparkTrips.length < sparkRuns) {
          const started = performance.now();
          await spark.schema(query);
          sparkTrips.push(performance.now() - started);
        }
      };
      if (block % 2 === 0) {
        await sparkTrip();
      }
      for (let i = 0; i < editsPerBlock && done < edits; i++, done++) {
        const text = edited(query, next, done);
        const cpu = process.cpuUsage();
        const started = performance.now();
        analyzer.analyzeSql(text, catalog);
        perEdit.push(performance.now() - started);
        const used = process.cpuUsage(cpu);
        cpuPerEdit.push((used.user + used.system) / 1000);
        if ((done + 1) % 100 === 0) {
          gc();
          memory.push({ edits: done + 1, heapUsedBytes: process.memoryUsage().heapUsed });
        }
      }
      if (block % 2 === 1) {
        await sparkTrip();
      }
    }

    const ascending = [...perEdit].sort((a, b) => a - b);
    const sparkAscending = [...sparkTrips].sort((a, b) => a - b);
    const p50 = quantile(ascending, 0.5);
    const p95 = quantile(ascending, 0.95);
    const sparkMedian = median(sparkTrips);
    const afterFirst = memory.slice(1);
    const growth =
      afterFirst.length > 1
        ? afterFirst[afterFirst.length - 1].heapUsedBytes - afterFirst[0].heapUsedBytes
        : 0;
    const round3 = (n: number): number => Math.round(n * 1000) / 1000;
    const result: BenchResult & { p95_ms: number; p50_ms: number; speedup_vs_spark: number } = {
      name: 'schema-inference',
      description: `per-edit schema inference of a ${query.split('\n').length}-line query (CTEs, joins, windows, generators) vs a warm Spark ${version} analyzer round trip`,
      createdAt: new Date().toISOString(),
      machine: machine(),
      versions: { node: process.version, spark: version } as unknown as BenchResult['versions'],
      featurelabInstalled: true,
      trials: perEdit.length,
      warmup: 50,
      ratioDefinition: 'median(Spark round trip ms) / median(per-edit analysis ms)',
      ratio: sparkMedian / p50,
      goal: null,
      goalMet: null,
      p95_ms: round3(p95),
      p50_ms: round3(p50),
      speedup_vs_spark: round3(sparkMedian / p50),
      variants: {
        analyzer: variant('featurelab analyzeSql per edit (warm)', 'ms', perEdit),
        spark: variant(
          `spark.sql(q).schema round trip, warm local Spark ${version}`,
          'ms',
          sparkTrips
        )
      },
      details: {
        query: path.relative(repoRoot, QUERY_FILE),
        analyzerBundleBytes: bundle.bytes,
        // Other work on the machine inflates tails; the 1-minute load average before and after.
        loadAverage: { before: loadBefore[0], after: loadavg()[0], cores: machine().cores },
        lines: query.split('\n').length,
        edits: perEdit.length,
        sparkRuns: sparkTrips.length,
        analyzerMatchesSpark: agrees,
        warm: {
          p50_ms: round3(p50),
          p95_ms: round3(p95),
          p99_ms: round3(quantile(ascending, 0.99)),
          max_ms: round3(ascending[ascending.length - 1])
        },
        cpu: (() => {
          const cpuAscending = [...cpuPerEdit].sort((a, b) => a - b);
          return {
            description: 'process CPU time (user + system) of each per-edit analysis',
            p50_ms: round3(quantile(cpuAscending, 0.5)),
            p95_ms: round3(quantile(cpuAscending, 0.95)),
            max_ms: round3(cpuAscending[cpuAscending.length - 1])
          };
        })(),
        spark: {
          p50_ms: round3(sparkMedian),
          p95_ms: round3(quantile(sparkAscending, 0.95))
        },
        speedupAtP95: round3(quantile(sparkAscending, 0.95) / p95),
        goals: {
          p95_ms: '<= 16 ms warm',
          met_p95: p95 <= 16,
          speedup: '>= 20x',
          met_speedup: sparkMedian / p50 >= 20
        },
        cold: {
          description:
            'fresh Node process: load the analyzer module, warmUpParser(), first analysis of the query',
          loadMs: variant(
            'module load',
            'ms',
            cold.map(c => c.loadMs)
          ).summary,
          warmUpMs: variant(
            'warmUpParser()',
            'ms',
            cold.map(c => c.warmUpMs)
          ).summary,
          firstAnalysisMs: variant(
            'first analysis after warm-up',
            'ms',
            cold.map(c => c.firstAnalysisMs)
          ).summary,
          totalMs: variant(
            'load + warm-up + first analysis',
            'ms',
            cold.map(c => c.totalMs)
          ).summary
        },
        memory: {
          samples: memory,
          growthBytesAfterFirst100: growth,
          description:
            'heap used after a full GC every 100 edits; growth = last sample minus the sample after 100 edits'
        }
      },
      notes: [
        'Each edit is the query with one character typed or deleted at a seeded random place, so most edits are syntax errors somewhere, as while typing; chunks (CTE bodies) that did not change come from the parse cache.',
        'The Spark side is the unchanged query: Spark caches nothing across spark.sql calls, so its time does not depend on the edit.',
        'Analysis runs in the benchmark process (Node); the editor runs the same code in a Web Worker.',
        "Heap after GC rises while the parse cache (256 chunks) fills, then slowly (decelerating) as ANTLR's shared prediction DFA learns new broken inputs; parse.ts drops that DFA past 20,000 states, which bounds it.",
        'The machine is shared: compare details.cpu (CPU time per edit) with the wall times when the load average (details.loadAverage) is far above the core count.'
      ]
    };
    const file = await writeResult(
      path.resolve(values.results ?? path.join(here, '..', '..', 'results')),
      result
    );
    printResult(result, file);
    process.stdout.write(
      `  p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms per edit; Spark ${sparkMedian.toFixed(1)} ms; speedup ${(sparkMedian / p50).toFixed(1)}x; cold total ${median(cold.map(c => c.totalMs)).toFixed(0)} ms; heap growth ${(growth / 1024).toFixed(0)} KiB\n`
    );
  } finally {
    await spark.stop();
    bundle.dispose();
  }
}

await main();
