"""`serve --workers 2` on Neo4j: both processes answer, alike; a write through one is
read through the other; /metrics on either counts every worker's requests; SIGTERM
stops them all gracefully."""

from __future__ import annotations

import json
import re
import signal
import time
from pathlib import Path

import httpx

from researchgraph.server.config import Settings

from conftest import StoreFactory, serve, token
from graphs import small_graph

PROFILE = '{ researcher(id: "A1") { name counts { works citations collaborators } } }'
IS_FOLLOWING = '{ researcher(id: "A2") { viewerIsFollowing } }'
FOLLOW = 'mutation { followResearcher(id: "A2") { id } }'


def _pids(metrics: Path) -> set[str]:
    return {m.group(1) for p in metrics.glob("*.db") if (m := re.search(r"_(\d+)\.db$", p.name))}


async def test_two_workers_answer_alike_and_see_each_other_s_writes(
    neo4j_factory: StoreFactory, neo4j_settings: Settings, tmp_path: Path
) -> None:
    await neo4j_factory(small_graph())
    metrics = tmp_path / "metrics"
    metrics.mkdir()
    log = tmp_path / "server.log"
    with serve(
        neo4j_settings,
        log,
        ["--workers", "2"],
        PROMETHEUS_MULTIPROC_DIR=str(metrics),
        RESEARCHGRAPH_LOG_FORMAT="json",
        RESEARCHGRAPH_DEV="1",  # the test token's secret
    ) as server:
        # No keep-alive: each request a new connection, which either worker may take.
        limits = httpx.Limits(max_keepalive_connections=0)
        auth = {"authorization": f"Bearer {token('ann')}"}
        async with httpx.AsyncClient(base_url=server.url, limits=limits, timeout=30) as client:
            answers, sent = set(), 0
            deadline = time.monotonic() + 60
            while len(_pids(metrics)) < 2 or sent < 20:
                assert time.monotonic() < deadline, "one worker answered every request"
                response = await client.post("/graphql", json={"query": PROFILE})
                answers.add(response.text)
                sent += 1
            assert len(answers) == 1 and "errors" not in json.loads(answers.pop())

            written = await client.post("/graphql", json={"query": FOLLOW}, headers=auth)
            assert "errors" not in written.json()
            seen = [
                (await client.post("/graphql", json={"query": IS_FOLLOWING}, headers=auth)).json()
                for _ in range(20)
            ]
            assert all(s["data"]["researcher"]["viewerIsFollowing"] is True for s in seen)
            assert len(_pids(metrics)) == 2
            text = (await client.get("/metrics")).text
        served = sum(
            float(m.group(1))
            for m in re.finditer(r"^researchgraph_requests_total\{[^}]*\} (\S+)$", text, re.M)
        )
        assert served == sent + 1 + 20  # every worker's requests, counted once
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(timeout=60) in (0, -signal.SIGTERM)
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    assert [line["message"] for line in lines].count("store closed") == 2
