#!/usr/bin/env bash
# Starts a single-node Kubernetes on this machine, every endpoint on 127.0.0.1:
#   containerd (a separate instance: own root, state and socket; Docker's is left alone), etcd,
#   kube-apiserver, kube-controller-manager, kube-scheduler and a kubelet whose node is named `localhost`.
# Needs root and the output of ci/k8s/build.sh. Everything lives in $BUILDKIT_K8S_STATE (default
# /tmp/buildkit-k8s); ci/k8s/down.sh stops it all. When it is ready, it writes $BUILDKIT_K8S_STATE/env.sh,
# which exports KUBECONFIG (cluster-admin). Running it again while the cluster is healthy only imports the
# image archives containerd lacks (new or rebuilt by build.sh).
#
# Network: nothing here sends to a non-loopback address. Pods sit on a host-only bridge without a gateway
# (the host has no route to them, they have none out); their DNS points at their own loopback; containerd
# is given a dead loopback proxy, so a pull of an image that was not imported fails at once instead of
# reaching a registry.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
K8S_VERSION="${K8S_VERSION:-1.33.13}"
CACHE="${BUILDKIT_K8S_CACHE:-/var/cache/buildkit-k8s}"
STATE="${BUILDKIT_K8S_STATE:-/tmp/buildkit-k8s}"
BIN="$CACHE/v$K8S_VERSION/bin"
IMAGES="$CACHE/images"
API_PORT="${BUILDKIT_K8S_API_PORT:-16443}"
ETCD_PORT="${BUILDKIT_K8S_ETCD_PORT:-22379}"
KUBELET_PORT="${BUILDKIT_K8S_KUBELET_PORT:-10250}"
READY_TIMEOUT="${BUILDKIT_K8S_READY_TIMEOUT:-120}"
BRIDGE=ck8s0
POD_SUBNET=10.244.77.0/24
SERVICE_RANGE=10.96.0.0/24
NODE=localhost

RUN="$STATE/run"           # pid files, sockets
LOGS="$STATE/logs"
PKI="$STATE/pki"
CONF="$STATE/conf"
SOCK="$RUN/containerd.sock"
# A proxy nobody listens on: only loopback destinations are exempt (Go and containerd never proxy them).
DEAD_PROXY=http://127.0.0.1:9
PROXY_ENV=(HTTP_PROXY=$DEAD_PROXY HTTPS_PROXY=$DEAD_PROXY http_proxy=$DEAD_PROXY https_proxy=$DEAD_PROXY
           NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost)
export KUBECONFIG="$STATE/kubeconfig/admin.kubeconfig"

