#!/usr/bin/env bash
# A throwaway PostgreSQL server for the PostgreSQL registry tests and for trying a team registry
# locally. Debian's server binaries, a private cluster outside the repo, 127.0.0.1 only.
#
#   scripts/postgres.sh start           init the cluster if needed, start it, print the URL
#   scripts/postgres.sh url             print the URL of the running server
#   scripts/postgres.sh status          exit 0 when it runs
#   scripts/postgres.sh stop [--keep]   stop it and delete the cluster (--keep: keep the data
#                                       for a faster next start)
#
# The cluster lives in $FEATURELAB_POSTGRES_DIR, by default
# ${XDG_CACHE_HOME:-$HOME/.cache}/featurelab/postgres-<major> (as root:
# /var/tmp/featurelab/postgres-<major>, because the server runs as the `postgres` system user
# and cannot enter /root). Every command is idempotent.
#
# Access: the role `featurelab` (database `featurelab`) with a random password over TCP on
# 127.0.0.1 (scram-sha-256); the superuser only through the cluster's own Unix socket.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

ROLE=featurelab
DATABASE=featurelab

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# Newest Debian server installation: /usr/lib/postgresql/<major>/bin.
find_bindir() {
  local dir best=""
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x $dir/initdb && -x $dir/pg_ctl && -x $dir/psql ]] || continue
    if [[ -z $best ]] || (($(basename "$(dirname "$dir")") > $(basename "$(dirname "$best")"))); then
      best=$dir
    fi
  done
  printf '%s' "$best"
}

ensure_installed() {
  BINDIR="$(find_bindir)"
  [[ -n $BINDIR ]] && return 0
  if ((EUID != 0)); then
    die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin. Install Debian's server: sudo apt-get install -y --no-install-recommends postgresql"
  fi
  command -v apt-get >/dev/null || die "PostgreSQL is not installed and apt-get is missing: install a PostgreSQL server (initdb, pg_ctl, psql) under /usr/lib/postgresql/<major>/bin"
  log "installing Debian's postgresql (apt-get)"
  apt-get update -qq || die "apt-get update failed; check the network or the apt sources"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null ||
    die "apt-get install postgresql failed"
  BINDIR="$(find_bindir)"
  [[ -n $BINDIR ]] || die "postgresql was installed but no /usr/lib/postgresql/*/bin/initdb was found"
}

setup_paths() {
  ensure_installed
  MAJOR="$(basename "$(dirname "$BINDIR")")"
  if [[ -n ${FEATURELAB_POSTGRES_DIR:-} ]]; then
    BASE="$FEATURELAB_POSTGRES_DIR"
  elif ((EUID == 0)); then
    BASE="/var/tmp/featurelab/postgres-$MAJOR"
  else
    BASE="${XDG_CACHE_HOME:-$HOME/.cache}/featurelab/postgres-$MAJOR"
  fi
  DATA="$BASE/data"
  SOCKETS="$BASE/run"
  LOGFILE="$BASE/server.log"
}

# Run a server binary as the cluster's owner: PostgreSQL refuses to run as root.
as_owner() {
  if ((EUID == 0)); then
    id -u postgres >/dev/null 2>&1 || die "the postgres system user is missing; reinstall Debian's postgresql-common"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

is_running() {
  [[ -f $DATA/PG_VERSION ]] && as_owner "$BINDIR/pg_ctl" status -D "$DATA" >/dev/null 2>&1
}

free_port() {
  # Bind port 0 on loopback and report what the kernel chose (node is always there: env.sh).
  node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close();});'
}

init_cluster() {
  log "creating a PostgreSQL $MAJOR cluster in $BASE"
  mkdir -p "$BASE"
  chmod 755 "$BASE"
  # The server user must be able to reach $BASE.
  if ((EUID == 0)); then
    local parent="$BASE"
    while parent="$(dirname "$parent")" && [[ $parent != / ]]; do
      runuser -u postgres -- test -x "$parent" ||
        die "the postgres user cannot enter $parent; set FEATURELAB_POSTGRES_DIR to a folder outside it (e.g. /var/tmp/featurelab-pg)"
    done
  fi
  install -d -m 700 "$DATA" "$SOCKETS"
  ((EUID == 0)) && chown postgres:postgres "$DATA" "$SOCKETS"
  # Password for the test role, readable by the invoking user only.
  (umask 077 && od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$BASE/password")
  as_owner "$BINDIR/initdb" -D "$DATA" -U postgres --no-locale -E UTF8 --no-sync \
    --auth-local=trust --auth-host=scram-sha-256 >"$BASE/initdb.log" 2>&1 ||
    die "initdb failed; see $BASE/initdb.log"
  # Settings that change per start (port) live in featurelab.conf, written before each start.
  echo "include_if_exists = 'featurelab.conf'" | as_owner tee -a "$DATA/postgresql.conf" >/dev/null
  touch "$BASE/.needs-role"
}

write_settings() {
  local port="$1"
  as_owner tee "$DATA/featurelab.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$SOCKETS'
max_connections = 50
EOF
}

superuser_sql() {
  as_owner "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKETS" -p "$(cat "$BASE/port")" -U postgres -d postgres "$@"
}

create_role() {
  local password
  password="$(cat "$BASE/password")"
  # psql's :'name' quotes the value as a literal; nothing is pasted into SQL by the shell.
  superuser_sql -v role="$ROLE" -v password="$password" -v db="$DATABASE" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role') \gexec
SQL
  rm -f "$BASE/.needs-role"
}

url() {
  printf 'postgresql://%s:%s@127.0.0.1:%s/%s\n' "$ROLE" "$(cat "$BASE/password")" "$(cat "$BASE/port")" "$DATABASE"
}

cmd_start() {
  setup_paths
  if is_running; then
    url
    return 0
  fi
  [[ -f $DATA/PG_VERSION ]] || init_cluster
  local attempt port
  for attempt in 1 2 3; do
    port="$(free_port)"
    write_settings "$port"
    echo "$port" >"$BASE/port"
    : >"$LOGFILE"
    ((EUID == 0)) && chown postgres:postgres "$LOGFILE"
    if as_owner "$BINDIR/pg_ctl" start -D "$DATA" -l "$LOGFILE" -w -t 30 >/dev/null; then
      break
    fi
    # Someone took the port between the probe and the bind; try another one.
    ((attempt == 3)) && die "PostgreSQL did not start; see $LOGFILE: $(tail -n 3 "$LOGFILE" | tr '\n' ' ')"
  done
  [[ -f $BASE/.needs-role ]] && create_role
  url
}

cmd_stop() {
  local keep="$1"
  setup_paths
  if is_running; then
    as_owner "$BINDIR/pg_ctl" stop -D "$DATA" -m fast -w >/dev/null || die "pg_ctl stop failed; see $LOGFILE"
  fi
  if [[ $keep != keep && -d $BASE ]]; then
    rm -rf "$BASE"
  fi
}

cmd_url() {
  setup_paths
  is_running || die "PostgreSQL is not running (cluster $BASE); run scripts/postgres.sh start"
  url
}

command="${1:-}"
option="${2:-}"
case "$command:$option" in
  start:) cmd_start ;;
  stop:) cmd_stop purge ;;
  stop:--keep) cmd_stop keep ;;
  url:) cmd_url ;;
  status:) setup_paths && is_running ;;
  *) usage ;;
esac
