# tests/e2e/lib.sh: shared helpers for the end-to-end tests.
#
# Sourced by every tests/e2e/*.sh script (CTest runs them with bash and
# sets CASUS, SRCDIR, SHARED and TMPDIR). Each check prints "ok NAME" or
# "FAIL NAME: detail"; a failed check does not stop the script, so one
# run reports every failure. `finish` prints "N checks passed" and exits
# non-zero when any check failed.
#
#   check NAME CMD...            passes when CMD exits 0
#   check_eq NAME EXPECTED GOT   passes when the strings are equal
#   check_contains NAME HAY NEEDLE / check_lacks NAME HAY NEEDLE
#   check_rc NAME RC CMD...      passes when CMD exits with status RC
#   json_get FILE LINE EXPR      prints EXPR evaluated on JSON line LINE
#                                (1-based) of FILE, bound to `o`
#   sql DB QUERY                 prints the result of QUERY (python3 sqlite3)
#   pychecks NAME <<'EOF' ...    runs a python3 script with the helpers of
#                                PYLIB (check, eq, fold, ...) and counts its
#                                "ok"/"FAIL" lines as checks

set -u

: "${CASUS:?CASUS must name the casus binary}"
: "${SRCDIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${SHARED:=$SRCDIR/../shared}"
: "${TMPDIR:=/tmp}"
export FIXTURES="$SRCDIR/tests/e2e/fixtures"
export SEEDS="$SHARED/seeds/seeds.jsonl"

E2E_PASS=0
E2E_FAIL=0

# A fresh scratch directory for this script, removed on exit.
E2E_TMP=$(mktemp -d "$TMPDIR/e2e-$(basename "$0" .sh).XXXXXX")
trap 'rm -rf "$E2E_TMP"' EXIT

e2e_ok() {
  E2E_PASS=$((E2E_PASS + 1))
  echo "ok $1"
}

e2e_fail() {
  E2E_FAIL=$((E2E_FAIL + 1))
  echo "FAIL $1: $2" >&2
}

check() {
  local name=$1
  shift
  if "$@" >/dev/null 2>&1; then
    e2e_ok "$name"
  else
    e2e_fail "$name" "command failed: $*"
  fi
}

check_eq() {
  if [ "$2" = "$3" ]; then
    e2e_ok "$1"
  else
    e2e_fail "$1" "expected [$2], got [$3]"
  fi
}

check_contains() {
  case "$2" in
  *"$3"*) e2e_ok "$1" ;;
  *) e2e_fail "$1" "[$3] not found in [$2]" ;;
  esac
}

check_lacks() {
  case "$2" in
  *"$3"*) e2e_fail "$1" "[$3] unexpectedly found in [$2]" ;;
  *) e2e_ok "$1" ;;
  esac
}

check_rc() {
  local name=$1 want=$2 got
  shift 2
  "$@" >/dev/null 2>&1
  got=$?
  check_eq "$name" "$want" "$got"
}

json_get() {
  python3 -c '
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    lines = f.read().splitlines()
o = json.loads(lines[int(sys.argv[2]) - 1])
r = eval(sys.argv[3])
print(json.dumps(r, ensure_ascii=False) if not isinstance(r, str) else r)
' "$@"
}

sql() {
  python3 -c '
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for row in con.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
' "$@"
}

# Python helpers for pychecks scripts.
PYLIB='
import json, os, sys, unicodedata

def check(name, cond, detail=""):
    if cond:
        print("ok " + name)
    else:
        print("FAIL " + name + ": " + str(detail))
    sys.stdout.flush()
    return bool(cond)

def eq(name, expected, got):
    return check(name, expected == got,
                 "expected %r, got %r" % (expected, got))

def fold(s):
    """Lower-case, accents removed: "Sarāvān" -> "saravan"."""
    if s is None:
        return None
    d = unicodedata.normalize("NFKD", s)
    return "".join(c for c in d if not unicodedata.combining(c)).lower()

def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]

def dig(o, *keys):
    """o[k1][k2]...; None when a level is missing or null."""
    for k in keys:
        if o is None:
            return None
        try:
            o = o[k]
        except (KeyError, IndexError, TypeError):
            return None
    return o
'

# Counts the "ok NAME" / "FAIL NAME: detail" lines of stdin as checks and
# echoes any other line.
count_lines() {
  local line
  while IFS= read -r line; do
    case "$line" in
    "ok "*) e2e_ok "${line#ok }" ;;
    "FAIL "*)
      line=${line#FAIL }
      e2e_fail "${line%%: *}" "${line#*: }"
      ;;
    *) [ -n "$line" ] && echo "$line" ;;
    esac
  done
}

pychecks() {
  local name=$1 out rc
  out=$(python3 -c "$PYLIB"$'\n'"$(cat)" 2>&1)
  rc=$?
  count_lines <<<"$out"
  if [ "$rc" -ne 0 ]; then
    e2e_fail "$name" "python checks exited with status $rc"
  fi
}

finish() {
  if [ "$E2E_FAIL" -gt 0 ]; then
    echo "$(basename "$0"): $E2E_FAIL check(s) FAILED, $E2E_PASS passed" >&2
    exit 1
  fi
  echo "$E2E_PASS checks passed"
  exit 0
}
