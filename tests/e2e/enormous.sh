#!/usr/bin/env bash
# enormous.sh: input built to make the coder's work explode must still be
# coded, in bounded time: one 1.4 MB "sentence" without a full stop, and
# one article of 20,000 sentences that all report the same events (one
# event with 20,000 mentions).  The time limit is a guard against a hang,
# not a benchmark: it is 20 times what the sanitizer build needs.
. "$(dirname "$0")/lib.sh"

python3 - "$E2E_TMP" <<'PY'
import sys
d = sys.argv[1]
s = "Iran attacked Iraq and Pakistan condemned Iran while China said that "
open(d + "/one_sentence.txt", "w").write(s * 20000 + "\n")
s = ("Iran attacked Iraq on Monday, killing 5 people. "
     "Pakistan said the strikes in Saravan killed 9 people. ")
open(d + "/repeated.txt", "w").write(s * 10000 + "\n")
PY

for f in one_sentence repeated; do
  check_rc "$f: coded (exit 0) within 120 s" 0 \
    timeout 300 "$CASUS" code --published 2024-01-15 \
    "$E2E_TMP/$f.txt" \
    >/dev/null
done
timeout 300 "$CASUS" code --published 2024-01-15 "$E2E_TMP/repeated.txt" \
  > "$E2E_TMP/repeated.jsonl"
check_eq "repeated: one IRN->IRQ event" "IRN IRQ 20000" \
  "$(python3 -c '
import json, sys
for l in open(sys.argv[1]):
    e = json.loads(l)
    if e["actor1"]["country"] == "IRN" and e["actor2"]["country"] == "IRQ":
        print(e["actor1"]["country"], e["actor2"]["country"],
              e["num_mentions"])
' "$E2E_TMP/repeated.jsonl")"
finish
