#!/usr/bin/env bash
# Makes the local BuildKit image the docker-container tests use, from what the test environment
# already has: the pinned buildkitd/buildctl, Debian's runc (with the libraries it links) and a
# static busybox, imported into the engine. No registry is involved.
set -euo pipefail
IMAGE="${1:-buildkit-jenkins-test/buildkit:local}"
BUILDKIT_BIN="${BUILDKIT_BIN:-/opt/buildkit-test/bin}"
version=$(cat "$BUILDKIT_BIN/.version")
if docker image inspect "$IMAGE" --format '{{index .Config.Labels "buildkit.version"}}' 2>/dev/null | grep -qx "$version"; then
  echo "image $IMAGE ($version) already exists"
  exit 0
fi
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,usr/bin,etc/buildkit,var/lib/buildkit,tmp,run,proc,sys,dev}
cp /bin/busybox "$root/bin/busybox"
for tool in sh ls cat echo mkdir rm wc sleep; do ln -s busybox "$root/bin/$tool"; done
cp "$BUILDKIT_BIN/buildkitd" "$BUILDKIT_BIN/buildctl" "$root/usr/bin/"
cp "$(command -v runc)" "$root/usr/bin/runc"
# runc is dynamically linked on Debian: bring its libraries and loader along.
for lib in $(ldd "$(command -v runc)" | grep -o '/[^ ]*'); do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
tar -C "$root" -c . | docker import \
  --change 'ENTRYPOINT ["/usr/bin/buildkitd"]' \
  --change 'ENV PATH=/usr/bin:/bin' \
  --change 'VOLUME /var/lib/buildkit' \
  --change "LABEL buildkit.version=$version" \
  - "$IMAGE" >/dev/null
echo "imported $IMAGE ($version)"
