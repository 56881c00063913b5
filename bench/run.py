"""The benchmark: generate and import a dataset at a named scale into a real Neo4j,
then drive the GraphQL server over HTTP at fixed concurrency with a mix of profile,
works pagination, search and graph-slice queries; beside it, the floor (bench/floor.py)
serving the same profile data from one hand-written Cypher query, measured in the
same run at the same concurrency. Prints requests/s, latency percentiles, store round
trips per request, the server's peak RSS, and the import rate.

    .venv/bin/python bench/run.py --scale small            # ~10k researchers, 40k works
    .venv/bin/python bench/run.py --scale medium           # 100k researchers, 400k works

Generated data and the imported database are kept under bench/.cache (reused when
the scale and seed match); `--fresh` rebuilds them."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from researchgraph.graphstore.ingest.synthetic import GENERATED_FIRST_ID

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
RESULTS = ROOT / "bench" / "results"
BIN = Path(sys.executable).parent

SCALES = {
    "tiny": (2_000, 8_000),
    "small": (10_000, 40_000),
    "medium": (100_000, 400_000),
    # As above, with a quarter of the works on one hub topic and in one hub venue.
    "small-skewed": (10_000, 40_000),
    "medium-skewed": (100_000, 400_000),
}
SKEW = {"small-skewed": 0.25, "medium-skewed": 0.25}

sys.path.insert(0, str(ROOT / "tests"))
# The full page, and what the floor's one Cypher query returns, asked through GraphQL.
from queries import CORE_PROFILE as PROFILE_CORE  # noqa: E402
from queries import PROFILE  # noqa: E402

WORKS_PAGE = """
query Page($id: ID!, $after: String) { researcher(id: $id) {
  works(first: 20, after: $after, orderBy: CITATIONS_DESC) {
    pageInfo { hasNextPage endCursor } edges { node { id title year citationCount } } } } }
"""
SEARCH = "query S($q: String!) { search(query: $q, first: 10) { kind label score node { id } } }"
SLICE = """
query G($id: ID!) { graphSlice(center: $id, depth: 2, limit: 100) {
  truncated nodes { id kind label weight } edges { source target kind weight } } }
