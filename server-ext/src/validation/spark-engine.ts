import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fromSparkJson, type RelationSource, type StructField } from '@featurelab/core/validation';
import type { EngineRow, ValidationEngine } from './engine.js';
import { ValidationEngineError } from './errors.js';

export interface SparkEngineOptions {
  /** The Python with pyspark and the featurelab package (default: $FEATURELAB_PYTHON or python3). */
  readonly python?: string;
  /** Environment of the helper (default: this process's). */
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

interface Pending {
  resolve(value: Record<string, unknown>): void;
  reject(error: Error): void;
}

/**
 * Spark through the kernel helper: `python -m featurelab.validation`, spawned once per run with
 * an argument array, answering one JSON line per request. Python only executes the SQL the
 * plan holds; it compiles nothing.
 */
export class SparkEngine implements ValidationEngine {
  readonly name = 'spark';
  readonly dialect = 'spark';
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly stderrTail: string[] = [];
  private exited: string | undefined;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', line => this.onLine(line));
    createInterface({ input: child.stderr }).on('line', line => {
      this.stderrTail.push(line);
      if (this.stderrTail.length > 20) {
        this.stderrTail.shift();
      }
    });
    child.on('exit', (code, signal) => {
      this.exited = signal ? `signal ${signal}` : `exit code ${code}`;
      this.failAll();
    });
    child.on('error', error => {
      this.exited = error.message;
      this.failAll();
    });
  }

  static open(options: SparkEngineOptions = {}): SparkEngine {
    const python = options.python ?? process.env.FEATURELAB_PYTHON ?? 'python3';
    const child = spawn(python, ['-m', 'featurelab.validation'], {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe']
    });
    return new SparkEngine(child);
  }

  parquetSource(location: string): RelationSource {
    return { kind: 'parquet', paths: [path.resolve(location)] };
  }

  async schema(source: RelationSource): Promise<StructField[]> {
    const result = await this.request({ op: 'schema', relation: source });
    const fields = result.fields as { name: string; type: unknown; nullable?: boolean }[];
    return fields.map(field => ({
      name: field.name,
      type: fromSparkJson(field.type),
      nullable: field.nullable !== false
    }));
  }

  async query(sql: string): Promise<EngineRow[]> {
    const result = await this.request({ op: 'query', sql });
    return result.rows as EngineRow[];
  }

  async close(): Promise<void> {
    if (this.exited !== undefined) {
      return;
    }
    const exited = new Promise<void>(resolve => this.child.once('exit', () => resolve()));
    this.child.stdin.end();
    await exited;
  }

  private request(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (this.exited !== undefined) {
      return Promise.reject(this.deadError());
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.stdin.write(JSON.stringify({ id, ...body }) + '\n');
    });
  }

  private onLine(line: string): void {
    let answer: {
      id?: number;
      ok?: boolean;
      result?: Record<string, unknown>;
      error?: { kind?: string; message?: string };
    };
    try {
      answer = JSON.parse(line) as typeof answer;
    } catch {
      return;
    }
    const pending = answer.id === undefined ? undefined : this.pending.get(answer.id);
    if (!pending || answer.id === undefined) {
      return;
    }
    this.pending.delete(answer.id);
    if (answer.ok) {
      pending.resolve(answer.result ?? {});
    } else {
      pending.reject(
        new Error(`${answer.error?.kind ?? 'Error'}: ${answer.error?.message ?? 'unknown error'}`)
      );
    }
  }

  private deadError(): ValidationEngineError {
    return new ValidationEngineError(
      `the Spark helper (python -m featurelab.validation) stopped: ${this.exited ?? 'unknown reason'}`,
      `Check that this Python has pyspark and featurelab (set FEATURELAB_PYTHON or --python). Last output: ${this.stderrTail.slice(-5).join(' | ')}`
    );
  }

  private failAll(): void {
    for (const pending of this.pending.values()) {
      pending.reject(this.deadError());
    }
    this.pending.clear();
  }
}
