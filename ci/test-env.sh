#!/usr/bin/env bash
# Starts (or stops) the real test environment on loopback:
#   - a CA with server and client certificates (openssl)
#   - buildkitd on 127.0.0.1:$BUILDKIT_PORT with mutual TLS
#   - a registry on 127.0.0.1:$REGISTRY_PORT with TLS and htpasswd auth, trusted by buildkitd
#   - a Docker Engine on /var/run/docker.sock that also listens on 127.0.0.1:$DOCKER_TLS_PORT with
#     mutual TLS (an engine already running without that port is replaced: see start_docker)
# `start` writes $ENV_DIR/env.sh, which exports what the tests read.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ENV_DIR="${BUILDKIT_TEST_ENV_DIR:-/tmp/buildkit-test-env}"
BUILDKIT_BIN="${BUILDKIT_BIN:-/opt/buildkit-test/bin}"
BUILDKIT_PORT="${BUILDKIT_PORT:-12345}"
REGISTRY_PORT="${REGISTRY_PORT:-15000}"
DOCKER_TLS_PORT="${DOCKER_TLS_PORT:-12376}"
REGISTRY_USER=tester
REGISTRY_PASSWORD=test-password-$$
# The tests reach the engine at the default socket and, for TLS, at the port; a DOCKER_HOST of the
# caller's must not send our checks and the test image to another engine.
DOCKER_SOCK=/var/run/docker.sock
export DOCKER_HOST="unix://$DOCKER_SOCK"
# examples/hello/build.sh records there the engine it starts (see README.md, "Two commands")
HELLO_STATE="${BUILDKIT_HELLO_STATE:-/tmp/buildkit-hello}"

log() { echo "[test-env] $*"; }

