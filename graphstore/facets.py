"""Facets: a list of works (or a researcher's collaborators) counted by a property or
a neighbour, as buckets `key, label, count, citations`, most works first, then by key.
A work without the value (no year, no venue) falls in no bucket; a work with several
(topics, authors, institutions) counts once in each.

A facet by a neighbour reads every neighbour of every work it counts: over a hub's
list (a topic of 100k works, three authors each) that grew with the graph to seconds.
So those facets count at most `NEIGHBOUR_FACET_WORKS` works, the newest (then by id)
of those matching: a read as long as that, whatever the list's size, and the answer
says how many it counted (`grouped_works`). Years and types count every work."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from researchgraph.graphstore.model import WorkList
from researchgraph.graphstore.pages import WorkFilter


class WorkFacet(StrEnum):
    YEAR = "YEAR"
    TYPE = "TYPE"
    TOPIC = "TOPIC"
    VENUE = "VENUE"
    INSTITUTION = "INSTITUTION"  # of the works' authors, as each authorship lists them
    AUTHOR = "AUTHOR"


# Facets by a neighbour, and the most works one counts (the newest of the selection).
NEIGHBOUR_FACETS = frozenset(
    {WorkFacet.TOPIC, WorkFacet.VENUE, WorkFacet.INSTITUTION, WorkFacet.AUTHOR}
)
NEIGHBOUR_FACET_WORKS = 2_000


def grouped_works(facet: WorkFacet, matching: int) -> int:
    """How many of a selection's `matching` works a facet counts."""
    return min(matching, NEIGHBOUR_FACET_WORKS) if facet in NEIGHBOUR_FACETS else matching


@dataclass(frozen=True, slots=True)
class WorkSelection:
    """What a connection of works selects: the works of `owner`'s `works` list that
    `filter` keeps (all its pages, not one)."""

    works: WorkList
    owner: str
    filter: WorkFilter | None = None


@dataclass(frozen=True, slots=True)
class FacetRequest:
    """The first `limit` buckets of `facet` over `selection`."""

    selection: WorkSelection
    facet: WorkFacet
    limit: int


@dataclass(frozen=True, slots=True)
class FacetBucketRecord:
    key: str  # the year, the type, or the entity's id
    label: str  # the year, the type, or the entity's name
    count: int  # works (for collaborators: people)
    citations: int  # the citations of those works


def bucket_order(bucket: FacetBucketRecord) -> tuple[int, str]:
    return -bucket.count, bucket.key


@dataclass(frozen=True, slots=True)
class InstitutionFacetRequest:
    """A researcher's co-authors by the institutions they are affiliated with: count
    = co-authors, citations = the citations of the works shared with them."""

    researcher_id: str
    limit: int
