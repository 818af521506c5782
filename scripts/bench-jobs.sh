#!/usr/bin/env bash
# The job-monitoring benchmark: the Livy job backend against a real Apache Livy (a throwaway
# one from scripts/livy.sh, removed afterwards). Writes bench/results/job-monitoring.json.
# Arguments go to the benchmark (e.g. --trials 20 --batches 10).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FEATURELAB_ROOT"

npx tsc -b core server-ext || die "the service does not compile (npx tsc -b core server-ext); the benchmark runs the compiled server-ext/lib"
FEATURELAB_TEST_LIVY_ROOT="$(mktemp -d "${TMPDIR:-/tmp}/featurelab-livy-bench.XXXXXX")"
export FEATURELAB_TEST_LIVY_ROOT
export FEATURELAB_LIVY_DIR="$FEATURELAB_TEST_LIVY_ROOT/livy"
export FEATURELAB_LIVY_WHITELIST="$FEATURELAB_TEST_LIVY_ROOT"
cleanup() {
  scripts/livy.sh stop || log "could not stop the bench Livy in $FEATURELAB_LIVY_DIR"
  rm -rf "$FEATURELAB_TEST_LIVY_ROOT"
}
trap cleanup EXIT
FEATURELAB_TEST_LIVY_URL="$(scripts/livy.sh start)"
export FEATURELAB_TEST_LIVY_URL
node --disable-warning=ExperimentalWarning bench/src/benchmarks/job-monitoring.ts "$@"
