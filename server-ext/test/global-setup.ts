import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Bundle the service before the tests that spawn server-ext/dist/featurelab.mjs. Always
 * rebuilt (it takes well under a second) so those tests never run a stale bundle.
 */
export default function bundleService(): void {
  const script = fileURLToPath(new URL('../scripts/bundle.mjs', import.meta.url));
  execFileSync(process.execPath, [script], { stdio: ['ignore', 'ignore', 'inherit'] });
}
