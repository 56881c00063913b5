"""The graph's relationships, declared once. Every list of works a field pages over is
one `WorkListSpec` here: whose list it is (the owner's label) and the hops from the
owner to the works. Everything that reads such a list derives from that entry: the
Neo4j batch page query and the planned fragment (`neo4j/paths.py`), the facet branch,
and the in-memory store's walk (`memory/graph.py`). Adding a list is one entry here
and one schema field; a spec that does not lead from its owner to works fails at
import, never as an empty answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class Direction(StrEnum):
    OUT = "OUT"  # from the relationship's start to its end
    IN = "IN"


@dataclass(frozen=True, slots=True)
class Relationship:
    """A relationship type with the labels of its ends."""

    type: str
    start: str
    end: str


AUTHORED = Relationship("AUTHORED", "Researcher", "Work")
ABOUT = Relationship("ABOUT", "Work", "Topic")
CITES = Relationship("CITES", "Work", "Work")
PUBLISHED_IN = Relationship("PUBLISHED_IN", "Work", "Source")
FOLLOWS = Relationship("FOLLOWS", "User", "Researcher")
# The institutions a work's authors list on it, one relationship per (work,
# institution): kept with the authorships, so a list of an institution's works reads
# an index, not every authorship's `institutionIds`.
LISTS_INSTITUTION = Relationship("LISTS_INSTITUTION", "Work", "Institution")


@dataclass(frozen=True, slots=True)
class Hop:
    relationship: Relationship
    direction: Direction

    @property
    def source(self) -> str:
        """The label this hop leaves from."""
        rel = self.relationship
        return rel.start if self.direction is Direction.OUT else rel.end

    @property
    def target(self) -> str:
        """The label this hop arrives at."""
        rel = self.relationship
        return rel.end if self.direction is Direction.OUT else rel.start


def out(relationship: Relationship) -> Hop:
    return Hop(relationship, Direction.OUT)


def into(relationship: Relationship) -> Hop:
    return Hop(relationship, Direction.IN)


# A work's own neighbours, as the reads around a work walk them.
WORK_VENUE = out(PUBLISHED_IN)
WORK_TOPICS = out(ABOUT)
WORK_AUTHORS = into(AUTHORED)
WORK_INSTITUTIONS = out(LISTS_INSTITUTION)


class OwnerLabel(StrEnum):
    """Entities that are roots of planned reads of their lists alone (a researcher
    and a work have plans of their own); each GraphQL type is named as its label."""

    TOPIC = "Topic"
    SOURCE = "Source"
    INSTITUTION = "Institution"


class WorkList(StrEnum):
    """The lists of works the API pages and counts: whose works, and how linked."""

    RESEARCHER_WORKS = "RESEARCHER_WORKS"
    TOPIC_WORKS = "TOPIC_WORKS"
    SOURCE_WORKS = "SOURCE_WORKS"
    INSTITUTION_WORKS = "INSTITUTION_WORKS"
    WORK_REFERENCES = "WORK_REFERENCES"
    WORK_CITATIONS = "WORK_CITATIONS"
    USER_FEED = "USER_FEED"  # owner: a user; the works of the researchers they follow


@dataclass(frozen=True, slots=True)
class WorkListSpec:
    owner: str  # the owner's label
    hops: tuple[Hop, ...]
    # Kept in order when works change (`neo4j/kept_order.py`): a page is a walk along
    # an index from its cursor, as long as the page at any size of the list. For the
    # lists that grow with the graph (a topic's, a venue's, a work's citations).
    kept_order: bool = False
    # Tallied by (year, type) when works change (`neo4j/tallies.py`): facets by year
    # or type and a filtered total read the tallies, not every work. For the lists
    # of the owners that gather works from the whole graph.
    tallied: bool = False

    @property
    def single_hop(self) -> bool:
        """One relationship from owner to work: never a work twice, so its size is
        the owner's degree (no walk), and planned reads may inline it."""
        return len(self.hops) == 1


RESEARCHER = "Researcher"
WORK = "Work"

WORK_LISTS: Mapping[WorkList, WorkListSpec] = MappingProxyType(
    {
        WorkList.RESEARCHER_WORKS: WorkListSpec(RESEARCHER, (out(AUTHORED),), kept_order=True),
        WorkList.TOPIC_WORKS: WorkListSpec(
            OwnerLabel.TOPIC, (into(ABOUT),), kept_order=True, tallied=True
        ),
        WorkList.SOURCE_WORKS: WorkListSpec(
            OwnerLabel.SOURCE, (into(PUBLISHED_IN),), kept_order=True, tallied=True
        ),
        WorkList.INSTITUTION_WORKS: WorkListSpec(
            OwnerLabel.INSTITUTION, (into(LISTS_INSTITUTION),), kept_order=True, tallied=True
        ),
        # A work's references are the source's own short list; its citations grow.
        WorkList.WORK_REFERENCES: WorkListSpec(WORK, (out(CITES),)),
        WorkList.WORK_CITATIONS: WorkListSpec(WORK, (into(CITES),), kept_order=True),
        WorkList.USER_FEED: WorkListSpec("User", (out(FOLLOWS), out(AUTHORED))),
    }
)


class SpecError(TypeError):
    """A declaration that cannot describe a list of works."""


def check(lists: Mapping[WorkList, WorkListSpec]) -> None:
    """Every list declared, each a path of hops from its owner's label to works."""
    missing = set(WorkList) - set(lists)
    if missing:
        raise SpecError(f"lists without a declaration: {sorted(missing)}")
    for name, spec in lists.items():
        at = spec.owner
        for hop in spec.hops:
            if hop.source != at:
                raise SpecError(f"{name}: {hop.relationship.type} does not leave a {at}")
            at = hop.target
        if not spec.hops or at != WORK:
            raise SpecError(f"{name}: its hops end at {at}, not at works")
    kept: dict[str, WorkList] = {}
    for name, spec in lists.items():
        if spec.tallied and not spec.single_hop:
            raise SpecError(f"{name}: only a one-hop list can be tallied")
        if not spec.kept_order:
            continue
        if not spec.single_hop:
            raise SpecError(f"{name}: only a one-hop list can be kept in order")
        # The order lives on the relationship: one list's per type.
        kind = spec.hops[0].relationship.type
        if kind in kept:
            raise SpecError(f"{name}: {kind} already keeps the order of {kept[kind]}")
        kept[kind] = name


check(WORK_LISTS)
