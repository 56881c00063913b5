"""A spike, as users send it: open-loop load (a fixed arrival rate, whatever the
answers' speed) at 1x, 2x and 4x what the server sustains, on the core profile page.

    .venv/bin/python bench/overload.py --scale small
    .venv/bin/python bench/overload.py --scale small --workers 2 --no-peer

For each system, one at a time on the same Neo4j: its capacity (wrk, 8 connections,
closed loop), then for each multiple a `vegeta attack` at that multiple of the
capacity for `--seconds` with a 10 s client timeout, then one request every 100 ms
for 3 s to see how soon a lone request is served at normal speed again. It reports
goodput (answers 200 per second, as a fraction of capacity), p50/p99 of answered
requests, refusals (503) and their p99 latency, client timeouts, the server's RSS
growth, the first lone request's latency after the spike, and the cores the server,
Neo4j and vegeta kept busy during the attack (they share the machine's two). Systems: researchgraph
as configured (admission control on), `unguarded` (the same with
`RESEARCHGRAPH_MAX_RUNNING=0`: no admission control) and the peer (@neo4j/graphql).
Needs `wrk` and `vegeta` (`go install github.com/tsenart/vegeta/v12@latest`)."""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from compare import graphql_body, neo4j_pid, peer_folder, rss_mb, run_wrk, started
from run import (
    BIN,
    CACHE,
    SCALES,
    dataset,
    free_port,
    log,
    percentile,
    prepare,
    sample_researchers,
    save,
    wait_ready,
)

from queries import CORE_PROFILE

VEGETA = shutil.which("vegeta") or str(Path.home() / "go" / "bin" / "vegeta")
CLIENT_TIMEOUT_S = 10
WARM_UP_RUNS = 24
MIN_WARM_UP_RUNS = 12


def researchers_of(url: str, total: int, count: int, rng: random.Random) -> list[str]:
    """Researchers to ask for: the most prolific tenth and others, shuffled."""
    with httpx.Client(timeout=60) as client:
        found = client.post(
            f"{url}/graphql",
            json={
                "query": f"{{ researchers(first: {count // 10}) {{ edges {{ node {{ id }} }} }} }}"
            },
        ).json()
    prolific = [e["node"]["id"] for e in found["data"]["researchers"]["edges"]]
    return sample_researchers(prolific, total, count, rng)


def vegeta_targets(path: Path, url: str, bodies: list[dict[str, Any]]) -> None:
    header = {"Content-Type": ["application/json"], "Accept": ["application/json"]}
    with path.open("w") as out:
        for body in bodies:
            encoded = base64.b64encode(json.dumps(body).encode()).decode()
            target = {"method": "POST", "url": url, "body": encoded, "header": header}
            out.write(json.dumps(target) + "\n")


def attack(targets: Path, rate: int, seconds: int) -> tuple[list[dict[str, Any]], float]:
    """Each request's result: `code` (0: no answer in time), `latency` (ns); and the
    CPU seconds vegeta spent (it shares the cores with the server and Neo4j)."""
    with tempfile.TemporaryFile() as out:
        attacker = subprocess.Popen(
            [
                VEGETA,
                "attack",
                "-format=json",
                f"-targets={targets}",
                f"-rate={rate}/s",
                f"-duration={seconds}s",
                f"-timeout={CLIENT_TIMEOUT_S}s",
                "-keepalive=true",
            ],
            stdout=out,
        )
        _, status, usage = os.wait4(attacker.pid, 0)
        attacker.returncode = os.waitstatus_to_exitcode(status)
        if attacker.returncode != 0:
            raise RuntimeError(f"vegeta attack exited {attacker.returncode}")
        out.seek(0)
        encoded = subprocess.run(
            [VEGETA, "encode", "-to=json"], stdin=out, capture_output=True, check=True
        )
    results = [json.loads(line) for line in encoded.stdout.splitlines() if line.strip()]
    return results, usage.ru_utime + usage.ru_stime


