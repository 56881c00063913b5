"""Liveness and readiness, with the database down and up."""

from __future__ import annotations

import asyncio
import socket
import time

import httpx
import neo4j
import pytest
from neo4j.exceptions import ServiceUnavailable

from researchgraph.graphstore.neo4j.migrations import MIGRATIONS
from researchgraph.server.app import create_app
from researchgraph.server.config import Settings


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _client_for(settings: Settings) -> tuple[object, httpx.AsyncClient]:
    app = create_app(settings)
    lifespan = app.router.lifespan_context(app)
    await lifespan.__aenter__()
    return lifespan, httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


async def test_starts_with_the_database_down_and_says_so() -> None:
    settings = Settings(neo4j_uri=f"bolt://127.0.0.1:{_closed_port()}", neo4j_password="x")
    lifespan, client = await _client_for(settings)
    try:
        assert (await client.get("/health/live")).status_code == 200
        ready = await client.get("/health/ready")
        assert ready.status_code == 503 and ready.json()["status"] == "unavailable"
        started = time.monotonic()
        body = (
            await client.post("/graphql", json={"query": '{ researcher(id: "A1") { id } }'})
        ).json()
        assert body["errors"][0]["extensions"] == {"code": "SERVICE_UNAVAILABLE"}
        assert "bolt://" not in body["errors"][0]["message"]  # no internals
        assert time.monotonic() - started < 5
    finally:
        await client.aclose()
        await lifespan.__aexit__(None, None, None)  # type: ignore[attr-defined]


async def test_ready_once_the_database_answers(neo4j_settings: Settings) -> None:
    lifespan, client = await _client_for(neo4j_settings)
    try:
        assert (await client.get("/health/live")).status_code == 200
        for _ in range(100):
            if (await client.get("/health/ready")).status_code == 200:
                break
            await asyncio.sleep(0.1)
        assert (await client.get("/health/ready")).json() == {"status": "ready", "store": "neo4j"}
    finally:
        await client.aclose()
        await lifespan.__aexit__(None, None, None)  # type: ignore[attr-defined]


async def test_ready_after_a_migration_that_failed_once(
    neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database going away mid-migration is retried like any unavailability, not
    left to end the task that makes the server ready."""
    execute_query = neo4j.AsyncDriver.execute_query
    failed: list[str] = []

    async def fails_once(
        driver: neo4j.AsyncDriver, query: str, *args: object, **kw: object
    ) -> object:
        if not failed:
            failed.append(query)
            raise ServiceUnavailable("gone for a moment")
        return await execute_query(driver, query, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(neo4j.AsyncDriver, "execute_query", fails_once)
    lifespan, client = await _client_for(neo4j_settings)
    try:
        for _ in range(100):
            if (await client.get("/health/ready")).status_code == 200:
                break
            await asyncio.sleep(0.1)
        assert (await client.get("/health/ready")).json() == {"status": "ready", "store": "neo4j"}
        assert failed == [MIGRATIONS[0]]
    finally:
        await client.aclose()
        await lifespan.__aexit__(None, None, None)  # type: ignore[attr-defined]
