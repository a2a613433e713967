# tests/e2e/bad_input.sh: bad inputs are rejected with an error naming the
# file (and the line, for JSON Lines), the rest of the batch goes on, the
# exit status is 1, and the database keeps exactly what the good records
# would have stored.
#
# DB gets every input as is (bad and good mixed), one case at a time;
# after each case the articles the good records name must be stored, the
# rejected ones must not, and PRAGMA integrity_check must pass. At the
# end a second database, REF, gets only the good records (in one run) and
# both must hold the same articles, events and row counts; ingesting every
# input again must change nothing. All bad inputs are generated here.
. "$(dirname "$0")/lib.sh"

T=$E2E_TMP
DB=$T/bad.db
REF=$T/ref.db
GOOD_FILES=()  # the good records of every case, for REF
ALL_ARGS=()    # the inputs of every case, for the final re-ingest
PUB_ARGS=()    # likewise, for the cases run with --published

# One good JSONL record: good_line ID TEXT (TEXT needs no JSON escaping).
good_line() {
  printf '{"id":"%s","source":"Fixture Wire","published":"2024-03-04",' "$1"
  printf '"text":"%s"}\n' "$2"
}
QUETTA="Pakistani troops attacked militants near Quetta on Monday."
KABUL="Taliban fighters attacked a police checkpoint in Kabul on Tuesday."

# Prints the row counts, article ids and hashes, event ids and integrity
# check of database $1, one line each.
snapshot() {
  python3 -c '
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
q = lambda s: [r[0] for r in con.execute(s)]
print(" ".join(str(q("SELECT count(*) FROM " + t)[0])
               for t in ("articles", "sentences", "events",
                         "event_mentions")))
print(" ".join(q("SELECT id || \":\" || content_hash FROM articles"
                 " ORDER BY id")))
print(" ".join(q("SELECT event_id FROM events ORDER BY event_id")))
print(" ".join(q("PRAGMA integrity_check")))
' "$1"
}

# Checks that database $DB holds the articles named in $2 and none of
# those named in $3 and passes integrity_check; $1 names the case.
db_has() {
  local out
  if ! out=$(python3 -c '
import sqlite3, sys
name, want, absent = sys.argv[2], sys.argv[3].split(), sys.argv[4].split()
con = sqlite3.connect(sys.argv[1])
ids = {r[0] for r in con.execute("SELECT id FROM articles")}
miss = [i for i in want if i not in ids]
extra = [i for i in absent if i in ids]
ic = [r[0] for r in con.execute("PRAGMA integrity_check")]
print(("ok %s: good records stored" % name) if not miss else
      ("FAIL %s: good records stored: missing %s" % (name, miss)))
print(("ok %s: rejected records not stored" % name) if not extra else
      ("FAIL %s: rejected records not stored: found %s" % (name, extra)))
print(("ok %s: integrity_check" % name) if ic == ["ok"] else
      ("FAIL %s: integrity_check: %s" % (name, ic)))
' "$DB" "$1" "$2" "$3" 2>&1); then
    e2e_fail "$1: database check" "$out"
  fi
  count_lines <<<"$out"
}

# run_case NAME WANT_RC GOOD_FILE|- "GOOD IDS" "BAD IDS" ERR_SUBSTR... --
#   CASUS_ARGS...
# Ingests CASUS_ARGS into DB; checks the exit status, that stderr holds
# every ERR_SUBSTR, and which articles were stored. GOOD_FILE (unless -)
# holds the good records alone, for REF.
run_case() {
  local name=$1 want=$2 good=$3 good_ids=$4 bad_ids=$5 rc err s
  shift 5
  local subs=()
  while [ "$1" != "--" ]; do
    subs+=("$1")
    shift
  done
  shift
  [ "$good" != - ] && GOOD_FILES+=("$good")
  if [ "$1" = --published ]; then
    PUB_ARGS+=("${@:3}")
  else
    ALL_ARGS+=("$@")
  fi
  err=$("$CASUS" ingest --db "$DB" "$@" 2>&1 >/dev/null)
  rc=$?
  check_eq "$name: exit status" "$want" "$rc"
  for s in "${subs[@]}"; do
    check_contains "$name: stderr mentions '$s'" "$err" "$s"
  done
  check_lacks "$name: no sanitizer report" "$err" "Sanitizer"
  db_has "$name" "$good_ids" "$bad_ids"
}

# --- Baseline: the good fixture.
check_rc "baseline ingest" 0 "$CASUS" ingest --db "$DB" "$FIXTURES/good.jsonl"
GOOD_FILES+=("$FIXTURES/good.jsonl")
db_has "baseline" "fx-kabul-1 fx-delhi-1" ""

# --- Invalid UTF-8 in a .txt: repaired (U+FFFD), still coded, warned.
{
  printf 'Pakistani troops attacked militants in Quetta on Monday.\n'
  printf '\xff\xfe Bad bytes.\n'
} >"$T/bad_utf8.txt"
mkdir -p "$T/ref_utf8"
sed 's/\xff\xfe/\xef\xbf\xbd/' "$T/bad_utf8.txt" >"$T/ref_utf8/bad_utf8.txt"
check_rc "utf8 txt: reference ingest" 0 "$CASUS" ingest --db "$REF" \
  --published 2024-03-04 "$T/ref_utf8/bad_utf8.txt"
run_case "utf8 txt" 0 - "bad_utf8" "" \
  "bad_utf8" "invalid" -- --published 2024-03-04 "$T/bad_utf8.txt"
check_eq "utf8 txt: stored text has U+FFFD" "1" \
  "$(sql "$DB" "SELECT instr(text, char(65533)) > 0 FROM articles
    WHERE id = 'bad_utf8'")"
err=$("$CASUS" code --explain --published 2024-03-04 "$T/bad_utf8.txt" \
  2>&1 >/dev/null)
check_contains "utf8 txt: --explain reports the repair" "$err" \
  "invalid byte"

# --- Invalid UTF-8 inside a JSONL string: that line is rejected.
{
  good_line u1 "$QUETTA"
  printf '{"id":"u2","published":"2024-03-04",'
  printf '"text":"Iran attacked \xff Pakistan."}\n'
  good_line u3 "$KABUL"
} >"$T/bad_utf8.jsonl"
{ good_line u1 "$QUETTA"; good_line u3 "$KABUL"; } >"$T/good_utf8.jsonl"
run_case "utf8 jsonl" 1 "$T/good_utf8.jsonl" "u1 u3" "u2" \
  "bad_utf8.jsonl:2:" "0xff" -- "$T/bad_utf8.jsonl"

# --- A binary file, alone and before a good file in the same batch.
python3 -c '
import random, sys
r = random.Random(3)
sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(4096)) +
                        b"\0" * 4)
