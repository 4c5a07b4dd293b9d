#!/usr/bin/env bash
# Compares our command line with buildctl on the same daemon: wall time, CPU and peak RSS for moving a
# build context, cold (fresh random content, --no-cache) and unchanged (the same directory again).
# Needs the test environment (ci/test-env.sh start) and core/target/buildkit-cli.jar.
#   ci/bench.sh                      10,000 small files, a 1 GiB file and a tiny context, 5 runs each
#   BENCH_QUICK=1 ci/bench.sh        2,000 files, 256 MiB, 3 runs: a few minutes
#   ci/bench.sh docker               the docker driver beside `docker buildx build` (a CLI plugin) on the
#                                    engine of /var/run/docker.sock: a cached tiny build into the engine
#   ci/bench.sh latency              how long a RUN step's output line takes to reach the console
#   ci/bench.sh warm [BUILDS [FILES]]  in one warm JVM: tiny, unchanged-files and cold-files builds (default 20,
#                                      10,000 files) beside buildctl (test sources' WarmJvmBench)
# Settings (environment): BENCH_RUNS, BENCH_FILES, BENCH_FILE_BYTES, BENCH_BIG_MIB,
# BENCH_CASES ("files big tiny"), BENCH_JAVA (the java to run our jar with), BENCH_JAVA_OPTS,
# BUILDCTL (default: buildctl on PATH, else /opt/buildkit-test/bin/buildctl), BENCH_RAW (keep each
# run's numbers in this file). No build exports anything, so no export is measured: ours is given
# -o type=cacheonly (Buildx's "no export"), buildctl no --output (its daemon knows no cacheonly).
set -euo pipefail
cd "$(dirname "$0")/.."
. /tmp/buildkit-test-env/env.sh

if [ "${BENCH_QUICK:-0}" = 1 ]; then
  runs=${BENCH_RUNS:-3}; files=${BENCH_FILES:-2000}; big_mib=${BENCH_BIG_MIB:-256}
else
  runs=${BENCH_RUNS:-5}; files=${BENCH_FILES:-10000}; big_mib=${BENCH_BIG_MIB:-1024}
fi
file_bytes=${BENCH_FILE_BYTES:-2048}
cases=${BENCH_CASES:-files big tiny}
java_cmd=${BENCH_JAVA:-java}
read -r -a java_opts <<< "${BENCH_JAVA_OPTS:-}"
jar=core/target/buildkit-cli.jar
buildctl=${BUILDCTL:-$(command -v buildctl || echo /opt/buildkit-test/bin/buildctl)}
certs=$BUILDKIT_TEST_CERTS
[ -f "$jar" ] || { echo "build $jar first: mvn -o -q -pl core -am package -DskipTests -Dspotbugs.skip" >&2; exit 2; }
[ -x "$buildctl" ] || { echo "buildctl not found; set BUILDCTL" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "${1:-}" = warm ]; then
  shift
  # Maven needs the toolchain's Java; the benchmark itself runs on $java_cmd, as the jar would.
  (. ci/toolchain.sh && mvn -o -q -pl core -am test-compile dependency:build-classpath -Dspotbugs.skip \
    -Dmdep.outputFile="$work/classpath") >&2
  BUILDCTL=$buildctl "$java_cmd" "${java_opts[@]}" \
    -cp "core/target/classes:core/target/test-classes:$(cat "$work/classpath")" \
    io.jenkins.plugins.buildkit.bench.WarmJvmBench "${1:-20}" "${2:-$files}"
  exit
