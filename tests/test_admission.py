"""Admission control: beyond the running and waiting limits a request is refused at
once (503, `Retry-After`, `OVERLOADED`) while health and metrics still answer; a
request whose client left is dropped before it runs, or cancelled while it runs with
its Neo4j transaction rolled back; the request's deadline bounds the transaction."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any

import httpx
import neo4j
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.types import Message

from researchgraph.graphstore import StoreTimeout, deadline
from researchgraph.graphstore.memory import MemoryStore
from researchgraph.graphstore.neo4j import Neo4jStore
from researchgraph.graphstore.neo4j.connection import Connection, WriteWork
from researchgraph.graphstore.records import ResearcherRecord
from researchgraph.server.admission import Admission
from researchgraph.server.app import create_app
from researchgraph.server.config import Settings

from conftest import token, wipe
from graphs import small_graph

RESEARCHER = '{ researcher(id: "A1") { id } }'
FOLLOW = 'mutation { followResearcher(id: "A1") { id } }'


class HeldStore(MemoryStore):
    """Researcher reads wait until released; `asked` counts them."""

    def __init__(self) -> None:
        super().__init__()
        self.release = asyncio.Event()
        self.asked = 0

    async def researchers(self, ids: Sequence[str]) -> list[ResearcherRecord | None]:
        self.asked += 1
        await self.release.wait()
        return await super().researchers(ids)


@asynccontextmanager
async def _client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client,
    ):
        yield client


async def _held(**limits: Any) -> tuple[HeldStore, Starlette]:
    store = HeldStore()
    await store.load(small_graph())
    return store, create_app(Settings(graphiql=False, **limits), store=store)


async def _until(condition: Any, within_s: float = 5.0) -> None:
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < within_s, "condition not met in time"
        await asyncio.sleep(0.01)


async def test_a_full_server_refuses_at_once_and_still_reports_health() -> None:
    store, app = await _held(max_running=1, max_waiting=1, max_wait_s=30.0)
    async with _client(app) as client:
        running = asyncio.create_task(client.post("/graphql", json={"query": RESEARCHER}))
        await _until(lambda: store.asked == 1)
        waiting = asyncio.create_task(client.post("/graphql", json={"query": RESEARCHER}))
        await asyncio.sleep(0.05)

        refused = await client.post("/graphql", json={"query": RESEARCHER})
        assert refused.status_code == 503
        assert refused.headers["retry-after"] == "1"
        assert refused.json() == {
            "errors": [
                {
                    "message": "The server is at capacity; retry shortly.",
                    "extensions": {"code": "OVERLOADED"},
                }
            ]
        }
        assert store.asked == 1  # the refused one never ran
        assert (await client.get("/health/ready")).status_code == 200
        metrics = (await client.get("/metrics")).text
        assert 'researchgraph_requests_refused_total{reason="queue_full"}' in metrics

        store.release.set()
        for answered in await asyncio.gather(running, waiting):
            assert answered.status_code == 200
            assert answered.json()["data"] == {"researcher": {"id": "A1"}}
        assert store.asked == 2


async def test_a_request_that_waited_its_longest_is_refused() -> None:
    store, app = await _held(max_running=1, max_waiting=4, max_wait_s=0.2)
    async with _client(app) as client:
        running = asyncio.create_task(client.post("/graphql", json={"query": RESEARCHER}))
        await _until(lambda: store.asked == 1)
        started = time.monotonic()
        refused = await client.post("/graphql", json={"query": RESEARCHER})
        assert 0.2 <= time.monotonic() - started < 2
        assert refused.status_code == 503
        assert refused.json()["errors"][0]["extensions"]["code"] == "OVERLOADED"
        store.release.set()
        assert (await running).status_code == 200
        # The slot went back: the next request runs.
        assert (await client.post("/graphql", json={"query": RESEARCHER})).status_code == 200


async def _asgi_post(app: Starlette, query: str, gone: asyncio.Event) -> list[Message]:
    """A POST straight to the ASGI app whose client disconnects when `gone` is set."""
    body = json.dumps({"query": query}).encode()
    sent_body = False

    async def receive() -> Message:
        nonlocal sent_body
        if not sent_body:
            sent_body = True
            return {"type": "http.request", "body": body, "more_body": False}
        await gone.wait()
        return {"type": "http.disconnect"}

    answer: list[Message] = []

    async def send(message: Message) -> None:
        answer.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"content-type", b"application/json"), (b"host", b"t")],
        "client": ("127.0.0.1", 1234),
        "server": ("t", 80),
        "state": {},
    }
    await app(scope, receive, send)
    return answer


async def test_a_waiting_request_whose_client_left_never_runs() -> None:
    store, app = await _held(max_running=1, max_waiting=4, max_wait_s=30.0)
    async with _client(app) as client:
        running = asyncio.create_task(client.post("/graphql", json={"query": RESEARCHER}))
        await _until(lambda: store.asked == 1)
        gone = asyncio.Event()
        waiting = asyncio.create_task(_asgi_post(app, RESEARCHER, gone))
        await asyncio.sleep(0.05)
        gone.set()
        assert await asyncio.wait_for(waiting, 2) == []  # dropped: nothing sent
        store.release.set()
        assert (await running).status_code == 200
        assert store.asked == 1  # the dropped request never reached the store


async def test_a_running_request_whose_client_left_is_cancelled() -> None:
    store, app = await _held(max_running=2, max_waiting=0, max_wait_s=1.0)
    async with _client(app) as client:
        gone = asyncio.Event()
        request = asyncio.create_task(_asgi_post(app, RESEARCHER, gone))
        await _until(lambda: store.asked == 1)
        gone.set()
        assert await asyncio.wait_for(request, 2) == []
        # Its slot is free again: two more run at once (the limit) while held.
        both = [
            asyncio.create_task(client.post("/graphql", json={"query": RESEARCHER}))
            for _ in range(2)
        ]
        await _until(lambda: store.asked == 3)
        store.release.set()
        assert [r.status_code for r in await asyncio.gather(*both)] == [200, 200]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.neo4j
async def test_a_write_whose_client_left_is_rolled_back(
    neo4j_store: Neo4jStore, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over a real socket to uvicorn: the client sends a follow and hangs up once the
    statement has run, before the commit; the transaction is rolled back."""
    await wipe(neo4j_store)
    await neo4j_store.load(small_graph())
    ran, cancelled = asyncio.Event(), asyncio.Event()
    original = Connection.write

    async def held_write(self: Connection, work: WriteWork[Any], *args: Any, **kwargs: Any) -> Any:
        async def held(tx: neo4j.AsyncManagedTransaction) -> Any:
            done = await work(tx)
            ran.set()
            try:
                await asyncio.sleep(30)  # the client leaves meanwhile
            except asyncio.CancelledError:
                cancelled.set()
                raise
            return done

        return await original(self, held, *args, **kwargs)

    monkeypatch.setattr(Connection, "write", held_write)
    app = create_app(replace(neo4j_settings, graphiql=False, dev=True), store=neo4j_store)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="warning", lifespan="on"))
    serving = asyncio.create_task(server.serve())
    try:
        await _until(lambda: server.started)
        _reader, writer = await asyncio.open_connection("127.0.0.1", port)
        body = json.dumps({"query": FOLLOW}).encode()
        writer.write(
            b"POST /graphql HTTP/1.1\r\nhost: t\r\ncontent-type: application/json\r\n"
            + f"authorization: Bearer {token('leaver')}\r\n".encode()
            + f"content-length: {len(body)}\r\n\r\n".encode()
            + body
        )
        await writer.drain()
        await asyncio.wait_for(ran.wait(), 10)
        writer.close()
        await asyncio.wait_for(cancelled.wait(), 5)
    finally:
        server.should_exit = True
        await serving
    monkeypatch.undo()
    rows = await neo4j_store.connection.read(
        "MATCH (:User {id: $user})-[f:FOLLOWS]->() RETURN count(f) AS n", {"user": "leaver"}
    )
    assert rows == [{"n": 0}]


