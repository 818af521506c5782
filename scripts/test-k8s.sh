#!/usr/bin/env bash
# The Kubernetes tier: builds (once, cached by version) and starts a real control plane with
# scripts/k8s.sh in a temporary folder, runs server-ext/test-k8s against it, and stops it
# again, whatever the outcome. Extra arguments go to vitest (e.g. -t 'TensorFlow').
#   FEATURELAB_K8S_MANY_JOBS  jobs in the concurrency scenario (default 500)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FEATURELAB_ROOT"

FEATURELAB_K8S_DIR="$(mktemp -d "${TMPDIR:-/tmp}/featurelab-k8s-test.XXXXXX")"
export FEATURELAB_K8S_DIR
trap 'scripts/k8s.sh stop || log "could not stop the control plane in $FEATURELAB_K8S_DIR"' EXIT

started=$SECONDS
scripts/k8s.sh build
log "k8s binaries ready in $((SECONDS - started)) s"
started=$SECONDS
eval "$(scripts/k8s.sh start)"
log "control plane ready in $((SECONDS - started)) s"
npx vitest run --config server-ext/test-k8s/vitest.config.mts "$@"
