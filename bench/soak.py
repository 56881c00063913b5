"""Soak: the server under a steady mix of reads and writes for a long while, to show
that nothing accumulates: memory, connections, latency, errors.

    .venv/bin/python bench/soak.py --scale small --minutes 10 --rate 5

On bench/run.py's generated data and imported Neo4j. One server process; an open-loop
client sends `--rate` requests a second, whatever the answers' speed (a slow server
gets more in flight, as from real users): profile pages, works pages, searches and
graph slices, and follows/unfollows by 200 signed-in users (a tenth). Every 10 s it
samples the server's resident memory, its open sockets, the window's p95 latency,
GraphQL errors and 5xx answers. The first minute is warm-up; the run passes when the
memory at the end is within 10% of that after warm-up and no answer was a 5xx."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from run import (
    BIN,
    PROFILE,
    SEARCH,
    SEARCH_WORDS,
    SLICE,
    WORKS_PAGE,
    free_port,
    log,
    percentile,
    prepare,
    save,
    stop_neo4j,
    wait_ready,
)

from researchgraph.server.auth import Authenticator
from researchgraph.server.config import Settings

SAMPLE_EVERY_S = 10.0
WARM_UP_S = 60.0
USERS = 200
RSS_TOLERANCE = 0.10


@dataclass
class Window:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    server_errors: int = 0
    transport_errors: int = 0


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def open_sockets(pid: int) -> int:
    fds = Path(f"/proc/{pid}/fd")
    count = 0
    for fd in fds.iterdir():
        with contextlib.suppress(OSError):  # closed while listed
            count += os.readlink(fd).startswith("socket:")
    return count


def request(
    rng: random.Random, ids: list[str], tokens: list[str]
) -> tuple[dict[str, Any], str | None]:
    """One request of the mix: (JSON body, bearer token or None)."""
    roll, researcher = rng.random(), rng.choice(ids)
    if roll < 0.10:
        verb = rng.choice(("followResearcher", "unfollowResearcher"))
        query = f'mutation {{ {verb}(id: "{researcher}") {{ id }} }}'
        return {"query": query}, rng.choice(tokens)
    if roll < 0.50:
        return {"query": PROFILE, "variables": {"id": researcher}}, None
    if roll < 0.70:
        return {"query": WORKS_PAGE, "variables": {"id": researcher}}, None
    if roll < 0.90:
        words = " ".join(rng.sample(SEARCH_WORDS, rng.randint(1, 2)))
        return {"query": SEARCH, "variables": {"q": words}}, None
    return {"query": SLICE, "variables": {"id": researcher}}, None


async def soak(
    url: str, pid: int, ids: list[str], tokens: list[str], seconds: float, rate: float
) -> list[dict[str, Any]]:
    rng = random.Random(7)
    window = Window()
    samples: list[dict[str, Any]] = []
    started = time.monotonic()
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=50)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:

        async def one(body: dict[str, Any], bearer: str | None) -> None:
            headers = {"authorization": f"Bearer {bearer}"} if bearer else {}
            t0 = time.perf_counter()
            try:
                response = await client.post("/graphql", json=body, headers=headers)
            except httpx.HTTPError:
                window.transport_errors += 1
                return
            window.latencies.append(time.perf_counter() - t0)
            if response.status_code >= 500:
                window.server_errors += 1
            elif response.status_code != 200 or "errors" in response.json():
                window.errors += 1

        in_flight: set[asyncio.Task[None]] = set()
        sent, next_sample = 0, started + SAMPLE_EVERY_S
        while (now := time.monotonic()) < started + seconds:
            due = int((now - started) * rate)
            while sent < due:
                task = asyncio.create_task(one(*request(rng, ids, tokens)))
                in_flight.add(task)
                task.add_done_callback(in_flight.discard)
                sent += 1
            if now >= next_sample:
                done, window = window, Window()
                samples.append(
                    {
                        "t_s": round(now - started),
                        "rss_mb": round(rss_mb(pid), 1),
                        "sockets": open_sockets(pid),
                        "in_flight": len(in_flight),
                        "requests": len(done.latencies),
                        "p95_ms": round(1000 * percentile(done.latencies, 0.95), 1)
                        if done.latencies
                        else None,
                        "errors": done.errors,
                        "5xx": done.server_errors,
                        "transport_errors": done.transport_errors,
                    }
                )
                log(json.dumps(samples[-1]))
                next_sample += SAMPLE_EVERY_S
            await asyncio.sleep(0.005)
        await asyncio.gather(*in_flight)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=5.0, help="requests a second")
    args = parser.parse_args()
    env, _ = prepare(args.scale, args.seed, fresh=False)
    secret = secrets.token_hex(32)
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "researchgraph"), "serve", "--port", str(port)],
        env={**os.environ, **env, "JWT_SECRET": secret, "RESEARCHGRAPH_RATE_LIMIT": "0"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_ready(f"{url}/health/ready")
        top = httpx.post(
            f"{url}/graphql",
            json={"query": "{ researchers(first: 100) { edges { node { id } } } }"},
            timeout=60,
        ).json()
        ids = [e["node"]["id"] for e in top["data"]["researchers"]["edges"]]
        authenticator = Authenticator(Settings(jwt_secret=secret))
        tokens = [authenticator.mint(f"soak-user-{n}", 24 * 60) for n in range(USERS)]
        log(f"soaking {args.minutes:g} min at {args.rate:g} requests/s")
        samples = asyncio.run(soak(url, server.pid, ids, tokens, args.minutes * 60, args.rate))
    finally:
        server.terminate()
        server.wait(timeout=60)
        stop_neo4j(args.scale, args.seed)
    warm = [s for s in samples if s["t_s"] > WARM_UP_S]
    after_warm_up, at_end = warm[0]["rss_mb"], samples[-1]["rss_mb"]
    growth = at_end / after_warm_up - 1
    server_errors = sum(s["5xx"] for s in samples)
    result = {
        "scale": args.scale,
        "minutes": args.minutes,
        "rate": args.rate,
        "rss_after_warm_up_mb": after_warm_up,
        "rss_at_end_mb": at_end,
        "rss_growth": round(growth, 4),
        "5xx": server_errors,
        "errors": sum(s["errors"] for s in samples),
        "transport_errors": sum(s["transport_errors"] for s in samples),
        "p95_ms_median_of_windows": percentile([s["p95_ms"] for s in warm if s["p95_ms"]], 0.5),
        "passed": abs(growth) <= RSS_TOLERANCE and server_errors == 0,
        "samples": samples,
    }
    save(f"soak-{args.scale}", result)
    print(json.dumps({k: v for k, v in result.items() if k != "samples"}, indent=2))
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
