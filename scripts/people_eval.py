#!/usr/bin/env python3
"""Checks the people layer on the bulk corpus against the shared reference data.

Reads a store that `govkg reconcile --reference DIR` has run on (built by
scripts/people_eval.sh) and the reference folder, and prints:
  1. the share of persons with at least 3 participations that got a Wikidata id;
  2. a fixed sample of 50 linked persons, each with the reference person's
     names, delegations, birth and posts and the store's spells, to check by hand;
  3. for the national posts of holders21.csv attested in the corpus, the gap in
     days between a spell's first attestation and the Wikidata start, and
     between its last attestation and the Wikidata end.
Nothing here is written into the project: it only reads and prints.
"""
import csv
import hashlib
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from datetime import date
from pathlib import Path
from urllib.parse import unquote

GOVKG, STORE, REF = sys.argv[1], sys.argv[2], Path(sys.argv[3])

# English position labels of holders21.csv and the post names govkg gives the
# same posts (the post key's label). Only national posts one person holds.
POSTS = {
    "Premier of the State Council": "国务院总理",
    "President": "国家主席",
    "Vice President": "国家副主席",
    "General Secretary of the Chinese Communist Party": "中央总书记",
    "Minister of Foreign Affairs": "外交部部长",
    "Minister of Public Security": "公安部部长",
    "Minister of Justice": "司法部部长",
    "Minister of National Defence": "国防部部长",
    "Minister of Finance": "财政部部长",
    "Minister of Commerce": "商务部部长",
    "Minister of Civil Affairs": "民政部部长",
    "Minister of Education": "教育部部长",
    "Minister of Water Resources": "水利部部长",
    "Minister of Transport": "交通运输部部长",
    "Minister of Veterans Affairs": "退役军人事务部部长",
    "Minister of Natural Resources": "自然资源部部长",
    "Minister of Emergency Management": "应急管理部部长",
    "Minister of Ecology and Environment": "生态环境部部长",
    "Minister of Science and Technology": "科技部部长",
    "Minister of Industry and Information Technology": "工业和信息化部部长",
    "Minister of Human Resources and Social Security": "人力资源社会保障部部长",
    "Minister of Housing and Urban-Rural Development": "住房城乡建设部部长",
    "Minister of Agriculture": "农业部部长",
    "Minister of Culture": "文化部部长",
    "Minister of State Security": "国家安全部部长",
    "Minister in Charge of the National Development and Reform Commission": "国家发展改革委主任",
    "Minister in Charge of the National Health Commission": "国家卫生健康委主任",
    "Governor of the People's Bank": "中国人民银行行长",
    "President of the Supreme People's Court": "最高人民法院院长",
    "Secretary-General of the State Council": "国务院秘书长",
    "Auditor General": "审计署审计长",
}


def query(sparql):
    out = subprocess.run([GOVKG, "query", "--store", STORE, "--format", "tsv", sparql],
                         check=True, capture_output=True, text=True).stdout
    rows = [l.split("\t") for l in out.splitlines()]
    return [[c.strip('"').split('"^^')[0].strip('"<>') for c in r] for r in rows[1:]]


def day(s):
    try:
        parts = [int(x) for x in s.split("T")[0].split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


G = "PREFIX g: <https://w3id.org/govkg/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
# Participations counted as meetings a person was present at, from the
# network export (its node table has one row per person IRI, in IRI order).
with tempfile.TemporaryDirectory() as net:
    subprocess.run([GOVKG, "export", "csv", "-o", net, "--store", STORE], check=True, capture_output=True)
    with open(Path(net) / "nodes.csv", newline="", encoding="utf-8") as fh:
        nodes = [r for r in csv.DictReader(fh) if r["kind"] == "person"]
busy = [("https://w3id.org/govkg/id/person/" + r["Label"], r["Label"]) for r in nodes if int(r["meetings"]) >= 3]
ids = {unquote(p): q for p, q in query(G + "SELECT ?p ?id WHERE { GRAPH <https://w3id.org/govkg/id/graph/reconcile> "
                                           "{ ?p g:personId ?id FILTER NOT EXISTS { ?p a g:Spell } } }")}
linked = [(p, n, ids[p]) for p, n in busy if p in ids]
print(f"persons with >= 3 participations: {len(busy)}; with a Wikidata id: {len(linked)} "
      f"({100.0 * len(linked) / max(len(busy), 1):.1f}%)")

# The reference people, by id, for the hand check.
ref = defaultdict(lambda: {"names": set(), "areas": set(), "posts": [], "birth": ""})
for f in sorted(REF.rglob("*.csv")):
    with open(f, newline="", encoding="utf-8") as fh:
        rd = csv.DictReader(fh)
        for r in rd:
            if r.get("wikidata"):
                e = ref[r["wikidata"]]
                e["names"].add(r.get("name", ""))
                e["areas"].add(r.get("area", ""))
            elif r.get("personID"):
                e = ref[r["personID"]]
                e["posts"].append(f"{r.get('position', '')} {r.get('start', '')}..{r.get('end', '')}")
                e["birth"] = e["birth"] or r.get("DOB", "")
                if r.get("person") and not r["person"].isascii():
                    e["names"].add(r["person"])

spells = query(G + "SELECT ?id ?post ?from ?to ?n WHERE { GRAPH <https://w3id.org/govkg/id/graph/reconcile> "
                   "{ ?s a g:Spell ; g:personId ?id ; g:postName ?post ; g:firstAttested ?from ; "
                   "g:lastAttested ?to ; g:articleCount ?n } }")
by_id = defaultdict(list)
for q, post, f, t, n in spells:
    by_id[q].append((f, post, t, int(n)))

print("\nsample of 50 linked persons (fixed: smallest SHA-256 of the person IRI)")
sample = sorted(linked, key=lambda r: hashlib.sha256(r[0].encode()).hexdigest())[:50]
for p, name, q in sample:
    e = ref[q]
    top = sorted(by_id[q], key=lambda s: -s[3])[:3]
    store_posts = "; ".join(f"{post} {f}..{t} ({n})" for f, post, t, n in sorted(top))
    posts = "; ".join(sorted(set(e["posts"]))[:3])
    print(f"- {name} {q} | ref: {'/'.join(sorted(e['names']))} {','.join(sorted(a for a in e['areas'] if a))} "
          f"born {e['birth'] or '?'} {posts} | store: {store_posts}")

print("\nnational posts of holders21.csv: first attestation minus Wikidata start, last minus end (days)")
starts, ends = [], []
holders = REF / "wikidata-china-ministers" / "holders21.csv"
with open(holders, newline="", encoding="utf-8") as fh:
    for r in csv.DictReader(fh):
        post = POSTS.get(r["position"])
        s0, e0 = day(r["start"]), day(r.get("end", ""))
        if not post or not s0:
            continue
        mine = [s for s in by_id.get(r["personID"], []) if s[1] == post]
        if not mine:
            continue
        first = min(day(s[0]) for s in mine)
        last = max(day(s[2]) for s in mine)
        if s0 >= date(2015, 1, 1):
            starts.append((first - s0).days)
            print(f"  {post} {r['person']} start {r['start']} first {first} gap {(first - s0).days}")
        if e0 and e0 >= date(2015, 1, 1):
            ends.append((last - e0).days)
if starts:
    print(f"starts in the corpus: {len(starts)}; median gap {statistics.median(starts)} days")
if ends:
    print(f"ends in the corpus: {len(ends)}; median gap (last attestation minus end) {statistics.median(ends)} days")
