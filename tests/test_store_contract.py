"""The store contract: both stores, the same graph, the same answers."""

from __future__ import annotations

import pytest

from researchgraph.graphstore.graph import (
    SLICE_COAUTHOR_EDGES,
    EdgeKind,
    EdgeRecord,
    SliceDrawing,
    SliceRequest,
)
from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.model import WorkList
from researchgraph.graphstore.pages import PageRequest, WorkFilter, WorksPageRequest
from researchgraph.graphstore.records import (
    AffiliationRecord,
    AuthorshipRecord,
    CollaborationRecord,
    CollaboratorsRequest,
    GraphBatch,
    ResearcherRecord,
    ResearcherStats,
    ResearcherTopicRecord,
    SourceRecord,
    StatGroup,
    StatsRequest,
    TopicsRequest,
    WorkRecord,
    WorkTopicRecord,
)

from conftest import StoreFactory
from graphs import small_graph


async def test_entities_by_id_align_with_keys_and_miss_as_none(store_factory: StoreFactory) -> None:
    store = await store_factory(small_graph())
    found = await store.researchers(["A2", "A999", "A1", "A2"])
    assert [r.id if r else None for r in found] == ["A2", None, "A1", "A2"]
    assert found[2] == ResearcherRecord(
        "A1", "Ada Example", orcid="0000-0002-1825-0097", summary="Graphs.", claimed=False
    )
    work = (await store.works(["W1"]))[0]
    assert work is not None
    assert (work.venue_id, work.citation_count, work.code_url) == (
        "S1",
        10,
        "https://github.com/x/w1",
    )
    assert [t and t.name for t in await store.topics(["T2", "T9"])] == ["Databases", None]
    assert [i and i.country_code for i in await store.institutions(["I1"])] == ["DE"]
    assert [s and s.type for s in await store.sources(["S1"])] == ["repository"]


ALL_STATS = frozenset(StatGroup)


async def test_researcher_stats(store_factory: StoreFactory) -> None:
    store = await store_factory(small_graph())
    stats = await store.researcher_stats([StatsRequest(i, ALL_STATS) for i in ["A1", "A4", "A999"]])
    zeros = ResearcherStats(0, 0, 0, 0, 0, 0)
    assert stats == [
        ResearcherStats(
            works=3, citations=15, topics=2, collaborators=2, close_collaborators=1, followers=0
        ),
        zeros,
        zeros,
    ]
    # Only the groups asked for are counted, each request its own, in one call.
    works, network, nothing = await store.researcher_stats(
        [
            StatsRequest("A1", frozenset({StatGroup.WORKS})),
            StatsRequest("A1", frozenset({StatGroup.NETWORK, StatGroup.FOLLOWERS})),
            StatsRequest("A999", frozenset()),
        ]
    )
    assert works == ResearcherStats(works=3, citations=15)
    assert network == ResearcherStats(collaborators=2, close_collaborators=1, followers=0)
    assert nothing == ResearcherStats()


async def test_relationship_lists_in_documented_order(store_factory: StoreFactory) -> None:
    store = await store_factory(small_graph())
    assert await store.affiliations(["A1", "A4"]) == [
        [
            AffiliationRecord("A1", "I1", (2021, 2022), True),
            AffiliationRecord("A1", "I2", (2018, 2019, 2020), False),
        ],
        [],
    ]
    assert (await store.authorships(["W2"]))[0] == [
        AuthorshipRecord("W2", "A1", 0, ("I1",)),
        AuthorshipRecord("W2", "A2", 1),
        AuthorshipRecord("W2", "A3", 2),
    ]
    assert (await store.work_topics(["W1"]))[0] == [
        WorkTopicRecord("W1", "T1", 0.9),
        WorkTopicRecord("W1", "T2", 0.5),
    ]
    topics = await store.researcher_topics([TopicsRequest("A1", 10), TopicsRequest("A2", 1)])
    assert topics == [
        [ResearcherTopicRecord("T1", 2, 2 / 3), ResearcherTopicRecord("T2", 2, 2 / 3)],
        [ResearcherTopicRecord("T1", 2, 2 / 3)],
    ]


