"""Facet buckets over `MemoryGraph`, with the rules of the Neo4j store's Cypher
(`neo4j/facets.py`): the same lists, the same values per work, the same order."""

from __future__ import annotations

import heapq
from collections import defaultdict

from researchgraph.graphstore.facets import (
    NEIGHBOUR_FACET_WORKS,
    NEIGHBOUR_FACETS,
    FacetBucketRecord,
    FacetRequest,
    WorkFacet,
    bucket_order,
)
from researchgraph.graphstore.memory.graph import MemoryGraph
from researchgraph.graphstore.memory.work_lists import members
from researchgraph.graphstore.pages import WorkOrder, work_matches, work_sort_key
from researchgraph.graphstore.records import WorkRecord


def _values(graph: MemoryGraph, work: WorkRecord, facet: WorkFacet) -> dict[str, str]:
    """The work's buckets: key -> label."""
    match facet:
        case WorkFacet.YEAR:
            return {str(work.year): str(work.year)} if work.year is not None else {}
        case WorkFacet.TYPE:
            return {work.type: work.type}
        case WorkFacet.TOPIC:
            return {t: graph.topics[t].name for t in graph.topics_of.get(work.id, {})}
        case WorkFacet.VENUE:
            venue = graph.sources.get(work.venue_id) if work.venue_id else None
            return {venue.id: venue.name} if venue else {}
        case WorkFacet.INSTITUTION:
            listed = graph.listed_institutions.get(work.id, ())
            return {i: graph.institutions[i].name for i in listed}
        case WorkFacet.AUTHOR:
            return {a: graph.researchers[a].name for a in graph.authors_of.get(work.id, {})}


def buckets(
    labels: dict[str, str], counts: dict[str, int], citations: dict[str, int], limit: int
) -> list[FacetBucketRecord]:
    found = [FacetBucketRecord(k, labels[k], counts[k], citations[k]) for k in labels]
    return sorted(found, key=bucket_order)[:limit]


def _newest_first(work: WorkRecord) -> tuple[int, str]:
    return work_sort_key(work, WorkOrder.YEAR_DESC), work.id


def work_facet(graph: MemoryGraph, request: FacetRequest) -> list[FacetBucketRecord]:
    labels: dict[str, str] = {}
    counts: dict[str, int] = defaultdict(int)
    citations: dict[str, int] = defaultdict(int)
    selection = request.selection
    matching = (graph.works[w] for w in members(graph, selection.works, selection.owner))
    works = [w for w in matching if work_matches(w, selection.filter)]
    if request.facet in NEIGHBOUR_FACETS:
        works = heapq.nsmallest(NEIGHBOUR_FACET_WORKS, works, key=_newest_first)
    for work in works:
        for key, label in _values(graph, work, request.facet).items():
            labels[key] = label
            counts[key] += 1
            citations[key] += work.citation_count
    return buckets(labels, counts, citations, request.limit)


def collaborator_institutions(
    graph: MemoryGraph, researcher_id: str, limit: int
) -> list[FacetBucketRecord]:
    people: dict[str, set[str]] = defaultdict(set)
    works: dict[str, set[str]] = defaultdict(set)
    for work_id in graph.works_of.get(researcher_id, ()):
        for coauthor in graph.authors_of.get(work_id, {}):
            if coauthor == researcher_id:
                continue
            for institution in graph.affiliations_of.get(coauthor, {}):
                people[institution].add(coauthor)
                works[institution].add(work_id)
    labels = {i: graph.institutions[i].name for i in people}
    counts = {i: len(p) for i, p in people.items()}
    citations = {i: sum(graph.works[w].citation_count for w in works[i]) for i in works}
    return buckets(labels, counts, citations, limit)
