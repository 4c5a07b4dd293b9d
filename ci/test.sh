#!/usr/bin/env bash
# The project's test command: starts the real test environment (buildkitd with mutual TLS and a
# TLS registry with htpasswd, on loopback, and a single-node Kubernetes), runs every test against it,
# and stops it, pass or fail.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export BUILDKIT_TEST_ENV_DIR="${BUILDKIT_TEST_ENV_DIR:-/tmp/buildkit-test-env}"
trap 'bash "$ROOT/ci/k8s/down.sh" || true; bash "$ROOT/ci/test-env.sh" stop' EXIT
bash "$ROOT/ci/test-env.sh" start
# the kubernetes driver's tests run on a real single-node cluster (built once, cached by version;
# it takes the buildkitd binaries that test-env.sh built)
bash "$ROOT/ci/k8s/build.sh"
bash "$ROOT/ci/k8s/up.sh"
# shellcheck disable=SC1091
. "${BUILDKIT_K8S_STATE:-/tmp/buildkit-k8s}/env.sh"
# the acceptance test drives a real browser
bash "$ROOT/ci/acceptance-deps.sh"
# shellcheck disable=SC1091
. "$BUILDKIT_TEST_ENV_DIR/env.sh"
# shellcheck disable=SC1091
. "$ROOT/ci/toolchain.sh"
# -ntp keeps the downloads off the console: say why a first run is slow
echo "[test] mvn verify over core, plugin and acceptance (on a machine without them, Maven first downloads the" \
  "dependencies, Jenkins and its plugins included: a few minutes more)"
mvn -B -ntp verify "$@"
