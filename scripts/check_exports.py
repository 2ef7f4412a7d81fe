#!/usr/bin/env python3
"""Checks govkg's network exports with networkx and igraph.

Usage: check_exports.py DIR [DIR...]
Each DIR holds one export of one network: net.graphml, net.gexf and csv/
(nodes.csv, edges.csv) written by `govkg export`, and optionally expect.txt
with lines `nodes N`, `edges N`, `components N` (known values to check too).
The node and edge counts to expect are read from govkg's own CSV tables;
the script checks that networkx (read_graphml, read_gexf) and igraph
(Graph.Read_GraphML) load the same counts, undirected, with typed attributes,
and that govkg's metrics agree with networkx's on the same graph.
"""

import csv
import math
import os
import sys

import igraph
import networkx as nx

INT_NODE = ["meetings", "degree", "component", "community"]
FLOAT_NODE = ["weighted_degree", "betweenness", "closeness", "pagerank"]

failures = []
checks = 0


def check(ok, what):
    global checks
    checks += 1
    if not ok:
        failures.append(what)
        print(f"FAIL {what}", file=sys.stderr)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def close(a, b, tol):
    return math.isclose(a, b, rel_tol=tol, abs_tol=tol)


def pagerank(g, alpha=0.85, tol=1e-13):
    """Weighted PageRank as networkx defines it, by plain power iteration
    (networkx's own needs numpy and scipy)."""
    n = g.number_of_nodes()
    out = {v: sum(a.get("weight", 1.0) for _, _, a in g.edges(v, data=True)) for v in g}
    x = {v: 1.0 / n for v in g}
    for _ in range(10000):
        dangling = sum(x[v] for v in g if out[v] == 0)
        nxt = {v: (alpha * dangling + 1 - alpha) / n for v in g}
        for v in g:
            if out[v]:
                for _, u, a in g.edges(v, data=True):
                    nxt[u] += alpha * x[v] * a.get("weight", 1.0) / out[v]
        err = sum(abs(nxt[v] - x[v]) for v in g)
        x = nxt
        if err < n * tol:
            break
    return x


def check_dir(d):
    name = os.path.basename(d.rstrip("/"))
    nodes = read_csv(os.path.join(d, "csv", "nodes.csv"))
    edges = read_csv(os.path.join(d, "csv", "edges.csv"))
    n, m = len(nodes), len(edges)
    check(n > 0, f"{name}: nodes.csv has nodes")
    check(all(e["Type"] == "Undirected" for e in edges), f"{name}: edges.csv Type is Undirected")

    g = nx.read_graphml(os.path.join(d, "net.graphml"))
    check(not g.is_directed(), f"{name}: graphml is undirected")
    check(g.number_of_nodes() == n, f"{name}: graphml nodes {g.number_of_nodes()} == {n}")
    check(g.number_of_edges() == m, f"{name}: graphml edges {g.number_of_edges()} == {m}")
    for v, a in g.nodes(data=True):
        check(isinstance(a.get("label"), str) and a["label"], f"{name}: graphml node {v} has a label")
        for k in INT_NODE:
            check(type(a.get(k)) is int, f"{name}: graphml node {v} {k} is int ({a.get(k)!r})")
        for k in FLOAT_NODE:
            check(type(a.get(k)) is float, f"{name}: graphml node {v} {k} is float ({a.get(k)!r})")
        break
    for u, v, a in g.edges(data=True):
        check(type(a.get("weight")) is float, f"{name}: graphml edge weight is float")
        check(type(a.get("meetings")) is int, f"{name}: graphml edge meetings is int")
        break

    # govkg's metrics against networkx's, on the graph as exported.
    deg = dict(g.degree())
    check(all(g.nodes[v]["degree"] == deg[v] for v in g), f"{name}: degree agrees with networkx")
    wdeg = dict(g.degree(weight="weight"))
    check(all(close(g.nodes[v]["weighted_degree"], wdeg[v], 1e-9) for v in g), f"{name}: weighted degree agrees")
    comps = {g.nodes[v]["component"] for v in g}
    check(len(comps) == nx.number_connected_components(g), f"{name}: components agree with networkx")
    if g.number_of_edges() > 0:
        pr = pagerank(g)
        check(all(close(g.nodes[v]["pagerank"], pr[v], 1e-6) for v in g), f"{name}: pagerank agrees with networkx")
        if "betweenness_se" not in g.nodes[next(iter(g))]:
            bc = nx.betweenness_centrality(g)
            check(all(close(g.nodes[v]["betweenness"], bc[v], 1e-9) for v in g), f"{name}: betweenness agrees")
            cc = nx.closeness_centrality(g)
            check(all(close(g.nodes[v]["closeness"], cc[v], 1e-9) for v in g), f"{name}: closeness agrees")
        parts = {}
        for v in g:
            parts.setdefault(g.nodes[v]["community"], set()).add(v)
        q = nx.community.modularity(g, parts.values(), weight="weight")
        check(q > 0.0 or len(parts) == 1 or g.number_of_edges() == 0, f"{name}: communities have modularity {q}")

    x = nx.read_gexf(os.path.join(d, "net.gexf"))
    check(not x.is_directed(), f"{name}: gexf is undirected")
    check(x.number_of_nodes() == n, f"{name}: gexf nodes {x.number_of_nodes()} == {n}")
    check(x.number_of_edges() == m, f"{name}: gexf edges {x.number_of_edges()} == {m}")
    for v, a in x.nodes(data=True):
        check(type(a.get("pagerank")) is float, f"{name}: gexf pagerank is float")
        check(type(a.get("degree")) is int, f"{name}: gexf degree is int")
        break
    for u, v, a in x.edges(data=True):
        check(type(a.get("weight")) is float, f"{name}: gexf weight is float")
        break
    dated = [a for _, a in x.nodes(data=True) if a.get("first_date")]
    if dated:
        check(all(a.get("spells") for a in dated), f"{name}: gexf dated nodes carry spells")

    i = igraph.Graph.Read_GraphML(os.path.join(d, "net.graphml"))
    check(not i.is_directed(), f"{name}: igraph reads undirected")
    check(i.vcount() == n, f"{name}: igraph nodes {i.vcount()} == {n}")
    check(i.ecount() == m, f"{name}: igraph edges {i.ecount()} == {m}")
    if n:
        check(isinstance(i.vs[0]["pagerank"], float), f"{name}: igraph pagerank is numeric")
        check(isinstance(i.vs[0]["label"], str), f"{name}: igraph label is a string")
    if m:
        check(isinstance(i.es[0]["weight"], float), f"{name}: igraph weight is numeric")

    expect = os.path.join(d, "expect.txt")
    if os.path.exists(expect):
        for line in open(expect, encoding="utf-8"):
            key, value = line.split()
            got = {"nodes": n, "edges": m, "components": len(comps)}[key]
            check(got == int(value), f"{name}: {key} {got} == {value}")
    print(f"{name}: {n} nodes, {m} edges checked with networkx {nx.__version__} and igraph {igraph.__version__}")


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    for d in sys.argv[1:]:
        check_dir(d)
    print(f"exports: {checks - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
