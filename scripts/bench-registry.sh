#!/usr/bin/env bash
# The registry-apply benchmark: apply of 1,000 feature groups into SQLite and into a real
# PostgreSQL (a throwaway server from scripts/postgres.sh, removed afterwards). Writes
# bench/results/registry-apply.json. Arguments go to the benchmark (e.g. --trials 9).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FEATURELAB_ROOT"

npx tsc -b core server-ext || die "the service does not compile (npx tsc -b core server-ext); the benchmark runs the compiled server-ext/lib"
FEATURELAB_POSTGRES_DIR="$(mktemp -d "${TMPDIR:-/tmp}/featurelab-pg-bench.XXXXXX")"
export FEATURELAB_POSTGRES_DIR
chmod 755 "$FEATURELAB_POSTGRES_DIR"
trap 'scripts/postgres.sh stop || log "could not stop the bench server in $FEATURELAB_POSTGRES_DIR"' EXIT
FEATURELAB_TEST_POSTGRES_URL="$(scripts/postgres.sh start)"
export FEATURELAB_TEST_POSTGRES_URL
node --disable-warning=ExperimentalWarning bench/src/benchmarks/registry-apply.ts "$@"
