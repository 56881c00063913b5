"""Facets: a list of works (or a researcher's collaborators) counted by a property or
a neighbour, as buckets `key, label, count, citations`, most works first, then by key.
A work without the value (no year, no venue) falls in no bucket; a work with several
(topics, authors, institutions) counts once in each."""

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
