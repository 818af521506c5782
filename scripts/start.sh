#!/usr/bin/env bash
# Sets everything up (idempotent), then starts JupyterLab with Featurelab on the embedded defaults
# and the demo workspace, bound to 127.0.0.1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$FEATURELAB_ROOT/scripts/setup.sh"
log "starting JupyterLab in $FEATURELAB_WORKSPACE"
cd "$FEATURELAB_WORKSPACE"
# Jupyter refuses root unless told; containers and CI machines often run as root.
root_flag=(); [[ $(id -u) == 0 ]] && root_flag=(--allow-root)
exec jupyter lab "${root_flag[@]}" --ServerApp.ip=127.0.0.1 --ServerApp.port="${FEATURELAB_PORT:-8888}" \
  --ServerApp.root_dir="$FEATURELAB_WORKSPACE" "$@"