fi
if [ "${1:-}" = docker ]; then
  # The docker driver beside `docker buildx build` on the same engine: a cached tiny build that ends
  # as an image in the engine (both clients' default there), $runs alternating runs each.
  docker buildx version > /dev/null 2>&1 || { echo "docker buildx is not installed (a docker CLI plugin)" >&2; exit 2; }
  make_tiny() { mkdir -p "$1"; printf 'FROM scratch\nCOPY . /ctx\n' > "$1/Dockerfile"; echo "$RANDOM" > "$1/nonce"; }
  make_tiny "$work/docker-ctx"
  ours=(env -u DOCKER_HOST "$java_cmd" "${java_opts[@]}" -jar "$jar" build --builder docker -q -t bench-ours "$work/docker-ctx")
  theirs=(env -u DOCKER_HOST docker buildx build -q -t bench-buildx "$work/docker-ctx")
  "${ours[@]}" > /dev/null 2>&1 && "${theirs[@]}" > /dev/null 2>&1  # warm the cache and the class archive
  for run in $(seq 1 "$runs"); do
    for client in ours buildx; do
      if [ "$client" = ours ]; then cmd=("${ours[@]}"); else cmd=("${theirs[@]}"); fi
      /usr/bin/time -f '%e %U %S %M' -o "$work/time" "${cmd[@]}" > "$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
      echo "$client $(tail -1 "$work/time")" >> "$work/raw"
    done
  done
  median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  of() { awk -v k="$1" -v f="$2" '$1 == k { print (f == 5 ? int($5 / 1024) : f == 3 ? $3 + $4 : $f) }' "$work/raw" | median; }
  echo "docker driver, cached tiny build into the engine, medians of $runs runs: ours $(of ours 2) s (CPU $(of ours 3) s, RSS $(of ours 5) MiB)," \
    "docker buildx build $(of buildx 2) s (CPU $(of buildx 3) s, RSS $(of buildx 5) MiB), ratio $(awk -v a="$(of ours 2)" -v b="$(of buildx 2)" 'BEGIN { printf "%.1f", a / b }')"
  docker rmi -f bench-ours bench-buildx > /dev/null 2>&1 || true
  exit
fi
raw=${BENCH_RAW:-$work/raw}
: > "$raw"

# Fresh random content, so that the daemon has never seen any of it; the nonce alone makes even the
# tiny context new. The Dockerfile sits in the context, as both clients read it from there.
write_common() {
  local dir=$1
  printf 'FROM scratch\nCOPY . /ctx\n' > "$dir/Dockerfile"
  printf '%s %s\n' "$(date +%s%N)" "$RANDOM$RANDOM" > "$dir/nonce"
}

# $files files of $file_bytes random bytes, 100 to a directory, directories two levels deep.
make_files() {
  local dir=$1 left=$files i=0
  while [ "$left" -gt 0 ]; do
    local n=$(( left < 100 ? left : 100 )) sub="$dir/d$((i / 10))/e$((i % 10))"
    mkdir -p "$sub"
    head -c "$(( n * file_bytes ))" /dev/urandom | split -b "$file_bytes" -a 3 -d - "$sub/f"
    left=$(( left - n )); i=$(( i + 1 ))
  done
}

make_context() {
  local case=$1 dir=$2
  rm -rf "$dir"
  mkdir -p "$dir"
  case $case in
    files) make_files "$dir" ;;
    big) head -c "$(( big_mib * 1024 * 1024 ))" /dev/urandom > "$dir/blob" ;;
    tiny) ;;
  esac
  write_common "$dir"
}

# Sets cmd to the build command of the client for the directory (an array: /usr/bin/time runs it).
command_for() {
  local client=$1 dir=$2
  if [ "$client" = ours ]; then
    cmd=("$java_cmd" "${java_opts[@]}" -jar "$jar" build --builder "remote:$BUILDKIT_TEST_ADDR"
      --tlscacert "$certs/ca.pem" --tlscert "$certs/client.pem" --tlskey "$certs/client-key.pem"
      --progress quiet -o type=cacheonly "$dir")
  else
    cmd=("$buildctl" --addr "$BUILDKIT_TEST_ADDR" --tlscacert "$certs/ca.pem" --tlscert "$certs/client.pem"
      --tlskey "$certs/client-key.pem" build --progress plain --frontend dockerfile.v0
      --local context="$dir" --local dockerfile="$dir")
  fi
}

if [ "${1:-}" = latency ]; then
  # How long a RUN step's output line takes to reach the console: the step prints its clock (µs, from
  # busybox adjtimex) every 100 ms; a reader stamps each line of the client's plain progress when it
  # arrives. The same daemon buffering is in both clients' numbers, so the difference is the client's.
  ctx=$work/latency-ctx
  mkdir -p "$ctx/rootfs/bin"
  cp "${BUILDKIT_TEST_BUSYBOX:-/bin/busybox}" "$ctx/rootfs/bin/busybox"
  ln -s busybox "$ctx/rootfs/bin/sh"
  cat > "$ctx/tick.sh" <<'TICK'
i=0
while [ $i -lt 40 ]; do
  /bin/busybox adjtimex | /bin/busybox awk '/tv_sec/ { s = $2 } /tv_usec/ { u = $2 } END { printf "TS=%d%06d\n", s, u }'
  /bin/busybox sleep 0.1
  i=$((i + 1))
