#!/usr/bin/env bash
# A real Kubernetes control plane for the `k8s` test tier, built from Go modules (no container
# engine): etcd, kube-apiserver, kube-controller-manager (the Job controller), kube-scheduler and
# kwok (fake nodes with `nvidia.com/gpu` capacity whose pods run, succeed or fail). Everything
# listens on 127.0.0.1 only.
#
#   scripts/k8s.sh build    build the binaries into the cache (only when missing)
#   scripts/k8s.sh start    build if needed, start the control plane, create the GPU nodes and
#                           print `export KUBECONFIG=...`
#   scripts/k8s.sh status   exit 0 when the API server answers /readyz
#   scripts/k8s.sh env      print `export KUBECONFIG=...` for the running control plane
#   scripts/k8s.sh restart-apiserver   stop and start kube-apiserver only (used by the tests)
#   scripts/k8s.sh stop     stop every process and delete what start wrote
#
# Versions are pinned by testenv/k8s/go.mod + go.sum (one module, so shared packages compile
# once). Binaries are cached outside the repo in
#   ${XDG_CACHE_HOME:-$HOME/.cache}/featurelab/k8s-<k8s version>-<hash of go.mod+go.sum>/bin
# and rebuilt only when that directory is missing or incomplete. Builds run with `nice -n 19`
# and `-p ${FEATURELAB_K8S_BUILD_JOBS:-1}` because the machine is shared.
# Runtime state (certificates, etcd data on /dev/shm when present, logs, kubeconfig) lives in
# $FEATURELAB_K8S_DIR, by default ${TMPDIR:-/tmp}/featurelab-k8s.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

MODULE_DIR="$FEATURELAB_ROOT/testenv/k8s"
KWOK_CONFIG_DIR="$FEATURELAB_ROOT/testenv/kwok"
BINARIES=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)
# GPU nodes the tests rely on: FEATURELAB_K8S_GPU_NODES nodes × FEATURELAB_K8S_GPUS_PER_NODE GPUs.
GPU_NODES="${FEATURELAB_K8S_GPU_NODES:-2}"
GPUS_PER_NODE="${FEATURELAB_K8S_GPUS_PER_NODE:-4}"

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 2
}

k8s_version() { awk '$1 == "k8s.io/kubernetes" && $2 ~ /^v/ {print $2; exit}' "$MODULE_DIR/go.mod"; }

setup_paths() {
  export GOTOOLCHAIN=local
  command -v go >/dev/null || die "go is not on PATH: install Go >= 1.26 (the k8s tier builds its control plane from Go modules)"
  VERSION="$(k8s_version)"
  [[ -n $VERSION ]] || die "testenv/k8s/go.mod does not require k8s.io/kubernetes"
  local key
  key="$(cat "$MODULE_DIR/go.mod" "$MODULE_DIR/go.sum" | sha256sum | cut -c1-12)"
  CACHE="${FEATURELAB_K8S_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/featurelab/k8s-$VERSION-$key}"
  BIN="$CACHE/bin"
  STATE="${FEATURELAB_K8S_DIR:-${TMPDIR:-/tmp}/featurelab-k8s}"
}

have_binaries() {
  local b
  for b in "${BINARIES[@]}"; do [[ -x $BIN/$b ]] || return 1; done
}

cmd_build() {
  setup_paths
  if have_binaries; then
    log "k8s binaries for $VERSION are cached in $BIN"
    return 0
  fi
  local minor="${VERSION#v1.}"; minor="${minor%%.*}"
  local ldflags="-s -w" p
  # Version stamping as k/k's hack/lib/version.sh does it; without it the binaries report v0.0.0.
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $p.gitVersion=$VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor"
    ldflags+=" -X $p.gitTreeState=clean -X $p.buildDate=2026-01-01T00:00:00Z"
  done
  local tmp="$CACHE/bin.partial"
  rm -rf "$tmp" && mkdir -p "$tmp"
  log "building etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok ($VERSION) into $BIN (nice, -p ${FEATURELAB_K8S_BUILD_JOBS:-1}; the first build takes a while)"
  local started=$SECONDS
  (
    cd "$MODULE_DIR"
    CGO_ENABLED=0 nice -n 19 go build -p "${FEATURELAB_K8S_BUILD_JOBS:-1}" -trimpath -ldflags "$ldflags" -o "$tmp/" \
      go.etcd.io/etcd/server/v3 \
      k8s.io/kubernetes/cmd/kube-apiserver \
      k8s.io/kubernetes/cmd/kube-controller-manager \
      k8s.io/kubernetes/cmd/kube-scheduler \
      sigs.k8s.io/kwok/cmd/kwok
  ) || die "go build of the control plane failed (module testenv/k8s); see the compiler output above"
  # The etcd server package is named after its module directory.
  [[ -x $tmp/v3 ]] && mv "$tmp/v3" "$tmp/etcd"
  [[ -x $tmp/server ]] && mv "$tmp/server" "$tmp/etcd"
  rm -rf "$BIN" && mv "$tmp" "$BIN"
  have_binaries || die "the build finished but $BIN lacks one of: ${BINARIES[*]}"
  log "built in $((SECONDS - started))s: $(cd "$BIN" && du -sh -- * | tr '\t\n' '  ')"
}

