#!/usr/bin/env bash
# Runs every test tier on a fresh or warm machine: it installs what the tiers need first (the
# same setup as `make start`, plus Debian's Chromium for the browser tier). A tier that cannot run
# fails with the reason; nothing is skipped silently.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FEATURELAB_ROOT"

declare -a tier_names=() tier_results=() tier_seconds=()
failed=0

run_tier() {
  local name="$1"; shift
  log "tier $name: $*"
  local started=$SECONDS
  if "$@"; then tier_results+=(passed); else tier_results+=(FAILED); failed=$((failed + 1)); fi
  tier_names+=("$name"); tier_seconds+=($((SECONDS - started)))
}

summary() {
  log "summary (seconds per tier):"
  local i passed=0
  for i in "${!tier_names[@]}"; do
    printf '  %-12s %-7s %5ss\n' "${tier_names[$i]}" "${tier_results[$i]}" "${tier_seconds[$i]}" >&2
    [[ ${tier_results[$i]} == passed ]] && passed=$((passed + 1))
  done
  echo "tiers: $passed passed, $failed failed"
}

run_tier setup scripts/setup.sh --no-demo
if [[ ${tier_results[0]} != passed ]]; then summary; exit 1; fi
run_tier chromium scripts/install-chromium.sh
run_tier lint npm run --silent lint
run_tier unit-ts npx vitest run
run_tier postgres scripts/test-postgres.sh
run_tier livy scripts/test-livy.sh
run_tier k8s scripts/test-k8s.sh
run_tier wheel scripts/test-wheel.sh
run_tier python python -m pytest -q
run_tier ui scripts/test-ui.sh
run_tier binder scripts/test-binder.sh
summary
((failed == 0))
