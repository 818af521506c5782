#!/usr/bin/env bash
# Binder tier: repo2docker needs Docker, which this machine lacks, so this runs Binder's own
# steps the way repo2docker does — postBuild from the repo root with Binder's Python first on
# PATH (here a fresh venv standing for Binder's environment) — then checks what Binder users get:
# both extensions OK in that environment, the demo workspace with its notebooks, and
# binder/start exporting the workspace for the kernel helper.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FEATURELAB_ROOT"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
grep -qx 'openjdk-17-jre-headless' binder/apt.txt || die "binder/apt.txt must install Java 17 for Spark"

base_python="$(python -c 'import sys; print(sys._base_executable)')"
"$base_python" -m venv "$tmp/binder-env"
log "running binder/postBuild into a fresh environment"
env -u FEATURELAB_VENV -u FEATURELAB_WORKSPACE HOME="$tmp/home" \
  PATH="$tmp/binder-env/bin:/usr/local/bin:/usr/bin:/bin" binder/postBuild

workspace="$tmp/home/workspace"
for notebook in 01-explore-demo-tables.ipynb 02-user-features.ipynb; do
  [[ -f $workspace/$notebook ]] || die "postBuild left no $notebook in $workspace"
done
[[ -f $workspace/.featurelab/warehouse.json ]] || die "postBuild left no demo warehouse manifest"
[[ -f $workspace/features/training.yaml ]] || die "postBuild left no demo feature specs in $workspace/features"
plan="$(cd "$workspace" && PATH="$tmp/binder-env/bin:$PATH" featurelab plan features --json)" \
  || die "featurelab plan of the demo specs failed in Binder's environment: $plan"
python - "$plan" <<'PY' || die "the demo specs are not applied in Binder's workspace: $plan"
import json, sys
summary = json.loads(sys.argv[1])["summary"]
sys.exit(0 if summary["unchanged"] > 0 and summary["create"] + summary["update"] + summary["delete"] == 0 else 1)
PY
server_extensions="$("$tmp/binder-env/bin/jupyter" server extension list 2>&1)"
grep -q "jupyterlab_featurelab.*OK" <<<"$server_extensions" || die "server extension not OK in Binder's environment"
lab_extensions="$("$tmp/binder-env/bin/jupyter" labextension list 2>&1)"
grep -q "jupyterlab-featurelab.*enabled.*OK" <<<"$lab_extensions" || die "labextension not OK in Binder's environment"
seen="$(HOME="$tmp/home" binder/start bash -c 'echo "$FEATURELAB_WORKSPACE"')"
[[ $seen == "$workspace" ]] || die "binder/start points the kernel helper at '$seen', not $workspace"
log "binder: postBuild and start work; workspace $workspace"
