/**
 * lab-start: JupyterLab's time-to-ready with Featurelab vs without, interleaved in one run.
 * Time-to-ready = navigation start -> `app.restored` resolved and the launcher visible, measured
 * in the page. Fresh browser context (cold HTTP cache) per trial.
 */
import type { Request } from 'playwright-core';
import { freshContext, loadLab, type StartupMarks } from '../lib/browser.ts';
import { type BenchResult, variant } from '../lib/results.ts';
import { FEATURELAB_URL_PREFIX, interleaved, type Setup } from '../lib/setup.ts';
import { median, round } from '../lib/stats.ts';

type VariantName = 'with' | 'without';

interface Trial {
  trial: number;
  variant: VariantName;
  warmup: boolean;
  marks: StartupMarks;
  /** Requests under Featurelab's labextension URL during the load. */
  featurelabRequests: number;
}

export interface LabStartDetails {
  metric: string;
  /** with/without of each interleaved pair: a second estimate, robust to slow drift. */
  pairedRatios: number[];
  pairedRatioMedian: number;
  trials: Trial[];
}

const GOAL_MAX_RATIO = 1.1;

async function measure(
  setup: Setup,
  name: VariantName,
  trial: number,
  warmup: boolean
): Promise<Trial> {
  const server = setup.servers[name];
  const context = await freshContext(setup.browser);
  try {
    const page = await context.newPage();
    let featurelabRequests = 0;
    page.on('request', (request: Request) => {
      if (new URL(request.url()).pathname.startsWith(FEATURELAB_URL_PREFIX)) {
        featurelabRequests += 1;
      }
    });
    const marks = await loadLab(page, server.url('/lab'));
    if (name === 'without' && featurelabRequests > 0) {
      throw new Error(
        `the "without" page requested ${featurelabRequests} file(s) under ${FEATURELAB_URL_PREFIX}`
      );
    }
    if (name === 'with' && setup.featurelabInstalled && featurelabRequests === 0) {
      throw new Error(
        `the "with" page loaded nothing under ${FEATURELAB_URL_PREFIX} although Featurelab is installed`
      );
    }
    return { trial, variant: name, warmup, marks, featurelabRequests };
  } finally {
    await context.close();
  }
}

export async function labStart(setup: Setup): Promise<BenchResult<LabStartDetails>> {
  const { trials, warmup } = setup.options;
  const records: Trial[] = [];
  for (let index = 0; index < warmup + trials; index += 1) {
    const isWarmup = index < warmup;
    for (const name of interleaved<VariantName>('with', 'without', index)) {
      records.push(await measure(setup, name, index - warmup, isWarmup));
    }
  }
  const samples = (name: VariantName): number[] =>
    records
      .filter(record => record.variant === name && !record.warmup)
      .map(record => record.marks.readyAt);
  const withSamples = samples('with');
  const withoutSamples = samples('without');
  const ratio = median(withSamples) / median(withoutSamples);
  const pairedRatios = withSamples.map((value, index) => round(value / withoutSamples[index], 4));
  const notes = [...setup.notes];
  if (!setup.featurelabInstalled) {
    notes.push("identical variants: the ratio shows this machine's noise floor");
  }
  return {
    name: 'lab-start',
    description:
      'JupyterLab time-to-ready (navigation start -> app.restored and launcher visible), with vs without Featurelab',
    createdAt: new Date().toISOString(),
    machine: setup.machine,
    versions: setup.versions,
    featurelabInstalled: setup.featurelabInstalled,
    trials,
    warmup,
    ratioDefinition: 'median(with) / median(without)',
    ratio,
    goal: { maxRatio: GOAL_MAX_RATIO, text: `ratio <= ${GOAL_MAX_RATIO}` },
    goalMet: setup.featurelabInstalled ? ratio <= GOAL_MAX_RATIO : null,
    variants: {
      with: variant('JupyterLab with Featurelab as installed', 'ms', withSamples),
      without: variant(
        'the same JupyterLab, Featurelab neither discovered nor enabled',
        'ms',
        withoutSamples
      )
    },
    details: {
      metric: 'readyAt = max(restoredAt, launcherAt), ms since the page performance.timeOrigin',
      pairedRatios,
      pairedRatioMedian: median(pairedRatios),
      trials: records
    },
    notes
  };
}