' >"$T/noise.bin"
good_line b1 "$QUETTA" >"$T/after_binary.jsonl"
run_case "binary" 1 "$T/after_binary.jsonl" "b1" "noise" \
  "noise.bin" "binary" -- "$T/noise.bin" "$T/after_binary.jsonl"

# --- Empty files.
: >"$T/empty.jsonl"
: >"$T/empty.txt"
good_line e1 "$KABUL" >"$T/after_empty.jsonl"
run_case "empty files" 1 "$T/after_empty.jsonl" "e1" "empty" \
  "empty.jsonl" "empty.txt" "empty file" \
  -- --published 2024-03-04 "$T/empty.jsonl" "$T/empty.txt" \
  "$T/after_empty.jsonl"

# --- A 55 MB line, then a good line.
python3 -c '
import json, sys
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": "huge", "published": "2024-03-04",
                        "text": "word " * (11 << 20)}))
    f.write("\n")
' "$T/huge.jsonl"
good_line h2 "$QUETTA" >>"$T/huge.jsonl"
good_line h2 "$QUETTA" >"$T/good_huge.jsonl"
check "huge line is over 50 MB" \
  test "$(stat -c %s "$T/huge.jsonl")" -gt 52428800
run_case "50 MB line" 1 "$T/good_huge.jsonl" "h2" "huge" \
  "huge.jsonl:1:" "limit" -- "$T/huge.jsonl"

# --- A truncated .gz: the complete records before the cut are stored.
python3 - "$T" <<'PY'
import gzip, json, random, sys, zlib
t = sys.argv[1]
rnd = random.Random(7)
words = ("Pakistani troops attacked militants near Quetta on Monday, "
         "officials said after talks in Islamabad and Kabul about "
         "border security and trade").split()
lines = []
for i in range(40):
    body = " ".join(rnd.choice(words) for _ in range(60))
    text = "Pakistani troops attacked militants near Quetta on Monday. " + body
    lines.append(json.dumps({"id": "gz%02d" % i, "published": "2024-03-04",
                             "text": text}) + "\n")
