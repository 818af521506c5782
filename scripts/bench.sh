#!/usr/bin/env bash
# Runs Featurelab's benchmarks (bench/), each side by side with its anchor, in Debian's Chromium
# against JupyterLab servers on 127.0.0.1 from this venv. Results: bench/results/<name>.json.
#
#   scripts/bench.sh [lab-start] [extension-payload] [--trials N] [--warmup N] [--strict]
#
# With no names, runs all. --strict exits 2 when a goal (e.g. lab-start ratio <= 1.10) is missed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FEATURELAB_ROOT"

node_version="$(node --version 2>/dev/null || true)"
[[ "$node_version" == v${FEATURELAB_NODE_MAJOR}.* ]] \
  || die "expected Node $FEATURELAB_NODE_MAJOR from $FEATURELAB_VENV, got '${node_version:-none}'; run scripts/setup.sh"
[[ -f node_modules/playwright-core/package.json ]] \
  || die "playwright-core is missing; run: npm ci --no-audit --no-fund (with PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1)"
python -c 'import jupyterlab' 2>/dev/null || die "jupyterlab is not installed in $FEATURELAB_VENV; run scripts/setup.sh"
export CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"
"$(dirname "${BASH_SOURCE[0]}")/install-chromium.sh" >/dev/null \
  || die "Chromium is not available at $CHROMIUM_BIN (see the message above)"
if ! python -c 'import importlib.metadata as m; m.version("jupyterlab-featurelab")' 2>/dev/null; then
  log "jupyterlab-featurelab is not installed: both variants will be plain JupyterLab (harness check only)"
fi

exec node --disable-warning=ExperimentalWarning bench/src/main.ts "$@"
