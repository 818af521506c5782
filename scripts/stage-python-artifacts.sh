#!/usr/bin/env bash
# Copies the built service bundle into the Python package, where the wheel and the server
# extension expect it (jupyterlab_featurelab/service/featurelab.mjs). Run after `npm run build`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

src="$FEATURELAB_ROOT/server-ext/dist/featurelab.mjs"
dest_dir="$FEATURELAB_ROOT/server-ext/python/jupyterlab_featurelab/service"

[[ -f "$src" ]] || die "$src is missing: build the service first (npm run build)."

# Start from an empty folder so nothing stale from an older build ends up in the wheel.
rm -rf "$dest_dir"
mkdir -p "$dest_dir"
cp "$src" "$dest_dir/featurelab.mjs"

# Smoke check: the staged bundle runs on the Node the package will use.
node --disable-warning=ExperimentalWarning "$dest_dir/featurelab.mjs" --help >/dev/null \
  || die "the staged service does not run: node $dest_dir/featurelab.mjs --help failed."
log "staged the service bundle into ${dest_dir#"$FEATURELAB_ROOT"/}"