async def test_collaborators_filter_and_limit(store_factory: StoreFactory) -> None:
    store = await store_factory(small_graph())
    found = await store.collaborators(
        [
            CollaboratorsRequest("A1", 1, 10),
            CollaboratorsRequest("A1", 2, 10),
            CollaboratorsRequest("A2", 1, 1),
            CollaboratorsRequest("A4", 1, 10),
        ]
    )
    assert found == [
        [CollaborationRecord("A2", 2, 2020, 2021), CollaborationRecord("A3", 1, 2021, 2021)],
        [CollaborationRecord("A2", 2, 2020, 2021)],
        [CollaborationRecord("A1", 2, 2020, 2021)],
        [],
    ]


async def test_work_pages_orders_cursors_and_filters(store_factory: StoreFactory) -> None:
    store = await store_factory(small_graph())
    newest, by_citations, filtered, unknown = await store.work_pages(
        [
            authored(PageRequest("A1", "YEAR_DESC", 2)),
            authored(PageRequest("A1", "CITATIONS_DESC", 10)),
            authored(
                PageRequest(
                    "A2", "YEAR_ASC", 10, filter=WorkFilter(year_from=2020, types=("ARTICLE",))
                )
            ),
            authored(PageRequest("A999", "YEAR_DESC", 10)),
        ]
    )
    assert [r.record.id for r in newest.rows] == ["W3", "W2"]
    assert (newest.total, newest.has_next) == (3, True)
    assert [r.key for r in newest.rows] == [-2022, -2021]
    assert [r.record.id for r in by_citations.rows] == ["W1", "W2", "W3"]
    assert [r.record.id for r in filtered.rows] == ["W2"] and filtered.total == 1
    assert (unknown.rows, unknown.total, unknown.has_next) == ([], 0, False)

    (rest,) = await store.work_pages(
        [authored(PageRequest("A1", "YEAR_DESC", 2, after=(-2021, "W2")))]
    )
    assert [r.record.id for r in rest.rows] == ["W1"]
    assert (rest.total, rest.has_next) == (3, False)


def authored(page: PageRequest) -> WorksPageRequest:
    return WorksPageRequest(WorkList.RESEARCHER_WORKS, page)


async def test_source_and_institution_pages(store_factory: StoreFactory) -> None:
    """A venue's works and the works an author lists an institution on, kept as
    records change: a newer version of a work moves it to another venue, and a newer
    authorship listing other institutions moves it between institutions."""
    store = await store_factory(small_graph())

    async def lists() -> list[list[str]]:
        pages = await store.work_pages(
            [
                WorksPageRequest(works, PageRequest(owner, "YEAR_DESC", 10))
                for works, owner in (
                    (WorkList.SOURCE_WORKS, "S1"),
                    (WorkList.SOURCE_WORKS, "S2"),
                    (WorkList.INSTITUTION_WORKS, "I1"),
                    (WorkList.INSTITUTION_WORKS, "I2"),
                    (WorkList.INSTITUTION_WORKS, "I999"),
                )
            ]
        )
        return [[row.record.id for row in page.rows] for page in pages]

    assert await lists() == [["W1"], [], ["W2", "W1"], ["W1"], []]
    await store.load(
        GraphBatch(
            sources=[SourceRecord("S2", "Journal Two")],
            works=[WorkRecord("W1", "First", type="PREPRINT", year=2020, venue_id="S2")],
            authorships=[AuthorshipRecord("W2", "A1", 0, ("I2",))],
        )
    )
    assert await lists() == [[], ["W1"], ["W1"], ["W2", "W1"], []]
    await store.load(GraphBatch(authorships=[AuthorshipRecord("W2", "A1", 0, ("I2",))]))
    assert await lists() == [[], ["W1"], ["W1"], ["W2", "W1"], []]


async def test_citation_and_topic_pages(store_factory: StoreFactory) -> None:
    store = await store_factory(small_graph())
    # Pages of several lists in one call, answered in the order asked.
    refs, cited, on_topic = await store.work_pages(
        [
            WorksPageRequest(WorkList.WORK_REFERENCES, PageRequest("W3", "YEAR_ASC", 5)),
            WorksPageRequest(WorkList.WORK_CITATIONS, PageRequest("W1", "YEAR_DESC", 5)),
            WorksPageRequest(WorkList.TOPIC_WORKS, PageRequest("T1", "CITATIONS_DESC", 5)),
        ]
    )
    assert [r.record.id for r in refs.rows] == ["W1", "W2"]
    assert [r.record.id for r in cited.rows] == ["W3", "W4"]
    assert [r.record.id for r in on_topic.rows] == ["W1", "W2"]
    assert refs.rows[0].record.venue_id == "S1"


