#!/usr/bin/env bash
# The validation benchmark: Featurelab's compiled plan vs Deequ vs Great Expectations on one local
# Spark, and the DuckDB engine vs Spark (bench/src/benchmarks/validation.ts). Writes
# bench/results/validation.json. Arguments go to the benchmark, e.g.
#   scripts/bench-validation.sh --rows 100000 --trials 1     (smoke run)
#   scripts/bench-validation.sh --rows 10000000              (the issue's size)
#
# Deequ and Great Expectations live in their own venv (FEATURELAB_BENCH_VALIDATION_VENV, default
# .cache/bench-validation-venv), not in .venv; the Deequ jar comes from Maven Central through
# spark.jars.packages (ivy cache in ~/.ivy2). The checkout's featurelab package is used via
# PYTHONPATH; the service bundle must be built (npm run build).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FEATURELAB_ROOT"

PYSPARK_VERSION="$(sed -n 's/^pyspark==//p' constraints.txt)"
PYDEEQU_VERSION=1.7.0
GX_VERSION=1.24.1
BENCH_VENV="${FEATURELAB_BENCH_VALIDATION_VENV:-$FEATURELAB_ROOT/.cache/bench-validation-venv}"

if ! SPARK_VERSION=3.5 "$BENCH_VENV/bin/python" -c "import pydeequ, great_expectations, pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION' or great_expectations.__version__ != '$GX_VERSION')" 2>/dev/null; then
  log "preparing the bench venv $BENCH_VENV (pydeequ $PYDEEQU_VERSION, great-expectations $GX_VERSION, pyspark $PYSPARK_VERSION)"
  python3 -m venv "$BENCH_VENV"
  flock /tmp/featurelab-pip.lock "$BENCH_VENV/bin/pip" install -q "pyspark==$PYSPARK_VERSION" "pydeequ==$PYDEEQU_VERSION" \
    "great-expectations==$GX_VERSION" numpy pyarrow \
    || die "could not install the validation bench venv $BENCH_VENV"
fi
# Deequ itself from Maven Central, checked against its published SHA-1; its dependencies are
# Spark's own jars (ivy resolution through spark.jars.packages trips over stale local caches).
DEEQU_VERSION=2.0.7-spark-3.5
DEEQU_JAR="$FEATURELAB_ROOT/.cache/bench-validation/deequ-$DEEQU_VERSION.jar"
DEEQU_URL="https://repo1.maven.org/maven2/com/amazon/deequ/deequ/$DEEQU_VERSION/deequ-$DEEQU_VERSION.jar"
if [[ ! -f "$DEEQU_JAR" ]]; then
  mkdir -p "$(dirname "$DEEQU_JAR")"
  curl -fsSL -o "$DEEQU_JAR.part" "$DEEQU_URL" || die "could not download $DEEQU_URL"
  expected="$(curl -fsSL "$DEEQU_URL.sha1" | cut -c1-40)"
  actual="$(sha1sum "$DEEQU_JAR.part" | cut -c1-40)"
  [[ "$expected" == "$actual" ]] || die "SHA-1 mismatch for $DEEQU_URL"
  mv "$DEEQU_JAR.part" "$DEEQU_JAR"
fi
export FEATURELAB_BENCH_DEEQU_JAR="$DEEQU_JAR"

[[ -f server-ext/dist/featurelab.mjs && -f core/lib/validation/index.js ]] || die "build first: npm run build"

node --disable-warning=ExperimentalWarning bench/src/benchmarks/validation.ts --python "$BENCH_VENV/bin/python" "$@"
