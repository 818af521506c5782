import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleBuildRecord } from '../src/samples/sample-build-store.js';
import { REPO_ROOT, runBundledCli, temporaryDirectory } from './helpers.js';

// `featurelab samples build` end to end: the bundled CLI, a real Python builder process and a
// real local Spark on the tiny demo data. Needs Python with pyspark and Java (scripts/setup.sh);
// without them the build fails and so does this test, with the builder's log in the message.
const PYTHON = process.env.FEATURELAB_PYTHON ?? 'python3';
const SPEC = path.join(REPO_ROOT, 'demo', 'features', 'training.yaml');
// The checkout's kernel helper, not an installed copy.
const env = {
  ...process.env,
  PYTHONPATH: [path.join(REPO_ROOT, 'kernel-bridge', 'python'), process.env.PYTHONPATH]
    .filter(Boolean)
    .join(path.delimiter),
  SPARK_LOCAL_IP: '127.0.0.1'
};

let workspace: string;
let cleanup: () => void;

async function cli(
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runBundledCli([...args, '--workspace', workspace], { env });
}

beforeAll(async () => {
  const dir = temporaryDirectory('featurelab-samples-cli-');
  cleanup = dir.cleanup;
  workspace = path.join(dir.dir, 'workspace');
  execFileSync(
    PYTHON,
    ['-m', 'featurelab.demo', '--workspace', workspace, '--size', 'tiny', '--quiet'],
    {
      env,
      stdio: ['ignore', 'ignore', 'inherit']
    }
  );
  const apply = await cli('apply', path.dirname(SPEC), '--author', 'ci');
  expect(apply.code, apply.stderr).toBe(0);
}, 120_000);

afterAll(() => cleanup());

describe('featurelab samples (bundled CLI, real Spark)', () => {
  it('builds the demo sample set and records the build with its inputs', async () => {
    const built = await cli(
      'samples',
      'build',
      SPEC,
      '--master',
      'local[1]',
      '--user',
      'ana',
      '--json'
    );
    expect(built.code, `${built.stdout}\n${built.stderr}`).toBe(0);
    const record = JSON.parse(built.stdout) as SampleBuildRecord;
    const output = path.join(workspace, '.featurelab', 'samples', 'ctr_training', 'data');
    expect(record).toMatchObject({
      sampleSet: 'ctr_training',
      status: 'succeeded',
      createdBy: 'ana',
      registryVersion: 1,
      labelSource: { table: 'demo.impressions', eventTimeColumn: 'event_time' },
      rows: { labels: 4000, output: 4000 },
      output: { path: output },
      error: null
    });
    expect(record.inputs.map(input => [input.featureGroup, input.registryVersion])).toEqual([
      ['user_engagement_1d', 1],
      ['user_orders_1d', 1],
      ['user_profile', 1],
      ['item_attributes', 1],
      ['item_popularity_1d', 1]
    ]);
    expect(record.timeRange.min).toMatch(/^2025-06-\d\dT[\d:.]+Z$/);
    expect(existsSync(path.join(output, '_SUCCESS'))).toBe(true);

    const listed = await cli('samples', 'builds', 'ctr_training', '--json');
    expect(listed.code).toBe(0);
    const { builds } = JSON.parse(listed.stdout) as { builds: SampleBuildRecord[] };
    expect(builds.map(build => build.id)).toEqual([record.id]);
    const usedBy = await cli(
      'samples',
      'builds',
      'ctr_training',
      '--feature-group',
      'user_profile'
    );
    expect(usedBy.stdout).toContain(`build ${record.id}`);
  }, 180_000);

  it('records a failed build when the builder cannot run, and says how to fix it', async () => {
    const failed = await cli(
      'samples',
      'build',
      SPEC,
      '--python',
      path.join(workspace, 'no-python')
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/sample builder could not be started[\s\S]*hint: Pass --python/);
    const listed = await cli('samples', 'builds', 'ctr_training', '--json');
    const { builds } = JSON.parse(listed.stdout) as { builds: SampleBuildRecord[] };
    expect(builds[0]).toMatchObject({ status: 'failed', output: null, rows: { output: null } });
  });

  it('prints the inferred output schema without running Spark', async () => {
    const schema = await cli('samples', 'schema', SPEC, '--json');
    expect(schema.code).toBe(0);
    const { columns } = JSON.parse(schema.stdout) as {
      columns: { name: string; type: string | null }[];
    };
    expect(columns.slice(0, 5)).toEqual([
      { name: 'user_id', type: 'bigint', role: 'key' },
      { name: 'item_id', type: 'bigint', role: 'key' },
      { name: 'event_time', type: null, role: 'eventTime' },
      { name: 'clicked', type: null, role: 'label' },
      { name: 'clicks_1d', type: 'bigint', role: 'feature', featureGroup: 'user_engagement_1d' }
    ]);
  });
});
