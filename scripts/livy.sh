#!/usr/bin/env bash
# A real Apache Livy server for the `livy` test tier and for trying the Livy job backend
# locally: assembled from Maven Central jars, running Spark from the venv's pip pyspark, on
# 127.0.0.1 only.
#
#   scripts/livy.sh build            assemble Livy into the cache (only when missing)
#   scripts/livy.sh start            build if needed, start Livy, print its URL
#   scripts/livy.sh url              print the URL of the running server
#   scripts/livy.sh status           exit 0 when Livy answers GET /version
#   scripts/livy.sh restart          stop and start Livy on the same port (used by the tests)
#   scripts/livy.sh stop             stop it and delete its state directory
#
# Which Livy: 0.7.1-incubating, the newest release on the Maven Central this project reaches.
# 0.8.0 and 0.9.0 (the ones that support Spark 3) are absent there, as are all livy-repl jars,
# so interactive sessions cannot start on this server (they fail with Livy's "Cannot find Livy
# REPL jars"); batches work. Livy 0.7.1 refuses Spark >= 3.0 at start-up from the output of
# `spark-submit --version`, so Livy gets a SPARK_HOME whose bin/spark-submit answers --version
# as Spark 2.4 / Scala 2.11 and runs the real pyspark spark-submit for everything else.
#
# Jars are cached outside the repo in
#   ${XDG_CACHE_HOME:-$HOME/.cache}/featurelab/livy-<version>/jars
# resolved by Maven (dependency:copy-dependencies of a generated pom; Maven's own cache is
# ~/.m2) and rebuilt only when missing. Runtime state (livy.conf, logs, pid, port) lives in
# $FEATURELAB_LIVY_DIR, by default ${TMPDIR:-/tmp}/featurelab-livy. Livy 0.7.1 recovers sessions
# only on YARN, so a restarted Livy has forgotten the batches of the one before.
#
# Settings (environment):
#   FEATURELAB_LIVY_WHITELIST   comma-separated folders whose files batches may run
#                               (default: $FEATURELAB_WORKSPACE)
#   FEATURELAB_LIVY_MASTER      Spark master of the jobs (default: local[1])
#   FEATURELAB_LIVY_MAX_SESSIONS  livy.server.session.max-creation (default: 100)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

LIVY_VERSION=0.7.1-incubating
# What Livy is told about Spark (see the header); the real version is pip's pyspark.
SPARK_VERSION_SHOWN_TO_LIVY="2.4.8"
SCALA_VERSION_SHOWN_TO_LIVY="2.11.12"

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 2
}

setup_paths() {
  CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/featurelab/livy-$LIVY_VERSION"
  JARS="$CACHE/jars"
  STATE="${FEATURELAB_LIVY_DIR:-${TMPDIR:-/tmp}/featurelab-livy}"
  CONF="$STATE/conf"
  LOGFILE="$STATE/livy.log"
  PIDFILE="$STATE/livy.pid"
  PORTFILE="$STATE/port"
}

java_home() {
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
    printf '%s' "$JAVA_HOME"
    return
  fi
  local java
  java="$(command -v java)" || die "java is not installed: Livy needs Java 17 (Debian: apt-get install -y openjdk-17-jre-headless)"
  dirname "$(dirname "$(readlink -f "$java")")"
}

spark_home() {
  python -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))' 2>/dev/null ||
    die "pyspark is not installed in $FEATURELAB_VENV: run scripts/setup.sh"
}

cmd_build() {
  setup_paths
  if [[ -f $JARS/.complete ]]; then
    return 0
  fi
  command -v mvn >/dev/null || die "mvn is not installed: Livy's jars are resolved with Maven (Debian: apt-get install -y maven)"
  log "assembling Apache Livy $LIVY_VERSION from Maven Central into $CACHE"
  local started=$SECONDS work
  work="$(mktemp -d "${TMPDIR:-/tmp}/featurelab-livy-build.XXXXXX")"
  # The server and its runtime dependencies, all Scala 2.11 as Livy 0.7.1 publishes them; the
  # server JVM is separate from Spark's, so they do not meet Spark 3.5's Scala 2.12 jars.
  cat >"$work/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.featurelab.testenv</groupId>
  <artifactId>livy-server-assembly</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.livy</groupId>
      <artifactId>livy-server</artifactId>
      <version>$LIVY_VERSION</version>
    </dependency>
  </dependencies>
</project>
EOF
  rm -rf "$JARS.partial"
  if ! nice -n 10 mvn -B -q -f "$work/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$JARS.partial" >"$work/mvn.log" 2>&1; then
    die "Maven could not resolve org.apache.livy:livy-server:$LIVY_VERSION; see $work/mvn.log: $(grep -m1 ERROR "$work/mvn.log" || tail -n 3 "$work/mvn.log")"
  fi
  [[ -f $JARS.partial/livy-server-$LIVY_VERSION.jar ]] || die "Maven finished but livy-server-$LIVY_VERSION.jar is not in $JARS.partial"
  rm -rf "$JARS"
  mv "$JARS.partial" "$JARS"
  touch "$JARS/.complete"
  rm -rf "$work"
  log "Livy assembled in $((SECONDS - started)) s ($(find "$JARS" -name '*.jar' | wc -l) jars)"
}

