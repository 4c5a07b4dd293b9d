#!/usr/bin/env bash
# Builds examples/hello with the project's command line on the local Docker Engine, from nothing:
# installs and starts Debian's docker.io when no engine answers (as root), builds the project,
# then runs `buildkit build -t hello:dev examples/hello`.
# An engine started here keeps running, since hello:dev lives in it: its pid goes to
# $STATE/dockerd.pid and the last line says how to stop it. It has no TLS port, so ci/test-env.sh
# stops it and starts an engine of its own.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
STATE="${BUILDKIT_HELLO_STATE:-/tmp/buildkit-hello}"
cd "$ROOT"
# shellcheck source-path=SCRIPTDIR source=../../ci/logged.sh
. ci/logged.sh
mkdir -p "$STATE"

started=""
say_how_to_stop() {
  if [ -n "$started" ]; then
    echo "the Docker Engine started here still runs (pid $started, log $STATE/dockerd.log); stop it with: kill \$(cat $STATE/dockerd.pid)"
  fi
}
trap say_how_to_stop EXIT

if ! docker version >/dev/null 2>&1; then
  if ! command -v dockerd >/dev/null; then
    echo "installing Debian's docker.io (about a minute; log: $STATE/apt.log)"
    : > "$STATE/apt.log"
    logged "$STATE/apt.log" apt-get update
    logged "$STATE/apt.log" env DEBIAN_FRONTEND=noninteractive apt-get install -y docker.io
  fi
  echo "starting the Docker Engine (log: $STATE/dockerd.log)"
  dockerd > "$STATE/dockerd.log" 2>&1 &
  started=$!
  echo "$started" > "$STATE/dockerd.pid"
  for _ in $(seq 1 100); do docker version >/dev/null 2>&1 && break; sleep 0.2; done
  docker version >/dev/null 2>&1 || { echo "the Docker Engine did not answer in 20 s; last lines of $STATE/dockerd.log:" >&2; tail -n 20 "$STATE/dockerd.log" >&2; exit 1; }
fi
# the command line needs only the core module, built on its own (no Jenkins: Java 17 and any Maven 3 will do)
if [ ! -f core/target/buildkit-cli.jar ]; then
  echo "building core/target/buildkit-cli.jar with Maven (the first time it downloads the dependencies from Maven Central," \
    "about 2 minutes; log: $STATE/mvn.log)"
  : > "$STATE/mvn.log"
  logged "$STATE/mvn.log" mvn -B -ntp -f core/pom.xml package -DskipTests
fi
java -jar core/target/buildkit-cli.jar build -t hello:dev examples/hello
docker image inspect hello:dev --format 'hello:dev is {{.Id}}'
