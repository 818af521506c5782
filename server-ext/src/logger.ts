import type { LogLevel } from '@featurelab/core';

/** Extra structured data attached to a log line. */
export type LogFields = { readonly [key: string]: unknown };

/** Receives one complete JSON line, newline included. */
export type LogSink = (line: string) => void;

const SEVERITY: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Names of the levels, lowest first. */
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export interface LoggerOptions {
  level: LogLevel;
  sink: LogSink;
  /** Fields added to every line, e.g. the component. */
  bindings?: LogFields;
  now?: () => Date;
}

/**
 * Structured logger: one JSON object per line, `{time, level, msg, ...fields}`.
 *
 * The service's stdout belongs to the JSON-RPC stream, so logs go to stderr, where the Jupyter
 * server extension forwards them into the server log.
 */
export class Logger {
  private level: LogLevel;
  private readonly sink: LogSink;
  private readonly bindings: LogFields;
  private readonly now: () => Date;

  constructor(options: LoggerOptions) {
    this.level = options.level;
    this.sink = options.sink;
    this.bindings = options.bindings ?? {};
    this.now = options.now ?? (() => new Date());
  }

  /** Current lowest level written. */
  get currentLevel(): LogLevel {
    return this.level;
  }

  setLevel(level: LogLevel): void {
    this.level = level;
  }

  /** A logger writing to the same sink with extra fields on every line. */
  child(bindings: LogFields): Logger {
    return new Logger({
      level: this.level,
      sink: this.sink,
      bindings: { ...this.bindings, ...bindings },
      now: this.now
    });
  }

  isEnabled(level: LogLevel): boolean {
    return SEVERITY[level] >= SEVERITY[this.level];
  }

  debug(msg: string, fields?: LogFields): void {
    this.write('debug', msg, fields);
  }

  info(msg: string, fields?: LogFields): void {
    this.write('info', msg, fields);
  }

  warn(msg: string, fields?: LogFields): void {
    this.write('warn', msg, fields);
  }

  error(msg: string, fields?: LogFields): void {
    this.write('error', msg, fields);
  }

  private write(level: LogLevel, msg: string, fields: LogFields | undefined): void {
    if (!this.isEnabled(level)) {
      return;
    }
    const record: Record<string, unknown> = { time: this.now().toISOString(), level, msg };
    for (const source of [this.bindings, fields ?? {}]) {
      for (const [key, value] of Object.entries(source)) {
        // The three leading keys keep their meaning whatever a caller passes.
        if (key !== 'time' && key !== 'level' && key !== 'msg') {
          record[key] = serializeValue(value);
        }
      }
    }
    let line: string;
    try {
      line = JSON.stringify(record);
    } catch {
      // Cycles or BigInts in fields must not take the service down with them.
      line = JSON.stringify({ time: record.time, level, msg, logError: 'fields not serializable' });
    }
    this.sink(line + '\n');
  }
}

/** Errors do not survive JSON.stringify; keep what helps someone reading the log. */
function serializeValue(value: unknown): unknown {
  if (value instanceof Error) {
    const serialized: Record<string, unknown> = { name: value.name, message: value.message };
    const kind = (value as { kind?: unknown }).kind;
    if (typeof kind === 'string') {
      serialized.kind = kind;
    }
    if (value.stack) {
      serialized.stack = value.stack;
    }
    if (value.cause !== undefined) {
      serialized.cause = serializeValue(value.cause);
    }
    return serialized;
  }
  return value;
}

/** Whether a string names a log level. */
export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}
