import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { SPEC_PLAN_RESULT_SCHEMA, type SpecPlanResult } from '@featurelab/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SchemaValidator } from '../src/schema-validation.js';
import { REPO_ROOT, runBundledCli, temporaryDirectory } from './helpers.js';
import { USER_ENTITY, featureGroup, model, sampleSet, writeSpecs } from './specs-helpers.js';

const DEMO = path.join(REPO_ROOT, 'demo', 'features');
const resultValidator = new SchemaValidator<SpecPlanResult>(SPEC_PLAN_RESULT_SCHEMA);

let dir: string;
let workspace: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = temporaryDirectory('featurelab-plan-cli-'));
  workspace = path.join(dir, 'workspace');
  writeSpecs(workspace, { '.keep': '' });
});
afterEach(() => cleanup());

async function cli(
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string; json: () => SpecPlanResult }> {
  const result = await runBundledCli([...args, '--workspace', workspace]);
  return {
    ...result,
    json: () => {
      const parsed: unknown = JSON.parse(result.stdout);
      const outcome = resultValidator.validate(parsed);
      expect(outcome.ok ? [] : outcome.problems).toEqual([]);
      return parsed as SpecPlanResult;
    }
  };
}

describe('featurelab plan / apply (bundled)', () => {
  it('plans and applies the demo folder, then finds nothing to change', async () => {
    const plan = await cli('plan', DEMO, '--json');
    expect(plan.code).toBe(0);
    expect(plan.json()).toMatchObject({
      mode: 'plan',
      status: 'ok',
      baseVersion: 0,
      summary: { create: 9, destructive: 0 },
      registry: { kind: 'sqlite', location: path.join(workspace, '.featurelab', 'registry.db') }
    });

    const apply = await cli('apply', DEMO, '--author', 'ci-bot');
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/^Entity\n {2}\+ create item {2}\(entities\.yaml:11\)$/m);
    expect(apply.stdout).toMatch(/Applied as registry version 1 by ci-bot at /);

    const again = await cli('plan', DEMO);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /No changes: 0 to create, 0 to update, 0 to delete, 9 unchanged\./
    );
  });

  it('exits with 1 and lists every problem with file:line:column, pointer and hint', async () => {
    writeSpecs(path.join(dir, 'broken'), {
      'a.yaml': featureGroup('a', { f: 'bigintt' }),
      'b.yaml': 'kind: Entity\napiVersion: featurelab/v1\nname: user\n'
    });
    const human = await cli('plan', path.join(dir, 'broken'));
    expect(human.code).toBe(1);
    expect(human.stdout).toContain(
      'a.yaml:12:11: /features/0/type: "bigintt" is not a Spark type: unknown type "bigintt"\n    hint: Write the type as Spark prints it'
    );
    expect(human.stdout).toContain(
      'b.yaml:1:1: /joinKeys: required property "joinKeys" is missing'
    );
    expect(human.stdout).toMatch(
      /3 problem\(s\) in 2 file\(s\); nothing was compared or applied\./
    );
    const json = (await cli('apply', path.join(dir, 'broken'), '--json')).json();
    expect(json.status).toBe('invalid');
    expect(
      json.problems.map(
        problem => `${problem.file}:${problem.line}:${problem.column} ${problem.pointer}`
      )
    ).toEqual(['a.yaml:5:9 /entity', 'a.yaml:12:11 /features/0/type', 'b.yaml:1:1 /joinKeys']);
  });

  it('refuses a destructive apply with 1, applies it with --force, and records the git commit', async () => {
    const specs = path.join(dir, 'repo', 'features');
    writeSpecs(specs, {
      'e.yaml': USER_ENTITY,
      'g.yaml': featureGroup('clicks', { ctr: 'double' }),
      't.yaml': `${sampleSet('set', 'clicks')}---\n${model('m', 'set')}`
    });
    expect((await cli('apply', specs)).code).toBe(0);
    writeSpecs(specs, { 'g.yaml': featureGroup('clicks', { ctr: 'float' }) });

    const refused = await cli('apply', specs);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(
      '  ~ update clicks  (g.yaml:1)  [DESTRUCTIVE]\n      ~ features[ctr].type: "double" -> "float"\n      ! changes the type of feature "ctr" from double to float, used by SampleSet "set", Model "m"'
    );
    expect(refused.stdout).toMatch(/Refused: 1 destructive change\(s\)/);

    const git = (...args: string[]): string =>
      execFileSync(
        'git',
        [
          '-C',
          path.join(dir, 'repo'),
          '-c',
          'user.name=Test',
          '-c',
          'user.email=test@example.com',
          ...args
        ],
        { encoding: 'utf8' }
      ).trim();
    git('init', '--quiet');
    git('add', '.');
    git('commit', '--quiet', '-m', 'specs');
    const forced = await cli('apply', specs, '--force', '--json', '--author', 'grace');
    expect(forced.code).toBe(0);
    expect(forced.json()).toMatchObject({
      status: 'ok',
      forced: true,
      appliedVersion: { version: 2, author: 'grace', gitCommit: git('rev-parse', 'HEAD') }
    });
  });

  it('lets one of two concurrent apply processes win; the other exits with 3 and names both versions', async () => {
    for (const side of ['left', 'right']) {
      writeSpecs(path.join(dir, side), {
        'e.yaml': USER_ENTITY,
        'g.yaml': featureGroup(side, { f: 'int' })
      });
    }
    // Both were reviewed against version 0 (an empty registry) and start together.
    const results = await Promise.all(
      ['left', 'right'].map(side =>
        cli('apply', path.join(dir, side), '--base-version', '0', '--json')
      )
    );
    expect(results.map(result => result.code).sort()).toEqual([0, 3]);
    const loser = results.find(result => result.code === 3);
    expect(loser?.json()).toMatchObject({
      status: 'conflict',
      conflict: { expectedVersion: 0, actualVersion: 1 },
      appliedVersion: null
    });
    const winner = results.find(result => result.code === 0);
    const winnerName = winner?.json().changes.find(change => change.kind === 'FeatureGroup')?.name;
    const state = await cli('plan', path.join(dir, winnerName ?? 'left'), '--json');
    expect(state.json()).toMatchObject({
      baseVersion: 1,
      summary: { unchanged: 2, create: 0, update: 0, delete: 0 }
    });
    const human = await cli('apply', path.join(dir, 'left'), '--base-version', '0');
    expect(human.code).toBe(3);
    expect(human.stdout).toMatch(
      /Conflict: the registry is at version 1, but this apply expected version 0\. Nothing was applied/
    );
  });

  it.each([
    [['plan'], /"featurelab plan" needs DIR/],
    [['plan', 'a', 'b'], /"featurelab plan" takes one DIR, got 2 arguments/],
    [
      ['apply', '/nonexistent/specs'],
      /the spec folder \/nonexistent\/specs is not an existing directory/
    ],
    [['apply', '.', '--base-version', 'latest'], /--base-version must be a registry version/],
    [['plan', '.', '--author', 'x'], /unknown option --author for "featurelab plan"/]
  ])('exits with 2 for %j', async (args, message) => {
    const result = await cli(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('documents the commands and exit statuses in help', async () => {
    const main = await runBundledCli(['--help']);
    expect(main.stdout).toMatch(/plan +compare a folder of feature specs/);
    const help = await runBundledCli(['help', 'apply']);
    expect(help.stdout).toMatch(/3 conflict: another apply recorded a newer version/);
    expect((await runBundledCli(['plan', '--help'])).stdout).toMatch(/Usage: featurelab plan DIR/);
  });
});
