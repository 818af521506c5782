import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobNotFoundError, JobStateError } from '../src/jobs/errors.js';
import { assertTransition, canTransition } from '../src/jobs/job-states.js';
import { readLogPage } from '../src/jobs/log-reader.js';
import { temporaryDirectory } from './helpers.js';
import {
  ended,
  processExists,
  script,
  startRuntime,
  waitForJob,
  type TestRuntime
} from './jobs-helpers.js';

const PYTHON = { launcher: 'python' as const, kind: 'spark-batch' as const };

describe('job service (local backend, real processes)', () => {
  let workspace: string;
  let cleanup: () => void;
  const runtimes: TestRuntime[] = [];
  const open = (settings = {}): TestRuntime => {
    const runtime = startRuntime(workspace, settings);
    runtimes.push(runtime);
    return runtime;
  };

  beforeEach(() => {
    ({ dir: workspace, cleanup } = temporaryDirectory('featurelab-jobs-'));
  });
  afterEach(async () => {
    await Promise.all(runtimes.splice(0).map(runtime => runtime.close()));
    cleanup();
  });

  it('runs a job to success, with its log, and passes parameters unchanged', async () => {
    const jobs = open();
    const tricky = `it's "quoted" $(rm -rf /) ; echo pwned\nsecond line ${'x'.repeat(5000)}`;
    const code = script(
      workspace,
      'echo.py',
      'import json, os, sys\nprint(json.dumps({"argv": sys.argv[1:], "env": json.loads(os.environ["FEATURELAB_JOB_PARAMETERS"])}))\n'
    );
    const { job, created } = await jobs.service.submit('ada', {
      ...PYTHON,
      code: { type: 'file', path: code },
      parameters: { text: tricky, n: '1' }
    });
    expect(created).toBe(true);
    expect(job).toMatchObject({ owner: 'ada', name: 'echo.py', policy: 'FIFO', attempts: 1 });
    const done = await waitForJob(jobs, 'ada', job.id, ended);
    expect(done.state).toBe('succeeded');
    expect(done.latestRun).toMatchObject({ exitCode: 0, handle: { backend: 'local' } });
    expect(done.events?.map(event => event.to)).toEqual([
      'queued',
      'submitting',
      'running',
      'succeeded'
    ]);

    const logs = await jobs.service.logs('ada', job.id);
    expect(logs.complete).toBe(true);
    const printed = JSON.parse(logs.data) as { argv: string[]; env: Record<string, string> };
    expect(printed.argv).toEqual([`--text=${tricky}`, '--n=1']);
    expect(printed.env).toEqual({ text: tricky, n: '1' });
    expect(done.latestRun.logFile).toBe(
      path.join(workspace, '.featurelab', 'jobs', done.latestRun.id, 'output.log')
    );
  });

  it('records a failure with its exit code and retries it per the policy, with backoff', async () => {
    const jobs = open();
    const code = script(
      workspace,
      'fail.py',
      'import sys\nprint("boom", flush=True)\nsys.exit(3)\n'
    );
    const { job } = await jobs.service.submit('ada', {
      ...PYTHON,
      code: { type: 'file', path: code },
      retries: { max: 2, backoffSeconds: 0.2 }
    });
    const done = await waitForJob(jobs, 'ada', job.id, j => ended(j) && j.attempts === 3);
    expect(done.state).toBe('failed');
    expect(done.runs?.map(run => [run.attempt, run.state, run.exitCode])).toEqual([
      [1, 'failed', 3],
      [2, 'failed', 3],
      [3, 'failed', 3]
    ]);
    expect(done.latestRun.reason).toBe('exit code 3');
    // Backoff doubles: the third attempt waited ~0.4 s, the second ~0.2 s.
    const [, second, third] = done.runs ?? [];
    expect(Date.parse(second.notBefore ?? '') - Date.parse(second.createdAt)).toBe(200);
    expect(Date.parse(third.notBefore ?? '') - Date.parse(third.createdAt)).toBe(400);
    expect((await jobs.service.logs('ada', job.id)).data).toBe('boom\n');

    // A manual retry adds a fourth run.
    const retried = await jobs.service.retry('ada', job.id);
    expect(retried.attempts).toBe(4);
    await expect(jobs.service.cancel('ada', job.id)).resolves.toBeDefined();
  });

  it('cancels a run by killing its whole process group', async () => {
    const jobs = open({ cancelGraceMs: 2000 });
    const code = script(
      workspace,
      'tree.py',
      [
        'import subprocess, sys, time',
        "child = subprocess.Popen(['sleep', '60'])",
        'print(child.pid, flush=True)',
        'time.sleep(60)'
      ].join('\n')
    );
    const { job } = await jobs.service.submit('ada', {
      ...PYTHON,
      code: { type: 'file', path: code }
    });
    const running = await waitForJob(jobs, 'ada', job.id, j => j.state === 'running');
    let grandchild = Number.NaN;
    while (Number.isNaN(grandchild) || grandchild === 0) {
      await sleep(50);
      grandchild = Number.parseInt((await jobs.service.logs('ada', job.id)).data, 10);
    }
    const handle = running.latestRun.handle;
    const leader = handle?.backend === 'local' ? handle.pid : 0;
    expect(processExists(grandchild)).toBe(true);

    const cancelling = await jobs.service.cancel('ada', job.id);
    expect(cancelling.state).toBe('cancelling');
    const done = await waitForJob(jobs, 'ada', job.id, ended);
    expect(done.state).toBe('cancelled');
    expect(done.latestRun.signal).toBe('SIGTERM');
    expect(processExists(leader)).toBe(false);
    expect(processExists(grandchild)).toBe(false);
    await expect(jobs.service.cancel('ada', job.id)).rejects.toBeInstanceOf(JobStateError);
  });

  it('LAST_ONLY cancels the queued older runs of the same name and owner', async () => {
    const jobs = open({ concurrency: 1 });
    const slow = script(workspace, 'slow.py', 'import time\ntime.sleep(30)\n');
    const quick = script(workspace, 'quick.py', 'print("ok")\n');
    const blocker = await jobs.service.submit('ada', {
      ...PYTHON,
      code: { type: 'file', path: slow }
    });
    await waitForJob(jobs, 'ada', blocker.job.id, j => j.state === 'running');

    const spec = {
      ...PYTHON,
      name: 'refresh',
      policy: 'LAST_ONLY',
      code: { type: 'file', path: quick }
    };
    const first = await jobs.service.submit('ada', spec);
    const fifo = await jobs.service.submit('ada', { ...spec, name: 'other', policy: 'FIFO' });
    const bobs = await jobs.service.submit('bob', spec);
    const second = await jobs.service.submit('ada', spec);

    expect((await jobs.service.get('ada', first.job.id)).latestRun).toMatchObject({
      state: 'cancelled',
      reason: 'superseded by a newer submission (LAST_ONLY)'
    });
    expect((await jobs.service.get('ada', second.job.id)).state).toBe('queued');
    expect((await jobs.service.get('ada', fifo.job.id)).state).toBe('queued');
    expect((await jobs.service.get('bob', bobs.job.id)).state).toBe('queued');
    await jobs.service.cancel('ada', blocker.job.id);
  });

  it('returns the existing job for a repeated idempotency key, per owner', async () => {
    const jobs = open();
    const code = script(workspace, 'ok.py', 'print("ok")\n');
    const spec = {
      ...PYTHON,
      code: { type: 'file', path: code },
      idempotencyKey: 'nightly-2025-06-01'
    };
    const first = await jobs.service.submit('ada', spec);
    const again = await jobs.service.submit('ada', spec);
    const other = await jobs.service.submit('bob', spec);
    expect(again).toMatchObject({ created: false, job: { id: first.job.id } });
    expect(other.created).toBe(true);
    expect(other.job.id).not.toBe(first.job.id);
    expect(await jobs.service.list('ada')).toHaveLength(1);
  });

  it('lets users see and control only their own jobs, admins all', async () => {
    const jobs = open({ admins: ['root'] });
    const code = script(workspace, 'ok.py', 'print("secret")\n');
    const { job } = await jobs.service.submit('ada', {
      ...PYTHON,
      code: { type: 'file', path: code }
    });
    await expect(jobs.service.get('bob', job.id)).rejects.toBeInstanceOf(JobNotFoundError);
    await expect(jobs.service.logs('bob', job.id)).rejects.toBeInstanceOf(JobNotFoundError);
    await expect(jobs.service.cancel('bob', job.id)).rejects.toBeInstanceOf(JobNotFoundError);
    await expect(jobs.service.retry('bob', job.id)).rejects.toBeInstanceOf(JobNotFoundError);
    expect(await jobs.service.list('bob', { owner: 'ada' })).toEqual([]);
    expect((await jobs.service.list('root', { owner: 'ada' })).map(j => j.id)).toEqual([job.id]);
    await waitForJob(jobs, 'root', job.id, ended);
    expect((await jobs.service.logs('root', job.id)).data).toBe('secret\n');
  });

  it('takes no owner from the job spec and rejects invalid specs and code outside the workspace', async () => {
    const jobs = open();
    const code = script(workspace, 'ok.py', 'print("ok")\n');
    await expect(
      jobs.service.submit('ada', { ...PYTHON, owner: 'root', code: { type: 'file', path: code } })
    ).rejects.toThrow(/unknown property "owner"/);
    await expect(
      jobs.service.submit('ada', { ...PYTHON, code: { type: 'file', path: '../../etc/passwd' } })
    ).rejects.toThrow(/outside the workspace/);
    await expect(
      jobs.service.submit('ada', { kind: 'spark-statement', code: { type: 'inline', source: '1' } })
    ).rejects.toThrow(/interactive Spark statements/);
  });

  it('runs a notebook cell and inline code from the snapshot taken at submission', async () => {
    const jobs = open();
    const notebook = {
      cells: [
        { cell_type: 'code', source: ['x = 20\n', '%matplotlib inline\n'] },
        { cell_type: 'markdown', source: '# text' },
        { cell_type: 'code', source: 'print(x + 1)' }
      ]
    };
    script(workspace, 'nb.ipynb', JSON.stringify(notebook));
    const cells = await jobs.service.submit('ada', {
      ...PYTHON,
      code: { type: 'notebook', path: 'nb.ipynb', cell: 2, upTo: true }
    });
    const inline = await jobs.service.submit('ada', {
      ...PYTHON,
      code: { type: 'inline', source: 'print(6 * 7)' }
    });
    script(workspace, 'nb.ipynb', '{}');
    for (const [id, output] of [
      [cells.job.id, '21\n'],
      [inline.job.id, '42\n']
    ]) {
      const done = await waitForJob(jobs, 'ada', id, ended);
      expect(done.state).toBe('succeeded');
      expect((await jobs.service.logs('ada', id)).data).toBe(output);
    }
  });

  it('re-attaches to a running job after a restart and finishes it from its recorded exit', async () => {
    const first = open();
    const code = script(
      workspace,
      'slow.py',
      'import sys, time\nprint("start", flush=True)\ntime.sleep(1.5)\nprint("end")\nsys.exit(4)\n'
    );
    const { job } = await first.service.submit('ada', {
      ...PYTHON,
      code: { type: 'file', path: code }
    });
    await waitForJob(first, 'ada', job.id, j => j.state === 'running');
    await first.close();

    const second = open();
    const done = await waitForJob(second, 'ada', job.id, ended);
    expect(done).toMatchObject({ state: 'failed', attempts: 1, latestRun: { exitCode: 4 } });
    expect((await second.service.logs('ada', job.id)).data).toBe('start\nend\n');
    expect(done.events?.filter(event => event.to === 'submitting')).toHaveLength(1);
  });

  it('marks a run whose process vanished without an exit status as lost', async () => {
    const jobs = open();
    const code = script(workspace, 'slow.py', 'import time\ntime.sleep(30)\n');
    const { job } = await jobs.service.submit('ada', {
      ...PYTHON,
      code: { type: 'file', path: code },
      retries: { max: 3 }
    });
    const running = await waitForJob(jobs, 'ada', job.id, j => j.state === 'running');
    const handle = running.latestRun.handle;
    process.kill(-(handle?.backend === 'local' ? handle.pid : 0), 'SIGKILL');
    const done = await waitForJob(jobs, 'ada', job.id, ended);
    expect(done.state).toBe('lost');
    expect(done.attempts).toBe(1);
    expect(done.latestRun.reason).toMatch(/ended without recording an exit status/);
    expect(existsSync(path.join(path.dirname(done.latestRun.logFile ?? ''), 'exit.json'))).toBe(
      false
    );
  });
});

