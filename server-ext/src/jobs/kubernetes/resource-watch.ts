import type { KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from '../../logger.js';

/** A list response: the items and the resourceVersion to watch from. */
export interface ObjectList<T> {
  readonly items: T[];
  readonly metadata?: { readonly resourceVersion?: string };
}

/** Starts a watch from `resourceVersion`; events go to `onEvent`, its end to `onDone`. */
export type WatchStarter = (
  resourceVersion: string,
  onEvent: (type: string, object: unknown) => void,
  onDone: (error: unknown) => void
) => Promise<{ abort(): void }>;

export interface ResourceWatchOptions<T> {
  /** What it watches, for logs, e.g. "jobs in ml-training". */
  readonly what: string;
  readonly list: () => Promise<ObjectList<T>>;
  readonly watch: WatchStarter;
  readonly logger: Logger;
  /** Called after each change of the cache with the changed object. */
  readonly onChange?: (object: T) => void;
  /** Wait before watching again after a failure; doubles up to maxRetryMs. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
}

/** Counters for tests and health: how often the watch had to start again. */
export interface WatchStats {
  readonly lists: number;
  readonly watches: number;
  readonly gone: number;
  readonly events: number;
}

/**
 * A cache of one kind of object kept current by list + watch, with informer semantics: list
 * once, then watch from the list's resourceVersion; after a dropped connection watch again
 * from the last resourceVersion seen (bookmarks keep it fresh), and only when the server
 * answers 410 Gone (that version was compacted away) list again and diff the cache, so
 * objects deleted meanwhile are noticed. Nothing is lost across an API server restart.
 */
export class ResourceWatch<T extends KubernetesObject> {
  private readonly items = new Map<string, T>();
  private resourceVersion = '';
  private active: { abort(): void } | undefined;
  /** Identifies the current watch, so the end of an older one is ignored. */
  private generation = 0;
  private stopped = true;
  private synced = false;
  private retryMs: number;
  private timer: NodeJS.Timeout | undefined;
  private counts = { lists: 0, watches: 0, gone: 0, events: 0 };
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly options: ResourceWatchOptions<T>) {
    this.retryMs = options.retryMs ?? 500;
  }

  start(): void {
    if (!this.stopped) {
      return;
    }
    this.stopped = false;
    void this.relist();
  }

  stop(): void {
    this.stopped = true;
    this.generation += 1;
    clearTimeout(this.timer);
    this.active?.abort();
    this.active = undefined;
  }

  /** True once the first list has filled the cache. */
  get hasSynced(): boolean {
    return this.synced;
  }

  get stats(): WatchStats {
    return { ...this.counts };
  }

  /** Resolves once the cache has been filled (at once when it has). */
  whenSynced(): Promise<void> {
    return this.synced ? Promise.resolve() : new Promise(resolve => this.waiters.push(resolve));
  }

  /** Cached objects matching a predicate. */
  select(predicate: (object: T) => boolean): T[] {
    return [...this.items.values()].filter(predicate);
  }

  private async relist(): Promise<void> {
    if (this.stopped) {
      return;
    }
    let list: ObjectList<T>;
    try {
      this.counts.lists += 1;
      list = await this.options.list();
    } catch (error) {
      this.retry('list', error, () => this.relist());
      return;
    }
    const seen = new Set<string>();
    for (const item of list.items) {
      const key = keyOf(item);
      seen.add(key);
      const previous = this.items.get(key);
      this.items.set(key, item);
      if (previous?.metadata?.resourceVersion !== item.metadata?.resourceVersion) {
        this.options.onChange?.(item);
      }
    }
    for (const [key, item] of this.items) {
      if (!seen.has(key)) {
        this.items.delete(key);
        this.options.onChange?.(item);
      }
    }
    this.resourceVersion = list.metadata?.resourceVersion ?? '';
    if (!this.synced) {
      this.synced = true;
      this.waiters.splice(0).forEach(resolve => resolve());
    }
    await this.watch();
  }

  private async watch(): Promise<void> {
    if (this.stopped) {
      return;
    }
    this.generation += 1;
    const generation = this.generation;
    let gone = false;
    let ended = false;
    const current = (): boolean => generation === this.generation && !this.stopped;
    let started: { abort(): void };
    try {
      this.counts.watches += 1;
      started = await this.options.watch(
        this.resourceVersion,
        (type, object) => {
          if (current() && this.handle(type, object)) {
            gone = true;
          }
        },
        error => {
          if (ended || !current()) {
            return;
          }
          ended = true;
          this.active = undefined;
          if (gone || isGone(error)) {
            this.counts.gone += 1;
            this.options.logger.debug('watch expired (410 Gone); listing again', {
              what: this.options.what
            });
            void this.relist();
          } else if (error) {
            this.retry('watch', error, () => this.watch());
          } else {
            // The server closes watches after a timeout: continue where it ended.
            void this.watch();
          }
        }
      );
    } catch (error) {
      if (!current()) {
        return;
      }
      if (isGone(error)) {
        this.counts.gone += 1;
        void this.relist();
      } else {
        this.retry('watch', error, () => this.watch());
      }
      return;
    }
    if (!current()) {
      started.abort();
      return;
    }
    if (!ended) {
      this.active = started;
    }
  }

  /** Apply one event; true when the server said the resourceVersion is gone. */
  private handle(type: string, raw: unknown): boolean {
    const object = raw as T & { code?: number };
    if (type === 'ERROR') {
      return object.code === 410;
    }
    const version = object.metadata?.resourceVersion;
    if (version) {
      this.resourceVersion = version;
    }
    if (type === 'BOOKMARK') {
      return false;
    }
    this.counts.events += 1;
    this.retryMs = this.options.retryMs ?? 500;
    const key = keyOf(object);
    if (type === 'DELETED') {
      this.items.delete(key);
    } else {
      this.items.set(key, object);
    }
    this.options.onChange?.(object);
    return false;
  }

  private retry(step: string, error: unknown, again: () => Promise<void>): void {
    if (this.stopped) {
      return;
    }
    this.options.logger.debug(`${step} failed; trying again`, {
      what: this.options.what,
      inMs: this.retryMs,
      error: error instanceof Error ? error.message : String(error)
    });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void again(), this.retryMs);
    this.timer.unref();
    this.retryMs = Math.min(this.retryMs * 2, this.options.maxRetryMs ?? 5000);
  }
}

function keyOf(object: KubernetesObject): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}

function isGone(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const record = error as { code?: unknown; statusCode?: unknown; message?: unknown };
  return (
    record.code === 410 ||
    record.statusCode === 410 ||
    (typeof record.message === 'string' && /\b410\b|too old resource version/i.test(record.message))
  );
}
