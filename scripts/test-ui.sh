#!/usr/bin/env bash
# Runs Featurelab's Galata tests (ui-tests/) in Debian's Chromium against a fresh JupyterLab on
# 127.0.0.1, with a tiny demo workspace in a temporary directory as the server's root.
#
#   scripts/test-ui.sh [--smoke] [playwright test args...]
#
#   --smoke   only the rig's own test against plain JupyterLab (no Featurelab needed)
#
# Environment: CHROMIUM_BIN (default /usr/bin/chromium), FEATURELAB_UI_PORT (default: a free
# port), FEATURELAB_UI_KEEP=1 keeps the temporary directory (workspace, server log).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FEATURELAB_ROOT"

smoke=0
if [[ "${1:-}" == "--smoke" ]]; then
  smoke=1
  shift
fi

started=$SECONDS

# --- prerequisites: fail with the reason, never half-run ---------------------------------------
node_version="$(node --version 2>/dev/null || true)"
[[ "$node_version" == v${FEATURELAB_NODE_MAJOR}.* ]] \
  || die "expected Node $FEATURELAB_NODE_MAJOR from $FEATURELAB_VENV, got '${node_version:-none}'; run scripts/setup.sh"
[[ -f node_modules/@jupyterlab/galata/package.json && -f node_modules/@playwright/test/package.json ]] \
  || die "npm packages for ui-tests are missing; run: npm ci --no-audit --no-fund (with PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1)"
python -c 'import jupyterlab' 2>/dev/null || die "jupyterlab is not installed in $FEATURELAB_VENV; run scripts/setup.sh"

export CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"
chromium_version="$("$(dirname "${BASH_SOURCE[0]}")/install-chromium.sh")" \
  || die "Chromium is not available at $CHROMIUM_BIN (see the message above)"
log "browser: $chromium_version"

if [[ $smoke -eq 0 ]]; then
  # Listings captured first: grep -q closing the pipe early fails the pipeline under pipefail.
  lab_extensions="$(jupyter labextension list 2>&1)"
  grep -Eq 'jupyterlab-featurelab .*enabled.*OK' <<<"$lab_extensions" \
    || die "the labextension jupyterlab-featurelab is not installed and enabled (see 'jupyter labextension list'); run scripts/setup.sh, or use --smoke to test the rig alone"
  server_extensions="$(jupyter server extension list 2>&1)"
  grep -Eq 'jupyterlab_featurelab .*enabled' <<<"$server_extensions" \
    || die "the server extension jupyterlab_featurelab is not enabled (see 'jupyter server extension list'); run scripts/setup.sh"
  python -c 'import featurelab' 2>/dev/null \
    || die "the kernel helper 'featurelab' is not importable from $FEATURELAB_VENV; run scripts/setup.sh"
fi

# --- a private, throw-away environment for the server -------------------------------------------
tmp="$(mktemp -d -t featurelab-ui.XXXXXX)"
cleanup() {
  if [[ "${FEATURELAB_UI_KEEP:-0}" == 1 ]]; then
    log "kept $tmp"
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT

export FEATURELAB_UI_WORKSPACE="$tmp/workspace"
export FEATURELAB_UI_SERVER_LOGFILE="$tmp/jupyter-server.log"
export JUPYTER_CONFIG_DIR="$tmp/jupyter-config"
export JUPYTER_RUNTIME_DIR="$tmp/jupyter-runtime"
export IPYTHONDIR="$tmp/ipython"
export FEATURELAB_UI_PORT="${FEATURELAB_UI_PORT:-$(python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')}"
# Always start our own server: never reuse whatever listens on the port.
export CI="${CI:-1}"
mkdir -p "$FEATURELAB_UI_WORKSPACE" "$JUPYTER_CONFIG_DIR" "$JUPYTER_RUNTIME_DIR"

if [[ $smoke -eq 0 ]]; then
  log "preparing the tiny demo workspace in $FEATURELAB_UI_WORKSPACE"
  python -m featurelab.demo --workspace "$FEATURELAB_UI_WORKSPACE" --size tiny \
    || die "python -m featurelab.demo --workspace $FEATURELAB_UI_WORKSPACE --size tiny failed"
  # The catalog tests browse a registry: the demo specs plus the catalog fixtures (hostile
  # markdown and names, a PySpark source), applied from the workspace's spec folder (features/,
  # the service's default) before the server starts.
  mkdir -p "$FEATURELAB_UI_WORKSPACE/features"
  cp -R demo/features/. ui-tests/fixtures/catalog/. "$FEATURELAB_UI_WORKSPACE/features/"
  featurelab apply "$FEATURELAB_UI_WORKSPACE/features" --workspace "$FEATURELAB_UI_WORKSPACE" \
    --author ui-tests >"$tmp/featurelab-apply.log" 2>&1 \
    || { cat "$tmp/featurelab-apply.log" >&2; die "featurelab apply of the test workspace's specs failed (output above)"; }
else
  set -- tests/jupyterlab.spec.ts "$@"
fi

log "running Playwright (server http://127.0.0.1:$FEATURELAB_UI_PORT, log $FEATURELAB_UI_SERVER_LOGFILE)"
status=0
(cd ui-tests && npx --no-install playwright test "$@") || status=$?
log "ui tests finished in $((SECONDS - started)) s with exit status $status"
if [[ $status -ne 0 ]]; then
  if [[ -s "$FEATURELAB_UI_SERVER_LOGFILE" ]]; then
    log "last lines of the Jupyter server log:"
    tail -n 40 "$FEATURELAB_UI_SERVER_LOGFILE" >&2
  fi
  log "report: ui-tests/playwright-report/index.html; traces under ui-tests/test-results/"
fi
exit $status
