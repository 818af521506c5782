import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '../../logger.js';
import { CONTAINER_NAME } from './manifests.js';

/**
 * Copies pod logs into the run's folder: the primary pod (rank 0, chief, or the only pod) to
 * the run's output.log, which jobs.logs pages through, and every pod to pods/<pod>.log. A
 * running pod is followed; once a pod has ended its whole log is fetched again and replaces
 * the file, so a stream cut by a service or API server restart leaves no gap or duplicate.
 *
 * Requests go through node:https with the kubeconfig's credentials rather than the client
 * library's Log class, whose follow stream cannot be stopped without an unhandled error.
 */
export class PodLogs {
  private readonly following = new Map<string, http.ClientRequest>();
  private readonly finished = new Set<string>();

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly namespace: string,
    private readonly logger: Logger
  ) {}

  /** Files a pod's log goes to: its own, and output.log for the primary pod. */
  static files(logFile: string, pod: string, primary: boolean): string[] {
    const podFile = path.join(path.dirname(logFile), 'pods', `${pod}.log`);
    return primary ? [podFile, logFile] : [podFile];
  }

  /** Follow a running pod (once) into the file people read while it runs. */
  follow(pod: string, files: readonly string[]): void {
    if (this.following.has(pod) || this.finished.has(pod)) {
      return;
    }
    const target = files[files.length - 1];
    void this.request(pod, true)
      .then(({ request, response }) => {
        if (this.finished.has(pod)) {
          request.destroy();
          return;
        }
        this.following.set(pod, request);
        mkdirSync(path.dirname(target), { recursive: true });
        const file = createWriteStream(target);
        file.on('error', error => {
          this.logger.debug('could not write a pod log', { pod, error: String(error) });
          request.destroy();
        });
        response.on('error', () => file.end());
        response.on('end', () => {
          this.following.delete(pod);
        });
        response.pipe(file);
      })
      .catch((error: unknown) => {
        this.logger.debug('could not follow a pod log', { pod, error: String(error) });
      });
  }

  /** A pod has ended: stop following it and write its whole log (once). */
  async complete(pod: string, files: readonly string[]): Promise<void> {
    if (this.finished.has(pod)) {
      return;
    }
    this.finished.add(pod);
    this.stop(pod);
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

  close(): void {
    for (const pod of [...this.following.keys()]) {
      this.stop(pod);
    }
  }

  private stop(pod: string): void {
    this.following.get(pod)?.destroy();
    this.following.delete(pod);
  }

  private async fetch(pod: string): Promise<string> {
    const { response } = await this.request(pod, false);
    const chunks: Buffer[] = [];
    for await (const chunk of response) {
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private async request(
    pod: string,
    follow: boolean
  ): Promise<{ request: http.ClientRequest; response: http.IncomingMessage }> {
    const server = this.kubeConfig.getCurrentCluster()?.server;
    if (!server) {
      throw new Error('the kubeconfig names no cluster');
    }
    const url = new URL(
      `/api/v1/namespaces/${encodeURIComponent(this.namespace)}/pods/${encodeURIComponent(pod)}/log`,
      server
    );
    url.searchParams.set('container', CONTAINER_NAME);
    url.searchParams.set('follow', String(follow));
    const options: https.RequestOptions = {};
    await this.kubeConfig.applyToHTTPSOptions(options);
    const client = url.protocol === 'http:' ? http : https;
    return new Promise((resolve, reject) => {
      const request = client.get(url, options, response => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(new Error(`GET ${url.pathname} answered ${response.statusCode ?? '?'}`));
          return;
        }
        resolve({ request, response });
      });
      request.on('error', reject);
    });
  }
}
