#!/usr/bin/env bash
# The Livy tier: assembles (when not cached) and starts a real Apache Livy with scripts/livy.sh
# on 127.0.0.1, whose file whitelist is a fresh temporary folder where the tests make their
# workspaces; runs server-ext/test-livy against it; stops Livy and removes the folder, whatever
# the outcome. Extra arguments go to vitest (e.g. -t 'quotes').
#
# FEATURELAB_LIVY_CONCURRENT_JOBS (default 12): jobs in the concurrency scenario. The issue asks
# for 50; on the 2-core reference machine 50 take about 8 minutes (each Livy batch is a
# spark-submit JVM), so the tier runs 12 and 50 is a manual run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FEATURELAB_ROOT"

FEATURELAB_TEST_LIVY_ROOT="$(mktemp -d "${TMPDIR:-/tmp}/featurelab-livy-test.XXXXXX")"
export FEATURELAB_TEST_LIVY_ROOT
export FEATURELAB_LIVY_DIR="$FEATURELAB_TEST_LIVY_ROOT/livy"
export FEATURELAB_LIVY_WHITELIST="$FEATURELAB_TEST_LIVY_ROOT"
cleanup() {
  scripts/livy.sh stop || log "could not stop the test Livy in $FEATURELAB_LIVY_DIR"
  rm -rf "$FEATURELAB_TEST_LIVY_ROOT"
}
trap cleanup EXIT

started=$SECONDS
FEATURELAB_TEST_LIVY_URL="$(scripts/livy.sh start)"
export FEATURELAB_TEST_LIVY_URL
log "Livy ready in $((SECONDS - started)) s at $FEATURELAB_TEST_LIVY_URL"
npx vitest run --config server-ext/test-livy/vitest.config.mts "$@"
