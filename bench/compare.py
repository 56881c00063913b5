"""Side by side on one Neo4j: researchgraph, the floor (bench/floor.py: one hand-written
Cypher query, no GraphQL) and the peer (@neo4j/graphql 7 on graphql-yoga, from
../shared/peers/neo4j-graphql), each one process, asked for the same content by the
same fixed, shuffled list of researchers.

    .venv/bin/python bench/compare.py --scale small            # 10k researchers, 40k works
    .venv/bin/python bench/compare.py --scale medium --rounds 1

Before timing it checks that the three answer the same data for every researcher
(shapes normalised: the peer nests `edges { properties node }`, the floor returns flat
lists). Then `wrk` (one thread, a Lua script cycling the request bodies) drives each
system in turn for `--seconds`, for each document and concurrency, the systems
interleaved within each round. It prints requests/s, p50/p95 latency, CPU per
request of the server process and of Neo4j, peak RSS, store round trips per request
(ours), and the ratios, and writes them to bench/results/compare-*.json.

Documents: `core` (PROFILE_CORE: the profile page without its slice; peer
profile.graphql, floor /profile), `walk` (an analyst's walk; peer deep.graphql), and,
ours alone, `page` (the full profile page with its depth-1 slice) and `slice2` (a
depth-2 slice of 100 nodes)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from run import (
    BIN,
    CACHE,
    ROOT,
    SCALES,
    dataset,
    free_port,
    log,
    prepare,
    sample_researchers,
    save,
    wait_ready,
)

from queries import CORE_PROFILE, PROFILE, WALK

PEER_SOURCE = ROOT.parent / "shared" / "peers" / "neo4j-graphql"
SLICE2 = """
query G($id: ID!) { graphSlice(center: $id, depth: 2, limit: 100) {
  truncated nodes { id kind label weight } edges { source target kind weight } } }
