"""Neighbours by similarity, the same rules for both stores:

- a work's related works share references with it (bibliographic coupling), are cited
  beside it by the same works (co-citation), or share its topics;
- a researcher's similar researchers share topics and venues with them and are not
  their co-authors (those they know already).

Every walk is bounded: a reference cited by more than `COMMON_REFERENCE_CAP` works
says little about two works that cite it and is skipped; co-citation reads the
`CITERS_READ` newest works citing the work; each topic offers its `TOPIC_CANDIDATES`
most cited works (researchers: those with most works on it, on the researcher's
`TOPICS_READ` topics with most of their works)."""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, Protocol, TypeVar

COMMON_REFERENCE_CAP = 1000
CITERS_READ = 500
TOPIC_CANDIDATES = 50
TOPICS_READ = 5
EXAMPLES = 3  # ids shown per reason


class ReasonKind(StrEnum):
    SHARED_REFERENCES = "SHARED_REFERENCES"
    CO_CITED = "CO_CITED"
    SHARED_TOPICS = "SHARED_TOPICS"
    SHARED_VENUES = "SHARED_VENUES"


# Points per shared item: a shared reference or citing work is rarer, so stronger
# evidence, than a shared topic or venue.
WEIGHTS: dict[ReasonKind, int] = {
    ReasonKind.SHARED_REFERENCES: 2,
    ReasonKind.CO_CITED: 2,
    ReasonKind.SHARED_TOPICS: 1,
    ReasonKind.SHARED_VENUES: 1,
}


@dataclass(frozen=True, slots=True)
class SimilarRequest:
    node_id: str
    limit: int


@dataclass(frozen=True, slots=True)
class Reason:
    kind: ReasonKind
    count: int
    examples: tuple[str, ...]  # the smallest ids of what is shared, at most `EXAMPLES`


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_Identified)


@dataclass(frozen=True, slots=True)
class Similar(Generic[R]):
    """A neighbour by similarity: its record (read with its score, in the same round
    trip), score and reasons."""

    record: R
    score: int
    reasons: tuple[Reason, ...]


def similar(record: R, shared: Mapping[ReasonKind, Set[str]]) -> Similar[R]:
    """A neighbour and what it shares, scored by `WEIGHTS`; reasons in `ReasonKind`
    order, only those with something shared."""
    reasons = tuple(
        Reason(kind, len(shared[kind]), tuple(sorted(shared[kind])[:EXAMPLES]))
        for kind in ReasonKind
        if shared.get(kind)
    )
    return Similar(record, sum(WEIGHTS[r.kind] * r.count for r in reasons), reasons)


def ranked(found: list[Similar[R]], limit: int) -> list[Similar[R]]:
    """Best first (score descending, then id), nothing with a zero score."""
    return sorted((s for s in found if s.score > 0), key=lambda s: (-s.score, s.record.id))[:limit]
