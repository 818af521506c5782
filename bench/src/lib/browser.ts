/** Debian's Chromium driven by playwright-core, and an in-page probe of JupyterLab's startup. */
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic'
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS], headless: true });
}

/** A fresh, cache-less context with the viewport Galata uses. */
export async function freshContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1024, height: 768 } });
}

/** Milestones of one page load, in ms since navigation start (the page's performance.timeOrigin). */
export interface StartupMarks {
  /** `window.jupyterapp` assigned (right after `app.start()` was called). */
  appAt: number;
  /** `app.started` resolved. */
  startedAt: number;
  /** `app.restored` resolved (layout restored, all startup plugins activated). */
  restoredAt: number;
  /** First animation frame with a visible `.jp-Launcher`. */
  launcherAt: number;
  /** max(restoredAt, launcherAt): the time-to-ready this harness reports. */
  readyAt: number;
  /** Navigation timing for context. */
  domContentLoadedAt: number;
  loadAt: number;
}

type PartialMarks = Partial<StartupMarks>;

interface LabLike {
  started: Promise<void>;
  restored: Promise<void>;
}

interface ProbeWindow {
  __featurelabBench?: PartialMarks;
}

/**
 * Runs in the page before any of its scripts: catches the assignment of `window.jupyterapp`
 * (JupyterLab does it synchronously after `app.start()` when expose_app_in_browser is on) and
 * records the milestones against performance.now().
 */
function installStartupProbe(): void {
  const marks: PartialMarks = {};
  (window as unknown as ProbeWindow).__featurelabBench = marks;
  let app: LabLike | undefined;
  Object.defineProperty(window, 'jupyterapp', {
    configurable: true,
    enumerable: true,
    get: () => app,
    set: (value: LabLike) => {
      app = value;
      marks.appAt = performance.now();
      void value.started.then(() => {
        marks.startedAt = performance.now();
      });
      void value.restored.then(() => {
        marks.restoredAt = performance.now();
      });
    }
  });
  const frame = (): void => {
    if (marks.launcherAt === undefined) {
      const launcher = document.querySelector('.jp-Launcher');
      if (launcher instanceof HTMLElement && launcher.checkVisibility()) {
        marks.launcherAt = performance.now();
      }
    }
    if (marks.restoredAt !== undefined && marks.launcherAt !== undefined) {
      marks.readyAt = Math.max(marks.restoredAt, marks.launcherAt);
      const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      marks.domContentLoadedAt = navigation?.domContentLoadedEventEnd ?? 0;
      marks.loadAt = navigation?.loadEventEnd ?? 0;
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

function isComplete(marks: PartialMarks | undefined): marks is StartupMarks {
  return marks?.readyAt !== undefined;
}

/** Opens `url` in `page` and resolves with the startup milestones once JupyterLab is ready. */
export async function loadLab(page: Page, url: string, timeoutMs = 90_000): Promise<StartupMarks> {
  await page.addInitScript(installStartupProbe);
  await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
  const handle = await page.waitForFunction(
    () => {
      const marks = (window as unknown as ProbeWindow).__featurelabBench;
      return marks?.readyAt !== undefined ? marks : undefined;
    },
    undefined,
    { timeout: timeoutMs, polling: 100 }
  );
  const marks = (await handle.jsonValue()) as PartialMarks | undefined;
  if (!isComplete(marks)) {
    throw new Error(`incomplete startup marks from ${url}: ${JSON.stringify(marks)}`);
  }
  return marks;
}
