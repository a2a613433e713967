# tests/e2e/dyads.sh: `casus dyads` on the seed articles, on their events
# file and on a database: the IRN-PAK tit-for-tat chain (Iran's strike of
# 2024-01-16 answered by Pakistan's of 2024-01-18, the recall between),
# the ranking, --json, --level actor, the period, and bad usage.
. "$(dirname "$0")/lib.sh"

EV="$E2E_TMP/seeds.events.jsonl"
"$CASUS" code "$SEEDS" >"$EV" 2>/dev/null

check_rc "dyads --help exits 0" 0 "$CASUS" dyads --help
check_rc "dyads without input exits 2" 2 "$CASUS" dyads
check_rc "dyads with two inputs exits 2" 2 "$CASUS" dyads --events "$EV" \
  "$SEEDS"
check_rc "dyads --level bad exits 2" 2 "$CASUS" dyads --level x --events "$EV"
check_rc "dyads --window 0 exits 2" 2 "$CASUS" dyads --window 0 --events "$EV"
check_rc "dyads --from bad exits 2" 2 "$CASUS" dyads --from 2024-02-30 \
  --events "$EV"
check_rc "dyads --db missing exits 2" 2 "$CASUS" dyads --db "$E2E_TMP/no.db"
printf '{"date":\nnot json\n' >"$E2E_TMP/bad.jsonl"
check_rc "dyads on bad lines exits 1" 1 "$CASUS" dyads --events \
  "$E2E_TMP/bad.jsonl"
BADERR=$("$CASUS" dyads --events "$E2E_TMP/bad.jsonl" 2>&1 >/dev/null)
check_contains "bad line reported as FILE:LINE" "$BADERR" "bad.jsonl:2:"

TABLE=$("$CASUS" dyads --events "$EV")
check_contains "table: PAK -> IRN ranks first" "$TABLE" \
  "   1  PAK -> IRN"
check_contains "table: the chain" "$TABLE" \
  "tit-for-tat: 2024-01-16 IRN->PAK 190  =>  2024-01-18 PAK->IRN 195 (2 days)"
check_contains "table: the recall between" "$TABLE" \
  "between: 2024-01-17 PAK->IRN 161"
check_contains "table: the denunciation between" "$TABLE" \
  "between: 2024-01-18 IRN->PAK 111"

# The same from the articles themselves and from a database.
check_eq "articles give the same table" "$TABLE" \
  "$("$CASUS" dyads "$SEEDS" 2>/dev/null)"
"$CASUS" ingest --db "$E2E_TMP/s.db" "$SEEDS" 2>/dev/null
check_eq "a database gives the same table" "$TABLE" \
  "$("$CASUS" dyads --db "$E2E_TMP/s.db" 2>/dev/null)"
check_eq "stdin gives the same table" "$TABLE" \
  "$("$CASUS" dyads --events - <"$EV" 2>/dev/null)"

J="$E2E_TMP/dyads.jsonl"
"$CASUS" dyads --json --top 0 --events "$EV" >"$J"
"$CASUS" dyads --json --level actor --top 0 --events "$EV" >"$E2E_TMP/a.jsonl"
"$CASUS" dyads --json --top 0 --from 2024-01-17 --to 2024-01-18 \
  --events "$EV" >"$E2E_TMP/p.jsonl"
"$CASUS" dyads --json --window 1 --events "$EV" >"$E2E_TMP/w.jsonl"
export J E2E_TMP
pychecks "dyads json" <<'PY'
rows = read_jsonl(os.environ["J"])
t = os.environ["E2E_TMP"]
by = {(r["source"], r["target"]): r for r in rows}
eq("ranks are 1..n", list(range(1, len(rows) + 1)), [r["rank"] for r in rows])
esc = [r["escalation"] for r in rows]
eq("sorted by escalation", sorted(esc, reverse=True), esc)
for k in (("IRN", "PAK"), ("PAK", "IRN")):
    r = by.get(k) or {}
    ch = r.get("tit_for_tat") or [{}]
    eq("%s->%s: one exchange" % k, 1, len(r.get("tit_for_tat") or []))
    eq("%s->%s: act" % k, ("2024-01-16", "IRN", "PAK", "190"),
       tuple(dig(ch[0], "act", f) for f in ("date", "source", "target",
                                            "cameo")))
    eq("%s->%s: reply" % k, ("2024-01-18", "PAK", "IRN", "195"),
       tuple(dig(ch[0], "reply", f) for f in ("date", "source", "target",
                                              "cameo")))
    eq("%s->%s: between" % k,
       ["2024-01-17 PAK 161", "2024-01-18 IRN 042", "2024-01-18 IRN 111"],
       ["%s %s %s" % (b["date"], b["source"], b["cameo"])
        for b in ch[0].get("between") or []])
p = by.get(("PAK", "IRN")) or {}
eq("PAK->IRN: series days", ["2024-01-17", "2024-01-18"],
   [d["date"] for d in p.get("series", [])])
eq("PAK->IRN: 18th: 1 hostile (the two reports fused), types", (1, {"ASSAULT": 1}),
   (dig(p, "series", 1, "hostile"), dig(p, "series", 1, "types")))
eq("PAK->IRN: fatalities (one fused event of 9)", 9, p.get("fatalities"))
eq("period", {"from": "2024-01-15", "to": "2024-01-18"}, p.get("period"))
a = read_jsonl(t + "/a.jsonl")
check("actor level: actor codes", any(r["source"] == "IRNGOV" for r in a),
      [r["source"] for r in a])
eq("actor level says so", {"actor"}, {r["level"] for r in a})
pr = read_jsonl(t + "/p.jsonl")
eq("--from/--to: period", {"from": "2024-01-17", "to": "2024-01-18"},
   pr[0]["period"])
check("--from/--to: nothing before the 17th",
      all(r["first"] >= "2024-01-17" for r in pr), [r["first"] for r in pr])
check("--from/--to: no exchange left (the 16th is out)",
      not any(r["tit_for_tat"] for r in pr), "")
w = read_jsonl(t + "/w.jsonl")
eq("--window 1: the recall answers the strike",
   ["161"], [c["reply"]["cameo"] for r in w
             if (r["source"], r["target"]) == ("IRN", "PAK")
             for c in r["tit_for_tat"]])
eq("--top 10 default", True, len(w) <= 10)
PY

finish
