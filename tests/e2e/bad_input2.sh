# tests/e2e/bad_input2.sh: bad input to the newer commands.
#
# - `casus export` and `casus dyads` on events files with bad records
#   (truncated JSON, garbage, a binary line, a non-object, an object that
#   is no event, a last line cut off), on an empty, a binary, a missing
#   and a truncated file: each bad record is reported as FILE:LINE, the
#   good ones give exactly the output they give alone, the exit status is
#   1 (2 when the file cannot be opened or read, 0 for an empty file);
#   a line of 64 MiB or more is reported and skipped.
# - `casus code --dict/--project` on a missing, binary, empty, unnamed or
#   malformed dictionary: a fatal error names FILE (and LINE where there
#   is one); malformed lines are read leniently (the field's dictionaries
#   hold unbalanced brackets) and the good entries still code.
# - `casus ingest` of a batch with bad records into a store that already
#   holds fused events: the good records are stored once, nothing stored
#   before is lost, and ingesting the batch again changes nothing (rows,
#   fused events, stories).
# Every input is generated here.
. "$(dirname "$0")/lib.sh"

T=$E2E_TMP
PUB=--published=2024-03-04
D0=$T/adir
mkdir -p "$D0"

# ---------------------------------------------------------------- events
EV=$T/events.jsonl
"$CASUS" code "$SEEDS" >"$EV" 2>/dev/null
n_ev=$(wc -l <"$EV")
check "seed events coded" test "$n_ev" -ge 4

GOOD=$T/good.jsonl   # the good records of MIXED, in order
MIXED=$T/mixed.jsonl
sed -n 1,2p "$EV" >"$GOOD"
{
  sed -n 1p "$EV"                        # 1 good
  printf '{"event_id":"x","date":\n'     # 2 truncated JSON
  printf 'garbage\n'                     # 3 not JSON
  printf 'ab\000\001\377cd\n'            # 4 binary
  printf '[1,2]\n'                       # 5 not an object
  printf '{"id":"no event"}\n'           # 6 no casus event
  sed -n 2p "$EV"                        # 7 good
  sed -n 3p "$EV" | head -c 200          # 8 cut off, no newline
} >"$MIXED"
EMPTY=$T/empty.jsonl
: >"$EMPTY"
BIN=$T/binary.jsonl
head -c 4096 "$CASUS" >"$BIN"
TRUNC=$T/truncated.jsonl                 # 2 events, then half of one
{ sed -n 1,2p "$EV"; sed -n 3p "$EV" | head -c 300; } >"$TRUNC"

# run_out NAME WANT_RC OUT ERR CMD...: runs CMD with stdout to OUT and
# stderr to ERR, checking its exit status.
run_out() {
  local name=$1 want=$2 out=$3 err=$4
  shift 4
  "$@" >"$out" 2>"$err"
  check_eq "$name: exit status" "$want" "$?"
}

for fmt in jsonl gdelt acled plover; do
  run_out "export $fmt good" 0 "$T/x.good.$fmt" "$T/err" \
    "$CASUS" export --format "$fmt" --events "$GOOD"
  run_out "export $fmt mixed" 1 "$T/x.mixed.$fmt" "$T/err" \
    "$CASUS" export --format "$fmt" --events "$MIXED"
  err=$(cat "$T/err")
  for l in 2 3 4 5 6 8; do
    check_contains "export $fmt: line $l reported" "$err" "mixed.jsonl:$l:"
  done
  for l in 1 7; do
    check_lacks "export $fmt: line $l accepted" "$err" "mixed.jsonl:$l:"
  done
  check "export $fmt: the good records give the same output" \
    cmp "$T/x.good.$fmt" "$T/x.mixed.$fmt"
  run_out "export $fmt empty" 0 "$T/out" "$T/err" \
    "$CASUS" export --format "$fmt" --no-header --events "$EMPTY"
  check_eq "export $fmt empty: no output" "" "$(cat "$T/out")"
  run_out "export $fmt binary" 1 "$T/out" "$T/err" \
    "$CASUS" export --format "$fmt" --events "$BIN"
  check_contains "export $fmt binary: FILE:LINE" "$(cat "$T/err")" \
    "binary.jsonl:1:"
  run_out "export $fmt missing" 2 "$T/out" "$T/err" \
    "$CASUS" export --format "$fmt" --events "$T/none.jsonl"
  check_contains "export $fmt missing: names the file" "$(cat "$T/err")" \
    "none.jsonl"
  run_out "export $fmt truncated" 1 "$T/out" "$T/err" \
    "$CASUS" export --format "$fmt" --events "$TRUNC"
  check_contains "export $fmt truncated: FILE:LINE" "$(cat "$T/err")" \
    "truncated.jsonl:3:"
  check "export $fmt truncated: the first events kept" \
    cmp "$T/x.good.$fmt" "$T/out"
