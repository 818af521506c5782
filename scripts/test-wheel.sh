#!/usr/bin/env bash
# Packaging tier: build the wheel, install it into a brand-new venv, and use it with NO Node on
# PATH: both extensions must be listed OK, the `featurelab` CLI must run on the wheel's Node, and
# a real Jupyter server must answer /featurelab/api/status with the service ready.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FEATURELAB_ROOT"

tmp="$(mktemp -d)"
server_pid=""
cleanup() { [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

log "building the wheel"
python -m pip wheel -q --no-deps --no-build-isolation -w "$tmp/dist" .
wheel="$(ls "$tmp"/dist/jupyterlab_featurelab-*.whl)"
python -m zipfile -l "$wheel" >"$tmp/wheel-members.txt"
for member in jupyterlab_featurelab/service/featurelab.mjs \
  jupyterlab_featurelab-0.1.0.data/data/share/jupyter/labextensions/jupyterlab-featurelab/package.json \
  jupyterlab_featurelab-0.1.0.data/data/etc/jupyter/jupyter_server_config.d/jupyterlab_featurelab.json \
  featurelab/bridge.py; do
  grep -q "$member" "$tmp/wheel-members.txt" || die "the wheel lacks $member"
done

log "installing it into a fresh venv"
base_python="$(python -c 'import sys; print(sys._base_executable)')"
"$base_python" -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install -q -c constraints.txt "$wheel"

# Only the new venv on PATH: no system Node, no repo venv.
clean_env=(env -i "HOME=$HOME" "PATH=$tmp/venv/bin" "LANG=C.UTF-8" "JUPYTER_CONFIG_DIR=$tmp/config"
  "JUPYTER_DATA_DIR=$tmp/data" "JUPYTER_RUNTIME_DIR=$tmp/runtime")
if "${clean_env[@]}" bash -c 'command -v node' >/dev/null 2>&1; then die "node is on the clean PATH"; fi

"${clean_env[@]}" jupyter server extension list 2>&1 | tee "$tmp/server-ext.txt" >/dev/null
grep -q "jupyterlab_featurelab.*OK" "$tmp/server-ext.txt" || { cat "$tmp/server-ext.txt"; die "server extension not enabled and OK"; }
"${clean_env[@]}" jupyter labextension list 2>&1 | tee "$tmp/labext.txt" >/dev/null
grep -q "jupyterlab-featurelab.*enabled.*OK" "$tmp/labext.txt" || { cat "$tmp/labext.txt"; die "labextension not enabled and OK"; }
help_text="$("${clean_env[@]}" featurelab --help)"
grep -q doctor <<<"$help_text" || die "featurelab --help does not list doctor"
"${clean_env[@]}" featurelab version --json | python -c 'import json,sys; v=json.load(sys.stdin); assert v["node"].startswith("v24."), v; print("featurelab version:", v)'

log "starting a Jupyter server from the fresh venv"
port="$(python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
token="wheel-test-$RANDOM$RANDOM"
mkdir -p "$tmp/root"
root_flag=(); [[ $(id -u) == 0 ]] && root_flag=(--allow-root)
"${clean_env[@]}" jupyter server "${root_flag[@]}" --ServerApp.ip=127.0.0.1 --ServerApp.port="$port" \
  --IdentityProvider.token="$token" --ServerApp.root_dir="$tmp/root" --no-browser \
  >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 60); do
  if status="$(curl -sf -H "Authorization: token $token" "http://127.0.0.1:$port/featurelab/api/status")" \
    && [[ $(python -c 'import json,sys; print(json.loads(sys.argv[1])["service"]["state"])' "$status") == ready ]]; then
    log "status: $status"
    exit 0
  fi
  sleep 1
done
cat "$tmp/server.log" >&2
die "the Featurelab service did not report ready within 60 s"
