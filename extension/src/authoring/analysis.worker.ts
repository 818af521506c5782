/**
 * The analysis Web Worker: Spark SQL schema inference off the main thread.
 *
 * Loaded with `new Worker(new URL('./analysis.worker.js', import.meta.url))`,
 * so the bundler emits it (and the ~1 MB grammar) as its own chunk, fetched
 * only when a notebook first needs analysis. The grammar is warmed up at
 * start, before the first request is answered.
 */
import { analyzePySpark } from '@featurelab/core/pyspark';
import { analyzeSql, FUNCTIONS, warmUpParser } from '@featurelab/core/sql';

import { AnalysisService } from './analysisService.js';
import { functionInfos } from './functionInfo.js';
import type { WorkerReply, WorkerRequest } from './protocol.js';

/**
 * The part of `DedicatedWorkerGlobalScope` used here (the DOM lib, not the
 * WebWorker lib, is in scope for the extension).
 */
interface IWorkerScope {
  postMessage(message: WorkerReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
}

const scope = self as unknown as IWorkerScope;

const service = new AnalysisService({
  post: reply => scope.postMessage(reply),
  analyzers: {
    sql: (text, catalog, options) => analyzeSql(text, catalog, options),
    // DataFrame chains of a Python cell (with the cells run before it for context).
    pyspark: (text, catalog, options) => analyzePySpark(text, catalog, options)
  }
});

scope.addEventListener('message', event => service.handle(event.data));

const started = performance.now();
warmUpParser();
scope.postMessage({
  type: 'ready',
  warmUpMs: performance.now() - started,
  languages: service.languages,
  functions: functionInfos(FUNCTIONS)
});