def _children(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in children.read_text().split()] if children.exists() else []


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (`serve --workers`' processes)."""
    return rss_mb(pid) + sum(tree_rss_mb(kid) for kid in _children(pid))


def tree_cpu_s(pid: int) -> float:
    """CPU seconds (user and system) a process and its children have used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK") + sum(tree_cpu_s(kid) for kid in _children(pid))


def after_spike(url: str, body: dict[str, Any]) -> list[float]:
    """Milliseconds of one request every 100 ms for 3 s, right after the spike."""
    latencies = []
    with httpx.Client(timeout=30) as client:
        for _ in range(30):
            started_at = time.perf_counter()
            client.post(f"{url}/graphql", json=body)
            latencies.append((time.perf_counter() - started_at) * 1000)
            time.sleep(0.1)
    return latencies


def summary(results: list[dict[str, Any]], seconds: int, capacity: float) -> dict[str, Any]:
    ok = [r["latency"] / 1e6 for r in results if r["code"] == 200]
    refused = [r["latency"] / 1e6 for r in results if r["code"] == 503]
    return {
        "sent": len(results),
        "goodput_per_s": round(len(ok) / seconds, 1),
        "goodput_x_capacity": round(len(ok) / seconds / capacity, 2),
        "answered_share": round(len(ok) / max(1, len(results)), 3),
        "answered_p50_ms": round(percentile(ok, 0.5), 1) if ok else None,
        "answered_p99_ms": round(percentile(ok, 0.99), 1) if ok else None,
        "refused": len(refused),
        "refused_p99_ms": round(percentile(refused, 0.99), 2) if refused else None,
        "timed_out": sum(1 for r in results if r["code"] == 0),
        "other": sum(1 for r in results if r["code"] not in (0, 200, 503)),
    }


def measure(
    name: str,
    url: str,
    pid: int,
    database_pid: int,
    bodies: list[dict[str, Any]],
    multiples: list[float],
    seconds: int,
    scratch: Path,
) -> dict[str, Any]:
    lines = scratch / f"{name}.jsonl"
    lines.write_text("\n".join(json.dumps(b) for b in bodies) + "\n")
    # Warm-up (JIT, query plans, page cache), at least a minute and until two runs
    # agree within a tenth: a freshly started Neo4j served 59 req/s after one 5 s
    # run, 96 after two, 130 after some minutes.
    previous = 0.0
    for run in range(WARM_UP_RUNS):
        warm = run_wrk(url, "/graphql", lines, 8, 5)
        rate = warm["requests"] / warm["seconds"]
        if run >= MIN_WARM_UP_RUNS and abs(rate - previous) <= 0.1 * previous:
            break
        previous = rate
    closed = run_wrk(url, "/graphql", lines, 8, 10)
    capacity = closed["requests"] / closed["seconds"]
    log(f"{name}: capacity {capacity:.0f} req/s (wrk c=8)")
    targets = scratch / f"{name}.targets"
    vegeta_targets(targets, f"{url}/graphql", bodies)
    out: dict[str, Any] = {"capacity_per_s": round(capacity, 1), "runs": {}}
    for multiple in multiples:
        rss_before, cpu_before = tree_rss_mb(pid), tree_cpu_s(pid)
        database_before = tree_cpu_s(database_pid)
        results, attacker_cpu_s = attack(targets, max(1, round(capacity * multiple)), seconds)
        rss_after, server_cpu_s = tree_rss_mb(pid), tree_cpu_s(pid) - cpu_before
        database_cpu_s = tree_cpu_s(database_pid) - database_before
        lone = after_spike(url, bodies[0])
        run = summary(results, seconds, capacity)
        run["rss_growth"] = round(rss_after / rss_before - 1, 3)
        # Cores busy, of the machine's two: where a spike's CPU went.
        run["server_cores"] = round(server_cpu_s / seconds, 2)
        run["vegeta_cores"] = round(attacker_cpu_s / seconds, 2)
        run["neo4j_cores"] = round(database_cpu_s / seconds, 2)
        run["first_after_ms"] = round(lone[0], 1)
        run["after_p50_ms"] = round(statistics.median(lone), 1)
        out["runs"][f"{multiple:g}x"] = run
        log(f"{name} {multiple:g}x: {run}")
        time.sleep(5)  # let the system settle
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=int, default=30, help="per attack")
    parser.add_argument("--multiples", type=float, nargs="+", default=[1, 2, 4])
    parser.add_argument("--workers", type=int, default=1, help="`serve --workers`")
    parser.add_argument("--researchers", type=int, default=400)
    parser.add_argument("--no-peer", action="store_true", help="without @neo4j/graphql")
    parser.add_argument("--no-unguarded", action="store_true", help="without the unguarded run")
    args = parser.parse_args()
    for tool in ("wrk", VEGETA):
        if not shutil.which(tool):
            sys.exit(f"bench/overload.py needs {tool} (see its docstring)")

    env, facts = prepare(args.scale, args.seed, fresh=False, bulk=True)
    base = {**os.environ, **env, "RESEARCHGRAPH_RATE_LIMIT": "0"}
    serve = [str(BIN / "researchgraph"), "serve", "--workers", str(args.workers)]
    systems: dict[str, tuple[list[str], dict[str, str], Path | None, str]] = {
        "researchgraph": (serve, base, None, CORE_PROFILE),
    }
    if not args.no_unguarded:
        systems["unguarded"] = (
            serve,
            {**base, "RESEARCHGRAPH_MAX_RUNNING": "0"},
            None,
            CORE_PROFILE,
        )
    if not args.no_peer:
        folder = peer_folder()
        document = (folder / "profile.graphql").read_text()
        systems["peer"] = (["node", "server.mjs"], base, folder, document)

    results: dict[str, Any] = {"scale": args.scale, "workers": args.workers, "systems": {}}
    with tempfile.TemporaryDirectory() as scratch:
        researchers: list[str] = []
        for name, (command, system_env, cwd, document) in systems.items():
            port = free_port()
            is_peer = cwd is not None
            full = command if is_peer else [*command, "--port", str(port)]
            run_env = {**system_env, "PORT": str(port)} if is_peer else system_env
            with started(full, run_env, cwd or Path.cwd()) as process:
                url = f"http://127.0.0.1:{port}"
                wait_ready(
                    f"{url}/graphql?query=%7B__typename%7D" if is_peer else f"{url}/health/ready"
                )
                if not researchers:
                    researchers = researchers_of(
                        url, facts["researchers"], args.researchers, random.Random(args.seed)
                    )
                body: Callable[[str], dict[str, Any]] = graphql_body(document)
                results["systems"][name] = measure(
                    name,
                    url,
                    process.pid,
                    neo4j_pid(CACHE / f"neo4j-{dataset(args.scale, args.seed)}"),
                    [body(r) for r in researchers],
                    args.multiples,
                    args.seconds,
                    Path(scratch),
                )
    path = save(f"overload-{args.scale}-w{args.workers}", results)
    log(f"wrote {path}")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
