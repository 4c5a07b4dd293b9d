#!/usr/bin/env bash
# Sourced by the build scripts: puts a Java that runs current Jenkins (21+) and Maven 3.9+ (the
# plugin's hpi packaging needs it) first on PATH. Maven comes from Maven Central through Debian's
# Maven when it is not there yet.
MAVEN_VERSION=3.9.11
MAVEN_HOME_DIR=/opt/apache-maven-$MAVEN_VERSION
if [ -z "${BUILDKIT_JAVA_HOME:-}" ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    [ -x "$candidate/bin/java" ] && BUILDKIT_JAVA_HOME=$candidate && break
  done
fi
if [ -z "${BUILDKIT_JAVA_HOME:-}" ]; then
  echo "no Java 21 or newer found (Jenkins 2.568.2 and its test harness need it); set BUILDKIT_JAVA_HOME" >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME=$BUILDKIT_JAVA_HOME
if [ ! -x "$MAVEN_HOME_DIR/bin/mvn" ]; then
  command -v mvn >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null; }
  mvn -B -q -ntp dependency:get -Dartifact=org.apache.maven:apache-maven:$MAVEN_VERSION:tar.gz:bin -Dtransitive=false
  tar xzf "$HOME/.m2/repository/org/apache/maven/apache-maven/$MAVEN_VERSION/apache-maven-$MAVEN_VERSION-bin.tar.gz" -C /opt
fi
export PATH="$MAVEN_HOME_DIR/bin:$JAVA_HOME/bin:$PATH"
