#!/usr/bin/env bash
# The k8s-monitoring benchmark: status-change latency of the Kubernetes backend's watch against
# fixed-interval polling, side by side on a throwaway control plane (scripts/k8s.sh, removed
# afterwards). Writes bench/results/k8s-monitoring.json. Arguments go to the benchmark
# (e.g. --jobs 1000 --changes 300 --poll-ms 1000).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FEATURELAB_ROOT"

npx tsc -b core server-ext || die "the service does not compile (npx tsc -b core server-ext); the benchmark runs the compiled server-ext/lib"
FEATURELAB_K8S_DIR="$(mktemp -d "${TMPDIR:-/tmp}/featurelab-k8s-bench.XXXXXX")"
export FEATURELAB_K8S_DIR
trap 'scripts/k8s.sh stop || log "could not stop the control plane in $FEATURELAB_K8S_DIR"' EXIT
eval "$(scripts/k8s.sh start)"
node --disable-warning=ExperimentalWarning bench/src/benchmarks/k8s-monitoring.ts "$@"