async def test_researcher_pages(store_factory: StoreFactory) -> None:
    store = await store_factory(small_graph())
    everyone = await store.all_researchers(PageRequest(None, "WORKS_DESC", 3))
    # A1 and A2 have 3 works each (tie broken by id), A3 has 2, A4 none.
    assert [r.record.id for r in everyone.rows] == ["A1", "A2", "A3"]
    assert (everyone.total, everyone.has_next) == (4, True)
    cited = await store.all_researchers(PageRequest(None, "CITATIONS_DESC", 10, after=(-18, "A2")))
    assert [r.record.id for r in cited.rows] == ["A1", "A3", "A4"]
    (members,) = await store.institution_researchers([PageRequest("I2", "WORKS_DESC", 10)])
    assert [r.record.id for r in members.rows] == ["A1", "A2"]


async def test_neighbours_ranked_per_kind(store_factory: StoreFactory) -> None:
    store = await store_factory(small_graph())
    ada, w1, nobody = await store.neighbours(["A1", "W1", "A999"], per_kind=10)
    assert [(n.kind, n.id) for n in ada] == [
        (NodeKind.RESEARCHER, "A2"),
        (NodeKind.RESEARCHER, "A3"),
        (NodeKind.WORK, "W1"),
        (NodeKind.WORK, "W2"),
        (NodeKind.WORK, "W3"),
        (NodeKind.TOPIC, "T1"),
        (NodeKind.TOPIC, "T2"),
        (NodeKind.INSTITUTION, "I2"),
        (NodeKind.INSTITUTION, "I1"),
    ]
    assert ada[0].strength == 2.0  # works shared with A2
    assert [n.id for n in w1] == ["A1", "A2", "W4", "W3", "T1", "T2"]  # W4 is cited more
    assert nobody == []
    (trimmed,) = await store.neighbours(["A1"], per_kind=1)
    assert [n.id for n in trimmed] == ["A2", "W1", "T1", "I2"]
    # A1 and A3 each share two works with A2: a tie at the cut goes to the smaller id.
    (tied,) = await store.neighbours(["A2"], per_kind=1)
    assert [n.id for n in tied if n.kind is NodeKind.RESEARCHER] == ["A1"]


async def test_a_slice_drawn(store_factory: StoreFactory) -> None:
    store = await store_factory(small_graph())
    drawn, alone = await store.draw_slices(
        [SliceRequest("A1", ("A1", "A2", "W1", "W3", "T2", "I2")), SliceRequest("A4", ("A4",))]
    )
    assert drawn.labels == {
        "A1": "Ada Example",
        "A2": "Bo Example",
        "W1": "First",
        "W3": "Third",
        "T2": "Databases",
        "I2": "Institute Two",
    }
    assert drawn.edges == [
        EdgeRecord("W1", "T2", EdgeKind.ABOUT, 0.5),
        EdgeRecord("W3", "T2", EdgeKind.ABOUT, 0.7),
        EdgeRecord("A1", "I2", EdgeKind.AFFILIATED_WITH, 3.0),
        EdgeRecord("A2", "I2", EdgeKind.AFFILIATED_WITH, 1.0),
        EdgeRecord("A1", "W1", EdgeKind.AUTHORED),
        EdgeRecord("A1", "W3", EdgeKind.AUTHORED),
        EdgeRecord("A2", "W1", EdgeKind.AUTHORED),
        EdgeRecord("W3", "W1", EdgeKind.CITES),
        EdgeRecord("A1", "A2", EdgeKind.COAUTHOR, 2.0),
        EdgeRecord("A1", "T2", EdgeKind.RESEARCHES, 2.0),  # from the center only
    ]
    assert alone == SliceDrawing({"A4": "Di Example"}, [])


def _circle(size: int) -> tuple[GraphBatch, dict[tuple[str, str], int]]:
    """`size` researchers who all wrote together: A{i} and A{j} share a work for
    each of 1 + (i * j) % 7, so strengths differ and tie; their shared works."""
    people = [f"A{i + 1}" for i in range(size)]
    works, authorships = [], []
    shared: dict[tuple[str, str], int] = {}
    for i, a in enumerate(people):
        for j in range(i + 1, size):
            b = people[j]
            pair = (min(a, b), max(a, b))
            shared[pair] = 1 + (i * j) % 7
            for n in range(shared[pair]):
                work_id = f"W{i + 1:02d}{j + 1:02d}{n}"
                works.append(WorkRecord(work_id, "Together", year=2020))
                authorships += [AuthorshipRecord(work_id, a, 0), AuthorshipRecord(work_id, b, 1)]
    researchers = [ResearcherRecord(p, p) for p in people]
    return GraphBatch(researchers=researchers, works=works, authorships=authorships), shared


