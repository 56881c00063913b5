"""Parity: the demo dataset answers identically on the in-memory store and Neo4j."""

from __future__ import annotations

import pytest

from researchgraph.graphstore.ingest.demo import DEMO_RESEARCHER_ID, demo_batch

from conftest import ApiFactory, StoreFactory
from queries import PROFILE

DEEP = """
query Deep($id: ID!) {
  graphSlice(center: $id, depth: 2, limit: 150) { truncated nodes { id kind label weight } edges { source target kind weight } }
  researchers(first: 25, orderBy: CITATIONS_DESC) { totalCount edges { cursor node { id name } } }
}
"""


@pytest.fixture(scope="module")
def demo():  # type: ignore[no-untyped-def]
    return demo_batch()


@pytest.mark.parametrize(
    "researcher_id", [DEMO_RESEARCHER_ID, "A9000000002", "A9000000050", "A9000000400"]
)
async def test_profile_is_identical_on_both_stores(
    demo,
    memory_factory: StoreFactory,
    neo4j_factory: StoreFactory,
    api_for: ApiFactory,
    researcher_id: str,
) -> None:  # type: ignore[no-untyped-def]
    memory = await api_for(await memory_factory(demo))
    neo4j = await api_for(await neo4j_factory(demo))
    for query in (PROFILE, DEEP):
        on_memory = await memory.post(query, {"id": researcher_id})
        on_neo4j = await neo4j.post(query, {"id": researcher_id})
        assert "errors" not in on_memory, on_memory
        assert on_memory["data"] == on_neo4j["data"]
    assert on_memory["data"]["graphSlice"]["nodes"]  # type: ignore[index]
