#!/usr/bin/env bash
# Builds examples/hello with the project's command line on the local Docker Engine, from nothing:
# installs and starts Debian's docker.io when no engine answers (as root), builds the project,
# then runs `buildkit build -t hello:dev examples/hello`.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
if ! docker version >/dev/null 2>&1; then
  if ! command -v dockerd >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
  fi
  echo "starting the Docker Engine (log: /tmp/dockerd.log)"
  dockerd > /tmp/dockerd.log 2>&1 &
  for _ in $(seq 1 100); do docker version >/dev/null 2>&1 && break; sleep 0.2; done
fi
# the command line needs only the core module, built on its own (no Jenkins: Java 17 and any Maven 3 will do)
[ -f core/target/buildkit-cli.jar ] || mvn -B -q -ntp -f core/pom.xml package -DskipTests
java -jar core/target/buildkit-cli.jar build -t hello:dev examples/hello
docker image inspect hello:dev --format 'hello:dev is {{.Id}}'
