"""GraphiQL works offline: the page and its scripts come from the server itself
(built from pinned npm packages), and a real browser, headless Debian Chromium
driven by playwright-core, runs a query through it against Neo4j."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from researchgraph.server.config import Settings

from conftest import ROOT, StoreFactory, browse, serve
from graphs import small_graph

SCREENSHOT = ROOT / "build" / "test-output" / "graphiql.png"


@pytest.mark.tools
async def test_page_and_assets_come_from_the_server(
    neo4j_factory: StoreFactory, neo4j_settings: Settings, tmp_path: Path
) -> None:
    await neo4j_factory(small_graph())
    with serve(neo4j_settings, tmp_path / "server.log", RESEARCHGRAPH_DEV="1") as server:
        async with httpx.AsyncClient(base_url=server.url) as client:
            page = await client.get("/graphql", headers={"accept": "text/html"})
            assert page.headers["content-type"].startswith("text/html")
            assert 'href="/explore/A9000000001"' in page.text  # the explorer, one click away
            links = re.findall(r'(?:src|href)="([^"]+)"', page.text)
            assets = [link for link in links if link != "/explore/A9000000001"]
            assert assets and all(a.startswith("/graphiql/assets/") for a in assets), assets
            for asset in assets:
                assert (await client.get(asset)).status_code == 200, asset

        seen = browse(
            "graphiql.mjs",
            f"{server.url}/graphql",
            '{ researcher(id: "A1") { name works(first: 2) { totalCount } } }',
            "Ada Example",
            screenshot=SCREENSHOT,
        )
        assert "Ada Example" in seen["response"] and '"totalCount": 3' in seen["response"]
        assert seen["outside"] == [], "GraphiQL reached outside the server"
        assert "Show GraphiQL Explorer" in seen["sidebar"]
        # Every request GraphiQL made to the API succeeded (its schema introspection too).
        assert not [e for e in seen["failures"] if "/graphql" in e], seen["failures"]


@pytest.mark.parametrize("setting", [{"graphiql": False}, {"introspection": False}])
async def test_no_page_when_off(setting: dict[str, bool]) -> None:
    from researchgraph.graphstore.memory import MemoryStore
    from researchgraph.server.app import create_app

    app = create_app(Settings(**setting), store=MemoryStore())
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client,
    ):
        page = await client.get("/graphql", headers={"accept": "text/html"})
        assert "text/html" not in page.headers.get("content-type", "")