is_running() {
  [[ -f $PIDFILE ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

url() { printf 'http://127.0.0.1:%s\n' "$(cat "$PORTFILE")"; }

answers() {
  curl -fsS -m 2 -o /dev/null "$(url)/version" 2>/dev/null
}

free_port() {
  node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close();});'
}

write_config() {
  local port="$1" spark_home="$2"
  mkdir -p "$CONF" "$STATE/spark-home/bin"
  # SPARK_HOME as Livy sees it: --version answers what Livy 0.7.1 accepts, the rest is pyspark.
  cat >"$STATE/spark-home/bin/spark-submit" <<EOF
#!/usr/bin/env bash
if [[ \$# -eq 1 && \$1 == --version ]]; then
  echo "version $SPARK_VERSION_SHOWN_TO_LIVY"
  echo "Using Scala version $SCALA_VERSION_SHOWN_TO_LIVY, featurelab shim for Livy $LIVY_VERSION"
  exit 0
fi
export SPARK_HOME='$spark_home'
exec '$spark_home/bin/spark-submit' "\$@"
EOF
  chmod +x "$STATE/spark-home/bin/spark-submit"
  local whitelist="${FEATURELAB_LIVY_WHITELIST:-$FEATURELAB_WORKSPACE}"
  cat >"$CONF/livy.conf" <<EOF
livy.server.host = 127.0.0.1
livy.server.port = $port
livy.spark.master = ${FEATURELAB_LIVY_MASTER:-local[1]}
livy.spark.deploy-mode = client
livy.file.local-dir-whitelist = $whitelist,$spark_home/examples/src/main/python
livy.server.csrf-protection.enabled = true
livy.server.session.timeout-check = true
livy.server.session.timeout = 15m
livy.server.session.max-creation = ${FEATURELAB_LIVY_MAX_SESSIONS:-100}
livy.impersonation.enabled = true
livy.cache-log.size = 10000
EOF
  cat >"$CONF/livy-client.conf" <<EOF
livy.rsc.rpc.server.address = 127.0.0.1
livy.rsc.launcher.address = 127.0.0.1
livy.rsc.server.connect.timeout = 180s
EOF
  cat >"$CONF/log4j.properties" <<EOF
log4j.rootCategory=INFO, console
log4j.appender.console=org.apache.log4j.ConsoleAppender
log4j.appender.console.target=System.err
log4j.appender.console.layout=org.apache.log4j.PatternLayout
log4j.appender.console.layout.ConversionPattern=%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n
log4j.logger.org.eclipse.jetty=WARN
EOF
}

launch() {
  local port="$1" spark_home java
  spark_home="$(spark_home)"
  java="$(java_home)/bin/java"
  write_config "$port" "$spark_home"
  echo "$port" >"$PORTFILE"
  : >"$LOGFILE"
  local opens=() package
  # Livy 0.7.1 predates Java 17; these are the packages its reflection and netty reach into.
  for package in java.lang.invoke java.lang java.nio java.util java.util.concurrent.atomic sun.nio.ch java.net java.io sun.util.calendar; do
    opens+=("--add-opens=java.base/$package=ALL-UNNAMED")
  done
  (
    cd "$STATE"
    mkdir -p "$STATE/logs"
    export LIVY_HOME="$CACHE" LIVY_CONF_DIR="$CONF" LIVY_LOG_DIR="$STATE/logs" SPARK_HOME="$STATE/spark-home"
    export PYSPARK_PYTHON="${PYSPARK_PYTHON:-$FEATURELAB_VENV/bin/python}"
    export SPARK_LOCAL_IP=127.0.0.1
    exec setsid "$java" -Xmx512m -XX:+IgnoreUnrecognizedVMOptions "${opens[@]}" \
      -cp "$JARS/*:$CONF" org.apache.livy.server.LivyServer >>"$LOGFILE" 2>&1 </dev/null
  ) &
  echo $! >"$PIDFILE"
  local deadline=$((SECONDS + 60))
  until answers; do
    if ! is_running; then
      die "Livy exited during start-up; see $LOGFILE: $(grep -m1 -E 'Exception|Error' "$LOGFILE" || tail -n 3 "$LOGFILE")"
    fi
    ((SECONDS < deadline)) || die "Livy did not answer $(url)/version within 60 s; see $LOGFILE"
    sleep 0.3
  done
}

cmd_start() {
  cmd_build
  setup_paths
  if is_running && answers; then
    url
    return 0
  fi
  mkdir -p "$STATE"
  local started=$SECONDS
  launch "$(free_port)"
  log "Livy $LIVY_VERSION ready in $((SECONDS - started)) s at $(url) (log: $LOGFILE)"
  url
}

stop_server() {
  is_running || return 0
  local pid
  pid="$(cat "$PIDFILE")"
  # The server and the spark-submit processes it started share its session (setsid).
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 20))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$PIDFILE"
}

cmd_restart() {
  setup_paths
  [[ -f $PORTFILE ]] || die "Livy was never started in $STATE; run scripts/livy.sh start"
  local port
  port="$(cat "$PORTFILE")"
  stop_server
  launch "$port"
  url
}

cmd_stop() {
  setup_paths
  stop_server
  rm -rf "$STATE"
}

cmd_url() {
  setup_paths
  is_running || die "Livy is not running (state $STATE); run scripts/livy.sh start"
  url
}

case "${1:-}" in
  build) cmd_build ;;
  start) cmd_start ;;
  url) cmd_url ;;
  status) setup_paths && is_running && answers ;;
  restart) cmd_restart ;;
  stop) cmd_stop ;;
  *) usage ;;
esac
