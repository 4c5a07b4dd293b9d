#!/usr/bin/env bash
# Sourced by the scripts. A step that takes minutes prints hundreds of lines (go get, go mod tidy,
# Maven's first resolution); they go to a log file instead, and the console shows the log's end only
# when the step fails.
#   logged LOG COMMAND [ARG]...   appends COMMAND's output to LOG; returns its exit status
# COMMAND must be a program, not a shell function: set -e does not apply inside a function called here.
logged() {
  local log=$1 rc=0
  shift
  mkdir -p "$(dirname "$log")"
  "$@" >>"$log" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    {
      echo "FAILED (exit $rc): $*"
      echo "----- last 30 lines of $log"
      tail -n 30 "$log"
      echo "----- whole log: $log"
    } >&2
  fi
  return "$rc"
}
