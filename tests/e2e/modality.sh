# tests/e2e/modality.sh: runs the negation/modality suite
# (tests/data/modality.tsv) through the casus binary with bench/accuracy
# and fails when the score drops below a floor (the figure when the suite
# was last worked on, 139/161, minus a small margin) or when any sentence
# that reports no asserted event has one counted; then checks what
# `casus code` prints by default (only actual, asserted events), with
# --all (the others, with their flags) and --quotes.
. "$(dirname "$0")/lib.sh"

FLOOR=133  # of 161
REP=$(python3 "$SRCDIR/bench/accuracy" --casus "$CASUS" --shared "$SHARED" \
        --suite modality 2>&1)
ok=$(printf '%s\n' "$REP" | sed -n 's/.*modality.tsv)  *\([0-9]*\)\/\([0-9]*\).*/\1/p')
wrong=$(printf '%s\n' "$REP" | sed -n 's/.*non-events counted as events: \([0-9]*\).*/\1/p')
check "modality suite: ${ok:-?}/161 >= $FLOOR" test "${ok:-0}" -ge "$FLOOR"
check_eq "modality suite: non-events counted as events" "0" "${wrong:-?}"

IN="$E2E_TMP/claims.jsonl"
cat >"$IN" <<'JSONL'
{"id":"c1","published":"2024-03-14","text":"Iran threatened to strike Pakistan. Pakistan denied carrying out strikes in Iran. Pakistan did not strike Iran on Thursday, Iranian state media reported."}
{"id":"c2","published":"2024-03-14","text":"\"We will respond to any attack on our soil,\" Pakistan's foreign ministry said."}
JSONL
DEF=$("$CASUS" code --no-fuse "$IN")
ALL=$("$CASUS" code --all "$IN")
"$CASUS" code --no-fuse --quotes "$E2E_TMP/q.jsonl" "$IN" >/dev/null
export DEF ALL Q="$E2E_TMP/q.jsonl"
pychecks "claims" <<'PY'
d = [json.loads(l) for l in os.environ["DEF"].splitlines() if l]
a = [json.loads(l) for l in os.environ["ALL"].splitlines() if l]
eq("default: only the threat itself (138)",
   [(e["cameo"], e["modality"], e["polarity"]) for e in d],
   [("138", "actual", "asserted")])
got = sorted((e["cameo"][:2], e["modality"], e["polarity"]) for e in a)
eq("--all: the threatened, denied and negated strikes too", got,
   sorted([("13", "actual", "asserted"), ("19", "threat", "asserted"),
           ("19", "denied", "negated"), ("19", "actual", "negated")]))
neg = [e for e in a if e["modality"] == "actual" and
       e["polarity"] == "negated"]
eq("negated strike attributed to Iranian state media",
   [(e["attribution"] or {}).get("name") for e in neg],
   ["Iranian state media"])
keys = list(a[0].keys())
eq("polarity and attribution right after modality",
   keys[keys.index("modality"):keys.index("modality") + 3],
   ["modality", "polarity", "attribution"])
q = [json.loads(l) for l in open(os.environ["Q"])]
eq("--quotes: the quotation and its speaker",
   [(x["article"], x["text"], (x["speaker"] or {}).get("code")) for x in q],
   [("c2", "We will respond to any attack on our soil,", "PAKGOV")])
PY
finish
