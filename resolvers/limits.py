"""Every list is bounded: these caps and their checks. A value over a cap is an
error, never a silent truncation, and it is refused before any store call."""

from __future__ import annotations

from researchgraph.graphstore.ids import MalformedId, NodeKind, kind_of
from researchgraph.resolvers.errors import BadUserInput

MAX_FIRST = 100  # connections (works, researchers)
MAX_TOPICS = 50
MAX_COLLABORATORS = 100
MAX_SLICE_NODES = 500
MAX_SLICE_DEPTH = 2
MAX_MIN_SHARED = 1000
MAX_NODES = 100  # ids in one `nodes` lookup


def bounded(name: str, value: int, low: int, high: int) -> int:
    if not low <= value <= high:
        raise BadUserInput(
            f"`{name}` must be between {low} and {high}; got {value}.",
            argument=name,
            min=low,
            max=high,
        )
    return value


def first(value: int, cap: int = MAX_FIRST) -> int:
    return bounded("first", value, 0, cap)


def node_id(value: str, *kinds: NodeKind, argument: str = "id") -> NodeKind:
    """The kind of a well-formed id, optionally one of `kinds`; else BAD_USER_INPUT."""
    try:
        kind = kind_of(value)
    except MalformedId:
        raise BadUserInput(
            f"`{value[:40]}` is not a node id (expected e.g. A5023888391, W2741809807).",
            argument=argument,
        ) from None
    if kinds and kind not in kinds:
        names = " or ".join(k.value.lower() for k in kinds)
        raise BadUserInput(
            f"`{value}` is a {kind.value.lower()} id, not a {names} id.", argument=argument
        )
    return kind
