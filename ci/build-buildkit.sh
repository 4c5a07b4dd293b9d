#!/usr/bin/env bash
# Builds buildkitd and buildctl from the BuildKit Go module at a pinned release.
# The binaries are reused when they already exist at the pinned version.
# BuildKit's go.mod carries `exclude` directives, so `go install pkg@version` refuses it;
# we build it as a dependency of a throw-away module instead.
# Needs Go on PATH, at least the version BuildKit's go.mod names (go1.26.8 for v0.34.2): nothing here installs Go.
set -euo pipefail
BUILDKIT_VERSION="${BUILDKIT_VERSION:-v0.34.2}"
OUT="${BUILDKIT_BIN:-/opt/buildkit-test/bin}"
# beside the binaries, not in the test environment's directory, which `ci/test-env.sh stop` removes
LOG="$(dirname "$OUT")/build-buildkit.log"
# shellcheck source-path=SCRIPTDIR source=logged.sh
. "$(dirname "$0")/logged.sh"
mkdir -p "$OUT"
if [ -x "$OUT/buildkitd" ] && [ -x "$OUT/buildctl" ] && [ "$(cat "$OUT/.version" 2>/dev/null)" = "$BUILDKIT_VERSION" ]; then
  echo "buildkit $BUILDKIT_VERSION already built in $OUT"
  exit 0
fi
command -v go >/dev/null || { echo "Go is needed to build buildkitd $BUILDKIT_VERSION (see README.md, prerequisites)" >&2; exit 1; }
echo "building buildkitd and buildctl $BUILDKIT_VERSION from the Go module proxy with $(go env GOVERSION) into $OUT" \
  "(about 3 minutes on 2 idle cores the first time; log: $LOG)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
: > "$LOG"
go mod init buildkit-test-tools >/dev/null 2>&1
logged "$LOG" go get "github.com/moby/buildkit/cmd/buildkitd@$BUILDKIT_VERSION" "github.com/moby/buildkit/cmd/buildctl@$BUILDKIT_VERSION"
logged "$LOG" env CGO_ENABLED=0 go build -ldflags "-X github.com/moby/buildkit/version.Version=$BUILDKIT_VERSION" -o "$OUT/" \
  github.com/moby/buildkit/cmd/buildkitd github.com/moby/buildkit/cmd/buildctl
echo "$BUILDKIT_VERSION" > "$OUT/.version"
"$OUT/buildkitd" --version
