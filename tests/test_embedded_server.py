"""`serve --data` end to end: the load says what it reads and when it is done, and
search over HTTP answers from the index what the store answers in process."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx

from researchgraph.graphstore.ingest.importer import import_files
from researchgraph.graphstore.ingest.synthetic import Scale, write
from researchgraph.graphstore.memory import MemoryStore
from researchgraph.graphstore.search import SEARCHED_KINDS, SearchRequest, terms

from conftest import serve

SEARCH = "query S($q: String!) { search(query: $q, first: 10) { kind label score node { id } } }"


def test_serve_data_loads_with_progress_and_searches_from_the_index(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write(Scale(researchers=300, works=900), seed=11, out=data)
    store = MemoryStore()
    report = asyncio.run(import_files(store, [data]))
    with serve(None, tmp_path / "server.log", ["--data", str(data)]) as server:
        for query in ("quantm", "graph learning", "lea"):
            answer = httpx.post(
                f"{server.url}/graphql", json={"query": SEARCH, "variables": {"q": query}}
            ).json()
            request = SearchRequest(terms(query), SEARCHED_KINDS, 10)
            expected = asyncio.run(store.search([request]))[0].hits
            assert [(h["node"]["id"], h["score"]) for h in answer["data"]["search"]] == [
                (h.node.id, h.score) for h in expected
            ]
            assert expected, query
    log = server.log.read_text()
    assert f"loading {data} into memory" in log
    assert f"serving {report.total} imported records from memory (loaded in " in log
