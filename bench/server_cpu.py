"""The server's own CPU per request, without HTTP or a load generator: the ASGI app
called in-process by `--concurrency` loops over the core profile document (the
researchers of bench/compare.py) on the dataset of bench/run.py, with the share of
the cycle collector. For comparing server-side changes: run it with each checkout's
interpreter in turn, alternating (the machine is noisy), and compare medians;
bench/compare.py measures the whole system against the peer.

    .venv/bin/python bench/server_cpu.py --scale small
    /path/to/other/checkout/.venv/bin/python bench/server_cpu.py --scale small
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

import orjson
import uvloop
from starlette.types import ASGIApp, Message

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from run import SCALES, log, prepare, sample_researchers

from queries import CORE_PROFILE


async def post(app: ASGIApp, body: bytes) -> dict[str, Any]:
    """One POST /graphql through the whole ASGI stack, as uvicorn would call it."""
    sent: list[Message] = []
    received = False

    async def receive() -> Message:
        nonlocal received
        if received:  # the server listens for a disconnect only after the body
            await asyncio.Event().wait()
        received = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"bench"), *headers],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    await app(scope, receive, send)
    answer: dict[str, Any] = orjson.loads(b"".join(m.get("body", b"") for m in sent[1:]))
    if sent[0]["status"] != 200 or "errors" in answer:
        raise SystemExit(f"request failed: {sent[0]['status']} {str(answer)[:300]}")
    return answer


class CollectorTime:
    """Milliseconds the cycle collector ran, by generation, while counting."""

    def __init__(self) -> None:
        self.ms = [0.0, 0.0, 0.0]
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.ms[info["generation"]] += (time.perf_counter() - self._started) * 1000


async def measure(app: ASGIApp, bodies: list[bytes], concurrency: int, requests: int) -> None:
    served = 0

    async def client(count: int) -> None:
        nonlocal served
        for _ in range(count):
            await post(app, bodies[served % len(bodies)])
            served += 1

    await asyncio.gather(*(client(len(bodies) // concurrency) for _ in range(concurrency)))
    served, collector = 0, CollectorTime()
    gc.callbacks.append(collector)
    cpu, wall = time.process_time(), time.perf_counter()
    await asyncio.gather(*(client(requests // concurrency) for _ in range(concurrency)))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    gc.callbacks.remove(collector)
    print(
        f"{served} requests, {concurrency} concurrent: CPU {cpu * 1000 / served:.3f} ms/request"
        f" (wall {wall * 1000 / served:.3f}); cycle collector {sum(collector.ms) / served:.3f}"
        f" ms/request (by generation {', '.join(f'{ms / served:.3f}' for ms in collector.ms)})"
    )


async def main(args: argparse.Namespace, researchers: int) -> None:
    from researchgraph.server.app import create_app
    from researchgraph.server.config import Settings

    app = create_app(Settings.from_env())
    async with app.router.lifespan_context(app):
        top = await post(
            app,
            orjson.dumps(
                {
                    "query": f"{{ researchers(first: {args.researchers // 10}) {{ edges {{ node {{ id }} }} }} }}"
                }
            ),
        )
        prolific = [e["node"]["id"] for e in top["data"]["researchers"]["edges"]]
        ids = sample_researchers(prolific, researchers, args.researchers, random.Random(args.seed))
        bodies = [orjson.dumps({"query": CORE_PROFILE, "variables": {"id": i}}) for i in ids]
        await measure(app, bodies, args.concurrency, args.requests)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--researchers", type=int, default=485)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--requests", type=int, default=4000)
    arguments = parser.parse_args()
    env, facts = prepare(arguments.scale, arguments.seed, fresh=False)
    # The per-client budget is policy, not speed; the request log would go to stderr.
    os.environ.update(env, RESEARCHGRAPH_RATE_LIMIT="0")
    log(f"core profile, in-process, {arguments.scale}")
    uvloop.run(main(arguments, facts["researchers"]))