describe('job states', () => {
  it('allows only the transitions of the table', () => {
    expect(canTransition('queued', 'submitting')).toBe(true);
    expect(canTransition('running', 'cancelling')).toBe(true);
    expect(canTransition('succeeded', 'running')).toBe(false);
    expect(canTransition('queued', 'running')).toBe(false);
    expect(() => assertTransition('r', 'cancelled', 'queued')).toThrow(JobStateError);
  });
});

describe('log pages', () => {
  it('pages by byte offset without splitting UTF-8 characters', () => {
    const { dir, cleanup } = temporaryDirectory();
    try {
      const file = path.join(dir, 'log');
      script(dir, 'log', 'aé€😀z');
      const bytes = readFileSync(file).length;
      let offset = 0;
      let text = '';
      while (offset < bytes) {
        const page = readLogPage(file, offset, 4);
        expect(page.nextOffset).toBeGreaterThan(offset);
        text += page.data;
        offset = page.nextOffset;
      }
      expect(text).toBe('aé€😀z');
      // An offset inside a character starts at the next one.
      expect(readLogPage(file, 2, 100)).toMatchObject({ offset: 3, data: '€😀z' });
      expect(readLogPage(path.join(dir, 'missing'), 0, 10)).toEqual({
        offset: 0,
        nextOffset: 0,
        size: 0,
        data: ''
      });
    } finally {
      cleanup();
    }
  });
});