done
TICK
  printf 'FROM scratch\nCOPY rootfs/ /\nCOPY tick.sh /\nRUN /bin/sh /tick.sh\n' > "$ctx/Dockerfile"
  stamp() { python3 -u -c '
import re, sys, time
lat = []
for line in sys.stdin:
    now = time.time_ns() // 1000
    m = re.search(r"TS=(\d{16})", line)
    if m:
        lat.append((now - int(m.group(1))) / 1000.0)
lat.sort()
print(" ".join("%.1f" % v for v in lat))
'; }
  : > "$work/lat-ours"; : > "$work/lat-buildctl"
  for run in $(seq 1 "$runs"); do
    for client in ours buildctl; do
      command_for "$client" "$ctx"
      if [ "$client" = ours ]; then cmd=("${cmd[@]/quiet/plain}"); fi
      "${cmd[@]}" --no-cache 2>&1 >/dev/null | stamp >> "$work/lat-$client"
    done
  done
  summary() { tr ' ' '\n' < "$1" | grep . | sort -n | awk '{ v[NR] = $1 } END {
    printf "%d lines: median %.1f ms, p90 %.1f ms, max %.1f ms", NR, v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)], v[NR] }'; }
  echo "RUN output line to console, $runs runs: ours $(summary "$work/lat-ours"); buildctl $(summary "$work/lat-buildctl")"
  exit
fi
# One timed build; appends "case variant client wall user sys rss_kib" to the raw file.
measure() {
  local case=$1 variant=$2 client=$3 dir=$4
  command_for "$client" "$dir"
  # Cold also skips the daemon's cache, in case some content met before; unchanged may use it.
  [ "$variant" = cold ] && cmd+=(--no-cache)
  if ! /usr/bin/time -f '%e %U %S %M' -o "$work/time" "${cmd[@]}" > "$work/log" 2>&1; then
    echo "$client build failed ($case $variant):" >&2
    tail -20 "$work/log" >&2
    exit 1
  fi
  echo "$case $variant $client $(tail -1 "$work/time")" >> "$raw"
}

for case in $cases; do
  for run in $(seq 1 "$runs"); do
    # Alternate who goes first, so that neither always meets a daemon just woken by the other.
    if [ $(( run % 2 )) = 1 ]; then order="ours buildctl"; else order="buildctl ours"; fi
    # One directory per client and case, re-filled each run: our session key is the directory, and the
    # daemon keeps one copy of a source per key, so its store does not grow run after run.
    for client in $order; do make_context "$case" "$work/$case-$client"; done
    for variant in cold unchanged; do
      for client in $order; do
        measure "$case" "$variant" "$client" "$work/$case-$client"
      done
    done
    echo "[bench] $case run $run/$runs done" >&2
  done
done

label() {
  case $1 in
    files) echo "$files files" ;;
    big) echo "${big_mib} MiB file" ;;
    tiny) echo "tiny" ;;
  esac
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
stat_of() { # case variant client wall|cpu|rss
  awk -v c="$1" -v v="$2" -v k="$3" -v what="$4" '$1 == c && $2 == v && $3 == k {
    print (what == "wall" ? $4 : what == "cpu" ? $5 + $6 : int($7 / 1024)) }' "$raw" | median
}

echo
echo "medians of $runs runs; CPU = user + sys; RSS = peak resident set; ours: $("$java_cmd" -version 2>&1 | head -1)"
printf '%-22s %9s %11s %7s %10s %14s %13s %17s\n' case "ours s" "buildctl s" ratio "ours CPU" "buildctl CPU" "ours RSS MiB" "buildctl RSS MiB"
for case in $cases; do
  for variant in cold unchanged; do
    ours=$(stat_of "$case" "$variant" ours wall)
    theirs=$(stat_of "$case" "$variant" buildctl wall)
    ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }')
    printf '%-22s %9s %11s %7s %10s %14s %13s %17s\n' "$(label "$case") $variant" "$ours" "$theirs" "$ratio" \
      "$(stat_of "$case" "$variant" ours cpu)" "$(stat_of "$case" "$variant" buildctl cpu)" \
      "$(stat_of "$case" "$variant" ours rss)" "$(stat_of "$case" "$variant" buildctl rss)"
  done
done
