"""GraphQL enums. Orderings and edge kinds are the store's own enums, exposed as is."""

from __future__ import annotations

from enum import Enum

import strawberry

from researchgraph.graphstore.graph import EdgeKind
from researchgraph.graphstore.ids import NodeKind as StoreNodeKind
from researchgraph.graphstore.pages import ResearcherOrder, WorkOrder
from researchgraph.resolvers.abilities import AbilityReason


@strawberry.enum(description="The kinds of node a graph slice or search can hold.")
class SliceKind(Enum):
    RESEARCHER = "RESEARCHER"
    WORK = "WORK"
    TOPIC = "TOPIC"
    INSTITUTION = "INSTITUTION"

    def to_store(self) -> StoreNodeKind:
        return StoreNodeKind(self.value)


@strawberry.enum
class WorkType(Enum):
    ARTICLE = "ARTICLE"
    PREPRINT = "PREPRINT"
    BOOK = "BOOK"
    BOOK_CHAPTER = "BOOK_CHAPTER"
    DATASET = "DATASET"
    DISSERTATION = "DISSERTATION"
    REVIEW = "REVIEW"
    REPORT = "REPORT"
    EDITORIAL = "EDITORIAL"
    LETTER = "LETTER"
    OTHER = "OTHER"

    @classmethod
    def of(cls, value: str) -> WorkType:
        return cls.__members__.get(value, cls.OTHER)


@strawberry.enum(description="Bands of the trust score: see `TrustSnapshot`.")
class TrustBand(Enum):
    EMERGING = "EMERGING"
    DEVELOPING = "DEVELOPING"
    ESTABLISHED = "ESTABLISHED"
    DISTINGUISHED = "DISTINGUISHED"


@strawberry.enum(
    description="L0 no works; L1 public author record; L2 with ORCID; L3 claimed by a user."
)
class VerificationLevel(Enum):
    L0 = "L0"
    L1 = "L1"
    L2 = "L2"
    L3 = "L3"


# The store's own orderings and edge kinds, registered as GraphQL enums as they are.
strawberry.enum(AbilityReason, description="Why the viewer may not do something now.")
strawberry.enum(WorkOrder, description="Ties break by id.")
strawberry.enum(ResearcherOrder, description="Ties break by id.")
strawberry.enum(
    EdgeKind,
    description=(
        "AUTHORED researcher->work; ABOUT work->topic (weight: score); CITES work->work; "
        "AFFILIATED_WITH researcher->institution (weight: years); COAUTHOR researcher->"
        "researcher (weight: shared works); RESEARCHES researcher->topic (weight: works)."
    ),
)

__all__ = [
    "AbilityReason",
    "EdgeKind",
    "ResearcherOrder",
    "SliceKind",
    "TrustBand",
    "VerificationLevel",
    "WorkOrder",
    "WorkType",
]