data = gzip.compress("".join(lines).encode(), mtime=0)
cut = data[:len(data) // 2]
with open(t + "/cut.jsonl.gz", "wb") as f:
    f.write(cut)
# What can be decompressed from the cut stream: complete lines only.
part = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(cut).decode()
whole = part.count("\n")
with open(t + "/good_cut.jsonl", "w") as f:
    f.write("".join(lines[:whole]))
with open(t + "/cut_info", "w") as f:
    f.write("%d\n%s\n%s\n" % (whole + 1,
                              " ".join("gz%02d" % i for i in range(whole)),
                              " ".join("gz%02d" % i
                                       for i in range(whole, 40))))
PY
{ read -r CUT_LINE; read -r CUT_GOOD; read -r CUT_BAD; } <"$T/cut_info"
check "truncated gz keeps some records" test "$CUT_LINE" -gt 2
run_case "truncated gz" 1 "$T/good_cut.jsonl" "$CUT_GOOD" "$CUT_BAD" \
  "cut.jsonl.gz:$CUT_LINE:" "truncated" -- "$T/cut.jsonl.gz"

# --- Malformed records, each between two good ones: the line is named.
# Table: name | bad record | expected error substring.
while IFS='|' read -r name bad want; do
  f=$T/$name.jsonl
  {
    good_line "$name-a" "$QUETTA"
    printf '%s\n' "$bad"
    good_line "$name-c" "$KABUL"
  } >"$f"
  { good_line "$name-a" "$QUETTA"; good_line "$name-c" "$KABUL"; } \
    >"$T/good-$name.jsonl"
  run_case "$name" 1 "$T/good-$name.jsonl" "$name-a $name-c" "$name-b" \
    "$name.jsonl:2:" "$want" -- "$f"
done <<'TABLE'
missing_brace|{"id":"missing_brace-b","published":"2024-03-04","text":"Iran attacked Pakistan."|invalid JSON
trailing_garbage|{"id":"trailing_garbage-b","published":"2024-03-04","text":"Iran attacked Pakistan."} trailing|invalid JSON
text_number|{"id":"text_number-b","published":"2024-03-04","text":42}|"text" must be a string
not_object|[1, 2, 3]|not a JSON object
no_published|{"id":"no_published-b","text":"Iran attacked Pakistan on Monday."}|missing field "published"
bad_date|{"id":"bad_date-b","published":"2024-13-45","text":"Iran attacked Pakistan on Monday."}|"2024-13-45" is not a valid date
feb_30|{"id":"feb_30-b","published":"2024-02-30","text":"Iran attacked Pakistan on Monday."}|"2024-02-30" is not a valid date
no_text|{"id":"no_text-b","published":"2024-03-04"}|missing field "text"
TABLE

# --- A .txt without --published, before a good JSONL in the same batch.
cp "$FIXTURES/quetta.txt" "$T/undated.txt"
good_line d1 "$KABUL" >"$T/after_undated.jsonl"
run_case "txt without --published" 1 "$T/after_undated.jsonl" "d1" "undated" \
  "undated.txt" "--published" -- "$T/undated.txt" "$T/after_undated.jsonl"

# --- Everything again: rejected again, nothing stored twice, and the
# summary line counts the rejected inputs.
before=$(snapshot "$DB")
err=$("$CASUS" ingest --db "$DB" "${ALL_ARGS[@]}" 2>&1 >/dev/null)
check_eq "again: exit status" 1 "$?"
check_contains "again: summary line" "$err" " 0 stored"
check_contains "again: summary counts rejected inputs" "$err" "13 rejected"
err=$("$CASUS" ingest --db "$DB" --published 2024-03-04 "${PUB_ARGS[@]}" \
  2>&1 >/dev/null)
check_eq "again with --published: exit status" 1 "$?"
check_contains "again with --published: summary line" "$err" " 0 stored"
check_contains "again with --published: summary counts rejected inputs" \
  "$err" "2 rejected"
check_eq "again: database unchanged" "$before" "$(snapshot "$DB")"

# --- The good records alone give the same database.
check_rc "reference ingest" 0 "$CASUS" ingest --db "$REF" "${GOOD_FILES[@]}"
after=$(snapshot "$DB")
ref=$(snapshot "$REF")
check_eq "same row counts as the good records alone" \
  "$(sed -n 1p <<<"$ref")" "$(sed -n 1p <<<"$after")"
check_eq "same articles and hashes as the good records alone" \
  "$(sed -n 2p <<<"$ref")" "$(sed -n 2p <<<"$after")"
check_eq "same events as the good records alone" \
  "$(sed -n 3p <<<"$ref")" "$(sed -n 3p <<<"$after")"
check_eq "final integrity_check" "ok" "$(sed -n 4p <<<"$after")"
check_eq "final foreign_key_check" "" \
  "$(sql "$DB" "PRAGMA foreign_key_check")"

finish
