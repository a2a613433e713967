# tests/e2e/cli.sh: the command line itself: help for the program and for
# every command it lists, --version, unknown commands and options, fatal
# errors (exit 2), `casus info`, and the input forms of `casus code`
# (stdin, a directory, .gz).
. "$(dirname "$0")/lib.sh"

T=$E2E_TMP

# --- casus --help lists the commands; each has its own --help.
HELP=$("$CASUS" --help 2>&1)
check_eq "--help: exit status" 0 "$?"
check_contains "--help: usage line" "$HELP" "usage: casus"
CMDS=$(sed -n '/^commands:/,/^$/p' <<<"$HELP" | awk 'NR > 1 && NF { print $1 }')
check_eq "--help lists the commands" "code ingest show info export dyads" \
  "$(tr '\n' ' ' <<<"$CMDS" | sed 's/ $//')"
for cmd in $CMDS; do
  out=$("$CASUS" "$cmd" --help 2>&1)
  check_eq "$cmd --help: exit status" 0 "$?"
  check_contains "$cmd --help: usage names the command" "$out" \
    "usage: casus $cmd"
done
check_eq "-h is --help" "$HELP" "$("$CASUS" -h 2>&1)"
check_eq "help is --help" "$HELP" "$("$CASUS" help 2>&1)"

# --- Version.
VERSION=$(sed -n 's/^#define CASUS_VERSION "\([^"]*\)".*/\1/p' \
  "$SRCDIR/include/casus.h")
check "version found in the sources" test -n "$VERSION"
check_eq "--version" "casus $VERSION" "$("$CASUS" --version 2>&1)"
check_eq "--version: exit status" 0 "$(
  "$CASUS" --version >/dev/null 2>&1
  echo $?
)"

# --- Usage errors exit 2 with a message on stderr.
# Table: name | arguments | expected stderr substring.
while IFS='|' read -r name args want; do
  # shellcheck disable=SC2086
  err=$("$CASUS" $args 2>&1 >/dev/null)
  check_eq "$name: exit status 2" 2 "$?"
  check_contains "$name: message" "$err" "$want"
done <<'TABLE'
unknown command|frobnicate|'frobnicate' is not a command
no command||usage: casus
unknown option|--bogus|'--bogus' is not a command
unknown code option|code --bogus x.jsonl|unknown option or missing value: '--bogus'
code without files|code|usage: casus code
ingest without files|ingest --db x.db|usage: casus ingest
missing data dir|info --data /nonexistent-casus-data|/nonexistent-casus-data
TABLE
check_eq "usage error prints nothing on stdout" "" \
  "$("$CASUS" frobnicate 2>/dev/null)"

# --- Fatal store errors: exit 2, the file named, nothing overwritten.
printf 'not a database\n' >"$T/notadb.db"
err=$("$CASUS" ingest --db "$T/notadb.db" "$FIXTURES/good.jsonl" 2>&1 \
  >/dev/null)
check_eq "ingest into a non-database: exit status" 2 "$?"
check_contains "ingest into a non-database: message" "$err" \
  "notadb.db: reading the schema version: file is not a database"
check_eq "ingest into a non-database: file untouched" "not a database" \
  "$(cat "$T/notadb.db")"
err=$("$CASUS" ingest --db "$T/no/such/dir/x.db" "$FIXTURES/good.jsonl" \
  2>&1 >/dev/null)
check_eq "ingest into a missing directory: exit status" 2 "$?"
check_contains "ingest into a missing directory: message" "$err" \
  "no/such/dir/x.db"
err=$("$CASUS" code "$T/missing.jsonl" 2>&1 >/dev/null)
check_eq "code a missing file: exit status" 1 "$?"
check_contains "code a missing file: message" "$err" \
  "missing.jsonl: cannot open"

# --- casus info.
INFO=$("$CASUS" info 2>&1)
check_eq "info: exit status" 0 "$?"
check_eq "info: version line" "casus $VERSION" "$(head -1 <<<"$INFO")"
info_n() { awk -v k="$1" '$0 ~ "^" k " " { print $NF }' <<<"$INFO"; }
# Table: key, minimum.
while read -r key min; do
  n=$(info_n "$key")
  check "info: $key >= $min (got '$n')" test "${n:-0}" -ge "$min"
done <<'TABLE'
countries 240
admin1 3000
cities 100001
roles 50
patterns 51
TABLE
check "info: actor forms >= 1000" test "$(info_n 'actor forms')" -ge 1000
check_contains "info: load time" "$INFO" "load time"
if [ -n "${CASUS_DATA:-}" ]; then
  check_eq "info --data \$CASUS_DATA" "$(sed '$d' <<<"$INFO")" \
    "$("$CASUS" info --data "$CASUS_DATA" 2>&1 | sed '$d')"
fi

# --- Input forms: a file, stdin, a directory, .gz give the same events.
GOOD=$FIXTURES/good.jsonl
"$CASUS" code "$GOOD" >"$T/file.out" 2>&1
check_eq "code file: exit status" 0 "$?"
check "code file: events" test "$(grep -c '"event_id"' "$T/file.out")" -ge 2
"$CASUS" code - <"$GOOD" >"$T/stdin.out" 2>&1
check_eq "code stdin: exit status" 0 "$?"
check_eq "code stdin: same events" "$(cat "$T/file.out")" \
  "$(cat "$T/stdin.out")"
gzip -c "$GOOD" >"$T/good.jsonl.gz"
"$CASUS" code "$T/good.jsonl.gz" >"$T/gz.out" 2>&1
check_eq "code .gz: exit status" 0 "$?"
check_eq "code .gz: same events" "$(cat "$T/file.out")" "$(cat "$T/gz.out")"
mkdir -p "$T/dir"
cp "$GOOD" "$T/dir/a.jsonl"
"$CASUS" code "$T/dir" >"$T/dir.out" 2>&1
check_eq "code directory: exit status" 0 "$?"
check_eq "code directory: same events" "$(cat "$T/file.out")" \
  "$(cat "$T/dir.out")"
"$CASUS" code --format txt --published 2024-03-04 - \
  <"$FIXTURES/quetta.txt" >"$T/txt.out" 2>&1
check_eq "code txt from stdin: exit status" 0 "$?"
check_contains "code txt from stdin: event" "$(cat "$T/txt.out")" \
  '"cameo":"190"'
check_eq "code twice: same output (deterministic)" "$(cat "$T/file.out")" \
  "$("$CASUS" code "$GOOD" 2>&1)"

finish
