# tests/e2e/store.sh: the SQLite store through the CLI. Ingesting the
# seeds twice stores them once; the stored events are those `casus code
# --no-fuse` prints; `casus show --no-fuse` prints one row per event; a changed article
# replaces its earlier version and its events; an HTML page and a .txt
# file (fixtures) are read, coded and stored with their metadata.
. "$(dirname "$0")/lib.sh"

T=$E2E_TMP
DB=$T/store.db
export DB T

counts() {
  sql "$DB" "SELECT (SELECT count(*) FROM articles) || ' ' ||
    (SELECT count(*) FROM sentences) || ' ' ||
    (SELECT count(*) FROM events) || ' ' ||
    (SELECT count(*) FROM event_mentions)"
}

# --- Ingest the seeds twice: the second run stores nothing.
"$CASUS" code --no-fuse "$SEEDS" >"$T/seeds.jsonl" 2>/dev/null
NCODE=$(grep -c . "$T/seeds.jsonl")
err=$("$CASUS" ingest --db "$DB" "$SEEDS" 2>&1 >/dev/null)
check_eq "first ingest: exit status" 0 "$?"
check_contains "first ingest: summary" "$err" \
  "2 article(s) read, 2 stored, 0 unchanged, 0 rejected, $NCODE event(s)"
FIRST=$(counts)
err=$("$CASUS" ingest --db "$DB" "$SEEDS" 2>&1 >/dev/null)
check_eq "second ingest: exit status" 0 "$?"
check_contains "second ingest: stores 0, 2 unchanged" "$err" \
  "2 article(s) read, 0 stored, 2 unchanged, 0 rejected"
check_eq "second ingest: same row counts" "$FIRST" "$(counts)"
check_eq "articles stored" 2 "$(echo "$FIRST" | cut -d' ' -f1)"
check_eq "events stored == events coded" "$NCODE" \
  "$(echo "$FIRST" | cut -d' ' -f3)"

export SEEDS
pychecks "stored seeds" <<'EOF'
import sqlite3
con = sqlite3.connect(os.environ["DB"])
coded = {e["event_id"]: e for e in read_jsonl(os.environ["T"] + "/seeds.jsonl")}
rows = con.execute("SELECT event_id, article_id, date, actor1_country, "
                   "actor2_country, cameo, fatalities_best, num_mentions, "
                   "json FROM events").fetchall()
eq("stored event ids == coded event ids", sorted(coded),
   sorted(r[0] for r in rows))
bad = []
for (eid, art, date, c1, c2, cameo, best, nm, js) in rows:
    e = coded.get(eid)
    if e is None:
        continue
    flat = (art, date, c1, c2, cameo, best, nm)
    want = (dig(e, "mentions", 0, "article"), e["date"],
            dig(e, "actor1", "country"), dig(e, "actor2", "country"),
            e["cameo"], dig(e, "fatalities", "best"), e["num_mentions"])
    if flat != want or json.loads(js) != e:
        bad.append((eid, flat, want))
check("stored columns and json == coded event", not bad, bad)
# Offsets in the store cut the cleaned text as documented (bytes).
cut = con.execute("""
  SELECT m.event_id, m.sentence,
         CAST(substr(CAST(a.text AS BLOB), m.start + 1, m."end" - m.start)
              AS TEXT),
         CAST(substr(CAST(a.text AS BLOB), m.trigger_start + 1,
                     m.trigger_end - m.trigger_start) AS TEXT)
  FROM event_mentions m JOIN articles a ON a.id = m.article_id""").fetchall()
want = {(eid, m["sentence"], m["text"], m["trigger"]["text"])
        for eid, e in coded.items() for m in e["mentions"]}
