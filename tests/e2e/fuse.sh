# tests/e2e/fuse.sh: fusion through the CLI.  `casus code` on the seeds
# prints fused events (the Saravan strike once, from both outlets, with
# its fatalities and no false conflict) and one story; the evaluation
# script passes with the num_sources it asks for; every span of the
# 0.2.0 keys cuts its article's text; a near-duplicate and a conflicting
# report are shown as such; `casus ingest` stores fused events and
# stories, incrementally (two ingests = one) and idempotently; `casus
# show` lists fused events with their sources.
. "$(dirname "$0")/lib.sh"

T=$E2E_TMP
OUT=$T/fused.jsonl
STORIES=$T/stories.jsonl
check_rc "code seeds (fused) exits 0" 0 "$CASUS" code "$SEEDS"
"$CASUS" code --stories "$STORIES" "$SEEDS" >"$OUT" 2>"$T/err"
check_eq "code seeds (fused) prints nothing on stderr" "" "$(cat "$T/err")"
SCORE=$(python3 "$SHARED/eval/score_events.py" "$SHARED/eval/seeds.gold.json" \
  "$OUT" 2>&1)
check_eq "score_events.py exits 0 on fused output" 0 "$?"
check_contains "score: every event, no extras" "$SCORE" \
  "core 6/6 matched, all 12/12, extras 0, forbidden 0"
check_lacks "score: num_sources satisfied" "$SCORE" "num_sources<"
export OUT STORIES SEEDS

pychecks "fused seeds" <<'EOF'
arts = {a["id"]: a["text"].encode("utf-8")
        for a in read_jsonl(os.environ["SEEDS"])}
events = read_jsonl(os.environ["OUT"])
stories = read_jsonl(os.environ["STORIES"])
A0, A3 = "000_160f93d112972521", "003_59db7ae36c2c8f94"
s1 = [e for e in events if dig(e, "actor1", "country") == "PAK"
      and dig(e, "actor2", "country") == "IRN"
      and (e.get("cameo") or "").startswith("19")
      and e.get("date") == "2024-01-18"]
eq("Saravan strike: one fused event", 1, len(s1))
e = s1[0] if s1 else {}
eq("Saravan: num_sources", 2, e.get("num_sources"))
eq("Saravan: num_articles", 2, e.get("num_articles"))
eq("Saravan: mentions from both articles", [A0, A3],
   sorted({m["article"] for m in e.get("mentions", [])}))
eq("Saravan: fatalities", (9, 9, 9, 9),
   tuple(dig(e, "fatalities", k) for k in ("low", "best", "high", "acled")))
eq("Saravan: breakdown", {"women": 3, "children": 4, "foreign": 7},
   dig(e, "fatalities", "breakdown"))
eq("Saravan: no discrepancy (9 killed vs 7 foreign nationals)", [],
   e.get("discrepancies"))
eq("Saravan: place", ("saravan", "Sistan and Baluchestan"),
   (fold(dig(e, "place", "name")), dig(e, "place", "admin1")))
eq("Saravan: polarity", "asserted", e.get("polarity"))
eq("Saravan: reported", ("2024-01-18", "2024-01-18"),
   (e.get("first_reported"), e.get("last_reported")))
check("Saravan: confidence in (0.5, 1]",
      0.5 < (e.get("confidence") or 0) <= 1, e.get("confidence"))
eq("one story", 1, len(stories))
st = stories[0] if stories else {}
eq("story: both articles", [A0, A3], [a["id"] for a in st.get("articles", [])])
eq("story: num_sources", 2, st.get("num_sources"))
eq("story: lists every event", sorted(x["event_id"] for x in events),
   sorted(st.get("events", [])))
eq("every event in the story", {st.get("story_id")},
   {x.get("story_id") for x in events})
# Key order of the 0.2.0 contract.
keys = list(e.keys())
for a, b in (("modality", "polarity"), ("polarity", "attribution"),
             ("num_mentions", "story_id"), ("story_id", "first_reported"),
             ("last_reported", "confidence"), ("confidence", "discrepancies"),
             ("discrepancies", "mentions")):
    check("key %s right after %s" % (b, a),
          a in keys and b in keys and keys.index(b) == keys.index(a) + 1,
          keys)
