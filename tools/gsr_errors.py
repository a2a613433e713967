#!/usr/bin/env python3
# tools/gsr_errors.py -- error classes of casus on the PLOVER gold-standard
# records, read at run time from $CASUS_SHARED (nothing of them is copied
# here).  Per record: the gold (source, target, type) against casus'
# events; each record falls in one class:
#   ok          an event matches as plover_gsr.py scores it
#   vocab       gold type is an old PLOVER name no CAMEO code maps to
#               (DEMAND, DISAPPROVE, INVESTIGATE, FIGHT); "vocab-ok" when
#               the event would match under old->new names
#   none        no event
#   type        source and target right, PLOVER type wrong
#   source      type right, source wrong
#   target      type and source right, target wrong
#   other       several parts wrong
# usage: tools/gsr_errors.py [--casus PATH] [--shared DIR] [-v] [--only CLS]
import argparse, collections, json, os, subprocess, sys, tempfile

NONISO = {"IGO", "NGO", "IMG", "ISM", "MNC", "JAP", "ITL", "VTN", ""}
OLD = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
       "FIGHT": "ASSAULT"}
# CAMEO codes the 2021 table moved to another PLOVER type than the one the
# gold standard (PLOVER 0.5/0.6) gives their events: an event casus codes
# with the CAMEO manual's own code for the sentence, right actors, scored
# a miss ("drift").  code -> the gold standard's type.
DRIFT = {"0813": "CONCEDE", "0814": "CONCEDE", "1712": "COERCE",
         "175": "COERCE", "163": "SANCTION", "181": "COERCE",
         "184": "COERCE"}

def main():
  ap = argparse.ArgumentParser()
  here = os.path.dirname(os.path.abspath(__file__))
  ap.add_argument("--casus", default=os.path.join(here, "..", "build-rel",
                                                  "casus"))
  ap.add_argument("--shared", default=os.environ.get("CASUS_SHARED",
                                                     "/work/shared"))
  ap.add_argument("-v", action="store_true")
  ap.add_argument("--only", action="append")
  ap.add_argument("--events")
  a = ap.parse_args()
  ref = os.path.join(a.shared, "reference", "plover")
  sys.path.insert(0, os.path.join(a.shared, "eval"))
  import plover_gsr as g
  gsr = os.path.join(ref, "PLOVER_GSR_CAMEO.txt")
  t = g.table(os.path.join(ref, "CAMEO2PLOVER-2021.txt"))
  recs = g.records(gsr)
  # CAMEO 02 (appeal) has no line in the table; the 2021 manual's REQUEST
  for k in ("02",):
    t.setdefault(k, "REQUEST")
  with tempfile.TemporaryDirectory() as tmp:
    arts = os.path.join(tmp, "a.jsonl")
    with open(arts, "w") as f:
      for r in recs:
        f.write(json.dumps({"id": r["id"], "source": "PLOVER GSR",
                            "published": r.get("date") or "2000-01-01",
                            "language": "en", "title": None,
                            "text": r["text"]}) + "\n")
    if a.events:
      out = open(a.events).read()
    else:
      out = subprocess.run([a.casus, "code", "--no-fuse", arts],
                           capture_output=True, text=True).stdout
  evs = collections.defaultdict(list)
  for line in out.splitlines():
    if line.strip():
      e = json.loads(line)
      for m in e.get("mentions") or []:
        evs[m["article"]].append(e)
  cls = collections.Counter()
  bytype = collections.defaultdict(collections.Counter)
  rows = []
  for r in recs:
    src, tgt = g.codes(r.get("source")), g.codes(r.get("target"))
    gold = r["event"]
    want = OLD.get(gold, gold)
    best, bscore = None, -1
    for e in evs.get(r["id"], []):
      a1 = (e.get("actor1") or {}).get("country")
      a2 = (e.get("actor2") or {}).get("country")
      pt = g.plover_of(e.get("cameo"), t)
      sc = (a1 in src) * 4 + (pt == want) * 2 + (not tgt or a2 in tgt)
      if sc > bscore:
        best, bscore = (a1, a2, e.get("cameo"), pt,
                        e["mentions"][0].get("rule")), sc
    if best is None:
      c = "none"
    elif bscore == 7:
      c = "vocab-ok" if gold in OLD else "ok"
    elif gold in OLD and bscore < 7:
      c = "vocab-" + {6: "target", 5: "type", 3: "source"}.get(bscore,
                                                               "other")
    else:
      c = {6: "target", 5: "type", 3: "source"}.get(bscore, "other")
      if c == "type" and DRIFT.get(best[2]) == gold:
        c = "drift"
    if gold in OLD and c == "none":
      c = "vocab-none"
    if not gold in OLD and c != "ok" and (not (src - NONISO) or
                                          (tgt and not (tgt - NONISO))):
      c = "nocountry-" + c   # IGO/NGO/... or a non-ISO code: no country
    cls[c] += 1
    bytype[gold][c] += 1
    rows.append((c, r, src, tgt, best))
  for c, r, src, tgt, best in rows:
    if a.v and (not a.only or c in a.only):
      print("%-12s %s gold %s %s->%s | casus %s" % (
          c, r["id"], r["event"], "/".join(sorted(src)),
          "/".join(sorted(tgt)) or "-", best))
      print("    " + r["text"])
  n = len(recs)
  ok = cls["ok"]
  wo = sum(1 for r in recs if evs.get(r["id"]))
  p = ok / wo if wo else 0
  rc = ok / n
  print("strict  P=%.3f R=%.3f F1=%.3f (%d/%d, %d with output)" % (
      p, rc, 2 * p * rc / (p + rc) if p + rc else 0, ok, n, wo))
  ok2 = ok + cls["vocab-ok"]
  p, rc = ok2 / wo if wo else 0, ok2 / n
  print("old->new names  P=%.3f R=%.3f F1=%.3f (%d/%d)" % (
      p, rc, 2 * p * rc / (p + rc) if p + rc else 0, ok2, n))
  reach = sum(1 for c, r, src, tgt, best in rows
              if r["event"] not in OLD and not c.startswith("nocountry")
              and c != "drift")
  pr = ok / wo if wo else 0
  rr = ok / reach if reach else 0
  print("reachable under the contract and table: %d records (R ceiling "
        "%.3f, F1 ceiling %.3f); on them R=%.3f" % (
            reach, reach / n, 2 * (reach / n) / (1 + reach / n), rr))
  print("classes: " + ", ".join("%s %d" % kv for kv in cls.most_common()))
  if a.v:
    for gt, cc in sorted(bytype.items()):
      print("  %-12s %s" % (gt, dict(cc)))

if __name__ == "__main__":
  main()
