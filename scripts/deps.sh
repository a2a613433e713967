#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, when absent.
# As root it runs apt-get; otherwise it prints the exact command to run.
set -euo pipefail
pkgs=(build-essential cmake pkg-config libjansson-dev libxml2-dev
      libsqlite3-dev zlib1g-dev libicu-dev libexttextcat-dev libutf8proc-dev
      libcmocka-dev iso-codes nodejs npm python3 sqlite3)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
# A machine may have node/npm from elsewhere than Debian: accept those.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs/}"); missing=("${missing[@]/npm/}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
else
  echo "deps: missing packages; run as root:" >&2
  echo "  apt-get install -y ${missing[*]}" >&2
  exit 1
fi
