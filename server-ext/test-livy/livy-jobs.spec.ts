import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JobNotFoundError } from '../src/jobs/errors.js';
import { LivyClient } from '../src/jobs/livy/livy-client.js';
import { ServiceProcess, type WireMessage } from '../test/helpers.js';
import { ended, waitForJob } from '../test/jobs-helpers.js';
import { startLivyRuntime, type LivyTestRuntime } from '../test/livy-helpers.js';

const run = promisify(execFile);
const LIVY_URL = process.env.FEATURELAB_TEST_LIVY_URL ?? '';
const ROOT = process.env.FEATURELAB_TEST_LIVY_ROOT ?? '';
const REPO = path.resolve(import.meta.dirname, '../..');
const CONCURRENT_JOBS = Number(process.env.FEATURELAB_LIVY_CONCURRENT_JOBS ?? 12);

/** Small Spark for a 2-core machine: one thread, no UI, one shuffle partition. */
const SPARK_CONF = {
  'spark.ui.enabled': 'false',
  'spark.sql.shuffle.partitions': '1',
  'spark.driver.memory': '512m'
};
/** A Spark job start plus its work, on a busy 2-core machine. */
const BATCH_TIMEOUT_MS = 180_000;

/** The result of a JSON-RPC request to the bundled service as ada; fails on an error. */
async function rpc(
  service: ServiceProcess,
  id: number,
  method: string,
  args: WireMessage
): Promise<Record<string, unknown>> {
  const response = await service.request(id, method, args, { username: 'ada' });
  if (response.error) {
    throw new Error(`${method} failed: ${JSON.stringify(response.error)}`);
  }
  return response.result as Record<string, unknown>;
}

const livy = new LivyClient({
  url: LIVY_URL,
  timeoutMs: 10_000,
  maxBackoffMs: 1000,
  requestedBy: 'featurelab-test'
});

