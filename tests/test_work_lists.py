"""The declared lists of works (`graphstore.model`): every one served by a schema field,
each field's pages, counts and facets equal to a brute-force walk of the graph on both
stores, a root's page of works in one round trip, and a broken declaration refused at
import."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from researchgraph.graphstore.model import (
    ABOUT,
    AUTHORED,
    FOLLOWS,
    WORK_LISTS,
    SpecError,
    WorkList,
    WorkListSpec,
    check,
    into,
    out,
)
from researchgraph.graphstore.records import GraphBatch, WorkRecord
from researchgraph.resolvers.plan_marks import WORKS_LIST
from researchgraph.resolvers.strawberry_internals import metadata
from researchgraph.schema import build_schema

from conftest import ApiFactory, StoreFactory
from graphs import merged, prolific_graph, small_graph


def graph() -> GraphBatch:
    return merged(small_graph(), prolific_graph(40, 5, "A100", base=1000))


def expected_works(batch: GraphBatch, owner_field: str, owner: str) -> list[WorkRecord]:
    """The works of a source (`venue`) or an institution (`institution`), by walking
    every record: most cited first, then by id, from 2010 on."""
    if owner_field == "venue":
        ids = {w.id for w in batch.works if w.venue_id == owner}
    else:
        ids = {a.work_id for a in batch.authorships if owner in a.institution_ids}
    works = [w for w in batch.works if w.id in ids and w.year is not None and w.year >= 2010]
    return sorted(works, key=lambda w: (-w.citation_count, w.id))


PAGE = """
query Page($id: ID!, $after: String) {
  OWNER(id: $id) {
    works(first: 7, after: $after, orderBy: CITATIONS_DESC, filter: {yearFrom: 2010}) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id citationCount } }
      groupBy(by: YEAR, first: 30) { key count citations }
    }
  }
}
"""


@pytest.mark.parametrize(
    ("root", "owner_field", "owner"),
    [
        ("source", "venue", "S100"),
        ("source", "venue", "S1"),
        ("institution", "institution", "I100"),
        ("institution", "institution", "I1"),
    ],
)
async def test_pages_counts_and_facets_match_a_walk(
    store_factory: StoreFactory, api_for: ApiFactory, root: str, owner_field: str, owner: str
) -> None:
    batch = graph()
    api = await api_for(await store_factory(batch))
    expected = expected_works(batch, owner_field, owner)
    seen: list[str] = []
    after = None
    while True:
        data = await api.data(PAGE.replace("OWNER", root), {"id": owner, "after": after})
        works: Any = data[root]["works"]  # type: ignore[index]
        assert works["totalCount"] == len(expected)
        seen += [edge["node"]["id"] for edge in works["edges"]]
        years = Counter(w.year for w in expected)
        citations = Counter[int | None]()
        for w in expected:
            citations[w.year] += w.citation_count
        assert works["groupBy"] == [
            {"key": str(year), "count": n, "citations": citations[year]}
            for year, n in sorted(years.items(), key=lambda item: (-item[1], str(item[0])))
        ]
        if not works["pageInfo"]["hasNextPage"]:
            break
        after = works["pageInfo"]["endCursor"]
    assert seen == [w.id for w in expected]


@pytest.mark.parametrize(
    "document",
    [
        '{ topic(id: "T100") { name works(first: 5) { totalCount edges { node { id title } } } } }',
        '{ source(id: "S100") { name works(first: 5, orderBy: CITATIONS_DESC) {'
        " edges { node { title venue { name } authors { researcher { name } } } } } } }",
        '{ institution(id: "I100") { name works(first: 3, filter: {yearFrom: 2010}) {'
        " totalCount edges { node { id topics { topic { name } } } } } } }",
        '{ node(id: "S100") { ... on Source { works(first: 2) { edges { node { id } } } } } }',
    ],
)
async def test_a_root_and_its_page_are_one_round_trip(
    store_factory: StoreFactory, api_for: ApiFactory, document: str
) -> None:
    store = await store_factory(graph())
    planned = await api_for(store)
    unplanned = await api_for(store, plan_reads=False)
    answer = await planned.post(document)
    assert "errors" not in answer, answer
    assert answer["extensions"]["storeCalls"] == 1  # type: ignore[index]
    assert (await unplanned.post(document))["data"] == answer["data"]


def test_every_list_but_the_feed_is_a_field() -> None:
    """Each declared list is served by a field made from it (`works_field`); the feed
    is the viewer's own (`viewer.feed`)."""
    served = Counter(
        metadata(field)[WORKS_LIST]
        for type_ in build_schema()._schema.type_map.values()
        for field in getattr(type_, "fields", {}).values()
        if WORKS_LIST in metadata(field)
    )
    assert set(served) == set(WorkList) - {WorkList.USER_FEED}


@pytest.mark.parametrize(
    ("spec", "complaint"),
    [
        (WorkListSpec("Topic", (out(ABOUT),)), "does not leave a Topic"),
        (WorkListSpec("Researcher", (out(AUTHORED), out(ABOUT))), "not at works"),
        (WorkListSpec("Researcher", ()), "not at works"),
        # Kept in order on its relationships: one hop, one list per relationship type.
        (WorkListSpec("User", (out(FOLLOWS), out(AUTHORED)), kept_order=True), "one-hop"),
        (WorkListSpec("Researcher", (out(AUTHORED),), kept_order=True), "already keeps"),
    ],
)
def test_a_broken_declaration_is_refused(spec: WorkListSpec, complaint: str) -> None:
    with pytest.raises(SpecError, match=complaint):
        check({**WORK_LISTS, WorkList.TOPIC_WORKS: spec})
    with pytest.raises(SpecError, match="without a declaration"):
        check({k: v for k, v in WORK_LISTS.items() if k is not WorkList.SOURCE_WORKS})
    assert into(ABOUT).target == "Work"
