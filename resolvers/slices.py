"""The research-graph slice around a node.

Depth 1 is the center's strongest neighbours of each kind (a researcher's works,
co-authors, topics and institutions), interleaved kind by kind so every kind is
represented when `limit` cuts in. Depth 2 adds neighbours of the depth-1 researchers
and works (topics and institutions are hubs, not neighbourhoods), ranked by how many
slice nodes they touch, while room remains under `limit`. Never more than `limit` nodes (then `truncated`); every
edge joins two slice nodes; node `weight` is relevance in [0, 1] within its kind.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import chain, zip_longest

from researchgraph.graphstore.graph import (
    NEIGHBOUR_CAP,
    SLICE_KINDS,
    EdgeRecord,
    NeighbourRecord,
    SliceRequest,
)
from researchgraph.graphstore.ids import NodeKind
from researchgraph.resolvers import limits
from researchgraph.resolvers.context import Context

# Neighbours per kind taken from each depth-1 node when growing to depth 2.
SECOND_RING_PER_KIND = 10
_GROWN_AT_DEPTH_TWO = (NodeKind.RESEARCHER, NodeKind.WORK)


@dataclass(frozen=True, slots=True)
class SliceNode:
    id: str
    kind: NodeKind
    label: str | None
    weight: float


@dataclass(frozen=True, slots=True)
class SliceResult:
    center: str
    nodes: list[SliceNode]
    edges: list[EdgeRecord]
    truncated: bool


@dataclass(slots=True)
class _Candidate:
    kind: NodeKind
    strength: float
    links: int = 1


async def _stored(ctx: Context, center: str, kind: NodeKind) -> bool:
    """Whether the center's record is stored (a researcher's is in the planned read)."""
    match kind:
        case NodeKind.RESEARCHER:
            return await ctx.loaders.researcher.load(center) is not None
        case NodeKind.WORK:
            return await ctx.loaders.work.load(center) is not None
        case NodeKind.TOPIC:
            return await ctx.loaders.topic.load(center) is not None
        case NodeKind.INSTITUTION:
            return await ctx.loaders.institution.load(center) is not None
    return False


def _interleaved(ring: list[NeighbourRecord]) -> list[NeighbourRecord]:
    """Strongest of each kind first, then the second of each kind, and so on."""
    by_kind = [[n for n in ring if n.kind is kind] for kind in SLICE_KINDS]
    return [n for n in chain.from_iterable(zip_longest(*by_kind)) if n is not None]


def _weighted(
    chosen: dict[str, _Candidate], center: str, labels: dict[str, str | None]
) -> list[SliceNode]:
    strongest: dict[NodeKind, float] = {}
    for node_id, candidate in chosen.items():
        if node_id != center:
            kind = candidate.kind
            strongest[kind] = max(strongest.get(kind, 0.0), candidate.strength)
    nodes = []
    for node_id, candidate in chosen.items():
        top = strongest.get(candidate.kind, 0.0)
        weight = 1.0 if node_id == center or top <= 0 else round(candidate.strength / top, 4)
        nodes.append(SliceNode(node_id, candidate.kind, labels[node_id], weight))
    return nodes


def first_ring_size(depth: int, limit: int) -> int:
    """Neighbours of each kind read around the center; the arguments checked."""
    limits.bounded("depth", depth, 1, limits.MAX_SLICE_DEPTH)
    limits.bounded("limit", limit, 1, limits.MAX_SLICE_NODES)
    return min(limit, NEIGHBOUR_CAP)


async def graph_slice(
    ctx: Context, center: str, depth: int, limit: int, kinds: list[NodeKind] | None
) -> SliceResult | None:
    """None when the center does not exist."""
    center_kind = limits.node_id(center, *SLICE_KINDS)
    per_kind = first_ring_size(depth, limit)
    wanted = set(kinds) if kinds else set(SLICE_KINDS)
    if not await _stored(ctx, center, center_kind):
        return None

    ring = [n for n in await ctx.loaders.neighbours.load((center, per_kind)) if n.kind in wanted]
    # A kind that filled its quota may have had more neighbours than we asked for.
    truncated = any(count >= per_kind for count in Counter(n.kind for n in ring).values())
    chosen: dict[str, _Candidate] = {center: _Candidate(center_kind, 1.0)}
    for neighbour in _interleaved(ring):
        if neighbour.id in chosen:
            continue
        if len(chosen) >= limit:
            truncated = True
            break
        chosen[neighbour.id] = _Candidate(neighbour.kind, neighbour.strength)

    if depth >= 2:
        room = limit - len(chosen)
        # Grow from the strongest researchers and works only: topics and institutions
        # are hubs whose members are not "near" the center, and past `room` new
        # nodes nothing more could be kept anyway.
        growing = [
            node_id
            for node_id, candidate in chosen.items()
            if node_id != center and candidate.kind in _GROWN_AT_DEPTH_TWO
        ][: max(room, 0)]
        truncated = truncated or (room <= 0 and bool(ring))
        second = await ctx.loaders.neighbours.load_many(
            [(node_id, SECOND_RING_PER_KIND) for node_id in growing]
        )
        candidates: dict[str, _Candidate] = {}
        for neighbour in chain.from_iterable(second):
            node_id = neighbour.id
            if node_id in chosen or neighbour.kind not in wanted:
                continue
            if node_id in candidates:
                candidates[node_id].links += 1
                candidates[node_id].strength = max(candidates[node_id].strength, neighbour.strength)
            else:
                candidates[node_id] = _Candidate(neighbour.kind, neighbour.strength)
        ranked = sorted(candidates.items(), key=lambda c: (-c[1].links, -c[1].strength, c[0]))
        truncated = truncated or len(ranked) > room
        chosen.update(ranked[: max(room, 0)])

    drawing = await ctx.loaders.slice_drawings.load(SliceRequest(center, tuple(sorted(chosen))))
    nodes = _weighted(chosen, center, drawing.labels)
    return SliceResult(center, nodes, drawing.edges, truncated)
