#!/usr/bin/env python3
"""score.py -- scores casus' story clustering, duplicate detection and event
fusion against tests/fusion/expected.json (docs/fusion-corpus.md).

usage: score.py EXPECTED EVENTS [STORIES] [--min-cluster-f1 X]
                [--min-duplicate-f1 X] [--min-event-recall X]
                [--min-field X] [--json]

EVENTS is the JSONL that `casus code` prints (fused or not); STORIES the
JSONL of `casus code --stories FILE`.  Without STORIES, clusters and
duplicate links are read from the events' mentions (story_id,
duplicate_of), and an article in no story is a cluster of its own.

Prints pairwise precision / recall / F1 for story clusters and duplicate
links, then for the expected fused events: how many were found and the
exact-match rate of each field (over the expected events that give
it: low/high are given only where sources disagree on the toll).
Exit status: 0, 1 when a figure is below its threshold, 2 on bad usage
or unreadable input.  Python 3 stdlib only.
"""
import argparse
import itertools
import json
import sys
import unicodedata

FIELDS = ("articles", "dyad", "date", "place", "num_sources",
          "num_articles", "fatalities.best", "fatalities.low",
          "fatalities.high", "fatalities.acled", "discrepancies")


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def fold(s):
    """Lower-case, accents removed: "Ségou" -> "segou"; None stays."""
    if s is None:
        return None
    d = unicodedata.normalize("NFKD", s)
    return "".join(c for c in d if not unicodedata.combining(c)).lower()


def dig(o, *keys):
    for k in keys:
        if not isinstance(o, (dict, list)):
            return None
        try:
            o = o[k]
        except (KeyError, IndexError, TypeError):
            return None
    return o


def prf(predicted, expected):
    """Precision, recall, F1 of two sets.  With nothing predicted the
    precision is 1 (nothing wrong was claimed) and F1 follows."""
    tp = len(predicted & expected)
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(expected) if expected else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "predicted":
            len(predicted), "expected": len(expected), "correct": tp}


def pairs(clusters):
    """The unordered pairs of items that share a cluster."""
    out = set()
    for c in clusters:
        for a, b in itertools.combinations(sorted(set(c)), 2):
            out.add((a, b))
    return out


def event_articles(e):
    return {m.get("article") for m in e.get("mentions") or []
            if m.get("article")}


def predicted_clusters(events, stories, universe):
    """Story clusters from the stories file, else from the events'
    story_id; articles in no story are singletons."""
    groups = {}
    if stories is not None:
        for s in stories:
            sid = s.get("story_id")
            for a in s.get("articles") or []:
                aid = a.get("id") if isinstance(a, dict) else a
                groups.setdefault(sid, set()).add(aid)
    else:
        for e in events:
            sid = e.get("story_id")
            if sid is not None:
                groups.setdefault(sid, set()).update(event_articles(e))
    placed = set().union(*groups.values()) if groups else set()
    clusters = [g & universe for g in groups.values()]
    clusters += [{a} for a in universe - placed]
    return clusters


def predicted_duplicates(events, stories):
    links = set()
    rows = []
    if stories is not None:
        for s in stories:
            rows += [a for a in s.get("articles") or [] if isinstance(a, dict)]
    for e in events:
        rows += [{"id": m.get("article"), "duplicate_of": m.get("duplicate_of")}
                 for m in e.get("mentions") or []]
    for r in rows:
        a, b = r.get("id"), r.get("duplicate_of")
        if a and b and a != b:
            links.add(tuple(sorted((a, b))))
    return links


def root(e):
    c = e.get("cameo") or ""
    return c[:2] if len(c) >= 2 else None


def match_event(x, events):
    """The system event that best matches expected event X: same actor1
    country and CAMEO root, sharing an article with X; the largest article
    overlap wins, then the earliest in the file."""
    want = set(x["articles"])
    best, best_key = None, None
    for i, e in enumerate(events):
        if dig(e, "actor1", "country") != x["actor1_country"] or \
           root(e) != x["cameo_root"]:
            continue
        arts = event_articles(e)
        inter = len(arts & want)
        if not inter:
            continue
        key = (inter / len(arts | want), -i)
        if best_key is None or key > best_key:
            best, best_key = e, key
    return best


