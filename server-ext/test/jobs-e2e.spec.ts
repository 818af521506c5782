import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBundledCli, ServiceProcess, temporaryDirectory, type WireMessage } from './helpers.js';

/** The result of a request, failing the test on an error. */
async function call(
  service: ServiceProcess,
  id: number,
  method: string,
  args: WireMessage,
  user = 'ada'
) {
  const response = await service.request(id, method, args, { username: user });
  if (response.error) {
    throw new Error(`${method} failed: ${JSON.stringify(response.error)}`);
  }
  return response.result as Record<string, unknown> & { state: string; id: string };
}

describe('jobs through the bundled service and CLI', () => {
  let workspace: string;
  let cleanup: () => void;
  const services: ServiceProcess[] = [];

  beforeEach(() => {
    ({ dir: workspace, cleanup } = temporaryDirectory('featurelab-jobs-e2e-'));
    // Fast polling; the service and the CLI both read this file.
    mkdirSync(path.join(workspace, '.featurelab'));
    writeFileSync(path.join(workspace, '.featurelab', 'jobs.json'), '{"pollIntervalMs": 100}');
  });
  afterEach(async () => {
    for (const service of services.splice(0)) {
      service.child.kill('SIGKILL');
      await service.exited;
    }
    cleanup();
  });

  it('re-attaches after the service is killed mid-run and finishes the run once', async () => {
    writeFileSync(
      path.join(workspace, 'slow.py'),
      'import sys, time\nprint("started", flush=True)\ntime.sleep(2)\nprint("done")\n'
    );
    const first = ServiceProcess.serve(workspace);
    services.push(first);
    const submitted = (await call(first, 1, 'jobs.submit', {
      spec: { kind: 'spark-batch', launcher: 'python', code: { type: 'file', path: 'slow.py' } }
    })) as unknown as { job: { id: string } };
    const id = submitted.job.id;
    let job = await call(first, 2, 'jobs.get', { id });
    for (let i = 3; job.state !== 'running'; i += 1) {
      await sleep(50);
      job = await call(first, i, 'jobs.get', { id });
    }
    // Killed like a crash: no shutdown code runs.
    first.child.kill('SIGKILL');
    await first.exited;

    const second = ServiceProcess.serve(workspace);
    services.push(second);
    // Another user can neither see nor cancel it.
    const hidden = await second.request(1, 'jobs.cancel', { id }, { username: 'bob' });
    expect(hidden.error).toMatchObject({ data: { kind: 'JobNotFoundError' } });
    for (let i = 2; !['succeeded', 'failed', 'lost'].includes(job.state); i += 1) {
      await sleep(100);
      job = await call(second, i, 'jobs.get', { id });
    }
    expect(job).toMatchObject({ state: 'succeeded', attempts: 1, latestRun: { exitCode: 0 } });
    const logs = await call(second, 1000, 'jobs.logs', { id });
    expect(logs).toMatchObject({ data: 'started\ndone\n', complete: true });
  });

  it('submits a PySpark file with spark-submit from the CLI and waits for it', async () => {
    writeFileSync(
      path.join(workspace, 'sum.py'),
      [
        'import sys',
        'from pyspark.sql import SparkSession',
        'spark = SparkSession.builder.getOrCreate()',
        'n = int(sys.argv[1].split("=", 1)[1])',
        'print("RESULT", spark.range(n).selectExpr("sum(id) AS s").first().s, spark.sparkContext.master, flush=True)',
        'spark.stop()'
      ].join('\n')
    );
    const cli = (...args: string[]) =>
      runBundledCli(['jobs', ...args, '--workspace', workspace, '--user', 'ada'], {
        cwd: workspace
      });
    const submitted = await cli(
      'submit',
      'sum.py',
      '--param',
      'n=10',
      '--conf',
      'spark.ui.enabled=false',
      '--conf',
      'spark.sql.shuffle.partitions=1',
      '--wait',
      '--json'
    );
    expect(submitted.stderr).toBe('');
    expect(submitted.code).toBe(0);
    const job = JSON.parse(submitted.stdout) as { id: string; state: string };
    expect(job.state).toBe('succeeded');
    const logs = await cli('logs', job.id);
    expect(logs.stdout).toMatch(/RESULT 45 local\[\*\]/);
    const listed = await cli('list');
    expect(listed.stdout).toMatch(new RegExp(`${job.id}\\s+sum\\.py\\s+ada\\s+succeeded\\s+1`));
    const other = await runBundledCli([
      'jobs',
      'get',
      job.id,
      '--workspace',
      workspace,
      '--user',
      'bob'
    ]);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/no job/);
  }, 90_000);
});