"""

# wrk drives one system: cycles the bodies, reports percentiles in microseconds.
WRK_SCRIPT = """
local bodies, i = {}, 0
for line in io.lines(os.getenv("BODIES")) do bodies[#bodies + 1] = line end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
request = function()
  i = i % #bodies + 1
  return wrk.format(nil, os.getenv("TARGET_PATH"), nil, bodies[i])
end
done = function(summary, latency, requests)
  io.stderr:write(string.format(
    '{"requests": %d, "seconds": %f, "non2xx": %d, "socket_errors": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d}\\n',
    summary.requests, summary.duration / 1e6, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


@dataclass
class System:
    name: str
    url: str
    process: subprocess.Popen[bytes]
    # document -> (path, body per researcher)
    bodies: dict[str, tuple[str, Callable[[str], dict[str, Any]]]] = field(default_factory=dict)


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its threads so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int, key: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def neo4j_pid(state: Path) -> int:
    """From the `instance` file scripts/neo4j-local writes (pid=, port=, password=)."""
    facts = dict(line.split("=", 1) for line in (state / "instance").read_text().split())
    return int(facts["pid"])


def peer_folder() -> Path:
    """The peer, copied out of shared/ (read-only there) and installed from its lockfile."""
    folder = CACHE / "peer"
    if not (folder / "node_modules").exists():
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(PEER_SOURCE, folder, ignore=shutil.ignore_patterns("node_modules"))
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=folder, check=True)
    return folder


# --- the same content in each system's shape


def _years(value: Any) -> list[int]:
    return list(value or [])


def ours_core(data: dict[str, Any]) -> dict[str, Any]:
    r = data["researcher"]
    return {
        "header": [r["id"], r["name"], r["orcid"], r["summary"], bool(r["openToCollaborate"])],
        "affiliations": [[a["institution"], _years(a["years"])] for a in r["affiliations"]],
        "counts": [r["counts"]["works"], r["counts"]["citations"]],
        "works": [
            {
                **{k: v for k, v in e["node"].items() if k not in {"authors", "topics"}},
                "authors": [[a["position"], a["researcher"]] for a in e["node"]["authors"]],
                "topics": [[t["topic"], t["score"]] for t in e["node"]["topics"]],
            }
            for e in r["works"]["edges"]
        ],
        "topics": r["topics"],
        "close": r["closeCollaborators"],
    }


def peer_core(data: dict[str, Any]) -> dict[str, Any]:
    r = data["researchers"][0]
    aggregate = r["counts"]["aggregate"]
    return {
        "header": [r["id"], r["name"], r["orcid"], r["summary"], bool(r["openToCollaborate"])],
        "affiliations": [
            [e["node"], _years(e["properties"]["years"])]
            for e in r["affiliationsConnection"]["edges"]
        ],
        "counts": [aggregate["count"]["nodes"], aggregate["node"]["citationCount"]["sum"] or 0],
        "works": [
            {
                **{
                    k: v
                    for k, v in e["node"].items()
                    if k not in {"authorsConnection", "topicsConnection"}
                },
                "authors": [
                    [a["properties"]["position"], a["node"]]
                    for a in e["node"]["authorsConnection"]["edges"]
                ],
                "topics": [
                    [t["node"], t["properties"]["score"]]
                    for t in e["node"]["topicsConnection"]["edges"]
                ],
            }
            for e in r["works"]["edges"]
        ],
        "topics": r["topTopics"],
        "close": r["closeCollaborators"],
    }


def floor_core(data: dict[str, Any]) -> dict[str, Any]:
    r = data["researcher"]
    return {
        "header": [r["id"], r["name"], r["orcid"], r["summary"], bool(r["openToCollaborate"])],
        "affiliations": [[a["institution"], _years(a["years"])] for a in data["affiliations"]],
        "counts": [data["works"], data["citations"]],
        "works": [
            {
                **{k: v for k, v in w.items() if k not in {"authors", "topics", "venue"}},
                "venue": w["venue"],
                "authors": sorted(
                    ([a["position"], a["researcher"]] for a in w["authors"]),
                    key=lambda a: (a[0], a[1]["id"]),
                ),
                "topics": sorted(
                    ([t["topic"], t["score"]] for t in w["topics"]),
                    key=lambda t: (-(t[1] or 0.0), t[0]["id"]),
                ),
            }
            for w in data["page"]
        ],
        "topics": data["topics"],
        "close": data["close"],
    }


def ours_walk(data: dict[str, Any]) -> list[Any]:
    return [
        [
            e["node"]["id"],
            e["node"]["title"],
            e["node"]["year"],
            [
                [
                    a["position"],
                    a["researcher"]["id"],
                    [w["node"]["id"] for w in a["researcher"]["works"]["edges"]],
                ]
                for a in e["node"]["authors"]
            ],
        ]
        for e in data["researcher"]["works"]["edges"]
    ]


def peer_walk(data: dict[str, Any]) -> list[Any]:
    return [
        [
            e["node"]["id"],
            e["node"]["title"],
            e["node"]["year"],
            [
                [
                    a["properties"]["position"],
                    a["node"]["id"],
                    [w["node"]["id"] for w in a["node"]["works"]["edges"]],
                ]
                for a in e["node"]["authorsConnection"]["edges"]
            ],
        ]
        for e in data["researchers"][0]["works"]["edges"]
    ]


def graphql_body(document: str) -> Callable[[str], dict[str, Any]]:
    return lambda researcher: {"query": document, "variables": {"id": researcher}}


def verify(systems: list[System], researchers: list[str]) -> dict[str, int]:
    """Same data for every researcher, per document both peers serve; mismatches."""
    shapes = {
        ("researchgraph", "core"): ours_core,
        ("peer", "core"): peer_core,
        ("floor", "core"): floor_core,
        ("researchgraph", "walk"): ours_walk,
        ("baseline", "core"): ours_core,
        ("baseline", "walk"): ours_walk,
        ("peer", "walk"): peer_walk,
    }
    mismatches: dict[str, int] = {}
    with httpx.Client(timeout=60) as client:
        for document in ("core", "walk"):
            answering = [s for s in systems if document in s.bodies]
            if len(answering) < 2:
                continue
            mismatches[document] = 0
            for researcher in researchers:
                seen = []
                for system in answering:
                    path, body = system.bodies[document]
                    answer = client.post(system.url + path, json=body(researcher)).json()
                    assert not answer.get("errors"), (system.name, answer["errors"])
                    seen.append(shapes[(system.name, document)](answer["data"]))
                if any(s != seen[0] for s in seen[1:]):
                    mismatches[document] += 1
                    if mismatches[document] == 1:
                        log(f"{document}: answers differ for {researcher}")
    return mismatches


def store_calls(system: System, researchers: list[str]) -> dict[str, list[int]]:
    """Store round trips per request, per document (min and max over researchers)."""
    found: dict[str, list[int]] = {}
    with httpx.Client(timeout=60) as client:
        for document, (path, body) in system.bodies.items():
            calls = [
                client.post(system.url + path, json=body(r)).json()["extensions"]["storeCalls"]
                for r in researchers
            ]
            found[document] = [min(calls), max(calls)]
    return found


def run_wrk(url: str, path: str, bodies: Path, concurrency: int, seconds: float) -> dict[str, Any]:
    script = CACHE / "cycle.lua"
    script.write_text(WRK_SCRIPT)
    done = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{concurrency}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "-s",
            str(script),
            url,
        ],
        env={**os.environ, "BODIES": str(bodies), "TARGET_PATH": path},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stderr.strip().splitlines()[-1])