done
check_eq "export jsonl keeps the two good events" 2 \
  "$(wc -l <"$T/x.mixed.jsonl")"

# A directory is no events file; a line of 64 MiB and more is skipped.
LONG=$T/long.jsonl
{ head -c 67108870 /dev/zero | tr '\0' x; echo; sed -n 1p "$EV"; } >"$LONG"
sed -n 1p "$EV" >"$T/first.jsonl"
"$CASUS" export --format jsonl --events "$T/first.jsonl" >"$T/first.out" \
  2>/dev/null
for cmd in "export --format jsonl" "dyads --json --top 0"; do
  run_out "$cmd: directory" 2 "$T/out" "$T/err" \
    "$CASUS" $cmd --events "$D0"
  check_contains "$cmd: directory: cannot read" "$(cat "$T/err")" \
    "cannot read"
  run_out "$cmd: overlong line" 1 "$T/out" "$T/err" \
    "$CASUS" $cmd --events "$LONG"
  check_contains "$cmd: overlong line: FILE:LINE" "$(cat "$T/err")" \
    "long.jsonl:1: record longer than"
done
"$CASUS" export --format jsonl --events "$LONG" >"$T/out" 2>/dev/null
check "export: the event after an overlong line" cmp "$T/first.out" "$T/out"
rm -f "$LONG"

for mode in "" --json; do
  name="dyads${mode:+ $mode}"
  run_out "$name good" 0 "$T/dy.good" "$T/err" \
    "$CASUS" dyads $mode --top 0 --events "$GOOD"
  run_out "$name mixed" 1 "$T/dy.mixed" "$T/err" \
    "$CASUS" dyads $mode --top 0 --events "$MIXED"
  err=$(cat "$T/err")
  for l in 2 3 4 5 8; do
    check_contains "$name: line $l reported" "$err" "mixed.jsonl:$l:"
  done
  if [ -n "$mode" ]; then  # the table's totals count the records read
    check "$name: the good records give the same dyads" \
      cmp "$T/dy.good" "$T/dy.mixed"
    check "$name: some dyad" test -s "$T/dy.good"
  fi
  run_out "$name empty" 0 "$T/out" "$T/err" \
    "$CASUS" dyads $mode --events "$EMPTY"
  run_out "$name binary" 1 "$T/out" "$T/err" \
    "$CASUS" dyads $mode --events "$BIN"
  check_contains "$name binary: FILE:LINE" "$(cat "$T/err")" \
    "binary.jsonl:1:"
  run_out "$name missing" 2 "$T/out" "$T/err" \
    "$CASUS" dyads $mode --events "$T/none.jsonl"
  check_contains "$name missing: names the file" "$(cat "$T/err")" \
    "none.jsonl"
  run_out "$name truncated" 1 "$T/out" "$T/err" \
    "$CASUS" dyads $mode --top 0 --events "$TRUNC"
  check_contains "$name truncated: FILE:LINE" "$(cat "$T/err")" \
    "truncated.jsonl:3:"
  [ -n "$mode" ] && check "$name truncated: the first events kept" \
    cmp "$T/dy.good" "$T/out"
done

# ---------------------------------------------------------- dictionaries
D=$T/dict
mkdir -p "$D"
ART=$T/numenor.txt
echo "Numenor blockaded Umbar on Monday." >"$ART"
printf 'NUMENOR [NUM]\nUMBAR [UMB\n] stray [\nUMBAR_ [UMB]\n' >"$D/m.actors"
printf 'BLOCKAD [191]\n- * [\n{ |\n- * WITH [19\n' >"$D/m.verbs"
printf 'NUMENOR [NUM]\nUM\000\001\377 [X]\n' >"$D/bin.actors"
: >"$D/empty.verbs"
printf '<actorsfile> m.actors\n<verbsfile> gone.verbs\n' >"$D/x.project"
cp "$D/m.actors" "$D/notes.txt"

run_out "dict missing" 2 "$T/out" "$T/err" \
  "$CASUS" code $PUB --dict "$D/none.verbs" "$ART"
check_contains "dict missing: names the file" "$(cat "$T/err")" \
  "none.verbs: cannot open"
run_out "dict binary" 2 "$T/out" "$T/err" \
  "$CASUS" code $PUB --dict "$D/bin.actors" "$ART"
check_contains "dict binary: FILE:LINE" "$(cat "$T/err")" \
  "bin.actors:2: binary data"
run_out "project naming a missing file" 2 "$T/out" "$T/err" \
  "$CASUS" code $PUB --project "$D/x.project" "$ART"
check_contains "project: FILE:LINE of the missing file" "$(cat "$T/err")" \
  "x.project:2:"
