# tests/e2e/jobs.sh: `casus code -j N` and `casus ingest -j N` give the
# output of one thread, in the same order: the events on stdout, and the
# messages on stderr (rejected records between the articles around them),
# whatever N; bad values of -j are usage errors.
. "$(dirname "$0")/lib.sh"

T=$E2E_TMP

# A mixed input: the seeds, then a malformed record, a record without
# text, the good fixture, repeated so that the queue wraps around.
{
  for _ in 1 2 3 4 5 6; do
    cat "$SEEDS"
    echo '{"id": "broken", "text": '
    echo '{"id": "empty", "published": "2024-01-02", "text": ""}'
    cat "$FIXTURES/good.jsonl"
  done
} >"$T/mixed.jsonl"

"$CASUS" code --explain "$T/mixed.jsonl" >"$T/ref.out" 2>"$T/ref.err"
REF_RC=$?
check_eq "-j 1 reference: exit status 1 (rejected records)" 1 "$REF_RC"
check "-j 1 reference has events" test -s "$T/ref.out"

# Table: jobs value.
for j in 1 2 3 8; do
  "$CASUS" code --explain -j "$j" "$T/mixed.jsonl" >"$T/j.out" 2>"$T/j.err"
  check_eq "code -j $j: exit status" "$REF_RC" "$?"
  check "code -j $j: same events, same order" cmp "$T/ref.out" "$T/j.out"
  check "code -j $j: same messages, same order" cmp "$T/ref.err" "$T/j.err"
done
"$CASUS" code --jobs 2 --all "$SEEDS" >"$T/all2.out" 2>/dev/null
"$CASUS" code --all "$SEEDS" >"$T/all1.out" 2>/dev/null
check "--jobs 2 --all: same as one thread" cmp "$T/all1.out" "$T/all2.out"

# Ingest: the same rows with 1 and 3 threads.
"$CASUS" ingest --db "$T/one.db" "$T/mixed.jsonl" >/dev/null 2>"$T/i1.err"
"$CASUS" ingest -j 3 --db "$T/three.db" "$T/mixed.jsonl" >/dev/null \
  2>"$T/i3.err"
check "ingest -j 3: same messages" cmp "$T/i1.err" "$T/i3.err"
Q="SELECT count(*) FROM events"
check_eq "ingest -j 3: same events" "$(sql "$T/one.db" "$Q")" \
  "$(sql "$T/three.db" "$Q")"

# Bad values.  Table: value.
for v in 0 -1 x 2x 257; do
  err=$("$CASUS" code -j "$v" "$SEEDS" 2>&1 >/dev/null)
  check_eq "-j $v: exit status 2" 2 "$?"
  check_contains "-j $v: says why" "$err" "--jobs"
done

finish
