#!/usr/bin/env bash
# Measures how fast the command line streams a build context to BuildKit, and how much memory the
# JVM needs for it: prints MB/s and peak RSS for contexts of the given sizes (MiB). Needs the test
# environment (ci/test-env.sh start) and core/target/buildkit-cli.jar (mvn -f core/pom.xml package).
#   ci/bench-context.sh [SIZE_MIB...]        default: 64 256 1024
set -euo pipefail
cd "$(dirname "$0")/.."
. /tmp/buildkit-test-env/env.sh
jar=core/target/buildkit-cli.jar
[ -f "$jar" ] || { echo "build $jar first: mvn -B package -DskipTests" >&2; exit 2; }
certs=$BUILDKIT_TEST_CERTS
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-10s %-10s %-10s %-12s\n' "MiB" "seconds" "MB/s" "peak RSS MiB"
for size in "${@:-64 256 1024}"; do
  for s in $size; do
    ctx="$work/ctx-$s"
    mkdir -p "$ctx"
    # random bytes, so that nothing on the way can compress them; a unique file defeats the cache
    head -c "$((s * 1024 * 1024))" /dev/urandom > "$ctx/blob"
    date +%s%N > "$ctx/nonce"
    printf 'FROM scratch\nCOPY . /ctx\n' > "$ctx/Dockerfile"
    start=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$work/rss" java -Xmx256m -jar "$jar" build --progress quiet -o type=cacheonly \
      --builder "remote:$BUILDKIT_TEST_ADDR" --tlscacert "$certs/ca.pem" --tlscert "$certs/client.pem" \
      --tlskey "$certs/client-key.pem" "$ctx" > /dev/null
    end=$(date +%s%N)
    secs=$(echo "scale=2; ($end - $start) / 1000000000" | bc)
    rate=$(echo "scale=1; $s * 1.048576 / $secs" | bc)
    rss=$(( $(cat "$work/rss") / 1024 ))
    printf '%-10s %-10s %-10s %-12s\n' "$s" "$secs" "$rate" "$rss"
    rm -rf "$ctx"
  done
done
