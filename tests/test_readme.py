"""The README's and the docs' examples run as written: every GraphQL example on the
demo data on both stores, and the schema tour's shell example against the real server."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from graphql import OperationDefinitionNode, parse

from researchgraph.graphstore.ingest.demo import demo_batch

from conftest import ApiFactory, StoreFactory, serve, token

ROOT = Path(__file__).parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_BLOCK = re.compile(r"```(graphql|sh)\n(.*?)```", re.DOTALL)
TOUR = (ROOT / "docs" / "schema-tour.md").read_text()
GRAPHQL = [
    body
    for document in DOCUMENTS
    for kind, body in _BLOCK.findall(document.read_text())
    if kind == "graphql"
]
[TOUR_SHELL] = [body for kind, body in _BLOCK.findall(TOUR) if kind == "sh"]
SIGNED_IN = "# Signed in"


def _empty_lists(value: Any, path: str = "") -> list[str]:
    """Where an answer holds an empty list: an example should show something."""
    if isinstance(value, list):
        return (
            [path]
            if not value
            else [p for i, v in enumerate(value) for p in _empty_lists(v, f"{path}.{i}")]
        )
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _empty_lists(v, f"{path}.{k}")]
    return []


def test_the_tour_has_an_example_of_each_feature() -> None:
    tour_graphql = [body for kind, body in _BLOCK.findall(TOUR) if kind == "graphql"]
    fields = (
        "groupBy",
        "searchConnection",
        "autocomplete",
        "nodes(ids",
        "related",
        "similar",
        "followers",
        "feed",
        "_entities",
    )
    for field in fields:
        assert any(field in body for body in tour_graphql), field


@pytest.mark.parametrize("example", GRAPHQL, ids=lambda body: body.split("\n")[1].strip()[:40])
async def test_graphql_examples_answer_on_the_demo(
    store_factory: StoreFactory, api_for: ApiFactory, example: str
) -> None:
    api = await api_for(await store_factory(demo_batch()))
    signed_in = example.startswith(SIGNED_IN)
    headers = {"authorization": f"Bearer {token('reader')}"} if signed_in else {}
    operations = [d for d in parse(example).definitions if isinstance(d, OperationDefinitionNode)]
    for operation in operations:
        name = operation.name.value if operation.name else None
        response = await api.client.post(
            "/graphql", json={"query": example, "operationName": name}, headers=headers
        )
        body = response.json()
        assert "errors" not in body, (name, body["errors"])
        data = body["data"]
        assert all(value is not None for value in data.values()), data
        if not signed_in:  # on the demo, every list an anonymous example reads has rows
            assert not _empty_lists(data), _empty_lists(data)


def test_the_shell_example_runs_against_the_server(tmp_path: Path) -> None:
    with serve(None, tmp_path / "server.log") as server:
        script = TOUR_SHELL.replace("http://127.0.0.1:8000", server.url)
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", script],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
    registered, answer = done.stdout.split("HTTP/1.1 ", 1)  # curl -s prints no newline
    assert '"researchers":{"edges":[{"node":{"name":' in registered
    headers = answer.lower()
    assert headers.startswith("200")
    assert "cache-control: public, max-age=60" in headers and "etag: " in headers
    assert '"researchers":{"edges":[{"node":{"name":' in answer
