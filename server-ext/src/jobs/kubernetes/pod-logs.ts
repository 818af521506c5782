import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { Log, type KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '../../logger.js';
import { CONTAINER_NAME } from './manifests.js';

interface Follow {
  readonly controller: Promise<AbortController | undefined>;
  readonly file: WriteStream;
}

/**
 * Copies pod logs into the run's folder: the primary pod (rank 0, chief, or the only pod) to
 * the run's output.log, which jobs.logs pages through, and every pod to pods/<pod>.log. A
 * running pod is followed; once a pod has ended its whole log is fetched again and replaces
 * the file, so a stream cut by a service or API server restart leaves no gap or duplicate.
 */
export class PodLogs {
  private readonly following = new Map<string, Follow>();
  private readonly finished = new Set<string>();
  private readonly log: Log;

  constructor(
    kubeConfig: KubeConfig,
    private readonly namespace: string,
    private readonly logger: Logger
  ) {
    this.log = new Log(kubeConfig);
  }

  /** Files a pod's log goes to. */
  static files(logFile: string, pod: string, primary: boolean): string[] {
    const podFile = path.join(path.dirname(logFile), 'pods', `${pod}.log`);
    return primary ? [podFile, logFile] : [podFile];
  }

  /** Follow a running pod (once). */
  follow(pod: string, files: readonly string[]): void {
    if (this.following.has(pod) || this.finished.has(pod)) {
      return;
    }
    // The file people read while it runs: output.log for the primary pod.
    const target = files[files.length - 1];
    mkdirSync(path.dirname(target), { recursive: true });
    const file = createWriteStream(target);
    const controller = this.log
      .log(this.namespace, pod, CONTAINER_NAME, file, { follow: true })
      .catch((error: unknown) => {
        this.logger.debug('could not follow a pod log', { pod, error: String(error) });
        this.following.delete(pod);
        return undefined;
      });
    this.following.set(pod, { controller, file });
  }

  /** A pod has ended: stop following it and write its whole log (once). */
  async complete(pod: string, files: readonly string[]): Promise<void> {
    if (this.finished.has(pod)) {
      return;
    }
    this.finished.add(pod);
    await this.stop(pod);
    try {
      const text = await this.fetch(pod);
      for (const file of files) {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, text);
      }
    } catch (error) {
      // A pod already deleted (cancel, TTL) has no log to fetch; keep what was followed.
      this.logger.debug('could not fetch a pod log', { pod, error: String(error) });
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.following.keys()].map(pod => this.stop(pod)));
  }

  private async stop(pod: string): Promise<void> {
    const follow = this.following.get(pod);
    if (!follow) {
      return;
    }
    this.following.delete(pod);
    (await follow.controller)?.abort();
    follow.file.end();
  }

  private async fetch(pod: string): Promise<string> {
    const chunks: Buffer[] = [];
    const { Writable } = await import('node:stream');
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      }
    });
    const finished = new Promise<void>((resolve, reject) => {
      sink.on('finish', resolve);
      sink.on('error', reject);
    });
    await this.log.log(this.namespace, pod, CONTAINER_NAME, sink, { follow: false });
    await finished;
    return Buffer.concat(chunks).toString('utf8');
  }
}