# A free TCP port on 127.0.0.1 (the kernel picks it; a small race is acceptable in tests).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

pid_alive() { [[ -f $STATE/$1.pid ]] && kill -0 "$(cat "$STATE/$1.pid")" 2>/dev/null; }

# Start one component in the background, its output in $STATE/logs/<name>.log, its pid in
# $STATE/<name>.pid.
launch() {
  local name="$1"; shift
  mkdir -p "$STATE/logs"
  setsid "$@" >>"$STATE/logs/$name.log" 2>&1 < /dev/null &
  echo $! >"$STATE/$name.pid"
}

stop_component() {
  local name="$1" pid i
  [[ -f $STATE/$name.pid ]] || return 0
  pid="$(cat "$STATE/$name.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$STATE/$name.pid"
}

# curl against the API server as the admin user (no kubectl needed).
api() {
  local method="$1" path="$2"; shift 2
  curl -sS --fail-with-body --max-time 10 --cacert "$STATE/pki/ca.crt" --cert "$STATE/pki/admin.crt" \
    --key "$STATE/pki/admin.key" -X "$method" -H 'Content-Type: application/json' \
    "https://127.0.0.1:$(cat "$STATE/apiserver.port")$path" "$@"
}

wait_for() {
  local what="$1" seconds="$2" log="$3"; shift 3
  local i
  for i in $(seq 1 $((seconds * 4))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  tail -n 30 "$log" >&2 || true
  die "$what did not become ready within ${seconds}s (log: $log)"
}

make_certificates() {
  local pki="$STATE/pki"
  mkdir -p "$pki"
  (
    cd "$pki"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=featurelab-test-ca" \
      -keyout ca.key -out ca.crt 2>/dev/null
    # Serving certificate of the API server and of kwok's fake kubelet endpoint.
    openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" -keyout serving.key \
      -out serving.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc\n' >serving.ext
    openssl x509 -req -in serving.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
      -extfile serving.ext -out serving.crt 2>/dev/null
    # One administrator identity (system:masters) for the tests, the controllers and kwok.
    openssl req -newkey rsa:2048 -nodes -subj "/O=system:masters/CN=featurelab-admin" \
      -keyout admin.key -out admin.csr 2>/dev/null
    openssl x509 -req -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
      -out admin.crt 2>/dev/null
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
  ) || die "openssl could not create the test certificates in $pki"
}

write_kubeconfig() {
  local port="$1"
  cat >"$STATE/kubeconfig" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: featurelab-test
  cluster:
    server: https://127.0.0.1:$port
    certificate-authority: $STATE/pki/ca.crt
users:
- name: featurelab-admin
  user:
    client-certificate: $STATE/pki/admin.crt
    client-key: $STATE/pki/admin.key
contexts:
- name: featurelab-test
  context: {cluster: featurelab-test, user: featurelab-admin}
current-context: featurelab-test
KUBECONFIG
  chmod 600 "$STATE/kubeconfig"
}

start_etcd() {
  local data="$STATE/etcd"
  # On a tmpfs when there is one: etcd fsyncs are the slowest part of a test cluster.
  if [[ -d /dev/shm && -w /dev/shm ]]; then
    data="/dev/shm/featurelab-k8s-etcd-$(basename "$STATE")-$$"
    echo "$data" >"$STATE/etcd.dir"
  fi
  local client peer
  client="$(free_port)"; peer="$(free_port)"
  echo "$client" >"$STATE/etcd.port"
  launch etcd "$BIN/etcd" --name n0 --data-dir "$data" \
    --listen-client-urls "http://127.0.0.1:$client" --advertise-client-urls "http://127.0.0.1:$client" \
    --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
    --initial-cluster "n0=http://127.0.0.1:$peer" --listen-metrics-urls "http://127.0.0.1:$(free_port)" \
    --unsafe-no-fsync --log-level=warn
  wait_for etcd 30 "$STATE/logs/etcd.log" curl -sf "http://127.0.0.1:$client/health"
}

start_apiserver() {
  local port
  port="$(cat "$STATE/apiserver.port")"
  local pki="$STATE/pki"
  launch kube-apiserver "$BIN/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$(cat "$STATE/etcd.port")" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$port" \
    --tls-cert-file "$pki/serving.crt" --tls-private-key-file "$pki/serving.key" \
    --client-ca-file "$pki/ca.crt" \
    --kubelet-client-certificate "$pki/admin.crt" --kubelet-client-key "$pki/admin.key" \
    --kubelet-preferred-address-types InternalIP \
    --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
    --service-cluster-ip-range 10.0.0.0/24 --authorization-mode RBAC \
    --endpoint-reconciler-type none --enable-priority-and-fairness=false \
    --allow-privileged=true --watch-cache=true --profiling=false --v=0 \
    `# No node lifecycle controller runs: new nodes must not wait for it to lift a not-ready taint.` \
    --disable-admission-plugins TaintNodesByCondition
  wait_for kube-apiserver 90 "$STATE/logs/kube-apiserver.log" api GET /readyz
}

start_controllers() {
  local pki="$STATE/pki"
  # Only the controllers the tests need: Jobs create pods, the garbage collector deletes what a
  # deleted Job owned, service accounts let pods be admitted in new namespaces.
  launch kube-controller-manager "$BIN/kube-controller-manager" --kubeconfig "$STATE/kubeconfig" \
    --leader-elect=false --bind-address 127.0.0.1 --secure-port "$(free_port)" \
    --controllers job-controller,garbage-collector-controller,namespace-controller,serviceaccount-controller,serviceaccount-token-controller,pod-garbage-collector-controller,ttl-after-finished-controller \
    --root-ca-file "$pki/ca.crt" --service-account-private-key-file "$pki/sa.key" \
    --use-service-account-credentials=false --profiling=false
  launch kube-scheduler "$BIN/kube-scheduler" --kubeconfig "$STATE/kubeconfig" \
    --leader-elect=false --bind-address 127.0.0.1 --secure-port "$(free_port)" --profiling=false
  local kwok_port
  kwok_port="$(free_port)"
  {
    cat "$KWOK_CONFIG_DIR/stages.yaml"
    # Every container's log is this file, so `kubectl logs -f` (and the backend's log stream)
    # has something to follow through the real API server.
    printf -- '---\napiVersion: kwok.x-k8s.io/v1alpha1\nkind: ClusterLogs\nmetadata: {name: featurelab-logs}\nspec:\n  selector: {}\n  logs:\n  - containers: []\n    logsFile: %s\n    follow: true\n' "$STATE/pod.log"
  } >"$STATE/kwok.yaml"
  # CRI log format (what kwok parses): time, stream, F(ull line), text.
  printf '%s stdout F featurelab fake training log line %s\n' \
    2026-01-01T00:00:00.000000000Z 1 2026-01-01T00:00:01.000000000Z 2 >"$STATE/pod.log"
  launch kwok "$BIN/kwok" --kubeconfig "$STATE/kubeconfig" --config "$STATE/kwok.yaml" \
    --manage-all-nodes=false --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
    --node-ip 127.0.0.1 --node-name localhost --node-port "$kwok_port" \
    --server-address "127.0.0.1:$kwok_port" --tls-cert-file "$pki/serving.crt" \
    --tls-private-key-file "$pki/serving.key" --node-lease-duration-seconds 40 --cidr 10.244.0.0/16
}

create_gpu_nodes() {
  local i name
  for i in $(seq 0 $((GPU_NODES - 1))); do
    name="gpu-node-$i"
    api POST /api/v1/nodes -d "{
      \"apiVersion\": \"v1\", \"kind\": \"Node\",
      \"metadata\": {\"name\": \"$name\",
        \"annotations\": {\"kwok.x-k8s.io/node\": \"fake\", \"node.alpha.kubernetes.io/ttl\": \"0\"},
        \"labels\": {\"type\": \"kwok\", \"kubernetes.io/hostname\": \"$name\",
          \"nvidia.com/gpu.product\": \"NVIDIA-A100-SXM4-40GB\"}},
      \"spec\": {\"taints\": [{\"key\": \"kwok.x-k8s.io/node\", \"value\": \"fake\", \"effect\": \"NoSchedule\"}]},
      \"status\": {
        \"capacity\": {\"cpu\": \"32\", \"memory\": \"256Gi\", \"pods\": \"1000\", \"nvidia.com/gpu\": \"$GPUS_PER_NODE\"},
        \"allocatable\": {\"cpu\": \"32\", \"memory\": \"256Gi\", \"pods\": \"1000\", \"nvidia.com/gpu\": \"$GPUS_PER_NODE\"}}
    }" >/dev/null || die "could not create node $name"
  done
  # kwok only manages the nodes after they exist; wait until each reports Ready.
  local ready
  for i in $(seq 1 120); do
    ready="$(api GET '/api/v1/nodes?labelSelector=type%3Dkwok' | python3 -c 'import json,sys; print(sum(1 for n in json.load(sys.stdin)["items"] if any(c["type"]=="Ready" and c["status"]=="True" for c in n["status"].get("conditions",[]))))')"
    [[ $ready == "$GPU_NODES" ]] && return 0
    sleep 0.25
  done
  tail -n 30 "$STATE/logs/kwok.log" >&2
  die "kwok did not make the $GPU_NODES GPU nodes Ready within 30s (log: $STATE/logs/kwok.log)"
}

