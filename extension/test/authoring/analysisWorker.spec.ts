import { analyzePySpark } from '@featurelab/core/pyspark';
import { analyzeSql } from '@featurelab/core/sql';
import { describe, expect, it } from 'vitest';

import {
  AnalysisClient,
  AnalysisFailedError,
  type IWorkerLike
} from '../../src/authoring/analysisClient.js';
import { AnalysisService, buildCatalog } from '../../src/authoring/analysisService.js';
import type { WorkerReply, WorkerRequest } from '../../src/authoring/protocol.js';

const USERS = {
  type: 'struct',
  fields: [
    { name: 'user_id', type: 'long', nullable: false, metadata: {} },
    { name: 'country', type: 'string', nullable: true, metadata: {} }
  ]
};

/**
 * A worker whose messages are delivered only when the test says so, backed
 * by the real service and the real analyzer.
 */
class ManualWorker implements IWorkerLike {
  constructor() {
    this.service = new AnalysisService({
      post: reply => this.outbox.push(reply),
      analyzers: { sql: (text, catalog, options) => analyzeSql(text, catalog, options) },
      schedule: () => {
        this.scheduled++;
      }
    });
  }
  readonly service: AnalysisService;
  readonly inbox: WorkerRequest[] = [];
  readonly outbox: WorkerReply[] = [];
  scheduled = 0;
  terminated = false;
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(message: WorkerRequest): void {
    this.inbox.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** The worker reads every message that arrived. */
  receive(): void {
    for (const message of this.inbox.splice(0)) {
      this.service.handle(message);
    }
  }
  /** The worker runs one analysis step. */
  step(): void {
    this.service.step();
  }
  /** Replies reach the main thread. */
  deliver(): void {
    for (const reply of this.outbox.splice(0)) {
      this.onmessage?.({ data: reply } as MessageEvent<WorkerReply>);
    }
  }
}

function setup() {
  const workers: ManualWorker[] = [];
  const client = new AnalysisClient({
    createWorker: () => {
      const worker = new ManualWorker();
      workers.push(worker);
      return worker;
    }
  });
  client.setCatalog([{ name: 'demo.users', schemaJson: USERS }]);
  return { client, workers };
}

describe('latest edit wins', () => {
  it('resolves a superseded request with null and analyzes only the latest text', async () => {
    const { client, workers } = setup();
    const first = client.analyze('cell-1', 'sql', 'SELECT user_id FROM demo.users');
    const second = client.analyze('cell-1', 'sql', 'SELECT countyr FROM demo.users');
    const other = client.analyze('cell-2', 'sql', 'SELECT 1 AS one');
    expect(await first).toBeNull();

    const [worker] = workers;
    worker.receive();
    // The worker keeps one waiting request per key: the first text is never analyzed.
    expect(worker.service.pendingKeys).toEqual(['cell-1', 'cell-2']);
    worker.step();
    worker.step();
    worker.deliver();

    const outcome = await second;
    expect(outcome?.analysis.diagnostics[0].message).toContain('Did you mean `country`?');
    expect(outcome?.catalogVersion).toBe(1);
    expect((await other)?.analysis.relations.at(-1)?.columns).toEqual([
      { name: 'one', type: 'int', nullable: false }
    ]);
  });

  it('drops a reply that arrives after a newer request was sent', async () => {
    const { client, workers } = setup();
    const stale = client.analyze('c', 'sql', 'SELECT user_id FROM demo.users');
    const [worker] = workers;
    worker.receive();
    worker.step(); // analyzed before the newer edit reached the worker
    const fresh = client.analyze('c', 'sql', 'SELECT country FROM demo.users');
    worker.deliver(); // the stale reply reaches the client now
    expect(await stale).toBeNull();
    worker.receive();
    worker.step();
    worker.deliver();
    expect((await fresh)?.analysis.relations.at(-1)?.columns.map(c => c.name)).toEqual(['country']);
  });

  it('yields between analyses: one step analyzes one request and schedules the next', () => {
    const { client, workers } = setup();
    void client.analyze('a', 'sql', 'SELECT 1');
    void client.analyze('b', 'sql', 'SELECT 2');
    const [worker] = workers;
    worker.receive();
    expect(worker.scheduled).toBe(1);
    worker.step();
    expect(worker.outbox).toHaveLength(1);
    expect(worker.scheduled).toBe(2);
  });

  it('sends the catalog to a new worker and every change after', () => {
    const { client, workers } = setup();
    void client.analyze('a', 'sql', 'SELECT 1');
    client.setCatalog([]);
    expect(workers[0].inbox.filter(m => m.type === 'catalog').map(m => m.type)).toHaveLength(2);
    expect(client.catalogVersion).toBe(2);
  });

  it('rejects unknown languages with a typed error and accepts plugged-in analyzers', async () => {
    const { client, workers } = setup();
    const unknown = client.analyze('p', 'pyspark', 'df.select("x")');
    const [worker] = workers;
    worker.receive();
    worker.step();
    worker.deliver();
    await expect(unknown).rejects.toBeInstanceOf(AnalysisFailedError);

    worker.service.register('pyspark', () => ({ relations: [], operators: [], diagnostics: [] }));
    const known = client.analyze('p', 'pyspark', 'df.select("x")');
    worker.receive();
    worker.step();
    worker.deliver();
    expect((await known)?.analysis.relations).toEqual([]);
  });

  it('answers with the PySpark analyzer plugged in, given the preceding cells', async () => {
    const { client, workers } = setup();
    const pending = client.analyze('py', 'pyspark', 'df2 = df.select("country")', {
      precedingCells: ['df = spark.table("demo.users")']
    });
    const real = workers[0];
    real.service.register('pyspark', (text, catalog, options) =>
      analyzePySpark(text, catalog, options)
    );
    real.receive();
    real.step();
    real.deliver();
    const outcome = await pending;
    expect(outcome?.analysis.relations.find(r => r.name === 'df2')?.columns).toEqual([
      { name: 'country', type: 'string', nullable: true }
    ]);
  });

  it('forget and dispose resolve waiting requests with null', async () => {
    const { client } = setup();
    const a = client.analyze('a', 'sql', 'SELECT 1');
    client.forget('a');
    expect(await a).toBeNull();
    const b = client.analyze('b', 'sql', 'SELECT 1');
    client.dispose();
    expect(await b).toBeNull();
    expect(await client.analyze('c', 'sql', 'SELECT 1')).toBeNull();
  });
});

describe('buildCatalog', () => {
  it('leaves out only the table whose schema is malformed', () => {
    const catalog = buildCatalog([
      { name: 'demo.users', schemaJson: USERS },
      { name: 'demo.bad', schemaJson: { type: 'nope' } }
    ]);
    expect(catalog.tableNames()).toEqual(['demo.users']);
    expect(catalog.lookup(['users'])?.name).toBe('demo.users');
  });
});
