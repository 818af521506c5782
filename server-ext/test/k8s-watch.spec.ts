import type { V1Job } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { ResourceWatch, type ObjectList } from '../src/jobs/kubernetes/resource-watch.js';
import { memoryLogger } from './helpers.js';

/** A scripted API server: lists and watch streams the test drives by hand. */
class FakeServer {
  objects = new Map<string, V1Job>();
  version = 1;
  lists = 0;
  watchedFrom: string[] = [];
  stream:
    | { onEvent: (type: string, object: unknown) => void; onDone: (error: unknown) => void }
    | undefined;

  put(name: string, phase: string): V1Job {
    this.version += 1;
    const job: V1Job = {
      metadata: { name, namespace: 'ml', resourceVersion: String(this.version) },
      status: { conditions: [{ type: phase, status: 'True' }] }
    };
    this.objects.set(name, job);
    return job;
  }

  list = (): Promise<ObjectList<V1Job>> => {
    this.lists += 1;
    return Promise.resolve({
      items: [...this.objects.values()],
      metadata: { resourceVersion: String(this.version) }
    });
  };

  watch = (
    resourceVersion: string,
    onEvent: (type: string, object: unknown) => void,
    onDone: (error: unknown) => void
  ): Promise<{ abort(): void }> => {
    this.watchedFrom.push(resourceVersion);
    this.stream = { onEvent, onDone };
    return Promise.resolve({ abort: () => (this.stream = undefined) });
  };
}

const settle = (): Promise<void> => new Promise(resolve => setTimeout(resolve, 20));

function watchOf(server: FakeServer): { watch: ResourceWatch<V1Job>; changes: string[] } {
  const changes: string[] = [];
  const watch = new ResourceWatch<V1Job>({
    what: 'jobs',
    list: server.list,
    watch: server.watch,
    logger: memoryLogger('error').logger,
    onChange: job => changes.push(job.metadata?.name ?? ''),
    retryMs: 5
  });
  return { watch, changes };
}

const phases = (watch: ResourceWatch<V1Job>): string[] =>
  watch
    .select(() => true)
    .map(job => `${job.metadata?.name}:${job.status?.conditions?.[0]?.type}`)
    .sort();

describe('ResourceWatch (informer semantics)', () => {
  it('lists once, then watches from the list resourceVersion and applies events', async () => {
    const server = new FakeServer();
    server.put('a', 'Running');
    const { watch, changes } = watchOf(server);
    watch.start();
    await watch.whenSynced();
    await settle();
    expect(server.watchedFrom).toEqual(['2']);
    server.stream?.onEvent('MODIFIED', server.put('a', 'Complete'));
    server.stream?.onEvent('ADDED', server.put('b', 'Running'));
    expect(phases(watch)).toEqual(['a:Complete', 'b:Running']);
    expect(changes).toEqual(['a', 'a', 'b']);
    watch.stop();
  });

  it('watches again from the last resourceVersion (bookmarks included) after a dropped connection, without listing', async () => {
    const server = new FakeServer();
    const { watch } = watchOf(server);
    watch.start();
    await watch.whenSynced();
    await settle();
    server.stream?.onEvent('ADDED', server.put('a', 'Running'));
    server.stream?.onEvent('BOOKMARK', { metadata: { resourceVersion: '7' } });
    server.stream?.onDone(new Error('socket hang up'));
    await settle();
    expect(server.watchedFrom).toEqual(['1', '7']);
    expect(server.lists).toBe(1);
    watch.stop();
  });

  it('lists again and notices deletions when the server answers 410 Gone', async () => {
    const server = new FakeServer();
    server.put('a', 'Running');
    server.put('b', 'Running');
    const { watch, changes } = watchOf(server);
    watch.start();
    await watch.whenSynced();
    await settle();
    // Meanwhile (while the watch was away) a finished and b was deleted.
    server.put('a', 'Complete');
    server.objects.delete('b');
    server.stream?.onEvent('ERROR', { code: 410, reason: 'Expired' });
    server.stream?.onDone(undefined);
    await settle();
    expect(server.lists).toBe(2);
    expect(phases(watch)).toEqual(['a:Complete']);
    expect(changes.slice(2)).toEqual(['a', 'b']);
    expect(watch.stats.gone).toBe(1);
    watch.stop();
  });

  it('keeps trying while the server is down, then resumes', async () => {
    const server = new FakeServer();
    let down = 2;
    const list = server.list;
    server.list = () => (down-- > 0 ? Promise.reject(new Error('ECONNREFUSED')) : list());
    const { watch } = watchOf(server);
    watch.start();
    await watch.whenSynced();
    expect(watch.hasSynced).toBe(true);
    expect(watch.stats.lists).toBe(3);
    watch.stop();
  });
});
