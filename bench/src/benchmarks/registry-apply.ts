/**
 * `apply` of 1,000 feature groups into a fresh SQLite registry and into a fresh PostgreSQL
 * registry (a new schema on a real server), side by side, plus `plan` of the unchanged folder
 * afterwards. Wall time is the whole applySpecs call (load and validate the folder, plan,
 * commit); `statements` are the SQL statements of the commit.
 *
 *   scripts/bench-registry.sh [--trials N]
 *   FEATURELAB_TEST_POSTGRES_URL=postgresql://... node bench/src/benchmarks/registry-apply.ts
 *
 * Uses the compiled service (server-ext/lib; `npx tsc -b server-ext` first).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { applySpecs, planSpecs } from '../../../server-ext/lib/plan/run-plan.js';
import { openSpecStore } from '../../../server-ext/lib/specs/store/open-spec-store.js';
import { machine } from '../lib/environment.ts';
import { printResult, variant, writeResult, type BenchResult } from '../lib/results.ts';
import { median } from '../lib/stats.ts';

const GROUPS = 1000;
type Backend = 'sqlite' | 'postgresql';
type Registry = { kind: 'sqlite'; path: string } | { kind: 'postgresql'; url: string };

interface Trial {
  applyMs: number;
  statements: number;
  planUnchangedMs: number;
}

function writeFolder(dir: string): void {
  const group = (index: number): string => `apiVersion: featurelab/v1
kind: FeatureGroup
name: group_${index}
owner: team
entity: user
eventTimeColumn: event_time
description: Group ${index}
tags: [bench]
source:
  type: sql
  query: SELECT 1
features:
${['a bigint', 'b double', 'c array<float>', 'd string', 'e map<string,int>']
  .map(pair => pair.split(' '))
  .map(([name, type]) => `  - name: ${name}\n    type: "${type}"\n`)
  .join('')}`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'entity.yaml'),
    'apiVersion: featurelab/v1\nkind: Entity\nname: user\njoinKeys:\n  - name: user_id\n    type: bigint\n'
  );
  writeFileSync(
    path.join(dir, 'groups.yaml'),
    Array.from({ length: GROUPS }, (_, index) => group(index)).join('---\n')
  );
}

/** A fresh, empty registry of the backend, and how to remove it. */
async function freshRegistry(
  backend: Backend,
  scratch: string,
  serverUrl: string
): Promise<{ registry: Registry; drop: () => Promise<void> }> {
  if (backend === 'sqlite') {
    const file = path.join(scratch, `registry-${randomBytes(4).toString('hex')}.db`);
    return {
      registry: { kind: 'sqlite', path: file },
      drop: async () => rmSync(file, { force: true })
    };
  }
  const schema = `fl_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      const built = await client.query(sql, [schema]);
      await client.query(String(built.rows[0].sql));
    } finally {
      await client.end();
    }
  };
  await admin("SELECT format('CREATE SCHEMA %I', $1::text) AS sql");
  const url = new URL(serverUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    registry: { kind: 'postgresql', url: url.toString() },
    drop: () => admin("SELECT format('DROP SCHEMA %I CASCADE', $1::text) AS sql")
  };
}

async function trial(
  backend: Backend,
  folder: string,
  scratch: string,
  serverUrl: string
): Promise<Trial> {
  const { registry, drop } = await freshRegistry(backend, scratch, serverUrl);
  try {
    // Opening creates and migrates the registry; not part of the measurement.
    const store = await openSpecStore(registry);
    try {
      let statements = 0;
      const started = performance.now();
      const applied = await applySpecs({
        folder,
        store,
        author: 'bench',
        onCommit: result => (statements = result.statements)
      });
      const applyMs = performance.now() - started;
      if (applied.appliedVersion?.version !== 1 || applied.summary.create !== GROUPS + 1) {
        throw new Error(
          `apply into ${backend} did not create ${GROUPS + 1} specs: ${applied.status}`
        );
      }
      const planStarted = performance.now();
      const plan = await planSpecs({ folder, store });
      const planUnchangedMs = performance.now() - planStarted;
      if (plan.summary.unchanged !== GROUPS + 1) {
        throw new Error(`plan of the unchanged folder on ${backend} found changes`);
      }
      return { applyMs, statements, planUnchangedMs };
    } finally {
      await store.close();
    }
  } finally {
    await drop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { trials: { type: 'string', default: '5' }, results: { type: 'string' } }
  });
  const trials = Number.parseInt(values.trials, 10);
  const serverUrl = process.env.FEATURELAB_TEST_POSTGRES_URL;
  if (!serverUrl) {
    throw new Error(
      'FEATURELAB_TEST_POSTGRES_URL is not set; run scripts/bench-registry.sh (it starts PostgreSQL)'
    );
  }
  const scratch = mkdtempSync(path.join(tmpdir(), 'featurelab-bench-registry-'));
  try {
    const folder = path.join(scratch, 'specs');
    writeFolder(folder);
    const samples: Record<Backend, Trial[]> = { sqlite: [], postgresql: [] };
    // One warm-up each (module loading, first connection), then alternate which goes first.
    await trial('sqlite', folder, scratch, serverUrl);
    await trial('postgresql', folder, scratch, serverUrl);
    for (let index = 0; index < trials; index += 1) {
      const order: Backend[] =
        index % 2 === 0 ? ['sqlite', 'postgresql'] : ['postgresql', 'sqlite'];
      for (const backend of order) {
        samples[backend].push(await trial(backend, folder, scratch, serverUrl));
      }
    }
    const pick = (backend: Backend, key: keyof Trial): number[] =>
      samples[backend].map(sample => sample[key]);
    const serverVersion = await (async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        return String((await client.query('SHOW server_version')).rows[0].server_version);
      } finally {
        await client.end();
      }
    })();
    const result: BenchResult = {
      name: 'registry-apply',
      description: `apply of ${GROUPS} feature groups (+1 entity) into a fresh registry: SQLite file vs PostgreSQL ${serverVersion} on 127.0.0.1`,
      createdAt: new Date().toISOString(),
      machine: machine(),
      versions: { node: process.version } as BenchResult['versions'],
      featurelabInstalled: true,
      trials,
      warmup: 1,
      ratioDefinition: 'median(postgresql apply ms) / median(sqlite apply ms)',
      ratio: median(pick('postgresql', 'applyMs')) / median(pick('sqlite', 'applyMs')),
      goal: null,
      goalMet: null,
      variants: {
        sqlite: variant('apply into SQLite (node:sqlite, WAL)', 'ms', pick('sqlite', 'applyMs')),
        postgresql: variant(
          `apply into PostgreSQL ${serverVersion}`,
          'ms',
          pick('postgresql', 'applyMs')
        )
      },
      details: {
        groups: GROUPS,
        statements: {
          sqlite: median(pick('sqlite', 'statements')),
          postgresql: median(pick('postgresql', 'statements'))
        },
        planUnchanged: {
          sqlite: variant(
            'plan of the unchanged folder, SQLite',
            'ms',
            pick('sqlite', 'planUnchangedMs')
          ),
          postgresql: variant(
            'plan of the unchanged folder, PostgreSQL',
            'ms',
            pick('postgresql', 'planUnchangedMs')
          )
        },
        postgresServer: serverVersion
      },
      notes: [
        'Wall time covers loading and validating the folder, planning and the commit; opening and migrating the registry is not included.',
        'SQLite sends one INSERT per spec and per history row; PostgreSQL sends each kind of change as one statement over arrays (unnest).',
        'plan of the unchanged folder must stay under 1 s (issue 3).'
      ]
    };
    const here = path.dirname(fileURLToPath(import.meta.url));
    const file = await writeResult(
      path.resolve(values.results ?? path.join(here, '..', '..', 'results')),
      result
    );
    printResult(result, file);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