@pytest.mark.neo4j
async def test_the_request_deadline_bounds_the_neo4j_transaction(
    neo4j_settings: Settings,
) -> None:
    assert neo4j_settings.neo4j_uri is not None
    store = Neo4jStore.connect(
        neo4j_settings.neo4j_uri, neo4j_settings.neo4j_user, neo4j_settings.neo4j_password
    )
    try:
        started = time.monotonic()
        with deadline.within(0.5), pytest.raises(StoreTimeout):
            await store.connection.read(
                "UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n", {}
            )
        # Neo4j itself ended it near the request's deadline, not at the store's 10 s.
        assert time.monotonic() - started < 5
        with deadline.within(-1.0), pytest.raises(StoreTimeout):
            await store.connection.read("RETURN 1 AS n", {})
    finally:
        await store.close()


class SlowFollows(MemoryStore):
    async def follow(self, user_id: str, researcher_id: str, now_ms: int) -> bool:
        await asyncio.sleep(0.05)
        return await super().follow(user_id, researcher_id, now_ms)


async def _overloaded_follows(app: Starlette, users: int) -> tuple[list[str], list[str]]:
    """Follows by `users` users at once: (acknowledged, refused)."""
    async with _client(app) as client:

        async def follow(user: str) -> tuple[str, httpx.Response]:
            headers = {"authorization": f"Bearer {token(user)}"}
            return user, await client.post("/graphql", json={"query": FOLLOW}, headers=headers)

        answers = await asyncio.gather(*(follow(f"crowd-{n}") for n in range(users)))
        acknowledged = [u for u, r in answers if r.status_code == 200 and "errors" not in r.json()]
        refused = [
            u
            for u, r in answers
            if r.status_code == 503 and r.json()["errors"][0]["extensions"]["code"] == "OVERLOADED"
        ]
        assert len(acknowledged) + len(refused) == users  # nothing else happened
        for user in acknowledged + refused:
            checked = await client.post(
                "/graphql",
                json={"query": '{ researcher(id: "A1") { viewerIsFollowing } }'},
                headers={"authorization": f"Bearer {token(user)}"},
            )
            following = checked.json()["data"]["researcher"]["viewerIsFollowing"]
            assert following == (user in acknowledged), user
    return acknowledged, refused


