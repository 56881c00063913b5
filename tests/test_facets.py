"""Facets: `WorkConnection.groupBy` over whatever the connection selects, and
`Researcher.collaboratorsByInstitution`; both stores, the same buckets."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest
from test_kept_order import crowded

from researchgraph.graphstore.facets import (
    NEIGHBOUR_FACET_WORKS,
    FacetBucketRecord,
    FacetRequest,
    InstitutionFacetRequest,
    WorkFacet,
    WorkSelection,
)
from researchgraph.graphstore.model import WorkList
from researchgraph.graphstore.pages import WorkFilter, work_matches, work_sort_key
from researchgraph.graphstore.records import AuthorshipRecord, GraphBatch, ResearcherRecord

from conftest import ApiFactory, StoreFactory
from graphs import small_graph

B = FacetBucketRecord
ADA = WorkSelection(WorkList.RESEARCHER_WORKS, "A1")


@pytest.mark.parametrize(
    ("request_", "expected"),
    [
        (
            FacetRequest(ADA, WorkFacet.YEAR, 10),
            [B("2020", "2020", 1, 10), B("2021", "2021", 1, 5), B("2022", "2022", 1, 0)],
        ),
        (
            FacetRequest(ADA, WorkFacet.TYPE, 10),
            [B("ARTICLE", "ARTICLE", 2, 5), B("PREPRINT", "PREPRINT", 1, 10)],
        ),
        (
            FacetRequest(ADA, WorkFacet.TOPIC, 10),
            [B("T1", "Graphs", 2, 15), B("T2", "Databases", 2, 10)],
        ),
        (FacetRequest(ADA, WorkFacet.VENUE, 10), [B("S1", "arXiv", 1, 10)]),
        (
            FacetRequest(ADA, WorkFacet.INSTITUTION, 10),
            [B("I1", "Institute One", 2, 15), B("I2", "Institute Two", 1, 10)],
        ),
        (
            FacetRequest(ADA, WorkFacet.AUTHOR, 10),
            [
                B("A1", "Ada Example", 3, 15),
                B("A2", "Bo Example", 2, 15),
                B("A3", "Cy Example", 1, 5),
            ],
        ),
        (FacetRequest(ADA, WorkFacet.AUTHOR, 1), [B("A1", "Ada Example", 3, 15)]),
        (
            FacetRequest(
                WorkSelection(WorkList.RESEARCHER_WORKS, "A1", WorkFilter(types=("ARTICLE",))),
                WorkFacet.YEAR,
                10,
            ),
            [B("2021", "2021", 1, 5), B("2022", "2022", 1, 0)],
        ),
        (
            FacetRequest(
                WorkSelection(WorkList.RESEARCHER_WORKS, "A1", WorkFilter(year_from=2021)),
                WorkFacet.TOPIC,
                10,
            ),
            [B("T1", "Graphs", 1, 5), B("T2", "Databases", 1, 0)],
        ),
        (
            FacetRequest(WorkSelection(WorkList.TOPIC_WORKS, "T1"), WorkFacet.AUTHOR, 10),
            [
                B("A1", "Ada Example", 2, 15),
                B("A2", "Bo Example", 2, 15),
                B("A3", "Cy Example", 1, 5),
            ],
        ),
        (
            FacetRequest(WorkSelection(WorkList.WORK_CITATIONS, "W1"), WorkFacet.YEAR, 10),
            [B("2019", "2019", 1, 3), B("2022", "2022", 1, 0)],
        ),
        (
            FacetRequest(WorkSelection(WorkList.WORK_REFERENCES, "W3"), WorkFacet.TYPE, 10),
            [B("ARTICLE", "ARTICLE", 1, 5), B("PREPRINT", "PREPRINT", 1, 10)],
        ),
        (FacetRequest(WorkSelection(WorkList.RESEARCHER_WORKS, "A4"), WorkFacet.YEAR, 10), []),
        (FacetRequest(WorkSelection(WorkList.TOPIC_WORKS, "T99"), WorkFacet.TYPE, 10), []),
    ],
    ids=lambda value: "" if isinstance(value, list) else None,
)
async def test_work_facets(
    store_factory: StoreFactory, request_: FacetRequest, expected: list[FacetBucketRecord]
) -> None:
    store = await store_factory(small_graph())
    assert await store.work_facets([request_]) == [expected]


async def test_many_facets_in_one_call_stay_aligned(store_factory: StoreFactory) -> None:
    store = await store_factory(small_graph())
    asked = [
        FacetRequest(ADA, WorkFacet.VENUE, 5),
        FacetRequest(WorkSelection(WorkList.TOPIC_WORKS, "T3"), WorkFacet.TYPE, 5),
        FacetRequest(ADA, WorkFacet.VENUE, 5),
        FacetRequest(WorkSelection(WorkList.RESEARCHER_WORKS, "A2"), WorkFacet.YEAR, 2),
    ]
    assert await store.work_facets(asked) == [
        [B("S1", "arXiv", 1, 10)],
        [B("DATASET", "DATASET", 1, 3)],
        [B("S1", "arXiv", 1, 10)],
        [B("2019", "2019", 1, 3), B("2020", "2020", 1, 10)],
    ]
    assert await store.work_facets([]) == []


async def test_collaborators_by_institution(store_factory: StoreFactory) -> None:
    store = await store_factory(small_graph())
    found = await store.collaborator_institutions(
        [InstitutionFacetRequest("A1", 10), InstitutionFacetRequest("A4", 10)]
    )
    # Ada's co-authors: Bo (at I2; W1 and W2 shared, 15 citations) and Cy (no affiliation).
    assert found == [[B("I2", "Institute Two", 1, 15)], []]


GROUPED = """
{
  researcher(id: "A1") {
    works(first: 1, filter: {yearFrom: 2020}) {
      totalCount
      byYear: groupBy(by: YEAR) { key label count citations }
      byTopic: groupBy(by: TOPIC, first: 1) { key label count citations }
    }
    collaboratorsByInstitution { key label count citations }
  }
  topic(id: "T1") { works { groupBy(by: AUTHOR, first: 2) { key count } } }
  work(id: "W1") { citedBy { groupBy(by: TYPE) { key count } } }
}
"""


async def test_group_by_over_http(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    api = await api_for(await store_factory(small_graph()))
    body = await api.post(GROUPED)
    assert "errors" not in body, body
    assert body["data"] == {
        "researcher": {
            "works": {
                "totalCount": 3,
                "byYear": [
                    {"key": "2020", "label": "2020", "count": 1, "citations": 10},
                    {"key": "2021", "label": "2021", "count": 1, "citations": 5},
                    {"key": "2022", "label": "2022", "count": 1, "citations": 0},
                ],
                "byTopic": [{"key": "T1", "label": "Graphs", "count": 2, "citations": 15}],
            },
            "collaboratorsByInstitution": [
                {"key": "I2", "label": "Institute Two", "count": 1, "citations": 15}
            ],
        },
        "topic": {"works": {"groupBy": [{"key": "A1", "count": 2}, {"key": "A2", "count": 2}]}},
        "work": {
            "citedBy": {"groupBy": [{"key": "ARTICLE", "count": 1}, {"key": "DATASET", "count": 1}]}
        },
    }


async def test_facets_batch_into_one_store_call(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    query = "{ researcher(id: $id) { works(first: 0) { groupBy(by: YEAR) { key } } } }"
    one = await api.post(query.replace("$id", '"A1"'))
    facets = " ".join(f"f{f.value}: groupBy(by: {f.value}) {{ key }}" for f in WorkFacet)
    every = await api.post(f'{{ researcher(id: "A1") {{ works(first: 0) {{ {facets} }} }} }}')
    assert "errors" not in every, every
    calls = [b["extensions"]["storeCalls"] for b in (one, every)]  # type: ignore[index]
    assert calls[1] == calls[0], calls  # six facets cost what one does: one batch


async def test_group_by_is_bounded_and_priced(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    refused = await api.post(
        '{ researcher(id: "A1") { works { groupBy(by: YEAR, first: 101) { key } } } }'
    )
    [error] = refused["errors"]  # type: ignore[misc]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    small = await api.post(
        '{ topic(id: "T1") { works(first: 0) { groupBy(by: YEAR, first: 1) { key } } } }'
    )
    large = await api.post(
        '{ topic(id: "T1") { works(first: 0) { groupBy(by: YEAR, first: 51) { key } } } }'
    )
    estimates = [b["extensions"]["cost"]["estimated"] for b in (small, large)]  # type: ignore[index]
    assert estimates[1] - estimates[0] == 50, estimates


def _hub(works: int) -> GraphBatch:
    """`works` works on T1 by A1, a quarter also by A2, with few years (ties)."""
    batch = crowded(works)
    return replace(
        batch,
        researchers=[*batch.researchers, ResearcherRecord("A2", "Second")],
        authorships=[
            *batch.authorships,
            *(AuthorshipRecord(w.id, "A2", 1) for w in batch.works[::4]),
        ],
    )


HUB_FACETS = """
query($filter: WorkFilter) { topic(id: "T1") { works(first: 0, filter: $filter) {
  totalCount groupedWorks(by: AUTHOR) years: groupedWorks(by: YEAR)
  authors: groupBy(by: AUTHOR) { key count citations } byYear: groupBy(by: YEAR) { key count }
} } }"""


async def test_a_facet_by_a_neighbour_counts_the_newest_works(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    """Over more matching works than a facet by a neighbour counts, it counts the
    newest and says how many; years count every one. Both stores alike."""
    size = NEIGHBOUR_FACET_WORKS + 300
    batch = _hub(size)
    api = await api_for(await store_factory(batch))
    for wanted in (None, WorkFilter(year_from=2012)):
        matching = [w for w in batch.works if work_matches(w, wanted)]
        newest = sorted(matching, key=lambda w: (work_sort_key(w, "YEAR_DESC"), w.id))
        counted = newest[:NEIGHBOUR_FACET_WORKS]
        by_a2 = [w for w in counted if (int(w.id[1:]) - 1) % 4 == 0]
        variables = {"filter": {"yearFrom": 2012} if wanted else None}
        works = (await api.data(HUB_FACETS, variables))["topic"]["works"]
        assert works["totalCount"] == len(matching)
        assert works["groupedWorks"] == min(len(matching), NEIGHBOUR_FACET_WORKS)
        assert works["years"] == len(matching)
        assert works["authors"] == [
            {
                "key": "A1",
                "count": len(counted),
                "citations": sum(w.citation_count for w in counted),
            },
            {"key": "A2", "count": len(by_a2), "citations": sum(w.citation_count for w in by_a2)},
        ]
        years = Counter(w.year for w in matching if w.year is not None)
        assert {b["key"]: b["count"] for b in works["byYear"]} == {
            str(y): n for y, n in years.items()
        }
