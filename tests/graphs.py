"""Small graphs built in code, with facts the tests can state exactly."""

from __future__ import annotations

from researchgraph.graphstore.records import (
    AffiliationRecord,
    AuthorshipRecord,
    CitationRecord,
    GraphBatch,
    InstitutionRecord,
    ResearcherRecord,
    SourceRecord,
    TopicRecord,
    WorkRecord,
    WorkTopicRecord,
)


def small_graph() -> GraphBatch:
    """Ada (A1) wrote W1, W2, W3; Bo (A2) W1, W2, W4; Cy (A3) W2, W4; Di (A4) nothing.

    W3 cites W1 and W2; W4 cites W1. Ada is at I1 now (2021-2022), was at I2 before.
    """
    return GraphBatch(
        institutions=[
            InstitutionRecord("I1", "Institute One", country_code="DE", type="education"),
            InstitutionRecord("I2", "Institute Two", country_code="FR"),
        ],
        topics=[
            TopicRecord("T1", "Graphs", field="Computer Science"),
            TopicRecord("T2", "Databases"),
            TopicRecord("T3", "Biology"),
        ],
        sources=[SourceRecord("S1", "arXiv", type="repository")],
        researchers=[
            ResearcherRecord("A1", "Ada Example", orcid="0000-0002-1825-0097", summary="Graphs."),
            ResearcherRecord("A2", "Bo Example", open_to_collaborate=True),
            ResearcherRecord("A3", "Cy Example"),
            ResearcherRecord("A4", "Di Example"),
        ],
        works=[
            WorkRecord(
                "W1",
                "First",
                type="PREPRINT",
                year=2020,
                abstract="About graphs.",
                citation_count=10,
                venue_id="S1",
                code_url="https://github.com/x/w1",
                arxiv_id="2001.00001",
                doi="https://doi.org/10.1/w1",
            ),
            WorkRecord("W2", "Second", type="ARTICLE", year=2021, citation_count=5),
            WorkRecord("W3", "Third", type="ARTICLE", year=2022, citation_count=0),
            WorkRecord("W4", "Fourth", type="DATASET", year=2019, citation_count=3),
        ],
        authorships=[
            AuthorshipRecord("W1", "A1", 0, ("I1",)),
            AuthorshipRecord("W1", "A2", 1, ("I2",)),
            AuthorshipRecord("W2", "A1", 0, ("I1",)),
            AuthorshipRecord("W2", "A2", 1),
            AuthorshipRecord("W2", "A3", 2),
            AuthorshipRecord("W3", "A1", 0),
            AuthorshipRecord("W4", "A2", 0),
            AuthorshipRecord("W4", "A3", 1),
        ],
        work_topics=[
            WorkTopicRecord("W1", "T1", 0.9),
            WorkTopicRecord("W1", "T2", 0.5),
            WorkTopicRecord("W2", "T1", 0.8),
            WorkTopicRecord("W3", "T2", 0.7),
            WorkTopicRecord("W4", "T3", 0.95),
        ],
        citations=[
            CitationRecord("W3", "W1"),
            CitationRecord("W3", "W2"),
            CitationRecord("W4", "W1"),
        ],
        affiliations=[
            AffiliationRecord("A1", "I1", (2021, 2022), current=True),
            AffiliationRecord("A1", "I2", (2018, 2019, 2020)),
            AffiliationRecord("A2", "I2", (2020,), current=True),
        ],
    )


def prolific_graph(works: int, coauthors: int, owner: str = "A100", base: int = 1000) -> GraphBatch:
    """`owner` wrote `works` works, each with one of `coauthors` co-authors in turn,
    each about one of five topics; everyone is affiliated with I100. Work and
    co-author ids start at `base`, so graphs with different bases can be merged."""
    people = [f"A{base + i}" for i in range(coauthors)]
    return GraphBatch(
        institutions=[InstitutionRecord("I100", "Big Institute")],
        topics=[TopicRecord(f"T{100 + t}", f"Topic {t}") for t in range(5)],
        sources=[SourceRecord("S100", "Journal")],
        researchers=[
            ResearcherRecord(owner, "Prolific Person"),
            *(ResearcherRecord(p, f"Coauthor {p}") for p in people),
        ],
        works=[
            WorkRecord(
                f"W{base + w}",
                f"Work {w}",
                type="ARTICLE",
                year=2000 + w % 25,
                citation_count=w % 17,
                venue_id="S100",
            )
            for w in range(works)
        ],
        authorships=[
            a
            for w in range(works)
            for a in (
                AuthorshipRecord(f"W{base + w}", owner, 0, ("I100",)),
                AuthorshipRecord(f"W{base + w}", people[w % coauthors], 1, ("I100",)),
            )
        ],
        work_topics=[WorkTopicRecord(f"W{base + w}", f"T{100 + w % 5}", 0.5) for w in range(works)],
        citations=[CitationRecord(f"W{base + w}", f"W{base + w - 1}") for w in range(1, works)],
        affiliations=[
            AffiliationRecord(p, "I100", (2024,), current=True) for p in [owner, *people]
        ],
    )


def merged(*batches: GraphBatch) -> GraphBatch:
    """One batch holding every record of `batches`."""
    into = GraphBatch()
    for batch in batches:
        for name in into.__dataclass_fields__:
            getattr(into, name).extend(getattr(batch, name))
    return into


_TYPES = ("ARTICLE", "DATASET", "PREPRINT")


def crowded(works: int) -> GraphBatch:
    """`works` works (W1, W2, …) on topic T1, in venue S1, by A1 at I1, each citing W1:
    years from few values (ties across pages), some missing, citation counts with
    ties."""
    records = [
        WorkRecord(
            f"W{i + 1}",
            f"Work {i}",
            type=_TYPES[i % 3],
            year=None if i % 11 == 0 else 2010 + i % 6,
            citation_count=(i * 7) % 5,
            venue_id="S1",
        )
        for i in range(works)
    ]
    return GraphBatch(
        topics=[TopicRecord("T1", "Crowded")],
        sources=[SourceRecord("S1", "Venue")],
        institutions=[InstitutionRecord("I1", "Place")],
        researchers=[ResearcherRecord("A1", "Prolific")],
        works=records,
        authorships=[AuthorshipRecord(w.id, "A1", 0, ("I1",)) for w in records],
        work_topics=[WorkTopicRecord(w.id, "T1", 0.5) for w in records],
        citations=[CitationRecord(w.id, "W1") for w in records[1:]],
    )
