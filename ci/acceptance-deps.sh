#!/usr/bin/env bash
# What the acceptance test of the packaged plugin (acceptance/) needs besides the test environment:
# a real browser, Debian's chromium, and the chromedriver of the same build. Installs them when
# missing (as root, from Debian's archive); does nothing when both are there. Idempotent.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
[ -x /usr/bin/openssl ] || missing+=(openssl)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "[acceptance-deps] missing ${missing[*]}; run this script as root to install them" >&2
  exit 1
fi
echo "[acceptance-deps] installing ${missing[*]} from Debian (a minute or two)"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
/usr/bin/chromium --version
/usr/bin/chromedriver --version