"""
SEARCH_WORDS = [
    "graph",
    "neural",
    "protein",
    "quantum",
    "climate",
    "causal",
    "speech",
    "battery",
    "reef",
    "urban",
    "learning",
    "privacy",
    "transcriptomics",
    "lok",
    "sampling",
    "benchmark",
    "ven",
    "quin",
    "dynamics",
    "evaluation",
]


def sample_researchers(
    prolific: list[str], total: int, count: int, rng: random.Random
) -> list[str]:
    """`prolific` (the most prolific tenth) and random others of the `total` generated
    researchers, `count` in all, shuffled: the same list for every system measured."""
    anyone = rng.sample([f"A{GENERATED_FIRST_ID + i}" for i in range(total)], count - len(prolific))
    researchers = list(dict.fromkeys(prolific + anyone))
    rng.shuffle(researchers)
    return researchers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


@dataclass
class Sample:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    store_calls: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    errors: int = 0
    seconds: float = 0.0

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values())


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def drive(url: str, concurrency: int, seconds: float, operation: Any, seed: int) -> Sample:
    sample = Sample()
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:

        async def worker(n: int) -> None:
            rng = random.Random(seed * 1000 + n)
            while time.monotonic() < deadline:
                await operation(client, rng, sample)

        started = time.monotonic()
        await asyncio.gather(*(worker(n) for n in range(concurrency)))
        sample.seconds = time.monotonic() - started
    return sample


async def timed(
    client: httpx.AsyncClient, path: str, body: dict[str, Any], name: str, sample: Sample
) -> dict[str, Any]:
    started = time.perf_counter()
    response = await client.post(path, json=body)
    sample.latencies[name].append((time.perf_counter() - started) * 1000)
    data: dict[str, Any] = response.json()
    if response.status_code != 200 or data.get("errors"):
        sample.errors += 1
    if "storeCalls" in data.get("extensions", {}):
        sample.store_calls[name].add(data["extensions"]["storeCalls"])
    return data


def mixed(ids: list[str]) -> Any:
    async def operation(client: httpx.AsyncClient, rng: random.Random, sample: Sample) -> None:
        roll = rng.random()
        researcher = rng.choice(ids)
        if roll < 0.45:
            await timed(
                client,
                "/graphql",
                {"query": PROFILE, "variables": {"id": researcher}},
                "profile",
                sample,
            )
        elif roll < 0.70:
            first = await timed(
                client,
                "/graphql",
                {"query": WORKS_PAGE, "variables": {"id": researcher}},
                "works page",
                sample,
            )
            info = (
                ((first.get("data") or {}).get("researcher") or {})
                .get("works", {})
                .get("pageInfo", {})
            )
            if info.get("hasNextPage"):
                await timed(
                    client,
                    "/graphql",
                    {
                        "query": WORKS_PAGE,
                        "variables": {"id": researcher, "after": info["endCursor"]},
                    },
                    "works page",
                    sample,
                )
        elif roll < 0.85:
            words = " ".join(rng.sample(SEARCH_WORDS, rng.randint(1, 2)))
            await timed(
                client, "/graphql", {"query": SEARCH, "variables": {"q": words}}, "search", sample
            )
        else:
            await timed(
                client,
                "/graphql",
                {"query": SLICE, "variables": {"id": researcher}},
                "graph slice",
                sample,
            )

    return operation


def core_profile(ids: list[str], floor: bool) -> Any:
    async def operation(client: httpx.AsyncClient, rng: random.Random, sample: Sample) -> None:
        researcher = rng.choice(ids)
        if floor:
            await timed(client, "/profile", {"id": researcher}, "profile (core)", sample)
        else:
            await timed(
                client,
                "/graphql",
                {"query": PROFILE_CORE, "variables": {"id": researcher}},
                "profile (core)",
                sample,
            )

    return operation


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wait_ready(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


def report(title: str, sample: Sample) -> dict[str, Any]:
    rows = {}
    print(
        f"\n{title}: {sample.requests} requests in {sample.seconds:.1f}s = "
        f"{sample.requests / sample.seconds:.1f} req/s, errors {sample.errors}"
    )
    print(f"  {'operation':<16}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}  store calls")
    for name, values in sorted(sample.latencies.items()):
        calls = sorted(sample.store_calls.get(name, set()))
        shown = f"{calls[0]}-{calls[-1]}" if calls else "-"
        print(
            f"  {name:<16}{len(values):>7}{statistics.median(values):>9.1f}"
            f"{percentile(values, 0.95):>9.1f}{percentile(values, 0.99):>9.1f}  {shown}"
        )
        rows[name] = {
            "count": len(values),
            "p50": statistics.median(values),
            "p95": percentile(values, 0.95),
            "p99": percentile(values, 0.99),
            "store_calls": calls,
        }
    return {
        "requests_per_second": sample.requests / sample.seconds,
        "errors": sample.errors,
        "operations": rows,
    }


def save(name: str, result: dict[str, Any]) -> Path:
    """`result` as bench/results/<name>-<time>.json."""
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(result, indent=2))
    return out


def dataset(scale: str, seed: int) -> str:
    """The cache name of a generated dataset: a new id range is a new dataset."""
    return f"{scale}-seed{seed}-from{GENERATED_FIRST_ID}"


def generated(scale: str, seed: int) -> Path:
    """The generated dataset of `scale` (made once, then kept under bench/.cache)."""
    researchers, works = SCALES[scale]
    data = CACHE / dataset(scale, seed)
    if not (data / "done").exists():
        log(f"generating {researchers:,} researchers / {works:,} works")
        started = time.monotonic()
        subprocess.run(
            [
                str(BIN / "researchgraph"),
                "generate",
                "--researchers",
                str(researchers),
                "--works",
                str(works),
                "--seed",
                str(seed),
                "--out",
                str(data),
                "--force",  # a run stopped half-way left files, but no `done`
                "--skew",
                str(SKEW.get(scale, 0.0)),
            ],
            check=True,
        )
        (data / "done").write_text(f"{time.monotonic() - started:.1f}\n")
    return data


def start_neo4j(state: Path) -> dict[str, str]:
    """A Neo4j with the benchmarks' memory (2 GB heap and page cache) on `state`; its
    NEO4J_* settings."""
    started = subprocess.run(
        [
            str(ROOT / "scripts" / "neo4j-local"),
            "start",
            "--dir",
            str(state),
            "--heap",
            "2g",
            "--pagecache-mb",
            "2048",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(line.removeprefix("export ").split("=", 1) for line in started.stdout.splitlines())


def prepare(
    scale: str, seed: int, fresh: bool, bulk: bool = False
) -> tuple[dict[str, str], dict[str, Any]]:
    """Generated data and an imported, running Neo4j; returns its env and import facts.
    With `bulk`, a first import goes through Neo4j's offline importer (minutes, not
    the transactional import's quarter of an hour at `medium`)."""
    researchers, works = SCALES[scale]
    data = CACHE / dataset(scale, seed)
    state = CACHE / f"neo4j-{dataset(scale, seed)}"
    if fresh:
        shutil.rmtree(data, ignore_errors=True)
        subprocess.run(
            [str(ROOT / "scripts" / "neo4j-local"), "stop", "--dir", str(state)], check=False
        )
        shutil.rmtree(state, ignore_errors=True)
    facts: dict[str, Any] = {"researchers": researchers, "works": works}
    generated(scale, seed)
    imported = state / "imported.json"
    if bulk and not imported.exists():
        log("importing with the offline importer")
        t0 = time.monotonic()
        subprocess.run(
            [str(BIN / "researchgraph"), "import", "--bulk", str(data), "--neo4j-dir", str(state)],
            check=True,
        )
        seconds = time.monotonic() - t0
        imported.write_text(json.dumps({"seconds": seconds, "works_per_second": works / seconds}))
    env = start_neo4j(state)
    if not imported.exists():
        log("importing (the measured path)")
        t0 = time.monotonic()
        subprocess.run(
            [str(BIN / "researchgraph"), "import", str(data), "--log-every", "30"],
            check=True,
            env={**os.environ, **env},
        )
        seconds = time.monotonic() - t0
        imported.write_text(json.dumps({"seconds": seconds, "works_per_second": works / seconds}))
    facts["import"] = json.loads(imported.read_text())
    counts = subprocess.run(
        [
            sys.executable,
            "-c",
            "import asyncio, neo4j, os\n"
            "async def m():\n"
            "  d = neo4j.AsyncGraphDatabase.driver(os.environ['NEO4J_URI'], auth=(os.environ['NEO4J_USER'], os.environ['NEO4J_PASSWORD']))\n"
            "  r = await d.execute_query('MATCH ()-[a:AUTHORED]->() RETURN count(a) AS n')\n"
            "  print(r.records[0]['n']); await d.close()\n"
            "asyncio.run(m())",
        ],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    facts["authorships"] = int(counts.stdout.strip())
    return env, facts


def stop_neo4j(scale: str, seed: int) -> None:
    """Stops the database `prepare` started (its data stays for the next run)."""
    subprocess.run(
        [
            str(ROOT / "scripts" / "neo4j-local"),
            "stop",
            "--dir",
            str(CACHE / f"neo4j-{dataset(scale, seed)}"),
        ],
        check=False,
        capture_output=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0, help="per load phase")
    parser.add_argument("--fresh", action="store_true", help="regenerate and reimport")
    args = parser.parse_args()

    env, facts = prepare(args.scale, args.seed, args.fresh)
    server_port, floor_port = free_port(), free_port()
    # The per-client budget is policy, not speed: off, so the load client runs flat out.
    server_env = {
        **os.environ,
        **env,
        "RESEARCHGRAPH_EXPOSE_STORE_CALLS": "1",
        "RESEARCHGRAPH_RATE_LIMIT": "0",
    }
    server = subprocess.Popen(
        [str(BIN / "researchgraph"), "serve", "--port", str(server_port)],
        env=server_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    floor = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "floor.py"), str(floor_port)],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_ready(f"http://127.0.0.1:{server_port}/health")
        server_url, floor_url = f"http://127.0.0.1:{server_port}", f"http://127.0.0.1:{floor_port}"
        top = httpx.post(
            f"{server_url}/graphql",
            json={"query": "{ researchers(first: 50) { edges { node { id } } } }"},
            timeout=60,
        ).json()
        rng = random.Random(args.seed)
        prolific = [e["node"]["id"] for e in top["data"]["researchers"]["edges"]]
        anyone = [
            f"A{GENERATED_FIRST_ID + rng.randrange(facts['researchers'])}" for _ in range(450)
        ]
        ids = prolific + anyone  # a tenth from the most prolific, the rest anyone
        wait_ready(f"{floor_url}/health", timeout=30)
        asyncio.run(drive(server_url, args.concurrency, 5, mixed(ids), seed=99))  # warm-up
        asyncio.run(drive(floor_url, args.concurrency, 3, core_profile(ids, floor=True), seed=99))
        log(f"load: {args.concurrency} concurrent clients, {args.seconds:.0f}s per phase")
        mix = asyncio.run(drive(server_url, args.concurrency, args.seconds, mixed(ids), args.seed))
        core = asyncio.run(
            drive(
                server_url,
                args.concurrency,
                args.seconds,
                core_profile(ids, floor=False),
                args.seed,
            )
        )
        base = asyncio.run(
            drive(
                floor_url, args.concurrency, args.seconds, core_profile(ids, floor=True), args.seed
            )
        )
        rss = peak_rss_mb(server.pid)
    finally:
        server.terminate()
        floor.terminate()
        server.wait(timeout=30)
        floor.wait(timeout=30)
        stop_neo4j(args.scale, args.seed)

    print(
        f"\nmachine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        f"scale: {args.scale} = {facts['researchers']:,} researchers, {facts['works']:,} works, "
        f"{facts['authorships']:,} authorships; import {facts['import']['seconds']:.0f}s = "
        f"{facts['import']['works_per_second']:,.0f} works/s"
    )
    results = {
        "scale": args.scale,
        "facts": facts,
        "concurrency": args.concurrency,
        "mix": report("GraphQL server, mixed load", mix),
        "core": report("GraphQL server, profile (core) only", core),
        "floor": report("Floor (one Cypher query, bare Starlette), profile (core) only", base),
        "server_peak_rss_mb": rss,
    }
    ratio = results["core"]["requests_per_second"] / results["floor"]["requests_per_second"]
    results["ratio_to_floor"] = ratio
    print(f"\nGraphQL / floor throughput on the same profile data: {ratio:.2f}")
    print(f"server peak RSS: {rss:.0f} MiB")
    out = save(args.scale, results)
    log(f"results written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
