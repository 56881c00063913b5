"""The schema is an Apollo Federation v2 subgraph; entities resolve in batches."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from researchgraph.server.config import Settings

from conftest import ApiFactory, StoreFactory, node_project, serve
from graphs import small_graph

FEDERATION = Path(__file__).parent / "federation"


async def test_shared_value_types_are_shareable(
    memory_factory: StoreFactory, api_for: ApiFactory
) -> None:
    """Types other subgraphs define too compose only when every definition is
    @shareable; fields that answer per viewer carry @tag(name: "personal") so a
    contract can leave them out."""
    api = await api_for(await memory_factory(small_graph()))
    sdl = str((await api.data("{ _service { sdl } }"))["_service"]["sdl"])  # type: ignore[index]
    for value_type in (
        "PageInfo",
        "WorkConnection",
        "WorkEdge",
        "ResearcherConnection",
        "GraphSlice",
        "GraphNode",
        "GraphEdge",
        "FacetBucket",
        "SearchConnection",
    ):
        assert f"type {value_type} @shareable" in sdl, value_type
    for personal in ("viewer: Viewer", "viewerCan: ViewerCan!", "viewerIsFollowing: Boolean!"):
        assert f'{personal} @tag(name: "personal")' in sdl, personal


async def test_sdl_declares_every_entity_key(
    memory_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await memory_factory(small_graph()))
    sdl = (await api.data("{ _service { sdl } }"))["_service"]["sdl"]  # type: ignore[index]
    assert '@link(url: "https://specs.apollo.dev/federation/v2' in sdl
    for entity in ("Researcher", "Work", "Topic", "Institution", "Source"):
        assert f'type {entity} implements Node @key(fields: "id")' in sdl


async def test_entities_resolve_in_one_batch(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    body = await api.post(
        """query($r: [_Any!]!) { _entities(representations: $r) {
             ... on Researcher { id name } ... on Work { id title } ... on Topic { id name } } }""",
        {
            "r": [
                {"__typename": "Researcher", "id": "A1"},
                {"__typename": "Researcher", "id": "A2"},
                {"__typename": "Researcher", "id": "A3"},
                {"__typename": "Work", "id": "W2"},
                {"__typename": "Topic", "id": "T9"},
            ]
        },
    )
    assert body["data"] == {
        "_entities": [
            {"id": "A1", "name": "Ada Example"},
            {"id": "A2", "name": "Bo Example"},
            {"id": "A3", "name": "Cy Example"},
            {"id": "W2", "title": "Second"},
            None,
        ]
    }
    # researchers, works, topics: one batch each
    assert body["extensions"]["storeCalls"] == 3  # type: ignore[index]


async def test_malformed_representations_are_coded_per_entry(
    memory_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await memory_factory(small_graph()))
    query = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Researcher { id } } }"
    body = await api.post(
        query,
        {
            "r": [
                {"__typename": "Researcher", "id": "A1"},
                {"id": "A1"},
                "A1",
                {"__typename": "Nope", "id": "A1"},
                {"__typename": "Researcher"},
            ]
        },
    )
    assert body["data"] == {"_entities": [{"id": "A1"}, None, None, None, None]}
    errors = body["errors"]
    assert [e["path"] for e in errors] == [["_entities", i] for i in (1, 2, 3, 4)]  # type: ignore[union-attr]
    assert {e["extensions"]["code"] for e in errors} == {"BAD_USER_INPUT"}  # type: ignore[union-attr]
    many = await api.post(query, {"r": [{"__typename": "Researcher", "id": "A1"}] * 1001})
    assert many["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"  # type: ignore[index]
    assert many["extensions"]["storeCalls"] == 0  # type: ignore[index]


@pytest.mark.tools
async def test_subgraph_composes_with_another(
    memory_factory: StoreFactory, api_for: ApiFactory, tmp_path: Path
) -> None:
    """Apollo's own composition (npm `@apollo/composition`, run with Node) accepts our
    SDL beside a subgraph that extends Researcher and Work by key."""
    api = await api_for(await memory_factory(small_graph()))
    sdl = (await api.data("{ _service { sdl } }"))["_service"]["sdl"]  # type: ignore[index]
    ours = tmp_path / "researchgraph.graphql"
    ours.write_text(str(sdl))
    node = node_project(FEDERATION)
    done = subprocess.run(
        [node, "compose.mjs", str(ours)],
        cwd=FEDERATION,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["ok"], result.get("errors")
    assert result["supergraphBytes"] > len(str(sdl))


@pytest.mark.tools
async def test_a_gateway_resolves_our_entities_end_to_end(
    neo4j_factory: StoreFactory, neo4j_settings: Settings, tmp_path: Path
) -> None:
    """Apollo Gateway (npm, run with Node) over our live server on Neo4j and a
    "reviews" subgraph whose reviews point at our Researcher and Work by key: the
    gateway must fetch those through our `_entities` (names, works and titles live
    only with us)."""
    await neo4j_factory(small_graph())
    node = node_project(FEDERATION)
    with serve(neo4j_settings, tmp_path / "server.log") as server:
        done = subprocess.run(
            [node, "gateway.mjs", f"{server.url}/graphql"],
            cwd=FEDERATION,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {
        "data": {
            "latestReviews": [
                {
                    "body": "Careful and clear.",
                    "author": {
                        "name": "Ada Example",
                        "reviewCount": 1,
                        "works": {"totalCount": 3, "pageInfo": {"hasNextPage": True}},
                    },
                    "about": {
                        "title": "First",
                        "year": 2020,
                        "reviews": [{"body": "Careful and clear."}],
                    },
                }
            ],
            # Their PageInfo and ours, side by side in one supergraph.
            "reviewsPage": {
                "pageInfo": {"hasNextPage": False, "endCursor": "R1"},
                "edges": [{"node": {"about": {"title": "First"}}}],
            },
            "researcher": {
                "works": {
                    "pageInfo": {"hasNextPage": True},
                    "edges": [{"node": {"id": "W3", "reviews": []}}],
                }
            },
        }
    }
