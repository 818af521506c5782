import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
}

export interface FakeBatch {
  id: number;
  name: string | null;
  proxyUser: string | null;
  state: string;
  request: Record<string, unknown>;
  stdout: string[];
  stderr: string[];
}

export interface FakeStatement {
  id: number;
  code: string;
  state: string;
  progress: number;
  output: unknown;
}

export interface FakeSession {
  id: number;
  name: string | null;
  proxyUser: string | null;
  kind: string;
  state: string;
  statements: FakeStatement[];
  gets: number;
}

/**
 * A contract-level stand-in for Livy's REST API on 127.0.0.1, for fast protocol tests: it
 * enforces the CSRF header on writes as Livy does, pages logs with from/size, answers
 * {"msg"} errors, and lets a test move batches, sessions and statements between states.
 * The real server is exercised by server-ext/test-livy.
 */
export class FakeLivy {
  readonly requests: RecordedRequest[] = [];
  readonly batches = new Map<number, FakeBatch>();
  readonly sessions = new Map<number, FakeSession>();
  /** Answer nothing at all (requests hang) while set. */
  hang = false;
  private nextBatch = 0;
  private nextSession = 0;
  private server: Server | undefined;
  url = '';

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>(resolve => this.server?.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    }
  }

  /** Forget everything, as a restarted Livy does (ids start at 0 again). */
  forget(): void {
    this.batches.clear();
    this.sessions.clear();
    this.nextBatch = 0;
    this.nextSession = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const url = new URL(req.url ?? '/', 'http://fake');
    const text = Buffer.concat(chunks).toString('utf8');
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body
    });
    if (this.hang) {
      return;
    }
    if (req.method !== 'GET' && req.headers['x-requested-by'] === undefined) {
      res.writeHead(400, { 'Content-Type': 'text/html' });
      res.end(
        '<html><body><h2>HTTP ERROR: 400</h2><pre>    Missing Required Header for CSRF protection.</pre></body></html>'
      );
      return;
    }
    const [status, answer] = this.route(req.method ?? 'GET', url, body as Record<string, unknown>);
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answer));
  }

  private route(method: string, url: URL, body: Record<string, unknown>): [number, unknown] {
    const parts = url.pathname.split('/').filter(Boolean);
    const from = Number(url.searchParams.get('from') ?? 0);
    const size = Number(url.searchParams.get('size') ?? 100);
    if (parts[0] === 'version') {
      return [200, { version: 'fake' }];
    }
    if (parts[0] === 'batches') {
      if (parts.length === 1 && method === 'POST') {
        if (typeof body.file !== 'string') {
          return [400, { msg: 'requirement failed: file is required' }];
        }
        const batch: FakeBatch = {
          id: this.nextBatch++,
          name: (body.name as string | undefined) ?? null,
          proxyUser: (body.proxyUser as string | undefined) ?? null,
          state: 'running',
          request: body,
          stdout: [],
          stderr: []
        };
        this.batches.set(batch.id, batch);
        return [201, this.batchView(batch)];
      }
      if (parts.length === 1) {
        const all = [...this.batches.values()].map(b => this.batchView(b));
        return [200, { from, total: all.length, sessions: all.slice(from, from + size) }];
      }
      const batch = this.batches.get(Number(parts[1]));
      if (!batch) {
        return [404, { msg: `Session '${parts[1]}' not found.` }];
      }
      if (method === 'DELETE') {
        batch.state = 'dead';
        this.batches.delete(batch.id);
        return [200, { msg: 'deleted' }];
      }
      if (parts[2] === 'log') {
        const lines = ['stdout: ', ...batch.stdout, '\nstderr: ', ...batch.stderr];
        return [
          200,
          { id: batch.id, from, total: lines.length, log: lines.slice(from, from + size) }
        ];
      }
      return [200, this.batchView(batch)];
    }
    if (parts[0] === 'sessions') {
      if (parts.length === 1 && method === 'POST') {
        const session: FakeSession = {
          id: this.nextSession++,
          name: (body.name as string | undefined) ?? null,
          proxyUser: (body.proxyUser as string | undefined) ?? null,
          kind: String(body.kind),
          state: 'starting',
          statements: [],
          gets: 0
        };
        this.sessions.set(session.id, session);
        return [201, this.sessionView(session)];
      }
      if (parts.length === 1) {
        const all = [...this.sessions.values()].map(s => this.sessionView(s));
        return [200, { from, total: all.length, sessions: all.slice(from, from + size) }];
      }
      const session = this.sessions.get(Number(parts[1]));
      if (!session) {
        return [404, { msg: `Session '${parts[1]}' not found.` }];
      }
      if (parts[2] === 'statements') {
        if (parts.length === 3 && method === 'POST') {
          if (session.state !== 'idle') {
            return [
              500,
              { msg: `java.lang.IllegalStateException: Session is in state ${session.state}` }
            ];
          }
          const statement: FakeStatement = {
            id: session.statements.length,
            code: String(body.code),
            state: 'waiting',
            progress: 0,
            output: null
          };
          session.statements.push(statement);
          session.state = 'busy';
          return [201, statement];
        }
        const statement = session.statements[Number(parts[3])];
        if (!statement) {
          return [404, { msg: 'Statement not found' }];
        }
        if (parts[4] === 'cancel') {
          statement.state = 'cancelled';
          session.state = 'idle';
          return [200, { msg: 'canceled' }];
        }
        return [200, statement];
      }
      if (method === 'DELETE') {
        this.sessions.delete(session.id);
        return [200, { msg: 'deleted' }];
      }
      if (parts[2] === 'log') {
        return [
          200,
          { id: session.id, from, total: 1, log: ['stdout: ', 'session log', '\nstderr: '] }
        ];
      }
      session.gets += 1;
      return [200, this.sessionView(session)];
    }
    return [404, { msg: `no route ${url.pathname}` }];
  }

  private batchView(batch: FakeBatch): unknown {
    return {
      id: batch.id,
      name: batch.name,
      owner: null,
      proxyUser: batch.proxyUser,
      state: batch.state,
      appId: null,
      appInfo: { driverLogUrl: null, sparkUiUrl: null },
      log: batch.stdout.slice(-10)
    };
  }

  private sessionView(session: FakeSession): unknown {
    return {
      id: session.id,
      name: session.name,
      proxyUser: session.proxyUser,
      kind: session.kind,
      state: session.state,
      appInfo: {},
      log: []
    };
  }
}