eq("stored mention spans cut the stored text", sorted(want), sorted(cut))
# Stored sentences tile the text in order, without overlap.
bad = []
for (aid, n) in con.execute("SELECT id, length(CAST(text AS BLOB)) "
                            "FROM articles"):
    spans = con.execute("SELECT idx, start, \"end\" FROM sentences WHERE "
                        "article_id = ? ORDER BY idx", (aid,)).fetchall()
    prev = 0
    for i, (idx, s, t) in enumerate(spans):
        if idx != i or s < prev or t <= s or t > n:
            bad.append((aid, idx, s, t))
        prev = t
check("sentences are ordered spans inside the text", not bad, bad)
# Removed boilerplate stays in the text (offsets keep pointing at what was
# read) but no sentence covers it.
for aid, (rs, re_), what in (
        ("000_160f93d112972521", (2199, 2539), "the French footer"),
        ("003_59db7ae36c2c8f94", (3220, 3237), "'Comment this post'")):
    over = con.execute("SELECT idx, start, \"end\" FROM sentences WHERE "
                       "article_id = ? AND start < ? AND \"end\" > ?",
                       (aid, re_, rs)).fetchall()
    check("no sentence covers " + what, not over, over)
meta = con.execute("SELECT source, published, language, title FROM articles "
                   "WHERE id = '000_160f93d112972521'").fetchone()
eq("000 metadata", ("Middle East Eye", "2024-01-18", "en",
   "Pakistan launches tit-for-tat air strikes on Iran killing at least nine"),
   meta)
EOF

# --- casus show: a header, then one row per event.
SHOW=$("$CASUS" show --no-fuse --db "$DB" --wide)
check_eq "show: exit status" 0 "$?"
check_contains "show: header" "$(head -1 <<<"$SHOW")" \
  "date       actor1 -> actor2"
for col in CAMEO place dead quote; do
  check_contains "show: header has $col" "$(head -1 <<<"$SHOW")" "$col"
done
check_eq "show: footer" "($NCODE events)" "$(tail -1 <<<"$SHOW")"
check_eq "show: one row per event" "$NCODE" \
  "$(sed '1d;$d' <<<"$SHOW" | grep -c '^20[0-9][0-9]-')"
printf '%s\n' "$SHOW" >"$T/show.txt"
pychecks "show rows" <<'EOF'
import sqlite3
con = sqlite3.connect(os.environ["DB"])
rows = open(os.environ["T"] + "/show.txt", encoding="utf-8").read() \
    .splitlines()[1:-1]
dates = [r[:10] for r in rows if r[:4].isdigit() and r[4:5] == "-"]
eq("show: rows ordered by date", sorted(dates), dates)
missing = []
for (js,) in con.execute("SELECT json FROM events"):
    e = json.loads(js)
    dyad = "%s -> %s" % (dig(e, "actor1", "code") or "?",
                         dig(e, "actor2", "code") or "?")
    quote = '"%s"' % e["mentions"][0]["text"]
    hit = [r for r in rows
           if (e["date"] is None or r.startswith(e["date"] + " "))
           and dyad in r
           and (" %s " % e["cameo"]) in r and r.endswith(quote)]
    if hit:
        rows.remove(hit[0])
    else:
        missing.append((e["date"], dyad, e["cameo"], quote[:40]))
check("show: a row with date, dyad, CAMEO and quote for every event",
      not missing, missing)
EOF
# Without --wide a quote is cut to 80 columns and ends with an ellipsis.
check_eq "show: quotes cut to 80 columns" 0 \
  "$("$CASUS" show --no-fuse --db "$DB" | sed '1d;$d' | python3 -c '
import sys
bad = [l for l in sys.stdin
       if len(l.rstrip("\n").split("\"", 1)[1]) > 82]
print(len(bad))')"
check_eq "show --limit 3" 3 \
  "$("$CASUS" show --no-fuse --db "$DB" --limit 3 | sed '1d;$d' |
    grep -c .)"
