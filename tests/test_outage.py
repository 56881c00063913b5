"""Neo4j stopped and restarted under a stream of reads and writes: requests fail fast
and coded while it is gone, readiness follows it, the server recovers on its own,
and every acknowledged write survives."""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest

from researchgraph.graphstore.neo4j import Neo4jStore
from researchgraph.server.app import create_app

from conftest import start_neo4j, stop_neo4j, token
from graphs import small_graph
from queries import PROFILE

# Each test starts a Neo4j of its own, to take it away.
pytestmark = pytest.mark.neo4j

FOLLOW = 'mutation { followResearcher(id: "A1") { id } }'
IS_FOLLOWING = '{ researcher(id: "A1") { viewerIsFollowing } }'
# Codes a client may see while the database is away: nothing internal.
OUTAGE_CODES = {"SERVICE_UNAVAILABLE", "TIMEOUT"}


@dataclass
class Outcome:
    kind: str
    started: float
    seconds: float
    status: int
    codes: list[str]
    messages: list[str]

    @property
    def ok(self) -> bool:
        return self.status == 200 and not self.codes


async def _post(
    client: httpx.AsyncClient, kind: str, query: str, user: str | None = None
) -> Outcome:
    headers = {"authorization": f"Bearer {token(user)}"} if user else {}
    started = time.monotonic()
    response = await client.post(
        "/graphql", json={"query": query, "variables": {"id": "A1"}}, headers=headers
    )
    errors = response.json().get("errors") or []
    return Outcome(
        kind,
        started,
        time.monotonic() - started,
        response.status_code,
        [e["extensions"]["code"] for e in errors],
        [e["message"] for e in errors],
    )


async def _until_ready(client: httpx.AsyncClient, within_s: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < within_s:
        if (await client.get("/health/ready")).status_code == 200:
            return time.monotonic() - started
        await asyncio.sleep(0.1)
    raise AssertionError(f"not ready within {within_s}s")


async def test_neo4j_restart_under_load(tmp_path: Path) -> None:
    state = tmp_path / "neo4j"
    try:
        await _restart_under_load(state)
    finally:
        await asyncio.to_thread(stop_neo4j, state)


async def _restart_under_load(state: Path) -> None:
    settings = replace(
        await asyncio.to_thread(start_neo4j, state), graphiql=False, neo4j_timeout_s=5.0, dev=True
    )
    port = urlparse(settings.neo4j_uri).port
    assert settings.neo4j_uri and port
    seed = Neo4jStore.connect(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password)
    await seed.migrate()
    await seed.load(small_graph())
    await seed.close()

    app = create_app(settings)
    outcomes: list[Outcome] = []
    acknowledged: list[str] = []
    streaming = True
    restarted = False
    served_after_restart = asyncio.Event()

    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            await _until_ready(client, 30)

            async def reads() -> None:
                while streaming:
                    outcome = await _post(client, "read", PROFILE)
                    outcomes.append(outcome)
                    if restarted and outcome.ok:
                        served_after_restart.set()
                    await asyncio.sleep(0.02)

            async def writes() -> None:
                n = 0
                while streaming:
                    user = f"writer-{n}"
                    n += 1
                    outcome = await _post(client, "write", FOLLOW, user)
                    outcomes.append(outcome)
                    if outcome.ok:
                        acknowledged.append(user)
                    await asyncio.sleep(0.05)

            load = [asyncio.create_task(reads()) for _ in range(2)]
            load.append(asyncio.create_task(writes()))
            try:
                await asyncio.sleep(2)
                stopping_at = time.monotonic()
                await asyncio.to_thread(stop_neo4j, state)
                stopped_at = time.monotonic()
                await asyncio.sleep(3)
                unready = await client.get("/health/ready")
                restarting_at = time.monotonic()
                await asyncio.to_thread(
                    start_neo4j, state, port=port, password=settings.neo4j_password
                )
                back_at = time.monotonic()
                restarted = True
                recovered_in = await _until_ready(client, 30)
                await asyncio.wait_for(served_after_restart.wait(), 30)
                await asyncio.sleep(1)
            finally:
                streaming = False
                await asyncio.gather(*load)

            assert unready.status_code == 503
            before = [o for o in outcomes if o.started + o.seconds < stopping_at]
            during = [o for o in outcomes if stopped_at <= o.started < restarting_at]
            after = [o for o in outcomes if o.started >= back_at]
            assert before and all(o.ok for o in before)
            # While it is gone: coded, never internal, and fast (no pile-up).
            assert during and all(not o.ok for o in during)
            for outcome in outcomes:
                assert outcome.status < 500, outcome
                assert set(outcome.codes) <= OUTAGE_CODES, outcome
                assert not any("neo4j" in m.lower() for m in outcome.messages), outcome
            assert statistics.median(o.seconds for o in during) < 1.0
            assert max(o.seconds for o in during) < 6.0
            # Back on its own, within seconds.
            first_read = min(o.started + o.seconds for o in after if o.ok and o.kind == "read")
            assert first_read - back_at < 10 and recovered_in < 10
            print(
                f"\noutage: {len(during)} requests failed fast (median "
                f"{statistics.median(o.seconds for o in during) * 1000:.0f} ms); first read "
                f"served {first_read - back_at:.2f} s after Neo4j answered; ready after "
                f"{recovered_in:.2f} s; {len(acknowledged)} writes acknowledged"
            )
            # Every acknowledged write is there.
            assert acknowledged
            for user in acknowledged:
                checked = await client.post(
                    "/graphql",
                    json={"query": IS_FOLLOWING},
                    headers={"authorization": f"Bearer {token(user)}"},
                )
                assert checked.json()["data"]["researcher"]["viewerIsFollowing"], user