LIMITS = {"max_running": 2, "max_waiting": 2, "max_wait_s": 0.05}


async def test_under_overload_a_write_is_kept_when_acknowledged_and_absent_when_refused() -> None:
    store = SlowFollows()
    await store.load(small_graph())
    acknowledged, refused = await _overloaded_follows(
        create_app(Settings(graphiql=False, **LIMITS), store=store), 30
    )
    assert acknowledged and refused


@pytest.mark.neo4j
async def test_under_overload_neo4j_writes_are_kept_when_acknowledged_and_absent_when_refused(
    neo4j_store: Neo4jStore, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    await wipe(neo4j_store)
    await neo4j_store.load(small_graph())
    original = Connection.write

    async def slow_write(self: Connection, work: WriteWork[Any], *args: Any, **kwargs: Any) -> Any:
        await asyncio.sleep(0.05)
        return await original(self, work, *args, **kwargs)

    monkeypatch.setattr(Connection, "write", slow_write)
    settings = replace(neo4j_settings, graphiql=False, dev=True, **LIMITS)
    acknowledged, refused = await _overloaded_follows(create_app(settings, store=neo4j_store), 30)
    assert acknowledged and refused


async def test_a_request_that_would_wait_too_long_is_refused_at_once() -> None:
    release = asyncio.Event()

    async def held_app(scope: Any, receive: Any, send: Any) -> None:
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    admission = Admission(held_app, limit=1, queued=10, wait_s=0.5)
    admission._service_s = 0.2  # as learned: requests lately took 0.2 s

    async def call() -> tuple[int, float]:
        answer: list[Message] = []
        started = time.monotonic()
        sent = False

        async def receive() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": b"{}", "more_body": False}
            await asyncio.Event().wait()  # the client stays
            raise AssertionError

        async def send(message: Message) -> None:
            answer.append(message)

        await admission({"type": "http"}, receive, send)
        return answer[0]["status"], time.monotonic() - started

    running = asyncio.create_task(call())
    await _until(lambda: admission.running == 1)
    waiting = asyncio.create_task(call())  # waits about 0.2 s: admitted to the queue
    await asyncio.sleep(0.01)
    status, took = await call()  # would wait about 0.4 s, over half of 0.5: refused at once
    assert status == 503 and took < 0.05
    release.set()
    assert [(await t)[0] for t in (running, waiting)] == [200, 200]
