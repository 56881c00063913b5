"""The embedded store at scale: `serve --data` on one generated dataset, no database.
Measures start-up (until /health/ready answers), the server's RSS, and one client's
latency (one request at a time, so each figure is the server's own time) for searches
and for the profile page: of 500 researchers, a tenth of them the most prolific (as
bench/run.py samples), and of those 50 alone.

    .venv/bin/python bench/embedded.py --scale small
    .venv/bin/python bench/embedded.py --scale medium

Results go to bench/results/embedded-<scale>-<time>.json."""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, TextIO

import httpx
from run import (
    BIN,
    PROFILE,
    SCALES,
    SEARCH,
    SEARCH_WORDS,
    free_port,
    generated,
    log,
    peak_rss_mb,
    percentile,
    sample_researchers,
    save,
    wait_ready,
)

# The issue's own examples (a misspelling, two words) beside the mixed benchmark's words.
SEARCHES = [*SEARCH_WORDS, "quantm", "protein folding", "graph neural networks"]
TOP = "{ researchers(first: 50) { edges { node { id } } } }"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timings(client: httpx.Client, bodies: list[dict[str, Any]], rounds: int) -> dict[str, Any]:
    """Each body `rounds` times, one at a time; p50/p95/max in ms."""
    spent = []
    for _ in range(rounds):
        for body in bodies:
            started = time.perf_counter()
            answer = client.post("/graphql", json=body).json()
            spent.append((time.perf_counter() - started) * 1000)
            if answer.get("errors"):
                sys.exit(f"error: {answer['errors']}")
    return {
        "count": len(spent),
        "p50_ms": round(statistics.median(spent), 1),
        "p95_ms": round(percentile(spent, 0.95), 1),
        "max_ms": round(max(spent), 1),
    }


def measure(
    data: Path, researchers: int, args: argparse.Namespace, log_file: TextIO
) -> dict[str, Any]:
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("NEO4J_")}
    env["RESEARCHGRAPH_RATE_LIMIT"] = "0"
    started = time.monotonic()
    server = subprocess.Popen(
        [str(BIN / "researchgraph"), "serve", "--data", str(data), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log_file,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(f"{url}/health/ready", timeout=1800)
        start_s = time.monotonic() - started
        rss_ready = rss_mb(server.pid)
        with httpx.Client(base_url=url, timeout=120) as client:
            top = client.post("/graphql", json={"query": TOP}).json()
            prolific = [e["node"]["id"] for e in top["data"]["researchers"]["edges"]]
            # As bench/run.py samples pages: a tenth the most prolific, the rest anyone.
            pages = sample_researchers(prolific, researchers, 500, random.Random(args.seed))
            searches = [{"query": SEARCH, "variables": {"q": q}} for q in SEARCHES]

            def profiles(ids: list[str]) -> list[dict[str, Any]]:
                return [{"query": PROFILE, "variables": {"id": i}} for i in ids]

            timings(client, searches[:3] + profiles(prolific[:3]), 1)  # warm-up
            log("measuring")
            result = {
                "scale": args.scale,
                "start_s": round(start_s, 1),
                "rss_ready_mb": round(rss_ready, 1),
                "search": timings(client, searches, args.rounds),
                "profile": timings(client, profiles(pages), args.rounds),
                "profile_prolific": timings(client, profiles(prolific), args.rounds),
            }
        result["rss_end_mb"] = round(rss_mb(server.pid), 1)
        result["rss_peak_mb"] = round(peak_rss_mb(server.pid), 1)
        return result
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3, help="times each request is sent")
    args = parser.parse_args()
    data = generated(args.scale, args.seed)
    researchers, _ = SCALES[args.scale]
    log(f"serve --data {data.name}")
    # Its log to a file: a pipe nobody reads would fill up and stall the server.
    with tempfile.TemporaryFile(mode="w+") as log_file:
        result = measure(data, researchers, args, log_file)
        log_file.seek(0)
        result["progress_lines"] = sum("records" in line for line in log_file)
    print(json.dumps(result, indent=2))
    save(f"embedded-{args.scale}", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
