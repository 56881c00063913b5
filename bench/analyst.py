"""What an analyst's queries cost on a real Neo4j at a named scale: facets, filtered
and paged search, type-ahead, lookups by external id, related works and similar
researchers. One client, the query kinds interleaved round by round over sampled
researchers and works, so each kind sees the same machine state; prints the median
and p95 latency and the store round trips of each.

    .venv/bin/python bench/analyst.py --scale small --rounds 40

Uses bench/run.py's generated data and imported database (bench/.cache)."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx

from researchgraph.graphstore.ingest.synthetic import GENERATED_FIRST_ID

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import BIN, SEARCH_WORDS, free_port, log, percentile, prepare, stop_neo4j, wait_ready

FACETS = """query($id: ID!) { researcher(id: $id) {
  works(first: 0) { y: groupBy(by: YEAR) { key count } v: groupBy(by: VENUE) { key count }
                    t: groupBy(by: TOPIC) { key count } a: groupBy(by: AUTHOR) { key count } }
  collaboratorsByInstitution { key count } } }"""
TOPIC_FACET = """query($id: ID!) { topic(id: $id) {
  works(first: 0, filter: {yearFrom: 2010}) { groupBy(by: AUTHOR, first: 10) { key count citations } } } }"""
SEARCH_PAGE = """query($q: String!) { searchConnection(query: $q, first: 10, filter: {yearFrom: 2012}) {
  totalCount edges { score highlights node { id } } } }"""
AUTOCOMPLETE = "query($q: String!) { autocomplete(query: $q, first: 10) { id kind label } }"
NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"
RELATED = """query($id: ID!) { work(id: $id) { related(first: 10) { score work { id title }
  reasons { kind count } } } }"""
SIMILAR = """query($id: ID!) { researcher(id: $id) { similar(first: 10) { score
  researcher { id name } reasons { kind count } } } }"""


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()

    env, facts = prepare(args.scale, args.seed, fresh=False)
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "researchgraph"), "serve", "--port", str(port)],
        env={
            **os.environ,
            **env,
            "RESEARCHGRAPH_EXPOSE_STORE_CALLS": "1",
            "RESEARCHGRAPH_RATE_LIMIT": "0",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    latencies: dict[str, list[float]] = defaultdict(list)
    calls: dict[str, set[int]] = defaultdict(set)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_ready(f"{url}/health")
        client = httpx.Client(base_url=url, timeout=60)

        def ask(name: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
            started = time.perf_counter()
            body: dict[str, Any] = client.post(
                "/graphql", json={"query": query, "variables": variables}
            ).json()
            latencies[name].append((time.perf_counter() - started) * 1000)
            if body.get("errors"):
                raise RuntimeError(f"{name}: {body['errors']}")
            calls[name].add(body["extensions"]["storeCalls"])
            return body

        rng = random.Random(args.seed)
        people = [
            f"A{GENERATED_FIRST_ID + rng.randrange(facts['researchers'])}"
            for _ in range(args.rounds)
        ]
        works = [
            f"W{GENERATED_FIRST_ID + rng.randrange(facts['works'])}" for _ in range(args.rounds)
        ]
        topics = [f"T{GENERATED_FIRST_ID + rng.randrange(20)}" for _ in range(args.rounds)]
        dois = [f"https://doi.org/10.5555/synthetic.{w[1:]}" for w in works]
        log(f"{args.rounds} rounds of 7 analyst queries on {args.scale}")
        for r in range(args.rounds + 3):  # three warm-up rounds, not counted
            ask("facets (4 groupBy + by institution)", FACETS, {"id": people[r % args.rounds]})
            ask("topic works by author (filtered)", TOPIC_FACET, {"id": topics[r % args.rounds]})
            ask("searchConnection (filtered)", SEARCH_PAGE, {"q": rng.choice(SEARCH_WORDS)})
            ask("autocomplete", AUTOCOMPLETE, {"q": rng.choice(SEARCH_WORDS)[:3]})
            ask("nodes (20 DOIs)", NODES, {"ids": rng.sample(dois, min(20, len(dois)))})
            ask("Work.related", RELATED, {"id": works[r % args.rounds]})
            ask("Researcher.similar", SIMILAR, {"id": people[r % args.rounds]})
            if r == 2:
                latencies.clear()
    finally:
        server.terminate()
        server.wait(timeout=30)
        stop_neo4j(args.scale, args.seed)
    print(f"| query ({args.scale}, {args.rounds} rounds) | p50 ms | p95 ms | store calls |")
    print("|---|---|---|---|")
    for name, values in latencies.items():
        print(
            f"| {name} | {statistics.median(values):.1f} | {percentile(values, 0.95):.1f} "
            f"| {', '.join(map(str, sorted(calls[name])))} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
