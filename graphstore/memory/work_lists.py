"""The declared lists of works (`graphstore.model`) walked over `MemoryGraph`: each hop
of a declaration is a step along one of its adjacency indexes. A hop with no step here
fails at import."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from types import MappingProxyType

from researchgraph.graphstore.memory.graph import MemoryGraph
from researchgraph.graphstore.model import (
    ABOUT,
    AUTHORED,
    CITES,
    FOLLOWS,
    LISTS_INSTITUTION,
    PUBLISHED_IN,
    WORK_LISTS,
    Hop,
    SpecError,
    WorkList,
    into,
    out,
)

Step = Callable[[MemoryGraph, str], Collection[str]]

_STEPS: Mapping[Hop, Step] = MappingProxyType(
    {
        out(AUTHORED): lambda g, researcher: g.works_of.get(researcher, ()),
        into(ABOUT): lambda g, topic: g.works_about.get(topic, ()),
        # A venue id that names no loaded source links nothing (Neo4j's MATCH).
        into(PUBLISHED_IN): lambda g, source: (
            g.works_in.get(source, ()) if source in g.sources else ()
        ),
        into(LISTS_INSTITUTION): lambda g, institution: g.works_at.get(institution, ()),
        out(CITES): lambda g, work: g.references_of.get(work, ()),
        into(CITES): lambda g, work: g.citations_of.get(work, ()),
        out(FOLLOWS): lambda g, user: g.followed_by.get(user, ()),
    }
)

_unwalkable = {hop for spec in WORK_LISTS.values() for hop in spec.hops} - set(_STEPS)
if _unwalkable:
    raise SpecError(f"no memory index for {sorted(str(h) for h in _unwalkable)}")


def members(graph: MemoryGraph, works: WorkList, owner: str) -> Collection[str]:
    """The ids of the works on `owner`'s list, each once."""
    found: Collection[str] = (owner,)
    for hop in WORK_LISTS[works].hops:
        step = _STEPS[hop]
        found = {reached for node in found for reached in step(graph, node)}
    return found