check_contains "project: names the missing file" "$(cat "$T/err")" \
  "gone.verbs"
run_out "dict of unknown kind" 2 "$T/out" "$T/err" \
  "$CASUS" code $PUB --dict "$D/notes.txt" "$ART"
check_contains "dict of unknown kind: names the file" "$(cat "$T/err")" \
  "notes.txt: cannot tell"
run_out "dict empty" 0 "$T/out" "$T/err" \
  "$CASUS" code $PUB --dict "$D/empty.verbs" "$ART"
run_out "dict malformed lines" 0 "$T/out" "$T/err" \
  "$CASUS" code $PUB --dict "$D/m.actors" --dict "$D/m.verbs" "$ART"
pychecks "dict malformed lines" <<EOF
evs = read_jsonl("$T/out")
got = [(dig(e, "actor1", "code"), e["cameo"], dig(e, "actor2", "code"))
       for e in evs]
check("dict malformed lines: the good entries code",
      ("NUM", "191", "UMB") in got, got)
EOF

# ---------------------------------------------------------------- ingest
DB=$T/store.db
REF=$T/ref.db
NEWS=$T/batch.jsonl
KABUL='{"id":"kabul-1","source":"Fixture Wire","published":"2024-03-05",'
KABUL+='"text":"Taliban fighters attacked a police checkpoint in Kabul on '
KABUL+='Tuesday, killing four officers."}'
{
  head -1 "$SEEDS"                                  # 1 already stored
  printf '{"id":"bad-json","text":\n'               # 2 truncated
  printf '{"id":"bad-date","published":"2024-02-31","text":"Iran struck."}\n'
  printf '{"id":"empty","published":"2024-03-05","text":""}\n'
  printf 'x\000\001\377y\n'                         # 5 binary
  echo "$KABUL"                                     # 6 new
  printf '{"id":"cut","published":"2024-03-05","text":"Pak'   # 7 cut
} >"$NEWS"

# Prints the row counts of DB $1 and its article, event, fused event and
# story ids, one line each.
store_state() {
  python3 -c '
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
q = lambda s: [str(r[0]) for r in con.execute(s)]
print(" ".join(q("SELECT count(*) FROM " + t)[0] for t in
      ("articles", "events", "event_mentions", "fused_events",
       "fused_mentions", "stories", "article_story")))
print(" ".join(q("SELECT id FROM articles ORDER BY id")))
print(" ".join(q("SELECT event_id FROM events ORDER BY event_id")))
print(" ".join(q("SELECT count(*) FROM fused_events")))
print(" ".join(q("PRAGMA integrity_check")))
' "$1"
}

run_out "ingest seeds" 0 "$T/out" "$T/err" \
  "$CASUS" ingest --db "$DB" "$SEEDS"
before=$(store_state "$DB")
run_out "ingest bad batch" 1 "$T/out" "$T/err" \
  "$CASUS" ingest --db "$DB" "$NEWS"
err=$(cat "$T/err")
for l in 2 3 4 5 7; do
  check_contains "ingest: line $l reported" "$err" "batch.jsonl:$l:"
done
after=$(store_state "$DB")
pychecks "ingest bad batch" <<EOF
before = """$before""".splitlines()
after = """$after""".splitlines()
b, a = [int(x) for x in before[0].split()], [int(x) for x in after[0].split()]
eq("ingest: one article more", b[0] + 1, a[0])
check("ingest: seed articles kept",
      set(before[1].split()) <= set(after[1].split()), after[1])
check("ingest: new article stored", "kabul-1" in after[1].split(),
      after[1])
for bad in ("bad-json", "bad-date", "empty", "cut"):
    check("ingest: %s not stored" % bad, bad not in after[1].split())
check("ingest: seed events kept",
      set(before[2].split()) <= set(after[2].split()))
check("ingest: fused events kept or grown", a[3] >= b[3], (b, a))
eq("ingest: integrity", "ok", after[4])
EOF
run_out "ingest bad batch again" 1 "$T/out" "$T/err" \
  "$CASUS" ingest --db "$DB" "$NEWS"
check_eq "ingest again: nothing changes" "$after" "$(store_state "$DB")"
run_out "ingest seeds again" 0 "$T/out" "$T/err" \
  "$CASUS" ingest --db "$DB" "$SEEDS"
check_eq "ingest seeds again: nothing changes" "$after" \
  "$(store_state "$DB")"

# The same good records in one clean run: the same store.
echo "$KABUL" >"$T/kabul.jsonl"
run_out "ingest reference" 0 "$T/out" "$T/err" \
  "$CASUS" ingest --db "$REF" "$SEEDS" "$T/kabul.jsonl"
check_eq "ingest: same store as the good records alone" \
  "$(store_state "$REF")" "$after"

finish
