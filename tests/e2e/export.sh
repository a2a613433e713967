# tests/e2e/export.sh: runs `casus export` on the seeds into every format
# (from articles, from an events file, from the store) and checks the
# columns and the Saravan strike (PAK -> IRN, CAMEO 195) field by field.
. "$(dirname "$0")/lib.sh"

EV="$E2E_TMP/events.jsonl"
"$CASUS" code "$SEEDS" >"$EV" 2>/dev/null
for f in jsonl gdelt gdelt-mentions acled ucdp plover; do
  check_rc "export --format $f --events exits 0" 0 \
    "$CASUS" export --format "$f" --events "$EV" --out "$E2E_TMP/out.$f"
done
check_rc "export from articles exits 0" 0 \
  "$CASUS" export --format gdelt --out "$E2E_TMP/art.gdelt" \
  --mentions "$E2E_TMP/art.mentions" "$SEEDS"
check_eq "export from articles = export from events" \
  "$(cat "$E2E_TMP/out.gdelt")" "$(cat "$E2E_TMP/art.gdelt")"
check_eq "--mentions = gdelt-mentions" \
  "$(cat "$E2E_TMP/out.gdelt-mentions")" "$(cat "$E2E_TMP/art.mentions")"
"$CASUS" ingest --db "$E2E_TMP/s.db" "$SEEDS" >/dev/null 2>&1
check_rc "export --db exits 0" 0 \
  "$CASUS" export --format acled --db "$E2E_TMP/s.db" --out "$E2E_TMP/db.acled"
check_eq "export --db writes the same ACLED rows (any order)" \
  "$(sort "$E2E_TMP/out.acled")" "$(sort "$E2E_TMP/db.acled")"
check_eq "jsonl passes events through" "$(cat "$EV")" \
  "$(cat "$E2E_TMP/out.jsonl")"
check_rc "unknown format exits 2" 2 "$CASUS" export --format csv --events "$EV"
check_rc "no source exits 2" 2 "$CASUS" export --format gdelt
check_rc "--mentions without gdelt exits 2" 2 \
  "$CASUS" export --format acled --mentions x --events "$EV"
printf '{"event_id":"1"\nnot json\n' >"$E2E_TMP/bad.jsonl"
check_rc "bad event lines exit 1" 1 \
  "$CASUS" export --format gdelt --events "$E2E_TMP/bad.jsonl"
check_contains "a bad line is reported with its line number" \
  "$("$CASUS" export --format gdelt --events "$E2E_TMP/bad.jsonl" 2>&1)" \
  "bad.jsonl:2:"

export E2E_TMP
pychecks "export fields" <<'EOF'
import csv
T = os.environ["E2E_TMP"]
events = read_jsonl(T + "/events.jsonl")
sar = [e for e in events if e.get("cameo") == "195"
       and dig(e, "actor1", "country") == "PAK"
       and dig(e, "actor2", "country") == "IRN"]
check("the PAK->IRN 195 event is coded", len(sar) >= 1)
gid = str(int(sar[0]["event_id"][:15], 16))

rows = [l.rstrip("\n").split("\t") for l in open(T + "/out.gdelt")]
eq("gdelt rows = events", len(events), len(rows))
check("gdelt: 61 columns on every row", all(len(r) == 61 for r in rows),
      str(sorted(set(len(r) for r in rows))))
g = [r for r in rows if r[0] == gid][0]
for k, v in {1: "20240118", 5: "PAK", 7: "PAK", 15: "IRNSEP", 26: "195",
             27: "195", 28: "19", 29: "4", 30: "-10.0", 51: "4",
             53: "IR", 54: "IR04"}.items():
    eq("gdelt column %d" % k, v, g[k])
check("gdelt ActionGeo_FullName names Iran", g[52].endswith(", Iran"), g[52])

ms = [l.rstrip("\n").split("\t") for l in open(T + "/out.gdelt-mentions")]
check("mentions: 16 columns on every row", all(len(r) == 16 for r in ms))
eq("mentions rows = mentions of all events",
   sum(len(e["mentions"]) for e in events), len(ms))
eq("mentions of the Saravan strike", len(sar[0]["mentions"]),
   sum(1 for r in ms if r[0] == gid))

ac = list(csv.DictReader(open(T + "/out.acled", newline="")))
eq("acled header has 31 columns", 31,
   len(next(csv.reader(open(T + "/out.acled")))))
a = [r for r in ac if r["event_id_cnty"] == "IRN" + str(int(gid) % 10**8)]
check("acled has the Saravan strike", len(a) == 1)
a = a[0]
eq("acled event_type", "Explosions/Remote violence", a["event_type"])
eq("acled sub_event_type", "Air/drone strike", a["sub_event_type"])
eq("acled actor1", "Military Forces of Pakistan", a["actor1"])
eq("acled inter1", "External/Other forces", a["inter1"])
eq("acled country", "Iran", a["country"])
eq("acled admin1", "Sistan and Baluchestan", a["admin1"])
eq("acled fatalities (most conservative)", "9", a["fatalities"])
# "a village near the city of Saravan": near a town, ACLED's 2.
eq("acled geo_precision", "2", a["geo_precision"])
check("acled holds only ACLED types", all(r["event_type"] for r in ac))

uc = list(csv.DictReader(open(T + "/out.ucdp", newline="")))
eq("ucdp header has 49 columns", 49,
   len(next(csv.reader(open(T + "/out.ucdp")))))
u = [r for r in uc if r["id"] == gid][0]
for k, v in {"best": "9", "low": "9", "number_of_sources": "2",
             "side_a": "Government of Pakistan", "country": "Iran",
             "where_prec": "2", "date_start": "2024-01-18"}.items():
    eq("ucdp " + k, v, u[k])
check("ucdp: best = sum of deaths_*", all(
    int(r["best"]) == sum(int(r[k]) for k in
                          ("deaths_a", "deaths_b", "deaths_civilians",
                           "deaths_unknown")) for r in uc))
check("ucdp: low <= best <= high", all(
    int(r["low"]) <= int(r["best"]) <= int(r["high"]) for r in uc))

pl = read_jsonl(T + "/out.plover")
p = [r for r in pl if r["id"] == sar[0]["event_id"]][0]
eq("plover event", ["ASSAULT"], p["event"])
eq("plover mode", ["aerial"], p["mode"])
eq("plover actor", "PAK", p["actor"][0]["code"])
eq("plover recipient", "IRN", p["recipient"][0]["code"])
eq("plover quad_code", 4, p["quad_code"])
check("plover: no record without an event type",
      all(r["event"] and r["event"][0] for r in pl))
EOF
finish