# Every span names its article and cuts that article's text.
bad = []
for x in events:
    ms = x.get("mentions") or []
    if x.get("num_mentions") != len(ms):
        bad.append(("num_mentions", x["event_id"]))
    for m in ms:
        t = arts[m["article"]]
        if t[m["start"]:m["end"]].decode("utf-8") != m["text"]:
            bad.append(("mention", x["event_id"], m["start"]))
        for k in ("source", "url", "published", "duplicate_of"):
            if k not in m:
                bad.append(("mention key", k))
    for k, p in (x.get("provenance") or {}).items():
        t = arts.get(p.get("article"), b"")
        if t[p["start"]:p["end"]].decode("utf-8") != p["text"]:
            bad.append(("provenance", x["event_id"], k))
    a = x.get("attribution")
    if a and arts[a["article"]][a["start"]:a["end"]].decode("utf-8") != \
            a["text"]:
        bad.append(("attribution", x["event_id"]))
check("every span cuts its article's text", not bad, bad)
EOF

# --- A near-duplicate and a conflicting report.
python3 - "$T/wire.jsonl" <<'EOF'
import json, sys
lead = ("Pakistani troops attacked militants in Quetta on Tuesday, killing "
        "%s people, %s said. The operation began before dawn in the "
        "outskirts of the city and lasted several hours. Security forces "
        "said the militants belonged to a banned separatist group.")
rows = [("w1", "Reuters", lead % ("nine", "officials")),
        ("w2", "Yahoo News", lead % ("nine", "officials")),
        ("w3", "Dawn", "Pakistani troops attacked militants in Quetta on "
         "Tuesday, killing 12 people, according to the provincial "
         "government.")]
with open(sys.argv[1], "w") as f:
    for i, s, t in rows:
        f.write(json.dumps({"id": i, "source": s, "published": "2024-03-05",
                            "text": t}) + "\n")
EOF
"$CASUS" code --stories "$T/wire.stories" "$T/wire.jsonl" >"$T/wire.out"
check_eq "wire: exit status" 0 "$?"
export T
pychecks "duplicates and conflicts" <<'EOF'
evs = read_jsonl(os.environ["T"] + "/wire.out")
eq("wire: one fused event", 1, len(evs))
e = evs[0] if evs else {}
eq("wire: the copy is not counted", (2, 2),
   (e.get("num_sources"), e.get("num_articles")))
eq("wire: the copy is linked", {"w2": "w1"},
   {m["article"]: m["duplicate_of"] for m in e.get("mentions", [])
    if m.get("duplicate_of")})
eq("wire: UCDP low/best/high and ACLED", (9, 9, 12, 9),
   tuple(dig(e, "fatalities", k) for k in ("low", "best", "high", "acled")))
d = e.get("discrepancies") or [{}]
eq("wire: fatalities disputed", "fatalities", d[0].get("field"))
eq("wire: each claim with its source and attribution",
   [("9", "Reuters", "officials", "nine people"),
    ("12", "Dawn", "provincial government", "12 people")],
   [(c["value"], c["source"], c["attribution"], c["text"])
    for c in d[0].get("claims", [])])
st = read_jsonl(os.environ["T"] + "/wire.stories")
eq("wire: one story of 3 articles, 2 counted", (1, 3, 2),
   (len(st), len(st[0]["articles"]) if st else 0,
    st[0]["num_articles"] if st else 0))
EOF

# --- --no-fuse prints each article's events.
check_eq "--no-fuse: one event per article" 3 \
  "$("$CASUS" code --no-fuse "$T/wire.jsonl" | grep -c .)"
check_lacks "--no-fuse: 0.1.0 keys only" \
  "$("$CASUS" code --no-fuse "$T/wire.jsonl" | head -1)" '"story_id"'

# --- The store: fused events and stories, incremental and idempotent.
head -1 "$SEEDS" >"$T/s0.jsonl"
tail -1 "$SEEDS" >"$T/s3.jsonl"
"$CASUS" ingest --db "$T/all.db" "$SEEDS" 2>/dev/null
err=$("$CASUS" ingest --db "$T/all.db" "$SEEDS" 2>&1)
check_contains "ingest again: nothing changes" "$err" \
  "0 stored, 2 unchanged, 0 rejected, 17 event(s); store: 14 fused event(s), 1 story(ies)"
