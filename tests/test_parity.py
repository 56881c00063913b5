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

# Every facet of a researcher's works (and of the works on their first topic), and
# their co-authors by institution.
FACETS = """
query Facets($id: ID!) {
  researcher(id: $id) {
    works(first: 0) {
      year: groupBy(by: YEAR, first: 100) { key label count citations }
      type: groupBy(by: TYPE) { key label count citations }
      topic: groupBy(by: TOPIC, first: 100) { key label count citations }
      venue: groupBy(by: VENUE) { key label count citations }
      institution: groupBy(by: INSTITUTION, first: 100) { key label count citations }
      author: groupBy(by: AUTHOR, first: 100) { key label count citations }
    }
    collaboratorsByInstitution(first: 100) { key label count citations }
    topics(first: 1) { topic { works(first: 0) { groupBy(by: AUTHOR, first: 50) { key count citations } } } }
  }
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
    answers = {}
    for query in (PROFILE, DEEP, FACETS):
        on_memory = await memory.post(query, {"id": researcher_id})
        on_neo4j = await neo4j.post(query, {"id": researcher_id})
        assert "errors" not in on_memory, on_memory
        assert on_memory["data"] == on_neo4j["data"]
        answers[query] = on_memory["data"]
    assert answers[DEEP]["graphSlice"]["nodes"]  # type: ignore[index]
    assert answers[FACETS]["researcher"]["works"]["author"]  # type: ignore[index]
