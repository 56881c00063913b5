"""How each read's cost grows with the graph: every read below at each scale, asked by
one client one at a time (after warm-up), p50 and p95 per scale, and the ratio of each
later scale to the first. A page's cost should follow the page, not the graph: a ratio
near 1 is the aim (issue 27: under 1.5 from `small` to `medium`).

    .venv/bin/python bench/growth.py --scales small medium --runs 20
    .venv/bin/python bench/growth.py --scales small-skewed medium-skewed --runs 20

Each scale is `bench/run.py`'s generated dataset and Neo4j under bench/.cache (made on
first use; `--bulk` imports a new one with the offline importer). The `-skewed` scales
put a quarter of all works on one topic and in one venue. Subjects are chosen from the
graph itself: the largest topic, venue and institution, the most cited work, the most
prolific researcher, researchers with 5 works and with 5-9 works."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import neo4j

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import BIN, SCALES, free_port, log, percentile, prepare, save, stop_neo4j, wait_ready

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from queries import CORE_PROFILE

# Setup only: which nodes to ask about (the server's own reads are what is measured).
SUBJECTS = {
    "topic": "MATCH (t:Topic) RETURN t.id AS id ORDER BY COUNT { (t)<-[:ABOUT]-() } DESC LIMIT 1",
    "venue": "MATCH (s:Source) RETURN s.id AS id "
    "ORDER BY COUNT { (s)<-[:PUBLISHED_IN]-() } DESC LIMIT 1",
    "institution": "MATCH (i:Institution) RETURN i.id AS id "
    "ORDER BY COUNT { (i)<-[:LISTS_INSTITUTION]-() } DESC LIMIT 1",
    "cited": "MATCH (w:Work) RETURN w.id AS id ORDER BY w.citationCount DESC, w.id LIMIT 1",
    "prolific": "MATCH (r:Researcher) RETURN r.id AS id ORDER BY r.worksCount DESC, r.id LIMIT 1",
    "five": "MATCH (r:Researcher) WHERE r.worksCount = 5 RETURN r.id AS id ORDER BY r.id LIMIT 20",
    "few": "MATCH (r:Researcher) WHERE 5 <= r.worksCount <= 9 "
    "RETURN r.id AS id ORDER BY r.id LIMIT 50",
}

TOPIC_BY_AUTHOR = """query($id: ID!) { topic(id: $id) { works(first: 0, filter: {yearFrom: 2015}) {
  groupBy(by: AUTHOR, first: 10) { key count citations } } } }"""
SIMILAR = """query($id: ID!) { researcher(id: $id) { similar(first: 10) { score
  researcher { id } reasons { kind count } } } }"""
RELATED = """query($id: ID!) { work(id: $id) { related(first: 10) { score work { id }
  reasons { kind count } } } }"""
NEWEST = """query($id: ID!) { ROOT(id: $id) { works(first: 20) { totalCount
  edges { node { id title year } } } } }"""
CITED = """query($id: ID!) { ROOT(id: $id) { works(first: 20, orderBy: CITATIONS_DESC) {
  totalCount edges { node { id title citationCount } } } } }"""
VENUE_BY_YEAR = """query($id: ID!) { source(id: $id) { works(first: 0) {
  groupBy(by: YEAR, first: 30) { key count } } } }"""
SLICE = """query($id: ID!) { graphSlice(center: $id, depth: 2, limit: 500) { truncated
  nodes { id kind } edges { source target kind } } }"""
CITING = """query($id: ID!) { work(id: $id) { citedBy(first: 20) { totalCount
  edges { node { id year } } } } }"""
SEARCH = """query($q: String!) { searchConnection(query: $q, first: 20) { totalCount
  edges { score node { id } } } }"""
FACETS = """query($id: ID!) { researcher(id: $id) { works(first: 0) {
  y: groupBy(by: YEAR) { key count } v: groupBy(by: VENUE) { key count }
  t: groupBy(by: TOPIC) { key count } } collaboratorsByInstitution { key count } } }"""
AUTOCOMPLETE = "query($q: String!) { autocomplete(query: $q, first: 10) { id kind label } }"

# name -> (document, variables from the subjects and the run's index)
Reads = dict[str, tuple[str, Callable[[dict[str, list[str]], int], dict[str, Any]]]]


def reads() -> Reads:
    def one(kind: str) -> Callable[[dict[str, list[str]], int], dict[str, Any]]:
        return lambda subjects, _: {"id": subjects[kind][0]}

    def cycling(kind: str) -> Callable[[dict[str, list[str]], int], dict[str, Any]]:
        return lambda subjects, i: {"id": subjects[kind][i % len(subjects[kind])]}

    return {
        "topic works by author (2015-)": (TOPIC_BY_AUTHOR, one("topic")),
        "Researcher.similar (5 works)": (SIMILAR, cycling("five")),
        "Work.related (most cited)": (RELATED, one("cited")),
        "topic newest 20": (NEWEST.replace("ROOT", "topic"), one("topic")),
        "topic most cited 20": (CITED.replace("ROOT", "topic"), one("topic")),
        "venue newest 20": (NEWEST.replace("ROOT", "source"), one("venue")),
        "venue by year": (VENUE_BY_YEAR, one("venue")),
        "institution newest 20": (NEWEST.replace("ROOT", "institution"), one("institution")),
        "citing works of the most cited, 20": (CITING, one("cited")),
        "graphSlice depth 2, 500 (most prolific)": (SLICE, one("prolific")),
        "core profile (5-9 works)": (CORE_PROFILE, cycling("few")),
        "researcher facets (5-9 works)": (FACETS, cycling("few")),
        "search 'graph', first 20": (SEARCH, lambda _, __: {"q": "graph"}),
        "autocomplete 'gra'": (AUTOCOMPLETE, lambda _, __: {"q": "gra"}),
    }


def subjects_of(env: dict[str, str]) -> dict[str, list[str]]:
    driver = neo4j.GraphDatabase.driver(
        env["NEO4J_URI"], auth=(env["NEO4J_USER"], env["NEO4J_PASSWORD"])
    )
    try:
        return {
            kind: [record["id"] for record in driver.execute_query(query).records]
            for kind, query in SUBJECTS.items()
        }
    finally:
        driver.close()


def measure(scale: str, runs: int, warmup: int, bulk: bool) -> dict[str, list[float]]:
    """Milliseconds of each read at `scale`, its runs interleaved with the others'."""
    env, _ = prepare(scale, 1, fresh=False, bulk=bulk)
    subjects = subjects_of(env)
    log(f"{scale}: subjects { ({k: v[:2] for k, v in subjects.items()}) }")
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "researchgraph"), "serve", "--port", str(port)],
        env={**os.environ, **env, "RESEARCHGRAPH_RATE_LIMIT": "0"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    timings: dict[str, list[float]] = defaultdict(list)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_ready(f"{url}/health")
        with httpx.Client(base_url=url, timeout=120) as client:
            for run in range(warmup + runs):
                for name, (document, variables) in reads().items():
                    started = time.perf_counter()
                    body = client.post(
                        "/graphql", json={"query": document, "variables": variables(subjects, run)}
                    ).json()
                    elapsed = (time.perf_counter() - started) * 1000
                    if body.get("errors"):
                        raise RuntimeError(f"{name}: {body['errors']}")
                    if run >= warmup:
                        timings[name].append(elapsed)
    finally:
        server.terminate()
        server.wait(timeout=30)
        stop_neo4j(scale, 1)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", nargs="+", choices=sorted(SCALES), default=["small", "medium"])
    parser.add_argument("--runs", type=int, default=20, help="timed runs of each read")
    parser.add_argument("--warmup", type=int, default=3, help="runs of each read not timed")
    parser.add_argument("--bulk", action="store_true", help="import new datasets offline")
    args = parser.parse_args()

    results = {scale: measure(scale, args.runs, args.warmup, args.bulk) for scale in args.scales}
    first, later = args.scales[0], args.scales[1:]
    columns = [f"{s} p50 (p95) ms" for s in args.scales] + [f"{s}/{first} p50" for s in later]
    print(f"| read | {' | '.join(columns)} |")
    print("|---" * (1 + len(columns)) + "|")
    for name in results[first]:
        p50 = {s: statistics.median(results[s][name]) for s in args.scales}
        cells = [f"{p50[s]:.1f} ({percentile(results[s][name], 0.95):.1f})" for s in args.scales]
        cells += [f"{p50[s] / p50[first]:.2f}" for s in later]
        print(f"| {name} | {' | '.join(cells)} |")
    out = save("growth-" + "-".join(args.scales), {"runs": args.runs, "timings": results})
    log(
        f"results written to {out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