"$CASUS" show --no-fuse --db "$DB" --json >"$T/show.jsonl"
check_eq "show --json: exit status" 0 "$?"
json_ids() {
  python3 -c '
import json, sys
print(" ".join(sorted(json.loads(l)["event_id"] for l in open(sys.argv[1]))))
' "$1"
}
check_eq "show --json: same events as code" "$(json_ids "$T/seeds.jsonl")" \
  "$(json_ids "$T/show.jsonl")"

# --- A changed article (same id, other text) replaces the old version.
python3 - "$SEEDS" "$T/changed.jsonl" <<'EOF'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    a = json.loads(f.readline())
recall = ("A day earlier, Pakistan recalled its ambassador in Iran, after "
          "what it described as a \"blatant breach\" of its sovereignty.\n")
assert recall in a["text"]
a["text"] = a["text"].replace(recall, "")
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(json.dumps(a, ensure_ascii=False) + "\n")
EOF
OLD_HASH=$(sql "$DB" "SELECT content_hash FROM articles
  WHERE id = '000_160f93d112972521'")
OLD_SENT=$(sql "$DB" "SELECT count(*) FROM sentences
  WHERE article_id = '000_160f93d112972521'")
OLD003=$(sql "$DB" "SELECT event_id FROM events
  WHERE article_id = '003_59db7ae36c2c8f94' ORDER BY event_id")
"$CASUS" code --no-fuse "$T/changed.jsonl" >"$T/changed.events.jsonl" \
  2>/dev/null
err=$("$CASUS" ingest --db "$DB" "$T/changed.jsonl" 2>&1 >/dev/null)
check_eq "changed article: exit status" 0 "$?"
check_contains "changed article: stored" "$err" "1 stored, 0 unchanged"
check_eq "changed article: article count unchanged" 2 \
  "$(sql "$DB" "SELECT count(*) FROM articles")"
check "changed article: hash changed" test "$OLD_HASH" != \
  "$(sql "$DB" "SELECT content_hash FROM articles
    WHERE id = '000_160f93d112972521'")"
check_eq "changed article: other article's events kept" "$OLD003" \
  "$(sql "$DB" "SELECT event_id FROM events
    WHERE article_id = '003_59db7ae36c2c8f94' ORDER BY event_id")"
check_eq "changed article: recall event gone" 0 \
  "$(sql "$DB" "SELECT count(*) FROM events
    WHERE article_id = '000_160f93d112972521' AND cameo LIKE '16%'")"
check_eq "changed article: events recomputed" \
  "$(python3 -c '
import json, sys
print("\n".join(sorted(json.loads(l)["event_id"] for l in open(sys.argv[1]))))
' "$T/changed.events.jsonl")" \
  "$(sql "$DB" "SELECT event_id FROM events
    WHERE article_id = '000_160f93d112972521' ORDER BY event_id")"
check_eq "changed article: one sentence fewer" "$((OLD_SENT - 1))" \
  "$(sql "$DB" "SELECT count(*) FROM sentences
    WHERE article_id = '000_160f93d112972521'")"
check_eq "changed article: no dangling mentions" 0 \
  "$(sql "$DB" "SELECT count(*) FROM event_mentions
    WHERE event_id NOT IN (SELECT event_id FROM events)")"
check_eq "changed article: stored text is the new text" 0 \
  "$(sql "$DB" "SELECT instr(text, 'recalled its ambassador') FROM articles
    WHERE id = '000_160f93d112972521'")"
check_eq "changed article: integrity_check" ok \
  "$(sql "$DB" "PRAGMA integrity_check")"

# --- An HTML page: metadata from <meta>, chrome removed, event coded.
err=$("$CASUS" ingest --db "$DB" "$FIXTURES/omdurman.html" 2>&1 >/dev/null)
check_eq "html: exit status" 0 "$?"
check_contains "html: summary" "$err" "1 article(s) read, 1 stored"
check_eq "html: article metadata" \
  "Nile Courier|2024-05-14|en|Army shells RSF positions in Omdurman|$(
  )https://example.org/news/omdurman-shelling" \
  "$(sql "$DB" "SELECT source, published, language, title, url
    FROM articles WHERE id = 'omdurman'")"
HTML_TEXT=$(sql "$DB" "SELECT text FROM articles WHERE id = 'omdurman'")
check_contains "html: body kept" "$HTML_TEXT" \
  "The Sudanese army shelled positions of the Rapid Support Forces in"
check_contains "html: last paragraph kept" "$HTML_TEXT" \
  "struggling to treat the wounded."
for chrome in "Subscribe" "Privacy policy" "Copyright" "Home" "Sport" \
  "Nile Courier"; do
  check_lacks "html: chrome '$chrome' removed" "$HTML_TEXT" "$chrome"
done
pychecks "html event" <<'EOF'
import sqlite3
con = sqlite3.connect(os.environ["DB"])
evs = [json.loads(r[0]) for r in con.execute(
    "SELECT json FROM events WHERE article_id = 'omdurman'")]
eq("html: one event", 1, len(evs))
e = evs[0] if evs else {}
check("html: cameo 19x", (e.get("cameo") or "").startswith("19"),
      e.get("cameo"))
eq("html: actor1 country", "SDN", dig(e, "actor1", "country"))
eq("html: actor1 role", "MIL", dig(e, "actor1", "role"))
eq("html: date (Monday before 2024-05-14)", "2024-05-13", e.get("date"))
eq("html: place", ("Omdurman", "SD", "city"),
   (dig(e, "place", "name"), dig(e, "place", "country"),
    dig(e, "place", "precision")))
eq("html: fatalities", (12, 12, None),
   (dig(e, "fatalities", "low"), dig(e, "fatalities", "best"),
    dig(e, "fatalities", "high")))
eq("html: civilians", 12, dig(e, "fatalities", "breakdown", "civilians"))
eq("html: quote", "The Sudanese army shelled positions of the Rapid Support "
   "Forces in Omdurman on Monday, killing at least 12 civilians, the health "
   "ministry said.", dig(e, "mentions", 0, "text"))
EOF

# --- A .txt with --published and --source.
err=$("$CASUS" ingest --db "$DB" --published 2024-03-04 \
  --source "Fixture Wire" "$FIXTURES/quetta.txt" 2>&1 >/dev/null)
check_eq "txt: exit status" 0 "$?"
check_contains "txt: summary" "$err" "1 article(s) read, 1 stored"
check_eq "txt: article metadata" "Fixture Wire|2024-03-04|en" \
  "$(sql "$DB" "SELECT source, published, language FROM articles
    WHERE id = 'quetta'")"
pychecks "txt event" <<'EOF'
import sqlite3
con = sqlite3.connect(os.environ["DB"])
evs = [json.loads(r[0]) for r in con.execute(
    "SELECT json FROM events WHERE article_id = 'quetta'")]
eq("txt: one event", 1, len(evs))
e = evs[0] if evs else {}
check("txt: cameo 19x", (e.get("cameo") or "").startswith("19"),
      e.get("cameo"))
eq("txt: actor1", ("PAKMIL", "PAK", "MIL"),
   (dig(e, "actor1", "code"), dig(e, "actor1", "country"),
    dig(e, "actor1", "role")))
eq("txt: actor2 role", "REB", dig(e, "actor2", "role"))
eq("txt: date", "2024-03-04", e.get("date"))
eq("txt: place", ("Quetta", "PK", "Balochistan"),
   (dig(e, "place", "name"), dig(e, "place", "country"),
    dig(e, "place", "admin1")))
EOF
check_eq "show lists all events" \
  "$(sql "$DB" "SELECT count(*) FROM events")" \
  "$("$CASUS" show --no-fuse --db "$DB" | sed '1d;$d' | grep -c .)"
check_contains "show: html row" "$("$CASUS" show --db "$DB")" \
  "2024-05-13 SDNMIL -> "
check_eq "final integrity_check" ok "$(sql "$DB" "PRAGMA integrity_check")"

finish