async def test_a_slice_draws_each_researchers_strongest_coauthorships(
    store_factory: StoreFactory,
) -> None:
    """Among 16 researchers who all wrote together, each brings their 10 strongest
    co-authorships among the ids asked about (most shared works, then by id), and a
    pair two of them bring is one edge."""
    batch, shared = _circle(16)
    store = await store_factory(batch)
    asked = tuple(r.id for r in batch.researchers[1:])  # not A1
    (drawn,) = await store.draw_slices([SliceRequest("A2", asked)])
    edges = drawn.edges

    def strength(a: str, b: str) -> int:
        return shared[(min(a, b), max(a, b))]

    expected: set[EdgeRecord] = set()
    for a in asked:
        ranked = sorted((b for b in asked if b != a), key=lambda b: (-strength(a, b), b))
        for b in ranked[:SLICE_COAUTHOR_EDGES]:
            pair = (min(a, b), max(a, b))
            expected.add(EdgeRecord(*pair, EdgeKind.COAUTHOR, float(strength(a, b))))
    assert set(edges) == expected
    assert len(edges) == len(expected) < len(asked) * (len(asked) - 1) // 2


async def test_loading_twice_changes_nothing(store_factory: StoreFactory) -> None:
    store = await store_factory(small_graph())
    before = (
        await store.researcher_stats([StatsRequest(i, ALL_STATS) for i in ["A1", "A2"]]),
        await store.neighbours(["A1"], 10),
    )
    await store.load(small_graph())
    after = (
        await store.researcher_stats([StatsRequest(i, ALL_STATS) for i in ["A1", "A2"]]),
        await store.neighbours(["A1"], 10),
    )
    assert before == after


async def test_later_batches_update_what_works_imply(store_factory: StoreFactory) -> None:
    """Co-authorship, topics and counts follow the authorships, topic links and years
    that arrive in later batches (the Neo4j store keeps them on the graph)."""
    store = await store_factory(small_graph())
    await store.load(
        GraphBatch(
            # A newer version of W3 (a year earlier, cited), which Di (A4) co-wrote.
            works=[WorkRecord("W3", "Third", type="ARTICLE", year=2018, citation_count=7)],
            authorships=[AuthorshipRecord("W3", "A4", 1)],
            # W4 (by Bo and Cy) is also about T1; the work itself is not reloaded.
            work_topics=[WorkTopicRecord("W4", "T1", 0.6)],
        )
    )
    assert await store.collaborators(
        [CollaboratorsRequest("A1", 1, 10), CollaboratorsRequest("A4", 1, 10)]
    ) == [
        [
            CollaborationRecord("A2", 2, 2020, 2021),
            CollaborationRecord("A3", 1, 2021, 2021),
            CollaborationRecord("A4", 1, 2018, 2018),
        ],
        [CollaborationRecord("A1", 1, 2018, 2018)],
    ]
    assert await store.researcher_stats([StatsRequest(i, ALL_STATS) for i in ["A1", "A4"]]) == [
        ResearcherStats(
            works=3, citations=22, topics=2, collaborators=3, close_collaborators=1, followers=0
        ),
        ResearcherStats(
            works=1, citations=7, topics=1, collaborators=1, close_collaborators=0, followers=0
        ),
    ]
    assert await store.researcher_topics([TopicsRequest("A2", 10), TopicsRequest("A3", 10)]) == [
        [
            ResearcherTopicRecord("T1", 3, 1.0),
            ResearcherTopicRecord("T2", 1, 1 / 3),
            ResearcherTopicRecord("T3", 1, 1 / 3),
        ],
        [ResearcherTopicRecord("T1", 2, 1.0), ResearcherTopicRecord("T3", 1, 0.5)],
    ]
    ada, di = await store.neighbours(["A1", "A4"], 10)
    (ada_cut,) = await store.neighbours(["A1"], 2)
    assert [n.id for n in ada_cut if n.kind is NodeKind.WORK] == ["W1", "W3"]
    assert [(n.id, n.strength) for n in ada if n.kind is NodeKind.RESEARCHER] == [
        ("A2", 2.0),
        ("A3", 1.0),
        ("A4", 1.0),
    ]
    assert [(n.id, n.kind, n.strength) for n in di] == [
        ("A1", NodeKind.RESEARCHER, 1.0),
        ("W3", NodeKind.WORK, 7.0),
        ("T2", NodeKind.TOPIC, 1.0),
    ]
    (drawn,) = await store.draw_slices([SliceRequest("A4", ("A1", "A4", "T2", "W3"))])
    assert drawn.edges == [
        EdgeRecord("W3", "T2", EdgeKind.ABOUT, 0.7),
        EdgeRecord("A1", "W3", EdgeKind.AUTHORED),
        EdgeRecord("A4", "W3", EdgeKind.AUTHORED),
        EdgeRecord("A1", "A4", EdgeKind.COAUTHOR, 1.0),
        EdgeRecord("A4", "T2", EdgeKind.RESEARCHES, 1.0),
    ]


