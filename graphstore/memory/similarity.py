"""Related works and similar researchers over `MemoryGraph`, with the bounds and
orderings of the Neo4j store's Cypher (`neo4j/similarity.py`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from researchgraph.graphstore.derived import Derived
from researchgraph.graphstore.memory.graph import MemoryGraph
from researchgraph.graphstore.records import ResearcherRecord, WorkRecord
from researchgraph.graphstore.similarity import (
    CITERS_READ,
    COMMON_REFERENCE_CAP,
    TOPIC_CANDIDATES,
    TOPICS_READ,
    ReasonKind,
    Similar,
    ranked,
    similar,
)


def related_works(graph: MemoryGraph, work_id: str, limit: int) -> list[Similar[WorkRecord]]:
    if work_id not in graph.works:
        return []
    shared: dict[str, dict[ReasonKind, set[str]]] = defaultdict(lambda: defaultdict(set))
    for reference in graph.references_of.get(work_id, ()):
        citing = graph.citations_of.get(reference, set())
        if len(citing) <= COMMON_REFERENCE_CAP:
            for other in citing - {work_id}:
                shared[other][ReasonKind.SHARED_REFERENCES].add(reference)
    newest = sorted(
        graph.citations_of.get(work_id, ()),
        key=lambda c: (-(graph.works[c].year or 0), c),
    )[:CITERS_READ]
    for citer in newest:
        for other in graph.references_of.get(citer, set()) - {work_id}:
            shared[other][ReasonKind.CO_CITED].add(citer)
    topics = set(graph.topics_of.get(work_id, {}))
    for topic in topics:
        most_cited = sorted(
            graph.works_about.get(topic, ()), key=lambda w: (-graph.works[w].citation_count, w)
        )[:TOPIC_CANDIDATES]
        for other in most_cited:
            if other != work_id:
                shared[other]
    for other, found in shared.items():
        found[ReasonKind.SHARED_TOPICS] = topics & set(graph.topics_of.get(other, {}))
    related = [similar(graph.works[other], reasons) for other, reasons in shared.items()]
    return ranked(related, limit)


def _venues(graph: MemoryGraph, researcher_id: str) -> set[str]:
    works = (graph.works[w] for w in graph.works_of.get(researcher_id, ()))
    return {w.venue_id for w in works if w.venue_id and w.venue_id in graph.sources}


def similar_researchers(
    graph: MemoryGraph,
    derived: Derived,
    researcher_id: str,
    limit: int,
    record_of: Callable[[str], ResearcherRecord],
) -> list[Similar[ResearcherRecord]]:
    """`record_of`: a researcher's record as the store serves it (claims marked)."""
    if researcher_id not in graph.researchers:
        return []
    topics = derived.topics_of(researcher_id)  # the Neo4j store's RESEARCHES
    coauthors = derived.coauthors_of(researcher_id).keys()
    candidates: set[str] = set()
    for topic, _ in sorted(topics.items(), key=lambda e: (-e[1], e[0]))[:TOPICS_READ]:
        on_topic = derived.researchers_on(topic).items()
        candidates |= {
            a for a, _ in sorted(on_topic, key=lambda e: (-e[1], e[0]))[:TOPIC_CANDIDATES]
        }
    venues = _venues(graph, researcher_id)
    found = [
        similar(
            record_of(other),
            {
                ReasonKind.SHARED_TOPICS: topics.keys() & derived.topics_of(other).keys(),
                ReasonKind.SHARED_VENUES: venues & _venues(graph, other),
            },
        )
        for other in candidates - coauthors - {researcher_id}
    ]
    return ranked(found, limit)