@contextmanager
def started(
    command: list[str], env: dict[str, str], cwd: Path = ROOT
) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=25, help="per wrk run")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--documents", nargs="+", default=["core", "walk", "page", "slice2"])
    parser.add_argument("--researchers", type=int, default=485)
    parser.add_argument("--no-peer", action="store_true", help="without @neo4j/graphql")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="a `researchgraph` executable of an earlier commit, measured beside this one",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench/compare.py needs wrk (Debian: apt-get install wrk)")

    env, facts = prepare(args.scale, args.seed, fresh=False)
    state = CACHE / f"neo4j-{dataset(args.scale, args.seed)}"
    base = {**os.environ, **env}
    rng = random.Random(args.seed)
    # The most prolific tenth and random others, shuffled, the same for every system.
    with (
        httpx.Client(timeout=60) as client,
        started(
            [str(BIN / "researchgraph"), "serve", "--port", str(port := free_port())],
            {**base, "RESEARCHGRAPH_RATE_LIMIT": "0"},
        ),
    ):
        wait_ready(f"http://127.0.0.1:{port}/health/ready")
        top = client.post(
            f"http://127.0.0.1:{port}/graphql",
            json={
                "query": f"{{ researchers(first: {args.researchers // 10}) {{ edges {{ node {{ id }} }} }} }}"
            },
        ).json()
    prolific = [e["node"]["id"] for e in top["data"]["researchers"]["edges"]]
    researchers = sample_researchers(prolific, facts["researchers"], args.researchers, rng)

    ports = {"researchgraph": free_port(), "floor": free_port(), "peer": free_port()}
    commands = {
        "researchgraph": (
            [str(BIN / "researchgraph"), "serve", "--port", str(ports["researchgraph"])],
            {**base, "RESEARCHGRAPH_RATE_LIMIT": "0", "RESEARCHGRAPH_EXPOSE_STORE_CALLS": "1"},
            ROOT,
        ),
        "floor": (
            [sys.executable, str(ROOT / "bench" / "floor.py"), str(ports["floor"])],
            base,
            ROOT,
        ),
    }
    if not args.no_peer:
        if not PEER_SOURCE.exists():
            sys.exit(f"no peer at {PEER_SOURCE} (--no-peer runs without it)")
        folder = peer_folder()
        commands["peer"] = (["node", "server.mjs"], {**base, "PORT": str(ports["peer"])}, folder)
    if args.baseline:
        ports["baseline"] = free_port()
        commands["baseline"] = (
            [str(args.baseline), "serve", "--port", str(ports["baseline"])],
            {**base, "RESEARCHGRAPH_RATE_LIMIT": "0", "RESEARCHGRAPH_EXPOSE_STORE_CALLS": "1"},
            args.baseline.resolve().parent.parent.parent,
        )

    with ExitStack() as running:
        ours = running.enter_context(started(*commands["researchgraph"]))
        floor = running.enter_context(started(*commands["floor"]))
        peer = running.enter_context(started(*commands["peer"])) if "peer" in commands else None
        baseline = running.enter_context(started(*commands["baseline"])) if args.baseline else None
        systems = [
            System(
                "researchgraph",
                f"http://127.0.0.1:{ports['researchgraph']}",
                ours,
                {
                    "core": ("/graphql", graphql_body(CORE_PROFILE)),
                    "walk": ("/graphql", graphql_body(WALK)),
                    "page": ("/graphql", graphql_body(PROFILE)),
                    "slice2": ("/graphql", graphql_body(SLICE2)),
                },
            ),
            System(
                "floor",
                f"http://127.0.0.1:{ports['floor']}",
                floor,
                {
                    "core": ("/profile", lambda r: {"id": r}),
                },
            ),
        ]
        wait_ready(f"{systems[0].url}/health/ready")
        wait_ready(f"{systems[1].url}/health")
        if peer is not None:
            peer_system = System(
                "peer",
                f"http://127.0.0.1:{ports['peer']}",
                peer,
                {
                    "core": ("/graphql", graphql_body((folder / "profile.graphql").read_text())),
                    "walk": ("/graphql", graphql_body((folder / "deep.graphql").read_text())),
                },
            )
            wait_ready(f"{peer_system.url}/graphql?query=%7B__typename%7D")
            systems.append(peer_system)
        if baseline is not None:
            before = System(
                "baseline", f"http://127.0.0.1:{ports['baseline']}", baseline, systems[0].bodies
            )
            wait_ready(f"{before.url}/health/ready")
            systems.insert(1, before)
        for system in systems:
            system.bodies = {d: b for d, b in system.bodies.items() if d in args.documents}

        log(f"checking answers for {len(researchers)} researchers")
        mismatches = verify(systems, researchers)
        log(f"mismatched answers: {mismatches}")
        calls = {
            s.name: store_calls(s, researchers)
            for s in systems
            if s.name in {"researchgraph", "baseline"}
        }
        log(f"store round trips per request: {calls}")

        database = neo4j_pid(state)
        samples: dict[str, list[dict[str, Any]]] = {}
        with tempfile.TemporaryDirectory() as scratch:
            files: dict[tuple[str, str], Path] = {}
            for system in systems:
                for document, (_, body) in system.bodies.items():
                    path = Path(scratch) / f"{system.name}-{document}.jsonl"
                    path.write_text("\n".join(json.dumps(body(r)) for r in researchers) + "\n")
                    files[(system.name, document)] = path
            for system in systems:  # warm-up: JIT, query plans, page cache
                for document, (path, _) in system.bodies.items():
                    run_wrk(system.url, path, files[(system.name, document)], 8, 5)
            for round_number in range(args.rounds):
                for document in args.documents:
                    for concurrency in args.concurrency:
                        answering = [s for s in systems if document in s.bodies]
                        shift = round_number % len(answering)
                        for system in answering[shift:] + answering[:shift]:
                            path, _ = system.bodies[document]
                            cpu0, db0 = cpu_seconds(system.process.pid), cpu_seconds(database)
                            result = run_wrk(
                                system.url,
                                path,
                                files[(system.name, document)],
                                concurrency,
                                args.seconds,
                            )
                            result["cpu_ms_per_request"] = (
                                (cpu_seconds(system.process.pid) - cpu0)
                                * 1000
                                / max(result["requests"], 1)
                            )
                            result["neo4j_cpu_ms_per_request"] = (
                                (cpu_seconds(database) - db0) * 1000 / max(result["requests"], 1)
                            )
                            result["rss_mb"] = rss_mb(system.process.pid)
                            key = f"{document} c={concurrency} {system.name}"
                            samples.setdefault(key, []).append(result)
                            log(
                                f"round {round_number + 1}: {key}: "
                                f"{result['requests'] / result['seconds']:.1f} req/s, "
                                f"p50 {result['p50_us'] / 1000:.1f} ms"
                            )
        peaks = {s.name: rss_mb(s.process.pid, "VmHWM") for s in systems}

    rows = {}
    print(
        f"\nmachine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        f"scale: {args.scale} = {facts['researchers']:,} researchers, {facts['works']:,} works, "
        f"{facts['authorships']:,} authorships; {len(researchers)} researchers cycled; "
        f"{args.rounds} interleaved rounds of {args.seconds:.0f} s; wrk -t1"
    )
    print(f"answers compared before timing, mismatches: {mismatches}")
    print(f"store round trips per request (researchgraph, min-max): {calls}\n")
    print(
        f"{'run':<32}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'cpu ms/req':>12}{'neo4j ms/req':>14}{'errors':>8}"
    )
    for key, runs in samples.items():
        row = {
            "req_per_s": statistics.median(r["requests"] / r["seconds"] for r in runs),
            "p50_ms": statistics.median(r["p50_us"] for r in runs) / 1000,
            "p95_ms": statistics.median(r["p95_us"] for r in runs) / 1000,
            "cpu_ms_per_request": statistics.median(r["cpu_ms_per_request"] for r in runs),
            "neo4j_cpu_ms_per_request": statistics.median(
                r["neo4j_cpu_ms_per_request"] for r in runs
            ),
            "errors": sum(r["non2xx"] + r["socket_errors"] for r in runs),
            "runs": runs,
        }
        rows[key] = row
        print(
            f"{key:<32}{row['req_per_s']:>8.1f}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}"
            f"{row['cpu_ms_per_request']:>12.2f}{row['neo4j_cpu_ms_per_request']:>14.2f}{row['errors']:>8}"
        )
    print("\nratios of medians (researchgraph / other):")
    ratios = {}
    for document in args.documents:
        for concurrency in args.concurrency:
            ours_row = rows.get(f"{document} c={concurrency} researchgraph")
            for other in ("peer", "floor", "baseline"):
                theirs = rows.get(f"{document} c={concurrency} {other}")
                if ours_row and theirs:
                    ratio = ours_row["req_per_s"] / theirs["req_per_s"]
                    ratios[f"{document} c={concurrency} / {other}"] = ratio
                    print(f"  {document} c={concurrency}: throughput x{ratio:.2f} of the {other}")
    print(f"\npeak RSS MiB: {', '.join(f'{k} {v:.0f}' for k, v in peaks.items())}")
    out = save(
        f"compare-{args.scale}",
        {
            "scale": args.scale,
            "facts": facts,
            "researchers": len(researchers),
            "mismatches": mismatches,
            "store_calls": calls,
            "rows": rows,
            "ratios": ratios,
            "peak_rss_mb": peaks,
        },
    )
    log(f"results written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
