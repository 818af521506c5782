import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LivyClient } from '../src/jobs/livy/livy-client.js';
import { LivyRequestError, LivyUnreachableError } from '../src/jobs/livy/livy-errors.js';
import { sessionPrefix } from '../src/jobs/livy/livy-sessions.js';
import { temporaryDirectory } from './helpers.js';
import { ended, script, waitForJob } from './jobs-helpers.js';
import { FakeLivy } from './livy-fake.js';
import { startLivyRuntime, type LivyTestRuntime } from './livy-helpers.js';

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return port;
}

function client(url: string, overrides: Partial<ConstructorParameters<typeof LivyClient>[0]> = {}) {
  return new LivyClient({
    url,
    timeoutMs: 2000,
    maxBackoffMs: 8000,
    requestedBy: 'featurelab-test',
    ...overrides
  });
}

describe('Livy client (fake Livy over HTTP)', () => {
  let livy: FakeLivy;
  beforeEach(async () => {
    livy = new FakeLivy();
    await livy.start();
  });
  afterEach(() => livy.stop());

  it('sends the CSRF header and JSON on every request', async () => {
    await client(livy.url).createBatch({ file: '/w/a.py', args: ['x'] });
    const [request] = livy.requests;
    expect(request.method).toBe('POST');
    expect(request.headers['x-requested-by']).toBe('featurelab-test');
    expect(request.headers['content-type']).toMatch(/^application\/json/);
    expect(request.body).toEqual({ file: '/w/a.py', args: ['x'] });
  });

  it("turns Livy's {msg} errors and Jetty's CSRF page into LivyRequestError", async () => {
    const error = await client(livy.url)
      .createBatch({ file: 42 as unknown as string })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LivyRequestError);
    expect(error).toMatchObject({
      status: 400,
      livyMessage: 'requirement failed: file is required'
    });

    // Without the header, as a client that forgot it would be answered.
    const response = await fetch(`${livy.url}/batches`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(400);
    const csrf = new LivyRequestError(
      'POST',
      '/batches',
      400,
      'Missing Required Header for CSRF protection.'
    );
    expect(csrf.hint).toMatch(/X-Requested-By/);
  });

  it('treats 404 as "not there" for reads and deletes', async () => {
    const livyClient = client(livy.url);
    await expect(livyClient.getBatch(7)).resolves.toBeUndefined();
    await expect(livyClient.deleteBatch(7)).resolves.toBeUndefined();
  });

  it('pages through long lists', async () => {
    const livyClient = client(livy.url);
    for (let i = 0; i < 1005; i += 1) {
      await livyClient.createBatch({ file: `/w/${i}.py`, name: `b${i}` });
    }
    const all = await livyClient.listBatches();
    expect(all).toHaveLength(1005);
    const listCalls = livy.requests.filter(r => r.method === 'GET' && r.path === '/batches');
    expect(listCalls.map(r => r.query.get('from'))).toEqual(['0', '1000']);
  });

  it('fails fast and clearly when Livy is unreachable, backs off, and recovers', async () => {
    const port = await closedPort();
    let now = 1_000_000;
    const changes: boolean[] = [];
    const livyClient = client(`http://127.0.0.1:${port}`, {
      now: () => now,
      onReachability: reachable => changes.push(reachable)
    });
    const first = await livyClient.version().catch((e: unknown) => e);
    expect(first).toBeInstanceOf(LivyUnreachableError);
    expect((first as LivyUnreachableError).message).toMatch(
      new RegExp(`Livy at http://127.0.0.1:${port} is unreachable: ECONNREFUSED`)
    );
    expect((first as LivyUnreachableError).hint).toMatch(/scripts\/livy.sh status/);
    expect(livyClient.backingOff).toBe(true);

    // Within the backoff: refused without a connection attempt.
    const second = await livyClient.version().catch((e: unknown) => e);
    expect((second as Error).message).toMatch(/not retried before the backoff ends/);

    // Livy comes up on that port; after the backoff the next request reaches it.
    const revived = new FakeLivy();
    await revived.start(port);
    try {
      now += 1000;
      await expect(livyClient.version()).resolves.toEqual({ version: 'fake' });
      expect(livyClient.backingOff).toBe(false);
      expect(changes).toEqual([false, true]);
    } finally {
      await revived.stop();
    }
  });

  it('does not hang on a Livy that accepts connections but never answers', async () => {
    livy.hang = true;
    const error = await client(livy.url, { timeoutMs: 300 })
      .version()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LivyUnreachableError);
    // Bounded by the request timeout, not by the server, which never answers.
    expect((error as Error).message).toMatch(/no answer within the request timeout/);
  });
});

