"""The full explorer at /explore/{id}: the product's example page in headless Debian
Chromium, served from the server's own files, on both stores."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from researchgraph.graphstore.ingest.importer import import_files
from researchgraph.graphstore.records import GraphBatch
from researchgraph.server.config import Settings

from conftest import ROOT, StoreFactory, browse, serve
from product_page import AUTHOR_ID, openalex_works

OUTPUT = ROOT / "build" / "test-output"
SLICE = """query($id: ID!) { graphSlice(center: $id, depth: 1, limit: 150) {
  nodes { id } } }"""


@pytest.fixture
def product_records(tmp_path: Path) -> Path:
    path = tmp_path / "works-product-page.jsonl"
    path.write_text("".join(json.dumps(w) + "\n" for w in openalex_works()))
    return path


async def _explore(base_url: str, screenshot: Path) -> None:
    async with httpx.AsyncClient(base_url=base_url) as client:
        page = await client.get(f"/explore/{AUTHOR_ID}")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        sliced = (
            await client.post("/graphql", json={"query": SLICE, "variables": {"id": AUTHOR_ID}})
        ).json()
    expected_nodes = len(sliced["data"]["graphSlice"]["nodes"])

    seen = browse("explorer.mjs", f"{base_url}/explore/{AUTHOR_ID}", screenshot=screenshot)
    assert seen["name"] == "Rong Jin"
    assert seen["trust"] == "Trust 21 - Emerging"
    panel = str(seen["text"])
    for shown in (
        "Affiliation not imported",
        "Verification L1",
        "Unclaimed author",
        "Claim this author entity first to unlock direct invitations.",
    ):
        assert shown in panel
    assert str(seen["counts"]).split() == [
        "29",
        "works",
        "0",
        "followers",
        "7",
        "topics",
        "4",
        "close",
        "collaborators",
    ]
    assert "Log in to follow" in panel and "Log in to claim" in panel
    assert panel.count("\nCode\n") + panel.endswith("\nCode") == 9  # the works' code links
    assert seen["nodes"] == expected_nodes
    assert seen["expanded"] > seen["nodes"]  # type: ignore[operator]  # merged, not replaced
    assert seen["worksShown"] == 0
    assert seen["outside"] == [], "the explorer reached outside the server"
    assert seen["consoleErrors"] == [] and seen["failures"] == []


@pytest.mark.tools
async def test_the_explorer_on_the_embedded_store(product_records: Path, tmp_path: Path) -> None:
    with serve(None, tmp_path / "server.log", ["--data", str(product_records)]) as server:
        await _explore(server.url, OUTPUT / "explorer-memory.png")


@pytest.mark.tools
async def test_the_explorer_on_neo4j(
    neo4j_factory: StoreFactory, neo4j_settings: Settings, product_records: Path, tmp_path: Path
) -> None:
    store = await neo4j_factory(GraphBatch())
    await import_files(store, [product_records])
    with serve(neo4j_settings, tmp_path / "server.log") as server:
        await _explore(server.url, OUTPUT / "explorer-neo4j.png")