cmd_start() {
  setup_paths
  if [[ -f $STATE/kubeconfig ]] && pid_alive kube-apiserver; then
    log "the control plane already runs ($STATE)"
    cmd_env
    return 0
  fi
  cmd_build
  command -v openssl >/dev/null || die "openssl is missing: install it (Debian: apt-get install openssl)"
  command -v curl >/dev/null || die "curl is missing: install it (Debian: apt-get install curl)"
  cmd_stop quiet
  mkdir -p "$STATE"
  chmod 700 "$STATE"
  local started=$SECONDS
  make_certificates
  free_port >"$STATE/apiserver.port"
  write_kubeconfig "$(cat "$STATE/apiserver.port")"
  start_etcd
  start_apiserver
  start_controllers
  create_gpu_nodes
  # The default service account must exist before pods can be admitted in `default`.
  wait_for "the default service account" 30 "$STATE/logs/kube-controller-manager.log" \
    api GET /api/v1/namespaces/default/serviceaccounts/default
  log "control plane ready in $((SECONDS - started))s: $GPU_NODES kwok nodes × $GPUS_PER_NODE nvidia.com/gpu; state in $STATE"
  cmd_env
}

cmd_env() {
  setup_paths
  [[ -f $STATE/kubeconfig ]] || die "no control plane runs (no $STATE/kubeconfig): run scripts/k8s.sh start"
  printf 'export KUBECONFIG=%q\n' "$STATE/kubeconfig"
  printf 'export FEATURELAB_K8S_DIR=%q\n' "$STATE"
}

