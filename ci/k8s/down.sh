#!/usr/bin/env bash
# Stops the single-node Kubernetes that ci/k8s/up.sh started and removes what it left behind: pod
# processes, containerd shims, mounts, network namespaces, the pod bridge, the kubepods cgroups and the
# state directory (the logs directory is kept for post-mortems). Only processes recorded in our pid files,
# shims that serve our containerd socket and processes inside our kubepods cgroups are signalled.
# Safe to run when nothing is up.
set -uo pipefail

STATE="${BUILDKIT_K8S_STATE:-/tmp/buildkit-k8s}"
RUN="$STATE/run"
SOCK="$RUN/containerd.sock"
BRIDGE=ck8s0
T0=$SECONDS

log() { echo "[k8s-down +$((SECONDS - T0))s] $*"; }

[ "$(id -u)" = 0 ] || { echo "[k8s-down] run as root" >&2; exit 1; }

running() { # pid: true while it exists and is not a zombie (this VM's init reaps orphans late)
  local st; st=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ]
}

cmdline() { { tr '\0' ' ' < "/proc/$1/cmdline"; } 2>/dev/null; }

pid_of() { # name: the pid from its pid file when that process still runs that program
  local pid; pid=$(cat "$RUN/$1.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && running "$pid" && cmdline "$pid" | grep -q -- "$1" && echo "$pid"
}

stop() { # name [signal]: signal, wait up to 10 s, then SIGKILL
  local name=$1 sig=${2:-TERM} pid
  pid=$(pid_of "$name") || { rm -f "$RUN/$name.pid"; return 0; }
  kill -s "$sig" "$pid" 2>/dev/null
  for _ in $(seq 1 40); do running "$pid" || break; sleep 0.25; done
  if running "$pid"; then kill -9 "$pid" 2>/dev/null; sleep 0.2; fi
  rm -f "$RUN/$name.pid"
  log "stopped $name ($pid)"
}

kubepods_pids() { # every process in a kubepods cgroup (only our kubelet makes these)
  local d
  for d in /sys/fs/cgroup/pids/kubepods /sys/fs/cgroup/memory/kubepods /sys/fs/cgroup/cpu/kubepods /sys/fs/cgroup/unified/kubepods; do
    [ -d "$d" ] && find "$d" -name cgroup.procs -exec cat {} + 2>/dev/null
  done | sort -u
}

our_shims() { # containerd shims started for our socket
  local p
  for p in /proc/[0-9]*; do
    cmdline "${p#/proc/}" | grep -q -- "containerd-shim.*-address $SOCK" && echo "${p#/proc/}"
  done
}

# 1. The kubelet first, so that it restarts nothing.
stop kubelet

# 2. Pods: SIGKILL every process in the kubepods cgroups until they are empty (bounded: 10 s).
pids=$(kubepods_pids)
[ -z "$pids" ] || log "killing $(echo $pids | wc -w) pod processes"
for _ in $(seq 1 40); do
  [ -n "$pids" ] || break
  kill -9 $pids 2>/dev/null
  sleep 0.25
  pids=$(kubepods_pids)
done
[ -z "$(kubepods_pids)" ] || log "WARNING: processes remain in kubepods cgroups: $(kubepods_pids | tr '\n' ' ')"

# 3. containerd does not exit on SIGTERM while pods run: SIGKILL it, then its shims.
stop containerd KILL
shims=$(our_shims)
if [ -n "$shims" ]; then
  kill -9 $shims 2>/dev/null
  log "killed containerd shims: $(echo $shims)"
fi

# 4. The control plane, then etcd.
stop kube-scheduler
stop kube-controller-manager
stop kube-apiserver
stop etcd

# 5. Mounts under the state directory (overlay rootfs, shm, netns, tmpfs volumes), deepest first.
if [ -d "$STATE" ]; then
  for _ in 1 2 3; do
    mounts=$(awk -v s="$STATE/" 'index($2, s) == 1 { print $2 }' /proc/self/mounts | sort -r)
    [ -n "$mounts" ] || break
    for m in $mounts; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null; done
  done
  left=$(awk -v s="$STATE/" 'index($2, s) == 1 { print $2 }' /proc/self/mounts)
  [ -z "$left" ] && log "no mounts left under $STATE" || log "WARNING: mounts left: $left"
fi

# 6. Network: the pod network namespaces lived under our state dir (now unmounted); their veths went with
#    them. The bridge is ours alone.
if ip link show "$BRIDGE" >/dev/null 2>&1; then
  ip link delete "$BRIDGE" && log "deleted bridge $BRIDGE"
fi

# 7. The kubepods cgroups, deepest first, in every hierarchy.
for d in /sys/fs/cgroup/*/kubepods; do
  [ -d "$d" ] || continue
  find "$d" -depth -type d -exec rmdir {} \; 2>/dev/null
  [ -d "$d" ] && log "WARNING: could not remove $d" || true
done

# 8. Files: the kubelet's symlinks into our pod logs, then the state (the logs stay).
for l in /var/log/containers/*.log; do
  [ -L "$l" ] && case "$(readlink "$l")" in "$STATE"/*) rm -f "$l" ;; esac
done
rmdir /var/log/containers 2>/dev/null  # the kubelet made it; only removed when empty
if [ -d "$STATE" ]; then
  find "$STATE" -mindepth 1 -maxdepth 1 ! -name logs -exec rm -rf {} + 2>/dev/null
  if [ -n "$(find "$STATE" -mindepth 1 -maxdepth 1 ! -name logs)" ]; then
    log "WARNING: could not remove everything in $STATE"
  fi
fi
log "down (logs kept in $STATE/logs)"