def field_values(x, e):
    """(expected, got) for each scored field of expected event X and
    system event E (None when unmatched)."""
    disc = sorted({d.get("field") for d in (e or {}).get("discrepancies")
                   or []})
    got = {
        "articles": sorted(event_articles(e)) if e else None,
        "dyad": [dig(e, "actor1", "country"), dig(e, "actor2", "country")]
        if e else None,
        "date": dig(e, "date"),
        "place": fold(dig(e, "place", "name")),
        "num_sources": dig(e, "num_sources"),
        "num_articles": dig(e, "num_articles"),
        "discrepancies": disc if e else None,
    }
    for k in ("best", "low", "high", "acled"):
        got["fatalities." + k] = dig(e, "fatalities", k)
    want = {
        "articles": sorted(x["articles"]),
        "dyad": [x["actor1_country"], x["actor2_country"]],
        "date": x["date"],
        "place": fold(x["place"]),
        "num_sources": x["num_sources"],
        "num_articles": x["num_articles"],
        "discrepancies": sorted(x["discrepancies"]),
    }
    for k in ("best", "low", "high", "acled"):
        if k in x["fatalities"]:  # absent: not scored for this event
            want["fatalities." + k] = x["fatalities"][k]
    if want["dyad"][1] is None and got["dyad"]:
        got["dyad"][1] = None  # the target's country is not scored
    return want, got


def score(expected, events, stories):
    universe = {a for s in expected["stories"] for a in s}
    clusters = predicted_clusters(events, stories, universe)
    res = {
        "clusters": prf(pairs(clusters), pairs(expected["stories"])),
        "duplicates": prf(
            predicted_duplicates(events, stories),
            {tuple(sorted((d["article"], d["duplicate_of"])))
             for d in expected["duplicates"]}),
    }
    found, misses = 0, []
    fields = {f: 0 for f in FIELDS}
    scored = {f: 0 for f in FIELDS}
    for x in expected["events"]:
        e = match_event(x, events)
        found += e is not None
        want, got = field_values(x, e)
        for f in FIELDS:
            if f not in want:
                continue
            scored[f] += 1
            if e is not None and want[f] == got[f]:
                fields[f] += 1
            else:
                misses.append({"event": x["id"], "field": f,
                               "expected": want[f],
                               "got": got[f] if e is not None else None})
    n = len(expected["events"])
    res["events"] = {"expected": n, "found": found,
                     "recall": found / n if n else 1.0}
    res["fields"] = {f: fields[f] / scored[f] if scored[f] else 1.0
                     for f in FIELDS}
    res["scored"] = scored
    res["misses"] = misses
    return res


def report(res, out):
    for k in ("clusters", "duplicates"):
        r = res[k]
        out.write("%-10s pairwise P %.3f  R %.3f  F1 %.3f  (%d predicted, "
                  "%d expected, %d correct)\n" % (
                      k, r["precision"], r["recall"], r["f1"],
                      r["predicted"], r["expected"], r["correct"]))
    ev = res["events"]
    out.write("events     found %d of %d (%.3f)\n" % (
        ev["found"], ev["expected"], ev["recall"]))
    for f in FIELDS:
        out.write("  %-17s exact %.3f  (%d events)\n" % (
            f, res["fields"][f], res["scored"][f]))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("expected")
    ap.add_argument("events")
    ap.add_argument("stories", nargs="?")
    ap.add_argument("--min-cluster-f1", type=float, default=0.0)
    ap.add_argument("--min-duplicate-f1", type=float, default=0.0)
    ap.add_argument("--min-event-recall", type=float, default=0.0)
    ap.add_argument("--min-field", type=float, default=0.0,
                    help="minimum exact-match rate of every field")
    ap.add_argument("--json", action="store_true",
                    help="print the figures and misses as JSON")
    ap.add_argument("--misses", action="store_true",
                    help="also list each field that did not match")
    a = ap.parse_args(argv)
    try:
        with open(a.expected, encoding="utf-8") as f:
            expected = json.load(f)
        events = read_jsonl(a.events)
        stories = read_jsonl(a.stories) if a.stories else None
    except (OSError, ValueError) as e:
        sys.stderr.write("score.py: %s\n" % e)
        return 2
    res = score(expected, events, stories)
    if a.json:
        json.dump(res, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        report(res, sys.stdout)
        if a.misses:
            for m in res["misses"]:
                sys.stdout.write("  miss %s %s: expected %s, got %s\n" % (
                    m["event"], m["field"], json.dumps(m["expected"]),
                    json.dumps(m["got"])))
    low = []
    if res["clusters"]["f1"] < a.min_cluster_f1:
        low.append("cluster F1")
    if res["duplicates"]["f1"] < a.min_duplicate_f1:
        low.append("duplicate F1")
    if res["events"]["recall"] < a.min_event_recall:
        low.append("event recall")
    low += [f for f in FIELDS if res["fields"][f] < a.min_field]
    if low:
        sys.stderr.write("score.py: below threshold: %s\n" % ", ".join(low))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