"$CASUS" ingest --db "$T/inc.db" "$T/s3.jsonl" 2>/dev/null
"$CASUS" ingest --db "$T/inc.db" "$T/s0.jsonl" 2>/dev/null
dump() {
  sql "$1" "SELECT event_id || ' ' || story_id || ' ' || num_sources
    || ' ' || json FROM fused_events ORDER BY event_id;
    SELECT * FROM stories ORDER BY story_id;
    SELECT * FROM article_story ORDER BY article_id;
    SELECT * FROM fused_mentions ORDER BY event_id, article_id, sentence"
}
check_eq "two ingests fuse as one" "$(dump "$T/all.db")" "$(dump "$T/inc.db")"
check_eq "stored fused events == code output" \
  "$(python3 -c '
import json, sys
print("\n".join(sorted(json.loads(l)["event_id"] for l in open(sys.argv[1]))))
' "$OUT")" \
  "$(sql "$T/all.db" "SELECT event_id FROM fused_events ORDER BY event_id")"
check_eq "stored Saravan: 2 sources, 9 dead" "2|9|9" \
  "$(sql "$T/all.db" "SELECT num_sources, fatalities_best, fatalities_acled
    FROM fused_events WHERE cameo = '195'")"
SHOW=$("$CASUS" show --db "$T/all.db")
check_eq "show: one row per fused event" "(14 events)" "$(tail -1 <<<"$SHOW")"
check_contains "show: the strike with its 2 sources" "$SHOW" \
  "PAK -> IRNSEP      195 Employ aerial weapons"
check_eq "show: Saravan row has src 2" 2 \
  "$(grep 'PAK -> IRNSEP' <<<"$SHOW" | awk '{for (i = 1; i <= NF; i++)
    if ($i ~ /^"/) { print $(i - 1); exit }}')"
check_eq "integrity_check" ok "$(sql "$T/inc.db" "PRAGMA integrity_check")"

# --- Ingest fuses in-stream: date-ordered articles are fused as they are
# coded; the result equals storing first and fusing from the store, and
# two ingests of the halves (the second overlapping the first's window)
# equal one.
python3 - "$SRCDIR/tests/fusion/articles.jsonl" "$T" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
rows.sort(key=lambda a: (a["published"], a["id"]))
def put(name, part):
    with open(sys.argv[2] + "/" + name, "w", encoding="utf-8") as f:
        f.writelines(json.dumps(a) + "\n" for a in part)
put("sorted.jsonl", rows)
put("half1.jsonl", rows[:21])
put("half2.jsonl", rows[21:])
PY
"$CASUS" ingest --db "$T/stream.db" "$T/sorted.jsonl" 2>/dev/null
"$CASUS" ingest --no-fuse --db "$T/late.db" "$T/sorted.jsonl" 2>/dev/null
"$CASUS" ingest --db "$T/late.db" "$T/sorted.jsonl" 2>/dev/null
"$CASUS" ingest --db "$T/halves.db" "$T/half1.jsonl" 2>/dev/null
"$CASUS" ingest --db "$T/halves.db" "$T/half2.jsonl" 2>/dev/null
check_eq "stream ingest: 26 fused events" 26 \
  "$(sql "$T/stream.db" "SELECT count(*) FROM fused_events")"
check_eq "stream ingest == store, then fuse" "$(dump "$T/late.db")" \
  "$(dump "$T/stream.db")"
check_eq "stream ingest: two halves == one" "$(dump "$T/stream.db")" \
  "$(dump "$T/halves.db")"
err=$("$CASUS" ingest --db "$T/stream.db" "$T/sorted.jsonl" 2>&1)
check_contains "stream ingest again: nothing changes" "$err" \
  "0 stored, 42 unchanged"
check_eq "stream ingest again: same tables" "$(dump "$T/late.db")" \
  "$(dump "$T/stream.db")"

finish
