import { statSync } from 'node:fs';

/**
 * Fails the whole run, loudly and with the reason, when there is no Livy to test against:
 * this tier exists to exercise a real one, so it never skips.
 */
export default async function requireLivy(): Promise<void> {
  const url = process.env.FEATURELAB_TEST_LIVY_URL;
  const root = process.env.FEATURELAB_TEST_LIVY_ROOT;
  if (!url || !root) {
    throw new Error(
      'FEATURELAB_TEST_LIVY_URL and FEATURELAB_TEST_LIVY_ROOT are not set. The Livy tests need a real Apache Livy: run scripts/test-livy.sh (it starts one with scripts/livy.sh and whitelists a test folder).'
    );
  }
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`FEATURELAB_TEST_LIVY_ROOT ${root} is not a folder`);
  }
  try {
    const response = await fetch(`${url}/version`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
  } catch (error) {
    throw new Error(
      `Livy at FEATURELAB_TEST_LIVY_URL (${url}) does not answer GET /version: ${error instanceof Error ? error.message : String(error)}. Is it running (scripts/livy.sh status)?`,
      { cause: error }
    );
  }
}