async def test_partial_records_never_erase_known_values(store_factory: StoreFactory) -> None:
    store = await store_factory(small_graph())
    # What a work's authorship says of its author: a name, nothing else.
    await store.load(GraphBatch(researchers=[ResearcherRecord("A1", "Ada E.")]))
    (ada,) = await store.researchers(["A1"])
    assert ada == ResearcherRecord("A1", "Ada E.", orcid="0000-0002-1825-0097", summary="Graphs.")


# Two versions of one record: the newer drops the ORCID the older gave, and changes
# the name; a work's newer version has no venue, its older one has.
OLD_ADA = ResearcherRecord("A1", "Ada", orcid="0000-0002-1825-0097", updated="2024-01-05")
NEW_ADA = ResearcherRecord("A1", "Ada E. Lovelace", summary="Graphs.", updated="2025-03-01")
OLD_W1 = WorkRecord("W1", "First", year=2020, venue_id="S1", updated="2024-01-05")
NEW_W1 = WorkRecord("W1", "First, revised", year=2020, citation_count=9, updated="2025-03-01")
SOURCE = SourceRecord("S1", "Journal of Graphs")


@pytest.mark.parametrize(
    "loads",
    [
        [[OLD_ADA, NEW_ADA]],
        [[NEW_ADA, OLD_ADA]],
        [[OLD_ADA], [NEW_ADA]],
        [[NEW_ADA], [OLD_ADA]],
    ],
    ids=["one batch, old first", "one batch, new first", "old then new", "new then old"],
)
async def test_the_newer_version_wins_and_the_older_fills_what_it_lacks(
    store_factory: StoreFactory, loads: list[list[ResearcherRecord]]
) -> None:
    store = await store_factory(GraphBatch(sources=[SOURCE]))
    for researchers in loads:
        works = [OLD_W1 if r is OLD_ADA else NEW_W1 for r in researchers]
        await store.load(GraphBatch(researchers=researchers, works=works))
    assert await store.researchers(["A1"]) == [
        ResearcherRecord(
            "A1",
            "Ada E. Lovelace",
            orcid="0000-0002-1825-0097",
            summary="Graphs.",
            updated="2025-03-01",
        )
    ]
    assert await store.works(["W1"]) == [
        WorkRecord(
            "W1", "First, revised", year=2020, citation_count=9, venue_id="S1", updated="2025-03-01"
        )
    ]


async def test_links_to_unknown_nodes_are_skipped(store_factory: StoreFactory) -> None:
    store = await store_factory(small_graph())
    await store.load(
        GraphBatch(
            authorships=[AuthorshipRecord("W1", "A999", 5), AuthorshipRecord("W999", "A1", 0)]
        )
    )
    assert [a.researcher_id for a in (await store.authorships(["W1"]))[0]] == ["A1", "A2"]
    assert (await store.researcher_stats([StatsRequest("A1", ALL_STATS)]))[0].works == 3


@pytest.mark.parametrize("order", ["YEAR_DESC", "YEAR_ASC", "CITATIONS_DESC"])
async def test_pages_partition_the_list(store_factory: StoreFactory, order: str) -> None:
    store = await store_factory(small_graph())
    seen: list[str] = []
    after = None
    while True:
        (page,) = await store.work_pages([authored(PageRequest("A2", order, 1, after=after))])
        seen += [r.record.id for r in page.rows]
        if not page.has_next:
            break
        after = (page.rows[-1].key, page.rows[-1].record.id)
    assert sorted(seen) == ["W1", "W2", "W4"] and len(seen) == 3
