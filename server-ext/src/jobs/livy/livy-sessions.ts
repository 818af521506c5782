import type { Logger } from '../../logger.js';
import type { LivyClient, LivySession, LivyState } from './livy-client.js';
import type { ResolvedLivySettings } from './livy-settings.js';

/** Session states from which a session can still run statements. */
const LIVE: ReadonlySet<LivyState> = new Set([
  'not_started',
  'starting',
  'recovering',
  'idle',
  'busy',
  'running'
]);

/** A user stops counting as active this long after their last statement or keep-alive. */
const ACTIVE_WINDOW_MS = 30 * 60_000;

/**
 * One interactive Livy session per user, found again by name after a service restart
 * (`featurelab-<user in hex>-<created>`), and kept alive by heartbeats while the user is active:
 * a GET of the session every heartbeatMs, which Livy counts against its session heartbeat
 * timeout, so a session does not time out while its user reads results and thinks.
 */
export class LivySessions {
  private readonly creating = new Map<string, Promise<LivySession>>();
  private readonly active = new Map<string, { sessionId: number; lastSeen: number }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: LivyClient,
    private readonly settings: ResolvedLivySettings,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now
  ) {}

  /** The user's live session, created when there is none. */
  async ensure(owner: string): Promise<LivySession> {
    const pending = this.creating.get(owner);
    if (pending) {
      return pending;
    }
    const work = this.findOrCreate(owner).finally(() => this.creating.delete(owner));
    this.creating.set(owner, work);
    const session = await work;
    this.keepAlive(owner, session.id);
    return session;
  }

  /** The user is active in session `sessionId` (a statement, a JupyterLab request). */
  keepAlive(owner: string, sessionId: number): void {
    this.active.set(owner, { sessionId, lastSeen: this.now() });
    if (this.timer === undefined) {
      this.timer = setInterval(() => void this.heartbeat(), this.settings.heartbeatMs);
      this.timer.unref();
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Touch the sessions of active users; forget users idle for longer than the window. */
  async heartbeat(): Promise<void> {
    for (const [owner, entry] of [...this.active]) {
      if (this.now() - entry.lastSeen > ACTIVE_WINDOW_MS) {
        this.active.delete(owner);
        continue;
      }
      try {
        const session = await this.client.getSession(entry.sessionId);
        if (session === undefined || !LIVE.has(session.state)) {
          this.active.delete(owner);
        }
      } catch (error) {
        this.logger.debug('Livy session heartbeat failed', {
          owner,
          sessionId: entry.sessionId,
          error
        });
      }
    }
    if (this.active.size === 0) {
      this.stop();
    }
  }

  private async findOrCreate(owner: string): Promise<LivySession> {
    const prefix = sessionPrefix(owner);
    const existing = (await this.client.listSessions())
      .filter(s => typeof s.name === 'string' && s.name.startsWith(prefix) && LIVE.has(s.state))
      .sort((a, b) => b.id - a.id)[0];
    if (existing) {
      return existing;
    }
    const name = `${prefix}${this.now().toString(36)}`;
    this.logger.info('creating a Livy session', { owner, name });
    return this.client.createSession({
      kind: this.settings.sessionKind,
      name,
      ...(this.settings.impersonate ? { proxyUser: owner } : {}),
      ...(Object.keys(this.settings.conf).length > 0 ? { conf: { ...this.settings.conf } } : {}),
      heartbeatTimeoutInSecond: Math.ceil((this.settings.heartbeatMs * 3) / 1000)
    });
  }
}

/**
 * Session names carry the user hex-encoded: any user name fits, and no user's prefix is the
 * start of another's.
 */
export function sessionPrefix(owner: string): string {
  return `featurelab-${Buffer.from(owner, 'utf8').toString('hex')}-`;
}

export function isLive(state: LivyState): boolean {
  return LIVE.has(state);
}