T0=$(date +%s.%N)
elapsed() { awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
log() { echo "[k8s-up +$(elapsed)s] $*"; }

fail() {
  echo "[k8s-up] ERROR: $*" >&2
  local f
  for f in "$LOGS"/*.log; do
    [ -f "$f" ] || continue
    echo "----- last lines of $f" >&2
    tail -n 15 "$f" >&2
  done
  if [ "${BUILDKIT_K8S_KEEP_ON_FAILURE:-0}" != 1 ]; then
    echo "[k8s-up] stopping what was started (logs stay in $LOGS; BUILDKIT_K8S_KEEP_ON_FAILURE=1 keeps it running)" >&2
    bash "$HERE/down.sh" >&2 || true
  fi
  exit 1
}

[ "$(id -u)" = 0 ] || { echo "[k8s-up] run as root" >&2; exit 1; }
for c in kube-apiserver kube-controller-manager kube-scheduler kubelet; do
  [ -x "$BIN/$c" ] || { echo "[k8s-up] $BIN/$c is missing: run ci/k8s/build.sh first" >&2; exit 1; }
done
IMAGE_ARCHIVES=(pause busybox buildkit buildkit-rootless binfmt)
for i in "${IMAGE_ARCHIVES[@]}"; do
  [ -f "$IMAGES/$i.tar" ] || { echo "[k8s-up] $IMAGES/$i.tar is missing: run ci/k8s/build.sh first" >&2; exit 1; }
done
ARM64_BUSYBOX="$CACHE/arm64/busybox"
[ -x "$ARM64_BUSYBOX" ] || { echo "[k8s-up] $ARM64_BUSYBOX is missing: run ci/k8s/build.sh first" >&2; exit 1; }
for t in containerd ctr etcd runc kubectl openssl ip; do
  command -v "$t" >/dev/null || { echo "[k8s-up] $t is missing: run ci/k8s/build.sh first" >&2; exit 1; }
done
[ -x /usr/lib/cni/bridge ] || { echo "[k8s-up] /usr/lib/cni/bridge is missing: run ci/k8s/build.sh first" >&2; exit 1; }

COMPONENTS=(containerd etcd kube-apiserver kube-controller-manager kube-scheduler kubelet)

pid_alive() { # name: true when the pid file names a live process running that program
  local pid; pid=$(cat "$RUN/$1.pid" 2>/dev/null) || return 1
  local st; st=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ] || return 1   # a zombie is gone (this VM's init reaps orphans late)
  { tr '\0' ' ' < "/proc/$pid/cmdline"; } 2>/dev/null | grep -q -- "$1"
}

node_ready() {
  [ "$(kubectl get node "$NODE" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ]
}

write_env() {
  cat > "$STATE/env.sh" <<ENV
# Written by ci/k8s/up.sh: source it to use the single-node cluster.
export KUBECONFIG=$KUBECONFIG
export BUILDKIT_TEST_KUBECONFIG=$KUBECONFIG
export BUILDKIT_TEST_K8S_BUILDKIT_IMAGE=docker.io/moby/buildkit:buildx-stable-1
export BUILDKIT_TEST_K8S_BUSYBOX_IMAGE=docker.io/library/busybox:1.35.0
export BUILDKIT_TEST_K8S_ROOTLESS_IMAGE=docker.io/moby/buildkit:buildx-stable-1-rootless
export BUILDKIT_TEST_K8S_BINFMT_IMAGE=docker.io/buildkit-jenkins-test/binfmt:local
export BUILDKIT_TEST_BUSYBOX_ARM64=$ARM64_BUSYBOX
ENV
}

# Imports each image archive whose manifest containerd does not have under its name yet: all of them
# into a fresh containerd, and only the new or rebuilt ones into a running cluster.
import_images() {
  local i ref digest
  for i in "${IMAGE_ARCHIVES[@]}"; do
    read -r ref digest < <(tar -xOf "$IMAGES/$i.tar" ./index.json \
      | jq -r '.manifests[0] | "\(.annotations["io.containerd.image.name"]) \(.digest)"')
    if ctr --address "$SOCK" -n k8s.io images ls "name==$ref" 2>/dev/null | awk 'NR > 1 { print $3 }' | grep -qx "$digest"; then
      continue
    fi
    ctr --address "$SOCK" -n k8s.io images import "$IMAGES/$i.tar" > "$LOGS/import-$i.log" 2>&1 \
      || { cat "$LOGS/import-$i.log" >&2; fail "importing $IMAGES/$i.tar failed"; }
    log "imported $ref"
  done
}

# --- already up? -----------------------------------------------------------------------------------
all_alive=1; any_alive=0
for c in "${COMPONENTS[@]}"; do
  if pid_alive "$c"; then any_alive=1; else all_alive=0; fi
done
if [ $all_alive = 1 ] && [ -f "$KUBECONFIG" ] && node_ready; then
  import_images
  write_env
  log "already up; source $STATE/env.sh"
  exit 0
fi
if [ $any_alive = 1 ] || [ -n "$(find "$STATE" -mindepth 1 -maxdepth 1 ! -name logs 2>/dev/null)" ]; then
  log "a partial or stale cluster is there: cleaning it up first"
  bash "$HERE/down.sh"
fi

mkdir -p "$RUN" "$LOGS" "$PKI" "$CONF" "$STATE/kubeconfig"
rm -f "$LOGS"/*.log

start() { # name program args...: runs it in its own session, records its pid
  local name=$1; shift
  env "${PROXY_ENV[@]}" setsid "$@" > "$LOGS/$name.log" 2>&1 < /dev/null &
  echo $! > "$RUN/$name.pid"
}

wait_for() { # description seconds command...: polls every 0.25 s, bounded
  local what=$1 limit=$2; shift 2
  local end=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $end ] || fail "$what is not ready after ${limit} s"
    for c in "${STARTED[@]}"; do pid_alive "$c" || fail "$c exited"; done
    sleep 0.25
  done
}
STARTED=()

# --- PKI and kubeconfigs -----------------------------------------------------------------------------
cert() { # name subject eku [san]: an EC P-256 key and a certificate signed by the cluster CA
  local name=$1 subj=$2 eku=$3 san=${4:-}
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$eku"
    [ -z "$san" ] || echo "subjectAltName=$san"
  } > "$PKI/$name.ext"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "$subj" \
    -keyout "$PKI/$name.key" -out "$PKI/$name.csr" 2>/dev/null
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial \
    -days 30 -sha256 -extfile "$PKI/$name.ext" -out "$PKI/$name.crt" 2>/dev/null
  rm -f "$PKI/$name.csr" "$PKI/$name.ext"
}

kubeconfig() { # name cert-name
  local b64="base64 -w0"
  cat > "$STATE/kubeconfig/$1.kubeconfig" <<KC
apiVersion: v1
kind: Config
clusters:
- name: buildkit-k8s
  cluster:
    server: https://127.0.0.1:$API_PORT
    certificate-authority-data: $($b64 < "$PKI/ca.crt")
users:
- name: $1
  user:
    client-certificate-data: $($b64 < "$PKI/$2.crt")
    client-key-data: $($b64 < "$PKI/$2.key")
contexts:
- name: buildkit-k8s
  context:
    cluster: buildkit-k8s
    user: $1
    namespace: default
current-context: buildkit-k8s
KC
  chmod 600 "$STATE/kubeconfig/$1.kubeconfig"
}

log "making the PKI and kubeconfigs in $STATE"
umask 077
openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 -sha256 \
  -subj "/CN=buildkit-k8s-ca" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
  -keyout "$PKI/ca.key" -out "$PKI/ca.crt" 2>/dev/null
cert apiserver "/CN=kube-apiserver" serverAuth \
  "DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:127.0.0.1,IP:10.96.0.1"
cert apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" clientAuth
cert admin "/O=system:masters/CN=kubernetes-admin" clientAuth
cert controller-manager "/CN=system:kube-controller-manager" clientAuth
cert scheduler "/CN=system:kube-scheduler" clientAuth
cert kubelet-client "/O=system:nodes/CN=system:node:$NODE" clientAuth
cert kubelet-serving "/CN=$NODE" serverAuth "DNS:localhost,IP:127.0.0.1"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$PKI/sa.key" 2>/dev/null
openssl pkey -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
umask 022
kubeconfig admin admin
kubeconfig controller-manager controller-manager
kubeconfig scheduler scheduler
kubeconfig kubelet kubelet-client

# --- containerd ----------------------------------------------------------------------------------------
mkdir -p "$STATE/containerd/root" "$STATE/containerd/state" "$STATE/cni/net.d" "$STATE/cni/ipam"
cat > "$CONF/containerd.toml" <<TOML
version = 2
root = "$STATE/containerd/root"
state = "$STATE/containerd/state"
disabled_plugins = ["io.containerd.internal.v1.opt", "io.containerd.snapshotter.v1.aufs",
  "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]

[grpc]
  address = "$SOCK"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "registry.k8s.io/pause:3.10"
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  # The VM's bounding set lacks CAP_SYS_RESOURCE: a negative oom_score_adj below ours cannot be set.
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  enable_selinux = false
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "$RUN/runc"
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = "$STATE/containerd/certs.d"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$STATE/cni/net.d"
    max_conf_num = 1
TOML
cat > "$STATE/cni/net.d/10-buildkit-k8s.conflist" <<CNI
{
  "cniVersion": "0.4.0",
  "name": "buildkit-k8s",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$BRIDGE",
      "isGateway": false,
      "ipMasq": false,
      "hairpinMode": false,
      "ipam": {
        "type": "host-local",
        "ranges": [[{"subnet": "$POD_SUBNET"}]],
        "dataDir": "$STATE/cni/ipam"
      }
    }
  ]
}
CNI

# The test environment's registry (on this machine's loopback, TLS with its own CA), when it runs:
# pods may pull from it, as a kubernetes builder's image from a private registry with a login.
TEST_ENV="${BUILDKIT_TEST_ENV_DIR:-/tmp/buildkit-test-env}"
rm -rf "$STATE/containerd/certs.d"
if [ -f "$TEST_ENV/env.sh" ] && [ -f "$TEST_ENV/certs/ca.pem" ]; then
  registry=$(sed -n 's/^export BUILDKIT_TEST_REGISTRY=//p' "$TEST_ENV/env.sh")
  if [ -n "$registry" ]; then
    mkdir -p "$STATE/containerd/certs.d/$registry"
    cat > "$STATE/containerd/certs.d/$registry/hosts.toml" <<HOSTS
server = "https://$registry"
[host."https://$registry"]
  capabilities = ["pull", "resolve"]
  ca = "$TEST_ENV/certs/ca.pem"
HOSTS
  fi
fi

log "starting containerd ($SOCK)"
start containerd containerd --config "$CONF/containerd.toml" --log-level warn
STARTED+=(containerd)
wait_for containerd 30 ctr --address "$SOCK" version
import_images
log "containerd is up, images imported: $(ctr --address "$SOCK" -n k8s.io images ls -q | grep -v '^sha256:' | tr '\n' ' ')"

# --- etcd ----------------------------------------------------------------------------------------------
log "starting etcd (127.0.0.1:$ETCD_PORT)"
start etcd etcd --name buildkit-k8s --data-dir "$STATE/etcd" \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$((ETCD_PORT + 1))" --initial-advertise-peer-urls "http://127.0.0.1:$((ETCD_PORT + 1))" \
  --initial-cluster "buildkit-k8s=http://127.0.0.1:$((ETCD_PORT + 1))" --initial-cluster-state new \
  --logger=zap --log-level warn
STARTED+=(etcd)
wait_for etcd 30 curl -sf "http://127.0.0.1:$ETCD_PORT/health"
log "etcd is up"

# --- control plane -------------------------------------------------------------------------------------
log "starting kube-apiserver (https://127.0.0.1:$API_PORT)"
start kube-apiserver "$BIN/kube-apiserver" \
  --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$API_PORT" \
  --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
  --service-cluster-ip-range="$SERVICE_RANGE" \
  --client-ca-file="$PKI/ca.crt" --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
  --kubelet-client-certificate="$PKI/apiserver-kubelet-client.crt" --kubelet-client-key="$PKI/apiserver-kubelet-client.key" \
  --kubelet-certificate-authority="$PKI/ca.crt" --kubelet-preferred-address-types=Hostname \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$PKI/sa.pub" --service-account-signing-key-file="$PKI/sa.key" \
  --authorization-mode=Node,RBAC --allow-privileged=true --endpoint-reconciler-type=none \
  --profiling=false --v=1
STARTED+=(kube-apiserver)
wait_for kube-apiserver 60 curl -sf --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" \
  "https://127.0.0.1:$API_PORT/readyz"
log "kube-apiserver is ready"

log "starting kube-controller-manager and kube-scheduler"
KC="$STATE/kubeconfig"
start kube-controller-manager "$BIN/kube-controller-manager" \
  --kubeconfig="$KC/controller-manager.kubeconfig" \
  --authentication-kubeconfig="$KC/controller-manager.kubeconfig" --authorization-kubeconfig="$KC/controller-manager.kubeconfig" \
  --bind-address=127.0.0.1 --leader-elect=false --use-service-account-credentials=true \
  --service-account-private-key-file="$PKI/sa.key" --root-ca-file="$PKI/ca.crt" \
  --cluster-signing-cert-file="$PKI/ca.crt" --cluster-signing-key-file="$PKI/ca.key" \
  --profiling=false --v=1
STARTED+=(kube-controller-manager)
start kube-scheduler "$BIN/kube-scheduler" \
  --kubeconfig="$KC/scheduler.kubeconfig" \
  --authentication-kubeconfig="$KC/scheduler.kubeconfig" --authorization-kubeconfig="$KC/scheduler.kubeconfig" \
  --bind-address=127.0.0.1 --leader-elect=false --profiling=false --v=1
STARTED+=(kube-scheduler)

# --- kubelet -------------------------------------------------------------------------------------------
# The kubelet refuses a loopback --node-ip and then reports the host's eth0 address as InternalIP; the
# apiserver is told to use the node's Hostname (`localhost`) instead, so it dials localhost:$KUBELET_PORT.
printf 'nameserver 127.0.0.1\noptions ndots:1\n' > "$CONF/resolv.conf"
mkdir -p "$STATE/kubelet" "$STATE/pod-logs"
cat > "$CONF/kubelet.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: 127.0.0.1
port: $KUBELET_PORT
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
tlsCertFile: $PKI/kubelet-serving.crt
tlsPrivateKeyFile: $PKI/kubelet-serving.key
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: false}
  x509: {clientCAFile: $PKI/ca.crt}
authorization:
  mode: AlwaysAllow
containerRuntimeEndpoint: unix://$SOCK
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
makeIPTablesUtilChains: false
resolvConf: $CONF/resolv.conf
clusterDomain: cluster.local
podLogsDir: $STATE/pod-logs
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard:
  memory.available: 100Mi
  nodefs.available: 1%
  nodefs.inodesFree: 1%
  imagefs.available: 1%
  imagefs.inodesFree: 1%
serializeImagePulls: false
YAML
log "starting kubelet (node $NODE, 127.0.0.1:$KUBELET_PORT)"
start kubelet "$BIN/kubelet" --config="$CONF/kubelet.yaml" --kubeconfig="$KC/kubelet.kubeconfig" \
  --hostname-override="$NODE" --root-dir="$STATE/kubelet" --v=1
STARTED+=(kubelet)

wait_for "node $NODE" "$READY_TIMEOUT" node_ready
log "node $NODE is Ready"
# What a pod needs before it can be admitted and started in the default namespace.
wait_for "the default service account" 30 kubectl -n default get serviceaccount default
wait_for "the kube-root-ca.crt config map" 30 kubectl -n default get configmap kube-root-ca.crt
write_env
log "cluster is up: source $STATE/env.sh (KUBECONFIG=$KUBECONFIG); stop it with ci/k8s/down.sh"