describe('Livy job backend (fake Livy, real job service)', () => {
  let livy: FakeLivy;
  let workspace: string;
  let cleanup: () => void;
  const runtimes: LivyTestRuntime[] = [];
  const open = (livyConfig = {}): LivyTestRuntime => {
    const runtime = startLivyRuntime(workspace, { url: livy.url, ...livyConfig });
    runtimes.push(runtime);
    return runtime;
  };

  beforeEach(async () => {
    livy = new FakeLivy();
    await livy.start();
    ({ dir: workspace, cleanup } = temporaryDirectory('featurelab-livy-'));
  });
  afterEach(async () => {
    await Promise.all(runtimes.splice(0).map(runtime => runtime.close()));
    await livy.stop();
    cleanup();
  });

  it('submits a batch with the args as an array and the user as proxyUser, and mirrors its log', async () => {
    const jobs = open();
    const tricky = `it's "quoted" $(rm -rf /) ; echo pwned\nsecond line`;
    const { job } = await jobs.service.submit('ada', {
      kind: 'spark-batch',
      code: { type: 'file', path: script(workspace, 'main.py', 'print(1)\n') },
      parameters: { text: tricky },
      spark: { conf: { 'spark.sql.shuffle.partitions': '2' }, driverMemory: '1g' }
    });
    const running = await waitForJob(jobs, 'ada', job.id, j => j.state === 'running');
    expect(running.latestRun.handle).toEqual({
      backend: 'livy',
      url: livy.url,
      type: 'batch',
      id: 0,
      name: `featurelab-${running.latestRun.id}`
    });
    const batch = livy.batches.get(0);
    expect(batch?.request).toEqual({
      file: `${workspace}/main.py`,
      args: [`--text=${tricky}`],
      name: `featurelab-${running.latestRun.id}`,
      proxyUser: 'ada',
      conf: { 'spark.sql.shuffle.partitions': '2' },
      driverMemory: '1g'
    });

    // More lines than one log page, written while the batch runs.
    const lines = Array.from({ length: 2500 }, (_, i) => `line ${i}`);
    batch?.stdout.push(...lines.slice(0, 1200));
    await sleep(300);
    batch?.stdout.push(...lines.slice(1200));
    if (batch) {
      batch.state = 'success';
    }
    const done = await waitForJob(jobs, 'ada', job.id, ended);
    expect(done.state).toBe('succeeded');
    const log = (await jobs.service.logs('ada', job.id, { limit: 1024 * 1024 })).data;
    const copied = log.split('\n').filter(line => line.startsWith('line '));
    expect(copied).toEqual(lines);
    expect(log).toMatch(/\[featurelab\] Livy batch 0 ended: success/);
  });

  it("fails a batch that Livy reports dead, with Spark's error line", async () => {
    const jobs = open();
    const { job } = await jobs.service.submit('ada', {
      kind: 'spark-batch',
      code: { type: 'inline', source: 'raise ValueError("boom")\n' }
    });
    await waitForJob(jobs, 'ada', job.id, j => j.state === 'running');
    const batch = livy.batches.get(0);
    expect(String(batch?.request.file)).toMatch(/\.featurelab\/jobs\/[^/]+\/main\.py$/);
    batch?.stdout.push(
      'Traceback (most recent call last):',
      '  File "main.py", line 1',
      'ValueError: boom',
      'INFO ShutdownHookManager: Shutdown hook called'
    );
    if (batch) {
      batch.state = 'dead';
    }
    const done = await waitForJob(jobs, 'ada', job.id, ended);
    expect(done.state).toBe('failed');
    expect(done.latestRun.reason).toBe('Livy batch 0 ended dead: ValueError: boom');
  });

  it('kills the Livy batch on cancel', async () => {
    const jobs = open();
    const { job } = await jobs.service.submit('ada', {
      kind: 'spark-batch',
      code: { type: 'inline', source: 'import time; time.sleep(60)\n' }
    });
    await waitForJob(jobs, 'ada', job.id, j => j.state === 'running');
    await jobs.service.cancel('ada', job.id);
    const done = await waitForJob(jobs, 'ada', job.id, ended);
    expect(done.state).toBe('cancelled');
    expect(livy.requests.some(r => r.method === 'DELETE' && r.path === '/batches/0')).toBe(true);
  });

  it('re-attaches after a service restart and notices a Livy that forgot the batch', async () => {
    const first = open();
    const { job } = await first.service.submit('ada', {
      kind: 'spark-batch',
      code: { type: 'inline', source: 'print(1)\n' }
    });
    await waitForJob(first, 'ada', job.id, j => j.state === 'running');
    await first.close();
    runtimes.splice(runtimes.indexOf(first), 1);

    const second = open();
    const batch = livy.batches.get(0);
    batch?.stdout.push('after restart');
    if (batch) {
      batch.state = 'success';
    }
    const done = await waitForJob(second, 'ada', job.id, ended);
    expect(done.state).toBe('succeeded');
    expect(livy.requests.filter(r => r.method === 'POST' && r.path === '/batches')).toHaveLength(1);

    // A restarted Livy reuses id 0 for someone else's batch: not mistaken for ours.
    const { job: other } = await second.service.submit('ada', {
      kind: 'spark-batch',
      code: { type: 'inline', source: 'print(2)\n' }
    });
    await waitForJob(second, 'ada', other.id, j => j.state === 'running');
    livy.forget();
    await client(livy.url).createBatch({ file: '/elsewhere.py', name: 'someone-else' });
    const lost = await waitForJob(second, 'ada', other.id, ended);
    expect(lost.state).toBe('failed');
    expect(lost.latestRun.reason).toMatch(/no longer knows batch 1 .*was Livy restarted\?/);
  });

  it("runs a statement in the user's session once it is idle, with progress and output", async () => {
    const jobs = open({ heartbeatSeconds: 1 });
    const { job } = await jobs.service.submit('ada', {
      kind: 'spark-statement',
      code: { type: 'inline', source: 'spark.range(3).count()' }
    });
    const running = await waitForJob(jobs, 'ada', job.id, j => j.state === 'running');
    expect(running.latestRun.handle).toMatchObject({ backend: 'livy', type: 'session', id: 0 });
    const session = livy.sessions.get(0);
    expect(session).toMatchObject({ kind: 'pyspark', proxyUser: 'ada' });
    expect(session?.name?.startsWith(sessionPrefix('ada'))).toBe(true);

    await sleep(200);
    expect(session?.statements).toHaveLength(0); // not before idle
    if (session) {
      session.state = 'idle';
    }
    await waitForCondition(() => (session?.statements.length ?? 0) === 1);
    const statement = session?.statements[0];
    expect(statement?.code).toBe('spark.range(3).count()');
    if (statement) {
      statement.state = 'running';
      statement.progress = 0.5;
    }
    await waitForCondition(() => readLog(jobs, job.id).then(log => log.includes('progress 50%')));
    if (statement && session) {
      statement.state = 'available';
      statement.progress = 1;
      statement.output = { status: 'ok', execution_count: 0, data: { 'text/plain': '3' } };
      session.state = 'idle';
    }
    const done = await waitForJob(jobs, 'ada', job.id, ended);
    expect(done.state).toBe('succeeded');
    expect((await readLog(jobs, job.id)).split('\n')).toContain('3');

    // A second statement reuses the session; heartbeats touch it meanwhile.
    const before = session?.gets ?? 0;
    const { job: again } = await jobs.service.submit('ada', {
      kind: 'spark-statement',
      code: { type: 'inline', source: '1/0' }
    });
    await waitForCondition(() => (session?.statements.length ?? 0) === 2);
    const failing = session?.statements[1];
    if (failing) {
      failing.state = 'error';
      failing.output = {
        status: 'error',
        ename: 'ZeroDivisionError',
        evalue: 'division by zero',
        traceback: ['Traceback (most recent call last):\n', 'ZeroDivisionError: division by zero\n']
      };
    }
    const failed = await waitForJob(jobs, 'ada', again.id, ended);
    expect(failed.state).toBe('failed');
    expect(failed.latestRun.reason).toBe('ZeroDivisionError: division by zero');
    expect(livy.sessions.size).toBe(1);
    await sleep(1200);
    expect(session?.gets ?? 0).toBeGreaterThan(before);
  });

  it('keeps runs when Livy is unreachable and follows them again when it answers', async () => {
    const jobs = open({ maxBackoffSeconds: 1 });
    const { job } = await jobs.service.submit('ada', {
      kind: 'spark-batch',
      code: { type: 'inline', source: 'print(1)\n' }
    });
    await waitForJob(jobs, 'ada', job.id, j => j.state === 'running');
    const port = livy.port;
    const batches = new Map(livy.batches);
    await livy.stop();
    await sleep(1500);
    expect((await jobs.service.get('ada', job.id)).state).toBe('running');
    expect(jobs.logLines.some(line => line.msg === 'Livy is unreachable; backing off')).toBe(true);
    // Reported once, not as a failed step on every scheduler pass.
    expect(jobs.logLines.filter(line => line.msg === 'job step failed')).toEqual([]);

    const revived = new FakeLivy();
    await revived.start(port);
    for (const [id, batch] of batches) {
      revived.batches.set(id, { ...batch, state: 'success' });
    }
    livy = revived;
    const done = await waitForJob(jobs, 'ada', job.id, ended, 20_000);
    expect(done.state).toBe('succeeded');
  });
});

async function readLog(runtime: LivyTestRuntime, id: string): Promise<string> {
  return (await runtime.service.logs('ada', id, { limit: 1024 * 1024 })).data;
}

async function waitForCondition(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await sleep(25);
  }
}
