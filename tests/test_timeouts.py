"""Time limits: a slow request is answered TIMEOUT; a slow Neo4j transaction is
cancelled by the database and reported as such."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence

import httpx
import pytest

from researchgraph.graphstore import StoreTimeout
from researchgraph.graphstore.memory import MemoryStore
from researchgraph.graphstore.neo4j import Neo4jStore
from researchgraph.graphstore.records import ResearcherRecord
from researchgraph.server.app import create_app
from researchgraph.server.config import Settings

from graphs import small_graph


class SlowStore(MemoryStore):
    async def researchers(self, ids: Sequence[str]) -> list[ResearcherRecord | None]:
        await asyncio.sleep(5)
        return await super().researchers(ids)


async def test_a_slow_request_times_out() -> None:
    store = SlowStore()
    await store.load(small_graph())
    app = create_app(Settings(request_timeout_s=0.3), store=store)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client,
    ):
        started = time.monotonic()
        response = await client.post("/graphql", json={"query": '{ researcher(id: "A1") { id } }'})
        assert time.monotonic() - started < 2
    assert response.status_code == 504
    assert response.json()["errors"][0]["extensions"] == {"code": "TIMEOUT"}


async def test_neo4j_cancels_a_slow_transaction(neo4j_settings: Settings) -> None:
    assert neo4j_settings.neo4j_uri is not None
    store = Neo4jStore.connect(
        neo4j_settings.neo4j_uri,
        neo4j_settings.neo4j_user,
        neo4j_settings.neo4j_password,
        timeout_s=0.5,
    )
    try:
        started = time.monotonic()
        with pytest.raises(StoreTimeout):
            await store.connection.read(
                "UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n", {}
            )
        assert time.monotonic() - started < 10
    finally:
        await store.close()
