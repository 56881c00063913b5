"""Latency of the profile-page query over HTTP, one client, sequential requests.

Start a server first (with RESEARCHGRAPH_EXPOSE_STORE_CALLS=1 to see round trips):

    eval "$(scripts/neo4j-local start)" && .venv/bin/researchgraph load-demo
    RESEARCHGRAPH_EXPOSE_STORE_CALLS=1 .venv/bin/researchgraph serve --port 8000 &
    .venv/bin/python bench/profile_latency.py --requests 300

It first warms up, then cycles through the most prolific researchers and prints
p50/p95/p99 latency, requests/s and the store round trips per request.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import httpx

PROFILE = (Path(__file__).resolve().parent.parent / "tests" / "queries.py").read_text()
PROFILE = PROFILE.split('PROFILE = """', 1)[1].split('"""', 1)[0]
TOP = "{ researchers(first: 20) { edges { node { id } } } }"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="http://127.0.0.1:8000/graphql")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    args = parser.parse_args()

    with httpx.Client(timeout=30) as client:
        top = client.post(args.url, json={"query": TOP}).json()
        ids = [edge["node"]["id"] for edge in top["data"]["researchers"]["edges"]]
        latencies: list[float] = []
        calls: set[int] = set()
        for i in range(args.warmup + args.requests):
            started = time.perf_counter()
            response = client.post(
                args.url, json={"query": PROFILE, "variables": {"id": ids[i % len(ids)]}}
            )
            elapsed = time.perf_counter() - started
            body = response.json()
            if "errors" in body:
                print(body["errors"], file=sys.stderr)
                return 1
            if i >= args.warmup:
                latencies.append(elapsed * 1000)
                calls.add(body.get("extensions", {}).get("storeCalls", -1))
    print(f"requests: {len(latencies)} over {len(ids)} researchers, one client, sequential")
    print(
        f"latency ms: p50 {statistics.median(latencies):.1f}  p95 {percentile(latencies, 0.95):.1f}"
        f"  p99 {percentile(latencies, 0.99):.1f}  max {max(latencies):.1f}"
    )
    print(f"throughput: {len(latencies) / (sum(latencies) / 1000):.1f} req/s")
    print(f"store round trips per request: {sorted(calls)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