cmd_status() {
  setup_paths
  [[ -f $STATE/kubeconfig ]] && pid_alive kube-apiserver && api GET /readyz >/dev/null 2>&1
}

cmd_restart_apiserver() {
  setup_paths
  [[ -f $STATE/apiserver.port ]] || die "no control plane runs: run scripts/k8s.sh start"
  stop_component kube-apiserver
  start_apiserver
}

cmd_stop() {
  setup_paths
  local name
  for name in kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
    stop_component "$name"
  done
  if [[ -f $STATE/etcd.dir ]]; then rm -rf -- "$(cat "$STATE/etcd.dir")"; fi
  # Only what start wrote, so a mistaken FEATURELAB_K8S_DIR never loses anything else.
  rm -rf -- "$STATE/pki" "$STATE/logs" "$STATE/etcd" "$STATE"/*.pid "$STATE"/*.port \
    "$STATE/etcd.dir" "$STATE/kubeconfig" "$STATE/kwok.yaml" "$STATE/pod.log"
  rmdir -- "$STATE" 2>/dev/null || true
  [[ ${1:-} == quiet ]] || log "control plane stopped"
}

main() {
  local command="${1:-}"
  case "$command" in
    build) cmd_build ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) cmd_env ;;
    restart-apiserver) cmd_restart_apiserver ;;
    *) usage ;;
  esac
}

main "$@"
