#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium (the browser for Galata and the benchmarks)
# and prints its version. Idempotent: does nothing but print the version when it is there.
# Playwright's own browser downloads are never used (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"

if [[ ! -x "$CHROMIUM_BIN" ]]; then
  [[ "$CHROMIUM_BIN" == /usr/bin/chromium ]] \
    || die "CHROMIUM_BIN=$CHROMIUM_BIN is not an executable file; unset it to use Debian's /usr/bin/chromium."
  command -v apt-get >/dev/null \
    || die "Chromium is missing at /usr/bin/chromium and apt-get is not available: install Debian's 'chromium' package, or point CHROMIUM_BIN at a Chromium binary."
  if [[ "$(id -u)" -ne 0 ]]; then
    die "Chromium is missing at /usr/bin/chromium. Install it as root: apt-get update && apt-get install -y chromium (or rerun this script as root)."
  fi
  log "installing Debian's chromium package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends chromium
  [[ -x "$CHROMIUM_BIN" ]] || die "apt-get finished but $CHROMIUM_BIN is still missing."
fi

version="$("$CHROMIUM_BIN" --version 2>/dev/null)" \
  || die "$CHROMIUM_BIN does not run ('$CHROMIUM_BIN --version' failed); check missing shared libraries with ldd."
printf '%s\n' "$version"
