"""Cypher patterns of the declared relationships (`graphstore.model`): a hop, a list of
works' path from owner to works and its size, as fixed text made from the
declarations, never from input."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.model import (
    RESEARCHER,
    WORK,
    Direction,
    Hop,
    OwnerLabel,
    WorkListSpec,
)

# The node label of each kind a slice or a search shows, and the property that names
# its nodes: a name, or a work's title.
NAMED: Mapping[NodeKind, tuple[str, str]] = MappingProxyType(
    {
        NodeKind.RESEARCHER: (RESEARCHER, "name"),
        NodeKind.WORK: (WORK, "title"),
        NodeKind.TOPIC: (OwnerLabel.TOPIC, "name"),
        NodeKind.INSTITUTION: (OwnerLabel.INSTITUTION, "name"),
    }
)


def _arrow(hop: Hop) -> str:
    kind = hop.relationship.type
    return f"-[:{kind}]->" if hop.direction is Direction.OUT else f"<-[:{kind}]-"


def step(hop: Hop, start: str, end: str) -> str:
    """One hop from the variable `start` to `end`, the far end's label checked."""
    return f"({start}){_arrow(hop)}({end}:{hop.target})"


def path(spec: WorkListSpec, owner: str, n: str, labelled: bool = True) -> str:
    """The path from the node pattern `owner` to each work `n`. `labelled` checks
    the labels on the way; without, the relationship types alone say what the ends
    are (each type joins one pair of labels), which spares a label check per row."""
    text = owner
    for position, hop in enumerate(spec.hops):
        last = position == len(spec.hops) - 1
        label = f":{WORK if last else hop.target}" if labelled else ""
        text += f"{_arrow(hop)}({n if last else ''}{label})"
    return text


def owner_node(spec: WorkListSpec, id_expression: str) -> str:
    """The owner as a node pattern found by its id."""
    return f"(:{spec.owner} {{id: {id_expression}}})"


def degree(spec: WorkListSpec, owner: str) -> str:
    """How many works the one-hop list of the bound node `owner` holds: its degree, a
    count the store keeps (no walk)."""
    (hop,) = spec.hops
    return f"COUNT {{ ({owner}){_arrow(hop)}() }}"
