#!/usr/bin/env bash
# Checks a cluster started by ci/k8s/up.sh the way buildx's kubernetes driver uses one: a Deployment
# with a privileged buildkitd container and `buildctl debug workers` probes, readyReplicas=1, then
# `kubectl exec ... buildctl debug workers`, and a small build over `kubectl exec ... buildctl dial-stdio`
# (buildctl's kube-pod:// address). Pods are reached only through the API. Deletes what it made.
set -euo pipefail
STATE="${BUILDKIT_K8S_STATE:-/tmp/buildkit-k8s}"
BUILDKIT_BIN="${BUILDKIT_BIN:-/opt/buildkit-test/bin}"
NAME=buildkit-smoke
TIMEOUT="${BUILDKIT_K8S_SMOKE_TIMEOUT:-120}"
# shellcheck disable=SC1091
. "$STATE/env.sh"
T0=$(date +%s.%N)
elapsed() { awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
log() { echo "[k8s-smoke +$(elapsed)s] $*"; }
cleanup() { kubectl delete deployment "$NAME" --ignore-not-found --wait=false >/dev/null 2>&1 || true; rm -rf "${work:-}"; }
trap cleanup EXIT

kubectl version
kubectl get nodes -o wide

log "creating Deployment $NAME"
kubectl apply -f - <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: $NAME
  labels: {app: $NAME}
  annotations: {buildx.docker.com/platform: linux/amd64}
spec:
  replicas: 1
  selector:
    matchLabels: {app: $NAME}
  template:
    metadata:
      labels: {app: $NAME}
      annotations: {buildx.docker.com/platform: linux/amd64}
    spec:
      containers:
      - name: buildkitd
        image: $BUILDKIT_TEST_K8S_BUILDKIT_IMAGE
        securityContext: {privileged: true}
        readinessProbe:
          exec: {command: [buildctl, debug, workers]}
          failureThreshold: 3
          initialDelaySeconds: 5
          periodSeconds: 30
          successThreshold: 1
          timeoutSeconds: 60
        livenessProbe:
          exec: {command: [buildctl, debug, workers]}
          failureThreshold: 3
          initialDelaySeconds: 5
          periodSeconds: 30
          successThreshold: 1
          timeoutSeconds: 60
YAML

end=$((SECONDS + TIMEOUT))
until [ "$(kubectl get deployment "$NAME" -o jsonpath='{.status.readyReplicas}')" = 1 ]; do
  if [ $SECONDS -ge $end ]; then
    kubectl describe pods -l "app=$NAME" | tail -n 30
    echo "[k8s-smoke] ERROR: deployment $NAME not ready after $TIMEOUT s" >&2
    exit 1
  fi
  sleep 0.5
done
log "deployment $NAME has readyReplicas=1"
pod=$(kubectl get pods -l "app=$NAME" --field-selector=status.phase=Running -o jsonpath='{.items[0].metadata.name}')
log "kubectl exec $pod -- buildctl debug workers"
timeout 60 kubectl exec "$pod" -- buildctl debug workers

if [ -x "$BUILDKIT_BIN/buildctl" ]; then
  log "buildctl build through kube-pod://$pod (kubectl exec ... buildctl dial-stdio)"
  work=$(mktemp -d)
  printf 'FROM scratch\nCOPY hello.txt /hello.txt\n' > "$work/Dockerfile"
  echo "hello from a kubernetes pod" > "$work/hello.txt"
  timeout 120 "$BUILDKIT_BIN/buildctl" --addr "kube-pod://$pod?namespace=default" build \
    --frontend dockerfile.v0 --local context="$work" --local dockerfile="$work" \
    --output "type=tar,dest=$work/out.tar"
  tar -xOf "$work/out.tar" hello.txt | grep -qx "hello from a kubernetes pod"
  log "build output checked"
fi
log "smoke test passed"
