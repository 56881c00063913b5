"""Shared fixtures: a real Neo4j for the session (provisioned by scripts/neo4j-local
unless NEO4J_URI is set), both stores loaded with a given graph, and an HTTP client
on the ASGI app."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import httpx
import pytest

from researchgraph.graphstore import GraphStore
from researchgraph.graphstore.memory import MemoryStore
from researchgraph.graphstore.neo4j import Neo4jStore
from researchgraph.graphstore.records import GraphBatch
from researchgraph.server.app import create_app
from researchgraph.server.auth import Authenticator
from researchgraph.server.config import Settings

ROOT = Path(__file__).resolve().parent.parent
NEO4J_LOCAL = ROOT / "scripts" / "neo4j-local"

StoreFactory = Callable[[GraphBatch], Awaitable[GraphStore]]


def node_project(folder: Path) -> str:
    """Node.js for a test tool's npm folder, its packages installed from its lockfile
    (again whenever the lockfile changed)."""
    npm, node = shutil.which("npm"), shutil.which("node")
    assert npm and node, "Node.js and npm are needed for this test"
    installed = folder / "node_modules" / ".package-lock.json"
    lock = folder / "package-lock.json"
    if not installed.exists() or installed.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--silent"], cwd=folder, check=True, timeout=300
        )
    return node


def browse(script: str, *args: str, screenshot: Path) -> dict[str, Any]:
    """Runs `tests/browser/<script>` (playwright-core driving Debian's Chromium) with
    `args` and the screenshot's path; returns the JSON it prints last."""
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is needed (apt-get install chromium)"
    folder = ROOT / "tests" / "browser"
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    run = subprocess.run(
        [node_project(folder), script, *args, str(screenshot)],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={"CHROMIUM": chromium, "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 0, run.stderr
    seen: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    assert screenshot.stat().st_size > 10_000
    return seen


def start_neo4j(state: Path, port: int | None = None, password: str | None = None) -> Settings:
    """A real Neo4j on loopback with its data under `state` (scripts/neo4j-local)."""
    extra = [
        *(["--port", str(port)] if port else []),
        *([f"--password={password}"] if password else []),  # it may start with "-"
    ]
    started = subprocess.run(
        [sys.executable, str(NEO4J_LOCAL), "start", "--dir", str(state), *extra],
        capture_output=True,
        text=True,
        check=False,
    )
    if started.returncode != 0:
        pytest.fail(f"could not start Neo4j:\n{started.stderr}")
    env = dict(
        line.removeprefix("export ").split("=", 1)
        for line in started.stdout.splitlines()
        if "=" in line
    )
    return Settings(
        neo4j_uri=env["NEO4J_URI"],
        neo4j_user=env["NEO4J_USER"],
        neo4j_password=env["NEO4J_PASSWORD"],
    )


def stop_neo4j(state: Path) -> None:
    subprocess.run(
        [sys.executable, str(NEO4J_LOCAL), "stop", "--dir", str(state)],
        capture_output=True,
        check=False,
    )


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    log: Path  # its stderr: a file, so a chatty server never blocks on a full pipe

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def serve(
    neo4j: Settings | None, log: Path, serve_args: Sequence[str] = (), **env: str
) -> Iterator[Server]:
    """The real server (`researchgraph serve [serve_args]`) in a process of its own on
    Neo4j, or on the embedded store when `neo4j` is None, once ready; stopped
    (SIGTERM) on leaving unless it already exited."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from researchgraph.server.cli import main; main()",
                "serve",
                "--port",
                str(port),
                *serve_args,
            ],
            cwd=ROOT,
            env={
                **{k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")},
                **(
                    {
                        "NEO4J_URI": neo4j.neo4j_uri or "",
                        "NEO4J_USER": neo4j.neo4j_user,
                        "NEO4J_PASSWORD": neo4j.neo4j_password,
                    }
                    if neo4j
                    else {}
                ),
                **env,
            },
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        _wait_ready(port, process, log)
        yield Server(port, process, log)
    finally:
        if process.poll() is None:
            process.terminate()
        process.wait(timeout=30)


def _wait_ready(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health/ready").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail("the server did not become ready")


# What a test asks for when it needs the real Neo4j; a parameter naming the store
# (`store_factory`, the fuzz targets) asks for it by that value.
NEO4J_FIXTURES = frozenset({"neo4j_settings", "neo4j_store", "neo4j_factory"})
NEO4J_PARAM = "neo4j"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks `neo4j` every test that needs the real database, so that
    `pytest -m "not neo4j"` is a quick run on the in-memory store alone."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & NEO4J_FIXTURES or (callspec and NEO4J_PARAM in callspec.params.values()):
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    if os.environ.get("NEO4J_URI"):
        yield Settings.from_env()
        return
    state = tmp_path_factory.mktemp("neo4j")
    try:
        yield start_neo4j(state)
    finally:
        stop_neo4j(state)


@pytest.fixture(scope="session")
async def neo4j_store(neo4j_settings: Settings) -> AsyncIterator[Neo4jStore]:
    assert neo4j_settings.neo4j_uri is not None
    store = Neo4jStore.connect(
        neo4j_settings.neo4j_uri, neo4j_settings.neo4j_user, neo4j_settings.neo4j_password
    )
    await store.verify()
    await store.migrate()
    yield store
    await store.close()


async def wipe(store: Neo4jStore) -> None:
    """Empties the database in chunks (one transaction could exceed its memory cap)."""
    async with store.connection.driver.session() as session:
        result = await session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        )
        await result.consume()


@pytest.fixture
def memory_factory() -> StoreFactory:
    async def build(batch: GraphBatch) -> GraphStore:
        store = MemoryStore()
        await store.load(batch)
        return store

    return build


@pytest.fixture
def neo4j_factory(neo4j_store: Neo4jStore) -> StoreFactory:
    """Empties the shared database, then loads `batch` into it."""

    async def build(batch: GraphBatch) -> GraphStore:
        await wipe(neo4j_store)
        await neo4j_store.load(batch)
        return neo4j_store

    return build


@pytest.fixture(params=["memory", NEO4J_PARAM])
def store_factory(request: pytest.FixtureRequest) -> StoreFactory:
    """Each test using this runs once per store: the contract both must meet."""
    return request.getfixturevalue(f"{request.param}_factory")


def token(user: str) -> str:
    """A token the test app (dev mode: no Neo4j URI in its settings) accepts."""
    return Authenticator(Settings()).mint(user, minutes=10)


class Api:
    """Posts GraphQL documents to the ASGI app, as a client would."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def post(
        self, query: str, variables: dict[str, object] | None = None, user: str | None = None
    ) -> dict[str, object]:
        """As `user` (a dev-mode token for them) when given, else anonymously."""
        headers = {"authorization": f"Bearer {token(user)}"} if user else {}
        response = await self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.headers["content-type"].startswith("application/json")
        body: dict[str, object] = response.json()
        return body

    async def data(
        self, query: str, variables: dict[str, object] | None = None, user: str | None = None
    ) -> dict[str, object]:
        body = await self.post(query, variables, user)
        assert "errors" not in body, body["errors"]
        data = body["data"]
        assert isinstance(data, dict)
        return data


class ApiFactory(Protocol):
    async def __call__(self, store: GraphStore, **settings: Any) -> Api: ...


@pytest.fixture
async def api_for() -> AsyncIterator[ApiFactory]:
    """Builds an HTTP client on an app serving the given store (lifespan included)."""
    open_contexts: list[object] = []
    clients: list[httpx.AsyncClient] = []

    async def build(store: GraphStore, **settings: Any) -> Api:
        """`settings` override the test defaults (store calls exposed, no GraphiQL)."""
        defaults: dict[str, Any] = {"expose_store_calls": True, "graphiql": False}
        app = create_app(Settings(**(defaults | settings)), store=store)
        lifespan = app.router.lifespan_context(app)
        await lifespan.__aenter__()
        open_contexts.append(lifespan)
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")
        clients.append(client)
        return Api(client)

    yield build
    for client in clients:
        await client.aclose()
    for lifespan in reversed(open_contexts):
        await lifespan.__aexit__(None, None, None)  # type: ignore[attr-defined]
