#!/usr/bin/env bash
# edges.sh: inputs found in review that once went wrong -- two files of one
# name in a walked folder, a language written out ("English"), a .json
# with a byte-order mark, a <script charset> in a UTF-8 page, an encoding
# error libxml2 likes to print, and output to a full disk.
. "$(dirname "$0")/lib.sh"

T=$E2E_TMP
mkdir -p "$T/d/a" "$T/d/b"
echo "Pakistani troops attacked militants in Quetta on Monday." \
  >"$T/d/a/report.txt"
echo "Indian police arrested protesters in Delhi on Tuesday." \
  >"$T/d/b/report.txt"
"$CASUS" ingest --db "$T/x.db" --published 2024-03-04 "$T/d" 2>/dev/null
check_eq "same name in two folders: two articles" "a/report b/report" \
  "$(sql "$T/x.db" "SELECT group_concat(id, ' ') FROM (SELECT id FROM articles ORDER BY id)")"

printf '%s\n' '{"id":"L1","published":"2024-03-04","language":"English","text":"Pakistani troops attacked militants in the city of Quetta on Monday, officials said, and the army said that five of them were killed."}' \
  >"$T/lang.jsonl"
check_eq "language 'English': coded" 1 \
  "$("$CASUS" code "$T/lang.jsonl" 2>/dev/null | grep -c .)"

printf '\xef\xbb\xbf[{"id":"x1","published":"2024-03-04","text":"Iran attacked Iraq on Monday."},\n{"id":"x2","published":"2024-03-04","text":"Iraq attacked Iran on Monday."}]\n' \
  >"$T/bom.json"
check_eq ".json with a byte-order mark: both articles" 2 \
  "$("$CASUS" code "$T/bom.json" 2>/dev/null | grep -c .)"

printf '<html><head><script charset="utf-8" src="a.js"></script></head><body><p>\xc3\x89lite troops attacked militants in Quetta on Monday.</p></body></html>' \
  >"$T/cs.html"
check_contains "script charset: the page stays UTF-8" \
  "$("$CASUS" code --published 2024-01-01 "$T/cs.html")" \
  '"text":"Élite troops attacked'

printf '<html><head><meta http-equiv="Content-Type" content="text/html; charset=shift_jis"></head><body><p>Iran attacked Iraq on Monday \xff\xfe in the morning.</p></body></html>' \
  >"$T/sj.html"
check_eq "libxml2 prints nothing" "" \
  "$("$CASUS" code --published 2024-01-01 "$T/sj.html" 2>&1 >/dev/null)"

if [ -w /dev/full ]; then
  check_rc "a full disk is a fatal error" 2 \
    sh -c "\"$CASUS\" code \"$T/bom.json\" >/dev/full"
fi
finish
