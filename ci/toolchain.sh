#!/usr/bin/env bash
# Sourced by the build scripts: puts Maven 3.9+ (the plugin's hpi packaging needs it) and a Java
# that runs current Jenkins (21+) first on PATH. Maven comes once from Maven Central, fetched with
# Debian's Maven, into /opt.
MAVEN_VERSION=3.9.11
MAVEN_HOME_DIR=/opt/apache-maven-$MAVEN_VERSION
if [ ! -x "$MAVEN_HOME_DIR/bin/mvn" ]; then
  # shellcheck source-path=SCRIPTDIR source=logged.sh
  . "$(dirname "${BASH_SOURCE[0]}")/logged.sh"
  maven_log=/opt/apache-maven-$MAVEN_VERSION-fetch.log
  echo "[toolchain] fetching Maven $MAVEN_VERSION from Maven Central into /opt (once, about a minute; log: $maven_log)"
  : > "$maven_log"
  command -v mvn >/dev/null || { logged "$maven_log" apt-get update && logged "$maven_log" env DEBIAN_FRONTEND=noninteractive apt-get install -y maven; } \
    || return 1 2>/dev/null || exit 1
  maven_fetch=$(mktemp -d)
  # a repository of its own, so that the tarball is found whatever the user's settings say
  # from that directory: no project's POM must be read
  (cd "$maven_fetch" && logged "$maven_log" mvn -B -ntp -Dmaven.repo.local="$maven_fetch/repo" dependency:get \
    -Dartifact="org.apache.maven:apache-maven:$MAVEN_VERSION:tar.gz:bin" -Dtransitive=false) \
    || { rm -rf "$maven_fetch"; return 1 2>/dev/null || exit 1; }
  tar xzf "$maven_fetch/repo/org/apache/maven/apache-maven/$MAVEN_VERSION/apache-maven-$MAVEN_VERSION-bin.tar.gz" -C /opt
  rm -rf "$maven_fetch"
fi
if [ -z "${BUILDKIT_JAVA_HOME:-}" ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64 \
      /usr/lib/jvm/java-25-openjdk-amd64; do
    [ -x "$candidate/bin/java" ] && BUILDKIT_JAVA_HOME=$candidate && break
  done
fi
if [ -z "${BUILDKIT_JAVA_HOME:-}" ]; then
  echo "[toolchain] no Java 21 or newer found (Jenkins 2.568.2 and its test harness need it); set BUILDKIT_JAVA_HOME" >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME=$BUILDKIT_JAVA_HOME
export PATH="$MAVEN_HOME_DIR/bin:$JAVA_HOME/bin:$PATH"