describe('Livy job backend against a real Apache Livy', () => {
  let workspace: string;
  const runtimes: LivyTestRuntime[] = [];
  const open = (
    settings: Parameters<typeof startLivyRuntime>[2] = {},
    livyConfig: Partial<Parameters<typeof startLivyRuntime>[1]> = {}
  ): LivyTestRuntime => {
    const runtime = startLivyRuntime(
      workspace,
      { url: LIVY_URL, conf: SPARK_CONF, maxBackoffSeconds: 2, ...livyConfig },
      { pollIntervalMs: 300, concurrency: 4, ...settings },
      'info'
    );
    runtimes.push(runtime);
    return runtime;
  };
  const notebook = (name: string, cells: string[]): string => {
    const document = {
      cells: cells.map(source => ({ cell_type: 'code', source, metadata: {}, outputs: [] })),
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5
    };
    writeFileSync(path.join(workspace, name), JSON.stringify(document));
    return name;
  };
  const batchesNamed = async (name: string) =>
    (await livy.listBatches()).filter(batch => batch.name === name);

  beforeAll(() => {
    // Inside Livy's livy.file.local-dir-whitelist (scripts/test-livy.sh).
    workspace = mkdtempSync(path.join(ROOT, 'workspace-'));
  });
  afterEach(async () => {
    await Promise.all(runtimes.splice(0).map(runtime => runtime.close()));
  });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it('runs a pyspark notebook cell as a batch to success; its log and result are readable', async () => {
    const jobs = open();
    const file = notebook('count.ipynb', [
      'from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()',
      '%matplotlib inline\ntotal = spark.range(10).groupBy().sum("id").first()[0]\nprint(f"RESULT {total}")'
    ]);
    const { job } = await jobs.service.submit('ada', {
      kind: 'spark-batch',
      code: { type: 'notebook', path: file, cell: 1, upTo: true }
    });
    const done = await waitForJob(jobs, 'ada', job.id, ended, BATCH_TIMEOUT_MS);
    expect(done.state).toBe('succeeded');
    expect(done.latestRun.handle).toMatchObject({ backend: 'livy', type: 'batch', url: LIVY_URL });
    const logs = await jobs.service.logs('ada', job.id, { limit: 1024 * 1024 });
    expect(logs.complete).toBe(true);
    expect(logs.data.split('\n')).toContain('RESULT 45');
    expect(logs.data).toMatch(/SparkContext: Running Spark version 3\.5\./);
    // Pages chain: the log read in small pages is the same text.
    let paged = '';
    for (let offset = 0; ;) {
      const page = await jobs.service.logs('ada', job.id, { offset, limit: 4096 });
      paged += page.data;
      if (page.nextOffset >= page.size) {
        break;
      }
      offset = page.nextOffset;
    }
    expect(paged).toBe(logs.data);
  });

  it("reports a failing job with Spark's error", async () => {
    const jobs = open();
    const { job } = await jobs.service.submit('ada', {
      kind: 'spark-batch',
      code: {
        type: 'inline',
        source:
          'from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\nspark.sql("SELECT * FROM no_such_table").show()\n'
      }
    });
    const done = await waitForJob(jobs, 'ada', job.id, ended, BATCH_TIMEOUT_MS);
    expect(done.state).toBe('failed');
    expect(done.latestRun.reason).toMatch(
      /^Livy batch \d+ ended dead: .*AnalysisException: \[TABLE_OR_VIEW_NOT_FOUND\]/
    );
    const logs = await jobs.service.logs('ada', job.id, { limit: 1024 * 1024 });
    expect(logs.data).toMatch(/Traceback \(most recent call last\)/);
  });

  it('passes code and parameters with quotes, $(), ;, newlines and long strings unchanged', async () => {
    const jobs = open();
    const tricky = `it's "quoted" $(touch /tmp/pwned) ; echo pwned \`id\`\nline two\t${'x'.repeat(20_000)}`;
    const source = [
      'import json, sys',
      `marker = ${JSON.stringify(tricky)}`,
      'print("ARGV " + json.dumps(sys.argv[1:]))',
      'print("CODE " + json.dumps(marker))'
    ].join('\n');
    const { job } = await jobs.service.submit('ada', {
      kind: 'spark-batch',
      code: { type: 'inline', source },
      parameters: { text: tricky, other: 'a;b' }
    });
    const done = await waitForJob(jobs, 'ada', job.id, ended, BATCH_TIMEOUT_MS);
    expect(done.state).toBe('succeeded');
    const lines = (await jobs.service.logs('ada', job.id, { limit: 1024 * 1024 })).data.split('\n');
    const argv = JSON.parse(lines.find(line => line.startsWith('ARGV '))?.slice(5) ?? 'null');
    const code = JSON.parse(lines.find(line => line.startsWith('CODE '))?.slice(5) ?? 'null');
    expect(argv).toEqual([`--text=${tricky}`, '--other=a;b']);
    expect(code).toBe(tricky);
  });

  it('keeps two users apart: own jobs only, each run as its user on Spark', async () => {
    const jobs = open();
    const spec = {
      kind: 'spark-batch' as const,
      code: {
        type: 'inline' as const,
        source:
          'from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\nprint("SPARK_USER " + spark.sparkContext.sparkUser())\n'
      }
    };
    const ada = (await jobs.service.submit('ada', spec)).job;
    const bob = (await jobs.service.submit('bob', spec)).job;
    await expect(jobs.service.get('ada', bob.id)).rejects.toBeInstanceOf(JobNotFoundError);
    await expect(jobs.service.logs('bob', ada.id)).rejects.toBeInstanceOf(JobNotFoundError);
    const adasView = await jobs.service.list('ada');
    expect(adasView.map(job => job.id)).toContain(ada.id);
    expect(adasView.every(job => job.owner === 'ada')).toBe(true);
    for (const [user, job] of [
      ['ada', ada],
      ['bob', bob]
    ] as const) {
      const done = await waitForJob(jobs, user, job.id, ended, BATCH_TIMEOUT_MS);
      expect(done.state).toBe('succeeded');
      const [batch] = await batchesNamed(`featurelab-${done.latestRun.id}`);
      expect(batch?.proxyUser).toBe(user);
      const log = (await jobs.service.logs(user, job.id, { limit: 1024 * 1024 })).data;
      expect(log.split('\n')).toContain(`SPARK_USER ${user}`);
    }
  });

  it('re-attaches after the service is killed mid-batch (SIGKILL) and restarted; nothing is submitted twice', async () => {
    // The bundled service as JupyterLab runs it, on its own workspace configured for Livy.
    const home = mkdtempSync(path.join(ROOT, 'service-'));
    mkdirSync(path.join(home, '.featurelab'));
    writeFileSync(
      path.join(home, '.featurelab', 'config.json'),
      JSON.stringify({ jobs: { kind: 'livy', url: LIVY_URL, conf: SPARK_CONF } })
    );
    writeFileSync(path.join(home, '.featurelab', 'jobs.json'), '{"pollIntervalMs": 300}');
    writeFileSync(
      path.join(home, 'slow.py'),
      'import time\nprint("STARTED", flush=True)\ntime.sleep(8)\nprint("FINISHED")\n'
    );
    const services: ServiceProcess[] = [];
    try {
      const first = ServiceProcess.serve(home);
      services.push(first);
      const spec = { kind: 'spark-batch', code: { type: 'file', path: 'slow.py' } };
      const submitted = await rpc(first, 1, 'jobs.submit', { spec });
      const id = (submitted.job as { id: string }).id;
      let job = await rpc(first, 2, 'jobs.get', { id });
      for (let i = 3; job.state !== 'running'; i += 1) {
        await sleep(200);
        job = await rpc(first, i, 'jobs.get', { id });
      }
      // Killed like a crash while Livy runs the batch: no shutdown code runs.
      first.child.kill('SIGKILL');
      await first.exited;

      const second = ServiceProcess.serve(home);
      services.push(second);
      for (
        let i = 1;
        !['succeeded', 'failed', 'lost', 'cancelled'].includes(String(job.state));
        i += 1
      ) {
        await sleep(300);
        job = await rpc(second, i, 'jobs.get', { id });
      }
      const run = job.latestRun as { id: string; exitCode?: number };
      expect(job).toMatchObject({ state: 'succeeded', attempts: 1, latestRun: { exitCode: 0 } });
      expect(await batchesNamed(`featurelab-${run.id}`)).toHaveLength(1);
      const logs = await rpc(second, 1000, 'jobs.logs', { id, limit: 1024 * 1024 });
      const lines = String(logs.data).split('\n');
      expect(lines.filter(line => line === 'STARTED')).toHaveLength(1);
      expect(lines).toContain('FINISHED');
    } finally {
      for (const service of services) {
        service.child.kill('SIGKILL');
        await service.exited;
      }
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('returns the same job for a repeated idempotency key after a service restart', async () => {
    const first = open();
    const spec = {
      kind: 'spark-batch' as const,
      code: { type: 'inline' as const, source: 'print("ONCE")\n' },
      idempotencyKey: 'restart-scenario'
    };
    const { job } = await first.service.submit('ada', spec);
    await waitForJob(first, 'ada', job.id, j => j.state === 'running', 60_000);
    await first.close();
    runtimes.splice(runtimes.indexOf(first), 1);
    const second = open();
    const again = await second.service.submit('ada', spec);
    expect(again).toMatchObject({ created: false, job: { id: job.id } });
    const done = await waitForJob(second, 'ada', job.id, ended, BATCH_TIMEOUT_MS);
    expect(done).toMatchObject({ state: 'succeeded', attempts: 1 });
    expect(await batchesNamed(`featurelab-${done.latestRun.id}`)).toHaveLength(1);
  });

  it('backs off and reports while Livy restarts mid-run, then recovers and retries the lost run', async () => {
    const jobs = open();
    const { job } = await jobs.service.submit('ada', {
      kind: 'spark-batch',
      code: { type: 'inline', source: 'import time\ntime.sleep(5)\nprint("DONE")\n' },
      retries: { max: 1, backoffSeconds: 1 }
    });
    await waitForJob(jobs, 'ada', job.id, j => j.state === 'running', 60_000);
    // Livy 0.7.1 recovers sessions only on YARN: the restarted one has forgotten the batch.
    await run(path.join(REPO, 'scripts/livy.sh'), ['restart'], { env: process.env });
    const done = await waitForJob(jobs, 'ada', job.id, ended, BATCH_TIMEOUT_MS);
    expect(done.state).toBe('succeeded');
    expect(done.attempts).toBe(2);
    const [lost] = done.runs ?? [];
    expect(lost?.state).toBe('failed');
    expect(lost?.reason).toMatch(/no longer knows batch \d+ .*was Livy restarted\?/);
    const messages = jobs.logLines.map(line => line.msg);
    expect(messages).toContain('Livy is unreachable; backing off');
    expect(messages).toContain('Livy answers again; following its runs');
  });

  it('fails clearly and at once when Livy is unreachable', async () => {
    const jobs = open({}, { url: 'http://127.0.0.1:9', requestTimeoutSeconds: 2 });
    const { job } = await jobs.service.submit('ada', {
      kind: 'spark-batch',
      code: { type: 'inline', source: 'print(1)\n' }
    });
    const done = await waitForJob(jobs, 'ada', job.id, ended, 30_000);
    expect(done.state).toBe('failed');
    expect(done.latestRun.reason).toMatch(
      /^could not start: Livy at http:\/\/127\.0\.0\.1:9 is unreachable: ECONNREFUSED/
    );
  });

  it('reports why an interactive statement cannot run on a Livy without REPL jars', async () => {
    // Livy 0.7.1 from Maven Central ships no livy-repl jars (scripts/livy.sh); the session
    // request is refused, and the user is told so.
    const jobs = open();
    const { job } = await jobs.service.submit('ada', {
      kind: 'spark-statement',
      code: { type: 'inline', source: 'spark.range(3).count()' }
    });
    const done = await waitForJob(jobs, 'ada', job.id, ended, 60_000);
    expect(done.state).toBe('failed');
    expect(done.latestRun.reason).toMatch(
      /^could not start: Livy refused POST \/sessions \(HTTP \d+\): requirement failed: Cannot find Livy REPL jars/
    );
  });

  it(`runs ${CONCURRENT_JOBS} submitted jobs, as many at once as the concurrency allows, none lost or doubled`, async () => {
    const jobs = open({ concurrency: 6 });
    const submitted = await Promise.all(
      Array.from({ length: CONCURRENT_JOBS }, (_, i) =>
        jobs.service.submit(i % 2 === 0 ? 'ada' : 'bob', {
          kind: 'spark-batch',
          name: `many-${i}`,
          code: { type: 'inline', source: `print("JOB ${i}")\n` }
        })
      )
    );
    const results = [];
    for (const [i, { job }] of submitted.entries()) {
      const user = i % 2 === 0 ? 'ada' : 'bob';
      results.push(await waitForJob(jobs, user, job.id, ended, 600_000));
    }
    expect(results.map(job => job.state)).toEqual(results.map(() => 'succeeded'));
    const names = (await livy.listBatches()).map(batch => batch.name);
    for (const job of results) {
      expect(names.filter(name => name === `featurelab-${job.latestRun.id}`)).toHaveLength(1);
    }
  }, 900_000);
});
