"""`collaborationPath`: the shortest co-authorship chain between two researchers.

A bidirectional breadth-first search: each step expands the smaller frontier by one
level with one batched store call, so a search costs at most `maxHops` calls plus
one for the works that link each step. It is bounded twice over: by `maxHops`
(capped) and by `MAX_VISITED` researchers; past either it answers null. Among
equally short chains it picks the one through the smallest ids, so it is stable.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from researchgraph.graphstore.ids import NodeKind
from researchgraph.resolvers import limits
from researchgraph.resolvers.context import Context

MAX_HOPS = 6
MAX_VISITED = 100_000


@dataclass(frozen=True, slots=True)
class PathStep:
    source: str
    target: str
    work_ids: list[str]


@dataclass(frozen=True, slots=True)
class PathResult:
    researcher_ids: list[str]
    steps: list[PathStep]


class _Side:
    """One end of the search: who was reached, and from whom."""

    def __init__(self, start: str) -> None:
        self.parent: dict[str, str | None] = {start: None}
        self.frontier = [start]

    def chain(self, node: str) -> list[str]:
        """From this side's start to `node`."""
        chain = [node]
        while (previous := self.parent[chain[-1]]) is not None:
            chain.append(previous)
        return chain[::-1]


async def _expand(ctx: Context, side: _Side, other: _Side) -> str | None:
    """Grow `side` by one level; the smallest id both sides now reach, if any."""
    found = await ctx.loaders.coauthors.load_many(side.frontier)
    reached: list[str] = []
    for node, neighbours in zip(side.frontier, found, strict=True):
        for neighbour in neighbours:
            if neighbour not in side.parent:
                side.parent[neighbour] = node
                reached.append(neighbour)
    side.frontier = sorted(reached)
    meetings = [node for node in side.frontier if node in other.parent]
    return min(meetings) if meetings else None


async def collaboration_path(
    ctx: Context, source: str, target: str, max_hops: int
) -> PathResult | None:
    limits.node_id(source, NodeKind.RESEARCHER)
    limits.node_id(target, NodeKind.RESEARCHER)
    limits.bounded("maxHops", max_hops, 1, MAX_HOPS)
    ends = await ctx.loaders.researcher.load_many([source, target])
    if None in ends:
        return None
    if source == target:
        return PathResult([source], [])
    forward, backward = _Side(source), _Side(target)
    meeting = None
    for _ in range(max_hops):
        if not forward.frontier or not backward.frontier:
            return None
        if len(forward.parent) + len(backward.parent) > MAX_VISITED:
            return None
        smaller, larger = (
            (forward, backward)
            if len(forward.frontier) <= len(backward.frontier)
            else (backward, forward)
        )
        meeting = await _expand(ctx, smaller, larger)
        if meeting is not None:
            break
    if meeting is None:
        return None
    chain = forward.chain(meeting) + backward.chain(meeting)[::-1][1:]
    pairs = list(itertools.pairwise(chain))
    works = await ctx.loaders.shared_works.load_many(pairs)
    return PathResult(chain, [PathStep(a, b, w) for (a, b), w in zip(pairs, works, strict=True)])