install_packages() {
  local missing=()
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  command -v openssl >/dev/null || missing+=(openssl)
  [ -x /bin/busybox ] && file_is_static /bin/busybox || missing+=(busybox-static)
  command -v runc >/dev/null || missing+=(runc)
  command -v htpasswd >/dev/null || missing+=(apache2-utils)
  command -v ssh-keygen >/dev/null || missing+=(openssh-client)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

file_is_static() { ! ldd "$1" >/dev/null 2>&1; }

make_certs() {
  local d="$ENV_DIR/certs"
  mkdir -p "$d"
  [ -f "$d/client-key.pem" ] && return
  log "making a CA and certificates in $d"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=buildkit-test-ca" \
    -keyout "$d/ca-key.pem" -out "$d/ca.pem" 2>/dev/null
  for name in server client; do
    openssl req -newkey rsa:2048 -nodes -subj "/CN=$name" \
      -keyout "$d/$name-key.pem" -out "$d/$name.csr" 2>/dev/null
    if [ "$name" = server ]; then
      printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' > "$d/$name.ext"
    else
      printf 'extendedKeyUsage=clientAuth\n' > "$d/$name.ext"
    fi
    openssl x509 -req -in "$d/$name.csr" -CA "$d/ca.pem" -CAkey "$d/ca-key.pem" -CAcreateserial \
      -days 30 -extfile "$d/$name.ext" -out "$d/$name.pem" 2>/dev/null
  done
  # A second, unrelated CA for the "wrong CA" test.
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=other-ca" \
    -keyout "$d/other-ca-key.pem" -out "$d/other-ca.pem" 2>/dev/null
}

wait_for() { # description, command...
  local what="$1"; shift
  for _ in $(seq 1 100); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  log "timed out waiting for $what"; return 1
}

start_registry() {
  local d="$ENV_DIR/registry"
  mkdir -p "$d/data"
  htpasswd -Bbc "$d/htpasswd" "$REGISTRY_USER" "$REGISTRY_PASSWORD" 2>/dev/null
  cat > "$d/config.yml" <<CFG
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $d/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$REGISTRY_PORT
  tls:
    certificate: $ENV_DIR/certs/server.pem
    key: $ENV_DIR/certs/server-key.pem
auth:
  htpasswd:
    realm: buildkit-test
    path: $d/htpasswd
CFG
  log "starting the registry on 127.0.0.1:$REGISTRY_PORT"
  docker-registry serve "$d/config.yml" > "$ENV_DIR/registry.log" 2>&1 &
  echo $! > "$ENV_DIR/registry.pid"
  wait_for registry curl -sf --cacert "$ENV_DIR/certs/ca.pem" -o /dev/null -w '%{http_code}' \
    -u "$REGISTRY_USER:$REGISTRY_PASSWORD" "https://127.0.0.1:$REGISTRY_PORT/v2/"
}

start_buildkitd() {
  local d="$ENV_DIR/buildkitd"
  mkdir -p "$d/root"
  cat > "$d/buildkitd.toml" <<CFG
[worker.oci]
  enabled = true
  gc = false
[worker.containerd]
  enabled = false
[registry."127.0.0.1:$REGISTRY_PORT"]
  http = false
  insecure = false
  ca = ["$ENV_DIR/certs/ca.pem"]
CFG
  log "starting buildkitd on 127.0.0.1:$BUILDKIT_PORT (mutual TLS)"
  "$BUILDKIT_BIN/buildkitd" --config "$d/buildkitd.toml" --root "$d/root" \
    --addr "tcp://127.0.0.1:$BUILDKIT_PORT" --addr "unix://$ENV_DIR/buildkitd.sock" \
    --tlscacert "$ENV_DIR/certs/ca.pem" --tlscert "$ENV_DIR/certs/server.pem" --tlskey "$ENV_DIR/certs/server-key.pem" \
    --oci-worker-net host --allow-insecure-entitlement network.host --allow-insecure-entitlement security.insecure \
    ${BUILDKITD_EXTRA_FLAGS:-} > "$ENV_DIR/buildkitd.log" 2>&1 &
  echo $! > "$ENV_DIR/buildkitd.pid"
  wait_for buildkitd "$BUILDKIT_BIN/buildctl" --addr "tcp://127.0.0.1:$BUILDKIT_PORT" \
    --tlscacert "$ENV_DIR/certs/ca.pem" --tlscert "$ENV_DIR/certs/client.pem" --tlskey "$ENV_DIR/certs/client-key.pem" \
    debug workers
}

docker_tls() { # the docker CLI on our TLS port, with our client certificate
  docker -H "tcp://127.0.0.1:$DOCKER_TLS_PORT" --tlsverify --tlscacert "$ENV_DIR/certs/ca.pem" \
    --tlscert "$ENV_DIR/certs/client.pem" --tlskey "$ENV_DIR/certs/client-key.pem" "$@"
}

engine_serves_tests() { # the engine on the socket is also the one on the TLS port, trusting our CA
  local unix_id tls_id
  unix_id=$(docker info --format '{{.ID}}' 2>/dev/null) || return 1
  tls_id=$(docker_tls info --format '{{.ID}}' 2>/dev/null) || return 1
  [ -n "$unix_id" ] && [ "$unix_id" = "$tls_id" ]
}

is_dockerd() { [ "$(cat "/proc/$1/comm" 2>/dev/null)" = dockerd ]; }

replace_engine() {
  # A systemd service would be started again by its socket or restart policy: stop it through
  # systemd, and note it so that `stop` starts it again.
  local units=() u
  for u in docker.socket docker.service; do
    systemctl is-active --quiet "$u" 2>/dev/null && units+=("$u")
  done
  if [ ${#units[@]} -gt 0 ]; then
    log "stopping ${units[*]} (no TLS port for the tests); \`ci/test-env.sh stop\` starts it again"
    systemctl stop "${units[@]}"
    printf '%s\n' "${units[@]}" > "$ENV_DIR/docker-restore-units"
    return
  fi
  # Otherwise a dockerd we can name by its pid file: dockerd's own, or the one examples/hello records.
  local pid="" f
  for f in /var/run/docker.pid "$HELLO_STATE/dockerd.pid"; do
    pid=$(cat "$f" 2>/dev/null) && is_dockerd "$pid" && break
    pid=""
  done
  if [ -z "$pid" ]; then
    log "a Docker Engine answers on $DOCKER_SOCK without tcp://127.0.0.1:$DOCKER_TLS_PORT for the tests, and neither" \
      "systemd nor a pid file names it: stop it, then run this again"
    return 1
  fi
  if [ "$(cat "$HELLO_STATE/dockerd.pid" 2>/dev/null)" = "$pid" ]; then
    log "stopping the Docker Engine examples/hello/build.sh started (pid $pid): it has no TLS port for the tests"
  else
    log "stopping the Docker Engine that runs without a TLS port for the tests (pid $pid: $(tr '\0' ' ' < "/proc/$pid/cmdline"));" \
      "it is not started again"
  fi
  kill "$pid"
  # running containers get dockerd's shutdown timeout (15 s) before it exits
  for _ in $(seq 1 300); do is_dockerd "$pid" || break; sleep 0.1; done
  if is_dockerd "$pid"; then log "dockerd (pid $pid) did not stop in 30 s"; return 1; fi
  rm -f "$HELLO_STATE/dockerd.pid"
}

start_docker() {
  # The engine pushes to the test registry itself (docker driver): it must trust our CA.
  mkdir -p "/etc/docker/certs.d/127.0.0.1:$REGISTRY_PORT"
  cp "$ENV_DIR/certs/ca.pem" "/etc/docker/certs.d/127.0.0.1:$REGISTRY_PORT/ca.crt"
  # The tests need one engine on both the socket and the TLS port (DockerDriverIT builds over TLS and
  # looks for the image on the socket), so an engine that answers only on the socket cannot serve.
  # A second engine of our own beside it cannot either: the tests use the default socket. So we take
  # the socket over; `stop` leaves no engine of ours behind.
  if docker version >/dev/null 2>&1; then
    if engine_serves_tests; then
      log "a Docker Engine already runs, with tcp://127.0.0.1:$DOCKER_TLS_PORT trusting our CA"
      echo "tcp://127.0.0.1:$DOCKER_TLS_PORT" > "$ENV_DIR/docker-tls-host"
      return
    fi
    replace_engine || return
  fi
  command -v dockerd >/dev/null || {
    log "installing Debian's docker.io (about a minute)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
  }
  log "starting the Docker Engine (unix socket, and tcp://127.0.0.1:$DOCKER_TLS_PORT with mutual TLS)"
  dockerd -H "unix://$DOCKER_SOCK" -H "tcp://127.0.0.1:$DOCKER_TLS_PORT" \
    --tlsverify --tlscacert "$ENV_DIR/certs/ca.pem" --tlscert "$ENV_DIR/certs/server.pem" --tlskey "$ENV_DIR/certs/server-key.pem" \
    > "$ENV_DIR/dockerd.log" 2>&1 &
  echo $! > "$ENV_DIR/dockerd.pid"
  # its log goes with ENV_DIR at `stop`: show its end now
  wait_for dockerd engine_serves_tests || { tail -n 20 "$ENV_DIR/dockerd.log" >&2; return 1; }
  echo "tcp://127.0.0.1:$DOCKER_TLS_PORT" > "$ENV_DIR/docker-tls-host"
}

build_agentcheck() {
  # A static ssh-agent client for the SSH forwarding test (no ssh client lives in the test images).
  local work; work=$(mktemp -d)
  cp "$ROOT/ci/agentcheck/main.go" "$work/"
  (cd "$work" && go mod init agentcheck >/dev/null 2>&1 && GOFLAGS=-mod=mod go get golang.org/x/crypto@v0.57.0 >/dev/null 2>&1 \
    && CGO_ENABLED=0 go build -o "$ENV_DIR/agentcheck" .)
  rm -rf "$work"
  ssh-keygen -q -t ed25519 -N '' -C buildkit-test-key -f "$ENV_DIR/ssh-key"
}

write_env() {
  cat > "$ENV_DIR/env.sh" <<ENV
export BUILDKIT_TEST_ADDR=tcp://127.0.0.1:$BUILDKIT_PORT
export BUILDKIT_TEST_SOCKET=unix://$ENV_DIR/buildkitd.sock
export BUILDKIT_TEST_CERTS=$ENV_DIR/certs
export BUILDKIT_TEST_REGISTRY=127.0.0.1:$REGISTRY_PORT
export BUILDKIT_TEST_REGISTRY_USER=$REGISTRY_USER
export BUILDKIT_TEST_REGISTRY_PASSWORD=$REGISTRY_PASSWORD
export BUILDKIT_TEST_BUSYBOX=/bin/busybox
export BUILDKIT_TEST_IMAGE=buildkit-jenkins-test/buildkit:local
export BUILDKIT_TEST_AGENTCHECK=$ENV_DIR/agentcheck
export BUILDKIT_TEST_SSH_KEY=$ENV_DIR/ssh-key
export BUILDKIT_TEST_DOCKER_TLS_HOST=$(cat "$ENV_DIR/docker-tls-host" 2>/dev/null)
ENV
}

stop_all() {
  for svc in buildkitd registry dockerd; do
    if [ -f "$ENV_DIR/$svc.pid" ]; then
      local pid; pid=$(cat "$ENV_DIR/$svc.pid")
      # only a process that still runs that program: a stale pid may have been given to another one
      local prog=$svc; [ "$svc" = registry ] && prog=docker-registry
      if grep -q -- "$prog" "/proc/$pid/cmdline" 2>/dev/null && kill "$pid" 2>/dev/null; then
        # dockerd gives running containers 15 s before it exits
        for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
      fi
      rm -f "$ENV_DIR/$svc.pid"
      log "stopped $svc"
    fi
  done
  # buildkitd leaves mounts under its root when killed mid-build
  if [ -d "$ENV_DIR/buildkitd/root" ]; then
    grep -o " $ENV_DIR/buildkitd/root[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  fi
  # the systemd engine that `start` replaced
  if [ -f "$ENV_DIR/docker-restore-units" ]; then
    local units; mapfile -t units < "$ENV_DIR/docker-restore-units"
    systemctl start "${units[@]}" && log "started ${units[*]} again"
  fi
  # dockerd's state lives outside ENV_DIR; only our logs and pids are removed
  rm -rf "$ENV_DIR"
}

case "${1:-}" in
  start)
    stop_all
    mkdir -p "$ENV_DIR"
    install_packages
    BUILDKIT_BIN="$BUILDKIT_BIN" bash "$ROOT/ci/build-buildkit.sh"
    make_certs
    start_registry
    start_buildkitd
    start_docker
    BUILDKIT_BIN="$BUILDKIT_BIN" bash "$ROOT/ci/make-buildkit-image.sh"
    build_agentcheck
    write_env
    log "ready: source $ENV_DIR/env.sh"
    ;;
  stop) stop_all ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
