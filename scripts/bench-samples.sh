#!/usr/bin/env bash
# The sample-build benchmark: Featurelab's point-in-time join vs Feast's Spark offline store vs a
# naive inequality join, on one local Spark and one generated data set. Writes
# bench/results/sample-build.json. Arguments go to the benchmark, e.g.
#   scripts/bench-samples.sh --size tiny --trials 1     (smoke run)
#   scripts/bench-samples.sh --size large --skip-naive  (1M labels x 3 x 10M rows)
#
# Feast lives in its own venv (FEATURELAB_BENCH_VENV, default .cache/bench-samples-venv), not in
# .venv: it pulls in many packages whose pins would fight the project's. feast's [spark] extra
# demands pyspark>=4, so feast is installed without it, next to the project's pyspark 3.5.7;
# its Spark offline store works on it. The checkout's featurelab package is used via PYTHONPATH.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FEATURELAB_ROOT"

FEAST_VERSION=0.67.0
PYSPARK_VERSION="$(sed -n 's/^pyspark==//p' constraints.txt)"
BENCH_VENV="${FEATURELAB_BENCH_VENV:-$FEATURELAB_ROOT/.cache/bench-samples-venv}"

if ! "$BENCH_VENV/bin/python" -c "import feast, pyspark, sys; sys.exit(feast.__version__ != '$FEAST_VERSION' or pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  log "preparing the bench venv $BENCH_VENV (feast $FEAST_VERSION, pyspark $PYSPARK_VERSION)"
  python3 -m venv "$BENCH_VENV"
  flock /tmp/featurelab-pip.lock "$BENCH_VENV/bin/pip" install -q "feast==$FEAST_VERSION" "pyspark==$PYSPARK_VERSION" \
    || die "could not install feast $FEAST_VERSION with pyspark $PYSPARK_VERSION into $BENCH_VENV"
fi

export PYTHONPATH="$FEATURELAB_ROOT/kernel-bridge/python${PYTHONPATH:+:$PYTHONPATH}"
node --disable-warning=ExperimentalWarning bench/src/benchmarks/sample-build.ts --python "$BENCH_VENV/bin/python" "$@"
