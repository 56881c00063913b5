"""Records and constants of the graph primitives behind `graphSlice`.

A store answers two batch questions: the strongest neighbours of a node, and the
labels of a set of nodes with the edges among them. The slice itself is assembled
above the store.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from researchgraph.graphstore.ids import NodeKind


class EdgeKind(StrEnum):
    AUTHORED = "AUTHORED"  # researcher -> work
    ABOUT = "ABOUT"  # work -> topic, weight = topic score
    CITES = "CITES"  # work -> work
    AFFILIATED_WITH = "AFFILIATED_WITH"  # researcher -> institution, weight = years
    COAUTHOR = "COAUTHOR"  # researcher -> researcher (lower id first), weight = shared works
    RESEARCHES = "RESEARCHES"  # slice center -> topic, weight = works on it


# Kinds that appear in slices; sources are reached through `Work.venue` instead.
SLICE_KINDS = (NodeKind.RESEARCHER, NodeKind.WORK, NodeKind.TOPIC, NodeKind.INSTITUTION)

# The most neighbours of one kind a store returns per node, strongest first:
# bounds what one hub (a popular topic, a prolific author) can cost a slice.
NEIGHBOUR_CAP = 100
# The co-authorships a slice draws from each researcher in it: their strongest with
# other researchers in the slice, found among their `NEIGHBOUR_CAP` strongest
# co-authors (kept ranked on them). All of them, among a prolific circle, were 16.5k
# edges for 193 researchers at `medium` (a second of the slice's time, unreadable
# on screen); this way a slice's edges follow its nodes, not the graph's density.
SLICE_COAUTHOR_EDGES = 10


@dataclass(frozen=True, slots=True)
class SliceRequest:
    """A slice's chosen nodes, `center` among `ids`, to draw: their labels and the
    edges among them. Edges of every kind join any two of them, except RESEARCHES,
    which is drawn from `center` only: a topic edge per other researcher costs a walk
    over all their works and repeats what AUTHORED and ABOUT show; and COAUTHOR,
    which joins each researcher to their `SLICE_COAUTHOR_EDGES` strongest co-authors
    among `ids` (most shared works, then by id) of their `NEIGHBOUR_CAP` strongest."""

    center: str
    ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GraphNodeRecord:
    id: str
    kind: NodeKind
    label: str | None  # a work's title, which the source may lack


@dataclass(frozen=True, slots=True)
class NeighbourRecord:
    """A node adjacent to the asked-for one; `strength` ranks neighbours of one kind.
    No label, no edge: a depth-2 slice reads thousands of neighbours to keep a few
    hundred, whose labels and edges it reads then (`SliceRequest`)."""

    id: str
    kind: NodeKind
    strength: float


@dataclass(frozen=True, slots=True)
class EdgeRecord:
    source: str
    target: str
    kind: EdgeKind
    weight: float | None = None


@dataclass(frozen=True, slots=True)
class SliceDrawing:
    """A `SliceRequest` answered: each id's label (None where the source has none),
    and the edges among the ids, by kind, source and target."""

    labels: dict[str, str | None]
    edges: list[EdgeRecord]


def first_of_each_kind(neighbours: list[NeighbourRecord], limit: int) -> list[NeighbourRecord]:
    """The first `limit` neighbours of each kind, in the given order."""
    kept: Counter[NodeKind] = Counter()
    trimmed = []
    for neighbour in neighbours:
        if kept[neighbour.kind] < limit:
            kept[neighbour.kind] += 1
            trimmed.append(neighbour)
    return trimmed
