#!/usr/bin/env bash
# Builds buildkitd and buildctl from the BuildKit Go module at a pinned release.
# The binaries are reused when they already exist at the pinned version.
# BuildKit's go.mod carries `exclude` directives, so `go install pkg@version` refuses it;
# we build it as a dependency of a throw-away module instead.
set -euo pipefail
BUILDKIT_VERSION="${BUILDKIT_VERSION:-v0.34.2}"
OUT="${BUILDKIT_BIN:-/opt/buildkit-test/bin}"
mkdir -p "$OUT"
if [ -x "$OUT/buildkitd" ] && [ -x "$OUT/buildctl" ] && [ "$(cat "$OUT/.version" 2>/dev/null)" = "$BUILDKIT_VERSION" ]; then
  echo "buildkit $BUILDKIT_VERSION already built in $OUT"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
go mod init buildkit-test-tools >/dev/null 2>&1
go get "github.com/moby/buildkit/cmd/buildkitd@$BUILDKIT_VERSION" "github.com/moby/buildkit/cmd/buildctl@$BUILDKIT_VERSION"
CGO_ENABLED=0 go build -ldflags "-X github.com/moby/buildkit/version.Version=$BUILDKIT_VERSION" -o "$OUT/" github.com/moby/buildkit/cmd/buildkitd github.com/moby/buildkit/cmd/buildctl
echo "$BUILDKIT_VERSION" > "$OUT/.version"
"$OUT/buildkitd" --version
