#!/usr/bin/env bash
# The PostgreSQL registry tier: starts a throwaway PostgreSQL server (scripts/postgres.sh) in a
# temporary folder, runs server-ext/test-postgres against it, and stops and removes it again,
# whatever the outcome. Extra arguments go to vitest (e.g. -t 'hostile').
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FEATURELAB_ROOT"

FEATURELAB_POSTGRES_DIR="$(mktemp -d "${TMPDIR:-/tmp}/featurelab-pg-test.XXXXXX")"
export FEATURELAB_POSTGRES_DIR
# mktemp makes it 700; the server runs as the postgres user when we are root.
chmod 755 "$FEATURELAB_POSTGRES_DIR"
trap 'scripts/postgres.sh stop || log "could not stop the test server in $FEATURELAB_POSTGRES_DIR"' EXIT

started=$SECONDS
FEATURELAB_TEST_POSTGRES_URL="$(scripts/postgres.sh start)"
export FEATURELAB_TEST_POSTGRES_URL
log "PostgreSQL ready in $((SECONDS - started)) s"
npx vitest run --config server-ext/test-postgres/vitest.config.mts "$@"
